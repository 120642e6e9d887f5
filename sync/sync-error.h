/* sync-error.h: the SYNC_ERROR domain: what went wrong while publishing, fetching, verifying
 * or applying, told apart by what a caller does about it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SYNC_ERROR (sync_error_quark ())
GQuark sync_error_quark (void);

typedef enum {
  SYNC_ERROR_FAILED,       /* anything else: a file not written, a database that failed */
  SYNC_ERROR_NOT_FOUND,    /* a key, file, manifest or state that should be there is not */
  SYNC_ERROR_REFUSED,      /* verification failed (signature, key, hash, rollback, continuity,
                            * format): nothing was applied, and retrying will not help */
  SYNC_ERROR_UNREACHABLE,  /* the hub did not answer after every retry: try again later */
  SYNC_ERROR_BUSY,         /* another process holds the lock on this database or site */
} SyncError;

G_END_DECLS
