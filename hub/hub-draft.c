/* hub-draft.c: saving an edited record as a draft, and showing why it was not saved.
 *
 * Every editor (items, topics, rule parts) saves the same way: the record goes through the
 * importer exactly as a file would, as a draft beside the live record, so the hub never judges
 * content by rules of its own. The importer's problems name field paths; pages show them
 * beside the inputs of those paths, and the rest in one list, so nothing refused goes unsaid.
 */
#include "hub-draft.h"
#include "hub-item-form.h"
#include "hub-server.h"

#include "content-error.h"
#include "content-importer.h"


gboolean
hub_draft_save (HubRequest *req, const ContentRef *ref, JsonNode *record, GHashTable *problems)
{
  return hub_draft_save_with_media (req, ref, record, NULL, problems);
}

gboolean
hub_draft_save_with_media (HubRequest *req, const ContentRef *ref, JsonNode *record, ContentMedia *blob,
                           GHashTable *problems)
{
  g_autoptr(ContentImporter) importer = content_importer_new (hub_server_get_store (req->server));
  g_autofree char *author = hub_request_author (req);
  ContentChange change = { author, TRUE };
  const char *what = content_record_kind_to_string (ref->kind);
  g_autoptr(GError) error = NULL;

  content_importer_set_change (importer, &change);
  content_importer_add_record (importer, ref, record, "form");
  if (blob != NULL)
    content_importer_add_media (importer, blob);
  if (content_importer_commit (importer, NULL, NULL, &error))
    {
      hub_request_audit (req, "save", ref->id, ref->kind == CONTENT_RECORD_ITEM ? NULL : what);
      return TRUE;
    }
  if (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT))
    hub_item_form_file_problems (problems, error->message, what, ref->id);
  else
    hub_item_form_file_problems (problems, error->message, "", "");
  return FALSE;
}

void
hub_draft_add_problem (GHashTable *problems, const char *path, const char *reason)
{
  GPtrArray *list = g_hash_table_lookup (problems, path);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (problems, g_strdup (path), list);
    }
  g_ptr_array_add (list, g_strdup (reason));
}

void
hub_draft_render_field_problems (HubHtml *html, GHashTable *problems, const char *path)
{
  GPtrArray *list = g_hash_table_lookup (problems, path);

  for (guint i = 0; list != NULL && i < list->len; i++)
    hub_html_add (html, "<span class=\"field-problem\" role=\"alert\">%s</span>", (const char *) g_ptr_array_index (list, i));
}

void
hub_draft_render_other_problems (HubHtml *html, GHashTable *problems, const char *const *shown)
{
  g_autoptr(GList) paths = g_list_sort (g_hash_table_get_keys (problems), (GCompareFunc) g_strcmp0);
  gboolean any = FALSE;

  for (GList *l = paths; l != NULL; l = l->next)
    {
      GPtrArray *list = g_hash_table_lookup (problems, l->data);
      if (g_strv_contains (shown, l->data))
        continue;
      if (!any)
        hub_html_add (html, "<div class=\"problem\" role=\"alert\"><ul>");
      any = TRUE;
      for (guint i = 0; i < list->len; i++)
        if (*(const char *) l->data != '\0')
          hub_html_add (html, "<li><code>%s</code>: %s</li>", (const char *) l->data, (const char *) g_ptr_array_index (list, i));
        else
          hub_html_add (html, "<li>%s</li>", (const char *) g_ptr_array_index (list, i));
    }
  if (any)
    hub_html_add (html, "</ul></div>");
}
