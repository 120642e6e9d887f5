/* content-validator.c: one description of every field, and the checks that follow from it.
 *
 * Each kind's own fields (content/FORMAT.md) are a table of ContentFieldSpec: name, type, whether it is
 * required or may be null, and for enumerations their values. Validation walks the JSON against
 * the table and reports every problem it finds, each naming the file, the item and the dotted
 * path of the field, so an officer can fix a whole file in one pass. Unknown members are
 * problems too: a misspelt field would otherwise be dropped without a word.
 *
 * Only what one object can tell is checked here; references between objects (topics, the laws
 * a guide explains, SMS codes in use) are checked by content-importer.c, which sees them all.
 */
#include "content-validator.h"
#include "content-body.h"
#include "content-language.h"
#include "content-media.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define END { NULL, 0, 0, NULL, 0, 0, NULL }

static const char *const law_types[] = { "law", "code", "ordinance", "resolution", "decree", "decision", "circular", NULL };
static const char *const law_statuses[] = { "in_force", "partly_expired", "expired", NULL };
static const char *const relation_types[] = { "amends", "amended_by", "replaces", "replaced_by", "guides", "guided_by", "based_on", NULL };
static const char *const periods[] = { "once", "month", "year", NULL };
static const char *const categories[] = { "food", "drink", "herbal", "craft", "plant_animal", "tourism_service", NULL };

static const ContentFieldSpec relation_fields[] = {
  { "type", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, relation_types },
  { "number", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "item", CONTENT_FIELD_ID, 0 },
  END
};

static const ContentFieldSpec law_fields[] = {
  { "number", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "type", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, law_types },
  { "issuer", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "signer", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "issued_on", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "effective_from", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "effective_to", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "status", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, law_statuses },
  { "relations", CONTENT_FIELD_OBJECTS, 0, NULL, 0, 0, relation_fields },
  END
};

static const ContentFieldSpec guide_fields[] = {
  { "laws", CONTENT_FIELD_IDS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY },
  END
};

