/* sync-fetcher.c: HTTP downloads that survive weak mobile data (see sync-fetcher.h).
 *
 * Kolibri restarted imports from zero on a flaky link until it learned to resume, and found
 * that a compressed response cannot be resumed: offsets into a gzip stream are not offsets
 * into the file. So the session here has no content decoder and asks for identity encoding,
 * every byte received is written to a ".part" file at once, and the next attempt asks only for
 * the rest (Range: bytes=N-). A server that ignores the range (200) or answers for another
 * offset starts the file again; nothing is trusted until the caller checks its hash. Every
 * file has a size it may not pass (the size its manifest or bundle gives, or a cap), so a
 * server that sends without end fills neither the disk nor the memory (The Update Framework's
 * "endless data"), and a complete file is flushed to the disk before it takes its name.
 *
 * This uses libsoup's blocking API: the command line calls it directly, and the kiosk runs a
 * whole pull in a worker thread (sync-receiver.c), so the screen never waits on the network.
 */
#include "sync-fetcher.h"
#include "sync-error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <unistd.h>

struct _SyncFetcher {
  SoupSession *session;
  char *base_url;           /* ends with '/' */
  guint attempts;
  guint first_delay_ms;
  guint max_delay_ms;
  SyncBytesFunc progress;
  gpointer progress_data;
  guint64 received;
};

typedef enum {
  ATTEMPT_DONE,
  ATTEMPT_RETRY,
  ATTEMPT_FATAL,
  ATTEMPT_TOO_LONG,     /* the answer passed the file's size: refused, nothing kept */
} AttemptResult;

SyncFetcher *
sync_fetcher_new (const char *base_url, GError **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  SyncFetcher *self;

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "“%s” is not an http or https URL", base_url);
      return NULL;
    }
  self = g_new0 (SyncFetcher, 1);
  self->session = soup_session_new ();
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  soup_session_set_timeout (self->session, 60);
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url) : g_strconcat (base_url, "/", NULL);
  sync_fetcher_set_retry (self, 6, 500, 30000);
  return self;
}

void
sync_fetcher_set_retry (SyncFetcher *self, guint attempts, guint first_delay_ms, guint max_delay_ms)
{
  self->attempts = MAX (attempts, 1);
  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = max_delay_ms;
}

void
sync_fetcher_set_progress (SyncFetcher *self, SyncBytesFunc func, gpointer user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

guint64
sync_fetcher_get_received (SyncFetcher *self)
{
  return self->received;
}

void
sync_fetcher_free (SyncFetcher *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->session);
  g_free (self->base_url);
  g_free (self);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* Where the body of a 206 answer starts and the whole file's size, from Content-Range. */
static gboolean
content_range (SoupMessage *msg, goffset *start, goffset *total)
{
  goffset end;

  return soup_message_headers_get_content_range (soup_message_get_response_headers (msg), start, &end, total);
}

/* Writes a complete body to the disk before it can be renamed into place. */
static gboolean
flush_to_disk (FILE *out)
{
  return fflush (out) == 0 && fsync (fileno (out)) == 0;
}

/* Reads @stream to its end into @part (appending when @append), never more than @room bytes:
 * past them it stops reading. */
static AttemptResult
copy_body (SyncFetcher *self, GInputStream *stream, const char *part, gboolean append, goffset room,
           GCancellable *cancellable, GError **error)
{
  FILE *out = fopen (part, append ? "ab" : "wb");
  guint8 buffer[65536];
  goffset written = 0;
  gboolean on_disk;
  gssize n;

  if (out == NULL)
    {
      int saved = errno;
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", part, g_strerror (saved));
      return ATTEMPT_FATAL;
    }
  /* One byte more than the room is enough to know the answer is too long. */
  while ((n = g_input_stream_read (stream, buffer, MIN ((goffset) sizeof buffer, room - written + 1),
                                   cancellable, error)) > 0)
    {
      if ((written += n) > room)
        {
          fclose (out);
          return ATTEMPT_TOO_LONG;
        }
      if (fwrite (buffer, 1, n, out) != (size_t) n)
        {
          fclose (out);
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", part, g_strerror (ENOSPC));
          return ATTEMPT_FATAL;
        }
      self->received += n;
      if (self->progress != NULL)
        self->progress (self->received, self->progress_data);
    }
  on_disk = n != 0 || flush_to_disk (out);
  if ((fclose (out) != 0 || !on_disk) && n == 0)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: could not be written", part);
      return ATTEMPT_FATAL;
    }
  return n == 0 ? ATTEMPT_DONE : ATTEMPT_RETRY;
}

