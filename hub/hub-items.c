/* hub-items.c: the item pages: the list, the editor, drafts, publishing, history and revert.
 *
 * Editing never touches what villagers see: a save is a draft beside the live item, checked by
 * the importer exactly as a file would be, and a publisher publishes it. Each action is a
 * revision in content.db (author: the account's opaque id) and a line in hub.db's audit log.
 */
#include "hub-pages.h"
#include "hub-body.h"
#include "hub-draft.h"
#include "hub-item-form.h"
#include "hub-layout.h"
#include "hub-publish.h"

#include "content-diff.h"
#include "content-drafts.h"
#include "content-error.h"
#include "content-language.h"
#include "content-listing.h"

#include <glib/gi18n.h>

static const char *const kinds[] = { "law", "guide", "benefit", "product", "place", "notice", NULL };

static const char *
kind_label (const char *kind)
{
  static const char *const labels[] = { N_("Law"), N_("Guide"), N_("Benefit"), N_("OCOP product"), N_("Place to visit"), N_("Notice") };

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return _(labels[i]);
  return kind;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "published") == 0)
    return _("published");
  if (g_strcmp0 (status, "archived") == 0)
    return _("archived");
  return _("draft");
}

/* The translation shown beside Vietnamese: ?lang=, else English. */
static const char *
other_lang (HubRequest *req)
{
  const char *lang = hub_request_query (req, "lang") ?: hub_request_field (req, "lang");

  return lang != NULL && content_language_lookup (lang) != NULL && !g_str_equal (lang, "vi") ? lang : "en";
}

/* A menu of @values, each shown as @value_label gives it (NULL: as it is). */
static void
add_select (HubHtml *html, const char *name, const char *label, const char *const *values,
            const char *(*value_label) (const char *value), const char *chosen)
{
  hub_html_add (html, "<label>%s<select name=\"%s\"><option value=\"\">%s</option>", label, name, _("all"));
  for (guint i = 0; values[i] != NULL; i++)
    hub_html_add (html, g_strcmp0 (values[i], chosen) == 0 ? "<option selected value=\"%s\">%s</option>"
                                                             : "<option value=\"%s\">%s</option>",
                  values[i], value_label != NULL ? value_label (values[i]) : values[i]);
  hub_html_add (html, "</select></label>");
}

static char **
language_codes (void)
{
  const GPtrArray *langs = content_language_list ();
  char **codes = g_new0 (char *, langs->len + 1);

  for (guint i = 0; i < langs->len; i++)
    codes[i] = g_strdup (((const ContentLanguage *) g_ptr_array_index (langs, i))->code);
  return codes;
}

static void
render_filters (HubHtml *html, const ContentListingFilter *f)
{
  static const char *const statuses[] = { "published", "draft", "archived", NULL };
  g_auto(GStrv) langs = language_codes ();

  hub_html_add (html, "<form method=\"get\" action=\"/items\" class=\"filters\">"
                      "<label>%s<input type=\"search\" name=\"q\" value=\"%s\"></label>",
                _("Search"), f->query);
  add_select (html, "kind", _("Kind"), kinds, kind_label, f->kind);
  add_select (html, "status", _("Status"), statuses, status_label, f->status);
  add_select (html, "missing", _("No text in"), (const char *const *) langs, NULL, f->missing_lang);
  add_select (html, "review", _("Needs review in"), (const char *const *) langs, NULL, f->review_lang);
  hub_html_add (html, "<input type=\"hidden\" name=\"topic\" value=\"%s\"><button type=\"submit\">%s</button></form>",
                f->topic, _("Show"));
}

static void
render_entry (HubHtml *html, const ContentListingEntry *e)
{
  g_autofree char *langs = g_strjoinv (" ", e->langs);

  hub_html_add (html, "<tr><td><a href=\"/items/%s\">%s</a></td><td>%s</td><td><span class=\"status %s\">%s</span>",
                e->id, e->title, kind_label (e->kind), e->status, status_label (e->status));
  if (e->has_draft && !g_str_equal (e->status, "draft"))
    hub_html_add (html, " <span class=\"status draft\">%s</span>", _("draft waiting"));
  hub_html_add (html, "</td><td>%s", langs);
  for (guint i = 0; e->review_langs[i] != NULL; i++)
    hub_html_add (html, " <span class=\"needs-review\" title=\"%s\">%s ⚠</span>", _("needs review"), e->review_langs[i]);
  hub_html_add (html, "</td></tr>");
}

