/* hub-layout.c: the frame around every hub page.
 *
 * Server-rendered HTML that works without JavaScript; the style sheet is a file served by the
 * hub itself, so the Content-Security-Policy can forbid inline style and every script. The menu
 * shows what the officer's role may open; the server refuses the rest whatever the menu says.
 */
#include "hub-layout.h"
#include "hub-server.h"
#include "hub-publish.h"

#include <glib/gi18n.h>

static void
add_menu (HubHtml *html, HubRequest *req)
{
  const char *other = g_str_equal (req->lang, "vi") ? "en" : "vi";
  g_autofree char *escaped = g_uri_escape_string (req->path, NULL, FALSE);
  g_autofree char *switch_to = g_strdup_printf ("/lang?to=%s&next=%s", other, escaped);

  hub_html_add (html, "<header class=\"top\"><a class=\"brand\" href=\"/\">Bản Làng</a><nav>");
  if (req->account != NULL)
    {
      hub_html_add (html, "<a href=\"/items\">%s</a><a href=\"/drafts\">%s</a><a href=\"/topics\">%s</a>"
                          "<a href=\"/rules\">%s</a><a href=\"/dashboard\">%s</a>",
                    _("Items"), _("Drafts"), _("Topics"), _("Rules"), _("What people ask"));
      if (hub_account_can (req->account, HUB_ROLE_ADMIN))
        hub_html_add (html, "<a href=\"/accounts\">%s</a><a href=\"/audit\">%s</a>", _("Accounts"), _("Audit log"));
    }
  hub_html_add (html, "</nav><div class=\"who\"><a class=\"lang\" href=\"%s\" lang=\"%s\">%s</a>",
                switch_to, other, g_str_equal (other, "en") ? "English" : "Tiếng Việt");
  if (req->account != NULL)
    {
      hub_html_add (html, "<a href=\"/password\" title=\"%s\">%s (%s)</a>", _("My password"), req->account->name,
                    hub_role_label (req->account->role));
      hub_layout_button (html, req, "/logout", _("Log out"), "link");
    }
  hub_html_add (html, "</div></header>");
}

HubHtml *
hub_layout_render (HubRequest *req, const char *title, HubHtml *body)
{
  HubHtml *html = hub_html_new ();

  hub_html_add (html, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<title>%s · Bản Làng</title><link rel=\"stylesheet\" href=\"/static/hub.css\"></head><body>",
                req->lang, title);
  add_menu (html, req);
  hub_html_add (html, "<main><h1>%s</h1>%h</main></body></html>\n", title, body);
  return html;
}

void
hub_layout_form (HubHtml *html, HubRequest *req, const char *action, const char *css_class)
{
  hub_html_add (html, "<form method=\"post\" action=\"%s\" class=\"%s\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                action, css_class != NULL ? css_class : "", req->session != NULL ? req->session->csrf : "");
}

void
hub_layout_upload_form (HubHtml *html, HubRequest *req, const char *action, const char *css_class)
{
  hub_html_add (html, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"%s\" class=\"%s\">"
                      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                action, css_class != NULL ? css_class : "", req->session != NULL ? req->session->csrf : "");
}

void
hub_layout_button (HubHtml *html, HubRequest *req, const char *action, const char *label, const char *css_class)
{
  hub_layout_form (html, req, action, "inline");
  hub_html_add (html, "<button type=\"submit\" class=\"%s\">%s</button></form>", css_class, label);
}

void
hub_layout_record_actions (HubHtml *html, HubRequest *req, const ContentRef *ref, gboolean is_draft)
{
  g_autofree char *page = hub_publish_page_of (ref);
  g_autofree char *history = hub_history_page_of (ref);
  g_autofree char *publish = g_strdup_printf ("%s/publish", page);
  g_autofree char *remove = g_strdup_printf ("/records/%s/%s/remove", content_record_kind_to_string (ref->kind), ref->id);

  hub_html_add (html, "<div class=\"actions\"><a href=\"%s\">%s</a>", history, _("History"));
  if (hub_account_can (req->account, HUB_ROLE_PUBLISHER))
    {
      if (is_draft)
        hub_layout_button (html, req, publish, _("Publish"), "primary");
      hub_layout_button (html, req, remove, _("Remove from the kiosks"), "danger");
    }
  hub_html_add (html, "</div>");
}
