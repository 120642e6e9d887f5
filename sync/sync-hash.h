/* sync-hash.h: the one content hash of sync: SHA-256, as 64 lower-case hexadecimal digits,
 * the same the content store names its blobs by. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SHA-256 of @bytes. Free with g_free(). */
char *sync_hash_bytes (GBytes *bytes);

/* The SHA-256 of the file @path, read in pieces (a snapshot need not fit in memory); NULL
 * with SYNC_ERROR_NOT_FOUND when it does not exist, SYNC_ERROR_FAILED when reading failed. */
char *sync_hash_file (const char *path, GError **error);

G_END_DECLS
