/* test-sync-publish.c: a hub's site and a kiosk taking it from a folder (a USB stick):
 * snapshot then deltas land whole, publishing is idempotent, the chain is compacted and old
 * bundles pruned, keys are rotated and revoked through the root alone, a restored hub moves to
 * a new epoch and its kiosks take its new history whatever their seq, an empty site, issue
 * times (the floor of "today", never going back, well formed), staleness, and the command line
 * from keygen to status. */
#include "content-replica.h"
#include "content-store-private.h"
#include "sync-error.h"
#include "sync-manifest.h"
#include "sync-publisher.h"
#include "sync-receiver.h"
#include "sync-status.h"
#include "sync-file.h"
#include "test-sync-util.h"

#include <glib/gstdio.h>
#include <string.h>

static gboolean
apply_site (ContentStore *store, SyncReceiveStats *stats, GError **error)
{
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (store, test_keys.root_pub, error);

  return receiver != NULL && sync_receiver_apply_dir (receiver, test_site, stats, error);
}

static void
assert_same_content (void)
{
  g_autofree char *on_hub = test_util_describe_live (test_hub);
  g_autofree char *on_kiosk = test_util_describe_live (test_kiosk);

  ck_assert_str_eq (on_kiosk, on_hub);
}

static SyncManifest *
read_manifest (void)
{
  g_autofree char *path = g_build_filename (test_site, "manifest.json", NULL);
  g_autoptr(GBytes) bytes = sync_file_read (path, NULL);

  ck_assert_ptr_nonnull (bytes);
  return sync_manifest_parse (bytes, NULL, NULL);
}

static char *
read_text (const char *name)
{
  g_autofree char *path = g_build_filename (test_site, name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  return text;
}

START_TEST (test_snapshot_then_delta)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncManifest) m = NULL;
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  ck_assert_int_eq (stats.to_seq, test_util_seq (test_hub));
  ck_assert_uint_gt (stats.media_fetched, 0);
  assert_same_content ();

  test_sync_add_notices (test_hub, "new", 3);
  test_sync_publish (test_hub, &test_keys, test_site);
  m = read_manifest ();
  ck_assert_uint_eq (m->deltas->len, 1);
  ck_assert_int_eq (m->version, 2);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  ck_assert (stats.updated);
  ck_assert_uint_eq (stats.records, 3);
  /* Blobs the test_kiosk holds are not taken again. */
  ck_assert_uint_eq (stats.media_fetched, 0);
  assert_same_content ();
}
END_TEST

/* Publishing twice with nothing new writes nothing; the second test_kiosk apply is a no-op. */
START_TEST (test_publish_idempotent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  SyncPublishStats stats;
  SyncReceiveStats received;

  test_sync_publish (test_hub, &test_keys, test_site);
  before = read_text ("manifest.json");
  ck_assert (sync_publisher_publish (test_hub, test_keys.signing_key, test_site, &stats, &error));
  ck_assert (!stats.manifest_written);
  ck_assert_uint_eq (stats.bundles_written, 0);
  after = read_text ("manifest.json");
  ck_assert_str_eq (after, before);
  ck_assert (apply_site (test_kiosk, &received, &error));
  ck_assert (apply_site (test_kiosk, &received, &error));
  ck_assert (!received.updated);
}
END_TEST

/* When the deltas outweigh the snapshot, a new snapshot; bundles no manifest names go; a
 * test_kiosk left behind still catches up, and a new one starts from the new snapshot. */
START_TEST (test_compaction)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncManifest) first = NULL, last = NULL;
  g_autoptr(ContentStore) late = NULL;
  g_autofree char *first_snapshot = NULL, *late_dir = g_build_filename (test_dir, "late", NULL);
  SyncReceiveStats stats;
  gboolean compacted = FALSE;

  test_sync_publish (test_hub, &test_keys, test_site);
  first = read_manifest ();
  first_snapshot = g_build_filename (test_site, first->snapshot->name, NULL);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  for (guint round = 0; round < 60 && !compacted; round++)
    {
      g_autofree char *prefix = g_strdup_printf ("round%u", round);
      g_autoptr(SyncManifest) m = NULL;
      test_sync_add_notices (test_hub, prefix, 10);
      test_sync_publish (test_hub, &test_keys, test_site);
      m = read_manifest ();
      compacted = !g_str_equal (m->snapshot->sha256, first->snapshot->sha256);
      ck_assert (sync_manifest_total_size (m) <= 3 * m->snapshot->size);
    }
  ck_assert (compacted);
  last = read_manifest ();
  ck_assert_int_eq (last->snapshot->to_seq, test_util_seq (test_hub));
  /* The first snapshot was named by the manifest before, not by this one: it went. */
  test_sync_add_notices (test_hub, "after", 1);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (!g_file_test (first_snapshot, G_FILE_TEST_EXISTS));
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  assert_same_content ();
  g_mkdir (late_dir, 0700);
  late = test_sync_new_kiosk (late_dir);
  ck_assert (apply_site (late, &stats, &error));
  {
    g_autofree char *on_hub = test_util_describe_live (test_hub);
    g_autofree char *on_late = test_util_describe_live (late);
    ck_assert_str_eq (on_late, on_hub);
  }
}
END_TEST

