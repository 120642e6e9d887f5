/* test-sync-fetch.c: what a kiosk downloads is bounded and lands where and how it should. A
 * server sending the manifest or a bundle without end is refused at the size the file may
 * have, with nothing of it kept; a signed bundle naming a blob by anything but its sha256 is
 * refused before that name becomes a path in the cache; a fetched file is on the disk (fsync)
 * before it takes its name. */
#include "sync-error.h"
#include "sync-hash.h"
#include "sync-receiver.h"
#include "test-sync-server.h"
#include "test-sync-util.h"

#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <zstd.h>

/* Where a test stops a client that reads without limit, so that a broken one fails the test
 * instead of filling the disk. */
#define STOP_AT (16 * 1024 * 1024)

/* The manifest's and certificate's cap (sync-receiver.c). */
#define MAX_DOCUMENT_SIZE (1024 * 1024)

/* Every path this process has fsynced, while not NULL. This definition stands in for the C
 * library's, for the code under test and for SQLite, and passes every call on. */
static GPtrArray *synced;

int
fsync (int fd)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", fd);

  if (synced != NULL)
    {
      char *path = g_file_read_link (link, NULL);
      if (path != NULL)
        g_ptr_array_add (synced, path);
    }
  return syscall (SYS_fsync, fd);
}

static void
setup (void)
{
  test_sync_scene_setup ();
  test_sync_publish (test_hub, &test_keys, test_site);
}

static void
teardown (void)
{
  g_clear_pointer (&synced, g_ptr_array_unref);
  test_sync_scene_teardown ();
}

static void
stop_past_limit (const SyncProgress *progress, gpointer user_data)
{
  if (progress->bytes_done > STOP_AT)
    g_cancellable_cancel (user_data);
}