static void
get_items (HubRequest *req)
{
  ContentListingFilter f = {
    .kind = hub_request_query (req, "kind"), .topic = hub_request_query (req, "topic"),
    .status = hub_request_query (req, "status"), .query = hub_request_query (req, "q"),
    .missing_lang = hub_request_query (req, "missing"), .review_lang = hub_request_query (req, "review"),
  };
  const char *page_text = hub_request_query (req, "page");
  guint page = page_text != NULL ? (guint) MIN (g_ascii_strtoull (page_text, NULL, 10), 100000) : 0;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more;

  /* Empty filter fields mean "all". */
  f.kind = f.kind != NULL && *f.kind != '\0' ? f.kind : NULL;
  f.topic = f.topic != NULL && *f.topic != '\0' ? f.topic : NULL;
  f.status = f.status != NULL && *f.status != '\0' ? f.status : NULL;
  f.missing_lang = f.missing_lang != NULL && *f.missing_lang != '\0' ? f.missing_lang : NULL;
  f.review_lang = f.review_lang != NULL && *f.review_lang != '\0' ? f.review_lang : NULL;
  f.offset = page * 50;
  entries = content_store_list_entries (hub_server_get_store (req->server), &f, &more, &error);
  if (entries == NULL)
    {
      hub_request_failure (req, _("Items"), error);
      return;
    }
  hub_html_add (body, "<p class=\"actions\">");
  for (guint i = 0; kinds[i] != NULL; i++)
    hub_html_add (body, "<a class=\"button\" href=\"/items/new?kind=%s\">+ %s</a>", kinds[i], kind_label (kinds[i]));
  hub_html_add (body, "</p>");
  render_filters (body, &f);
  if (entries->len == 0)
    hub_html_add (body, "<p>%s</p>", _("No item matches."));
  hub_html_add (body, "<p class=\"meta\">%s</p><table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                f.query != NULL && *f.query != '\0' ? _("Best matches first.") : _("Drafts never published first, then the newest change first."),
                _("Title"), _("Kind"), _("Status"), _("Languages"));
  for (guint i = 0; i < entries->len; i++)
    render_entry (body, g_ptr_array_index (entries, i));
  hub_html_add (body, "</tbody></table>");
  if (more)
    {
      g_autofree char *q = g_uri_escape_string (f.query ?: "", NULL, FALSE);
      g_autofree char *next = g_strdup_printf ("/items?page=%u&q=%s&kind=%s&status=%s&topic=%s&missing=%s&review=%s",
                                               page + 1, q, f.kind ?: "", f.status ?: "", f.topic ?: "",
                                               f.missing_lang ?: "", f.review_lang ?: "");
      hub_html_add (body, "<p><a href=\"%s\">%s →</a></p>", next, _("Next page"));
    }
  hub_request_page (req, SOUP_STATUS_OK, _("Items"), body);
}

/* The item's record to edit and whether it is a draft; NULL (and the page answered) when the
 * item does not exist or the store failed. */
static JsonNode *
editable (HubRequest *req, const char *id, gboolean *is_draft)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) id };
  g_autoptr(GError) error = NULL;
  JsonNode *record = content_store_get_editable (hub_server_get_store (req->server), &ref, is_draft, &error);

  if (record == NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no item with this id."));
  else if (record == NULL)
    hub_request_failure (req, _("Items"), error);
  return record;
}

static void
render_translation_state (HubHtml *html, HubRequest *req, const char *id, const char *lang)
{
  g_autoptr(GPtrArray) states = content_store_list_translation_states (hub_server_get_store (req->server), id, NULL);
  g_autofree char *action = g_strdup_printf ("/items/%s/confirm?lang=%s", id, lang);

  for (guint i = 0; states != NULL && i < states->len; i++)
    {
      ContentTranslationState *s = g_ptr_array_index (states, i);
      if (!g_str_equal (s->lang, lang) || !s->needs_review)
        continue;
      hub_html_add (html, "<div class=\"needs-review\" role=\"status\"><p>%s</p>",
                    _("The Vietnamese text changed after this translation was made: it needs review. "
                      "Compare the two, correct the translation, then confirm it."));
      hub_layout_form (html, req, action, "inline");
      hub_html_add (html, "<input type=\"hidden\" name=\"lang\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
                    lang, _("Confirm the translation"));
    }
}

