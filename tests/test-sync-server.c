/* test-sync-server.c: the sync tests' HTTP server (see test-sync-server.h).
 *
 * A SoupServer runs in its own thread and main context, because the code under test uses
 * libsoup's blocking client. Whole files are set as complete 200 responses, so libsoup
 * answers Range requests itself, exactly as the hub serving its site will. A cut answer is
 * written by hand on the stolen connection: true headers (the full Content-Length), part of
 * the body, then the connection closed, which is what a dropped mobile link looks like. An
 * endless answer is chunked, each chunk added when the one before has been written, so it
 * costs the server no memory however long the client reads.
 */
#include "test-sync-server.h"

#include <libsoup/soup.h>
#include <string.h>

struct _TestSyncServer {
  char *site_dir;
  char *url;
  double cut_rate;
  GRand *rand;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  SoupServer *server;
  GMutex lock;              /* guards what follows */
  GHashTable *bytes;        /* path → guint64 * bytes sent */
  guint cuts;
  GPtrArray *posted;
  guint post_status;
  char *endless;            /* the path answered without end, or NULL */
};

typedef struct {
  TestSyncServer *self;
  char *path;
} Sent;

static void
sent_free (Sent *sent)
{
  g_free (sent->path);
  g_free (sent);
}

static void
count (TestSyncServer *self, const char *path, guint64 n)
{
  guint64 *total;

  g_mutex_lock (&self->lock);
  total = g_hash_table_lookup (self->bytes, path);
  if (total == NULL)
    {
      total = g_new0 (guint64, 1);
      g_hash_table_insert (self->bytes, g_strdup (path), total);
    }
  *total += n;
  g_mutex_unlock (&self->lock);
}

static void
on_wrote_body_data (SoupServerMessage *msg, guint chunk_size, Sent *sent)
{
  count (sent->self, sent->path, chunk_size);
}

/* Answers with the part of @data the request asks for, cut after a random number of bytes. */
static void
cut (TestSyncServer *self, SoupServerMessage *msg, const char *path, const char *data, gsize len)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  goffset start = 0, end = len - 1;
  g_autofree char *head = NULL;
  g_autoptr(GIOStream) io = NULL;
  gsize body, keep;

  if (soup_message_headers_get_ranges (headers, len, &ranges, &n_ranges) && n_ranges == 1)
    {
      start = ranges[0].start;
      end = ranges[0].end;
    }
  soup_message_headers_free_ranges (headers, ranges);
  body = end - start + 1;
  g_mutex_lock (&self->lock);
  keep = g_rand_int_range (self->rand, 0, body);
  self->cuts++;
  g_mutex_unlock (&self->lock);
  head = n_ranges == 1
    ? g_strdup_printf ("HTTP/1.1 206 Partial Content\r\nContent-Length: %zu\r\nContent-Range: bytes %"
                       G_GOFFSET_FORMAT "-%" G_GOFFSET_FORMAT "/%zu\r\nConnection: close\r\n\r\n",
                       body, start, end, len)
    : g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", len);
  io = soup_server_message_steal_connection (msg);
  g_output_stream_write_all (g_io_stream_get_output_stream (io), head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (io), data + start, keep, NULL, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
  count (self, path, keep);
}

/* What an endless answer is made of. */
static const char filler[65536];

static void
on_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            filler, sizeof filler);
}

/* Counts the body bytes of @msg, an answer for @path. */
static void
count_sent (TestSyncServer *self, SoupServerMessage *msg, const char *path)
{
  Sent *sent = g_new0 (Sent, 1);

  sent->self = self;
  sent->path = g_strdup (path);
  g_signal_connect_data (msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data), sent,
                         (GClosureNotify) (void (*) (void)) sent_free, 0);
}

static void
send_endless (TestSyncServer *self, SoupServerMessage *msg, const char *path)
{
  count_sent (self, msg, path);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk), NULL);
  on_wrote_chunk (msg, NULL);
}

static gboolean
is_endless (TestSyncServer *self, const char *path)
{
  gboolean endless;

  g_mutex_lock (&self->lock);
  endless = g_strcmp0 (self->endless, path) == 0;
  g_mutex_unlock (&self->lock);
  return endless;
}

