/* test-sync-pull.c: a kiosk pulling over HTTP from a real server on 127.0.0.1: only what it
 * lacks, transfers cut at random bytes completed by resuming (each byte sent once), a flipped
 * byte in a bundle or manifest refused with the database unchanged, an old manifest replayed
 * refused, a hub that is down, a second applier kept out by the lock, the asynchronous pull, a
 * replica state that cannot be read. */
#include "sync-error.h"
#include "sync-lock.h"
#include "sync-manifest.h"
#include "sync-file.h"
#include "sync-receiver.h"
#include "test-sync-server.h"
#include "test-sync-util.h"

#include "content-store-private.h"

#include <sqlite3.h>
#include <string.h>

static void
setup (void)
{
  test_sync_scene_setup ();
  test_sync_publish (test_hub, &test_keys, test_site);
}

static gboolean
pull (const char *url, SyncReceiveFlags flags, SyncReceiveStats *stats, GError **error)
{
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (test_kiosk, test_keys.root_pub, error);

  if (receiver == NULL)
    return FALSE;
  sync_receiver_set_retry (receiver, 200, 0, 0);
  return sync_receiver_pull (receiver, url, flags, stats, NULL, error);
}

static void
assert_same_content (void)
{
  g_autofree char *on_hub = test_util_describe_live (test_hub);
  g_autofree char *on_kiosk = test_util_describe_live (test_kiosk);

  ck_assert_str_eq (on_kiosk, on_hub);
}

/* The bytes of the test_site's files under @dir ("bundles", "media"). */
static guint64
site_bytes (const char *dir)
{
  g_autofree char *path = g_build_filename (test_site, dir, NULL);
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;
  guint64 total = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr(GMappedFile) mapped = name[0] != '.' ? g_mapped_file_new (file, FALSE, NULL) : NULL;
      total += mapped != NULL ? g_mapped_file_get_length (mapped) : 0;
    }
  return total;
}

/* A new test_kiosk takes everything; pulled again, it fetches only the manifest and certificate;
 * after a change it fetches the delta and no blob it holds. */
