/* test-sms-alerts.c: alerts to the numbers following a topic.
 *
 * Against the demo content and a gammu schema-17 smsd.db: a notice published for the first time
 * under a followed topic queues one alert per follower through gammu's outbox, below replies
 * and with a delivery report asked for; never in quiet hours (it waits until 07:00 in
 * Vietnam), at most alerts_per_day a day, never twice (however often a round runs), never to a
 * number that sent STOP (which also takes back what still waits in the outbox); a correction
 * alerts nobody, unless the publisher marked it important (once per such revision); gammu's
 * delivery report is recorded; tables made before revisions and shards keep their rows. An
 * important correction of an item whose alert still waits makes one SMS, not two; a round over
 * more followers than a batch commits in batches and ends; a read that fails (the seq seen, the
 * item, the topics) fails the round, and nothing is lost by it. The clock is fixed, as the
 * daemon's --now.
 */
#include "config.h"
#include "content-changes.h"
#include "content-store-private.h"
#include "sms-queue.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

/* 2026-11-18 14:00 UTC: 21:00 in Vietnam, the quiet hours begin. */
#define EVENING 1795010400
/* 2026-11-19 07:00 in Vietnam (00:00 UTC): they end. */
#define MORNING 1795046400

static ContentStore *store;
static sqlite3 *db;
static SmsConfig config;
static SmsResponder *responder;

static void
setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  path = g_build_filename (test_dir, "smsd.db", NULL);
  ck_assert (sms_queue_init (path, &error));
  db = sms_queue_open (path, &error);
  ck_assert_ptr_nonnull (db);
  sms_config_init (&config);
  config.alerts_per_day = 2;
  responder = sms_responder_new (store, db, &config, &error);
  ck_assert_msg (responder != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_pointer (&responder, sms_responder_free);
  sqlite3_close (db);
  sms_config_clear (&config);
  g_clear_object (&store);
  test_util_dir_teardown ();
}

static void
text (const char *from, const char *message, gint64 now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmsReply) reply = sms_responder_handle (responder, from, message, now, &error);

  ck_assert_msg (reply != NULL, "%s", error ? error->message : "");
}

static guint
round_at (gint64 now)
{
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  ck_assert_msg (sms_queue_alerts (responder, now, &queued, &error), "%s", error ? error->message : "");
  return queued;
}

/* A round at @now by @by that fails. */
static void
round_fails (SmsResponder *by, gint64 now)
{
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  ck_assert (!sms_queue_alerts (by, now, &queued, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_uint_eq (queued, 0);
}

/* The table whose reads fail (the authorizer below), and whether only in SELECT statements. */
static const char *unreadable;
static gboolean unreadable_by_select;

/* An authorizer that denies reading the table @unreadable: a read failing as a damaged or
 * vanishing database would make it fail. */
static int
deny_reading (void *data, int action, const char *table, const char *column, const char *schema, const char *trigger)
{
  static int statement;

  if (action == SQLITE_SELECT || action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE)
    statement = action;
  return action == SQLITE_READ && g_strcmp0 (table, unreadable) == 0
         && (statement == SQLITE_SELECT || !unreadable_by_select) ? SQLITE_DENY : SQLITE_OK;
}

/* Reads of @table through @in fail from now on (by SELECT statements only, with @by_select);
 * with @table NULL, they work again. */
static void
make_unreadable (sqlite3 *in, const char *table, gboolean by_select)
{
  unreadable = table;
  unreadable_by_select = by_select;
  ck_assert_int_eq (sqlite3_set_authorizer (in, table != NULL ? deny_reading : NULL, NULL), SQLITE_OK);
}

/* Publishes notice @id (code @code) under support-health, titled @title. */
static void
publish (const char *id, const char *code, const char *title)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%s\", \"kind\": \"notice\", \"status\": \"published\", \"sms_code\": \"%s\","
    " \"topics\": [\"support-health\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"test\","
    " \"sources\": [{\"title\": \"s\"}], \"notice\": {\"valid_from\": \"2026-11-01\", \"valid_to\": null},"
    " \"texts\": {\"vi\": {\"title\": \"%s\", \"body\": \"Nội dung.\"}}}", id, code, title);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = test_util_write (test_dir, name, json);

  test_util_import (store, path);
}