static const ContentFieldSpec benefit_fields[] = {
  { "amount", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { "amount_vnd", CONTENT_FIELD_INT, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE, NULL, 0, 1e12 },
  { "amount_period", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE, periods },
  { "apply_at", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { "documents", CONTENT_FIELD_LLIST, CONTENT_FIELD_REQUIRED },
  { "legal_basis", CONTENT_FIELD_STRINGS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY },
  { "valid_from", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "valid_to", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  END
};

static const ContentFieldSpec product_fields[] = {
  { "stars", CONTENT_FIELD_INT, CONTENT_FIELD_REQUIRED, NULL, 3, 5 },
  { "year_rated", CONTENT_FIELD_INT, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE, NULL, 2013, 2100 },
  { "producer", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "commune", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "category", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, categories },
  { "price", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "phone", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  END
};

static const ContentFieldSpec festival_fields[] = {
  { "name", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { "when", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  END
};

static const ContentFieldSpec contact_fields[] = {
  { "name", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "role", CONTENT_FIELD_LTEXT, CONTENT_FIELD_NULLABLE },
  { "phone", CONTENT_FIELD_STRING, CONTENT_FIELD_NULLABLE },
  END
};

static const ContentFieldSpec coordinate_fields[] = {
  { "lat", CONTENT_FIELD_NUMBER, CONTENT_FIELD_REQUIRED, NULL, -90, 90 },
  { "lon", CONTENT_FIELD_NUMBER, CONTENT_FIELD_REQUIRED, NULL, -180, 180 },
  END
};

static const ContentFieldSpec place_fields[] = {
  { "commune", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "ethnic_groups", CONTENT_FIELD_STRINGS, CONTENT_FIELD_REQUIRED },
  { "highlights", CONTENT_FIELD_LLIST, CONTENT_FIELD_REQUIRED },
  { "season", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "festivals", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED, NULL, 0, 0, festival_fields },
  { "contacts", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED, NULL, 0, 0, contact_fields },
  { "coordinates", CONTENT_FIELD_OBJECT, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE, NULL, 0, 0, coordinate_fields },
  END
};

static const ContentFieldSpec notice_fields[] = {
  { "valid_from", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "valid_to", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  END
};

static const ContentFieldSpec *const kind_fields[CONTENT_N_KINDS] = {
  law_fields, guide_fields, benefit_fields, product_fields, place_fields, notice_fields,
};

static const ContentFieldSpec source_fields[] = {
  { "title", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "url", CONTENT_FIELD_STRING, 0 },
  END
};

static const char *const media_kinds[] = { "picture", "recording", NULL };

/* A picture (with its caption) or a recording (with its language and the hash of the text it
 * reads); check_media() says which members each kind takes. */
static const ContentFieldSpec media_fields[] = {
  { "sha256", CONTENT_FIELD_SHA256, CONTENT_FIELD_REQUIRED },
  { "kind", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, media_kinds },
  { "caption", CONTENT_FIELD_LTEXT, 0 },
  { "lang", CONTENT_FIELD_LANG, 0 },
  { "text_sha256", CONTENT_FIELD_SHA256, CONTENT_FIELD_NULLABLE },
  END
};

static const char *const kinds[] = { "law", "guide", "benefit", "product", "place", "notice", NULL };
static const char *const statuses[] = { "draft", "published", "archived", NULL };

/* The members every item has; "texts" and the kind's object are checked on their own. */
static const ContentFieldSpec item_fields[] = {
  { "id", CONTENT_FIELD_ID, CONTENT_FIELD_REQUIRED },
  { "kind", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, kinds },
  { "status", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, statuses },
  { "sms_code", CONTENT_FIELD_STRING, CONTENT_FIELD_NULLABLE },
  { "topics", CONTENT_FIELD_IDS, CONTENT_FIELD_REQUIRED },
  { "reviewed_on", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "reviewed_by", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "sources", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY, NULL, 0, 0, source_fields },
  { "media", CONTENT_FIELD_OBJECTS, 0, NULL, 0, 0, media_fields },
  END
};

static const ContentFieldSpec text_fields[] = {
  { "title", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "summary", CONTENT_FIELD_STRING, CONTENT_FIELD_NULLABLE },
  { "body", CONTENT_FIELD_STRING, CONTENT_FIELD_NULLABLE },
  { "sms", CONTENT_FIELD_STRING, CONTENT_FIELD_NULLABLE },
  { "keywords", CONTENT_FIELD_STRINGS, 0 },
  END
};

static const ContentFieldSpec topic_fields[] = {
  { "id", CONTENT_FIELD_ID, CONTENT_FIELD_REQUIRED },
  { "parent", CONTENT_FIELD_ID, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "icon", CONTENT_FIELD_STRING, 0 },
  { "pictogram", CONTENT_FIELD_SHA256, 0 },
  { "sms_code", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "names", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  END
};

const ContentFieldSpec *
content_validator_fields (const char *what)
{
  if (g_strcmp0 (what, "item") == 0)
    return item_fields;
  if (g_strcmp0 (what, "text") == 0)
    return text_fields;
  if (g_strcmp0 (what, "topic") == 0)
    return topic_fields;
  for (guint k = 0; k < CONTENT_N_KINDS; k++)
    if (g_strcmp0 (what, kinds[k]) == 0)
      return kind_fields[k];
  return NULL;
}

void
content_validation_add (ContentValidation *v, const char *field, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (v->problems,
                   g_strdup_printf ("%s: %s %s: %s%s%s", v->file, v->what,
                                    v->id != NULL ? v->id : "(without a valid id)",
                                    field != NULL ? field : "", field != NULL ? ": " : "",
                                    reason));
}

gboolean
content_validator_is_id (const char *id)
{
  gsize n = strlen (id);

  if (n < 2 || n > 80 || !g_ascii_islower (id[0]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '-')
      return FALSE;
  return TRUE;
}

gboolean
content_validator_is_date (const char *s)
{
  int y, m, d;

  /* Exactly YYYY-MM-DD with ASCII digits: dates are compared as text, so "2025- 9-01" must not
   * pass as a date. */
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  return g_date_valid_dmy (d, m, y);
}

gboolean
content_validator_is_sms_code (const char *s)
{
  gsize n = strlen (s);

  if (n < 2 || n > 16)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isupper (s[i]) && !g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static const char *
json_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a number";
    }
}

gboolean
content_validator_holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
holds_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
content_validator_holds_number (JsonNode *node)
{
  return holds_int (node)
         || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static void check_object (ContentValidation *v, JsonNode *node, const ContentFieldSpec *fields, const char *path);

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static void
check_string (ContentValidation *v, JsonNode *node, const char *path)
{
  if (!content_validator_holds_string (node))
    content_validation_add (v, path, "must be a string, not %s", json_type_name (node));
  else if (is_blank (json_node_get_string (node)))
    content_validation_add (v, path, "must not be empty");
}

static void
check_localized (ContentValidation *v, JsonNode *node, gboolean list, const char *path)
{
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, path, "must be an object of language → %s, not %s",
                              list ? "list" : "text", json_type_name (node));
      return;
    }
  obj = json_node_get_object (node);
  if (!json_object_has_member (obj, "vi"))
    content_validation_add (v, path, "has no Vietnamese (\"vi\") text");
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);
      JsonNode *value = json_object_get_member (obj, l->data);

      if (content_language_lookup (l->data) == NULL)
        content_validation_add (v, sub, "“%s” is not a language of the registry", (const char *) l->data);
      else if (!list)
        check_string (v, value, sub);
      else if (!JSON_NODE_HOLDS_ARRAY (value))
        content_validation_add (v, sub, "must be an array of strings, not %s", json_type_name (value));
      else
        for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
          {
            g_autofree char *elem = g_strdup_printf ("%s[%u]", sub, i);
            check_string (v, json_array_get_element (json_node_get_array (value), i), elem);
          }
    }
}

static void
check_array (ContentValidation *v, JsonNode *node, const ContentFieldSpec *spec, const char *path)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      content_validation_add (v, path, "must be an array, not %s", json_type_name (node));
      return;
    }
  array = json_node_get_array (node);
  if ((spec->flags & CONTENT_FIELD_NONEMPTY) && json_array_get_length (array) == 0)
    content_validation_add (v, path, "must have at least one element");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *elem = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *e = json_array_get_element (array, i);

      if (spec->type == CONTENT_FIELD_OBJECTS)
        check_object (v, e, spec->fields, elem);
      else if (spec->type == CONTENT_FIELD_IDS && content_validator_holds_string (e) && !content_validator_is_id (json_node_get_string (e)))
        content_validation_add (v, elem, "“%s” is not a valid id", json_node_get_string (e));
      else
        check_string (v, e, elem);
    }
}

static void
check_field (ContentValidation *v, JsonNode *node, const ContentFieldSpec *spec, const char *path)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(spec->flags & CONTENT_FIELD_NULLABLE))
        content_validation_add (v, path, "must not be null");
      return;
    }
  switch (spec->type)
    {
    case CONTENT_FIELD_STRING:
      check_string (v, node, path);
      break;
    case CONTENT_FIELD_KEY:
      if (!content_validator_holds_string (node) || !content_validator_is_key (json_node_get_string (node)))
        content_validation_add (v, path, "must be a key: a lower-case letter, then lower-case "
                                "letters, digits and '_'");
      break;
    case CONTENT_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        content_validation_add (v, path, "must be true or false, not %s", json_type_name (node));
      break;
    case CONTENT_FIELD_ANY:
      break;
    case CONTENT_FIELD_SHA256:
      if (!content_validator_holds_string (node) || !content_media_is_sha256 (json_node_get_string (node)))
        content_validation_add (v, path, "must be a SHA-256: 64 lower-case hexadecimal digits");
      break;
    case CONTENT_FIELD_LANG:
      if (!content_validator_holds_string (node) || content_language_lookup (json_node_get_string (node)) == NULL)
        content_validation_add (v, path, "must be a language of the registry");
      break;
    case CONTENT_FIELD_ID:
      if (!content_validator_holds_string (node) || !content_validator_is_id (json_node_get_string (node)))
        content_validation_add (v, path, "must be an id: lower-case letters, digits and '-', "
                                "2 to 80 characters, starting with a letter");
      break;
    case CONTENT_FIELD_DATE:
      if (!content_validator_holds_string (node) || !content_validator_is_date (json_node_get_string (node)))
        content_validation_add (v, path, "must be a date written YYYY-MM-DD");
      break;
    case CONTENT_FIELD_INT:
    case CONTENT_FIELD_NUMBER:
      if (spec->type == CONTENT_FIELD_INT ? !holds_int (node) : !content_validator_holds_number (node))
        content_validation_add (v, path, "must be %s, not %s",
                                spec->type == CONTENT_FIELD_INT ? "an integer" : "a number", json_type_name (node));
      else if (json_node_get_double (node) < spec->min || json_node_get_double (node) > spec->max)
        content_validation_add (v, path, "must be between %g and %g", spec->min, spec->max);
      break;
    case CONTENT_FIELD_ENUM:
      if (!content_validator_holds_string (node) || !g_strv_contains (spec->values, json_node_get_string (node)))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) spec->values);
          content_validation_add (v, path, "must be one of: %s", allowed);
        }
      break;
    case CONTENT_FIELD_LTEXT:
    case CONTENT_FIELD_LLIST:
      check_localized (v, node, spec->type == CONTENT_FIELD_LLIST, path);
      break;
    case CONTENT_FIELD_STRINGS:
    case CONTENT_FIELD_IDS:
    case CONTENT_FIELD_OBJECTS:
      check_array (v, node, spec, path);
      break;
    case CONTENT_FIELD_OBJECT:
      check_object (v, node, spec->fields, path);
      break;
    }
}

