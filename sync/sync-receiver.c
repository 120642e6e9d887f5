/* sync-receiver.c: pulling and applying a hub's site on a kiosk (see sync-receiver.h).
 *
 * Everything is checked before anything is written, in the order that costs least to an
 * attacker's files: the certificate against the root the kiosk was installed with, the
 * manifest against the certificate's key and what the kiosk learned before (epoch, version,
 * revoked keys), every bundle and blob against the hash the manifest or bundle names. Each
 * bundle, once its hash holds, is read line by line into a stage (content-replica-stage.h), a
 * temporary table where the chain of deltas merges record by record (the newest seq of a
 * record wins); the blobs the stage needs are fetched and checked; only then does
 * content_store_apply_replica() write the stage in one transaction together with the new trust
 * state, reading each blob from its file as it writes it: a kiosk killed at any instant holds
 * the old content and the old trust, or the new and the new, and no update, however large, is
 * ever held in memory whole.
 *
 * A folder (a USB stick) and a URL are the same site; only how a file is obtained differs.
 * Over HTTP, files go to a cache beside the database and stay there until applied, so a cut
 * transfer or a pull that only fetches (SYNC_RECEIVE_FETCH_ONLY, for a kiosk that applies
 * between visitors) never fetches a byte twice.
 */
#include "sync-receiver.h"
#include "content-changes.h"
#include "content-error.h"
#include "content-media.h"
#include "content-replica-stage.h"
#include "sync-bundle.h"
#include "sync-certificate.h"
#include "sync-error.h"
#include "sync-fetcher.h"
#include "sync-file.h"
#include "sync-hash.h"
#include "sync-lock.h"
#include "sync-trust.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* The manifest and the certificate are a few KiB; a server sending more is refused before it
 * fills the disk or the memory (The Update Framework's "endless data" attack). */
#define MAX_DOCUMENT_SIZE (1024 * 1024)

struct _SyncReceiver {
  ContentStore *store;
  SyncKey *root;
  SyncProgressFunc progress;
  gpointer progress_data;
  guint attempts;
  guint first_delay_ms;
  guint max_delay_ms;
};

/* One pull or apply. */
typedef struct {
  SyncReceiver *self;
  SyncFetcher *fetcher;       /* NULL: the files are in dir */
  char *dir;                  /* the folder, or the cache of an HTTP pull */
  GCancellable *cancellable;
  SyncReceiveStats *stats;
  SyncProgress progress;
  ContentReplicaStage *stage; /* the update's records, merged as they are read */
  GPtrArray *cached;          /* cache files to remove once applied */
  gboolean new_history;       /* the manifest is of an epoch this kiosk has not followed yet:
                               * its snapshot replaces everything, whatever the seqs */
} Pull;

SyncReceiver *
sync_receiver_new (ContentStore *store, const char *trust_path, GError **error)
{
  g_autoptr(SyncKey) root = sync_key_load (trust_path, error);
  SyncReceiver *self;

  if (root == NULL)
    return NULL;
  self = g_new0 (SyncReceiver, 1);
  self->store = g_object_ref (store);
  self->root = g_steal_pointer (&root);
  self->attempts = 6;
  self->first_delay_ms = 500;
  self->max_delay_ms = 30000;
  return self;
}

void
sync_receiver_set_progress (SyncReceiver *self, SyncProgressFunc func, gpointer user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

void
sync_receiver_set_retry (SyncReceiver *self, guint attempts, guint first_delay_ms, guint max_delay_ms)
{
  self->attempts = attempts;
  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = max_delay_ms;
}

void
sync_receiver_free (SyncReceiver *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->store);
  sync_key_free (self->root);
  g_free (self);
}

static void
report (Pull *p)
{
  if (p->self->progress != NULL)
    p->self->progress (&p->progress, p->self->progress_data);
}

static void
on_bytes (guint64 received, gpointer user_data)
{
  Pull *p = user_data;

  p->progress.bytes_done = received;
  report (p);
}

/* TRUE when the file @path exists and hashes to @sha256. */
static gboolean
has_hash (const char *path, const char *sha256)
{
  g_autofree char *actual = sync_hash_file (path, NULL);

  return actual != NULL && g_str_equal (actual, sha256);
}

/* TRUE when the file @path is no longer than @max_size bytes. */
static gboolean
fits (const char *path, gint64 max_size)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size <= max_size;
}

