/* test-sync-usage.c: usage batches: built from a kiosk's counts, digits masked in searches,
 * signed by the sender and verified by the hub (a changed byte, another sender's key or a bad
 * row refused), numbered upwards, and posted over HTTP with the hub's answers told apart. */
#include "content-replica.h"
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-usage.h"
#include "test-sync-server.h"
#include "test-sync-util.h"

#include <string.h>

static ContentStore *store;
static SyncKey *sender;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  sender = sync_key_generate ();
  ck_assert (content_store_count_usage (store, "social-pension", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_usage (store, "social-pension", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_usage (store, "free-legal-aid", "en", CONTENT_CHANNEL_SMS, &error));
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&sender, sync_key_free);
  test_util_dir_teardown ();
}

static GBytes *
sealed_batch (gint64 number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_new (number);

  ck_assert (sync_usage_batch_add_usage (batch, store, NULL, &error));
  sync_usage_batch_add_miss (batch, "so 0912345678 bhyt", "2026-11-20", "vi", "sms", 3);
  return sync_usage_batch_seal (batch, sender);
}

START_TEST (test_mask_digits)
{
  g_autofree char *phone = sync_usage_mask_digits ("0912345678");
  g_autofree char *mixed = sync_usage_mask_digits ("Luật 52/2014 đất đai");
  g_autofree char *wide = sync_usage_mask_digits ("số ０９");

  ck_assert_str_eq (phone, "##########");
  ck_assert_str_eq (mixed, "Luật ##/#### đất đai");
  ck_assert_str_eq (wide, "số ##");
}
END_TEST

/* What the hub reads is what the kiosk counted, from the sender that signed it. */
START_TEST (test_round_trip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = sealed_batch (7);
  g_autoptr(SyncUsageBatch) read = sync_usage_batch_parse_verified (sealed, &error);
  g_autoptr(JsonNode) counted = content_store_list_usage (store, NULL, NULL);
  JsonArray *rows, *misses;
  g_autofree char *expected = NULL, *got = NULL;
  JsonNode *rows_node;

  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (sync_usage_batch_get_sender (read), sync_key_get_id (sender));
  ck_assert_int_eq (sync_usage_batch_get_number (read), 7);
  rows = sync_usage_batch_get_rows (read);
  rows_node = json_node_init_array (json_node_alloc (), rows);
  expected = json_to_string (counted, FALSE);
  got = json_to_string (rows_node, FALSE);
  json_node_unref (rows_node);
  ck_assert_str_eq (got, expected);
  misses = sync_usage_batch_get_misses (read);
  ck_assert_uint_eq (json_array_get_length (misses), 1);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (misses, 0), "query"),
                    "so ########## bhyt");
}
END_TEST

/* A changed byte is refused; a batch is always the signer's: one sealed by another key
 * names that key as its sender; a signature that is not the named sender's is refused. */