static const ContentFieldSpec *
find_spec (const ContentFieldSpec *fields, const char *name)
{
  for (const ContentFieldSpec *f = fields; f->name != NULL; f++)
    if (g_str_equal (f->name, name))
      return f;
  return NULL;
}

static char *
join_path (const char *path, const char *name)
{
  return path != NULL && *path != '\0' ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
}

/* Checks @node against @fields. Members named in @skip are left to the caller. */
static void
check_object_skipping (ContentValidation *v, JsonNode *node, const ContentFieldSpec *fields,
                       const char *path, const char *const *skip)
{
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, path, "must be an object, not %s", json_type_name (node));
      return;
    }
  obj = json_node_get_object (node);
  for (const ContentFieldSpec *f = fields; f->name != NULL; f++)
    {
      g_autofree char *sub = join_path (path, f->name);
      JsonNode *member = json_object_get_member (obj, f->name);

      if (member == NULL)
        {
          if (f->flags & CONTENT_FIELD_REQUIRED)
            content_validation_add (v, sub, "is required");
          continue;
        }
      check_field (v, member, f, sub);
    }
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    if (find_spec (fields, l->data) == NULL && (skip == NULL || !g_strv_contains (skip, l->data)))
      {
        g_autofree char *sub = join_path (path, l->data);
        content_validation_add (v, sub, "is not a known field");
      }
}