/* A new online key, certified by the root with the old one revoked: kiosks follow it without
 * any change to their trust file, and the old key is refused from then on. */
START_TEST (test_rotation_and_revocation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_key = NULL, *old_site = g_build_filename (test_dir, "old-site", NULL);
  g_autofree char *keys_dir = g_build_filename (test_dir, "keys", NULL);
  g_autofree char *old_signing = NULL;
  const char *revoked[2] = { NULL, NULL };
  SyncReceiveStats stats;
  gint64 seq;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  old_key = test_sync_signing_key_id (&test_keys);
  old_signing = g_strdup (test_keys.signing_key);
  revoked[0] = old_key;
  test_sync_delegate (&test_keys, keys_dir, "online-2", 1, revoked);
  test_sync_add_notices (test_hub, "rotated", 1);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  seq = test_util_seq (test_kiosk);

  /* Someone holding the old key publishes a test_site of its own: refused, even newer. */
  test_sync_add_notices (test_hub, "forged", 1);
  {
    TestSyncKeys stolen = { test_keys.root_key, test_keys.root_pub, old_signing };
    test_sync_publish (test_hub, &stolen, old_site);
  }
  g_free (test_site);
  test_site = g_strdup (old_site);
  ck_assert (!apply_site (test_kiosk, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "revoked") != NULL, "%s", error->message);
  ck_assert_int_eq (test_util_seq (test_kiosk), seq);
}
END_TEST

/* A key signed by another root is refused. */
START_TEST (test_unsigned_key_refused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (test_dir, "other", NULL);
  TestSyncKeys other = { 0 };
  SyncReceiveStats stats;

  test_sync_make_keys (other_dir, &other);
  test_sync_publish (test_hub, &other, test_site);
  ck_assert (!apply_site (test_kiosk, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
  test_sync_keys_clear (&other);
}
END_TEST

/* A test_hub restored from a backup is behind its test_site: the publisher says to move to a new epoch,
 * and with one, kiosks take its snapshot. */
START_TEST (test_restored_hub_new_epoch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (test_dir, "backup.db", NULL);
  g_autofree char *keys_dir = g_build_filename (test_dir, "keys", NULL);
  g_autoptr(SyncManifest) m = NULL;
  SyncReceiveStats stats;
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", backup);

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_int_eq (sqlite3_exec (content_store_get_db (test_hub), vacuum, NULL, NULL, NULL), SQLITE_OK);
  test_sync_add_notices (test_hub, "lost", 2);
  test_sync_publish (test_hub, &test_keys, test_site);
  g_clear_object (&test_hub);
  test_hub = content_store_open (backup, CONTENT_STORE_OPEN_DEFAULT, &error);
  test_sync_add_notices (test_hub, "redo", 5);
  ck_assert (!sync_publisher_publish (test_hub, test_keys.signing_key, test_site, NULL, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "new epoch") != NULL, "%s", error->message);
  g_clear_error (&error);
  test_sync_delegate (&test_keys, keys_dir, "online-2", 2, NULL);
  test_sync_publish (test_hub, &test_keys, test_site);
  m = read_manifest ();
  ck_assert_int_eq (m->epoch, 2);
  ck_assert_int_eq (m->version, 1);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  assert_same_content ();
}
END_TEST

/* Keeps a copy of test_hub's database in @backup, as an officer's backup would. */
static void
back_up (const char *backup)
{
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", backup);

  ck_assert_int_eq (sqlite3_exec (content_store_get_db (test_hub), vacuum, NULL, NULL, NULL), SQLITE_OK);
}

/* test_hub restored from @backup, its signing key certified for @epoch. */
static void
restore (const char *backup, gint64 epoch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys_dir = g_build_filename (test_dir, "keys", NULL);
  g_autofree char *name = g_strdup_printf ("online-%" G_GINT64_FORMAT, epoch);

  g_clear_object (&test_hub);
  test_hub = content_store_open (backup, CONTENT_STORE_OPEN_DEFAULT, &error);
  ck_assert_msg (test_hub != NULL, "%s", error ? error->message : "");
  test_sync_delegate (&test_keys, keys_dir, name, epoch, NULL);
}

/* A kiosk took a change the restored hub lost, and the hub's next change takes the same seq:
 * under the new epoch the kiosk takes the new history whole, not "up to date" with a mix. */
START_TEST (test_restored_hub_same_seq)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (test_dir, "backup.db", NULL);
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  back_up (backup);
  test_sync_add_notices (test_hub, "lost", 1);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  restore (backup, 2);
  test_sync_add_notices (test_hub, "redo", 1);
  ck_assert_int_eq (test_util_seq (test_hub), test_util_seq (test_kiosk));
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  assert_same_content ();
}
END_TEST

/* The restored hub is behind the kiosk: under the new epoch the kiosk goes back to the hub's
 * seq with the new history, and takes the next delta from there. */
START_TEST (test_restored_hub_behind_kiosk)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (test_dir, "backup.db", NULL);
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  back_up (backup);
  test_sync_add_notices (test_hub, "lost", 3);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  restore (backup, 2);
  test_sync_add_notices (test_hub, "redo", 1);
  ck_assert_int_lt (test_util_seq (test_hub), test_util_seq (test_kiosk));
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  assert_same_content ();
  ck_assert_int_eq (test_util_seq (test_kiosk), test_util_seq (test_hub));

  test_sync_add_notices (test_hub, "next", 1);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (stats.records, 1);
  assert_same_content ();
}
END_TEST

