/* hub-server.c: the officers' web editor: routes, sessions, CSRF and limits on one SoupServer.
 *
 * Every request passes the same gate before any page code runs: the body's size is judged in an
 * early handler, before libsoup reads it into memory; the session cookie is resolved to an
 * account; a POST must carry its session's CSRF token; the route's role is checked here, on
 * the server, whatever a menu shows. Security headers go on every answer. Pages are then
 * rendered on the main loop; slow work (password hashing) runs in threads and resumes the
 * request when done.
 */
#include "hub-server.h"
#include "hub-error.h"
#include "hub-i18n.h"
#include "hub-pages.h"

#include <glib/gi18n.h>
#include <sodium.h>

#define SESSION_COOKIE "hub_session"
#define LOGIN_COOKIE "hub_login"
#define LANG_COOKIE "hub_lang"

typedef struct {
  char *method;
  char **segments;
  HubAccess access;
  HubRouteFlags flags;
  HubHandler handler;
} HubRoute;

struct _HubServer {
  GObject parent_instance;
  SoupServer *soup;
  ContentStore *store;
  HubDb *db;
  HubServerOptions options;
  GPtrArray *routes;
};

G_DEFINE_FINAL_TYPE (HubServer, hub_server, G_TYPE_OBJECT)

static void
hub_route_free (HubRoute *route)
{
  g_free (route->method);
  g_strfreev (route->segments);
  g_free (route);
}

static void
hub_server_finalize (GObject *object)
{
  HubServer *self = HUB_SERVER (object);

  g_clear_object (&self->soup);
  g_ptr_array_unref (self->routes);
  g_free ((char *) self->options.sync_key);
  g_free ((char *) self->options.sync_dir);
  G_OBJECT_CLASS (hub_server_parent_class)->finalize (object);
}

static void
hub_server_class_init (HubServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hub_server_finalize;
}

static void
hub_server_init (HubServer *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_route_free);
}

void
hub_server_route (HubServer *self, const char *method, const char *pattern, HubAccess access,
                  HubRouteFlags flags, HubHandler handler)
{
  HubRoute *route = g_new0 (HubRoute, 1);

  route->method = g_strdup (method);
  route->segments = g_strsplit (pattern + 1, "/", -1);
  route->access = access;
  route->flags = flags;
  route->handler = handler;
  g_ptr_array_add (self->routes, route);
}

/* The route for @method and @segments, its '*' matches in @args; NULL when none. Sets
 * @path_known when some route has the path under another method. */
static HubRoute *
find_route (HubServer *self, const char *method, char **segments, GPtrArray *args, gboolean *path_known)
{
  for (guint i = 0; i < self->routes->len; i++)
    {
      HubRoute *route = g_ptr_array_index (self->routes, i);
      guint n = g_strv_length (route->segments);
      gboolean match = n == g_strv_length (segments);

      g_ptr_array_set_size (args, 0);
      for (guint k = 0; match && k < n; k++)
        if (g_str_equal (route->segments[k], "*") && segments[k][0] != '\0')
          g_ptr_array_add (args, g_strdup (segments[k]));
        else
          match = g_str_equal (route->segments[k], segments[k]);
      if (!match)
        continue;
      if (g_str_equal (route->method, method))
        return route;
      *path_known = TRUE;
    }
  g_ptr_array_set_size (args, 0);
  return NULL;
}

static void
set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "same-origin");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

static GHashTable *
request_cookies (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");

  return header != NULL ? soup_header_parse_semi_param_list (header)
                        : g_hash_table_new (g_str_hash, g_str_equal);
}

static void
set_cookie (HubServer *self, HubRequest *req, const char *name, const char *value, gboolean http_only)
{
  g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/; SameSite=Strict%s%s%s", name, value != NULL ? value : "",
                                             value == NULL ? "; Max-Age=0" : "",
                                             http_only ? "; HttpOnly" : "",
                                             self->options.secure ? "; Secure" : "");

  soup_message_headers_append (soup_server_message_get_response_headers (req->msg), "Set-Cookie", cookie);
}

void
hub_server_set_session_cookie (HubServer *self, HubRequest *req, const char *token)
{
  set_cookie (self, req, SESSION_COOKIE, token, TRUE);
}

void
hub_server_set_lang_cookie (HubServer *self, HubRequest *req, const char *lang)
{
  set_cookie (self, req, LANG_COOKIE, lang, TRUE);
}

