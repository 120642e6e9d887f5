/* content-topic.c: a node of the topic tree, and its JSON form. */
#include "content-topic.h"
#include "content-language.h"

ContentTopic *
content_topic_new (void)
{
  ContentTopic *topic = g_new0 (ContentTopic, 1);

  topic->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return topic;
}

void
content_topic_free (ContentTopic *topic)
{
  if (topic == NULL)
    return;
  g_free (topic->id);
  g_free (topic->parent_id);
  g_free (topic->icon);
  g_free (topic->sms_code);
  g_free (topic->pictogram);
  g_hash_table_unref (topic->names);
  g_free (topic);
}

const char *
content_topic_get_name (const ContentTopic *topic, const char *lang, const char **shown_lang)
{
  g_auto(GStrv) chain = content_language_chain (lang);
  const char *fallback[] = { "vi", NULL };
  const char *const *try = chain != NULL ? (const char *const *) chain : fallback;

  for (gsize i = 0; try[i] != NULL; i++)
    {
      gpointer key, value;
      if (g_hash_table_lookup_extended (topic->names, try[i], &key, &value))
        {
          if (shown_lang != NULL)
            *shown_lang = key;
          return value;
        }
    }
  return topic->id;
}

static gint
compare_lang (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

JsonNode *
content_topic_to_json (const ContentTopic *topic)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree const char **langs = NULL;
  guint n;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, topic->id);
  json_builder_set_member_name (b, "parent");
  if (topic->parent_id != NULL)
    json_builder_add_string_value (b, topic->parent_id);
  else
    json_builder_add_null_value (b);
  /* An icon only when it has one: the format refuses an empty one, and a topic without an
   * icon must read back as it was written (an export, a replica). */
  if (topic->icon != NULL && topic->icon[0] != '\0')
    {
      json_builder_set_member_name (b, "icon");
      json_builder_add_string_value (b, topic->icon);
    }
  /* Only when it has one, so that topics without one export as they always have. */
  if (topic->pictogram != NULL)
    {
      json_builder_set_member_name (b, "pictogram");
      json_builder_add_string_value (b, topic->pictogram);
    }
  json_builder_set_member_name (b, "sms_code");
  json_builder_add_string_value (b, topic->sms_code);
  json_builder_set_member_name (b, "names");
  json_builder_begin_object (b);
  langs = (const char **) g_hash_table_get_keys_as_array (topic->names, &n);
  qsort (langs, n, sizeof (char *), compare_lang);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, langs[i]);
      json_builder_add_string_value (b, g_hash_table_lookup (topic->names, langs[i]));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