static void
take_post (TestSyncServer *self, SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->posted, g_bytes_ref (body));
  soup_server_message_set_status (msg, self->post_status, NULL);
  g_mutex_unlock (&self->lock);
}

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  TestSyncServer *self = user_data;
  g_autofree char *file = NULL;
  char *data;
  gsize len;
  gboolean cut_this;

  if (g_str_equal (soup_server_message_get_method (msg), "POST") && g_str_equal (path, "/usage"))
    {
      take_post (self, msg);
      return;
    }
  if (is_endless (self, path))
    {
      send_endless (self, msg, path);
      return;
    }
  file = g_build_filename (self->site_dir, path, NULL);
  if (strstr (path, "..") != NULL || !g_file_get_contents (file, &data, &len, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_mutex_lock (&self->lock);
  cut_this = len > 1 && g_rand_double (self->rand) < self->cut_rate;
  g_mutex_unlock (&self->lock);
  if (cut_this)
    {
      cut (self, msg, path, data, len);
      g_free (data);
      return;
    }
  count_sent (self, msg, path);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE, data, len);
}

static gpointer
run (gpointer data)
{
  TestSyncServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

TestSyncServer *
test_sync_server_new (const char *site_dir, double cut_rate, guint32 seed)
{
  return test_sync_server_new_full (site_dir, cut_rate, seed, 0);
}

TestSyncServer *
test_sync_server_new_full (const char *site_dir, double cut_rate, guint32 seed, guint port)
{
  TestSyncServer *self = g_new0 (TestSyncServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->site_dir = g_strdup (site_dir);
  self->cut_rate = cut_rate;
  self->rand = g_rand_new_with_seed (seed);
  self->bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->posted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->post_status = SOUP_STATUS_OK;
  g_mutex_init (&self->lock);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  /* The server's sources belong to the context that is the thread's default when it listens. */
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  g_main_context_pop_thread_default (self->context);
  uris = soup_server_get_uris (self->server);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->thread = g_thread_new ("test-sync-server", run, self);
  return self;
}

const char *
test_sync_server_get_url (TestSyncServer *self)
{
  return self->url;
}

guint64
test_sync_server_get_bytes (TestSyncServer *self, const char *prefix)
{
  GHashTableIter iter;
  gpointer path, n;
  guint64 total = 0;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->bytes);
  while (g_hash_table_iter_next (&iter, &path, &n))
    if (g_str_has_prefix (path, prefix))
      total += *(guint64 *) n;
  g_mutex_unlock (&self->lock);
  return total;
}

guint
test_sync_server_get_cuts (TestSyncServer *self)
{
  guint cuts;

  g_mutex_lock (&self->lock);
  cuts = self->cuts;
  g_mutex_unlock (&self->lock);
  return cuts;
}

static gpointer
ref_bytes (gconstpointer bytes, gpointer user_data)
{
  return g_bytes_ref ((GBytes *) bytes);
}

GPtrArray *
test_sync_server_get_posted (TestSyncServer *self)
{
  GPtrArray *copy;

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_copy (self->posted, ref_bytes, NULL);
  g_ptr_array_set_free_func (copy, (GDestroyNotify) g_bytes_unref);
  g_mutex_unlock (&self->lock);
  return copy;
}

void
test_sync_server_set_post_status (TestSyncServer *self, guint status)
{
  g_mutex_lock (&self->lock);
  self->post_status = status;
  g_mutex_unlock (&self->lock);
}

void
test_sync_server_set_endless (TestSyncServer *self, const char *path)
{
  g_mutex_lock (&self->lock);
  g_free (self->endless);
  self->endless = g_strdup (path);
  g_mutex_unlock (&self->lock);
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
test_sync_server_free (TestSyncServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit, self->loop);
  g_thread_join (self->thread);
  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->bytes);
  g_ptr_array_unref (self->posted);
  g_rand_free (self->rand);
  g_mutex_clear (&self->lock);
  g_free (self->site_dir);
  g_free (self->endless);
  g_free (self->url);
  g_free (self);
}
