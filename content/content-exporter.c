/* content-exporter.c: the store written out as files an officer can read, diff and import.
 *
 * One file per item, grouped by kind, and the topic tree in topics.json: the same layout as
 * content/seed/, so export → edit → import is the offline way to correct content. Pictures and
 * sounds go beside them as media/<sha256>.<extension>, the bytes as stored, and the recorded
 * greetings in greetings.json.
 */
#include "content-exporter.h"
#include "content-error.h"
#include "content-rule-set.h"
#include "content-store-media.h"

#include <errno.h>
#include <glib/gstdio.h>

char *
content_json_pretty (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

static gboolean
write_json (const char *path, JsonNode *node, GError **error)
{
  g_autofree char *text = content_json_pretty (node);

  return g_file_set_contents (path, text, -1, error);
}

static gboolean
make_dir (const char *dir, GError **error)
{
  int saved;

  if (g_mkdir_with_parents (dir, 0755) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "%s: cannot create: %s", dir, g_strerror (saved));
  return FALSE;
}

static gboolean
prepare_dir (const char *dir, GError **error)
{
  g_autoptr(GDir) d = NULL;

  if (!make_dir (dir, error))
    return FALSE;
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  if (g_dir_read_name (d) != NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_EXISTS,
                   "%s: not empty; export into a new or empty directory", dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_topics (ContentStore *store, const char *dir, GError **error)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (dir, "topics.json", NULL);

  if (topics == NULL)
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; i < topics->len; i++)
    json_builder_add_value (b, content_topic_to_json (g_ptr_array_index (topics, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return write_json (path, root, error);
}

/* The parts of @kind as the file that lists them: {"questions": [...]}. */
static JsonNode *
rule_list (GPtrArray *parts, const char *member)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < parts->len; i++)
    json_builder_add_value (b, json_node_copy (((ContentRulePart *) g_ptr_array_index (parts, i))->definition));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* rules/questions.json, parameters.json, conditions.json, a file per benefit's rule, and a file
 * per case table in rules/cases/. */
static gboolean
export_rules (ContentStore *store, const char *dir, GError **error)
{
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, error);
  g_autofree char *rules_dir = g_build_filename (dir, "rules", NULL);

  if (rules == NULL)
    return FALSE;
  for (int kind = 0; kind < CONTENT_N_RULE_KINDS; kind++)
    {
      GPtrArray *parts = content_rule_set_parts (rules, kind);
      const char *member = content_rule_kind_list_member (kind);
      g_autofree char *kind_dir = kind == CONTENT_RULE_CASES ? g_build_filename (rules_dir, "cases", NULL)
                                                             : g_strdup (rules_dir);

      if (parts->len == 0)
        continue;
      if (!make_dir (kind_dir, error))
        return FALSE;
      if (member != NULL)
        {
          g_autofree char *name = g_strconcat (member, ".json", NULL);
          g_autofree char *path = g_build_filename (kind_dir, name, NULL);
          g_autoptr(JsonNode) root = rule_list (parts, member);
          if (!write_json (path, root, error))
            return FALSE;
          continue;
        }
      for (guint i = 0; i < parts->len; i++)
        {
          ContentRulePart *part = g_ptr_array_index (parts, i);
          g_autofree char *name = g_strconcat (part->id, ".json", NULL);
          g_autofree char *path = g_build_filename (kind_dir, name, NULL);
          if (!write_json (path, part->definition, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_blob (const ContentMedia *media, gpointer user_data, GError **error)
{
  g_autofree char *name = content_media_file_name (media);
  g_autofree char *path = g_build_filename (user_data, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (media->bytes, &len);

  return make_dir (user_data, error) && g_file_set_contents (path, data, len, error);
}

/* media/: every blob live content uses; greetings.json when there are greetings. */
static gboolean
export_media (ContentStore *store, const char *dir, GError **error)
{
  g_autofree char *media_dir = g_build_filename (dir, "media", NULL);
  g_autofree char *path = g_build_filename (dir, "greetings.json", NULL);
  g_autoptr(JsonNode) greetings = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!content_store_foreach_live_media (store, write_blob, media_dir, error))
    return FALSE;
  greetings = content_store_list_greetings (store, error);
  if (greetings == NULL)
    return FALSE;
  if (json_array_get_length (json_node_get_array (greetings)) == 0)
    return TRUE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "greetings");
  json_builder_add_value (b, g_steal_pointer (&greetings));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return write_json (path, root, error);
}

gboolean
content_store_export (ContentStore *store, const char *dir, GError **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (!prepare_dir (dir, error) || !export_media (store, dir, error)
      || !export_topics (store, dir, error) || !export_rules (store, dir, error))
    return FALSE;
  ids = content_store_list_item_ids (store, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (store, g_ptr_array_index (ids, i), error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *kind_dir = NULL, *name = NULL, *path = NULL;

      if (item == NULL)
        return FALSE;
      kind_dir = g_build_filename (dir, content_kind_to_string (item->kind), NULL);
      name = g_strconcat (item->id, ".json", NULL);
      path = g_build_filename (kind_dir, name, NULL);
      node = content_item_to_json (item);
      if (!make_dir (kind_dir, error) || !write_json (path, node, error))
        return FALSE;
    }
  return TRUE;
}