/* What an answer's status means for this attempt; sets *@append and *@total. */
static AttemptResult
judge_status (SoupMessage *msg, const char *url, const char *part, goffset offset, gboolean *append,
              goffset *total, GError **error)
{
  guint status = soup_message_get_status (msg);
  goffset start;

  *total = -1;
  if (status == SOUP_STATUS_PARTIAL_CONTENT && content_range (msg, &start, total) && start == offset)
    {
      *append = TRUE;
      return ATTEMPT_DONE;
    }
  if (status == SOUP_STATUS_OK)
    {
      *append = FALSE;
      if (soup_message_headers_get_encoding (soup_message_get_response_headers (msg)) == SOUP_ENCODING_CONTENT_LENGTH)
        *total = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
      return ATTEMPT_DONE;
    }
  g_set_error (error, SYNC_ERROR, status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE
               ? SYNC_ERROR_NOT_FOUND : SYNC_ERROR_UNREACHABLE, "%s: HTTP %u %s", url, status,
               soup_message_get_reason_phrase (msg));
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE || status == SOUP_STATUS_FORBIDDEN)
    return ATTEMPT_FATAL;
  /* A range the server could not satisfy, or answered for another offset: the part is not a
   * prefix of this file, so the next try starts again. Anything else (5xx) keeps the part. */
  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE || status == SOUP_STATUS_PARTIAL_CONTENT)
    g_unlink (part);
  return ATTEMPT_RETRY;
}

/* The part goes: it is not a prefix of any file the caller may take. */
static gboolean
too_long (const char *url, const char *part, gint64 max_size, GError **error)
{
  g_unlink (part);
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: longer than the %" G_GINT64_FORMAT
               " bytes it may have: refused", url, max_size);
  return FALSE;
}

static AttemptResult
attempt (SyncFetcher *self, const char *url, const char *part, gint64 max_size, GCancellable *cancellable,
         GError **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GInputStream) stream = NULL;
  goffset offset = file_size (part), total;
  gboolean append = FALSE;
  AttemptResult result;

  if (msg == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "“%s” is not a URL", url);
      return ATTEMPT_FATAL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Encoding", "identity");
  if (offset > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (msg), offset, -1);
  stream = soup_session_send (self->session, msg, cancellable, error);
  if (stream == NULL)
    return g_cancellable_is_cancelled (cancellable) ? ATTEMPT_FATAL : ATTEMPT_RETRY;
  result = judge_status (msg, url, part, offset, &append, &total, error);
  if (result != ATTEMPT_DONE)
    return result;
  if (total > max_size || (append && offset > max_size))
    return ATTEMPT_TOO_LONG;
  result = copy_body (self, stream, part, append, max_size - (append ? offset : 0), cancellable, error);
  if (result == ATTEMPT_DONE && total >= 0 && file_size (part) != total)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE, "%s: the transfer ended early", url);
      return ATTEMPT_RETRY;
    }
  return result;
}

gboolean
sync_fetcher_fetch (SyncFetcher *self, const char *name, const char *dest, gboolean resume, gint64 max_size,
                    GCancellable *cancellable, GError **error)
{
  g_autofree char *url = g_strconcat (self->base_url, name, NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  g_autoptr(GError) last = NULL;
  guint delay = self->first_delay_ms;

  if (!resume)
    g_unlink (part);
  for (guint i = 0; i < self->attempts; i++)
    {
      AttemptResult result;

      if (i > 0)
        {
          g_usleep ((gulong) delay * 1000);
          delay = MIN (delay * 2, self->max_delay_ms);
        }
      g_clear_error (&last);
      result = attempt (self, url, part, max_size, cancellable, &last);
      if (result == ATTEMPT_DONE && g_rename (part, dest) == 0)
        return TRUE;
      if (result == ATTEMPT_TOO_LONG)
        return too_long (url, part, max_size, error);
      if (result == ATTEMPT_FATAL)
        break;
    }
  if (last != NULL && (last->domain == SYNC_ERROR))
    {
      g_propagate_error (error, g_steal_pointer (&last));
      return FALSE;
    }
  g_set_error (error, SYNC_ERROR, g_cancellable_is_cancelled (cancellable) ? SYNC_ERROR_FAILED : SYNC_ERROR_UNREACHABLE,
               "%s: %s", url, last != NULL ? last->message : "could not be fetched");
  return FALSE;
}
