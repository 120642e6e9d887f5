/* bench-sync.c: what sync costs, in bytes and seconds, on synthetic content.
 *
 * Not a test: it prints figures for a person to compare with the budgets:
 *   - bytes a kiosk fetches for a batch of 100 changed items, manifest included, against the
 *     same items' JSON compressed with zstd (budget ≤ 1.2×);
 *   - time to apply 1,000 changed items to a kiosk holding 10,000 (budget ≤ 1 s);
 *   - time and peak memory to start a new kiosk from a 10,000-item snapshot (≤ 10 s,
 *     ≤ 200 MB), measured in a process of its own so the hub's memory does not count (its
 *     VmHWM: a forked child's ru_maxrss counts the parent's pages it held before exec);
 *   - bytes wasted by a transfer cut at random bytes and resumed (a server cutting half of
 *     its answers).
 * Items come from bench-util's fixed-seed generator, so every run sees the same data.
 *
 *   bench-sync [N]       N items (default 10000)
 *   bench-sync --apply DB ROOT.pub SITE     (used by the benchmark itself: one kiosk start)
 */
#include "bench-util.h"
#include "content-importer.h"
#include "sync-certificate.h"
#include "sync-file.h"
#include "sync-manifest.h"
#include "sync-publisher.h"
#include "sync-receiver.h"
#include "test-sync-server.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

static void
die (const GError *error)
{
  fprintf (stderr, "bench-sync: %s\n", error->message);
  exit (1);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
import (ContentStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentImporter) importer = content_importer_new (store);

  if (!content_importer_add_path (importer, path, &error) || !content_importer_commit (importer, NULL, NULL, &error))
    die (error);
}

/* Writes the keys under @dir; returns the signing key's path. */
static char *
make_keys (const char *dir, char **root_pub)
{
  g_autoptr(SyncKey) root = sync_key_generate ();
  g_autoptr(SyncKey) key = sync_key_generate ();
  g_autoptr(GBytes) cert = sync_certificate_issue (root, key, NULL, 1, NULL);
  g_autoptr(GError) error = NULL;
  char *signing = g_build_filename (dir, "signing.key", NULL);
  g_autofree char *cert_path = sync_publisher_certificate_path (signing);

  *root_pub = g_build_filename (dir, "root.pub", NULL);
  if (!sync_key_save (root, *root_pub, FALSE, &error) || !sync_key_save (key, signing, TRUE, &error)
      || !sync_file_write (cert_path, g_bytes_get_data (cert, NULL), g_bytes_get_size (cert), 0644, &error))
    die (error);
  return signing;
}

static void
publish (ContentStore *hub, const char *key, const char *site)
{
  g_autoptr(GError) error = NULL;

  if (!sync_publisher_publish (hub, key, site, NULL, &error))
    die (error);
}

static SyncManifest *
read_manifest (const char *site)
{
  g_autofree char *path = g_build_filename (site, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sync_file_read (path, &error);
  SyncManifest *m = bytes != NULL ? sync_manifest_parse (bytes, NULL, &error) : NULL;

  if (m == NULL)
    die (error);
  return m;
}

static gsize
file_size (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GMappedFile) f = g_mapped_file_new (path, FALSE, NULL);

  return f != NULL ? g_mapped_file_get_length (f) : 0;
}

static gsize
zstd_size (const char *path, int level)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autofree void *out = NULL;
  size_t n;

  g_file_get_contents (path, &data, &len, NULL);
  out = g_malloc (ZSTD_compressBound (len));
  n = ZSTD_compress (out, ZSTD_compressBound (len), data, len, level);
  return ZSTD_isError (n) ? 0 : n;
}

/* One kiosk start, in this process: the child side of start_kiosk(); prints its time and peak
 * memory. */
static int
apply_child (const char *db, const char *trust, const char *site)
{
  g_autoptr(GError) error = NULL;
  double t0 = now ();
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  g_autoptr(SyncReceiver) receiver = store != NULL ? sync_receiver_new (store, trust, &error) : NULL;

  if (receiver == NULL || !sync_receiver_apply_dir (receiver, site, NULL, &error))
    die (error);
  printf ("new kiosk from the snapshot:   %.2f s, peak memory %.1f MB      (budget 10 s, 200 MB)\n",
          now () - t0, bench_peak_kib () / 1024.0);
  return 0;
}

/* Starts a new kiosk from @site in a process of its own. */
static void
start_kiosk (const char *self, const char *db, const char *trust, const char *site)
{
  pid_t pid;
  int status;

  fflush (stdout);
  if ((pid = fork ()) == 0)
    {
      execl (self, self, "--apply", db, trust, site, (char *) NULL);
      _exit (127);
    }
  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "bench-sync: the kiosk start failed\n");
      exit (1);
    }
}

static void
change_items (ContentStore *hub, const char *dir, guint n, guint32 seed, char **bundle_path)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autofree char *sub = g_strdup_printf ("%s/change-%u", dir, seed);

  g_mkdir_with_parents (sub, 0700);
  *bundle_path = bench_write_bundle (sub, n, rng);
  import (hub, *bundle_path);
}

