/* hub-publish.c: publishing drafts, and carrying what is published to the sync folder.
 *
 * content_store_publish() checks every draft as an import and refuses rule changes while a
 * case table fails; its message lists each problem, which the publisher sees as a list. When
 * the hub signs bundles, they are written right after the publish, in the background, so
 * kiosks can fetch the change at once; and again every few hours, so the manifest's expiry
 * moves on while nothing is published (kiosks then know the hub is alive and their content
 * current).
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

typedef struct {
  HubServer *server;
  char *content_db;
  gint64 account;
  char *address;
} SiteJob;

static void
site_job_free (SiteJob *job)
{
  g_object_unref (job->server);
  g_free (job->content_db);
  g_free (job->address);
  g_free (job);
}

/* In a worker thread, on its own connection: a snapshot of 10,000 items takes about a second,
 * which the officers' pages must not wait for. The publisher's lock file keeps two writers of
 * one site apart. */
static void
write_site (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SiteJob *job = data;
  const HubServerOptions *options = hub_server_get_options (job->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (job->content_db, CONTENT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL || !sync_publisher_publish (store, options->sync_key, options->sync_dir, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
site_written (GObject *source, GAsyncResult *result, gpointer data)
{
  SiteJob *job = g_task_get_task_data (G_TASK (result));
  const char *dir = hub_server_get_options (job->server)->sync_dir;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) audit_error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("writing the sync site %s: %s", dir, error->message);
  if (!hub_db_audit (hub_server_get_db (job->server), job->account, job->address, error != NULL ? "sync-failed" : "sync",
                     dir, error != NULL ? error->message : NULL, &audit_error))
    g_warning ("audit log: %s", audit_error->message);
}

void
hub_publish_site (HubServer *server, gint64 account, const char *address)
{
  const HubServerOptions *options = hub_server_get_options (server);
  g_autoptr(GTask) task = NULL;
  SiteJob *job;

  if (options->sync_key == NULL || options->sync_dir == NULL)
    return;
  job = g_new0 (SiteJob, 1);
  job->server = g_object_ref (server);
  job->content_db = g_strdup (content_store_get_path (hub_server_get_store (server)));
  job->account = account;
  job->address = g_strdup (address);
  task = g_task_new (NULL, NULL, site_written, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) site_job_free);
  g_task_run_in_thread (task, write_site);
}

void
hub_publish_sync (HubRequest *req)
{
  hub_publish_site (req->server, req->account != NULL ? req->account->id : 0, req->address);
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
hub_publish_refs (HubRequest *req, const ContentRef *refs, guint n, ContentPublishFlags flags)
{
  g_autofree char *author = hub_request_author (req);
  g_autofree char *back = hub_publish_page_of (&refs[0]);
  const char *action = (flags & CONTENT_PUBLISH_IMPORTANT) ? "publish-important" : "publish";
  g_autoptr(GError) error = NULL;

  if (!content_store_publish (hub_server_get_store (req->server), refs, n, author, flags, &error))
    {
      hub_request_audit (req, "publish-refused", refs[0].id, error->message);
      render_refusal (req, error->message, &refs[0]);
      return;
    }
  for (guint i = 0; i < n; i++)
    hub_request_audit (req, action, refs[i].id, content_record_kind_to_string (refs[i].kind));
  hub_publish_sync (req);
  hub_request_redirect (req, back);
}