static void
render_lang_switch (HubHtml *html, const char *id, const char *lang)
{
  const GPtrArray *langs = content_language_list ();

  hub_html_add (html, "<nav class=\"langs\">%s ", _("Translation shown beside Vietnamese:"));
  for (guint i = 0; i < langs->len; i++)
    {
      const ContentLanguage *l = g_ptr_array_index (langs, i);
      if (g_str_equal (l->code, "vi"))
        continue;
      hub_html_add (html, g_str_equal (l->code, lang) ? "<strong>%s</strong> " : "<a href=\"/items/%s?lang=%s\">%s</a> ",
                    g_str_equal (l->code, lang) ? l->native_name : id, l->code, l->native_name);
    }
  hub_html_add (html, "</nav>");
}

/* Each shown language's body as the kiosk will draw it, for a posted action=preview. */
static void
render_preview (HubHtml *html, HubRequest *req, JsonObject *texts, const char *lang)
{
  const char *langs[] = { "vi", lang, NULL };

  hub_html_add (html, "<section class=\"side-by-side\" aria-label=\"%s\">", _("Preview"));
  for (guint i = 0; langs[i] != NULL; i++)
    {
      JsonObject *text = texts != NULL && json_object_has_member (texts, langs[i]) ? json_object_get_object_member (texts, langs[i]) : NULL;
      g_autoptr(HubHtml) rendered = hub_html_new ();

      if (text == NULL)
        continue;
      hub_body_render (rendered, hub_server_get_store (req->server),
                       json_object_get_string_member_with_default (text, "body", NULL));
      hub_html_add (html, "<div class=\"preview\" lang=\"%s\"><span class=\"lang-tag\">%s</span>%h</div>",
                    langs[i], langs[i], rendered);
    }
  hub_html_add (html, "</section>");
}

/* The editor: the form, and what may be done to the item. */
static void
render_editor (HubRequest *req, guint status, const char *id, JsonObject *record, gboolean is_draft, gboolean is_new,
               GHashTable *problems, const char *notice)
{
  g_autoptr(HubHtml) body = hub_html_new ();
  const char *lang = other_lang (req);
  const char *title = NULL;
  g_autofree char *action = is_new ? g_strdup ("/items/new") : g_strdup_printf ("/items/%s?lang=%s", id, lang);
  g_autofree char *page_title = NULL;
  JsonObject *texts = json_object_has_member (record, "texts") ? json_object_get_object_member (record, "texts") : NULL;

  if (texts != NULL && json_object_has_member (texts, "vi"))
    title = json_object_get_string_member_with_default (json_object_get_object_member (texts, "vi"), "title", NULL);
  page_title = g_strdup (title != NULL && *title != '\0' ? title : is_new ? _("New item") : id);
  /* A refused save is said as a problem, not in the colour of success. */
  if (notice != NULL && g_hash_table_size (problems) > 0)
    hub_html_add (body, "<p class=\"problem\" role=\"alert\">%s</p>", notice);
  else if (notice != NULL)
    hub_html_add (body, "<p class=\"notice\" role=\"status\">%s</p>", notice);
  if (g_strcmp0 (hub_request_field (req, "action"), "preview") == 0)
    render_preview (body, req, texts, lang);
  hub_html_add (body, "<p class=\"meta\">%s · <code>%s</code> · %s</p>",
                kind_label (json_object_get_string_member_with_default (record, "kind", "")), is_new ? "" : id,
                is_draft ? _("you are editing a draft; villagers see the published version until it is published")
                         : status_label (json_object_get_string_member_with_default (record, "status", "")));
  if (!is_new)
    {
      g_autofree char *history = g_strdup_printf ("/items/%s/history", id);
      g_autofree char *media = g_strdup_printf ("/items/%s/media", id);
      JsonArray *list = json_object_has_member (record, "media") ? json_object_get_array_member (record, "media") : NULL;
      hub_html_add (body, "<p class=\"actions\"><a href=\"%s\">%s</a><a href=\"%s\">%s (%d)</a></p>", history, _("History"),
                    media, _("Pictures and recordings"), list != NULL ? (int) json_array_get_length (list) : 0);
      render_lang_switch (body, id, lang);
      render_translation_state (body, req, id, lang);
    }
  hub_item_form_render_general (body, problems);
  hub_layout_form (body, req, action, "editor");
  hub_html_add (body, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", lang);
  if (is_new)
    {
      hub_html_add (body, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><div class=\"field\"><label for=\"id\">%s</label>"
                          "<input name=\"id\" id=\"id\" required pattern=\"[a-z][a-z0-9-]{1,79}\" value=\"%s\">"
                          "<small>%s</small></div>",
                    json_object_get_string_member_with_default (record, "kind", ""), _("Id (never changes)"),
                    json_object_get_string_member_with_default (record, "id", ""),
                    _("lower-case letters, digits and hyphens, e.g. law-dat-dai-2024"));
    }
  hub_item_form_render (body, hub_server_get_store (req->server), record, lang, problems);
  hub_html_add (body, "<p class=\"actions sticky\"><button type=\"submit\" name=\"action\" value=\"save\">%s</button>"
                      "<button type=\"submit\" name=\"action\" value=\"preview\" class=\"secondary\">%s</button></p></form>",
                _("Save draft"), _("Preview"));
  if (!is_new && hub_account_can (req->account, HUB_ROLE_PUBLISHER))
    {
      g_autofree char *publish = g_strdup_printf ("/items/%s/publish", id);
      g_autofree char *archive = g_strdup_printf ("/items/%s/archive", id);
      gboolean corrects = FALSE;

      hub_html_add (body, "<div class=\"actions\">");
      /* A page is still worth showing when this cannot be read: publishing then says why. */
      if (is_draft && content_store_may_mark_important (hub_server_get_store (req->server), id, &corrects, NULL)
          && corrects)
        {
          hub_layout_form (body, req, publish, "inline");
          hub_html_add (body, "<label class=\"check\"><input type=\"checkbox\" name=\"important\" value=\"1\"> %s</label>"
                              "<button type=\"submit\" class=\"primary\">%s</button></form>",
                        _("Important: tell followers by SMS"), _("Publish"));
        }
      else if (is_draft)
        hub_layout_button (body, req, publish, _("Publish"), "primary");
      if (g_strcmp0 (json_object_get_string_member_with_default (record, "status", ""), "published") == 0)
        hub_layout_button (body, req, archive, _("Archive"), "danger");
      hub_html_add (body, "</div>");
    }
  hub_request_page (req, status, page_title, body);
}

static void
get_item (HubRequest *req)
{
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = editable (req, req->args[0], &is_draft);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  if (record != NULL)
    render_editor (req, SOUP_STATUS_OK, req->args[0], json_node_get_object (record), is_draft, FALSE, problems,
                   hub_request_query (req, "saved") != NULL ? _("Saved as a draft.") : NULL);
}

/* Saves @record as a draft through the importer; problems are filed by field. */
static gboolean
save_draft (HubRequest *req, const char *id, JsonNode *record, GHashTable *problems)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) id };

  return hub_draft_save (req, &ref, record, problems);
}

