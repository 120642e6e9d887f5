/* sync-file.c: whole-file reads and atomic writes (see sync-file.h), on GLib's
 * g_file_set_contents_full(), whose CONSISTENT mode is temp + fsync + rename. */
#include "sync-file.h"
#include "sync-error.h"

GBytes *
sync_file_read (const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *data;
  gsize len;

  if (g_file_get_contents (path, &data, &len, &local))
    return g_bytes_new_take (data, len);
  g_set_error (error, SYNC_ERROR,
               g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? SYNC_ERROR_NOT_FOUND : SYNC_ERROR_FAILED,
               "%s", local->message);
  return NULL;
}

gboolean
sync_file_write (const char *path, const void *data, gsize len, int mode, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, mode, &local))
    return TRUE;
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s", local->message);
  return FALSE;
}
