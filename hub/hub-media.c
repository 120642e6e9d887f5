/* hub-media.c: an item's pictures and recordings: listed, uploaded and removed, as drafts.
 *
 * Many villagers do not read, and many do not read their own language: a photo of a product or
 * a recording of a law read aloud in Tày carries what text cannot. Officers add them here. A
 * file is judged by the content library alone (content_media_new(): its type read from its
 * bytes, its size within the limits, an SVG that can neither run script nor fetch anything),
 * and every change saves a draft of the item through the importer, the new blob written in the
 * same transaction, so villagers keep seeing the published item until a publisher publishes it.
 * A recording is bound to the text it reads (content_text_spoken_sha256()), so once that text
 * changes the page says it must be recorded again.
 */
#include "hub-pages.h"
#include "hub-draft.h"
#include "hub-item-form.h"
#include "hub-layout.h"

#include "content-drafts.h"
#include "content-error.h"
#include "content-language.h"
#include "content-store-media.h"
#include "content-validator.h"

#include <glib/gi18n.h>

/* The record of the item of @req to change (its draft when it has one) and whether it is a
 * draft (when @is_draft is not NULL); NULL, with the page answered, when there is no such item or the store failed. */
static JsonNode *
load_item (HubRequest *req, gboolean *is_draft)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, req->args[0] };
  g_autoptr(GError) error = NULL;
  JsonNode *record = content_store_get_editable (hub_server_get_store (req->server), &ref, is_draft, &error);

  if (record == NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no item with this id."));
  else if (record == NULL)
    hub_request_failure (req, _("Pictures and recordings"), error);
  return record;
}

/* @record as an item, for its texts; NULL only if it is invalid (a stored record never is). */
static ContentItem *
item_of (JsonNode *record)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  ContentValidation v = { "stored", "item", NULL, problems };

  return content_validator_item (&v, record, -1);
}

/* The item's list of media, made empty when it has none. */
static JsonArray *
media_list (JsonNode *record)
{
  JsonObject *obj = json_node_get_object (record);

  if (!json_object_has_member (obj, "media"))
    json_object_set_array_member (obj, "media", json_array_new ());
  return json_object_get_array_member (obj, "media");
}

static const char *
language_name (const char *code)
{
  const ContentLanguage *l = content_language_lookup (code);

  return l != NULL ? l->native_name : code;
}

static void
render_remove_button (HubHtml *html, HubRequest *req, guint index, const char *sha256)
{
  g_autofree char *action = g_strdup_printf ("/items/%s/media/remove", req->args[0]);

  hub_layout_form (html, req, action, "inline");
  hub_html_add (html, "<input type=\"hidden\" name=\"index\" value=\"%d\"><input type=\"hidden\" name=\"sha256\" value=\"%s\">"
                      "<button type=\"submit\" class=\"danger\">%s</button></form>",
                (int) index, sha256, _("Remove"));
}

/* A picture: the thumbnail, its caption in each language, its type and size. */
static void
render_picture (HubHtml *html, HubRequest *req, guint index, JsonObject *entry)
{
  const char *sha256 = json_object_get_string_member (entry, "sha256");
  JsonObject *caption = json_object_get_object_member (entry, "caption");
  g_autoptr(GList) langs = json_object_get_members (caption);
  g_autofree char *size = content_media_format_size (json_object_get_int_member (entry, "size"));

  hub_html_add (html, "<figure class=\"media-item\"><a href=\"/media/%s\"><img src=\"/media/%s\" alt=\"%s\"></a><figcaption>",
                sha256, sha256, json_object_get_string_member (caption, "vi"));
  for (GList *l = langs; l != NULL; l = l->next)
    hub_html_add (html, "<p lang=\"%s\"><span class=\"lang-tag\">%s</span> %s</p>",
                  (const char *) l->data, (const char *) l->data, json_object_get_string_member (caption, l->data));
  hub_html_add (html, "<p class=\"meta\">%s · %s</p>",
                content_media_type_name (json_object_get_string_member (entry, "type")), size);
  render_remove_button (html, req, index, sha256);
  hub_html_add (html, "</figcaption></figure>");
}