/* A hub with nothing published yet: a new kiosk takes its empty snapshot and becomes its
 * replica at seq 0. */
START_TEST (test_empty_site)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "empty-hub.db", NULL);
  g_autoptr(ContentStore) empty = content_store_open (path, CONTENT_STORE_OPEN_CREATE, &error);
  g_autoptr(SyncStatus) status = NULL;
  SyncReceiveStats stats;

  ck_assert_msg (empty != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_seq (empty), 0);
  test_sync_publish (empty, &test_keys, test_site);
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  status = sync_status_read (test_kiosk, &error);
  ck_assert_msg (status != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (status->seq, 0);
}
END_TEST

static void
set_issued_at (SyncManifest *m, gpointer user_data)
{
  g_free (m->issued_at);
  m->issued_at = g_strdup (user_data);
}

/* A re-signed manifest that brings no content still moves the kiosk's "today" to its issue
 * date. */
START_TEST (test_today_follows_resigned_manifest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  test_sync_resign (&test_keys, test_site, set_issued_at, (gpointer) "2099-01-02T03:04:05Z");
  ck_assert_msg (apply_site (test_kiosk, &stats, &error), "%s", error ? error->message : "");
  ck_assert (!stats.updated);
  today = test_util_today (test_kiosk);
  ck_assert_str_eq (today, "2099-01-02");
}
END_TEST

/* A newer manifest issued before the one the kiosk holds is refused, with no content in it too. */
START_TEST (test_issue_time_never_goes_back)
{
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (apply_site (test_kiosk, &stats, &error));
  test_sync_resign (&test_keys, test_site, set_issued_at, (gpointer) "2020-01-01T00:00:00Z");
  ck_assert (!apply_site (test_kiosk, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "issued before") != NULL, "%s", error->message);
}
END_TEST

/* An issue time that is not a time is refused when the manifest is read. */
START_TEST (test_unparsable_time_refused)
{
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  test_sync_resign (&test_keys, test_site, set_issued_at, (gpointer) "2026-13-45T99:00:00Z");
  ck_assert (!apply_site (test_kiosk, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "issued_at") != NULL, "%s", error->message);
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
}
END_TEST