static void
post_item (HubRequest *req)
{
  const char *id = req->args[0];
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = editable (req, id, &is_draft);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  g_autofree char *saved = NULL;

  if (record == NULL)
    return;
  hub_item_form_read (req, json_node_get_object (record), other_lang (req), problems);
  if (g_strcmp0 (hub_request_field (req, "action"), "preview") == 0)
    {
      render_editor (req, SOUP_STATUS_OK, id, json_node_get_object (record), is_draft, FALSE, problems,
                     _("Preview: nothing is saved yet."));
      return;
    }
  if (g_hash_table_size (problems) > 0 || !save_draft (req, id, record, problems))
    {
      render_editor (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, id, json_node_get_object (record), is_draft, FALSE, problems,
                     _("Nothing was saved: correct the fields marked below."));
      return;
    }
  saved = g_strdup_printf ("/items/%s?lang=%s&saved=1", id, other_lang (req));
  hub_request_redirect (req, saved);
}

static JsonNode *
new_record (const char *kind, const char *id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JsonObject *obj = json_object_new ();
  JsonObject *texts = json_object_new ();

  json_object_set_string_member (obj, "id", id != NULL ? id : "");
  json_object_set_string_member (obj, "kind", kind);
  json_object_set_string_member (obj, "status", "published");
  json_object_set_array_member (obj, "topics", json_array_new ());
  json_object_set_string_member (obj, "reviewed_on", today);
  json_object_set_array_member (obj, "sources", json_array_new ());
  json_object_set_object_member (obj, kind, json_object_new ());
  json_object_set_object_member (texts, "vi", json_object_new ());
  json_object_set_object_member (obj, "texts", texts);
  return json_node_init_object (json_node_alloc (), obj);
}

static gboolean
known_kind (const char *kind)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}

static void
get_new_item (HubRequest *req)
{
  const char *kind = hub_request_query (req, "kind");
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  if (!known_kind (kind))
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such kind of item."));
      return;
    }
  record = new_record (kind, NULL);
  json_object_set_string_member (json_node_get_object (record), "reviewed_by", req->account->name);
  render_editor (req, SOUP_STATUS_OK, NULL, json_node_get_object (record), TRUE, TRUE, problems, NULL);
}