/* The local path of the site's file @name, at most @max_size bytes: in the folder, or fetched
 * into the cache (unless a file with the right hash is already there). With @sha256, the file
 * must hash to it. */
static char *
obtain (Pull *p, const char *name, const char *sha256, gint64 max_size, GError **error)
{
  g_autofree char *path = g_build_filename (p->dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  if (p->fetcher == NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "%s: the folder has no such file", path);
      return NULL;
    }
  if (p->fetcher != NULL && (sha256 == NULL || !has_hash (path, sha256)))
    {
      if (g_mkdir_with_parents (parent, 0755) != 0)
        {
          int saved = errno;
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", parent, g_strerror (saved));
          return NULL;
        }
      if (!sync_fetcher_fetch (p->fetcher, name, path, sha256 != NULL, max_size, p->cancellable, error))
        return NULL;
    }
  /* Whether fetched now or by an earlier pull that only fetched, it goes once applied. */
  if (p->fetcher != NULL)
    g_ptr_array_add (p->cached, g_strdup (path));
  if (!fits (path, max_size))
    {
      if (p->fetcher != NULL)
        g_unlink (path);
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s is longer than the %" G_GINT64_FORMAT
                   " bytes it may have: refused, nothing changed", name, max_size);
      return NULL;
    }
  if (sha256 != NULL && !has_hash (path, sha256))
    {
      /* A damaged file in the cache must not be found again by the next pull. */
      if (p->fetcher != NULL)
        g_unlink (path);
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED,
                   "%s does not match the hash its manifest gives: refused, nothing changed", name);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* The bytes of the site's small document @name (the manifest or the certificate). */
static GBytes *
obtain_document (Pull *p, const char *name, GError **error)
{
  g_autofree char *path = obtain (p, name, NULL, MAX_DOCUMENT_SIZE, error);

  return path != NULL ? sync_file_read (path, error) : NULL;
}

/* A refused manifest or certificate must not wait in the cache for the next pull. */
static void
forget_document (Pull *p, const char *name)
{
  g_autofree char *path = g_build_filename (p->dir, name, NULL);

  if (p->fetcher != NULL)
    g_unlink (path);
}

/* The certificate, checked against the root and @trust. */
static SyncCertificate *
get_certificate (Pull *p, const SyncTrust *trust, GError **error)
{
  g_autoptr(GBytes) bytes = obtain_document (p, "certificate.json", error);
  g_autoptr(SyncCertificate) cert = NULL;

  if (bytes == NULL || (cert = sync_certificate_parse (bytes, p->self->root, error)) == NULL
      || !sync_trust_check_certificate (trust, cert, error))
    {
      forget_document (p, "certificate.json");
      return NULL;
    }
  return g_steal_pointer (&cert);
}

/* The manifest, checked against @cert and @trust; sets *@id to its file's hash. */
static SyncManifest *
get_manifest (Pull *p, const SyncTrust *trust, const SyncCertificate *cert, char **id, gboolean *same,
              GError **error)
{
  g_autoptr(GBytes) bytes = obtain_document (p, "manifest.json", error);
  g_autoptr(SyncManifest) m = NULL;

  if (bytes != NULL && (m = sync_manifest_parse (bytes, cert->key, error)) != NULL)
    *id = sync_hash_bytes (bytes);
  if (m == NULL || !sync_trust_check_manifest (trust, cert, m, *id, same, error))
    {
      forget_document (p, "manifest.json");
      return NULL;
    }
  return g_steal_pointer (&m);
}

/* The bundles that bring a store at @seq (a replica when @replica) to the manifest's seq: the
 * deltas that continue from @seq, else the snapshot and the deltas after it. */
static GPtrArray *
plan (const SyncManifest *m, gint64 seq, gboolean replica)
{
  GPtrArray *bundles = g_ptr_array_new ();
  guint i;

  for (i = 0; replica && i < m->deltas->len; i++)
    if (((SyncManifestBundle *) g_ptr_array_index (m->deltas, i))->from_seq == seq)
      break;
  if (!replica || i == m->deltas->len)
    {
      g_ptr_array_add (bundles, m->snapshot);
      for (i = 0; i < m->deltas->len; i++)
        if (((SyncManifestBundle *) g_ptr_array_index (m->deltas, i))->from_seq == m->snapshot->to_seq)
          break;
    }
  for (; i < m->deltas->len; i++)
    g_ptr_array_add (bundles, g_ptr_array_index (m->deltas, i));
  return bundles;
}

