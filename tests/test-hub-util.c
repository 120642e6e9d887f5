/* test-hub-util.c: a real HubServer for check suites, and an HTTP client for it.
 *
 * The server runs in a thread of its own, on its own GMainContext, exactly as banlang-hub
 * runs it; the test talks to it over loopback with a blocking SoupSession, so what is tested is
 * what a browser gets: routing, the session cookie, CSRF, the rendered HTML.
 */
#include "test-util.h"
#include "test-hub-util.h"

struct _HubTestServer {
  ContentStore *store;
  HubDb *db;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GMutex lock;
  GCond ready;
  char *uri;          /* set by the thread once it listens */
  SoupSession *session;
};

static gpointer
serve (gpointer data)
{
  HubTestServer *self = data;
  HubServerOptions options = { 0 };
  g_autoptr(HubServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);
  server = hub_server_new (self->store, self->db, &options);
  if (!hub_server_listen (server, "127.0.0.1:0", &error))
    g_error ("listening: %s", error->message);
  g_mutex_lock (&self->lock);
  self->uri = hub_server_get_uri (server);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_main_loop_run (self->loop);
  g_clear_object (&server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

HubTestServer *
hub_test_server_start (ContentStore *store, HubDb *db)
{
  HubTestServer *self = g_new0 (HubTestServer, 1);

  self->store = store;
  self->db = db;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->thread = g_thread_new ("hub-test-server", serve, self);
  g_mutex_lock (&self->lock);
  while (self->uri == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  self->session = soup_session_new ();
  return self;
}

void
hub_test_server_stop (HubTestServer *self)
{
  g_clear_object (&self->session);
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self->uri);
  g_free (self);
}

HubTestOfficer *
hub_test_officer_new (HubDb *db, const char *name, HubRole role)
{
  HubTestOfficer *officer = g_new0 (HubTestOfficer, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSession) session = NULL;
  g_autofree char *token = NULL;
  gint64 id;

  /* The hash is never checked: the session is made here, not by logging in. */
  ck_assert_msg (hub_db_add_account (db, name, role, "$argon2id$unused", &id, &error), "%s", error ? error->message : "");
  token = hub_db_create_session (db, id, now, 3600, &error);
  ck_assert_msg (token != NULL, "%s", error ? error->message : "");
  session = hub_db_lookup_session (db, token, now, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  officer->cookie = g_strdup_printf ("hub_session=%s; hub_lang=en", token);
  officer->csrf = g_strdup (session->csrf);
  return officer;
}

void
hub_test_officer_free (HubTestOfficer *officer)
{
  g_free (officer->cookie);
  g_free (officer->csrf);
  g_free (officer);
}

char *
hub_test_uri (HubTestServer *self, const char *path)
{
  return g_strdup_printf ("%s%s", self->uri, path[0] == '/' ? path + 1 : path);
}

GBytes *
hub_test_send (HubTestServer *self, SoupMessage *msg, const HubTestOfficer *officer)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (officer != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", officer->cookie);
  bytes = soup_session_send_and_read (self->session, msg, NULL, &error);
  ck_assert_msg (bytes != NULL, "%s", error ? error->message : "");
  return bytes;
}

static char *
send (HubTestServer *self, SoupMessage *msg, const HubTestOfficer *officer, guint *status)
{
  g_autoptr(GBytes) bytes = hub_test_send (self, msg, officer);

  *status = soup_message_get_status (msg);
  if (*status == SOUP_STATUS_SEE_OTHER)
    return g_strdup_printf ("Location: %s",
                            soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

char *
hub_test_get (HubTestServer *self, const HubTestOfficer *officer, const char *path, guint *status)
{
  g_autofree char *uri = hub_test_uri (self, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

  return send (self, msg, officer, status);
}

char *
hub_test_post (HubTestServer *self, const HubTestOfficer *officer, const char *path, guint *status, ...)
{
  g_autofree char *uri = hub_test_uri (self, path);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessage) msg = NULL;
  va_list args;

  if (officer != NULL)
    g_hash_table_insert (form, "csrf", officer->csrf);
  va_start (args, status);
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (form, (gpointer) name, va_arg (args, char *));
  va_end (args);
  msg = soup_message_new_from_encoded_form ("POST", uri, soup_form_encode_hash (form));
  return send (self, msg, officer, status);
}

void
hub_test_scene_start (HubTestScene *scene)
{
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(GError) error = NULL;

  scene->store = test_util_seed_store (test_dir);
  scene->db = hub_db_open (hub_db, &error);
  ck_assert_msg (scene->db != NULL, "%s", error ? error->message : "");
  scene->publisher = hub_test_officer_new (scene->db, "lan", HUB_ROLE_PUBLISHER);
  scene->editor = hub_test_officer_new (scene->db, "minh", HUB_ROLE_EDITOR);
  scene->server = hub_test_server_start (scene->store, scene->db);
}

void
hub_test_scene_stop (HubTestScene *scene)
{
  hub_test_server_stop (scene->server);
  g_clear_pointer (&scene->publisher, hub_test_officer_free);
  g_clear_pointer (&scene->editor, hub_test_officer_free);
  g_clear_pointer (&scene->db, hub_db_free);
  g_clear_object (&scene->store);
}