static void
post_new_item (HubRequest *req)
{
  const char *kind = hub_request_field (req, "kind");
  const char *id = hub_request_field (req, "id");
  g_autoptr(JsonNode) record = NULL, existing = NULL;
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) id };
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;

  if (!known_kind (kind) || id == NULL)
    {
      hub_request_message (req, SOUP_STATUS_BAD_REQUEST, _("New item"), _("The form was incomplete."));
      return;
    }
  record = new_record (kind, id);
  hub_item_form_read (req, json_node_get_object (record), other_lang (req), problems);
  existing = content_store_get_draft (hub_server_get_store (req->server), &ref, NULL);
  if (content_store_has_item (hub_server_get_store (req->server), id, &error) || existing != NULL)
    {
      GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (list, g_strdup (_("an item with this id exists: choose another")));
      g_hash_table_insert (problems, g_strdup ("id"), list);
    }
  else if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      hub_request_failure (req, _("New item"), error);
      return;
    }
  if (g_strcmp0 (hub_request_field (req, "action"), "preview") == 0
      || g_hash_table_size (problems) > 0 || !save_draft (req, id, record, problems))
    {
      render_editor (req, g_hash_table_size (problems) > 0 ? SOUP_STATUS_UNPROCESSABLE_ENTITY : SOUP_STATUS_OK,
                     NULL, json_node_get_object (record), TRUE, TRUE, problems,
                     g_hash_table_size (problems) > 0 ? _("Nothing was saved: correct the fields marked below.")
                                                      : _("Preview: nothing is saved yet."));
      return;
    }
  to = g_strdup_printf ("/items/%s?saved=1", id);
  hub_request_redirect (req, to);
}

/* A publisher may mark a publication important (the SMS responder then tells the followers
 * of its topic) only where that says something (content_store_may_mark_important()); the
 * refusal is said here in the officer's language, and logged like every refused publication. */
static void
post_publish (HubRequest *req)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, req->args[0] };
  gboolean important = g_strcmp0 (hub_request_field (req, "important"), "1") == 0;
  gboolean corrects = FALSE;
  g_autoptr(GError) error = NULL;

  if (important && !content_store_may_mark_important (hub_server_get_store (req->server), req->args[0],
                                                      &corrects, &error))
    {
      hub_request_failure (req, _("Nothing was published"), error);
      return;
    }
  if (important && !corrects)
    {
      hub_request_audit (req, "publish-refused", req->args[0],
                         "only a correction of a published notice, law or benefit can be marked important");
      hub_request_message (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("Nothing was published"),
                           _("Only a correction of a published notice, law or benefit can be marked important."));
      return;
    }
  hub_publish_refs (req, &ref, 1, important ? CONTENT_PUBLISH_IMPORTANT : CONTENT_PUBLISH_DEFAULT);
}

static void
post_archive (HubRequest *req)
{
  g_autofree char *author = hub_request_author (req);
  g_autofree char *back = g_strdup_printf ("/items/%s", req->args[0]);
  g_autoptr(GError) error = NULL;

  if (!content_store_archive (hub_server_get_store (req->server), req->args[0], author, &error))
    {
      hub_request_message (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("Not archived"), error->message);
      return;
    }
  hub_request_audit (req, "archive", req->args[0], NULL);
  hub_publish_sync (req);
  hub_request_redirect (req, back);
}

static void
post_confirm (HubRequest *req)
{
  const char *lang = other_lang (req);
  g_autofree char *back = g_strdup_printf ("/items/%s?lang=%s", req->args[0], lang);
  g_autoptr(GError) error = NULL;

  if (!content_store_confirm_translation (hub_server_get_store (req->server), req->args[0], lang, &error))
    {
      hub_request_message (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("Not confirmed"), error->message);
      return;
    }
  hub_request_audit (req, "confirm-translation", req->args[0], lang);
  hub_request_redirect (req, back);
}

void
hub_items_register (HubServer *server)
{
  hub_server_route (server, "GET", "/items", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_items);
  hub_server_route (server, "GET", "/items/new", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_new_item);
  hub_server_route (server, "POST", "/items/new", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_new_item);
  hub_server_route (server, "GET", "/items/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_item);
  hub_server_route (server, "POST", "/items/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_item);
  hub_server_route (server, "POST", "/items/*/publish", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_publish);
  hub_server_route (server, "POST", "/items/*/archive", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_archive);
  hub_server_route (server, "POST", "/items/*/confirm", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_confirm);
}
