/* sync-bundle.h: a bundle file: the published records between two seqs of one hub, as JSON
 * lines compressed with zstd, named by its SHA-256; the blobs it names travel beside it as
 * media/<sha256> files. */
#pragma once

#include "content-changes.h"
#include "sync-manifest.h"

G_BEGIN_DECLS

/* Writes a bundle of @store's changes after @after_seq (with @snapshot, of everything live)
 * into @site_dir/bundles/<sha256>, and each blob among them that @site_dir/media lacks into
 * @site_dir/media/<sha256>; every file is complete before it takes its name (temp + rename).
 * Sets *@bundle to its manifest entry (NULL, with nothing written, when a delta would be empty:
 * the store has nothing after @after_seq) and adds the blobs written to *@media_written. */
gboolean sync_bundle_write (ContentStore *store, const char *hub, gint64 after_seq, gboolean snapshot,
                            const char *site_dir, SyncManifestBundle **bundle, guint *media_written,
                            GError **error);

/* Called with each record of a bundle; takes ownership of @record. A blob's record carries
 * no bytes yet: its @record member is its size (a JSON integer), and the reader fetches the
 * bytes from media/<id> (a blob's tombstone has neither). Returns FALSE (with @error) to stop
 * the reading. */
typedef gboolean (*SyncBundleFunc) (ContentReplicaRecord *record, gpointer user_data, GError **error);

/* Reads the bundle file @path, whose hash the caller has checked against @bundle: its header
 * must name @hub and @bundle's seqs, its records lie within them, its trailer count them.
 * Calls @func with each record, one line in memory at a time. FALSE with SYNC_ERROR_REFUSED
 * when anything is malformed, or with @func's error when it stopped. */
gboolean sync_bundle_read (const char *path, const SyncManifestBundle *bundle, const char *hub,
                           SyncBundleFunc func, gpointer user_data, GError **error);

G_END_DECLS
