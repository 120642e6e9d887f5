/* hub-topics.c: the topic pages: the tree, and an editor for a topic's names, place and code.
 *
 * Topics are the kiosk's menus and the SMS topic codes, so an edit follows the items' path:
 * a draft beside the live topic, checked by the importer (SMS codes are one namespace across
 * items and topics, a parent must exist and the tree must stay a tree), published by a
 * publisher. A topic's names are shown for every language at once: they are short, and an
 * officer sees which languages still lack one.
 */
#include "hub-pages.h"
#include "hub-draft.h"
#include "hub-item-form.h"
#include "hub-layout.h"
#include "hub-publish.h"

#include "content-drafts.h"
#include "content-error.h"
#include "content-language.h"
#include "content-topic.h"

#include <glib/gi18n.h>

/* The fields shown beside their inputs; problems about anything else are listed above. */
static const char *const shown_fields[] = { "id", "names", "parent", "icon", "sms_code", NULL };

static guint
depth_of (GHashTable *parents, const char *id)
{
  guint depth = 0;

  for (const char *at = g_hash_table_lookup (parents, id); at != NULL && depth < 16; at = g_hash_table_lookup (parents, at))
    depth++;
  return depth;
}

/* TRUE when topic @id has a draft waiting. */
static gboolean
has_draft (GArray *drafts, const char *id)
{
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      ContentRef *ref = &g_array_index (drafts, ContentRef, i);
      if (ref->kind == CONTENT_RECORD_TOPIC && g_str_equal (ref->id, id))
        return TRUE;
    }
  return FALSE;
}

static void
render_row (HubHtml *html, ContentStore *store, const ContentTopic *topic, guint depth, gboolean draft)
{
  g_autoptr(GPtrArray) items = content_store_list_topic_items (store, topic->id, NULL);

  hub_html_add (html, "<tr><td class=\"depth-%d\"><a href=\"/topics/%s\">%s</a>", (int) MIN (depth, 6), topic->id,
                content_topic_get_name (topic, "vi", NULL));
  if (draft)
    hub_html_add (html, " <span class=\"status draft\">%s</span>", _("draft waiting"));
  hub_html_add (html, "</td><td lang=\"en\">%s</td><td><code>%s</code></td><td>%d</td><td><a href=\"/items?topic=%s\">%s</a></td></tr>",
                g_hash_table_lookup (topic->names, "en"), topic->sms_code, items != NULL ? (int) items->len : 0,
                topic->id, _("items"));
}

/* Drafts of topics that are not live yet, so a new topic can be found before it is published. */
static void
render_new_drafts (HubHtml *html, ContentStore *store, GArray *drafts)
{
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      ContentRef *ref = &g_array_index (drafts, ContentRef, i);
      g_autoptr(GError) error = NULL;

      if (ref->kind != CONTENT_RECORD_TOPIC || content_store_has_topic (store, ref->id, &error))
        continue;
      /* Not shown as new when the database could not say: the log says why. */
      if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
        {
          g_warning ("%s", error->message);
          continue;
        }
      hub_html_add (html, "<tr><td><a href=\"/topics/%s\">%s</a> <span class=\"status draft\">%s</span></td>"
                          "<td></td><td></td><td>0</td><td></td></tr>",
                    ref->id, ref->id, _("new, not yet published"));
    }
}

static void
get_topics (HubRequest *req)
{
  ContentStore *store = hub_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, &error);
  g_autoptr(GArray) drafts = NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(HubHtml) body = hub_html_new ();

  if (topics == NULL)
    {
      hub_request_failure (req, _("Topics"), error);
      return;
    }
  drafts = content_store_list_drafts (store, NULL);
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (topics, i);
      if (t->parent_id != NULL)
        g_hash_table_insert (parents, t->id, t->parent_id);
    }
  hub_html_add (body, "<p class=\"actions\"><a class=\"button\" href=\"/topics/new\">+ %s</a></p>"
                      "<table class=\"list topics\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
                _("New topic"), _("Name (Vietnamese)"), _("Name (English)"), _("SMS code"), _("Items"));
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (topics, i);
      render_row (body, store, t, depth_of (parents, t->id), has_draft (drafts, t->id));
    }
  render_new_drafts (body, store, drafts);
  hub_html_add (body, "</tbody></table>");
  hub_request_page (req, SOUP_STATUS_OK, _("Topics"), body);
}

/* A menu of the topics @record may hang under: every topic but itself. */
static void
render_parent (HubHtml *html, ContentStore *store, JsonObject *record, GHashTable *problems)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  const char *id = json_object_get_string_member_with_default (record, "id", "");
  const char *parent = json_object_get_string_member_with_default (record, "parent", NULL);

  hub_html_add (html, "<div class=\"field\"><label for=\"parent\">%s</label><select name=\"parent\" id=\"parent\">"
                      "<option value=\"\">%s</option>",
                _("Parent topic"), _("none: a section of its own"));
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (topics, i);
      if (g_str_equal (t->id, id))
        continue;
      hub_html_add (html, g_strcmp0 (t->id, parent) == 0 ? "<option selected value=\"%s\">%s</option>" : "<option value=\"%s\">%s</option>",
                    t->id, content_topic_get_name (t, "vi", NULL));
    }
  hub_html_add (html, "</select>");
  hub_draft_render_field_problems (html, problems, "parent");
  hub_html_add (html, "</div>");
}