static gboolean
pull (TestSyncServer *server, SyncReceiveStats *stats, GError **error)
{
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (test_kiosk, test_keys.root_pub, error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ck_assert_ptr_nonnull (receiver);
  sync_receiver_set_retry (receiver, 3, 0, 0);
  sync_receiver_set_progress (receiver, stop_past_limit, cancellable);
  return sync_receiver_pull (receiver, test_sync_server_get_url (server), 0, stats, cancellable, error);
}

/* The path of @name in the kiosk's download cache. */
static char *
cached (const char *name)
{
  g_autofree char *cache = g_strconcat (content_store_get_path (test_kiosk), ".sync", NULL);

  return g_build_filename (cache, name, NULL);
}

/* Neither @name nor a part of it waits in the cache. */
static void
assert_not_cached (const char *name)
{
  g_autofree char *path = cached (name);
  g_autofree char *part = g_strconcat (path, ".part", NULL);

  ck_assert_msg (!g_file_test (path, G_FILE_TEST_EXISTS), "%s was kept", path);
  ck_assert_msg (!g_file_test (part, G_FILE_TEST_EXISTS), "%s was kept", part);
}

static guint64
file_size (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  ck_assert_ptr_nonnull (mapped);
  return g_mapped_file_get_length (mapped);
}

/* A manifest that never ends: refused once past its cap, nothing of it kept. */
START_TEST (test_endless_manifest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *cert = g_build_filename (test_site, "certificate.json", NULL);
  SyncReceiveStats stats;

  test_sync_server_set_endless (server, "/manifest.json");
  ck_assert (!pull (server, &stats, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED), "%s", error->message);
  ck_assert_uint_le (stats.bytes_received, file_size (cert) + MAX_DOCUMENT_SIZE);
  assert_not_cached ("manifest.json");
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
}
END_TEST

/* A bundle that never ends: refused past the size its manifest gives, nothing of it kept. */
START_TEST (test_endless_bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *bundle = test_sync_find_bundle (test_site, NULL);
  g_autofree char *base = g_path_get_basename (bundle);
  g_autofree char *name = g_strconcat ("bundles/", base, NULL);
  g_autofree char *path = g_strconcat ("/", name, NULL);
  g_autofree char *cert = g_build_filename (test_site, "certificate.json", NULL);
  g_autofree char *manifest = g_build_filename (test_site, "manifest.json", NULL);
  SyncReceiveStats stats;

  test_sync_server_set_endless (server, path);
  ck_assert (!pull (server, &stats, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED), "%s", error->message);
  ck_assert_uint_le (stats.bytes_received, file_size (cert) + file_size (manifest) + file_size (bundle));
  assert_not_cached (name);
  ck_assert_int_eq (test_util_seq (test_kiosk), 0);
}
END_TEST

/* Writes a delta into test_site after @m's seq whose one record is a media line naming a blob
 * "../../escaped" (with a record, so no size check applies), and lists it in @m. */
static void
add_escaping_delta (SyncManifest *m, gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (
      "{\"type\": \"banlang-sync-bundle\", \"format\": 1, \"hub\": \"%s\", \"from\": %" G_GINT64_FORMAT ", \"snapshot\": false}\n"
      "{\"kind\": \"media\", \"id\": \"../../escaped\", \"seq\": %" G_GINT64_FORMAT ", \"record\": 5}\n"
      "{\"end\": true, \"to\": %" G_GINT64_FORMAT ", \"records\": 1}\n",
      m->hub, m->seq, m->seq + 1, m->seq + 1);
  gsize bound = ZSTD_compressBound (strlen (text));
  g_autofree char *packed = g_malloc (bound);
  gsize len = ZSTD_compress (packed, bound, text, strlen (text), 3);
  g_autoptr(GBytes) bytes = g_bytes_new (packed, len);
  SyncManifestBundle *delta = g_new0 (SyncManifestBundle, 1);
  g_autofree char *path = NULL;

  ck_assert (!ZSTD_isError (len));
  delta->sha256 = sync_hash_bytes (bytes);
  delta->name = g_strconcat ("bundles/", delta->sha256, NULL);
  delta->size = len;
  delta->from_seq = m->seq;
  delta->to_seq = m->seq + 1;
  delta->records = 1;
  path = g_build_filename (test_site, delta->name, NULL);
  ck_assert (g_file_set_contents (path, packed, len, NULL));
  g_ptr_array_add (m->deltas, delta);
  m->seq++;
}

/* A bundle signed with the hub's own key names a blob by a path: refused before the path is
 * used, the kiosk unchanged. */
START_TEST (test_blob_id_not_a_hash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *before = NULL, *after = NULL;
  SyncReceiveStats stats;

  ck_assert_msg (pull (server, &stats, &error), "%s", error ? error->message : "");
  before = test_util_describe_live (test_kiosk);
  test_sync_resign (&test_keys, test_site, add_escaping_delta, NULL);
  ck_assert (!pull (server, &stats, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED), "%s", error->message);
  ck_assert_msg (strstr (error->message, "not a sha256") != NULL, "%s", error->message);
  after = test_util_describe_live (test_kiosk);
  ck_assert_str_eq (after, before);
}
END_TEST

static gboolean
was_synced (const char *suffix)
{
  for (guint i = 0; i < synced->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (synced, i), suffix))
      return TRUE;
  return FALSE;
}

/* Every bundle fetched was flushed to the disk under its temporary name, before its rename. */
START_TEST (test_fetched_files_synced)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (test_site, 0, 1);
  g_autofree char *bundle = test_sync_find_bundle (test_site, NULL);
  g_autofree char *base = g_path_get_basename (bundle);
  g_autofree char *part = g_strconcat ("/bundles/", base, ".part", NULL);
  SyncReceiveStats stats;

  synced = g_ptr_array_new_with_free_func (g_free);
  ck_assert_msg (pull (server, &stats, &error), "%s", error ? error->message : "");
  ck_assert (stats.updated);
  ck_assert_msg (was_synced (part), "%s was renamed without an fsync", part);
}
END_TEST

static Suite *
fetch_suite (void)
{
  Suite *s = suite_create ("sync-fetch");
  TCase *tc = tcase_create ("fetch");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_endless_manifest);
  tcase_add_test (tc, test_endless_bundle);
  tcase_add_test (tc, test_blob_id_not_a_hash);
  tcase_add_test (tc, test_fetched_files_synced);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (fetch_suite ());
}
