/* hub-item-form.c: an item's fields as an HTML form, and the posted form back as a record.
 *
 * The form is built from the validator's own field tables (content_validator_fields), so every
 * field of every kind has an input and a new field in the format shows up here without a hub
 * change. Posted values become the import format again and go through the same importer as a
 * file does: the hub never judges content by rules of its own. Problems come back naming field
 * paths ("law.effective_from", "texts.en.title") and are shown beside the input of that path.
 *
 * Inputs by type: text and dates as inputs, enumerations as menus, localized text as one input
 * per language, lists one entry per line, sources as "title | address" lines, and nested
 * objects (relations, festivals, contacts, coordinates) as JSON.
 */
#include "hub-item-form.h"
#include "hub-draft.h"

#include "content-language.h"
#include "content-topic.h"
#include "content-validator.h"

#include <glib/gi18n.h>

typedef struct {
  const char *path;
  const char *label;
} Label;

/* What officers call the fields; paths not listed show their own name. */
static const Label labels[] = {
  { "sms_code", N_("SMS code") },
  { "topics", N_("Topics") },
  { "reviewed_on", N_("Reviewed on") },
  { "reviewed_by", N_("Reviewed by") },
  { "sources", N_("Sources (one per line: title | address)") },
  { "title", N_("Title") },
  { "summary", N_("Summary") },
  { "body", N_("Body (CommonMark)") },
  { "sms", N_("SMS text") },
  { "keywords", N_("Search keywords (one per line)") },
  { "number", N_("Number") },
  { "type", N_("Type") },
  { "issuer", N_("Issued by") },
  { "signer", N_("Signed by") },
  { "issued_on", N_("Issued on") },
  { "effective_from", N_("In force from") },
  { "effective_to", N_("In force until") },
  { "status", N_("Status") },
  { "relations", N_("Related documents (JSON)") },
  { "laws", N_("Laws it explains (one id per line)") },
  { "amount", N_("Amount") },
  { "amount_vnd", N_("Amount in đồng") },
  { "amount_period", N_("Paid per") },
  { "apply_at", N_("Where to apply") },
  { "documents", N_("Documents to bring (one per line)") },
  { "legal_basis", N_("Legal basis (one per line)") },
  { "valid_from", N_("Valid from") },
  { "valid_to", N_("Valid until") },
  { "stars", N_("OCOP stars") },
  { "year_rated", N_("Year rated") },
  { "producer", N_("Producer") },
  { "commune", N_("Commune") },
  { "category", N_("Category") },
  { "price", N_("Price") },
  { "phone", N_("Phone") },
  { "ethnic_groups", N_("Ethnic groups (one per line)") },
  { "highlights", N_("Highlights (one per line)") },
  { "season", N_("Best season") },
  { "festivals", N_("Festivals (JSON)") },
  { "contacts", N_("Contacts (JSON)") },
  { "coordinates", N_("Coordinates (JSON: lat, lon)") },
};

/* What officers call the values of enumerations (msgctxt "field value": "Law" as a type of
 * document is not the kind of item); values not listed show as they are. */
static const Label value_labels[] = {
  { "law", NC_("field value", "Law") },
  { "code", NC_("field value", "Code") },
  { "ordinance", NC_("field value", "Ordinance") },
  { "resolution", NC_("field value", "Resolution") },
  { "decree", NC_("field value", "Decree") },
  { "decision", NC_("field value", "Decision") },
  { "circular", NC_("field value", "Circular") },
  { "in_force", NC_("field value", "In force") },
  { "partly_expired", NC_("field value", "Partly expired") },
  { "expired", NC_("field value", "Expired") },
  { "once", NC_("field value", "once") },
  { "month", NC_("field value", "month") },
  { "year", NC_("field value", "year") },
  { "food", NC_("field value", "Food") },
  { "drink", NC_("field value", "Drinks") },
  { "herbal", NC_("field value", "Herbal products") },
  { "craft", NC_("field value", "Handicrafts") },
  { "plant_animal", NC_("field value", "Ornamental plants and animals") },
  { "tourism_service", NC_("field value", "Community tourism services") },
};

static const char *
value_label_of (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (g_str_equal (value_labels[i].path, value))
      return g_dpgettext2 (NULL, "field value", value_labels[i].label);
  return value;
}

static const char *
label_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].path, name))
      return _(labels[i].label);
  return name;
}

GHashTable *
hub_item_form_problems_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

