/* sync-json.c: checked reading of JSON that came from files or the network (see sync-json.h).
 * Everything a kiosk reads before verifying it is hostile until proven otherwise, so every
 * accessor checks the member's type instead of trusting json-glib's defaults (which return 0
 * or NULL for a member of the wrong type and hide the mistake). */
#include "sync-json.h"
#include "sync-error.h"

#include <string.h>

JsonNode *
sync_json_parse_object (const char *data, gssize len, const char *what, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  /* An empty file or body (a GBytes of 0 bytes) comes as NULL, which json-glib refuses as a
   * programming error without setting @local: read it as the empty document it is. */
  if (data == NULL)
    {
      data = "";
      len = 0;
    }
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: not JSON: %s", what, local->message);
      return NULL;
    }
  /* An empty or blank document parses, to no root at all. */
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: not a JSON object", what);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static JsonNode *
member (JsonObject *obj, const char *name, JsonNodeType type, GType value_type)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_node_type (node) != type)
    return NULL;
  if (value_type != G_TYPE_INVALID && json_node_get_value_type (node) != value_type)
    return NULL;
  return node;
}

static gboolean
missing (const char *what, const char *name, const char *type, GError **error)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: “%s” must be %s", what, name, type);
  return FALSE;
}

const char *
sync_json_get_string (JsonObject *obj, const char *name, const char *what, GError **error)
{
  JsonNode *node = member (obj, name, JSON_NODE_VALUE, G_TYPE_STRING);

  if (node == NULL)
    {
      missing (what, name, "a string", error);
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
sync_json_get_int (JsonObject *obj, const char *name, const char *what, gint64 *value, GError **error)
{
  JsonNode *node = member (obj, name, JSON_NODE_VALUE, G_TYPE_INT64);

  if (node == NULL)
    return missing (what, name, "an integer", error);
  *value = json_node_get_int (node);
  return TRUE;
}

GStrv
sync_json_get_strv (JsonObject *obj, const char *name, const char *what, GError **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (obj, name);
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (b);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      missing (what, name, "an array of strings", error);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          missing (what, name, "an array of strings", error);
          return NULL;
        }
      g_strv_builder_add (b, json_node_get_string (element));
    }
  return g_strv_builder_end (b);
}

gboolean
sync_json_is_hex (const char *s, gsize n_bytes)
{
  if (s == NULL || strlen (s) != 2 * n_bytes)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

void
sync_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
sync_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}