static void
check_object (ContentValidation *v, JsonNode *node, const ContentFieldSpec *fields, const char *path)
{
  check_object_skipping (v, node, fields, path, NULL);
}

void
content_validator_check (ContentValidation *v, JsonNode *node, const ContentFieldSpec *fields,
                         const char *path)
{
  check_object (v, node, fields, path);
}

void
content_validator_check_ltext (ContentValidation *v, JsonNode *node, const char *path)
{
  check_localized (v, node, FALSE, path);
}

gboolean
content_validator_is_key (const char *key)
{
  if (key == NULL || !g_ascii_islower (key[0]) || strlen (key) > 60)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

const char *
content_validator_member_string (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && content_validator_holds_string (node) ? json_node_get_string (node) : NULL;
}

static char **
member_strv (JsonObject *obj, const char *name)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (obj, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      g_strv_builder_add (b, json_array_get_string_element (json_node_get_array (node), i));
  return g_strv_builder_end (b);
}

/* A body holding raw HTML is refused: the kiosk could only show it as text, and in the hub's
 * preview it is where a script would hide. The officer writes CommonMark instead. */
static void
check_body (ContentValidation *v, const char *body, const char *path)
{
  g_autoptr(ContentBody) parsed = NULL;
  g_autofree char *field = NULL;

  if (body == NULL)
    return;
  parsed = content_body_parse (body, NULL, NULL);
  if (parsed->raw_html == NULL)
    return;
  field = g_strconcat (path, ".body", NULL);
  content_validation_add (v, field, "raw HTML is not allowed (“%s”); write CommonMark", parsed->raw_html);
}

/* Texts: language → text object; "vi" required. Returns the texts (valid or not). */
static GPtrArray *
check_texts (ContentValidation *v, JsonObject *item_obj)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) content_text_free);
  JsonNode *node = json_object_get_member (item_obj, "texts");
  JsonObject *obj;
  g_autoptr(GList) langs = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, "texts", node == NULL ? "is required"
                              : "must be an object of language → text");
      return texts;
    }
  obj = json_node_get_object (node);
  if (!json_object_has_member (obj, "vi"))
    content_validation_add (v, "texts.vi", "is required: every item has Vietnamese text");
  langs = json_object_get_members (obj);
  for (GList *l = langs; l != NULL; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("texts.%s", (const char *) l->data);
      JsonNode *text_node = json_object_get_member (obj, l->data);
      ContentText *text;

      if (content_language_lookup (l->data) == NULL)
        {
          content_validation_add (v, path, "“%s” is not a language of the registry",
                                  (const char *) l->data);
          continue;
        }
      check_object (v, text_node, text_fields, path);
      if (!JSON_NODE_HOLDS_OBJECT (text_node))
        continue;
      text = content_text_new (l->data);
      text->title = g_strdup (content_validator_member_string (json_node_get_object (text_node), "title"));
      text->summary = g_strdup (content_validator_member_string (json_node_get_object (text_node), "summary"));
      text->body = g_strdup (content_validator_member_string (json_node_get_object (text_node), "body"));
      if (!v->again)
        check_body (v, text->body, path);
      text->sms = g_strdup (content_validator_member_string (json_node_get_object (text_node), "sms"));
      g_strfreev (text->keywords);
      text->keywords = member_strv (json_node_get_object (text_node), "keywords");
      g_ptr_array_add (texts, text);
    }
  return texts;
}

