/* test-kiosk-updater.c: the kiosk's updater against a real HTTP server on 127.0.0.1, without a
 * screen: an update is fetched at once but applied only at a quiet moment; a hub that is down
 * leaves the content as it was and is tried again next round; usage batches reach /usage
 * signed by the kiosk, as running totals; a USB stick's site is found and applied. */
#include "kiosk-updater.h"
#include "sync-key.h"
#include "sync-usage.h"
#include "test-sync-server.h"
#include "test-sync-util.h"

#include "content-replica.h"

static guint applied;

static void
setup (void)
{
  test_sync_scene_setup ();
  test_sync_publish (test_hub, &test_keys, test_site);
  applied = 0;
}

static void
on_applied (KioskUpdater *updater, gpointer user_data)
{
  applied++;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static KioskUpdater *
new_updater (const char *url, const char *usage_url, const char *usage_key)
{
  g_autoptr(GError) error = NULL;
  KioskUpdater *updater = kiosk_updater_new (test_kiosk, test_keys.root_pub, url, usage_url, usage_key, &error);

  ck_assert_msg (updater != NULL, "%s", error != NULL ? error->message : "");
  g_signal_connect (updater, "applied", G_CALLBACK (on_applied), NULL);
  return updater;
}

/* Runs the main loop until the updater has nothing under way (the check's timeout bounds it). */
static void
wait_idle (KioskUpdater *updater)
{
  while (kiosk_updater_is_busy (updater))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_same_content (void)
{
  g_autofree char *on_hub = test_util_describe_live (test_hub);
  g_autofree char *on_kiosk = test_util_describe_live (test_kiosk);

  ck_assert_str_eq (on_kiosk, on_hub);
}

/* Fetched while someone uses the kiosk, nothing changes; quiet, it is applied, once. */
START_TEST (test_applied_only_when_quiet)
{
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autoptr(KioskUpdater) updater = new_updater (test_sync_server_get_url (server), NULL, NULL);

  ck_assert_ptr_null (kiosk_updater_get_status (updater));
  kiosk_updater_run (updater);
  wait_idle (updater);
  ck_assert (kiosk_updater_get_pending (updater));
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
  ck_assert_uint_eq (applied, 0);

  kiosk_updater_set_quiet (updater, TRUE);
  wait_idle (updater);
  ck_assert_uint_eq (applied, 1);
  ck_assert (!kiosk_updater_get_pending (updater));
  ck_assert_ptr_null (kiosk_updater_get_last_error (updater));
  assert_same_content ();
  ck_assert_ptr_nonnull (kiosk_updater_get_status (updater));
  ck_assert_int_eq (kiosk_updater_get_status (updater)->seq, test_util_seq (test_hub));
  ck_assert (!kiosk_updater_get_stale (updater));

  /* Someone comes: the next update waits for them to go. */
  kiosk_updater_set_quiet (updater, FALSE);
  test_sync_add_notices (test_hub, "new", 2);
  test_sync_publish (test_hub, &test_keys, test_site);
  kiosk_updater_run (updater);
  wait_idle (updater);
  ck_assert (kiosk_updater_get_pending (updater));
  ck_assert_uint_eq (applied, 1);
  ck_assert_int_lt (test_util_seq (test_kiosk), test_util_seq (test_hub));
  kiosk_updater_set_quiet (updater, TRUE);
  wait_idle (updater);
  ck_assert_uint_eq (applied, 2);
  assert_same_content ();

  /* Nothing new: a round fetches nothing to apply. */
  kiosk_updater_run (updater);
  wait_idle (updater);
  ck_assert (!kiosk_updater_get_pending (updater));
  ck_assert_uint_eq (applied, 2);
}
END_TEST

/* A hub that does not answer: the error is kept for staff, the content is unchanged, and the
 * next round, with the hub back at its address, brings the update. */
START_TEST (test_hub_down_then_back)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(KioskUpdater) updater = NULL;

  {
    g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
    url = g_strdup (test_sync_server_get_url (server));
  }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  updater = new_updater (url, NULL, NULL);
  kiosk_updater_set_quiet (updater, TRUE);
  kiosk_updater_run (updater);
  wait_idle (updater);
  ck_assert_ptr_nonnull (kiosk_updater_get_last_error (updater));
  ck_assert (!kiosk_updater_get_pending (updater));
  ck_assert_uint_eq (applied, 0);
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);

  {
    g_autoptr(TestSyncServer) server = test_sync_server_new_full (test_site, 0, 1, g_uri_get_port (uri));
    kiosk_updater_run (updater);
    wait_idle (updater);
  }
  ck_assert_ptr_null (kiosk_updater_get_last_error (updater));
  ck_assert_uint_eq (applied, 1);
  assert_same_content ();
}
END_TEST

static SyncUsageBatch *
posted_batch (TestSyncServer *server, guint i)
{
  g_autoptr(GPtrArray) posted = test_sync_server_get_posted (server);
  g_autoptr(GError) error = NULL;
  SyncUsageBatch *batch;

  ck_assert_uint_gt (posted->len, i);
  batch = sync_usage_batch_parse_verified (g_ptr_array_index (posted, i), &error);
  ck_assert_msg (batch != NULL, "%s", error != NULL ? error->message : "");
  return batch;
}