/* A recording: its language, a player, and whether it still reads the item's text. */
static void
render_recording (HubHtml *html, HubRequest *req, guint index, JsonObject *entry)
{
  const char *sha256 = json_object_get_string_member (entry, "sha256");
  const char *lang = json_object_get_string_member (entry, "lang");
  g_autofree char *size = content_media_format_size (json_object_get_int_member (entry, "size"));
  gboolean stale = json_object_get_boolean_member (entry, "stale");
  gboolean unwritten = json_object_get_null_member (entry, "text_sha256");

  hub_html_add (html, "<div class=\"media-item recording\"><h3 lang=\"%s\">%s <span class=\"lang-tag\">%s</span></h3>"
                      "<audio controls preload=\"none\" src=\"/media/%s\"></audio>",
                lang, language_name (lang), lang, sha256);
  if (stale)
    hub_html_add (html, "<p class=\"needs-review\">%s</p>",
                  _("Out of date: the text changed after this was recorded. Villagers hear the text read by "
                    "the computer voice instead (where there is one) until it is recorded again."));
  else
    hub_html_add (html, "<p class=\"meta\">%s · %s · %s</p>",
                  unwritten ? _("reads no written text (the item has none in this language)") : _("reads the current text"),
                  content_media_type_name (json_object_get_string_member (entry, "type")), size);
  render_remove_button (html, req, index, sha256);
  hub_html_add (html, "</div>");
}

static void
render_picture_form (HubHtml *html, HubRequest *req)
{
  g_autofree char *action = g_strdup_printf ("/items/%s/media/picture", req->args[0]);
  g_autofree char *limit = content_media_format_size (CONTENT_MEDIA_MAX_PICTURE_BYTES);
  /* TRANSLATORS: %s is a size, e.g. "1 MB". */
  g_autofree char *hint = g_strdup_printf (_("JPEG, PNG, WebP or SVG, at most %s"), limit);

  hub_layout_upload_form (html, req, action, "upload");
  hub_html_add (html, "<h3>%s</h3><div class=\"field\"><label for=\"picture-file\">%s</label>"
                      "<input type=\"file\" name=\"file\" id=\"picture-file\" required accept=\"image/jpeg,image/png,image/webp,image/svg+xml\">"
                      "<small>%s</small>",
                _("Add a picture"), _("Picture file"), hint);
  hub_html_add (html, "</div><div class=\"field\"><label for=\"caption-vi\">%s</label>"
                      "<input type=\"text\" name=\"caption.vi\" id=\"caption-vi\" required lang=\"vi\"></div>"
                      "<div class=\"field\"><label for=\"caption-en\">%s</label>"
                      "<input type=\"text\" name=\"caption.en\" id=\"caption-en\" lang=\"en\"></div>"
                      "<button type=\"submit\">%s</button></form>",
                _("Caption in Vietnamese (what the picture shows)"), _("Caption in English (optional)"),
                _("Upload the picture"));
}