/* Requires the members @required of the media entry @entry at @path and refuses @refused,
 * which belong to the other kind. */
static void
check_media_members (ContentValidation *v, JsonObject *entry, const char *path, const char *kind,
                     const char *const *required, const char *const *refused)
{
  for (gsize i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (entry, required[i]))
      content_validation_add (v, path, "a %s needs “%s”", kind, required[i]);
  for (gsize i = 0; refused[i] != NULL; i++)
    if (json_object_has_member (entry, refused[i]))
      content_validation_add (v, path, "“%s” is not a field of a %s", refused[i], kind);
}

/* What the field table cannot say: a picture has a caption and no language; a recording has
 * a language and the hash of the text it reads (null where the item has no text in that
 * language: a recording may be all a language has), no caption, and is the only one in its
 * language. */
static void
check_media (ContentValidation *v, JsonObject *item_obj)
{
  static const char *const picture[] = { "caption", NULL };
  static const char *const recording[] = { "lang", "text_sha256", NULL };
  JsonNode *node = json_object_get_member (item_obj, "media");
  g_autoptr(GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      g_autofree char *path = g_strdup_printf ("media[%u]", i);
      const char *kind, *lang;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      kind = content_validator_member_string (json_node_get_object (e), "kind");
      lang = content_validator_member_string (json_node_get_object (e), "lang");
      if (g_strcmp0 (kind, "picture") == 0)
        check_media_members (v, json_node_get_object (e), path, kind, picture, recording);
      else if (g_strcmp0 (kind, "recording") == 0)
        check_media_members (v, json_node_get_object (e), path, kind, recording, picture);
      if (g_strcmp0 (kind, "recording") == 0 && lang != NULL && !g_hash_table_add (langs, (gpointer) lang))
        content_validation_add (v, path, "a second recording in “%s”: one per language", lang);
    }
}

