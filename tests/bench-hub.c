/* bench-hub.c: the hub's speed under officers' load, run by hand (not a test):
 *
 *   build/tests/bench-hub [ITEMS] [CLIENTS] [REQUESTS]     (defaults 10000 20 100)
 *
 * Builds a content database of ITEMS synthetic notices, starts the real banlang-hub on a free
 * port of 127.0.0.1, logs CLIENTS officers in (an account each), and has them each make REQUESTS requests of
 * each kind at once (a bounded load: it stops by itself): the item list (pages of 50, with a
 * search every fourth request), an item's editor page, and a save (a draft through the
 * importer). Prints requests per second and p50/p95/p99 latency per kind, and the hub's peak
 * memory (VmHWM of its process). Budgets: p95 ≤ 50 ms for pages, ≤ 100 ms for a save.
 */
#include "config.h"
#include "bench-util.h"
#include "content-importer.h"
#include "content-store.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#define PASSWORD "bench-password-1"

typedef struct {
  const char *base;
  const char *kind;
  guint requests;
  guint items;
  guint client;
  double *latencies;   /* ms, requests of them */
  guint failures;
} Client;

static GBytes *
form_bytes (const char *form)
{
  return g_bytes_new (form, strlen (form));
}

/* Sends one request; returns the body, or NULL counting a failure. */
static char *
send (SoupSession *session, const char *method, const char *uri, const char *form, guint *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) body = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = form_bytes (form);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  *status = soup_message_get_status (msg);
  return body != NULL ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : NULL;
}

static char *
csrf_of (const char *html)
{
  const char *at = html != NULL ? strstr (html, "name=\"csrf\" value=\"") : NULL;

  if (at == NULL)
    return NULL;
  at += strlen ("name=\"csrf\" value=\"");
  return g_strndup (at, strchr (at, '"') - at);
}

static SoupSession *
log_in (const char *base, guint client)
{
  SoupSession *session = soup_session_new_with_options ("max-conns-per-host", 2, NULL);
  g_autofree char *login_uri = g_strconcat (base, "login", NULL);
  g_autofree char *page = NULL, *csrf = NULL, *form = NULL, *done = NULL;
  guint status;

  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  page = send (session, "GET", login_uri, NULL, &status);
  csrf = csrf_of (page);
  form = g_strdup_printf ("csrf=%s&name=officer-%u&password=%s", csrf, client, PASSWORD);
  done = send (session, "POST", login_uri, form, &status);
  if (status != SOUP_STATUS_OK)
    g_error ("bench: could not log in (%u)", status);
  return session;
}