char *
hub_server_new_login_csrf (HubServer *self, HubRequest *req)
{
  guchar bytes[24];
  char token[sodium_base64_ENCODED_LEN (24, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (token, sizeof token, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  set_cookie (self, req, LOGIN_COOKIE, token, TRUE);
  return g_strdup (token);
}

static gboolean
tokens_equal (const char *a, const char *b)
{
  return a != NULL && b != NULL && *a != '\0' && strlen (a) == strlen (b) && sodium_memcmp (a, b, strlen (a)) == 0;
}

/* Resolves the session cookie to a live, enabled account. */
static void
resolve_session (HubServer *self, HubRequest *req, GHashTable *cookies)
{
  const char *token = g_hash_table_lookup (cookies, SESSION_COOKIE);
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSession) session = NULL;
  g_autoptr(HubAccount) account = NULL;

  if (token == NULL || *token == '\0')
    return;
  session = hub_db_lookup_session (self->db, token, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (session == NULL)
    {
      if (!g_error_matches (error, HUB_ERROR, HUB_ERROR_NOT_FOUND))
        g_warning ("%s", error->message);
      return;
    }
  account = hub_db_get_account (self->db, session->account, NULL);
  if (account == NULL || account->disabled)
    return;
  req->account = g_steal_pointer (&account);
  req->session = g_steal_pointer (&session);
  req->token = g_strdup (token);
}

static gboolean
csrf_ok (HubRequest *req, HubRoute *route, GHashTable *cookies)
{
  const char *sent = hub_request_field (req, "csrf");

  if (route->flags & HUB_ROUTE_NO_CSRF)
    return TRUE;
  if (route->flags & HUB_ROUTE_LOGIN_CSRF)
    return tokens_equal (sent, g_hash_table_lookup (cookies, LOGIN_COOKIE));
  return req->session != NULL && tokens_equal (sent, req->session->csrf);
}

/* Adds @value under @name to @form. A name given more than once (checkboxes) keeps every
 * value, joined by newlines; soup_form_decode() would keep only one. Values that are not UTF-8
 * are dropped. */
static void
add_form_value (GHashTable *form, const char *name, char *value)
{
  g_autofree char *owned = value;
  const char *before = g_hash_table_lookup (form, name);

  if (g_utf8_validate (owned, -1, NULL))
    g_hash_table_replace (form, g_strdup (name), before != NULL ? g_strconcat (before, "\n", owned, NULL)
                                                                : g_steal_pointer (&owned));
}

static GHashTable *
new_form (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Decodes an application/x-www-form-urlencoded body. */
static GHashTable *
decode_form (const char *text)
{
  GHashTable *form = new_form ();
  g_auto(GStrv) pairs = g_strsplit (text, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (g_strdelimit (pairs[i], "+", ' '), '=');
      g_autofree char *name = NULL;
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      if (name != NULL && value != NULL)
        add_form_value (form, name, value);
      else
        g_free (value);
    }
  return form;
}

/* Decodes a multipart/form-data body (an upload form): its fields into req->form, so that the
 * CSRF token is found there as in any form, and its first "file" part into req->upload. (Not
 * soup_form_decode_multipart(): it leaks all but the last of a repeated file part.) */
static void
read_multipart (HubRequest *req, SoupMessageHeaders *headers, GBytes *bytes)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, bytes);

  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *body;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name, *filename;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &body)
          || !soup_message_headers_get_content_disposition (part_headers, &disposition, &params)
          || g_ascii_strcasecmp (disposition, "form-data") != 0
          || (name = g_hash_table_lookup (params, "name")) == NULL)
        continue;
      filename = g_hash_table_lookup (params, "filename");
      if (g_str_equal (name, "file") && req->upload == NULL)
        {
          req->upload = g_bytes_ref (body);
          req->upload_name = filename != NULL && g_utf8_validate (filename, -1, NULL) ? g_strdup (filename) : NULL;
        }
      else if (!g_str_equal (name, "file"))
        add_form_value (req->form, name, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
    }
}

static void
read_form (HubRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (type, SOUP_FORM_MIME_TYPE_URLENCODED) != 0 && g_strcmp0 (type, SOUP_FORM_MIME_TYPE_MULTIPART) != 0)
    return;
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_hash_table_unref (req->form);
  if (g_str_equal (type, SOUP_FORM_MIME_TYPE_MULTIPART))
    {
      req->form = new_form ();
      read_multipart (req, headers, bytes);
      return;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  req->form = decode_form (text);
}

/* Refuses an answer the gate decided on: 403 for a missing right or token, login for none. */
static void
refuse (HubRequest *req, HubRoute *route, gboolean token_ok)
{
  if (!token_ok)
    {
      hub_request_audit (req, "refused", req->path, "form without a valid token");
      hub_request_message (req, SOUP_STATUS_FORBIDDEN, _("Form expired"),
                           _("This form has expired or did not come from this hub. Go back, reload the page and try again."));
    }
  else if (req->account == NULL && g_str_equal (req->method, "GET"))
    {
      g_autofree char *escaped = g_uri_escape_string (req->path, NULL, FALSE);
      g_autofree char *to = g_strdup_printf ("/login?next=%s", escaped);
      hub_request_redirect (req, to);
    }
  else if (req->account == NULL)
    hub_request_message (req, SOUP_STATUS_FORBIDDEN, _("Log in"), _("Your session has ended. Log in again."));
  else
    {
      hub_request_audit (req, "refused", req->path, hub_role_to_string ((HubRole) route->access));
      hub_request_message (req, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                           _("Your role does not allow this. Ask a publisher or an administrator."));
    }
}