void
hub_item_form_render_general (HubHtml *html, GHashTable *problems)
{
  GPtrArray *list = problems != NULL ? g_hash_table_lookup (problems, "") : NULL;

  if (list == NULL)
    return;
  hub_html_add (html, "<div class=\"problem\" role=\"alert\"><ul>");
  for (guint i = 0; i < list->len; i++)
    hub_html_add (html, "<li>%s</li>", (const char *) g_ptr_array_index (list, i));
  hub_html_add (html, "</ul></div>");
}

/* A member as the text its input shows: strings as they are, lists one per line, sources as
 * "title | url" lines, anything else as JSON. */
static char *
member_text (JsonNode *node, const ContentFieldSpec *spec)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node) && spec->type != CONTENT_FIELD_ANY)
    {
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      return json_to_string (node, FALSE);
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && spec->type != CONTENT_FIELD_OBJECTS)
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", json_array_get_string_element (array, i) ?: "");
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && spec->fields != NULL && g_str_equal (spec->name, "sources"))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *source = json_array_get_object_element (array, i);
          const char *url = content_validator_member_string (source, "url");
          g_string_append_printf (text, "%s%s%s%s", i > 0 ? "\n" : "", content_validator_member_string (source, "title") ?: "",
                                  url != NULL ? " | " : "", url != NULL ? url : "");
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return json_to_string (node, TRUE);
}

static gboolean
is_multiline (const ContentFieldSpec *spec)
{
  switch (spec->type)
    {
    case CONTENT_FIELD_STRINGS:
    case CONTENT_FIELD_IDS:
    case CONTENT_FIELD_OBJECT:
    case CONTENT_FIELD_OBJECTS:
    case CONTENT_FIELD_ANY:
    case CONTENT_FIELD_LLIST:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
render_enum (HubHtml *html, const char *path, const ContentFieldSpec *spec, const char *value)
{
  hub_html_add (html, "<select name=\"%s\" id=\"%s\">", path, path);
  if (spec->flags & CONTENT_FIELD_NULLABLE || value[0] == '\0')
    hub_html_add (html, "<option value=\"\">—</option>");
  for (guint i = 0; spec->values[i] != NULL; i++)
    {
      if (g_str_equal (spec->values[i], value))
        hub_html_add (html, "<option selected value=\"%s\">%s</option>", spec->values[i], value_label_of (spec->values[i]));
      else
        hub_html_add (html, "<option value=\"%s\">%s</option>", spec->values[i], value_label_of (spec->values[i]));
    }
  hub_html_add (html, "</select>");
}

/* One input for @value at @path, by the field's type. */
static void
render_input (HubHtml *html, const char *path, const ContentFieldSpec *spec, const char *value, gboolean big)
{
  if (spec->type == CONTENT_FIELD_ENUM)
    render_enum (html, path, spec, value);
  else if (big || is_multiline (spec))
    hub_html_add (html, "<textarea name=\"%s\" id=\"%s\" rows=\"%d\">%s</textarea>", path, path, big ? 14 : 4, value);
  else if (g_str_equal (spec->name, "summary") || g_str_equal (spec->name, "sms"))
    /* A sentence or two: a one-line input would hide most of it. */
    hub_html_add (html, "<textarea name=\"%s\" id=\"%s\" rows=\"3\">%s</textarea>", path, path, value);
  else
    hub_html_add (html, "<input name=\"%s\" id=\"%s\" type=\"%s\" value=\"%s\">", path, path,
                  spec->type == CONTENT_FIELD_DATE ? "date" : "text", value);
}

/* A field of @obj (the record, or the kind's object under @prefix). Localized fields get one
 * input per language shown. */
static void
render_field (HubHtml *html, JsonObject *obj, const char *prefix, const ContentFieldSpec *spec,
              const char *lang, GHashTable *problems)
{
  g_autofree char *path = *prefix != '\0' ? g_strdup_printf ("%s.%s", prefix, spec->name) : g_strdup (spec->name);
  JsonNode *node = obj != NULL ? json_object_get_member (obj, spec->name) : NULL;
  const char *langs[] = { "vi", lang, NULL };

  hub_html_add (html, "<div class=\"field\"><label for=\"%s\">%s</label>", path, label_of (spec->name));
  if (spec->type == CONTENT_FIELD_LTEXT || spec->type == CONTENT_FIELD_LLIST)
    {
      JsonObject *per_lang = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      hub_html_add (html, "<div class=\"side-by-side\">");
      for (guint i = 0; langs[i] != NULL && (i == 0 || !g_str_equal (langs[i], "vi")); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, langs[i]);
          g_autofree char *value = member_text (per_lang != NULL ? json_object_get_member (per_lang, langs[i]) : NULL,
                                                &(ContentFieldSpec) { spec->name, spec->type == CONTENT_FIELD_LLIST ? CONTENT_FIELD_STRINGS : CONTENT_FIELD_STRING });
          hub_html_add (html, "<div lang=\"%s\"><span class=\"lang-tag\">%s</span>", langs[i], langs[i]);
          render_input (html, sub, &(ContentFieldSpec) { spec->name, spec->type == CONTENT_FIELD_LLIST ? CONTENT_FIELD_STRINGS : CONTENT_FIELD_STRING }, value, FALSE);
          hub_draft_render_field_problems (html, problems, sub);
          hub_html_add (html, "</div>");
        }
      hub_html_add (html, "</div>");
    }
  else
    {
      g_autofree char *value = member_text (node, spec);
      render_input (html, path, spec, value, FALSE);
    }
  hub_draft_render_field_problems (html, problems, path);
  hub_html_add (html, "</div>");
}

static void
render_topics (HubHtml *html, ContentStore *store, JsonObject *record, GHashTable *problems)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  JsonArray *chosen = json_object_has_member (record, "topics") ? json_object_get_array_member (record, "topics") : NULL;

  hub_html_add (html, "<fieldset class=\"field topics\"><legend>%s</legend>", label_of ("topics"));
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      gboolean on = FALSE;
      for (guint k = 0; chosen != NULL && k < json_array_get_length (chosen); k++)
        on |= g_strcmp0 (json_array_get_string_element (chosen, k), topic->id) == 0;
      hub_html_add (html, "<label class=\"check\"><input type=\"checkbox\" name=\"topics\" value=\"%s\"%s> %s</label>",
                    topic->id, on ? " checked" : "", content_topic_get_name (topic, "vi", NULL));
    }
  /* Unticked boxes post nothing: this says the boxes were on the form, so none ticked means none. */
  hub_html_add (html, "<input type=\"hidden\" name=\"topics_shown\" value=\"1\">");
  hub_draft_render_field_problems (html, problems, "topics");
  hub_html_add (html, "</fieldset>");
}

