/* hub-login.c: logging in and out, the language switch, and the style sheet.
 *
 * Passwords are checked in a worker thread (hub-password.c) while the request waits paused, so
 * other officers' pages keep coming. Guessing is slowed, then stopped: after 3 failures each
 * try must wait longer (2, 4, 8... up to 60 seconds); after 10 the account is locked for 15
 * minutes. An address is only ever slowed, never locked, so one visitor cannot lock out every
 * officer behind the same address (an office, a proxy). Only one try per account is checked at
 * a time: tries sent all at once for one account are turned away while one is being checked,
 * so none slips past the count of failures, while officers of one office logging in together
 * are not held up by each other; at most MAX_CHECKING tries wait for a hash at any time. An unknown name costs as much time as a wrong
 * password and gets the same answer, so the form does not reveal who has an account; a name no
 * account could have is refused at once and written nowhere.
 */
#include "hub-pages.h"
#include "hub-layout.h"
#include "hub-i18n.h"
#include "hub-password.h"
#include "hub-resources.h"
#include "hub-server.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#define SESSION_SECONDS (8 * 3600)
#define SLOW_AFTER 3
#define LOCK_AFTER 10
#define LOCK_SECONDS (15 * 60)
#define MAX_DELAY 60
#define MAX_CHECKING 32

/* Accounts whose password is being checked (name → itself), and how many tries wait. */
static GHashTable *checking_accounts;
static guint checking;

/* Seconds to wait after @failures failures, counted from the last one. */
static gint64
delay_after (gint64 failures)
{
  if (failures >= LOCK_AFTER)
    return LOCK_SECONDS;
  if (failures < SLOW_AFTER)
    return 0;
  return MIN ((gint64) 1 << (failures - SLOW_AFTER + 1), MAX_DELAY);
}

/* Seconds before @key may try again (0: now); @locked when it is the long lock, which only
 * an account (@may_lock) gets. */
static gint64
wait_for (HubDb *db, const char *key, gboolean may_lock, gint64 now, gboolean *locked)
{
  gint64 failures, last_at, delay, left;
  g_autoptr(GError) error = NULL;

  if (!hub_db_get_login_failures (db, key, &failures, &last_at, &error))
    {
      g_warning ("%s", error->message);
      return 0;
    }
  delay = may_lock ? delay_after (failures) : MIN (delay_after (failures), MAX_DELAY);
  left = last_at + delay - now;
  *locked = may_lock && failures >= LOCK_AFTER;
  return MAX (left, 0);
}

/* TRUE when every '%' in @s starts an escape of two hexadecimal digits. */
static gboolean
escapes_ok (const char *s)
{
  for (const char *p = strchr (s, '%'); p != NULL; p = strchr (p + 1, '%'))
    if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
      return FALSE;
  return TRUE;
}

/* Only a path on this hub: never another site ("//evil" or "https://..."), nor anything that
 * is not a well-formed path ("/%zz"). */
static const char *
safe_next (const char *next)
{
  if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk (next, "\r\n\t ") != NULL
      || !escapes_ok (next))
    return "/items";
  return next;
}

static void
login_page (HubRequest *req, guint status, const char *name, const char *problem)
{
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *csrf = hub_server_new_login_csrf (req->server, req);
  const char *next = safe_next (hub_request_query (req, "next") ?: hub_request_field (req, "next"));

  if (problem != NULL)
    hub_html_add (body, "<p class=\"problem\" role=\"alert\">%s</p>", problem);
  hub_html_add (body, "<form method=\"post\" action=\"/login\" class=\"login\">"
                      "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"next\" value=\"%s\">"
                      "<label>%s<input name=\"name\" autocomplete=\"username\" required value=\"%s\" autofocus></label>"
                      "<label>%s<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
                      "<button type=\"submit\">%s</button></form>",
                csrf, next, _("Account name"), name != NULL ? name : "", _("Password"), _("Log in"));
  hub_request_page (req, status, _("Log in to the Bản Làng hub"), body);
}

static void
get_login (HubRequest *req)
{
  login_page (req, SOUP_STATUS_OK, NULL, NULL);
}

typedef struct {
  HubRequest *req;
  HubAccount *account;
  char *name;
} Attempt;

static void
attempt_free (Attempt *a)
{
  hub_account_free (a->account);
  g_free (a->name);
  g_free (a);
}

/* Counts a failed try against @name's account and @req's address. */
static void
record_failure (HubRequest *req, const char *name)
{
  HubDb *db = hub_server_get_db (req->server);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *account_key = g_strdup_printf ("account:%s", name);
  g_autofree char *address_key = g_strdup_printf ("address:%s", req->address);
  g_autoptr(GError) error = NULL;

  if (!hub_db_add_login_failure (db, account_key, now, now - LOCK_SECONDS, &error)
      || !hub_db_add_login_failure (db, address_key, now, now - LOCK_SECONDS, &error))
    g_warning ("%s", error->message);
  hub_request_audit (req, "login-failed", name, NULL);
}

