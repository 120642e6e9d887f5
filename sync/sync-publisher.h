/* sync-publisher.h: a hub's published content made into a site of static files (manifest,
 * certificate, bundles, media) that any web server, cache or USB stick can carry. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

/* How long a manifest may be trusted when nothing says otherwise: a week. A hub re-signs it
 * (sync_publisher_publish(), nothing else changing) once half of that has passed. */
#define SYNC_PUBLISH_DEFAULT_LIFETIME (7 * 24 * 3600)

typedef struct {
  gboolean manifest_written;  /* FALSE: the site already said all this and was fresh */
  gint64 seq;                 /* the seq the site now reaches */
  gint64 version;             /* its manifest's version */
  guint bundles_written;
  guint media_written;
  gboolean snapshot_written;  /* a new snapshot (a new site, a new epoch, or compaction) */
} SyncPublishStats;

typedef struct {
  gint64 lifetime;            /* seconds a manifest may be trusted; 0: the default */
} SyncPublishOptions;

/* Brings the site @site_dir (created when missing) up to date with @store's live content,
 * signing with the online key at @signing_key_path, whose certificate is beside it (the same
 * name ending in ".cert" instead of ".key"). Writes only what is new: a delta after the seq
 * the site reaches (or, for a new site or a new epoch, a snapshot), the blobs the site lacks,
 * the certificate, and last a manifest of the next version, each file atomically, so a web
 * server never serves half a file and a crash leaves the old site whole. When the deltas
 * outgrow the snapshot, a new snapshot is written and only the deltas still cheaper than it
 * are kept; bundles neither this manifest nor the one before names are removed. Nothing is
 * written when the site already reaches the store's seq with a manifest less than half
 * through its lifetime (idempotent: safe to call after every publish, and daily). Concurrent
 * calls on one site wait for each other (a lock file in the site). Fails with
 * SYNC_ERROR_NOT_FOUND when the key or its certificate is missing, SYNC_ERROR_REFUSED when
 * they do not belong together or when the site is ahead of the store (a hub restored from a
 * backup must be given a new epoch), SYNC_ERROR_FAILED otherwise. */
gboolean sync_publisher_publish (ContentStore      *store,
                                 const char        *signing_key_path,
                                 const char        *site_dir,
                                 SyncPublishStats  *stats,
                                 GError           **error);

/* The same with @options (NULL: the defaults). */
gboolean sync_publisher_publish_with_options (ContentStore              *store,
                                              const char                *signing_key_path,
                                              const char                *site_dir,
                                              const SyncPublishOptions  *options,
                                              SyncPublishStats          *stats,
                                              GError                   **error);

/* The path of the certificate that goes with the signing key at @key_path. Free with g_free(). */
char *sync_publisher_certificate_path (const char *key_path);

G_END_DECLS