static void
dispatch (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  HubServer *self = data;
  g_autoptr(HubRequest) req = g_new0 (HubRequest, 1);
  g_autoptr(GHashTable) cookies = request_cookies (msg);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = g_strsplit (path + 1, "/", -1);
  gboolean path_known = FALSE, token_ok;
  HubRoute *route;

  req->server = self;
  req->msg = msg;
  req->method = soup_server_message_get_method (msg);
  req->path = path;
  req->query = query != NULL ? g_hash_table_ref (query) : g_hash_table_new (g_str_hash, g_str_equal);
  req->form = g_hash_table_new (g_str_hash, g_str_equal);
  req->address = g_strdup (soup_server_message_get_remote_host (msg));
  req->lang = g_strdup (hub_i18n_known (g_hash_table_lookup (cookies, LANG_COOKIE)) ?: "vi");
  hub_i18n_use (req->lang);
  set_security_headers (msg);
  resolve_session (self, req, cookies);

  route = find_route (self, req->method, segments, args, &path_known);
  g_ptr_array_add (args, NULL);
  req->args = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
  if (route == NULL)
    {
      if (path_known)
        soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      else
        hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such page on this hub."));
      return;
    }
  if (g_str_equal (req->method, "POST"))
    read_form (req);
  token_ok = !g_str_equal (req->method, "POST") || csrf_ok (req, route, cookies);
  if (!token_ok || (route->access != HUB_ACCESS_PUBLIC && !hub_account_can (req->account, (HubRole) route->access)))
    {
      refuse (req, route, token_ok);
      return;
    }
  route->handler (req);
  if (req->paused)
    g_steal_pointer (&req);
}

/* Judges a request's size from its headers, before libsoup reads the body. A client that
 * waits for "100 Continue" (as large uploads should) gets the refusal without sending the body;
 * from one that sends it anyway, libsoup drains it, and nothing of it is kept in memory. */
static void
early (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  HubServer *self = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);
  g_auto(GStrv) segments = g_strsplit (path + 1, "/", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  gboolean path_known = FALSE;
  HubRoute *route = find_route (self, soup_server_message_get_method (msg), segments, args, &path_known);
  goffset limit = route != NULL && (route->flags & HUB_ROUTE_UPLOAD) ? HUB_MAX_UPLOAD_BYTES : HUB_MAX_FORM_BYTES;

  /* libsoup still reads the body of a refused request unless the client waited for "100
   * Continue": it is thrown away as it comes, never kept, and the connection then closes. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    soup_server_message_set_status (msg, SOUP_STATUS_LENGTH_REQUIRED, NULL);
  else if (length > limit)
    soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  else
    return;
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

HubServer *
hub_server_new (ContentStore *store, HubDb *db, const HubServerOptions *options)
{
  HubServer *self = g_object_new (HUB_TYPE_SERVER, NULL);

  self->store = store;
  self->db = db;
  self->options.sync_key = g_strdup (options->sync_key);
  self->options.sync_dir = g_strdup (options->sync_dir);
  self->options.secure = options->secure;
  self->soup = soup_server_new ("server-header", "banlang-hub ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early, self, NULL);
  soup_server_add_handler (self->soup, NULL, dispatch, self, NULL);
  hub_pages_register (self);
  return self;
}

gboolean
hub_server_listen (HubServer *self, const char *address, GError **error)
{
  g_autoptr(GSocketConnectable) where = g_network_address_parse (address, 8080, error);
  g_autoptr(GSocketAddressEnumerator) addresses = NULL;
  g_autoptr(GSocketAddress) first = NULL;

  if (where == NULL)
    return FALSE;
  addresses = g_socket_connectable_enumerate (where);
  first = g_socket_address_enumerator_next (addresses, NULL, error);
  if (first == NULL)
    return FALSE;
  return soup_server_listen (self->soup, first, 0, error);
}

char *
hub_server_get_uri (HubServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *uri = uris != NULL ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return uri;
}

ContentStore *
hub_server_get_store (HubServer *self)
{
  return self->store;
}

HubDb *
hub_server_get_db (HubServer *self)
{
  return self->db;
}

const HubServerOptions *
hub_server_get_options (HubServer *self)
{
  return &self->options;
}