START_TEST (test_pull_only_what_is_lacking)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  SyncReceiveStats stats;
  guint64 bundles, media;

  ck_assert_msg (pull (test_sync_server_get_url (server), 0, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  assert_same_content ();
  bundles = test_sync_server_get_bytes (server, "/bundles/");
  media = test_sync_server_get_bytes (server, "/media/");
  ck_assert_uint_eq (bundles, site_bytes ("bundles"));
  ck_assert_uint_eq (media, site_bytes ("media"));
  ck_assert_uint_eq (stats.bytes_received, test_sync_server_get_bytes (server, ""));

  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert (!stats.updated);
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/bundles/"), bundles);

  test_sync_add_notices (test_hub, "new", 2);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert (stats.updated);
  ck_assert_uint_eq (stats.media_fetched, 0);
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/media/"), media);
  ck_assert_uint_gt (test_sync_server_get_bytes (server, "/bundles/"), bundles);
  assert_same_content ();
}
END_TEST

/* Fetched at one moment and applied at another (the test_kiosk between visitors): nothing is
 * fetched twice, and nothing changes before the apply. */
START_TEST (test_fetch_then_apply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  SyncReceiveStats stats;
  guint64 bundles;

  ck_assert (pull (test_sync_server_get_url (server), SYNC_RECEIVE_FETCH_ONLY, &stats, &error));
  ck_assert (!stats.updated);
  ck_assert (stats.pending);
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
  bundles = test_sync_server_get_bytes (server, "/bundles/");
  ck_assert_uint_eq (bundles, site_bytes ("bundles"));
  ck_assert_msg (pull (test_sync_server_get_url (server), 0, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  ck_assert (!stats.pending);
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/bundles/"), bundles);
  assert_same_content ();
  /* Up to date, a pull that only fetches has nothing waiting. */
  ck_assert (pull (test_sync_server_get_url (server), SYNC_RECEIVE_FETCH_ONLY, &stats, &error));
  ck_assert (!stats.pending);
  /* Applied, the files leave the cache. */
  {
    g_autofree char *cache = g_strconcat (content_store_get_path (test_kiosk), ".sync", NULL);
    g_autofree char *left = test_sync_find_bundle (cache, NULL);
    ck_assert_ptr_null (left);
  }
}
END_TEST

/* A kiosk whose replica state cannot be read says the database failed, and fetches no bundle:
 * it is not a new kiosk starting over with only its installed key. */
START_TEST (test_unreadable_state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  SyncReceiveStats stats;
  guint64 bundles;

  ck_assert_msg (pull (test_sync_server_get_url (server), 0, &stats, &error), "%s", error ? error->message : "");
  bundles = test_sync_server_get_bytes (server, "/bundles/");
  ck_assert_int_eq (sqlite3_exec (content_store_get_db (test_kiosk), "DROP TABLE replica", NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert (!pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_FAILED), "%s", error->message);
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/bundles/"), bundles);
}
END_TEST

/* Every answer of a server is cut at a random byte with probability 0.8: the pull still
 * completes, and each byte of a bundle or blob crosses the wire exactly once. */
START_TEST (test_cut_transfers_resume)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0.8, 42);
  SyncReceiveStats stats;

  ck_assert_msg (pull (test_sync_server_get_url (server), 0, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  assert_same_content ();
  ck_assert_uint_ge (test_sync_server_get_cuts (server), 10);
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/bundles/"), site_bytes ("bundles"));
  ck_assert_uint_eq (test_sync_server_get_bytes (server, "/media/"), site_bytes ("media"));
  ck_assert_uint_eq (stats.bytes_received, test_sync_server_get_bytes (server, ""));
}
END_TEST

/* One flipped byte anywhere in a bundle: refused, the test_kiosk unchanged, and the bad file not
 * kept; once the test_site is right again the pull succeeds. */
START_TEST (test_flipped_bundle_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *bundle = test_sync_find_bundle (test_site, NULL);
  g_autofree char *good = NULL;
  g_autofree char *before = test_util_describe_live (test_kiosk);
  g_autofree char *after = NULL;
  gsize len;
  SyncReceiveStats stats;

  ck_assert (g_file_get_contents (bundle, &good, &len, NULL));
  for (gsize offset = 0; offset < len; offset += len / 5)
    {
      test_sync_flip_byte (bundle, offset);
      ck_assert (!pull (test_sync_server_get_url (server), 0, &stats, &error));
      ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED), "%s", error->message);
      ck_assert_msg (strstr (error->message, "hash") != NULL, "%s", error->message);
      g_clear_error (&error);
      ck_assert (g_file_set_contents (bundle, good, len, NULL));
    }
  after = test_util_describe_live (test_kiosk);
  ck_assert_str_eq (after, before);
  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
  assert_same_content ();
}
END_TEST

/* One flipped byte in the manifest, in its payload or its signature: refused. */
START_TEST (test_flipped_manifest_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *path = g_build_filename (test_site, "manifest.json", NULL);
  g_autofree char *good = NULL;
  const char *places[] = { "\"seq", "sha256", "expires_at", "\"signature\" : \"" };
  gsize len;
  SyncReceiveStats stats;

  ck_assert (g_file_get_contents (path, &good, &len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const char *at = strstr (good, places[i]);
      ck_assert_ptr_nonnull (at);
      test_sync_flip_byte (path, at - good + strlen (places[i]) + 3);
      ck_assert (!pull (test_sync_server_get_url (server), 0, &stats, &error));
      ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED), "%s", error->message);
      g_clear_error (&error);
      ck_assert (g_file_set_contents (path, good, len, NULL));
    }
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
}
END_TEST

/* The manifest a test_kiosk held before, served again with its files (a rollback): refused. */
START_TEST (test_old_manifest_replayed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *path = g_build_filename (test_site, "manifest.json", NULL);
  g_autofree char *old = NULL, *before = NULL, *after = NULL;
  SyncReceiveStats stats;

  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert (g_file_get_contents (path, &old, NULL, NULL));
  test_sync_add_notices (test_hub, "new", 1);
  test_sync_publish (test_hub, &test_keys, test_site);
  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert (stats.updated);
  before = test_util_describe_live (test_kiosk);
  ck_assert (g_file_set_contents (path, old, -1, NULL));
  ck_assert (!pull (test_sync_server_get_url (server), 0, &stats, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  ck_assert_msg (strstr (error->message, "rollback") != NULL, "%s", error->message);
  after = test_util_describe_live (test_kiosk);
  ck_assert_str_eq (after, before);
}
END_TEST

/* A test_hub that is down: a clean error saying so, after the retries, the content unchanged. */
START_TEST (test_hub_down)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  SyncReceiveStats stats;

  {
    g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
    url = g_strdup (test_sync_server_get_url (server));
    ck_assert (pull (url, 0, &stats, &error));
  }
  ck_assert (!pull (url, 0, &stats, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE), "%s", error->message);
  assert_same_content ();
}
END_TEST

/* While one applier holds the database's lock, another is told so at once. */
START_TEST (test_lock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *lock_path = g_strconcat (content_store_get_path (test_kiosk), ".lock", NULL);
  SyncReceiveStats stats;

  {
    g_autoptr(SyncLock) lock = sync_lock_take (lock_path, FALSE, &error);
    ck_assert_ptr_nonnull (lock);
    ck_assert (!pull (test_sync_server_get_url (server), 0, &stats, &error));
    ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_BUSY));
    ck_assert_int_eq (test_util_seq (test_kiosk), 0);
  }
  g_clear_error (&error);
  ck_assert (pull (test_sync_server_get_url (server), 0, &stats, &error));
}
END_TEST