/* Sets @error from the content store's @local: a record that fails its checks is refused, any
 * other failure is the database's. */
static gboolean
content_failed (GError *local, GError **error)
{
  gboolean refused = g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT)
                     || g_error_matches (local, SYNC_ERROR, SYNC_ERROR_REFUSED);

  g_set_error_literal (error, SYNC_ERROR, refused ? SYNC_ERROR_REFUSED : SYNC_ERROR_FAILED, local->message);
  return FALSE;
}

/* Stages @record, merged with what earlier bundles brought. */
static gboolean
stage_record (ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  Pull *p = user_data;
  g_autoptr(ContentReplicaRecord) owned = record;
  g_autoptr(GError) local = NULL;

  return content_replica_stage_add (p->stage, owned, &local) || content_failed (local, error);
}

static gboolean
read_bundles (Pull *p, const SyncManifest *m, GPtrArray *bundles, GError **error)
{
  for (guint i = 0; i < bundles->len; i++)
    {
      const SyncManifestBundle *b = g_ptr_array_index (bundles, i);
      p->progress.bytes_total += b->size;
    }
  for (guint i = 0; i < bundles->len; i++)
    {
      const SyncManifestBundle *b = g_ptr_array_index (bundles, i);
      g_autofree char *path = obtain (p, b->name, b->sha256, b->size, error);
      if (path == NULL || !sync_bundle_read (path, b, m->hub, stage_record, p, error))
        return FALSE;
    }
  return TRUE;
}

/* FALSE (refused) when the blob id @sha256 is not a sha256: it becomes a file name.
 * sync_bundle_read() refused any other id already. */
static gboolean
check_blob_id (const char *sha256, GError **error)
{
  if (content_media_is_sha256 (sha256))
    return TRUE;
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "a blob's id is not a sha256: refused");
  return FALSE;
}

/* Fetches (over HTTP) and checks the blob @sha256 of @size bytes the store lacks. */
static gboolean
fetch_blob (const char *sha256, gint64 size, gpointer user_data, GError **error)
{
  Pull *p = user_data;
  g_autofree char *name = g_strconcat ("media/", sha256, NULL);
  g_autofree char *path = NULL;
  GStatBuf st;

  if (!check_blob_id (sha256, error) || (path = obtain (p, name, sha256, size, error)) == NULL)
    return FALSE;
  if (g_stat (path, &st) != 0 || st.st_size != size)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s is not the size its bundle gives", name);
      return FALSE;
    }
  p->stats->media_fetched++;
  return TRUE;
}

static gboolean
fetch_blobs (Pull *p, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (content_replica_stage_foreach_missing (p->stage, fetch_blob, p, &local))
    return TRUE;
  /* fetch_blob's own errors are sync's already. */
  if (local->domain == SYNC_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return content_failed (local, error);
}

/* The bytes of blob @sha256 for the apply, from the file fetch_blob() checked (the content
 * store checks their hash again as it writes them). */
static GBytes *
read_blob (const char *sha256, gint64 size, gpointer user_data, GError **error)
{
  Pull *p = user_data;
  g_autofree char *path = g_build_filename (p->dir, "media", sha256, NULL);
  g_autoptr(GBytes) bytes = check_blob_id (sha256, error) ? sync_file_read (path, error) : NULL;

  if (bytes != NULL && (gint64) g_bytes_get_size (bytes) != size)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "media/%s is not the size its bundle gives", sha256);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static void
on_item (guint done, guint total, gpointer user_data)
{
  Pull *p = user_data;

  p->progress.stage = SYNC_STAGE_APPLYING;
  p->progress.items_done = done;
  p->progress.items_total = total;
  report (p);
}

/* Applies the staged update with the trust it brings, in one transaction. */
static gboolean
apply (Pull *p, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!content_store_apply_replica (p->self->store, p->stage, read_blob, p, on_item, p, &local))
    return content_failed (local, error);
  p->stats->records = p->progress.items_done;
  return TRUE;
}

/* Records that the manifest was checked when nothing needs applying (a re-signed manifest
 * extends the expiry; the same one moves only the time of the check). */