static gpointer
run_client (gpointer data)
{
  Client *c = data;
  g_autoptr(SoupSession) session = log_in (c->base, c->client);
  GRand *rng = g_rand_new_with_seed (c->client);

  for (guint i = 0; i < c->requests; i++)
    {
      guint item = g_rand_int_range (rng, 0, c->items);
      g_autofree char *uri = NULL, *body = NULL, *page = NULL, *csrf = NULL, *form = NULL;
      gint64 start;
      guint status;

      if (g_str_equal (c->kind, "list"))
        uri = i % 4 == 3 ? g_strdup_printf ("%sitems?q=%s", c->base, bench_vocabulary_word (i % 40))
                         : g_strdup_printf ("%sitems?page=%u", c->base, item % 200);
      else
        uri = g_strdup_printf ("%sitems/notice-%u", c->base, item);
      if (g_str_equal (c->kind, "save"))
        {
          /* The editor page gives the token; only the save itself is timed. */
          page = send (session, "GET", uri, NULL, &status);
          csrf = csrf_of (page);
          form = g_strdup_printf ("csrf=%s&action=save&texts.vi.summary=T%%C3%%B3m+t%%E1%%BA%%AFt+%u.%u", csrf, c->client, i);
        }
      start = g_get_monotonic_time ();
      body = send (session, form != NULL ? "POST" : "GET", uri, form, &status);
      c->latencies[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (body == NULL || status != SOUP_STATUS_OK)
        c->failures++;
    }
  g_rand_free (rng);
  return NULL;
}

static void
run_kind (const char *base, const char *kind, guint clients, guint requests, guint items)
{
  g_autofree Client *all = g_new0 (Client, clients);
  g_autofree GThread **threads = g_new0 (GThread *, clients);
  g_autofree double *latencies = g_new0 (double, (gsize) clients * requests);
  guint failures = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;
  gsize n = (gsize) clients * requests;

  for (guint k = 0; k < clients; k++)
    {
      all[k] = (Client) { base, kind, requests, items, k + 1, latencies + (gsize) k * requests, 0 };
      threads[k] = g_thread_new ("client", run_client, &all[k]);
    }
  for (guint k = 0; k < clients; k++)
    {
      g_thread_join (threads[k]);
      failures += all[k].failures;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  bench_sort (latencies, n);
  printf ("%-6s %6zu requests  %7.1f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  failures %u\n", kind, n,
          n / seconds, latencies[n / 2], latencies[n * 95 / 100], latencies[n * 99 / 100], failures);
}

static gint64
peak_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (hwm + 6, NULL, 10);
}

int
main (int argc, char **argv)
{
  guint items = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint clients = argc > 2 ? (guint) atoi (argv[2]) : 20;
  guint requests = argc > 3 ? (guint) atoi (argv[3]) : 100;
  g_autofree char *dir = g_dir_make_tmp ("bench-hub-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "content.db", NULL);
  g_autofree char *hub_db = g_build_filename (dir, "hub.db", NULL);
  g_autofree char *pw = g_build_filename (dir, "pw", NULL);
  g_autofree char *bundle = NULL, *line = NULL, *base = NULL;
  GRand *rng = g_rand_new_with_seed (42);
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) hub = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *add[] = { BANLANG_BUILD_ROOT "/hub/banlang-hub", "user", "add", "--hub-db", hub_db, "--name", NULL,
                        "--role", "publisher", "--password-file", pw, NULL };
  const char *serve[] = { BANLANG_BUILD_ROOT "/hub/banlang-hub", "serve", "--db", db, "--hub-db", hub_db,
                          "--listen", "127.0.0.1:0", NULL };
  int exit_status;

  bench_vocabulary_init (TRUE);
  bundle = bench_write_bundle (dir, items, rng);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  importer = store != NULL ? content_importer_new (store) : NULL;
  if (importer == NULL || !content_importer_add_path (importer, bundle, &error) || !content_importer_commit (importer, NULL, NULL, &error))
    g_error ("bench: %s", error->message);
  g_clear_object (&store);
  g_file_set_contents (pw, PASSWORD "\n", -1, NULL);
  for (guint k = 1; k <= clients; k++)
    {
      g_autofree char *name = g_strdup_printf ("officer-%u", k);
      add[6] = name;
      if (!g_spawn_sync (NULL, (char **) add, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &exit_status, &error)
          || exit_status != 0)
        g_error ("bench: could not add the accounts");
    }
  hub = g_subprocess_newv (serve, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (hub == NULL)
    g_error ("bench: %s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || strstr (line, "http://") == NULL)
    g_error ("bench: the hub did not start");
  base = g_strdup (strstr (line, "http://"));
  printf ("hub on %s: %u items, %u clients at once, %u requests each per kind\n", base, items, clients, requests);
  printf ("hub memory after start: %" G_GINT64_FORMAT " KiB\n", peak_kib (atoi (g_subprocess_get_identifier (hub))));
  run_kind (base, "list", clients, requests, items);
  run_kind (base, "page", clients, requests, items);
  run_kind (base, "save", clients, requests, items);
  printf ("hub peak memory (VmHWM): %" G_GINT64_FORMAT " KiB\n", peak_kib (atoi (g_subprocess_get_identifier (hub))));
  g_subprocess_send_signal (hub, SIGTERM);
  g_subprocess_wait (hub, NULL, NULL);
  g_rand_free (rng);
  return 0;
}
