/* test-sms-alerts.c: alerts to the numbers following a topic.
 *
 * Against the demo content and a gammu schema-17 smsd.db: a notice published for the first time
 * under a followed topic queues one alert per follower through gammu's outbox, below replies
 * and with a delivery report asked for; never in quiet hours (it waits until 07:00 in
 * Vietnam), at most alerts_per_day a day, never twice (however often a round runs), never to a
 * number that sent STOP (which also takes back what still waits in the outbox); a correction
 * alerts nobody; gammu's delivery report is recorded. The clock is fixed, as the daemon's --now.
 */
#include "config.h"
#include "sms-queue.h"
#include "test-util.h"

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

  ck_assert_msg (sms_queue_alerts (db, responder, now, &queued, &error), "%s", error ? error->message : "");
  return queued;
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

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
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

int
main (void)
{
  Suite *s = suite_create ("sms-alerts");
  TCase *tc = tcase_create ("alerts");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_alert_waits_for_morning_and_goes_once);
  tcase_add_test (tc, test_daily_cap_and_stop);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