static void
render_recording_form (HubHtml *html, HubRequest *req)
{
  g_autofree char *action = g_strdup_printf ("/items/%s/media/recording", req->args[0]);
  g_autofree char *limit = content_media_format_size (CONTENT_MEDIA_MAX_SOUND_BYTES);
  /* TRANSLATORS: %s is a size, e.g. "3 MB". */
  g_autofree char *hint = g_strdup_printf (_("Ogg Opus, Ogg Vorbis or WAV, at most %s"), limit);
  const char *chosen = hub_request_field (req, "lang") ?: hub_request_query (req, "lang");
  const GPtrArray *langs = content_language_list ();

  hub_layout_upload_form (html, req, action, "upload");
  hub_html_add (html, "<h3>%s</h3><p class=\"meta\">%s</p><div class=\"field\"><label for=\"recording-lang\">%s</label>"
                      "<select name=\"lang\" id=\"recording-lang\">",
                _("Add a recording"),
                _("A person reading the title, summary and text of the item in one language, as they are now. "
                  "It replaces the recording in that language, if there is one."),
                _("Language read"));
  for (guint i = 0; i < langs->len; i++)
    {
      const ContentLanguage *l = g_ptr_array_index (langs, i);
      hub_html_add (html, g_strcmp0 (l->code, chosen) == 0 ? "<option selected value=\"%s\">%s</option>" : "<option value=\"%s\">%s</option>",
                    l->code, l->native_name);
    }
  hub_html_add (html, "</select>");
  hub_html_add (html, "</div><div class=\"field\"><label for=\"recording-file\">%s</label>"
                      "<input type=\"file\" name=\"file\" id=\"recording-file\" required accept=\"audio/ogg,audio/opus,audio/wav,.opus,.ogg,.wav\">"
                      "<small>%s</small>",
                _("Sound file"), hint);
  hub_html_add (html, "</div><button type=\"submit\">%s</button></form>", _("Upload the recording"));
}

typedef void (*RenderEntry) (HubHtml *html, HubRequest *req, guint index, JsonObject *entry);

/* Renders each entry of @described of @kind with @render; returns how many there were. */
static guint
render_entries (HubHtml *html, HubRequest *req, JsonArray *described, const char *kind, RenderEntry render)
{
  guint shown = 0;

  for (guint i = 0; i < json_array_get_length (described); i++)
    {
      JsonObject *entry = json_array_get_object_element (described, i);
      if (!g_str_equal (json_object_get_string_member (entry, "kind"), kind))
        continue;
      render (html, req, i, entry);
      shown++;
    }
  return shown;
}

/* The item's pictures and recordings as stored (@described: content_store_describe_item_media()). */
static void
render_lists (HubHtml *html, HubRequest *req, JsonArray *described)
{
  hub_html_add (html, "<section aria-labelledby=\"pictures\"><h2 id=\"pictures\">%s</h2><div class=\"media-list\">", _("Pictures"));
  if (render_entries (html, req, described, "picture", render_picture) == 0)
    hub_html_add (html, "<p class=\"meta\">%s</p>", _("No pictures yet."));
  hub_html_add (html, "</div></section><section aria-labelledby=\"recordings\"><h2 id=\"recordings\">%s</h2><div class=\"media-list\">",
                _("Recordings"));
  if (render_entries (html, req, described, "recording", render_recording) == 0)
    hub_html_add (html, "<p class=\"meta\">%s</p>", _("No recordings yet: the kiosk reads the text with its computer voice where it has one."));
  hub_html_add (html, "</div></section>");
}

/* The media page of the item of @req, as stored now, with @problems and @notice (or NULL). */
static void
render_page (HubRequest *req, guint status, GHashTable *problems, const char *notice)
{
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = load_item (req, &is_draft);
  g_autoptr(ContentItem) item = record != NULL ? item_of (record) : NULL;
  g_autoptr(JsonNode) described = NULL;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *back = g_strdup_printf ("/items/%s", req->args[0]);
  g_autofree char *title = NULL;

  if (record == NULL)
    return;
  described = item != NULL ? content_store_describe_item_media (hub_server_get_store (req->server), item, &error) : NULL;
  if (described == NULL)
    {
      hub_request_message (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Pictures and recordings"),
                           error != NULL ? error->message : req->args[0]);
      return;
    }
  title = g_strdup_printf (_("Pictures and recordings: %s"), content_item_get_text (item, "vi")->title);
  /* Problems at the top, where the answer to an upload opens: the forms are further down. */
  if (notice != NULL)
    hub_html_add (body, g_hash_table_size (problems) > 0 ? "<p class=\"problem\" role=\"alert\">%s</p>"
                                                          : "<p class=\"notice\" role=\"status\">%s</p>", notice);
  hub_draft_render_other_problems (body, problems, (const char *const[]) { NULL });
  hub_html_add (body, "<p class=\"meta\"><a href=\"%s\">%s</a> · %s</p>", back, _("Back to the item"),
                is_draft ? _("A draft: villagers see the published item until a publisher publishes it.")
                         : _("Each change saves a draft: villagers see the published item until a publisher publishes it."));
  if (is_draft && hub_account_can (req->account, HUB_ROLE_PUBLISHER))
    {
      g_autofree char *publish = g_strdup_printf ("/items/%s/publish", req->args[0]);
      hub_html_add (body, "<div class=\"actions\">");
      hub_layout_button (body, req, publish, _("Publish"), "primary");
      hub_html_add (body, "</div>");
    }
  render_lists (body, req, json_node_get_array (described));
  hub_html_add (body, "<section class=\"side-by-side\" aria-label=\"%s\">", _("Add"));
  render_picture_form (body, req);
  render_recording_form (body, req);
  hub_html_add (body, "</section>");
  hub_request_page (req, status, title, body);
}