static gboolean
keep_trust (Pull *p, const SyncTrust *trust, gboolean replica, GError **error)
{
  g_autoptr(JsonNode) json = sync_trust_to_json (trust);
  g_autoptr(GError) local = NULL;

  if (!replica || content_store_set_replica_trust (p->self->store, json, trust->issued_at, &local))
    return TRUE;
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s", local->message);
  return FALSE;
}

/* Stages the records of @bundles, fetches the blobs they need and, unless only fetching,
 * applies them with @trust. */
static gboolean
receive_bundles (Pull *p, const SyncManifest *m, const char *manifest_id, const SyncTrust *trust,
                 GPtrArray *bundles, SyncReceiveFlags flags, GError **error)
{
  const SyncManifestBundle *first = g_ptr_array_index (bundles, 0);
  g_autoptr(JsonNode) trust_json = sync_trust_to_json (trust);
  ContentReplicaBatch batch = { m->hub, manifest_id, m->issued_at, first->from_seq, m->seq,
                                first == m->snapshot, trust_json, p->new_history };
  g_autoptr(GError) local = NULL;
  g_autoptr(ContentReplicaStage) stage = content_replica_stage_new (p->self->store, &batch, &local);
  gboolean ok;

  if (stage == NULL)
    return content_failed (local, error);
  p->stage = stage;
  ok = read_bundles (p, m, bundles, error) && fetch_blobs (p, error);
  if (ok && (flags & SYNC_RECEIVE_FETCH_ONLY))
    p->stats->pending = TRUE;
  else if (ok && (ok = apply (p, error)))
    {
      p->stats->updated = TRUE;
      p->stats->to_seq = m->seq;
    }
  p->stage = NULL;
  return ok;
}

/* Everything after the manifest: which bundles, their records, the blobs, the apply. */
static gboolean
update (Pull *p, const ContentReplicaState *state, const SyncManifest *m, const char *manifest_id,
        const SyncTrust *trust, SyncReceiveFlags flags, GError **error)
{
  g_autoptr(GPtrArray) bundles = NULL;
  g_autoptr(GError) local = NULL;
  gint64 seq;

  if (state != NULL && !g_str_equal (state->hub, m->hub))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "this kiosk follows hub %s, and the site is "
                   "hub %s's", state->hub, m->hub);
      return FALSE;
    }
  /* Seqs compare only within one history: a new epoch's snapshot replaces the old history. */
  if (state != NULL && !p->new_history && state->seq > m->seq)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "the site (seq %" G_GINT64_FORMAT ") is "
                   "behind this kiosk (seq %" G_GINT64_FORMAT ")", m->seq, state->seq);
      return FALSE;
    }
  if (state != NULL && !p->new_history && state->seq == m->seq)
    return keep_trust (p, trust, TRUE, error);
  if (!content_store_get_seq (p->self->store, &seq, &local))
    return content_failed (local, error);
  bundles = plan (m, seq, state != NULL && !p->new_history);
  return receive_bundles (p, m, manifest_id, trust, bundles, flags, error);
}

static gboolean
receive (Pull *p, SyncReceiveFlags flags, GError **error)
{
  g_autoptr(ContentReplicaState) state = NULL;
  g_autoptr(SyncTrust) trust = NULL;
  g_autoptr(SyncCertificate) cert = NULL;
  g_autoptr(SyncManifest) m = NULL;
  g_autofree char *manifest_id = NULL;
  g_autoptr(GError) local = NULL;
  gboolean same = FALSE;

  /* A state that cannot be read is a failure, not a new kiosk trusting only its installed key. */
  if (!content_store_lookup_replica_state (p->self->store, &state, &local))
    return content_failed (local, error);
  trust = sync_trust_from_json (state != NULL ? state->trust : NULL);
  p->stats->from_seq = p->stats->to_seq = state != NULL ? state->seq : 0;
  if ((cert = get_certificate (p, trust, error)) == NULL
      || (m = get_manifest (p, trust, cert, &manifest_id, &same, error)) == NULL)
    return FALSE;
  p->new_history = state != NULL && m->epoch > trust->epoch;
  sync_trust_learn (trust, cert, m, manifest_id);
  p->stats->stale = sync_trust_is_stale (trust);
  if (same)
    return keep_trust (p, trust, state != NULL, error);
  return update (p, state, m, manifest_id, trust, flags, error);
}

