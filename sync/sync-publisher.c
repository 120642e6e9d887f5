/* sync-publisher.c: a hub's site of static files (see sync-publisher.h and FORMAT.md).
 *
 * The site is the only thing a kiosk ever sees of the hub, so it is made to be served dumbly:
 * immutable files named by their hash (bundles/, media/) that any cache may keep forever, and
 * two small mutable ones (manifest.json, certificate.json) replaced atomically, the manifest
 * last, so a kiosk fetching during a publish finds either the old manifest with the old files
 * or the new one with every file it names.
 *
 * The publisher keeps no state of its own: the site's current manifest says which seq it
 * reaches, which bundles it has and which version comes next, so the hub calling it after
 * every publish, banlang-sync publish from cron and a restart in between all agree. The chain
 * of deltas is compacted into a new snapshot when the deltas together outweigh the snapshot:
 * a kiosk never downloads more than about twice the size of the content to catch up.
 */
#include "sync-publisher.h"
#include "sync-bundle.h"
#include "sync-certificate.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-lock.h"
#include "sync-manifest.h"
#include "sync-time.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  ContentStore *store;
  const char *site_dir;
  SyncKey *key;
  SyncCertificate *cert;
  GBytes *cert_bytes;
  SyncManifest *prev;        /* the site's manifest before this publish, or NULL */
  gint64 lifetime;
  SyncPublishStats *stats;
} Publish;

char *
sync_publisher_certificate_path (const char *key_path)
{
  g_autofree char *stem = g_str_has_suffix (key_path, ".key")
                          ? g_strndup (key_path, strlen (key_path) - 4) : g_strdup (key_path);

  return g_strconcat (stem, ".cert", NULL);
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_REFUSED, message);
  return FALSE;
}

/* Loads the signing key and its certificate, and checks they belong together. */
static gboolean
load_key (Publish *p, const char *key_path, GError **error)
{
  g_autofree char *cert_path = sync_publisher_certificate_path (key_path);

  if ((p->key = sync_key_load (key_path, error)) == NULL
      || (p->cert_bytes = sync_file_read (cert_path, error)) == NULL
      || (p->cert = sync_certificate_parse (p->cert_bytes, NULL, error)) == NULL)
    return FALSE;
  if (!sync_key_has_secret (p->key))
    return refuse (error, "the signing key file holds no secret key");
  if (!g_str_equal (p->cert->key, sync_key_get_id (p->key)))
    return refuse (error, "the certificate beside the signing key certifies another key");
  if (sync_certificate_revokes (p->cert, p->cert->key))
    return refuse (error, "the certificate revokes its own key");
  return TRUE;
}

/* Reads the site's manifest, if it has one. */
static gboolean
load_previous (Publish *p, GError **error)
{
  g_autofree char *path = g_build_filename (p->site_dir, "manifest.json", NULL);
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = sync_file_read (path, &local);

  if (bytes == NULL && g_error_matches (local, SYNC_ERROR, SYNC_ERROR_NOT_FOUND))
    return TRUE;
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  p->prev = sync_manifest_parse (bytes, NULL, error);
  if (p->prev == NULL)
    g_prefix_error (error, "%s: ", path);
  return p->prev != NULL;
}

/* TRUE when the previous manifest continues into this one (same hub and epoch). */
static gboolean
continues (const Publish *p)
{
  return p->prev != NULL && g_str_equal (p->prev->hub, p->cert->hub) && p->prev->epoch == p->cert->epoch;
}

/* TRUE when the previous manifest already says all there is (the store is at @seq), signed by
 * this key, and has more than half its lifetime ahead. */
static gboolean
up_to_date (const Publish *p, gint64 seq)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = NULL;

  if (!continues (p) || p->prev->seq != seq
      || !g_str_equal (p->prev->key, p->cert->key))
    return FALSE;
  expires = sync_time_parse (p->prev->expires_at);
  return expires != NULL && g_date_time_difference (expires, now) > p->lifetime * G_TIME_SPAN_SECOND / 2;
}

static gboolean
write_bundle (Publish *p, gint64 after_seq, gboolean snapshot, SyncManifestBundle **bundle, GError **error)
{
  if (!sync_bundle_write (p->store, p->cert->hub, after_seq, snapshot, p->site_dir, bundle,
                          &p->stats->media_written, error))
    return FALSE;
  if (*bundle != NULL)
    p->stats->bundles_written++;
  p->stats->snapshot_written |= snapshot;
  return TRUE;
}

/* When the deltas together outweigh the snapshot, a new snapshot, keeping only the newest
 * deltas that are still cheaper than it. */