static void
get_media_page (HubRequest *req)
{
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  render_page (req, SOUP_STATUS_OK, problems,
               hub_request_query (req, "saved") != NULL ? _("Saved as a draft: villagers see the published item until a publisher publishes it.") : NULL);
}

/* The uploaded file as a blob of class @wanted; NULL with the reason in @problems when there is
 * none, or when the content library refuses it (its message says why). */
static ContentMedia *
read_upload (HubRequest *req, ContentMediaClass wanted, GHashTable *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentMedia) blob = NULL;
  ContentMediaClass klass;

  if (req->upload == NULL || g_bytes_get_size (req->upload) == 0)
    {
      hub_draft_add_problem (problems, "", _("Choose a file to upload."));
      return NULL;
    }
  blob = content_media_new (req->upload, NULL, &error);
  if (blob == NULL)
    {
      g_autofree char *reason = req->upload_name != NULL ? g_strdup_printf ("%s: %s", req->upload_name, error->message)
                                                         : g_strdup (error->message);
      hub_draft_add_problem (problems, "", reason);
      return NULL;
    }
  if (content_media_type_class (blob->type, &klass) && klass != wanted)
    {
      hub_draft_add_problem (problems, "", wanted == CONTENT_MEDIA_PICTURE ? _("This is a sound file: add it as a recording.")
                                                                              : _("This is a picture: add it under Pictures."));
      return NULL;
    }
  return g_steal_pointer (&blob);
}

/* Saves @record as the item's draft with @blob (taken, or NULL) and goes back to the media
 * page; or, with any problem, shows the page again as stored, the problems on it. */
static void
save_and_answer (HubRequest *req, JsonNode *record, ContentMedia *blob, GHashTable *problems)
{
  g_autoptr(ContentMedia) owned = blob;
  ContentRef ref = { CONTENT_RECORD_ITEM, req->args[0] };
  g_autofree char *saved = g_strdup_printf ("/items/%s/media?saved=1", req->args[0]);

  if (g_hash_table_size (problems) == 0
      && hub_draft_save_with_media (req, &ref, record, g_steal_pointer (&owned), problems))
    {
      hub_request_redirect (req, saved);
      return;
    }
  render_page (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, problems, _("Nothing was saved: see why below."));
}

/* The posted caption: each language given, Vietnamese first (the importer requires it). */
static JsonObject *
posted_caption (HubRequest *req)
{
  static const char *const langs[] = { "vi", "en", NULL };
  JsonObject *caption = json_object_new ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("caption.", langs[i], NULL);
      g_autofree char *value = g_strstrip (g_strdup (hub_request_field (req, name) ?: ""));
      if (*value != '\0')
        json_object_set_string_member (caption, langs[i], value);
    }
  return caption;
}

