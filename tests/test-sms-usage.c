/* test-sms-usage.c: what people ask by SMS reaches the hub's dashboard.
 *
 * The responder opens content.db read-only, so it counts in smsd.db: the items it answered (per
 * item, day and language, channel "sms") and the searches that found nothing, digits masked.
 * The counts are posted to a real HTTP server on 127.0.0.1 as a signed usage batch and checked
 * there as the hub checks them (sync_usage_batch_parse_verified); batch numbers go upwards, a
 * hub that fails keeps nothing from being sent again, and sms.ini's usage keys come in pairs.
 */
#include "config.h"
#include "sms-responder.h"
#include "sms-usage.h"
#include "sync-error.h"
#include "test-sync-server.h"
#include "test-util.h"

#include <string.h>

/* 2026-11-19, a fixed clock. */
#define NOW 1795000000

static ContentStore *store;
static sqlite3 *db;
static SyncKey *key;

static void
setup (void)
{
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  ck_assert_int_eq (sqlite3_open (":memory:", &db), SQLITE_OK);
  key = sync_key_generate ();
}

static void
teardown (void)
{
  g_clear_pointer (&key, sync_key_free);
  sqlite3_close (db);
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* Texts @from sends, a minute apart, through the responder as the daemon runs it. */
static void
send_texts (const char *from, const char *const *texts)
{
  g_auto(SmsConfig) config = { 0 };
  g_autoptr(SmsResponder) responder = NULL;
  g_autoptr(GError) error = NULL;

  sms_config_init (&config);
  responder = sms_responder_new (store, db, &config, &error);
  ck_assert_msg (responder != NULL, "%s", error ? error->message : "");
  for (gsize i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(SmsReply) reply = sms_responder_handle (responder, from, texts[i], NOW + 60 * i, &error);
      ck_assert_msg (reply != NULL && reply->text != NULL, "%s", texts[i]);
    }
}

/* The object of @rows whose @member is @value, or NULL. */
static JsonObject *
find_row (JsonArray *rows, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_strcmp0 (json_object_get_string_member (row, member), value) == 0)
        return row;
    }
  return NULL;
}

/* The count of @item in @lang in @rows, 0 when there is no such row. */
static gint64
count_of (JsonArray *rows, const char *item, const char *lang)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_str_equal (json_object_get_string_member (row, "item"), item)
          && g_str_equal (json_object_get_string_member (row, "lang"), lang))
        return json_object_get_int_member (row, "count");
    }
  return 0;
}

/* The batch @server received @index-th, verified as the hub verifies it. */
static SyncUsageBatch *
received (TestSyncServer *server, guint index)
{
  g_autoptr(GPtrArray) posted = test_sync_server_get_posted (server);
  g_autoptr(GError) error = NULL;
  SyncUsageBatch *batch;

  ck_assert_uint_gt (posted->len, index);
  batch = sync_usage_batch_parse_verified (g_ptr_array_index (posted, index), &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  return batch;
}

START_TEST (test_counts_reach_the_hub)
{
  static const char *const vi[] = { "BTXH", "LUAT", "1", "4", "xyzzy 0912345678", NULL };
  static const char *const en[] = { "EN", "BTXH", NULL };
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_dir, 0, 1);
  g_autofree char *url = g_strconcat (test_sync_server_get_url (server), "usage", NULL);
  g_autofree char *state = g_build_filename (test_dir, "usage.batch", NULL);
  g_autofree char *day = sms_usage_day (NOW);
  g_autoptr(SmsSql) sql = sms_sql_new_sqlite (db);
  g_autoptr(SmsUsage) usage = NULL;
  g_autoptr(SyncUsageBatch) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *row;

  send_texts ("0912000001", vi);
  send_texts ("+84912000002", en);
  usage = sms_usage_new (sql, &error);
  ck_assert_ptr_nonnull (usage);
  ck_assert_msg (sms_usage_post (usage, key, state, url, NOW + 3600, &error), "%s", error ? error->message : "");
  first = received (server, 0);
  ck_assert_str_eq (sync_usage_batch_get_sender (first), sync_key_get_id (key));
  /* Answers counted per item and language, on the day in Vietnam, as SMS. */
  row = find_row (sync_usage_batch_get_rows (first), "lang", "en");
  ck_assert_ptr_nonnull (row);
  ck_assert_str_eq (json_object_get_string_member (row, "item"), "social-assistance");
  ck_assert_str_eq (json_object_get_string_member (row, "channel"), "sms");
  ck_assert_str_eq (json_object_get_string_member (row, "day"), day);
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 1);
  ck_assert_int_eq (count_of (sync_usage_batch_get_rows (first), "guide-tuoi-ket-hon", "vi"), 1);
  ck_assert_int_eq (count_of (sync_usage_batch_get_rows (first), "social-assistance", "vi"), 1);
  /* Menus are not answers: two items were answered, in two languages. */
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_rows (first)), 3);
  /* The search that found nothing, with the phone number in it masked. */
  row = find_row (sync_usage_batch_get_misses (first), "query", "xyzzy ##########");
  ck_assert_ptr_nonnull (row);
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 1);

  /* Running totals: the next batch carries the day again, numbered higher. */
  send_texts ("0912000003", (const char *const[]) { "BTXH", NULL });
  ck_assert (sms_usage_post (usage, key, state, url, NOW + 7200, &error));
  second = received (server, 1);
  ck_assert_int_gt (sync_usage_batch_get_number (second), sync_usage_batch_get_number (first));
  ck_assert_int_eq (count_of (sync_usage_batch_get_rows (second), "social-assistance", "vi"), 2);
  ck_assert_int_eq (count_of (sync_usage_batch_get_rows (second), "social-assistance", "en"), 1);

  /* A hub that fails: "try later", and nothing is lost. */
  test_sync_server_set_post_status (server, 503);
  ck_assert (!sms_usage_post (usage, key, state, url, NOW + 10800, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE));
}
END_TEST

/* sms.ini: the hub's address and the key that signs for it come together. */
START_TEST (test_config_usage_keys)
{
  g_autofree char *alone = test_util_write (test_dir, "alone.ini", "[sms]\nusage_url = http://127.0.0.1/usage\n");
  g_autofree char *both = test_util_write (test_dir, "both.ini",
                                           "[sms]\nusage_url = http://127.0.0.1/usage\nusage_key = /k\nusage_interval = 600\n");
  g_auto(SmsConfig) config = { 0 };
  g_autoptr(GError) error = NULL;

  sms_config_init (&config);
  ck_assert (!sms_config_load (&config, alone, &error));
  ck_assert_msg (strstr (error->message, "usage_url: needs usage_key") != NULL, "%s", error->message);
  ck_assert (sms_config_load (&config, both, NULL));
  ck_assert_str_eq (config.usage_key, "/k");
  ck_assert_int_eq (config.usage_interval, 600);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sms-usage");
  TCase *tc = tcase_create ("usage");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_counts_reach_the_hub);
  tcase_add_test (tc, test_config_usage_keys);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
