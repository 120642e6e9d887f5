/* content-item.c: an item in memory, and its JSON form.
 *
 * The fields every item shares are C fields; the kind's own object (a law's number and dates, a
 * product's stars, ...) stays a JSON object, exactly as imported and validated against its kind's
 * field table (content-validator.c). That keeps one description of each kind's fields instead of
 * a struct, a table and a converter per kind, and export gives back what import took.
 */
#include "content-item.h"
#include "content-language.h"

static const char *const kind_names[CONTENT_N_KINDS] = {
  "law", "guide", "benefit", "product", "place", "notice",
};

static const char *const status_names[CONTENT_N_STATUSES] = {
  "draft", "published", "archived",
};

const char *
content_kind_to_string (ContentKind kind)
{
  g_return_val_if_fail (kind < CONTENT_N_KINDS, NULL);
  return kind_names[kind];
}

/* The index of @name in @names (of @n), or -1. */
static int
name_index (const char *const *names, guint n, const char *name)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (name, names[i]))
      return (int) i;
  return -1;
}

gboolean
content_kind_from_string (const char *name, ContentKind *kind)
{
  int i = name_index (kind_names, CONTENT_N_KINDS, name);

  if (i >= 0)
    *kind = i;
  return i >= 0;
}

const char *
content_status_to_string (ContentStatus status)
{
  g_return_val_if_fail (status < CONTENT_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
content_status_from_string (const char *name, ContentStatus *status)
{
  int i = name_index (status_names, CONTENT_N_STATUSES, name);

  if (i >= 0)
    *status = i;
  return i >= 0;
}

ContentItem *
content_item_new (void)
{
  ContentItem *item = g_new0 (ContentItem, 1);

  item->topics = g_new0 (char *, 1);
  item->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) content_text_free);
  return item;
}

void
content_item_free (ContentItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->sms_code);
  g_strfreev (item->topics);
  g_clear_pointer (&item->media, json_node_unref);
  g_free (item->reviewed_on);
  g_free (item->reviewed_by);
  g_clear_pointer (&item->sources, json_node_unref);
  g_clear_pointer (&item->details, json_node_unref);
  g_ptr_array_unref (item->texts);
  g_free (item);
}

const ContentText *
content_item_get_text (const ContentItem *item, const char *lang)
{
  for (guint i = 0; i < item->texts->len; i++)
    {
      const ContentText *text = g_ptr_array_index (item->texts, i);
      if (g_str_equal (text->lang, lang))
        return text;
    }
  return NULL;
}

const ContentText *
content_item_get_text_for (const ContentItem *item, const char *lang)
{
  g_auto(GStrv) chain = content_language_chain (lang);

  for (gsize i = 0; chain != NULL && chain[i] != NULL; i++)
    {
      const ContentText *text = content_item_get_text (item, chain[i]);
      if (text != NULL)
        return text;
    }
  /* Every imported item has Vietnamese; a store edited by other means still shows something. */
  if (content_item_get_text (item, "vi") != NULL || item->texts->len == 0)
    return content_item_get_text (item, "vi");
  return g_ptr_array_index (item->texts, 0);
}

const char *
content_item_get_detail (const ContentItem *item, const char *member)
{
  JsonNode *node = content_item_get_detail_node (item, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonNode *
content_item_get_detail_node (const ContentItem *item, const char *member)
{
  if (item->details == NULL || !JSON_NODE_HOLDS_OBJECT (item->details))
    return NULL;
  return json_object_get_member (json_node_get_object (item->details), member);
}

JsonNode *
content_localized (JsonNode *ltext, const char *lang)
{
  g_auto(GStrv) chain = content_language_chain (lang);
  JsonObject *obj;

  if (ltext == NULL || !JSON_NODE_HOLDS_OBJECT (ltext))
    return NULL;
  obj = json_node_get_object (ltext);
  for (gsize i = 0; chain != NULL && chain[i] != NULL; i++)
    if (json_object_has_member (obj, chain[i]))
      return json_object_get_member (obj, chain[i]);
  return json_object_get_member (obj, "vi");
}

static void
add_optional_string (JsonBuilder *b, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_strv (JsonBuilder *b, const char *member, char **values)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_text (JsonBuilder *b, const ContentText *text)
{
  json_builder_set_member_name (b, text->lang);
  json_builder_begin_object (b);
  add_optional_string (b, "title", text->title);
  add_optional_string (b, "summary", text->summary);
  add_optional_string (b, "body", text->body);
  add_optional_string (b, "sms", text->sms);
  add_strv (b, "keywords", text->keywords);
  json_builder_end_object (b);
}

JsonNode *
content_item_to_json (const ContentItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_optional_string (b, "id", item->id);
  add_optional_string (b, "kind", content_kind_to_string (item->kind));
  add_optional_string (b, "status", content_status_to_string (item->status));
  add_optional_string (b, "sms_code", item->sms_code);
  add_strv (b, "topics", item->topics);
  add_optional_string (b, "reviewed_on", item->reviewed_on);
  add_optional_string (b, "reviewed_by", item->reviewed_by);
  json_builder_set_member_name (b, "sources");
  json_builder_add_value (b, item->sources != NULL ? json_node_copy (item->sources)
                                                   : json_node_new (JSON_NODE_ARRAY));
  json_builder_set_member_name (b, content_kind_to_string (item->kind));
  json_builder_add_value (b, item->details != NULL ? json_node_copy (item->details)
                                                   : json_node_new (JSON_NODE_OBJECT));
  json_builder_set_member_name (b, "texts");
  json_builder_begin_object (b);
  for (guint i = 0; i < item->texts->len; i++)
    add_text (b, g_ptr_array_index (item->texts, i));
  json_builder_end_object (b);
  /* Only when it has some, so that items without media export as they always have. */
  if (item->media != NULL)
    {
      json_builder_set_member_name (b, "media");
      json_builder_add_value (b, json_node_copy (item->media));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonObject *
content_item_get_recording (const ContentItem *item, const char *lang)
{
  JsonArray *list;

  if (item->media == NULL || !JSON_NODE_HOLDS_ARRAY (item->media))
    return NULL;
  list = json_node_get_array (item->media);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kind", NULL), "recording") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (entry, "lang", NULL), lang) == 0)
        return entry;
    }
  return NULL;
}

gboolean
content_item_recording_is_stale (const ContentItem *item, JsonObject *recording)
{
  const ContentText *text = content_item_get_text (item, json_object_get_string_member (recording, "lang"));
  g_autofree char *now = text != NULL ? content_text_spoken_sha256 (text) : NULL;
  JsonNode *then = json_object_get_member (recording, "text_sha256");

  return g_strcmp0 (now, then != NULL && !JSON_NODE_HOLDS_NULL (then) ? json_node_get_string (then) : NULL) != 0;
}

const char *
content_item_law_status (const ContentItem *item, const char *today)
{
  const char *from = content_item_get_detail (item, "effective_from");

  if (item->kind != CONTENT_KIND_LAW)
    return NULL;
  /* Dates are YYYY-MM-DD, so text order is date order. */
  if (from != NULL && today != NULL && g_strcmp0 (from, today) > 0)
    return "not_yet_in_force";
  return content_item_get_detail (item, "status");
}