static void
log_in (HubRequest *req, HubAccount *account, char *new_hash)
{
  HubDb *db = hub_server_get_db (req->server);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *account_key = g_strdup_printf ("account:%s", account->name);
  g_autofree char *address_key = g_strdup_printf ("address:%s", req->address);
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  /* A session this browser had before ends: a login always starts a new one. */
  if ((req->token != NULL && !hub_db_end_session (db, req->token, &error))
      || (new_hash != NULL && !hub_db_set_password_hash (db, account->id, new_hash, NULL, &error))
      || !hub_db_clear_login_failures (db, account_key, &error) || !hub_db_clear_login_failures (db, address_key, &error)
      || (token = hub_db_create_session (db, account->id, now, SESSION_SECONDS, &error)) == NULL)
    {
      g_warning ("%s", error->message);
      hub_request_message (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Log in"), _("The hub could not log you in. Try again."));
      return;
    }
  hub_server_set_session_cookie (req->server, req, token);
  req->account = hub_db_get_account (db, account->id, NULL);
  hub_request_audit (req, "login", account->name, NULL);
  hub_request_redirect (req, safe_next (hub_request_field (req, "next")));
}

static void
verified (GObject *source, GAsyncResult *result, gpointer data)
{
  Attempt *a = data;
  g_autofree char *new_hash = NULL;
  gboolean ok = hub_password_verify_finish (result, &new_hash);

  hub_i18n_use (a->req->lang);
  checking--;
  g_hash_table_remove (checking_accounts, a->name);
  if (ok && a->account != NULL && !a->account->disabled)
    log_in (a->req, a->account, new_hash);
  else
    {
      record_failure (a->req, a->name);
      login_page (a->req, SOUP_STATUS_UNAUTHORIZED, a->name, _("Wrong account name or password."));
    }
  hub_request_resume (a->req);
  attempt_free (a);
}

static void
post_login (HubRequest *req)
{
  HubDb *db = hub_server_get_db (req->server);
  const char *name = hub_request_field (req, "name");
  const char *password = hub_request_field (req, "password");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *account_key = NULL, *address_key = g_strdup_printf ("address:%s", req->address);
  gboolean account_locked = FALSE, address_locked = FALSE;
  gint64 wait;
  Attempt *a;

  if (name == NULL || *name == '\0' || password == NULL)
    {
      login_page (req, SOUP_STATUS_BAD_REQUEST, NULL, _("Enter your account name and password."));
      return;
    }
  if (!hub_account_name_is_valid (name))
    {
      login_page (req, SOUP_STATUS_UNAUTHORIZED, NULL, _("Wrong account name or password."));
      return;
    }
  account_key = g_strdup_printf ("account:%s", name);
  wait = MAX (wait_for (db, account_key, TRUE, now, &account_locked), wait_for (db, address_key, FALSE, now, &address_locked));
  if (checking_accounts == NULL)
    checking_accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (wait > 0 || checking >= MAX_CHECKING || g_hash_table_contains (checking_accounts, name))
    {
      g_autofree char *message = account_locked
        ? g_strdup_printf (_("Too many failed logins: logging in is locked for %d minutes."), (int) ((wait + 59) / 60))
        : g_strdup_printf (_("Too many failed logins: wait %d seconds and try again."), (int) MAX (wait, 1));
      login_page (req, 429, name, message);
      return;
    }
  g_hash_table_add (checking_accounts, g_strdup (name));
  checking++;
  a = g_new0 (Attempt, 1);
  a->req = req;
  a->name = g_strdup (name);
  a->account = hub_db_find_account (db, name, NULL);
  hub_request_pause (req);
  hub_password_verify_async (a->account != NULL ? a->account->password_hash : NULL, password, NULL, verified, a);
}

static void
post_logout (HubRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (req->token != NULL && !hub_db_end_session (hub_server_get_db (req->server), req->token, &error))
    g_warning ("%s", error->message);
  hub_request_audit (req, "logout", req->account->name, NULL);
  hub_server_set_session_cookie (req->server, req, NULL);
  hub_request_redirect (req, "/login");
}

static void
get_lang (HubRequest *req)
{
  const char *to = hub_i18n_known (hub_request_query (req, "to"));

  hub_server_set_lang_cookie (req->server, req, to != NULL ? to : "vi");
  hub_request_redirect (req, safe_next (hub_request_query (req, "next")));
}

static void
get_root (HubRequest *req)
{
  hub_request_redirect (req, req->account != NULL ? "/items" : "/login");
}

static void
get_css (HubRequest *req)
{
  g_autoptr(GBytes) css = g_resource_lookup_data (hub_get_resource (), "/org/banlang/hub/data/hub.css", 0, NULL);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "Cache-Control", "max-age=3600");
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, "text/css; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (css, NULL), g_bytes_get_size (css));
}

void
hub_login_register (HubServer *server)
{
  hub_server_route (server, "GET", "/", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_root);
  hub_server_route (server, "GET", "/login", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_login);
  hub_server_route (server, "POST", "/login", HUB_ACCESS_PUBLIC, HUB_ROUTE_LOGIN_CSRF, post_login);
  hub_server_route (server, "POST", "/logout", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_logout);
  hub_server_route (server, "GET", "/lang", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_lang);
  hub_server_route (server, "GET", "/static/hub.css", HUB_ACCESS_PUBLIC, HUB_ROUTE_DEFAULT, get_css);
}
