/* sync-fetcher.h: files fetched from a hub's site over HTTP(S), resumed where a cut transfer
 * stopped, retried with backoff. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SyncFetcher SyncFetcher;

/* Called as bytes arrive, with how many this fetcher has received in all. */
typedef void (*SyncBytesFunc) (guint64 received, gpointer user_data);

/* A fetcher for the site at @base_url (http or https; a trailing slash is optional). NULL with
 * SYNC_ERROR_FAILED when it is not such a URL. Defaults: 6 attempts per file, waiting 0.5 s
 * after the first failure and twice as long after each next, at most 30 s. */
SyncFetcher *sync_fetcher_new (const char *base_url, GError **error);

/* @attempts per file (at least 1), the wait after a first failure and its bound, in ms. */
void sync_fetcher_set_retry (SyncFetcher *self, guint attempts, guint first_delay_ms, guint max_delay_ms);

void sync_fetcher_set_progress (SyncFetcher *self, SyncBytesFunc func, gpointer user_data);

/* Fetches the site's file @name (a relative path) into @dest. The bytes go into "@dest.part"
 * first; with @resume, a part left by an earlier cut transfer is continued with an HTTP Range
 * request (only for files that never change, named by their hash: a manifest is fetched
 * whole). The part becomes @dest once the transfer is complete and on the disk (fsync), which
 * says nothing about its content: the caller checks the hash. Responses are never
 * content-decoded, so byte offsets are file offsets even behind a compressing cache. The file
 * may have at most @max_size bytes: an answer that says or sends more is not read further, its
 * part is removed and the fetch fails at once with SYNC_ERROR_REFUSED. Failures of the network
 * and 5xx answers are retried; SYNC_ERROR_NOT_FOUND when the site has no such file,
 * SYNC_ERROR_UNREACHABLE when every attempt failed, SYNC_ERROR_FAILED when @dest cannot be
 * written or the operation was cancelled. */
gboolean sync_fetcher_fetch (SyncFetcher *self, const char *name, const char *dest, gboolean resume,
                             gint64 max_size, GCancellable *cancellable, GError **error);

/* How many body bytes this fetcher has received, over all files and attempts. */
guint64 sync_fetcher_get_received (SyncFetcher *self);

void sync_fetcher_free (SyncFetcher *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncFetcher, sync_fetcher_free)

G_END_DECLS