/* One input per language of the registry, Vietnamese first. */
static void
render_names (HubHtml *html, JsonObject *record, GHashTable *problems)
{
  const GPtrArray *langs = content_language_list ();
  JsonObject *names = json_object_has_member (record, "names") ? json_object_get_object_member (record, "names") : NULL;

  hub_html_add (html, "<fieldset class=\"field\"><legend>%s</legend><div class=\"side-by-side\">", _("Names"));
  for (guint i = 0; i < langs->len; i++)
    {
      const ContentLanguage *l = g_ptr_array_index (langs, i);
      g_autofree char *path = g_strdup_printf ("names.%s", l->code);
      hub_html_add (html, "<div class=\"field\" lang=\"%s\"><label for=\"%s\">%s <span class=\"lang-tag\">%s</span></label>"
                          "<input name=\"%s\" id=\"%s\" value=\"%s\"%s>",
                    l->code, path, l->native_name, l->code, path, path,
                    names != NULL ? json_object_get_string_member_with_default (names, l->code, "") : "",
                    g_str_equal (l->code, "vi") ? " required" : "");
      hub_draft_render_field_problems (html, problems, path);
      hub_html_add (html, "</div>");
    }
  hub_html_add (html, "</div>");
  hub_draft_render_field_problems (html, problems, "names");
  hub_html_add (html, "</fieldset>");
}

static void
render_editor (HubRequest *req, guint status, JsonObject *record, gboolean is_draft, gboolean is_new,
               GHashTable *problems, const char *notice)
{
  g_autoptr(HubHtml) body = hub_html_new ();
  const char *id = json_object_get_string_member_with_default (record, "id", "");
  g_autofree char *action = is_new ? g_strdup ("/topics/new") : g_strdup_printf ("/topics/%s", id);
  JsonObject *names = json_object_has_member (record, "names") ? json_object_get_object_member (record, "names") : NULL;
  const char *title = names != NULL ? json_object_get_string_member_with_default (names, "vi", NULL) : NULL;

  if (notice != NULL)
    hub_html_add (body, "<p class=\"notice\" role=\"status\">%s</p>", notice);
  if (!is_new)
    hub_html_add (body, "<p class=\"meta\"><code>%s</code> · %s</p>", id,
                  is_draft ? _("you are editing a draft; villagers see the published version until it is published")
                           : _("published"));
  hub_draft_render_other_problems (body, problems, shown_fields);
  hub_layout_form (body, req, action, "editor");
  if (is_new)
    {
      hub_html_add (body, "<div class=\"field\"><label for=\"id\">%s</label>"
                          "<input name=\"id\" id=\"id\" required pattern=\"[a-z][a-z0-9-]{1,79}\" value=\"%s\"><small>%s</small>",
                    _("Id (never changes)"), id, _("lower-case letters, digits and hyphens, e.g. law-family"));
      hub_draft_render_field_problems (body, problems, "id");
      hub_html_add (body, "</div>");
    }
  render_names (body, record, problems);
  render_parent (body, hub_server_get_store (req->server), record, problems);
  hub_html_add (body, "<div class=\"field\"><label for=\"sms_code\">%s</label>"
                      "<input name=\"sms_code\" id=\"sms_code\" required value=\"%s\"><small>%s</small>",
                _("SMS code"), json_object_get_string_member_with_default (record, "sms_code", ""),
                _("2–16 capital letters and digits, not used by any item or other topic"));
  hub_draft_render_field_problems (body, problems, "sms_code");
  hub_html_add (body, "</div><div class=\"field\"><label for=\"icon\">%s</label><input name=\"icon\" id=\"icon\" value=\"%s\">",
                _("Icon name"), json_object_get_string_member_with_default (record, "icon", ""));
  hub_draft_render_field_problems (body, problems, "icon");
  hub_html_add (body, "</div><p class=\"actions\"><button type=\"submit\">%s</button></p></form>", _("Save draft"));
  if (!is_new)
    hub_layout_record_actions (body, req, &(ContentRef) { CONTENT_RECORD_TOPIC, (char *) id }, is_draft);
  hub_request_page (req, status, title != NULL && *title != '\0' ? title : is_new ? _("New topic") : id, body);
}

