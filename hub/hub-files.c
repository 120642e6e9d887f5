/* hub-files.c: the files the hub serves as they are: stored media, and the sync site.
 *
 * Media uploaded by officers are served with "Content-Security-Policy: sandbox" and nosniff:
 * an SVG opened from the hub must never run script on the hub's origin. The sync site (the
 * folder banlang-sync publish writes) is served whole-file from memory-mapped files, so
 * libsoup answers Range requests and a kiosk can resume a cut download; hash-named files never
 * change and are cached forever, the rest (the manifest, the certificate) always revalidated.
 */
#include "hub-pages.h"

#include "content-error.h"
#include "content-store-media.h"

#include <glib/gi18n.h>

static gboolean
is_sha256 (const char *s, gsize n)
{
  if (n != 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static void
get_media (HubRequest *req)
{
  const char *sha256 = req->args[0];
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GError) error = NULL;
  ContentMedia *media = is_sha256 (sha256, strlen (sha256)) ? content_store_get_media (hub_server_get_store (req->server), sha256, &error) : NULL;

  if (media == NULL)
    {
      soup_server_message_set_status (req->msg, error != NULL && !g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND)
                                                ? SOUP_STATUS_INTERNAL_SERVER_ERROR : SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_message_headers_replace (headers, "Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
  soup_message_headers_replace (headers, "Cache-Control", "private, max-age=31536000, immutable");
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, media->type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (media->bytes, NULL), g_bytes_get_size (media->bytes));
  content_media_free (media);
}

/* A plain file name: letters, digits, '.', '-', '_', not starting with '.'. */
static gboolean
safe_name (const char *name)
{
  if (name[0] == '\0' || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (".-_", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* Named by its content: a SHA-256, with or without an extension. */
static gboolean
immutable_name (const char *name)
{
  const char *dot = strchr (name, '.');

  return is_sha256 (name, dot != NULL ? (gsize) (dot - name) : strlen (name));
}

static void
serve_site_file (HubRequest *req, const char *const *parts)
{
  const char *dir = hub_server_get_options (req->server)->sync_dir;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *name = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (!safe_name (parts[i]))
      dir = NULL;
    else
      name = parts[i];
  if (dir == NULL || name == NULL)
    {
      soup_server_message_set_status (req->msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  path = g_build_filenamev ((char *[]) { (char *) dir, (char *) parts[0], (char *) parts[1], NULL });
  file = g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_mapped_file_new (path, FALSE, NULL) : NULL;
  if (file == NULL)
    {
      soup_server_message_set_status (req->msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  bytes = g_mapped_file_get_bytes (file);
  soup_message_headers_replace (headers, "Cache-Control", immutable_name (name) ? "public, max-age=31536000, immutable" : "no-cache");
  soup_message_headers_replace (headers, "Content-Security-Policy", "sandbox; default-src 'none'");
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  /* The mapped file itself, not a copy: anyone may ask for the site. */
  soup_message_body_append_bytes (soup_server_message_get_response_body (req->msg), bytes);
}

static void
get_site_file (HubRequest *req)
{
  serve_site_file (req, (const char *const *) req->args);
}

void
hub_files_register (HubServer *server)
{
  hub_server_route (server, "GET", "/media/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_media);
  hub_server_route (server, "GET", "/sync/*", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_site_file);
  hub_server_route (server, "GET", "/sync/*/*", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_site_file);
}