static void
remove_cached (Pull *p)
{
  for (guint i = 0; i < p->cached->len; i++)
    g_unlink (g_ptr_array_index (p->cached, i));
}

/* Runs one pull or apply under the database's lock. */
static gboolean
run (SyncReceiver *self, SyncFetcher *fetcher, const char *dir, SyncReceiveFlags flags,
     SyncReceiveStats *stats, GCancellable *cancellable, GError **error)
{
  SyncReceiveStats local_stats = { 0 };
  g_autofree char *lock_path = g_strconcat (content_store_get_path (self->store), ".lock", NULL);
  g_autoptr(SyncLock) lock = sync_lock_take (lock_path, FALSE, error);
  g_autoptr(GPtrArray) cached = g_ptr_array_new_with_free_func (g_free);
  Pull p = { self, fetcher, (char *) dir, cancellable, stats != NULL ? stats : &local_stats,
             { SYNC_STAGE_FETCHING, 0, 0, 0, 0 }, NULL, cached, FALSE };
  gboolean ok;

  memset (p.stats, 0, sizeof *p.stats);
  if (lock == NULL)
    return FALSE;
  if (fetcher != NULL)
    sync_fetcher_set_progress (fetcher, on_bytes, &p);
  ok = receive (&p, flags, error);
  if (fetcher != NULL)
    p.stats->bytes_received = sync_fetcher_get_received (fetcher);
  if (ok && p.stats->updated)
    remove_cached (&p);
  return ok;
}

gboolean
sync_receiver_pull (SyncReceiver      *self,
                    const char        *url,
                    SyncReceiveFlags   flags,
                    SyncReceiveStats  *stats,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(SyncFetcher) fetcher = sync_fetcher_new (url, error);
  g_autofree char *cache = g_strconcat (content_store_get_path (self->store), ".sync", NULL);

  if (fetcher == NULL)
    return FALSE;
  sync_fetcher_set_retry (fetcher, self->attempts, self->first_delay_ms, self->max_delay_ms);
  return run (self, fetcher, cache, flags, stats, cancellable, error);
}

gboolean
sync_receiver_apply_dir (SyncReceiver      *self,
                         const char        *dir,
                         SyncReceiveStats  *stats,
                         GError           **error)
{
  return run (self, NULL, dir, SYNC_RECEIVE_DEFAULT, stats, NULL, error);
}

/* ---- in a worker thread ---- */

typedef struct {
  char *db_path;
  char *trust_path;
  char *url;
  SyncReceiveFlags flags;
} PullData;

static void
pull_data_free (PullData *data)
{
  g_free (data->db_path);
  g_free (data->trust_path);
  g_free (data->url);
  g_free (data);
}

static void
pull_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PullData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (data->db_path, CONTENT_STORE_OPEN_CREATE, &error);
  g_autoptr(SyncReceiver) receiver = NULL;
  SyncReceiveStats *stats = g_new0 (SyncReceiveStats, 1);

  if (store == NULL)
    {
      g_free (stats);
      g_task_return_new_error (task, SYNC_ERROR, SYNC_ERROR_FAILED, "%s", error->message);
      return;
    }
  if ((receiver = sync_receiver_new (store, data->trust_path, &error)) != NULL)
    sync_receiver_pull (receiver, data->url, data->flags, stats, cancellable, &error);
  if (error != NULL)
    {
      g_free (stats);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, stats, g_free);
}

void
sync_receiver_pull_async (const char          *db_path,
                          const char          *trust_path,
                          const char          *url,
                          SyncReceiveFlags     flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PullData *data = g_new0 (PullData, 1);

  data->db_path = g_strdup (db_path);
  data->trust_path = g_strdup (trust_path);
  data->url = g_strdup (url);
  data->flags = flags;
  g_task_set_source_tag (task, sync_receiver_pull_async);
  g_task_set_task_data (task, data, (GDestroyNotify) pull_data_free);
  g_task_run_in_thread (task, pull_thread);
}

gboolean
sync_receiver_pull_finish (GAsyncResult      *result,
                           SyncReceiveStats  *stats,
                           GError           **error)
{
  g_autofree SyncReceiveStats *out = g_task_propagate_pointer (G_TASK (result), error);

  if (out == NULL)
    return FALSE;
  if (stats != NULL)
    *stats = *out;
  return TRUE;
}
