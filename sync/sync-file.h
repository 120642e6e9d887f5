/* sync-file.h: whole files read and written with SYNC_ERROR errors; writes are atomic. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of @path; NULL with SYNC_ERROR_NOT_FOUND when it does not exist, SYNC_ERROR_FAILED
 * when it cannot be read. */
GBytes *sync_file_read (const char *path, GError **error);

/* Writes @len bytes of @data to @path with @mode, atomically: a temporary file, synced, then
 * renamed over @path, so a reader (a web server, a kiosk) sees the old file or the new one,
 * never half of one. SYNC_ERROR_FAILED when it cannot. */
gboolean sync_file_write (const char *path, const void *data, gsize len, int mode, GError **error);

G_END_DECLS
