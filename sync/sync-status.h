/* sync-status.h: what a kiosk's staff panel and `banlang-sync status` say about its content:
 * which hub, which seq, when last updated, and whether it is stale. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

typedef struct {
  char *hub;          /* the hub it follows */
  gint64 seq;         /* the newest seq it holds */
  char *applied_at;   /* when content last changed here (UTC, YYYY-MM-DDTHH:MM:SSZ) */
  char *issued_at;    /* when the hub issued the newest manifest it holds */
  char *expires_at;   /* when that manifest stops vouching for its content; NULL if unknown */
  char *checked_at;   /* when a manifest was last fetched and verified; NULL if unknown */
  gint64 epoch;       /* of the hub's key */
  gint64 version;     /* of that manifest */
  gboolean stale;     /* past expires_at with nothing newer: "stale since expires_at" */
} SyncStatus;

/* The status of @store; NULL with SYNC_ERROR_NOT_FOUND when it has taken nothing from a hub
 * yet, SYNC_ERROR_FAILED when it cannot be read. */
SyncStatus *sync_status_read (ContentStore *store, GError **error);

/* The status as JSON (the same members), for scripts and the kiosk. */
char *sync_status_to_json (const SyncStatus *self);

void sync_status_free (SyncStatus *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncStatus, sync_status_free)

G_END_DECLS