static guint
n_posted (TestSyncServer *server)
{
  g_autoptr(GPtrArray) posted = test_sync_server_get_posted (server);

  return posted->len;
}

/* Looks and searches that found nothing reach the hub's /usage, signed by the kiosk's own key,
 * as running totals with rising numbers; a batch the hub did not take is sent again next round
 * with the same totals. */
START_TEST (test_usage_posted)
{
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *usage_url = g_strconcat (test_sync_server_get_url (server), "usage", NULL);
  g_autofree char *key_path = g_build_filename (test_dir, "kiosk.key", NULL);
  g_autoptr(SyncKey) key = sync_key_generate ();
  g_autoptr(KioskUpdater) updater = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncUsageBatch) first = NULL;
  g_autoptr(SyncUsageBatch) second = NULL;
  g_autoptr(SyncUsageBatch) third = NULL;
  JsonObject *row;

  ck_assert (sync_key_save (key, key_path, TRUE, &error));
  updater = new_updater (NULL, usage_url, key_path);
  /* Nothing counted, nothing sent. */
  kiosk_updater_run (updater);
  wait_idle (updater);
  ck_assert_uint_eq (n_posted (server), 0);

  ck_assert (content_store_count_usage (test_kiosk, "social-pension", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_usage (test_kiosk, "social-pension", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_miss (test_kiosk, "so ## bhyt", "vi", CONTENT_CHANNEL_KIOSK, &error));
  kiosk_updater_run (updater);
  wait_idle (updater);
  first = posted_batch (server, 0);
  ck_assert_str_eq (sync_usage_batch_get_sender (first), sync_key_get_id (key));
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_rows (first)), 1);
  row = json_array_get_object_element (sync_usage_batch_get_rows (first), 0);
  ck_assert_str_eq (json_object_get_string_member (row, "item"), "social-pension");
  ck_assert_str_eq (json_object_get_string_member (row, "channel"), "kiosk");
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 2);
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_misses (first)), 1);
  row = json_array_get_object_element (sync_usage_batch_get_misses (first), 0);
  ck_assert_str_eq (json_object_get_string_member (row, "query"), "so ## bhyt");

  /* One look more: the next batch carries the total, under a newer number. The hub refuses
   * it, so the one after carries the same total again. */
  ck_assert (content_store_count_usage (test_kiosk, "social-pension", "vi", CONTENT_CHANNEL_KIOSK, &error));
  test_sync_server_set_post_status (server, 503);
  kiosk_updater_run (updater);
  wait_idle (updater);
  second = posted_batch (server, 1);
  ck_assert_int_gt (sync_usage_batch_get_number (second), sync_usage_batch_get_number (first));
  test_sync_server_set_post_status (server, 200);
  kiosk_updater_run (updater);
  wait_idle (updater);
  third = posted_batch (server, 2);
  ck_assert_int_gt (sync_usage_batch_get_number (third), sync_usage_batch_get_number (second));
  row = json_array_get_object_element (sync_usage_batch_get_rows (third), 0);
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 3);
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_misses (third)), 1);
}
END_TEST

/* A stick mounted as /media/USER/LABEL with the site in a folder of its own is found, and
 * applied without waiting for a quiet moment: staff asked for it. */
START_TEST (test_usb_stick)
{
  g_autofree char *media = g_build_filename (test_dir, "media", NULL);
  g_autofree char *empty = g_build_filename (media, "a-camera", "DCIM", NULL);
  g_autofree char *stick = g_build_filename (media, "staff", "USB", "banlang", NULL);
  g_autofree char *found = NULL;
  g_autoptr(KioskUpdater) updater = new_updater (NULL, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats;

  g_mkdir_with_parents (empty, 0755);
  ck_assert_ptr_null (kiosk_updater_find_site (media));
  g_mkdir_with_parents (stick, 0755);
  test_sync_publish (test_hub, &test_keys, stick);
  found = kiosk_updater_find_site (media);
  ck_assert_str_eq (found, stick);

  kiosk_updater_apply_dir_async (updater, found, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (kiosk_updater_apply_dir_finish (updater, result, &stats, &error), "%s",
                 error != NULL ? error->message : "");
  ck_assert (stats.updated);
  ck_assert_uint_eq (applied, 1);
  ck_assert (!kiosk_updater_is_busy (updater));
  ck_assert_int_eq (kiosk_updater_get_status (updater)->seq, test_util_seq (test_hub));
  assert_same_content ();
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk-updater");
  TCase *tc = tcase_create ("kiosk-updater");

  tcase_add_checked_fixture (tc, setup, test_sync_scene_teardown);
  /* The hub that is down is retried with backoff inside one pull (about 16 s). */
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_applied_only_when_quiet);
  tcase_add_test (tc, test_hub_down_then_back);
  tcase_add_test (tc, test_usage_posted);
  tcase_add_test (tc, test_usb_stick);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