/* Topic @id to edit (its draft, else the live topic); NULL with the page answered when none. */
static JsonNode *
editable (HubRequest *req, const char *id, gboolean *is_draft)
{
  ContentRef ref = { CONTENT_RECORD_TOPIC, (char *) id };
  g_autoptr(GError) error = NULL;
  JsonNode *record = content_store_get_editable (hub_server_get_store (req->server), &ref, is_draft, &error);

  if (record == NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no topic with this id."));
  else if (record == NULL)
    hub_request_failure (req, _("Topics"), error);
  return record;
}

/* Sets string member @name of @obj from the form, removing it when left empty. */
static void
read_string (HubRequest *req, JsonObject *obj, const char *name, const char *field)
{
  g_autofree char *value = g_strstrip (g_strdup (hub_request_field (req, field) ?: ""));

  if (*value != '\0')
    json_object_set_string_member (obj, name, value);
  else
    json_object_remove_member (obj, name);
}

/* Writes the posted names, parent, code and icon onto @record (the pictogram is kept). */
static void
read_form (HubRequest *req, JsonObject *record)
{
  const GPtrArray *langs = content_language_list ();
  JsonObject *names = json_object_new ();
  const char *parent = hub_request_field (req, "parent");

  for (guint i = 0; i < langs->len; i++)
    {
      const char *code = ((const ContentLanguage *) g_ptr_array_index (langs, i))->code;
      g_autofree char *path = g_strdup_printf ("names.%s", code);
      read_string (req, names, code, path);
    }
  json_object_set_object_member (record, "names", names);
  if (parent != NULL && *parent != '\0')
    json_object_set_string_member (record, "parent", parent);
  else
    json_object_set_null_member (record, "parent");
  read_string (req, record, "sms_code", "sms_code");
  read_string (req, record, "icon", "icon");
}

static void
get_topic (HubRequest *req)
{
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = editable (req, req->args[0], &is_draft);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  if (record != NULL)
    render_editor (req, SOUP_STATUS_OK, json_node_get_object (record), is_draft, FALSE, problems,
                   hub_request_query (req, "saved") != NULL ? _("Saved as a draft.") : NULL);
}

/* Saves @record as @id's draft and goes back to its page, or shows the form again with why not. */
static void
save (HubRequest *req, const char *id, JsonNode *record, gboolean is_new, GHashTable *problems)
{
  ContentRef ref = { CONTENT_RECORD_TOPIC, (char *) id };
  g_autofree char *to = g_strdup_printf ("/topics/%s?saved=1", id);

  if (g_hash_table_size (problems) == 0 && hub_draft_save (req, &ref, record, problems))
    {
      hub_request_redirect (req, to);
      return;
    }
  render_editor (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, json_node_get_object (record), TRUE, is_new, problems,
                 _("Nothing was saved: correct the fields marked below."));
}

static void
post_topic (HubRequest *req)
{
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = editable (req, req->args[0], &is_draft);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  if (record == NULL)
    return;
  read_form (req, json_node_get_object (record));
  save (req, req->args[0], record, FALSE, problems);
}

static JsonNode *
new_record (const char *id)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", id);
  json_object_set_null_member (obj, "parent");
  json_object_set_object_member (obj, "names", json_object_new ());
  return json_node_init_object (json_node_alloc (), obj);
}

static void
get_new_topic (HubRequest *req)
{
  g_autoptr(JsonNode) record = new_record ("");
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  render_editor (req, SOUP_STATUS_OK, json_node_get_object (record), TRUE, TRUE, problems, NULL);
}

static void
post_new_topic (HubRequest *req)
{
  const char *id = hub_request_field (req, "id");
  ContentStore *store = hub_server_get_store (req->server);
  g_autoptr(JsonNode) record = new_record (id != NULL ? id : "");
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  ContentRef ref = { CONTENT_RECORD_TOPIC, (char *) id };
  g_autoptr(JsonNode) draft = id != NULL ? content_store_get_draft (store, &ref, NULL) : NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    {
      hub_request_message (req, SOUP_STATUS_BAD_REQUEST, _("New topic"), _("The form was incomplete."));
      return;
    }
  read_form (req, json_node_get_object (record));
  if (content_store_has_topic (store, id, &error) || draft != NULL)
    hub_draft_add_problem (problems, "id", _("a topic with this id exists: choose another"));
  else if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      hub_request_failure (req, _("New topic"), error);
      return;
    }
  save (req, id, record, TRUE, problems);
}

static void
post_publish (HubRequest *req)
{
  ContentRef ref = { CONTENT_RECORD_TOPIC, req->args[0] };

  hub_publish_refs (req, &ref, 1, CONTENT_PUBLISH_DEFAULT);
}

void
hub_topics_register (HubServer *server)
{
  hub_server_route (server, "GET", "/topics", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_topics);
  hub_server_route (server, "GET", "/topics/new", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_new_topic);
  hub_server_route (server, "POST", "/topics/new", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_new_topic);
  hub_server_route (server, "GET", "/topics/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_topic);
  hub_server_route (server, "POST", "/topics/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_topic);
  hub_server_route (server, "POST", "/topics/*/publish", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_publish);
}