static gboolean
compact (Publish *p, SyncManifest *m, GError **error)
{
  SyncManifestBundle *snapshot;
  gint64 kept = 0;
  guint first;

  if (sync_manifest_total_size (m) - m->snapshot->size <= m->snapshot->size)
    return TRUE;
  if (!write_bundle (p, 0, TRUE, &snapshot, error))
    return FALSE;
  for (first = m->deltas->len; first > 0; first--)
    {
      const SyncManifestBundle *d = g_ptr_array_index (m->deltas, first - 1);
      if (kept + d->size >= snapshot->size)
        break;
      kept += d->size;
    }
  /* A publish between the delta and the snapshot leaves them at different seqs: the snapshot
   * alone is then the whole story. */
  if (snapshot->to_seq != m->seq)
    first = m->deltas->len;
  g_ptr_array_remove_range (m->deltas, 0, first);
  sync_manifest_bundle_free (m->snapshot);
  m->snapshot = snapshot;
  m->seq = snapshot->to_seq;
  return TRUE;
}

/* The bundles of @m: the previous ones and a delta after them, or a new snapshot. */
static gboolean
make_bundles (Publish *p, SyncManifest *m, GError **error)
{
  SyncManifestBundle *delta;

  if (!continues (p))
    {
      if (!write_bundle (p, 0, TRUE, &m->snapshot, error))
        return FALSE;
      m->seq = m->snapshot->to_seq;
      return TRUE;
    }
  m->snapshot = sync_manifest_bundle_copy (p->prev->snapshot);
  for (guint i = 0; i < p->prev->deltas->len; i++)
    g_ptr_array_add (m->deltas, sync_manifest_bundle_copy (g_ptr_array_index (p->prev->deltas, i)));
  m->seq = p->prev->seq;
  if (!write_bundle (p, p->prev->seq, FALSE, &delta, error))
    return FALSE;
  if (delta != NULL)
    {
      g_ptr_array_add (m->deltas, delta);
      m->seq = delta->to_seq;
    }
  return compact (p, m, error);
}

/* Issue time now (never before the previous manifest's) and expiry a lifetime later. */
static void
stamp (Publish *p, SyncManifest *m)
{
  g_autoptr(GDateTime) issued = sync_time_now_at_least (p->prev != NULL ? p->prev->issued_at : NULL);
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (issued, p->lifetime);

  m->issued_at = sync_time_format (issued);
  m->expires_at = sync_time_format (expires);
}

static gboolean
is_named (const SyncManifest *m, const char *sha256)
{
  if (m == NULL)
    return FALSE;
  if (g_str_equal (m->snapshot->sha256, sha256))
    return TRUE;
  for (guint i = 0; i < m->deltas->len; i++)
    if (g_str_equal (((SyncManifestBundle *) g_ptr_array_index (m->deltas, i))->sha256, sha256))
      return TRUE;
  return FALSE;
}

/* Removes the bundles neither @m nor the previous manifest names: a kiosk that fetched the
 * previous manifest a moment ago can still fetch what it names. Blobs stay: they are small
 * next to bundles, and any later record may name one again. */
static void
prune (Publish *p, const SyncManifest *m)
{
  g_autofree char *dir_path = g_build_filename (p->site_dir, "bundles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !is_named (m, name) && !is_named (p->prev, name))
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);
        g_unlink (path);
      }
}

static gboolean
write_site (Publish *p, SyncManifest *m, GError **error)
{
  g_autofree char *cert_path = g_build_filename (p->site_dir, "certificate.json", NULL);
  g_autofree char *manifest_path = g_build_filename (p->site_dir, "manifest.json", NULL);
  g_autoptr(GBytes) sealed = sync_manifest_seal (m, p->key);

  if (!sync_file_write (cert_path, g_bytes_get_data (p->cert_bytes, NULL), g_bytes_get_size (p->cert_bytes),
                        0644, error)
      || !sync_file_write (manifest_path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), 0644, error))
    return FALSE;
  prune (p, m);
  return TRUE;
}

/* ---- a hub restored from a backup ---- */

typedef struct {
  GHashTable *published;     /* "kind/id" → seq, as the newest delta carried them */
  gint64 to_seq;
  gboolean diverged;
} History;

static char *
record_key (const ContentReplicaRecord *r)
{
  return g_strdup_printf ("%d/%s", r->kind, r->id);
}

static gboolean
remember (ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  History *h = user_data;

  g_hash_table_insert (h->published, record_key (record), g_memdup2 (&record->seq, sizeof record->seq));
  content_replica_record_free (record);
  return TRUE;
}

