/* hub-dashboard.c: what people look at and ask: POST /usage takes the counts, /dashboard
 * shows them.
 *
 * The dashboard answers the officer's question "what should we write next?": the items people
 * open most, on the kiosk and by SMS, and above all the searches that found nothing, most
 * frequent first. Counts only: no phone number reaches the hub (senders mask digits).
 */
#include "hub-pages.h"
#include "hub-error.h"
#include "hub-layout.h"
#include "hub-usage.h"

#include "content-item.h"
#include "sync-error.h"

#include <glib/gi18n.h>

#define DAYS_SHOWN 30
#define ROWS_SHOWN 50

static void
answer_text (HubRequest *req, guint status, const char *text)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
post_usage (HubRequest *req)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_parse_verified (body, &error);
  g_autofree char *sender = NULL;

  if (batch == NULL)
    {
      answer_text (req, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  if (!hub_usage_take (hub_server_get_db (req->server), batch, &sender, &error))
    {
      guint status = g_error_matches (error, HUB_ERROR, HUB_ERROR_DENIED) ? SOUP_STATUS_FORBIDDEN
                     : g_error_matches (error, HUB_ERROR, HUB_ERROR_EXISTS) ? SOUP_STATUS_CONFLICT
                     : g_error_matches (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT) ? SOUP_STATUS_BAD_REQUEST
                     : SOUP_STATUS_INTERNAL_SERVER_ERROR;
      answer_text (req, status, error->message);
      return;
    }
  answer_text (req, SOUP_STATUS_OK, "taken\n");
}

static void
render_totals (HubHtml *html, HubRequest *req, GPtrArray *totals, gboolean misses)
{
  ContentStore *store = hub_server_get_store (req->server);

  if (totals->len == 0)
    {
      hub_html_add (html, "<p>%s</p>", _("Nothing yet."));
      return;
    }
  hub_html_add (html, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                misses ? _("Searched for") : _("Item"), _("Total"), _("Kiosk"), _("SMS"));
  for (guint i = 0; i < totals->len; i++)
    {
      HubUsageTotal *t = g_ptr_array_index (totals, i);
      g_autoptr(ContentItem) item = misses ? NULL : content_store_get_item (store, t->key, NULL);
      const ContentText *text = item != NULL ? content_item_get_text (item, "vi") : NULL;

      if (misses)
        hub_html_add (html, "<tr><td>%s</td>", t->key);
      else
        hub_html_add (html, "<tr><td><a href=\"/items/%s\">%s</a></td>", t->key, text != NULL ? text->title : t->key);
      hub_html_add (html, "<td>%l</td><td>%l</td><td>%l</td></tr>", t->count, t->kiosk, t->sms);
    }
  hub_html_add (html, "</tbody></table>");
}

static void
get_dashboard (HubRequest *req)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -DAYS_SHOWN);
  g_autofree char *since = g_date_time_format (start, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misses = hub_usage_totals (hub_server_get_db (req->server), since, TRUE, ROWS_SHOWN, &error);
  g_autoptr(GPtrArray) looks = misses != NULL ? hub_usage_totals (hub_server_get_db (req->server), since, FALSE, ROWS_SHOWN, &error) : NULL;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *period = g_strdup_printf (_("The last %d days, since %s."), DAYS_SHOWN, since);

  if (looks == NULL)
    {
      hub_request_failure (req, _("What people ask"), error);
      return;
    }
  hub_html_add (body, "<p class=\"meta\">%s</p><h2>%s</h2><p>%s</p>",
                period, _("Searches that found nothing"), _("The next content to write: what people looked for and the kiosk or SMS could not answer, most frequent first."));
  render_totals (body, req, misses, TRUE);
  hub_html_add (body, "<h2>%s</h2>", _("Most looked at"));
  render_totals (body, req, looks, FALSE);
  hub_request_page (req, SOUP_STATUS_OK, _("What people ask"), body);
}

void
hub_dashboard_register (HubServer *server)
{
  hub_server_route (server, "POST", "/usage", HUB_ACCESS_PUBLIC, HUB_ROUTE_NO_CSRF, post_usage);
  hub_server_route (server, "GET", "/dashboard", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_dashboard);
}