static void
on_pulled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats;

  ck_assert_msg (sync_receiver_pull_finish (result, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  g_main_loop_quit (loop);
}

static gboolean
tick (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* The asynchronous pull runs off the calling thread: its main loop keeps turning meanwhile,
 * and a database that does not exist yet is created. */
START_TEST (test_async_pull)
{
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *path = g_build_filename (test_dir, "async.db", NULL);
  g_autoptr(ContentStore) pulled = NULL;
  guint ticks = 0;
  guint source = g_timeout_add (1, tick, &ticks);

  sync_receiver_pull_async (path, test_keys.root_pub, test_sync_server_get_url (server), 0, NULL, on_pulled, loop);
  g_main_loop_run (loop);
  g_source_remove (source);
  pulled = content_store_open (path, CONTENT_STORE_OPEN_READ_ONLY, NULL);
  ck_assert_ptr_nonnull (pulled);
  ck_assert_int_eq (test_util_seq (pulled), test_util_seq (test_hub));
  ck_assert_uint_gt (ticks, 0);
}
END_TEST

static Suite *
pull_suite (void)
{
  Suite *s = suite_create ("sync-pull");
  TCase *tc = tcase_create ("pull");

  tcase_add_checked_fixture (tc, setup, test_sync_scene_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_pull_only_what_is_lacking);
  tcase_add_test (tc, test_fetch_then_apply);
  tcase_add_test (tc, test_unreadable_state);
  tcase_add_test (tc, test_cut_transfers_resume);
  tcase_add_test (tc, test_flipped_bundle_refused);
  tcase_add_test (tc, test_flipped_manifest_refused);
  tcase_add_test (tc, test_old_manifest_replayed);
  tcase_add_test (tc, test_hub_down);
  tcase_add_test (tc, test_lock);
  tcase_add_test (tc, test_async_pull);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (pull_suite ());
}