static void
apply_changes (ContentStore *kiosk, const char *trust, const char *site, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (kiosk, trust, &error);
  SyncReceiveStats stats;
  double t0 = now ();

  if (receiver == NULL || !sync_receiver_apply_dir (receiver, site, &stats, &error))
    die (error);
  printf ("apply %u changed items:         %.3f s (%u records)            (budget 1 s)\n", n,
          now () - t0, stats.records);
}

static void
delta_bytes (ContentStore *hub, const char *dir, const char *key, const char *site)
{
  g_autofree char *json = NULL;
  g_autoptr(SyncManifest) m = NULL;
  const SyncManifestBundle *delta;
  gsize manifest, cert, z3, z19;

  change_items (hub, dir, 100, 7, &json);
  publish (hub, key, site);
  m = read_manifest (site);
  delta = g_ptr_array_index (m->deltas, m->deltas->len - 1);
  manifest = file_size (site, "manifest.json");
  cert = file_size (site, "certificate.json");
  z3 = zstd_size (json, 3);
  z19 = zstd_size (json, 19);
  printf ("100 changed items: bundle %" G_GINT64_FORMAT " B + manifest %zu B = %" G_GINT64_FORMAT
          " B (+ certificate %zu B)\n", delta->size, manifest, delta->size + (gint64) manifest, cert);
  printf ("  their JSON (%zu B) with zstd -3: %zu B, -19: %zu B; ratio %.2f× / %.2f×, with the "
          "certificate %.2f×  (budget 1.2×)\n", file_size (dir, "change-7/bundle.json"), z3, z19,
          (double) (delta->size + manifest) / z3, (double) (delta->size + manifest) / z19,
          (double) (delta->size + manifest + cert) / z19);
}

/* A new kiosk pulls everything from a server that cuts half of its answers. */
static void
resumed_waste (const char *dir, const char *trust, const char *site)
{
  g_autofree char *db = g_build_filename (dir, "resumed.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSyncServer) server = test_sync_server_new (site, 0.5, 3);
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  g_autoptr(SyncReceiver) receiver = store != NULL ? sync_receiver_new (store, trust, &error) : NULL;
  g_autoptr(SyncManifest) m = read_manifest (site);
  SyncReceiveStats stats;
  guint64 needed = sync_manifest_total_size (m) + file_size (site, "manifest.json")
                   + file_size (site, "certificate.json");

  if (receiver == NULL)
    die (error);
  sync_receiver_set_retry (receiver, 10000, 0, 0);
  if (!sync_receiver_pull (receiver, test_sync_server_get_url (server), 0, &stats, NULL, &error))
    die (error);
  /* Blobs: the benchmark's items have none, so the site's files are all that is needed. */
  printf ("resumed transfer: %u cuts, %" G_GUINT64_FORMAT " B received for %" G_GUINT64_FORMAT
          " B needed: %" G_GUINT64_FORMAT " B wasted (manifest and certificate are fetched whole "
          "again after a cut; bundles resume)\n", test_sync_server_get_cuts (server),
          stats.bytes_received, needed, stats.bytes_received - needed);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 && g_strcmp0 (argv[1], "--apply") != 0 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *dir = NULL, *key = NULL, *trust = NULL, *hub_path = NULL, *kiosk_path = NULL;
  g_autofree char *site = NULL, *bundle = NULL, *changed = NULL;
  g_autoptr(ContentStore) hub = NULL, kiosk = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncManifest) m = NULL;
  double t0;

  if (argc == 5 && g_str_equal (argv[1], "--apply"))
    return apply_child (argv[2], argv[3], argv[4]);
  dir = g_dir_make_tmp ("bench-sync-XXXXXX", &error);
  if (dir == NULL)
    die (error);
  bench_vocabulary_init (TRUE);
  key = make_keys (dir, &trust);
  hub_path = g_build_filename (dir, "hub.db", NULL);
  kiosk_path = g_build_filename (dir, "kiosk.db", NULL);
  site = g_build_filename (dir, "site", NULL);
  hub = content_store_open (hub_path, CONTENT_STORE_OPEN_CREATE, &error);
  if (hub == NULL)
    die (error);
  bundle = bench_write_bundle (dir, n, rng);
  import (hub, bundle);
  t0 = now ();
  publish (hub, key, site);
  m = read_manifest (site);
  printf ("%u items: snapshot %" G_GINT64_FORMAT " B written in %.2f s\n", n, m->snapshot->size, now () - t0);

  start_kiosk (argv[0], kiosk_path, trust, site);
  kiosk = content_store_open (kiosk_path, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (kiosk == NULL)
    die (error);
  change_items (hub, dir, MIN (n, 1000), 5, &changed);
  publish (hub, key, site);
  apply_changes (kiosk, trust, site, MIN (n, 1000));
  delta_bytes (hub, dir, key, site);
  resumed_waste (dir, trust, site);
  printf ("(files in %s)\n", dir);
  return 0;
}
