/* hub-publish.c: publishing drafts, and carrying what is published to the sync folder.
 *
 * content_store_publish() checks every draft as an import and refuses rule changes while a
 * case table fails; its message lists each problem, which the publisher sees as a list. When
 * the hub signs bundles, they are written right after the publish, so kiosks can fetch the
 * change at once.
 */
#include "hub-publish.h"
#include "hub-layout.h"
#include "hub-server.h"

#include "content-drafts.h"
#include "sync-publisher.h"

#include <glib/gi18n.h>

char *
hub_publish_page_of (const ContentRef *ref)
{
  if (ref->kind == CONTENT_RECORD_ITEM)
    return g_strdup_printf ("/items/%s", ref->id);
  if (ref->kind == CONTENT_RECORD_TOPIC)
    return g_strdup_printf ("/topics/%s", ref->id);
  return g_strdup_printf ("/rules/%s/%s", content_record_kind_to_string (ref->kind), ref->id);
}

void
hub_publish_sync (HubRequest *req)
{
  const HubServerOptions *options = hub_server_get_options (req->server);
  g_autoptr(GError) error = NULL;

  if (options->sync_key == NULL || options->sync_dir == NULL)
    return;
  if (!sync_publisher_publish (hub_server_get_store (req->server), options->sync_key, options->sync_dir, NULL, &error))
    {
      g_warning ("writing the sync bundles: %s", error->message);
      hub_request_audit (req, "sync-failed", options->sync_dir, error->message);
      return;
    }
  hub_request_audit (req, "sync", options->sync_dir, NULL);
}

static void
render_refusal (HubRequest *req, const char *message, const ContentRef *ref)
{
  g_autoptr(HubHtml) body = hub_html_new ();
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  g_autofree char *back = hub_publish_page_of (ref);

  hub_html_add (body, "<div class=\"problem\" role=\"alert\"><p>%s</p><ul>", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    hub_html_add (body, "<li>%s</li>", g_strstrip (lines[i]));
  hub_html_add (body, "</ul></div><p><a href=\"%s\">%s</a></p>", back, _("Back to the draft"));
  hub_request_page (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("Nothing was published"), body);
}

void
hub_publish_refs (HubRequest *req, const ContentRef *refs, guint n)
{
  g_autofree char *author = hub_request_author (req);
  g_autofree char *back = hub_publish_page_of (&refs[0]);
  g_autoptr(GError) error = NULL;

  if (!content_store_publish (hub_server_get_store (req->server), refs, n, author, &error))
    {
      hub_request_audit (req, "publish-refused", refs[0].id, error->message);
      render_refusal (req, error->message, &refs[0]);
      return;
    }
  for (guint i = 0; i < n; i++)
    hub_request_audit (req, "publish", refs[i].id, content_record_kind_to_string (refs[i].kind));
  hub_publish_sync (req);
  hub_request_redirect (req, back);
}
