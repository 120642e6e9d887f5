/* hub-accounts.c: the admin's pages: officers' accounts and the audit log.
 *
 * Only an admin reaches them (the routes say so; the server checks). An admin cannot disable
 * their own account, so a hub is never left without anyone able to manage it. New passwords
 * are hashed in a worker thread like logins. Every officer may change their own password here.
 */
#include "hub-pages.h"
#include "hub-error.h"
#include "hub-i18n.h"
#include "hub-layout.h"
#include "hub-password.h"

#include <glib/gi18n.h>

#define AUDIT_SHOWN 200
#define MIN_PASSWORD 10

static void
render_accounts (HubRequest *req, guint status, const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = hub_db_list_accounts (hub_server_get_db (req->server), &error);
  g_autoptr(HubHtml) body = hub_html_new ();

  if (accounts == NULL)
    {
      hub_request_failure (req, _("Accounts"), error);
      return;
    }
  if (problem != NULL)
    hub_html_add (body, "<p class=\"problem\" role=\"alert\">%s</p>", problem);
  hub_html_add (body, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
                _("Account name"), _("Role"));
  for (guint i = 0; i < accounts->len; i++)
    {
      HubAccount *a = g_ptr_array_index (accounts, i);
      g_autofree char *action = g_strdup_printf ("/accounts/%s/%s", a->name, a->disabled ? "enable" : "disable");
      hub_html_add (body, "<tr><td>%s</td><td>%s%s</td><td>", a->name, hub_role_label (a->role),
                    a->disabled ? _(" (disabled)") : "");
      if (a->id != req->account->id)
        hub_layout_button (body, req, action, a->disabled ? _("Enable") : _("Disable"), a->disabled ? "secondary" : "danger");
      hub_html_add (body, "</td></tr>");
    }
  hub_html_add (body, "</tbody></table><h2>%s</h2>", _("Add an account"));
  hub_layout_form (body, req, "/accounts", "login");
  hub_html_add (body, "<label>%s<input name=\"name\" required pattern=\"[A-Za-z0-9._-]{2,40}\"></label>"
                      "<label>%s<select name=\"role\"><option value=\"editor\">%s</option><option value=\"publisher\">%s</option>"
                      "<option value=\"admin\">%s</option></select></label>"
                      "<label>%s<input name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"%d\"></label>"
                      "<button type=\"submit\">%s</button></form>",
                _("Account name"), _("Role"), hub_role_label (HUB_ROLE_EDITOR), hub_role_label (HUB_ROLE_PUBLISHER),
                hub_role_label (HUB_ROLE_ADMIN), _("First password (the officer changes it)"), MIN_PASSWORD, _("Add"));
  hub_request_page (req, status, _("Accounts"), body);
}

static void
get_accounts (HubRequest *req)
{
  render_accounts (req, SOUP_STATUS_OK, NULL);
}

typedef struct {
  HubRequest *req;
  char *name;
  HubRole role;
} NewAccount;

static void
hashed (GObject *source, GAsyncResult *result, gpointer data)
{
  NewAccount *n = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = hub_password_hash_finish (result, &error);

  hub_i18n_use (n->req->lang);
  if (hash == NULL || !hub_db_add_account (hub_server_get_db (n->req->server), n->name, n->role, hash, NULL, &error))
    render_accounts (n->req, g_error_matches (error, HUB_ERROR, HUB_ERROR_EXISTS) ? SOUP_STATUS_CONFLICT : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                     error->message);
  else
    {
      hub_request_audit (n->req, "account-add", n->name, hub_role_to_string (n->role));
      hub_request_redirect (n->req, "/accounts");
    }
  hub_request_resume (n->req);
  g_free (n->name);
  g_free (n);
}

static void
post_accounts (HubRequest *req)
{
  const char *name = hub_request_field (req, "name");
  const char *password = hub_request_field (req, "password");
  HubRole role;
  NewAccount *n;

  if (!hub_account_name_is_valid (name) || !hub_role_from_string (hub_request_field (req, "role"), &role)
      || password == NULL || g_utf8_strlen (password, -1) < MIN_PASSWORD)
    {
      render_accounts (req, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                       _("Give a name of 2 to 40 letters, digits, dots, dashes or underscores, a role, and a password of at least 10 characters."));
      return;
    }
  n = g_new0 (NewAccount, 1);
  n->req = req;
  n->name = g_strdup (name);
  n->role = role;
  hub_request_pause (req);
  hub_password_hash_async (password, NULL, hashed, n);
}

static void
set_disabled (HubRequest *req, gboolean disabled)
{
  const char *name = req->args[0];
  g_autoptr(GError) error = NULL;

  if (g_str_equal (name, req->account->name))
    {
      render_accounts (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("You cannot disable your own account."));
      return;
    }
  if (!hub_db_set_disabled (hub_server_get_db (req->server), name, disabled, &error))
    {
      render_accounts (req, g_error_matches (error, HUB_ERROR, HUB_ERROR_NOT_FOUND) ? SOUP_STATUS_NOT_FOUND
                                                                                     : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                       error->message);
      return;
    }
  hub_request_audit (req, disabled ? "account-disable" : "account-enable", name, NULL);
  hub_request_redirect (req, "/accounts");
}

static void
post_disable (HubRequest *req)
{
  set_disabled (req, TRUE);
}

static void
post_enable (HubRequest *req)
{
  set_disabled (req, FALSE);
}