/* The texts, Vietnamese and @lang side by side, row by row. */
static void
render_texts (HubHtml *html, JsonObject *record, const char *lang, GHashTable *problems)
{
  JsonObject *texts = json_object_has_member (record, "texts") ? json_object_get_object_member (record, "texts") : NULL;
  const ContentFieldSpec *fields = content_validator_fields ("text");
  const char *langs[] = { "vi", g_str_equal (lang, "vi") ? NULL : lang, NULL };

  hub_html_add (html, "<fieldset class=\"texts\"><legend>%s</legend>", _("Texts"));
  for (guint f = 0; fields[f].name != NULL; f++)
    {
      hub_html_add (html, "<div class=\"side-by-side\">");
      for (guint i = 0; langs[i] != NULL; i++)
        {
          JsonObject *text = texts != NULL && json_object_has_member (texts, langs[i]) ? json_object_get_object_member (texts, langs[i]) : NULL;
          g_autofree char *path = g_strdup_printf ("texts.%s.%s", langs[i], fields[f].name);
          g_autofree char *value = member_text (text != NULL ? json_object_get_member (text, fields[f].name) : NULL, &fields[f]);
          hub_html_add (html, "<div class=\"field\" lang=\"%s\"><label for=\"%s\">%s <span class=\"lang-tag\">%s</span></label>",
                        langs[i], path, label_of (fields[f].name), langs[i]);
          render_input (html, path, &fields[f], value, g_str_equal (fields[f].name, "body"));
          hub_draft_render_field_problems (html, problems, path);
          hub_html_add (html, "</div>");
        }
      hub_html_add (html, "</div>");
    }
  hub_draft_render_field_problems (html, problems, "texts");
  hub_html_add (html, "</fieldset>");
}

void
hub_item_form_render (HubHtml *html, ContentStore *store, JsonObject *record, const char *lang, GHashTable *problems)
{
  const char *kind = json_object_get_string_member_with_default (record, "kind", "");
  const ContentFieldSpec *item = content_validator_fields ("item");
  const ContentFieldSpec *own = content_validator_fields (kind);
  JsonObject *own_obj = json_object_has_member (record, kind) ? json_object_get_object_member (record, kind) : NULL;

  hub_draft_render_field_problems (html, problems, "id");
  render_texts (html, record, lang, problems);
  hub_html_add (html, "<fieldset><legend>%s</legend>", _("About this item"));
  for (guint i = 0; item[i].name != NULL; i++)
    if (g_str_equal (item[i].name, "topics"))
      render_topics (html, store, record, problems);
    else if (!g_str_equal (item[i].name, "id") && !g_str_equal (item[i].name, "kind")
             && !g_str_equal (item[i].name, "status") && !g_str_equal (item[i].name, "media"))
      render_field (html, record, "", &item[i], lang, problems);
  for (guint i = 0; own != NULL && own[i].name != NULL; i++)
    render_field (html, own_obj, kind, &own[i], lang, problems);
  hub_draft_render_field_problems (html, problems, kind);
  hub_html_add (html, "</fieldset>");
}

