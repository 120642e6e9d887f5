/* sync-manifest.h: the signed list of what a hub publishes: its bundles (a snapshot and the
 * deltas after it), the newest seq, when it was issued and until when it may be trusted. */
#pragma once

#include <json-glib/json-glib.h>

#include "sync-key.h"

G_BEGIN_DECLS

#define SYNC_MANIFEST_TYPE "banlang-sync-manifest"

/* One bundle as the manifest vouches for it. */
typedef struct {
  char *name;        /* its path in the site: "bundles/<sha256>" */
  char *sha256;      /* of the compressed file */
  gint64 size;       /* of the compressed file, in bytes */
  gint64 from_seq;   /* a delta holds the changes after from_seq; a snapshot has 0 */
  gint64 to_seq;     /* ... up to and including to_seq */
  gint64 records;    /* how many records it holds */
} SyncManifestBundle;

typedef struct {
  char *hub;                 /* the hub's id (its certificate's) */
  char *key;                 /* the id of the online key that signs it */
  gint64 epoch;              /* its certificate's epoch */
  gint64 version;            /* counts up with every manifest of an epoch */
  gint64 seq;                /* the newest seq its bundles reach */
  char *issued_at;           /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char *expires_at;          /* the same form: after it, a replica holding it is stale */
  SyncManifestBundle *snapshot;
  GPtrArray *deltas;         /* SyncManifestBundle, each continuing from the one before */
} SyncManifest;

SyncManifest *sync_manifest_new (void);

/* The signed document of @self, by @key (which holds its secret). */
GBytes *sync_manifest_seal (const SyncManifest *self, SyncKey *key);

/* The manifest in @bytes, after checking its signature by @key_id (NULL: by the key it names,
 * which checks only that it is intact: for a publisher reading its own site) and its fields
 * (its times must be in the form sync_time_format() writes); NULL with SYNC_ERROR_REFUSED
 * otherwise. */
SyncManifest *sync_manifest_parse (GBytes *bytes, const char *key_id, GError **error);

/* The bytes of all its bundles. */
gint64 sync_manifest_total_size (const SyncManifest *self);

SyncManifestBundle *sync_manifest_bundle_copy (const SyncManifestBundle *bundle);
void sync_manifest_bundle_free (SyncManifestBundle *bundle);
void sync_manifest_free (SyncManifest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncManifestBundle, sync_manifest_bundle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncManifest, sync_manifest_free)

G_END_DECLS