/* The item's media as it keeps them: NULL when it has none. */
static JsonNode *
media_of (JsonObject *item_obj)
{
  JsonNode *node = json_object_get_member (item_obj, "media");

  if (node == NULL || json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;
  return json_node_copy (node);
}

ContentItem *
content_validator_item (ContentValidation *v, JsonNode *node, int expected_kind)
{
  g_autoptr(ContentItem) item = NULL;
  const char *skip[] = { "texts", NULL, NULL };
  guint before = v->problems->len;
  JsonObject *obj;
  const char *id, *kind_name, *code;
  ContentKind kind;

  v->what = "item";
  v->id = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, NULL, "must be a JSON object, not %s", json_type_name (node));
      return NULL;
    }
  obj = json_node_get_object (node);
  id = content_validator_member_string (obj, "id");
  if (id != NULL && content_validator_is_id (id))
    v->id = id;
  kind_name = content_validator_member_string (obj, "kind");
  if (!content_kind_from_string (kind_name, &kind))
    kind = expected_kind >= 0 ? (ContentKind) expected_kind : CONTENT_N_KINDS;
  else if (expected_kind >= 0 && (int) kind != expected_kind)
    content_validation_add (v, "kind", "is “%s” but the file is in the folder for %s",
                            kind_name, content_kind_to_string (expected_kind));
  if (kind < CONTENT_N_KINDS)
    skip[1] = content_kind_to_string (kind);
  check_object_skipping (v, node, item_fields, "", skip);
  check_media (v, obj);
  code = content_validator_member_string (obj, "sms_code");
  if (code != NULL && !content_validator_is_sms_code (code))
    content_validation_add (v, "sms_code", "“%s” must be 2 to 16 upper-case letters A–Z and digits", code);

  item = content_item_new ();
  g_ptr_array_unref (item->texts);
  item->texts = check_texts (v, obj);
  if (kind < CONTENT_N_KINDS)
    {
      JsonNode *details = json_object_get_member (obj, skip[1]);
      if (details == NULL)
        content_validation_add (v, skip[1], "is required for a %s", skip[1]);
      else
        {
          check_object (v, details, kind_fields[kind], skip[1]);
          item->details = json_node_copy (details);
        }
    }
  if (v->problems->len > before)
    return NULL;

  item->id = g_strdup (id);
  item->kind = kind;
  content_status_from_string (content_validator_member_string (obj, "status"), &item->status);
  item->sms_code = g_strdup (code);
  g_strfreev (item->topics);
  item->topics = member_strv (obj, "topics");
  item->reviewed_on = g_strdup (content_validator_member_string (obj, "reviewed_on"));
  item->reviewed_by = g_strdup (content_validator_member_string (obj, "reviewed_by"));
  item->sources = json_node_copy (json_object_get_member (obj, "sources"));
  item->media = media_of (obj);
  return g_steal_pointer (&item);
}

ContentTopic *
content_validator_topic (ContentValidation *v, JsonNode *node)
{
  g_autoptr(ContentTopic) topic = NULL;
  guint before = v->problems->len;
  JsonObject *obj, *names;
  g_autoptr(GList) langs = NULL;
  const char *id, *code;

  v->what = "topic";
  v->id = NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      id = content_validator_member_string (json_node_get_object (node), "id");
      if (id != NULL && content_validator_is_id (id))
        v->id = id;
    }
  check_object (v, node, topic_fields, "");
  if (v->problems->len > before)
    return NULL;
  obj = json_node_get_object (node);
  code = content_validator_member_string (obj, "sms_code");
  if (!content_validator_is_sms_code (code))
    {
      content_validation_add (v, "sms_code", "“%s” must be 2 to 16 upper-case letters A–Z and digits", code);
      return NULL;
    }
  topic = content_topic_new ();
  topic->id = g_strdup (content_validator_member_string (obj, "id"));
  topic->parent_id = g_strdup (content_validator_member_string (obj, "parent"));
  topic->icon = g_strdup (content_validator_member_string (obj, "icon") ? content_validator_member_string (obj, "icon") : "");
  topic->sms_code = g_strdup (code);
  topic->pictogram = g_strdup (content_validator_member_string (obj, "pictogram"));
  names = json_object_get_object_member (obj, "names");
  langs = json_object_get_members (names);
  for (GList *l = langs; l != NULL; l = l->next)
    g_hash_table_insert (topic->names, g_strdup (l->data),
                         g_strdup (json_object_get_string_member (names, l->data)));
  return g_steal_pointer (&topic);
}