/* The audit log's actions as officers read them; actions not listed show as recorded. */
static const char *
audit_action_label (const char *action)
{
  static const char *const actions[][2] = {
    { "login", N_("logged in") }, { "login-failed", N_("login failed") },
    { "login-throttled", N_("login refused: too many failures") }, { "logout", N_("logged out") },
    { "save", N_("saved a draft") }, { "publish", N_("published") }, { "publish-refused", N_("publishing refused") },
    { "publish-important", N_("published, marked important") },
    { "refused", N_("refused") }, { "archive", N_("archived") }, { "revert", N_("reverted") },
    { "confirm-translation", N_("confirmed a translation") }, { "account-add", N_("added an account") },
    { "account-disable", N_("disabled an account") }, { "account-enable", N_("enabled an account") },
    { "account-password", N_("changed a password") },
    { "disable", N_("disabled an account") }, { "enable", N_("enabled an account") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (action, actions[i][0]) == 0)
      return _(actions[i][1]);
  return action;
}

static void
get_audit (HubRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = hub_db_list_audit (hub_server_get_db (req->server), AUDIT_SHOWN, &error);
  g_autoptr(HubHtml) body = hub_html_new ();

  if (entries == NULL)
    {
      hub_request_failure (req, _("Audit log"), error);
      return;
    }
  hub_html_add (body, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                _("When (UTC)"), _("Who"),
                /* Translators: the address a request came from. */
                C_("audit log", "From"), _("What"), _("On"), _("Detail"));
  for (guint i = 0; i < entries->len; i++)
    {
      HubAuditEntry *e = g_ptr_array_index (entries, i);
      hub_html_add (body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    e->at, e->account, g_strcmp0 (e->address, "command line") == 0 ? _("command line") : e->address,
                    audit_action_label (e->action), e->target, e->detail);
    }
  hub_html_add (body, "</tbody></table>");
  hub_request_page (req, SOUP_STATUS_OK, _("Audit log"), body);
}

/* An officer's own password: the current one checked, the new one hashed, both in worker
 * threads; the officer's other sessions end. */
static void
password_page (HubRequest *req, guint status, const char *problem)
{
  g_autoptr(HubHtml) body = hub_html_new ();

  if (problem != NULL)
    hub_html_add (body, "<p class=\"problem\" role=\"alert\">%s</p>", problem);
  else if (hub_request_query (req, "changed") != NULL)
    hub_html_add (body, "<p class=\"notice\" role=\"status\">%s</p>", _("Your password is changed. Your other sessions have ended."));
  hub_layout_form (body, req, "/password", "login");
  hub_html_add (body, "<label>%s<input name=\"current\" type=\"password\" autocomplete=\"current-password\" required></label>"
                      "<label>%s<input name=\"new\" type=\"password\" autocomplete=\"new-password\" required minlength=\"%d\"></label>"
                      "<label>%s<input name=\"again\" type=\"password\" autocomplete=\"new-password\" required minlength=\"%d\"></label>"
                      "<button type=\"submit\">%s</button></form>",
                _("Current password"), _("New password (at least 10 characters)"), MIN_PASSWORD,
                _("New password again"), MIN_PASSWORD, _("Change my password"));
  hub_request_page (req, status, _("My password"), body);
}

static void
get_password (HubRequest *req)
{
  password_page (req, SOUP_STATUS_OK, NULL);
}

static void
new_password_hashed (GObject *source, GAsyncResult *result, gpointer data)
{
  HubRequest *req = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = hub_password_hash_finish (result, &error);

  hub_i18n_use (req->lang);
  if (hash == NULL || !hub_db_set_password_hash (hub_server_get_db (req->server), req->account->id, hash, req->token, &error))
    hub_request_failure (req, _("My password"), error);
  else
    {
      hub_request_audit (req, "password-change", req->account->name, NULL);
      hub_request_redirect (req, "/password?changed=1");
    }
  hub_request_resume (req);
}

static void
current_password_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  HubRequest *req = data;

  hub_i18n_use (req->lang);
  if (!hub_password_verify_finish (result, NULL))
    {
      hub_request_audit (req, "password-change-refused", req->account->name, NULL);
      password_page (req, SOUP_STATUS_UNAUTHORIZED, _("The current password is wrong: nothing was changed."));
      hub_request_resume (req);
      return;
    }
  hub_password_hash_async (hub_request_field (req, "new"), NULL, new_password_hashed, req);
}

static void
post_password (HubRequest *req)
{
  const char *current = hub_request_field (req, "current");
  const char *new_password = hub_request_field (req, "new");

  if (current == NULL || new_password == NULL || g_utf8_strlen (new_password, -1) < MIN_PASSWORD
      || g_strcmp0 (new_password, hub_request_field (req, "again")) != 0)
    {
      password_page (req, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                     _("The new password needs at least 10 characters, typed the same twice: nothing was changed."));
      return;
    }
  hub_request_pause (req);
  hub_password_verify_async (req->account->password_hash, current, NULL, current_password_checked, req);
}

void
hub_accounts_register (HubServer *server)
{
  hub_server_route (server, "GET", "/password", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_password);
  hub_server_route (server, "POST", "/password", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_password);
  hub_server_route (server, "GET", "/accounts", HUB_ACCESS_ADMIN, HUB_ROUTE_DEFAULT, get_accounts);
  hub_server_route (server, "POST", "/accounts", HUB_ACCESS_ADMIN, HUB_ROUTE_DEFAULT, post_accounts);
  hub_server_route (server, "POST", "/accounts/*/disable", HUB_ACCESS_ADMIN, HUB_ROUTE_DEFAULT, post_disable);
  hub_server_route (server, "POST", "/accounts/*/enable", HUB_ACCESS_ADMIN, HUB_ROUTE_DEFAULT, post_enable);
  hub_server_route (server, "GET", "/audit", HUB_ACCESS_ADMIN, HUB_ROUTE_DEFAULT, get_audit);
}