/* The posted text @value as the JSON the field's type takes. Empty is absent, or null where
 * the field may be null; numbers that do not parse stay strings, for the validator to name. */
static JsonNode *
value_node (const ContentFieldSpec *spec, const char *value, const char *path, GHashTable *problems)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GString) lf = g_string_new (value);
  JsonNode *node;

  /* Browsers post a textarea's lines ended by CR LF: store LF, or every saved body would differ
   * from the last on every line and carry CRs to the kiosks. */
  g_string_replace (lf, "\r\n", "\n", 0);
  g_string_replace (lf, "\r", "\n", 0);
  trimmed = g_strstrip (g_string_free (g_steal_pointer (&lf), FALSE));

  if (*trimmed == '\0')
    return spec->flags & CONTENT_FIELD_NULLABLE ? json_node_new (JSON_NODE_NULL) : NULL;
  switch (spec->type)
    {
    case CONTENT_FIELD_INT:
    case CONTENT_FIELD_NUMBER:
      {
        char *end;
        double d = g_ascii_strtod (trimmed, &end);
        node = json_node_new (JSON_NODE_VALUE);
        if (*end != '\0')
          json_node_set_string (node, trimmed);
        else if (spec->type == CONTENT_FIELD_INT && d == (gint64) d)
          json_node_set_int (node, (gint64) d);
        else
          json_node_set_double (node, d);
        return node;
      }
    case CONTENT_FIELD_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), g_str_equal (trimmed, "true"));
    case CONTENT_FIELD_STRINGS:
    case CONTENT_FIELD_IDS:
      {
        g_auto(GStrv) lines = g_strsplit (trimmed, "\n", -1);
        JsonArray *array = json_array_new ();
        for (guint i = 0; lines[i] != NULL; i++)
          if (*g_strstrip (lines[i]) != '\0')
            json_array_add_string_element (array, lines[i]);
        return json_node_init_array (json_node_alloc (), array);
      }
    case CONTENT_FIELD_OBJECT:
    case CONTENT_FIELD_OBJECTS:
    case CONTENT_FIELD_ANY:
      {
        g_autoptr(GError) error = NULL;
        if (g_str_equal (spec->name, "sources"))
          {
            g_auto(GStrv) lines = g_strsplit (trimmed, "\n", -1);
            JsonArray *array = json_array_new ();
            for (guint i = 0; lines[i] != NULL; i++)
              {
                g_auto(GStrv) parts = g_strsplit (lines[i], "|", 2);
                JsonObject *source = json_object_new ();
                if (*g_strstrip (lines[i]) == '\0')
                  {
                    json_object_unref (source);
                    continue;
                  }
                json_object_set_string_member (source, "title", g_strstrip (parts[0]));
                if (parts[1] != NULL && *g_strstrip (parts[1]) != '\0')
                  json_object_set_string_member (source, "url", parts[1]);
                json_array_add_object_element (array, source);
              }
            return json_node_init_array (json_node_alloc (), array);
          }
        node = json_from_string (trimmed, &error);
        if (node == NULL)
          hub_draft_add_problem (problems, path, _("is not valid JSON; nothing was saved"));
        return node;
      }
    default:
      return json_node_init_string (json_node_alloc (), trimmed);
    }
}

/* Sets member @name of @obj from the form field @path (removing it when left empty). */
static void
read_member (HubRequest *req, JsonObject *obj, const ContentFieldSpec *spec, const char *name, const char *path,
             GHashTable *problems)
{
  const char *value = hub_request_field (req, path);
  JsonNode *node;

  if (value == NULL)
    return;
  node = value_node (spec, value, path, problems);
  if (node != NULL)
    json_object_set_member (obj, name, node);
  else
    json_object_remove_member (obj, name);
}

static JsonObject *
ensure_object (JsonObject *parent, const char *name)
{
  if (!json_object_has_member (parent, name) || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (parent, name)))
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

