/* sync-hash.c: SHA-256 of bytes and files (see sync-hash.h). GLib's GChecksum rather than
 * libsodium's BLAKE2b, because the content store already names blobs by SHA-256 and one hash
 * everywhere lets a media file's name be its blob's id. */
#include "sync-hash.h"
#include "sync-error.h"

#include <errno.h>
#include <stdio.h>

char *
sync_hash_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

char *
sync_hash_file (const char *path, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[65536];
  FILE *f = fopen (path, "rb");
  size_t n;
  gboolean failed;

  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, SYNC_ERROR, saved == ENOENT ? SYNC_ERROR_NOT_FOUND : SYNC_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  while ((n = fread (buffer, 1, sizeof buffer, f)) > 0)
    g_checksum_update (sum, buffer, n);
  failed = ferror (f);
  fclose (f);
  if (failed)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: could not be read", path);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}