/* The number @sql finds in @in. */
static gint64
count_in (sqlite3 *in, const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  ck_assert_int_eq (sqlite3_prepare_v2 (in, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
count (const char *sql)
{
  return count_in (db, sql);
}

START_TEST (test_alert_waits_for_morning_and_goes_once)
{
  text ("0912000001", "DANGKY HOTRO", EVENING - 3600);
  text ("0912000002", "DANGKY LUAT", EVENING - 3600);
  /* The first round learns what is already published: nothing old is news. */
  ck_assert_uint_eq (round_at (EVENING - 600), 0);
  publish ("notice-test-new", "TBTEST", "Tiêm phòng miễn phí cho trẻ em");
  /* 21:00: the quiet hours. */
  ck_assert_uint_eq (round_at (EVENING), 0);
  ck_assert_uint_eq (round_at (MORNING - 60), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox"), 0);
  /* 07:00: one alert, to the follower of the notice's topic's section only. */
  ck_assert_uint_eq (round_at (MORNING), 1);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000001' "
                           "AND Priority < 0 AND DeliveryReport = 'yes' AND TextDecoded LIKE "
                           "'Tin moi: Tiem phong mien phi cho tre em. Nhan TBTEST de doc, HUYDK HOTRO de thoi nhan.'"), 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox"), 1);
  /* gammu sends it and pairs the delivery report with it. */
  sqlite3_exec (db, "INSERT INTO sentitems (ID, SequencePosition, Text, DestinationNumber, UDH, SenderID, CreatorID, Status) "
                    "SELECT ID, 1, '', DestinationNumber, '', 'phone', CreatorID, 'DeliveryOK' FROM outbox; DELETE FROM outbox;",
                NULL, NULL, NULL);
  ck_assert_uint_eq (round_at (MORNING + 120), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE delivery = 'delivered'"), 1);
  /* A correction of it alerts nobody. */
  publish ("notice-test-new", "TBTEST", "Tiêm phòng miễn phí cho trẻ em (sửa)");
  ck_assert_uint_eq (round_at (MORNING + 180), 0);
}
END_TEST

START_TEST (test_daily_cap_and_stop)
{
  text ("0912000003", "DK YTE", MORNING);
  text ("0912000004", "DK YTE", MORNING);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
  publish ("notice-test-a", "TBA", "Thông báo A");
  publish ("notice-test-b", "TBB", "Thông báo B");
  publish ("notice-test-c", "TBC", "Thông báo C");
  /* Two a day each: the third waits for the next morning. */
  ck_assert_uint_eq (round_at (MORNING + 3600), 4);
  ck_assert_uint_eq (round_at (MORNING + 7200), 0);
  ck_assert_uint_eq (round_at (MORNING + 24 * 3600 - 60), 0);
  /* STOP drops what waits, and takes back what is still in gammu's outbox. */
  text ("0912000004", "STOP", MORNING + 24 * 3600 - 30);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000004'"), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000003'"), 2);
  ck_assert_uint_eq (round_at (MORNING + 24 * 3600), 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE number = '+84912000004' AND state = 'dropped'"), 3);
  /* HUYDK: no more news of that topic. */
  text ("0912000003", "HUYDK YTE", MORNING + 24 * 3600 + 60);
  publish ("notice-test-d", "TBD", "Thông báo D");
  ck_assert_uint_eq (round_at (MORNING + 24 * 3600 + 120), 0);
}
END_TEST

/* The store's latest record of item @id as a round reads it, marked important by the publisher
 * (the member the hub's "important" mark puts there). */
static ContentReplicaRecord *
important_record (const char *id)
{
  g_autoptr(GError) error = NULL;
  gint64 to_seq = 0;
  g_autoptr(GPtrArray) changes = content_store_list_changes (store, 0, FALSE, &to_seq, &error);
  ContentReplicaRecord *found = NULL;

  ck_assert_msg (changes != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < changes->len && found == NULL; i++)
    {
      ContentReplicaRecord *r = g_ptr_array_index (changes, i);
      if (r->kind == CONTENT_RECORD_ITEM && g_str_equal (r->id, id))
        found = g_ptr_array_steal_index (changes, i);
    }
  ck_assert_ptr_nonnull (found);
  json_object_set_boolean_member (json_node_get_object (found->record), "important", TRUE);
  return found;
}

START_TEST (test_important_correction_alerts_once)
{
  g_autoptr(ContentReplicaRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  SmsAlerts *alerts = sms_responder_get_alerts (responder);

  text ("0912000005", "DK YTE", MORNING);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
  publish ("notice-test-i", "TBI", "Lịch tiêm phòng");
  ck_assert_uint_eq (round_at (MORNING + 120), 1);
  /* A plain correction: nobody hears of it. */
  publish ("notice-test-i", "TBI", "Lịch tiêm phòng tháng 12");
  ck_assert_uint_eq (round_at (MORNING + 180), 0);
  /* The same correction marked important: one alert, saying so, however often it is read. */
  record = important_record ("notice-test-i");
  ck_assert_msg (sms_alerts_consider (alerts, record, FALSE, MORNING + 240, &error), "%s", error ? error->message : "");
  ck_assert (sms_alerts_consider (alerts, record, FALSE, MORNING + 250, &error));
  ck_assert_uint_eq (round_at (MORNING + 260), 1);
  ck_assert_uint_eq (round_at (MORNING + 300), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000005' AND TextDecoded = "
                           "'Thay doi quan trong: Lich tiem phong thang 12. Nhan TBI de doc, HUYDK YTE de thoi nhan.'"), 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000005'"), 2);
  /* Learning only (the first round) never alerts, marked or not. */
  ck_assert (sms_alerts_consider (alerts, record, TRUE, MORNING + 320, &error));
  ck_assert_uint_eq (round_at (MORNING + 330), 0);
}
END_TEST

/* Publishes notice @id as publish() does, in @into. */
static void
publish_in (ContentStore *into, const char *id, const char *code, const char *title)
{
  ContentStore *saved = store;

  store = into;
  publish (id, code, title);
  store = saved;
}

/* A second replica of the content, as it was before the test published anything. */
static ContentStore *
replica_behind (void)
{
  g_autofree char *dir = g_build_filename (test_dir, "behind", NULL);

  g_mkdir (dir, 0755);
  return test_util_seed_store (dir);
}

/* Another worker on the same queue, answering from @content. */
static SmsResponder *
worker_on (ContentStore *content)
{
  g_autoptr(GError) error = NULL;
  SmsResponder *worker = sms_responder_new (content, db, &config, &error);

  ck_assert_msg (worker != NULL, "%s", error ? error->message : "");
  return worker;
}

/* Two workers on one queue, each with its own replica of the content: the one whose replica has
 * not yet reached an alert's revision leaves it waiting (rather than dropping it as gone) and
 * sends it once it has; a replica behind never takes the seen seq backwards. */
START_TEST (test_worker_behind_waits_for_its_replica)
{
  g_autoptr(ContentStore) behind = replica_behind ();
  g_autoptr(SmsResponder) other = worker_on (behind);
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  text ("0912000007", "DK YTE", MORNING);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
  publish ("notice-test-r", "TBR", "Thông báo R");
  ck_assert_uint_eq (round_at (EVENING + 24 * 3600), 0);  /* 21:00: it waits for the morning */
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE item = 'notice-test-r' AND state = 'pending'"), 1);
  /* The morning's round falls to the worker whose replica lacks the notice. */
  ck_assert (sms_queue_alerts (other, MORNING + 24 * 3600, &queued, &error));
  ck_assert_uint_eq (queued, 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE item = 'notice-test-r' AND state = 'pending'"), 1);
  ck_assert_int_eq (count ("SELECT seq FROM banlang_alert_seq"), test_util_seq (store));
  /* Its replica catches up: it sends it, once. */
  publish_in (behind, "notice-test-r", "TBR", "Thông báo R");
  ck_assert (sms_queue_alerts (other, MORNING + 24 * 3600 + 60, &queued, &error));
  ck_assert_uint_eq (queued, 1);
  ck_assert_uint_eq (round_at (MORNING + 24 * 3600 + 120), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000007'"), 1);
}
END_TEST

/* A smsd.db kept by a responder from before alerts had revisions and counts had shards: the
 * tables are remade with their rows and their index. */
START_TEST (test_old_tables_keep_their_rows)
{
  g_autofree char *path = g_build_filename (test_dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmsResponder) again = NULL;
  sqlite3 *old;

  ck_assert (sms_queue_init (path, &error));
  old = sms_queue_open (path, &error);
  ck_assert_ptr_nonnull (old);
  ck_assert_int_eq (sqlite3_exec (old,
    "CREATE TABLE banlang_alerts (id INTEGER PRIMARY KEY, number TEXT NOT NULL, item TEXT NOT NULL, topic TEXT NOT NULL,"
    "  due_at INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', outbox_id INTEGER, queued_at INTEGER,"
    "  delivery TEXT, UNIQUE (number, item));"
    "CREATE INDEX banlang_alerts_due ON banlang_alerts (state, due_at);"
    "INSERT INTO banlang_alerts (id, number, item, topic, due_at, state, queued_at, delivery)"
    "  VALUES (7, '+84912000006', 'notice-x', 'support', 1, 'queued', 1, 'delivered');"
    "CREATE TABLE banlang_usage (item TEXT NOT NULL, day TEXT NOT NULL, lang TEXT NOT NULL, count INTEGER NOT NULL,"
    "  PRIMARY KEY (item, day, lang));"
    "INSERT INTO banlang_usage VALUES ('social-assistance', '2026-11-01', 'vi', 5);", NULL, NULL, NULL), SQLITE_OK);
  again = sms_responder_new (store, old, &config, &error);
  ck_assert_msg (again != NULL, "%s", error ? error->message : "");
  g_clear_pointer (&again, sms_responder_free);
  ck_assert_int_eq (count_in (old, "SELECT count (*) FROM banlang_alerts WHERE id = 7 AND state = 'queued' "
                                   "AND delivery = 'delivered' AND revision = 0"), 1);
  ck_assert_int_eq (count_in (old, "SELECT sum (count) FROM banlang_usage WHERE item = 'social-assistance' AND shard = 0"), 5);
  ck_assert_int_eq (count_in (old, "SELECT count (*) FROM sqlite_master WHERE name = 'banlang_alerts_due'"), 1);
  sqlite3_close (old);
}
END_TEST

/* A notice waits for the morning; the publisher corrects it, marking the correction important,
 * before it went: the follower gets one SMS, with the corrected title, as news. */
START_TEST (test_important_correction_of_waiting_alert_goes_once)
{
  g_autoptr(ContentReplicaRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  text ("0912000008", "DK YTE", EVENING - 3600);
  ck_assert_uint_eq (round_at (EVENING - 600), 0);
  publish ("notice-test-m", "TBM", "Lịch tiêm phòng");
  ck_assert_uint_eq (round_at (EVENING), 0);
  publish ("notice-test-m", "TBM", "Lịch tiêm phòng tháng 12");
  record = important_record ("notice-test-m");
  ck_assert_msg (sms_alerts_consider (sms_responder_get_alerts (responder), record, FALSE, EVENING + 60, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_eq (round_at (EVENING + 120), 0);
  ck_assert_uint_eq (round_at (MORNING), 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE DestinationNumber = '+84912000008'"), 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE TextDecoded = "
                           "'Tin moi: Lich tiem phong thang 12. Nhan TBM de doc, HUYDK YTE de thoi nhan.'"), 1);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
}
END_TEST

/* More followers than a batch: the round commits batch after batch and queues one alert to each;
 * a worker whose replica is behind goes through them all, leaving each, and ends. */
START_TEST (test_round_larger_than_a_batch)
{
  g_autoptr(ContentStore) behind = replica_behind ();
  g_autoptr(SmsResponder) other = worker_on (behind);
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  ck_assert_uint_eq (round_at (MORNING), 0);
  ck_assert_int_eq (sqlite3_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1201) "
                                      "INSERT INTO banlang_follows (number, topic, since) "
                                      "SELECT printf ('+8491300%04d', i), 'support', 0 FROM n", NULL, NULL, NULL), SQLITE_OK);
  publish ("notice-test-b", "TBB", "Thông báo B");
  ck_assert_uint_eq (round_at (EVENING + 24 * 3600), 0);
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE state = 'pending'"), 1201);
  ck_assert (sms_queue_alerts (other, MORNING + 24 * 3600, &queued, &error));
  ck_assert_uint_eq (queued, 0);
  ck_assert_uint_eq (round_at (MORNING + 24 * 3600), 1201);
  ck_assert_int_eq (count ("SELECT count (DISTINCT DestinationNumber) FROM outbox"), 1201);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox"), 1201);
}
END_TEST

/* The seq the rounds have seen cannot be read: the round fails, rather than taking itself for
 * the first and marking everything since seen without a word. */
START_TEST (test_unreadable_seen_seq_fails_the_round)
{
  text ("0912000009", "DK YTE", MORNING);
  ck_assert_uint_eq (round_at (MORNING + 60), 0);
  publish ("notice-test-s", "TBS", "Thông báo S");
  make_unreadable (db, "banlang_alert_seq", TRUE);
  round_fails (responder, MORNING + 120);
  make_unreadable (db, NULL, FALSE);
  ck_assert_uint_eq (round_at (MORNING + 180), 1);
}
END_TEST

/* The item cannot be read when its alert is due: the round fails and the alert waits, where "no
 * such item" would drop it. */
START_TEST (test_unreadable_item_keeps_the_alert)
{
  sqlite3 *content = content_store_get_db (store);

  text ("0912000010", "DK YTE", EVENING - 3600);
  ck_assert_uint_eq (round_at (EVENING - 600), 0);
  publish ("notice-test-u", "TBU", "Thông báo U");
  ck_assert_uint_eq (round_at (EVENING), 0);
  make_unreadable (content, "item_texts", FALSE);
  round_fails (responder, MORNING);
  make_unreadable (content, NULL, FALSE);
  ck_assert_int_eq (count ("SELECT count (*) FROM banlang_alerts WHERE item = 'notice-test-u' AND state = 'pending'"), 1);
  ck_assert_uint_eq (round_at (MORNING + 60), 1);
}
END_TEST

/* A worker that has not read the topics yet cannot: the round fails, rather than sending an
 * alert that names no topic to stop ("HUYDK  de thoi nhan"). */
START_TEST (test_unreadable_topics_fail_the_round)
{
  sqlite3 *content = content_store_get_db (store);
  g_autoptr(SmsResponder) other = NULL;
  g_autoptr(GError) error = NULL;
  guint queued = 0;

  text ("0912000011", "DK YTE", EVENING - 3600);
  ck_assert_uint_eq (round_at (EVENING - 600), 0);
  publish ("notice-test-t", "TBT", "Thông báo T");
  ck_assert_uint_eq (round_at (EVENING), 0);
  other = worker_on (store);
  make_unreadable (content, "topics", FALSE);
  round_fails (other, MORNING);
  make_unreadable (content, NULL, FALSE);
  ck_assert (sms_queue_alerts (other, MORNING + 60, &queued, &error));
  ck_assert_uint_eq (queued, 1);
  ck_assert_int_eq (count ("SELECT count (*) FROM outbox WHERE TextDecoded = "
                           "'Tin moi: Thong bao T. Nhan TBT de doc, HUYDK YTE de thoi nhan.'"), 1);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sms-alerts");
  TCase *tc = tcase_create ("alerts");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_alert_waits_for_morning_and_goes_once);
  tcase_add_test (tc, test_daily_cap_and_stop);
  tcase_add_test (tc, test_important_correction_alerts_once);
  tcase_add_test (tc, test_old_tables_keep_their_rows);
  tcase_add_test (tc, test_worker_behind_waits_for_its_replica);
  tcase_add_test (tc, test_important_correction_of_waiting_alert_goes_once);
  tcase_add_test (tc, test_round_larger_than_a_batch);
  tcase_add_test (tc, test_unreadable_seen_seq_fails_the_round);
  tcase_add_test (tc, test_unreadable_item_keeps_the_alert);
  tcase_add_test (tc, test_unreadable_topics_fail_the_round);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