START_TEST (test_tampered_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = sealed_batch (1);
  gsize len = g_bytes_get_size (sealed);
  g_autofree char *data = g_memdup2 (g_bytes_get_data (sealed, NULL), len);
  char *count = g_strstr_len (data, len, "\\\"count\\\":2");
  g_autoptr(GBytes) changed = NULL, forged = NULL, by_other = NULL;
  g_autoptr(SyncKey) other = sync_key_generate ();
  g_autoptr(SyncUsageBatch) fake = sync_usage_batch_new (2);
  g_autoptr(SyncUsageBatch) read = NULL;
  g_autofree char *forged_text = NULL;

  ck_assert_ptr_nonnull (count);
  count[strlen ("\\\"count\\\":")] = '9';
  changed = g_bytes_new (data, len);
  ck_assert_ptr_null (sync_usage_batch_parse_verified (changed, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  g_clear_error (&error);

  by_other = sync_usage_batch_seal (fake, other);
  read = sync_usage_batch_parse_verified (by_other, &error);
  ck_assert_msg (read != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (sync_usage_batch_get_sender (read), sync_key_get_id (other));

  forged_text = g_strdup_printf ("{\"payload\": \"{}\", \"key\": \"%s\", \"signature\": \"%0128d\"}",
                                 sync_key_get_id (sender), 0);
  forged = g_bytes_new (forged_text, strlen (forged_text));
  ck_assert_ptr_null (sync_usage_batch_parse_verified (forged, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "bad signature") != NULL, "%s", error->message);
}
END_TEST

/* A batch its sender signed that lacks its rows is refused cleanly: the half-read batch is
 * freed without a critical warning (made fatal here). Found by tests/fuzz/fuzz-sync-payload. */
START_TEST (test_incomplete_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = g_strdup_printf ("{\"type\": \"%s\", \"sender\": \"%s\", \"batch\": 1}",
                                           SYNC_USAGE_TYPE, sync_key_get_id (sender));
  g_autoptr(GBytes) sealed = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  ck_assert (json_parser_load_from_data (parser, text, -1, NULL));
  sealed = sync_envelope_seal (sender, SYNC_USAGE_TYPE, json_parser_get_root (parser));
  ck_assert_ptr_null (sync_usage_batch_parse_verified (sealed, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
}
END_TEST

/* A miss whose digits were not masked (a sender that skipped it) is refused by the hub. */
START_TEST (test_unmasked_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_new (1);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(SyncUsageBatch) read = NULL;
  JsonObject *row = json_object_new ();

  json_object_set_string_member (row, "query", "0912345678");
  json_object_set_string_member (row, "day", "2026-11-20");
  json_object_set_string_member (row, "lang", "vi");
  json_object_set_string_member (row, "channel", "sms");
  json_object_set_int_member (row, "count", 1);
  json_array_add_object_element (sync_usage_batch_get_misses (batch), row);
  sealed = sync_usage_batch_seal (batch, sender);
  read = sync_usage_batch_parse_verified (sealed, &error);
  ck_assert_ptr_null (read);
  ck_assert_msg (strstr (error->message, "digits") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_numbers_go_up)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (test_dir, "kiosk.key.batch", NULL);
  gint64 a, b;

  ck_assert (sync_usage_next_number (state, &a, &error));
  ck_assert (sync_usage_next_number (state, &b, &error));
  ck_assert_int_gt (a, 0);
  ck_assert_int_gt (b, a);
  /* A state far ahead of the clock is still followed. */
  ck_assert (g_file_set_contents (state, "99999999999999\n", -1, NULL));
  ck_assert (sync_usage_next_number (state, &a, &error));
  ck_assert_int_eq (a, 100000000000000);
}
END_TEST

/* Posted to a real server: it receives exactly the sealed bytes; a 403 is a refusal, a 503 or
 * no server at all is "try later". */
START_TEST (test_post)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = g_build_filename (test_dir, "site", NULL);
  g_autoptr(GBytes) sealed = sealed_batch (3);
  g_autofree char *url = NULL;

  {
    g_autoptr(TestSyncServer) server = test_sync_server_new (site, 0, 1);
    g_autoptr(GPtrArray) posted = NULL;
    url = g_strconcat (test_sync_server_get_url (server), "usage", NULL);
    ck_assert_msg (sync_usage_post (sealed, url, NULL, &error), "%s", error ? error->message : "");
    posted = test_sync_server_get_posted (server);
    ck_assert_uint_eq (posted->len, 1);
    ck_assert (g_bytes_equal (g_ptr_array_index (posted, 0), sealed));
    test_sync_server_set_post_status (server, 403);
    ck_assert (!sync_usage_post (sealed, url, NULL, &error));
    ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
    g_clear_error (&error);
    test_sync_server_set_post_status (server, 503);
    ck_assert (!sync_usage_post (sealed, url, NULL, &error));
    ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE));
    g_clear_error (&error);
  }
  ck_assert (!sync_usage_post (sealed, url, NULL, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE));
}
END_TEST

static Suite *
usage_suite (void)
{
  Suite *s = suite_create ("sync-usage");
  TCase *tc = tcase_create ("usage");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_mask_digits);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_tampered_refused);
  tcase_add_test (tc, test_incomplete_refused);
  tcase_add_test (tc, test_unmasked_refused);
  tcase_add_test (tc, test_numbers_go_up);
  tcase_add_test (tc, test_post);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (usage_suite ());
}