static void
post_picture (HubRequest *req)
{
  g_autoptr(JsonNode) record = load_item (req, NULL);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  ContentMedia *blob;

  if (record == NULL)
    return;
  blob = read_upload (req, CONTENT_MEDIA_PICTURE, problems);
  if (blob != NULL)
    {
      JsonObject *entry = json_object_new ();
      json_object_set_string_member (entry, "sha256", blob->sha256);
      json_object_set_string_member (entry, "kind", "picture");
      json_object_set_object_member (entry, "caption", posted_caption (req));
      json_array_add_object_element (media_list (record), entry);
    }
  save_and_answer (req, record, blob, problems);
}

/* The entry of a recording in @lang of @record's item, bound to its text in @lang now (null
 * when it has none: a recording may be all a language has). */
static JsonObject *
recording_entry (JsonNode *record, const char *sha256, const char *lang)
{
  g_autoptr(ContentItem) item = item_of (record);
  const ContentText *text = item != NULL ? content_item_get_text (item, lang) : NULL;
  g_autofree char *bound = text != NULL ? content_text_spoken_sha256 (text) : NULL;
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "sha256", sha256);
  json_object_set_string_member (entry, "kind", "recording");
  json_object_set_string_member (entry, "lang", lang);
  if (bound != NULL)
    json_object_set_string_member (entry, "text_sha256", bound);
  else
    json_object_set_null_member (entry, "text_sha256");
  return entry;
}

/* Puts @entry (taken) in @list in place of the recording in the same language, where it was
 * shown, or at the end. */
static void
put_recording (JsonArray *list, JsonObject *entry)
{
  const char *lang = json_object_get_string_member (entry, "lang");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *old = json_array_get_object_element (list, i);
      g_autoptr(GList) members = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (old, "kind", NULL), "recording") != 0
          || g_strcmp0 (json_object_get_string_member_with_default (old, "lang", NULL), lang) != 0)
        continue;
      members = json_object_get_members (entry);
      for (GList *m = members; m != NULL; m = m->next)
        json_object_set_member (old, m->data, json_node_copy (json_object_get_member (entry, m->data)));
      json_object_unref (entry);
      return;
    }
  json_array_add_object_element (list, entry);
}

static void
post_recording (HubRequest *req)
{
  g_autoptr(JsonNode) record = load_item (req, NULL);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  const char *lang = hub_request_field (req, "lang");
  ContentMedia *blob;

  if (record == NULL)
    return;
  if (lang == NULL || content_language_lookup (lang) == NULL)
    hub_draft_add_problem (problems, "", _("Choose the language the recording reads."));
  blob = read_upload (req, CONTENT_MEDIA_SOUND, problems);
  if (blob != NULL && g_hash_table_size (problems) == 0)
    put_recording (media_list (record), recording_entry (record, blob->sha256, lang));
  save_and_answer (req, record, blob, problems);
}

static void
post_remove (HubRequest *req)
{
  g_autoptr(JsonNode) record = load_item (req, NULL);
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  const char *index_text = hub_request_field (req, "index");
  guint64 index = G_MAXUINT64;
  JsonArray *list;

  if (record == NULL)
    return;
  list = media_list (record);
  if (index_text != NULL)
    g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL);
  /* The position and the blob must both match: the list may have changed since the page was shown. */
  if (index < json_array_get_length (list)
      && g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, (guint) index), "sha256"),
                    hub_request_field (req, "sha256")) == 0)
    json_array_remove_element (list, (guint) index);
  else
    hub_draft_add_problem (problems, "", _("The pictures and recordings changed since this page was shown: look again, then remove."));
  save_and_answer (req, record, NULL, problems);
}

void
hub_media_register (HubServer *server)
{
  hub_server_route (server, "GET", "/items/*/media", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_media_page);
  hub_server_route (server, "POST", "/items/*/media/picture", HUB_ACCESS_EDITOR, HUB_ROUTE_UPLOAD, post_picture);
  hub_server_route (server, "POST", "/items/*/media/recording", HUB_ACCESS_EDITOR, HUB_ROUTE_UPLOAD, post_recording);
  hub_server_route (server, "POST", "/items/*/media/remove", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_remove);
}