/* Past its expiry with nothing newer, the test_kiosk says it is stale, and since when. */
START_TEST (test_stale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncStatus) fresh = NULL, stale = NULL;
  SyncPublishOptions options = { 2 };
  SyncReceiveStats stats;

  ck_assert (sync_publisher_publish_with_options (test_hub, test_keys.signing_key, test_site, &options, NULL, &error));
  ck_assert (apply_site (test_kiosk, &stats, &error));
  fresh = sync_status_read (test_kiosk, &error);
  ck_assert_ptr_nonnull (fresh);
  ck_assert (!fresh->stale);
  ck_assert_int_eq (fresh->seq, test_util_seq (test_hub));
  g_usleep (3100 * G_TIME_SPAN_MILLISECOND);
  stale = sync_status_read (test_kiosk, &error);
  ck_assert (stale->stale);
  ck_assert_str_eq (stale->expires_at, fresh->expires_at);
  /* The content is still there to serve. */
  ck_assert_int_eq (test_util_seq (test_kiosk), test_util_seq (test_hub));
}
END_TEST

/* A test_hub's own database never becomes a replica; a store with no test_hub has no status. */
START_TEST (test_hub_database_refused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_util_describe_live (test_hub);
  g_autofree char *after = NULL;
  SyncReceiveStats stats;

  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (!apply_site (test_hub, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  after = test_util_describe_live (test_hub);
  ck_assert_str_eq (after, before);
  g_clear_error (&error);
  ck_assert_ptr_null (sync_status_read (test_hub, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND));
}
END_TEST

static char *
run_cli (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("%s %s", g_getenv ("BANLANG_SYNC_CLI"), args);
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  ck_assert (g_spawn_command_line_sync (cmd, &out, &err, &status, NULL));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s: %s", cmd, err);
  return out;
}

/* The whole path on the command line: a test_kiosk database that does not exist is created. */
START_TEST (test_cli)
{
  g_autofree char *k = g_build_filename (test_dir, "cli-keys", NULL);
  g_autofree char *o = g_build_filename (test_dir, "cli-online", NULL);
  g_autofree char *s = g_build_filename (test_dir, "cli-site", NULL);
  g_autofree char *db = g_build_filename (test_dir, "new-kiosk.db", NULL);
  g_autofree char *a = g_strdup_printf ("keygen --out %s", k);
  g_autofree char *b = g_strdup_printf ("delegate --root %s/root.key --out %s --epoch 3", k, o);
  g_autofree char *c = g_strdup_printf ("publish --db %s --key %s/signing.key --out %s",
                                        content_store_get_path (test_hub), o, s);
  g_autofree char *d = g_strdup_printf ("apply --db %s --trust %s/root.pub %s", db, k, s);
  g_autofree char *e = g_strdup_printf ("status --db %s --json", db);
  g_autofree char *out_a = run_cli (a), *out_b = run_cli (b), *out_c = run_cli (c), *out_d = run_cli (d);
  g_autofree char *status = run_cli (e);
  g_autofree char *seq = g_strdup_printf ("\"seq\" : %" G_GINT64_FORMAT, test_util_seq (test_hub));

  ck_assert_msg (strstr (out_d, "records applied") != NULL, "%s", out_d);
  ck_assert_msg (strstr (status, seq) != NULL, "%s", status);
  ck_assert_msg (strstr (status, "\"epoch\" : 3") != NULL, "%s", status);
  ck_assert_msg (strstr (status, "\"stale\" : false") != NULL, "%s", status);
}
END_TEST

static Suite *
publish_suite (void)
{
  Suite *s = suite_create ("sync-publish");
  TCase *tc = tcase_create ("publish");

  tcase_add_checked_fixture (tc, test_sync_scene_setup, test_sync_scene_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_snapshot_then_delta);
  tcase_add_test (tc, test_publish_idempotent);
  tcase_add_test (tc, test_compaction);
  tcase_add_test (tc, test_rotation_and_revocation);
  tcase_add_test (tc, test_unsigned_key_refused);
  tcase_add_test (tc, test_restored_hub_new_epoch);
  tcase_add_test (tc, test_restored_hub_same_seq);
  tcase_add_test (tc, test_restored_hub_behind_kiosk);
  tcase_add_test (tc, test_empty_site);
  tcase_add_test (tc, test_today_follows_resigned_manifest);
  tcase_add_test (tc, test_issue_time_never_goes_back);
  tcase_add_test (tc, test_unparsable_time_refused);
  tcase_add_test (tc, test_stale);
  tcase_add_test (tc, test_hub_database_refused);
  tcase_add_test (tc, test_cli);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (publish_suite ());
}