/* A record the store holds at a seq the delta covers must be in the delta at that seq. */
static gboolean
check_record (const ContentReplicaRecord *r, gpointer user_data, GError **error)
{
  History *h = user_data;
  g_autofree char *key = record_key (r);
  gint64 *seq = g_hash_table_lookup (h->published, key);

  if (r->seq <= h->to_seq && (seq == NULL || *seq != r->seq))
    h->diverged = TRUE;
  return !h->diverged;
}

/* Whether the store still holds the history the site published: every record it has at a seq
 * the site's newest delta covers is that delta's record. A hub restored from a backup and
 * edited since reuses those seqs for other changes, and its replicas would silently diverge;
 * it must move to a new epoch instead. (After a compaction, with no delta left, there is
 * nothing cheap to compare, and this check waits for the next delta.) */
static gboolean
check_history (Publish *p, GError **error)
{
  const SyncManifestBundle *last;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) published = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  History h = { published, 0, FALSE };
  gint64 to_seq;

  if (!continues (p) || p->prev->deltas->len == 0)
    return TRUE;
  last = g_ptr_array_index (p->prev->deltas, p->prev->deltas->len - 1);
  path = g_build_filename (p->site_dir, last->name, NULL);
  h.to_seq = last->to_seq;
  if (!sync_bundle_read (path, last, p->prev->hub, remember, &h, error)
      || (!content_store_foreach_change (p->store, last->from_seq, FALSE, check_record, &h, &to_seq, error)
          && !h.diverged))
    return FALSE;
  if (h.diverged)
    return refuse (error, "this database does not hold what the site published (a hub restored from a "
                   "backup?): give its signing key a new epoch (banlang-sync delegate --epoch)");
  return TRUE;
}

static gboolean
publish_locked (Publish *p, GError **error)
{
  g_autoptr(SyncManifest) m = NULL;
  gint64 seq;

  if (!load_previous (p, error))
    return FALSE;
  if (p->prev != NULL && g_str_equal (p->prev->hub, p->cert->hub) && p->prev->epoch > p->cert->epoch)
    return refuse (error, "the site was published in a later epoch than this key's certificate");
  if (!content_store_get_seq (p->store, &seq, error))
    return FALSE;
  if (continues (p) && p->prev->seq > seq)
    return refuse (error, "the site is ahead of this database (a hub restored from a backup?): "
                   "give its signing key a new epoch (banlang-sync delegate --epoch)");
  if (!check_history (p, error))
    return FALSE;
  if (up_to_date (p, seq))
    {
      p->stats->seq = p->prev->seq;
      p->stats->version = p->prev->version;
      return TRUE;
    }
  m = sync_manifest_new ();
  m->hub = g_strdup (p->cert->hub);
  m->key = g_strdup (p->cert->key);
  m->epoch = p->cert->epoch;
  m->version = continues (p) ? p->prev->version + 1 : 1;
  if (!make_bundles (p, m, error))
    return FALSE;
  stamp (p, m);
  if (!write_site (p, m, error))
    return FALSE;
  p->stats->manifest_written = TRUE;
  p->stats->seq = m->seq;
  p->stats->version = m->version;
  return TRUE;
}

gboolean
sync_publisher_publish_with_options (ContentStore              *store,
                                     const char                *signing_key_path,
                                     const char                *site_dir,
                                     const SyncPublishOptions  *options,
                                     SyncPublishStats          *stats,
                                     GError                   **error)
{
  SyncPublishStats local_stats = { 0 };
  Publish p = { store, site_dir, NULL, NULL, NULL, NULL,
                options != NULL && options->lifetime > 0 ? options->lifetime : SYNC_PUBLISH_DEFAULT_LIFETIME,
                stats != NULL ? stats : &local_stats };
  g_autofree char *lock_path = g_build_filename (site_dir, ".lock", NULL);
  g_autoptr(SyncLock) lock = NULL;
  gboolean ok;

  g_return_val_if_fail (CONTENT_IS_STORE (store), FALSE);
  memset (p.stats, 0, sizeof *p.stats);
  if (g_mkdir_with_parents (site_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", site_dir, g_strerror (saved));
      return FALSE;
    }
  lock = sync_lock_take (lock_path, TRUE, error);
  ok = lock != NULL && load_key (&p, signing_key_path, error) && publish_locked (&p, error);
  g_clear_pointer (&p.key, sync_key_free);
  g_clear_pointer (&p.cert, sync_certificate_free);
  g_clear_pointer (&p.cert_bytes, g_bytes_unref);
  g_clear_pointer (&p.prev, sync_manifest_free);
  return ok;
}

gboolean
sync_publisher_publish (ContentStore      *store,
                        const char        *signing_key_path,
                        const char        *site_dir,
                        SyncPublishStats  *stats,
                        GError           **error)
{
  return sync_publisher_publish_with_options (store, signing_key_path, site_dir, NULL, stats, error);
}
