/* hub-request.c: one HTTP request to the hub, and the ways a handler answers it. */
#include "hub-request.h"
#include "hub-layout.h"
#include "hub-server.h"

#include <glib/gi18n.h>

void
hub_request_free (HubRequest *req)
{
  if (req == NULL)
    return;
  g_hash_table_unref (req->query);
  g_hash_table_unref (req->form);
  g_clear_pointer (&req->upload, g_bytes_unref);
  g_free (req->upload_name);
  g_strfreev (req->args);
  hub_account_free (req->account);
  hub_session_free (req->session);
  g_free (req->token);
  g_free (req->lang);
  g_free (req->address);
  g_free (req);
}

const char *
hub_request_query (HubRequest *req, const char *name)
{
  return g_hash_table_lookup (req->query, name);
}

const char *
hub_request_field (HubRequest *req, const char *name)
{
  return g_hash_table_lookup (req->form, name);
}

char *
hub_request_author (HubRequest *req)
{
  return hub_account_author (req->account);
}

static void
respond_html (HubRequest *req, guint status, HubHtml *page)
{
  gsize len = hub_html_get_length (page);
  char *text = hub_html_free_to_string (page);

  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, text, len);
}

void
hub_request_page (HubRequest *req, guint status, const char *title, HubHtml *body)
{
  respond_html (req, status, hub_layout_render (req, title, body));
}

void
hub_request_message (HubRequest *req, guint status, const char *title, const char *message)
{
  g_autoptr(HubHtml) body = hub_html_new ();

  hub_html_add (body, "<p class=\"message\">%s</p>", message);
  hub_request_page (req, status, title, body);
}

void
hub_request_failure (HubRequest *req, const char *title, const GError *error)
{
  g_warning ("%s %s: %s", req->method, req->path, error->message);
  hub_request_message (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, title,
                       _("The hub could not do this. Try again; if it happens again, tell the administrator "
                         "(the hub's log says why)."));
}

void
hub_request_redirect (HubRequest *req, const char *location)
{
  soup_server_message_set_redirect (req->msg, SOUP_STATUS_SEE_OTHER, location);
}

void
hub_request_audit (HubRequest *req, const char *action, const char *target, const char *detail)
{
  g_autoptr(GError) error = NULL;

  if (!hub_db_audit (hub_server_get_db (req->server), req->account != NULL ? req->account->id : 0,
                     req->address, action, target, detail, &error))
    g_warning ("audit log: %s", error->message);
}

void
hub_request_pause (HubRequest *req)
{
  req->paused = TRUE;
  soup_server_message_pause (req->msg);
}

void
hub_request_resume (HubRequest *req)
{
  soup_server_message_unpause (req->msg);
  hub_request_free (req);
}
