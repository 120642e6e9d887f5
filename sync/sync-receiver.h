/* sync-receiver.h: a kiosk taking its hub's published content, from the hub's site over
 * HTTP or from a folder (a USB stick), checked before a single record is written. */
#pragma once

#include <gio/gio.h>

#include "content-store.h"

G_BEGIN_DECLS

typedef struct _SyncReceiver SyncReceiver;

typedef enum {
  SYNC_RECEIVE_DEFAULT = 0,
  SYNC_RECEIVE_FETCH_ONLY = 1 << 0,  /* fetch and check everything, apply nothing: the files
                                      * wait in the cache for a pull at a quiet moment */
} SyncReceiveFlags;

typedef enum {
  SYNC_STAGE_FETCHING,
  SYNC_STAGE_APPLYING,
} SyncStage;

/* Where a pull or apply has got to. */
typedef struct {
  SyncStage stage;
  guint64 bytes_done;     /* fetching: bytes received (over HTTP) */
  guint64 bytes_total;    /* fetching: bytes of the bundles and blobs needed */
  guint items_done;       /* applying: records written */
  guint items_total;
} SyncProgress;

typedef void (*SyncProgressFunc) (const SyncProgress *progress, gpointer user_data);

typedef struct {
  gboolean updated;         /* the content changed */
  gint64 from_seq;          /* the replica's seq before */
  gint64 to_seq;            /* ... and after */
  guint records;            /* records applied */
  guint media_fetched;      /* blobs the kiosk lacked and fetched */
  guint64 bytes_received;   /* over HTTP, over all attempts */
  gboolean stale;           /* the newest manifest is past its expiry: tell staff */
  gboolean pending;         /* SYNC_RECEIVE_FETCH_ONLY: an update was fetched and waits to be
                             * applied by a pull at a quiet moment */
} SyncReceiveStats;

/* A receiver for @store, a replica (or an empty database that becomes one), trusting the hub
 * root key in the public key file @trust_path. NULL with SYNC_ERROR_NOT_FOUND when the file is
 * missing, SYNC_ERROR_REFUSED when it is not a public key. @store must stay open as long. */
SyncReceiver *sync_receiver_new (ContentStore *store, const char *trust_path, GError **error);

void sync_receiver_set_progress (SyncReceiver *self, SyncProgressFunc func, gpointer user_data);

/* Retries of each HTTP fetch (see sync_fetcher_set_retry()). */
void sync_receiver_set_retry (SyncReceiver *self, guint attempts, guint first_delay_ms, guint max_delay_ms);

/* Brings the store up to date from the site at @url: fetches the certificate and manifest,
 * checks them against the root and what the store has learned (bad signatures, unsigned or
 * revoked keys and rollbacks are refused), fetches only the bundles needed from the store's
 * seq (the deltas that continue it, or the snapshot) and only the blobs it lacks, resuming
 * cut transfers, checks every hash, and applies all of it in one transaction, together with
 * what it learned. Files wait in a cache beside the database ("DB.sync/") until applied. A
 * lock beside the database ("DB.lock") keeps two appliers apart: SYNC_ERROR_BUSY at once if
 * another holds it. Errors: SYNC_ERROR_UNREACHABLE (the hub did not answer: the content is
 * unchanged, try later), SYNC_ERROR_REFUSED (something failed a check: nothing applied),
 * SYNC_ERROR_NOT_FOUND (the site lacks a file its manifest names), SYNC_ERROR_FAILED (the
 * database refused the update, such as a full disk: nothing applied). */
gboolean sync_receiver_pull (SyncReceiver      *self,
                             const char        *url,
                             SyncReceiveFlags   flags,
                             SyncReceiveStats  *stats,
                             GCancellable      *cancellable,
                             GError           **error);

/* The same from the site copied into the folder @dir (a USB stick), with the same checks. */
gboolean sync_receiver_apply_dir (SyncReceiver      *self,
                                  const char        *dir,
                                  SyncReceiveStats  *stats,
                                  GError           **error);

void sync_receiver_free (SyncReceiver *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncReceiver, sync_receiver_free)

/* In a worker thread, opens (creating when missing) the database @db_path, pulls from @url
 * trusting @trust_path (sync_receiver_pull() with @flags) and closes it, so the calling
 * thread (the kiosk's screen) never waits on the network or the disk. */
void sync_receiver_pull_async (const char          *db_path,
                               const char          *trust_path,
                               const char          *url,
                               SyncReceiveFlags     flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

/* The result of sync_receiver_pull_async(); fills @stats when not NULL. */
gboolean sync_receiver_pull_finish (GAsyncResult      *result,
                                    SyncReceiveStats  *stats,
                                    GError           **error);

G_END_DECLS