static void
read_field (HubRequest *req, JsonObject *obj, const char *prefix, const ContentFieldSpec *spec, const char *lang,
            GHashTable *problems)
{
  g_autofree char *path = *prefix != '\0' ? g_strdup_printf ("%s.%s", prefix, spec->name) : g_strdup (spec->name);
  const char *langs[] = { "vi", lang, NULL };
  ContentFieldSpec inner = { spec->name, spec->type == CONTENT_FIELD_LLIST ? CONTENT_FIELD_STRINGS : CONTENT_FIELD_STRING };
  JsonObject *per_lang;

  if (spec->type != CONTENT_FIELD_LTEXT && spec->type != CONTENT_FIELD_LLIST)
    {
      read_member (req, obj, spec, spec->name, path, problems);
      return;
    }
  if (json_object_has_member (obj, spec->name) && JSON_NODE_HOLDS_NULL (json_object_get_member (obj, spec->name)))
    json_object_remove_member (obj, spec->name);
  per_lang = ensure_object (obj, spec->name);
  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s.%s", path, langs[i]);
      read_member (req, per_lang, &inner, langs[i], sub, problems);
    }
  if (json_object_get_size (per_lang) == 0 && spec->flags & CONTENT_FIELD_NULLABLE)
    json_object_set_null_member (obj, spec->name);
}

static void
read_texts (HubRequest *req, JsonObject *record, const char *lang, GHashTable *problems)
{
  const ContentFieldSpec *fields = content_validator_fields ("text");
  JsonObject *texts = ensure_object (record, "texts");
  const char *langs[] = { "vi", lang, NULL };

  for (guint i = 0; langs[i] != NULL; i++)
    {
      JsonObject *text = ensure_object (texts, langs[i]);
      gboolean any = FALSE;
      for (guint f = 0; fields[f].name != NULL; f++)
        {
          g_autofree char *path = g_strdup_printf ("texts.%s.%s", langs[i], fields[f].name);
          read_member (req, text, &fields[f], fields[f].name, path, problems);
          any |= json_object_has_member (text, fields[f].name)
                 && !JSON_NODE_HOLDS_NULL (json_object_get_member (text, fields[f].name));
        }
      /* A translation left wholly empty is no translation (Vietnamese is always kept, for the
       * validator to ask for its title). */
      if (!any && i > 0)
        json_object_remove_member (texts, langs[i]);
    }
}

void
hub_item_form_read (HubRequest *req, JsonObject *record, const char *lang, GHashTable *problems)
{
  const char *kind = json_object_get_string_member_with_default (record, "kind", "");
  const ContentFieldSpec *item = content_validator_fields ("item");
  const ContentFieldSpec *own = content_validator_fields (kind);
  JsonArray *topic_array = json_array_new ();

  read_texts (req, record, lang, problems);
  for (guint i = 0; item[i].name != NULL; i++)
    if (!g_str_equal (item[i].name, "id") && !g_str_equal (item[i].name, "kind") && !g_str_equal (item[i].name, "status")
        && !g_str_equal (item[i].name, "media") && !g_str_equal (item[i].name, "topics"))
      read_field (req, record, "", &item[i], lang, problems);
  /* Checkboxes: every checked one is posted under the same name. */
  if (hub_request_field (req, "topics_shown") != NULL)
  {
    g_autofree char *posted = g_strdup (hub_request_field (req, "topics"));
    g_auto(GStrv) chosen = posted != NULL ? g_strsplit (posted, "\n", -1) : g_new0 (char *, 1);
    for (guint i = 0; chosen[i] != NULL; i++)
      if (*chosen[i] != '\0')
        json_array_add_string_element (topic_array, chosen[i]);
    json_object_set_array_member (record, "topics", json_array_ref (topic_array));
  }
  json_array_unref (topic_array);
  if (own != NULL)
    for (guint i = 0; own[i].name != NULL; i++)
      read_field (req, ensure_object (record, kind), kind, &own[i], lang, problems);
}

void
hub_item_form_file_problems (GHashTable *problems, const char *message, const char *what, const char *id)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("form: %s %s: ", what, id);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      const char *rest = g_str_has_prefix (line, prefix) ? line + strlen (prefix) : line;
      const char *colon = strstr (rest, ": ");
      g_autofree char *field = colon != NULL ? g_strndup (rest, colon - rest) : NULL;

      /* "law.relations[0].type" is shown at "law.relations"; a reason with no field, at "". */
      if (field != NULL && strpbrk (field, " “") == NULL)
        {
          char *bracket = strchr (field, '[');
          if (bracket != NULL)
            *bracket = '\0';
          hub_draft_add_problem (problems, field, colon + 2);
        }
      else
        hub_draft_add_problem (problems, "", rest);
    }
}
