/* content-rule-set.c: eligibility rules as data, checked as a whole.
 *
 * An officer corrects a threshold or a reason without a release, so rules are data in the
 * content store: questions (with their kiosk and SMS wording), parameters with dated values,
 * named conditions, per benefit a condition tree valid for a period, and the case tables that
 * pin down what the rules must decide. Each part is kept as the JSON the officer wrote
 * (content/RULES.md) and checked here against the format and against the other parts, always as
 * the whole set that will result: a changed question must not leave a stored rule comparing it
 * the wrong way, nor a case table answering a question that is gone. Evaluation is
 * content-screening.c; running the case tables, content-rule-cases.c.
 *
 * Every criterion people are told about carries its reason worded both ways, met and not met,
 * because one wording cannot serve both: "Aged 75 or over" under a refusal reads as its opposite.
 */
#include "content-rule-set.h"
#include "content-store-private.h"
#include "content-error.h"
#include "content-language.h"

#include <string.h>

/* SMS wording must leave room for the numbered options in one message. */
#define SMS_TEXT_MAX 120

static const char *const kind_names[CONTENT_N_RULE_KINDS] = {
  "question", "parameter", "condition", "rule", "cases",
};

const char *
content_rule_kind_to_string (ContentRuleKind kind)
{
  return kind_names[kind];
}

ContentRulePart *
content_rule_part_new (ContentRuleKind kind, const char *id, JsonNode *definition)
{
  ContentRulePart *part = g_new0 (ContentRulePart, 1);

  part->kind = kind;
  part->id = g_strdup (id);
  part->definition = json_node_ref (definition);
  return part;
}

void
content_rule_part_free (ContentRulePart *part)
{
  if (part == NULL)
    return;
  g_free (part->id);
  g_free (part->file);
  json_node_unref (part->definition);
  g_free (part);
}

struct _ContentRuleSet {
  GHashTable *parts[CONTENT_N_RULE_KINDS];  /* id → ContentRulePart */
  GPtrArray *ordered[CONTENT_N_RULE_KINDS]; /* cache for content_rule_set_parts() */
  GHashTable *benefits;                     /* id → ContentItem */
};

ContentRuleSet *
content_rule_set_new (void)
{
  ContentRuleSet *self = g_new0 (ContentRuleSet, 1);

  for (int k = 0; k < CONTENT_N_RULE_KINDS; k++)
    self->parts[k] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) content_rule_part_free);
  self->benefits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) content_item_free);
  return self;
}

void
content_rule_set_free (ContentRuleSet *self)
{
  if (self == NULL)
    return;
  for (int k = 0; k < CONTENT_N_RULE_KINDS; k++)
    {
      g_clear_pointer (&self->ordered[k], g_ptr_array_unref);
      g_hash_table_unref (self->parts[k]);
    }
  g_hash_table_unref (self->benefits);
  g_free (self);
}

void
content_rule_set_add (ContentRuleSet *self, ContentRulePart *part)
{
  g_clear_pointer (&self->ordered[part->kind], g_ptr_array_unref);
  g_hash_table_replace (self->parts[part->kind], part->id, part);
}

ContentRulePart *
content_rule_set_get (ContentRuleSet *self, ContentRuleKind kind, const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->parts[kind], id) : NULL;
}

const ContentItem *
content_rule_set_get_benefit (ContentRuleSet *self, const char *id)
{
  return g_hash_table_lookup (self->benefits, id);
}

static gint
compare_parts (gconstpointer a, gconstpointer b)
{
  const ContentRulePart *pa = *(const ContentRulePart *const *) a;
  const ContentRulePart *pb = *(const ContentRulePart *const *) b;

  if (pa->position != pb->position)
    return pa->position < pb->position ? -1 : 1;
  return strcmp (pa->id, pb->id);
}

GPtrArray *
content_rule_set_parts (ContentRuleSet *self, ContentRuleKind kind)
{
  if (self->ordered[kind] == NULL)
    {
      GHashTableIter iter;
      gpointer part;

      self->ordered[kind] = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, self->parts[kind]);
      while (g_hash_table_iter_next (&iter, NULL, &part))
        g_ptr_array_add (self->ordered[kind], part);
      g_ptr_array_sort (self->ordered[kind], compare_parts);
    }
  return self->ordered[kind];
}

ContentRuleSet *
content_rule_set_load (ContentStore *store, GError **error)
{
  g_autoptr(ContentRuleSet) self = content_rule_set_new ();
  sqlite3_stmt *stmt = content_store_prepare (store,
      "SELECT kind, id, position, definition FROM rule_parts", error);
  GPtrArray *rules;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind_name = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonNode) def = json_from_string ((const char *) sqlite3_column_text (stmt, 3), NULL);
      ContentRulePart *part;
      int kind;

      for (kind = 0; kind < CONTENT_N_RULE_KINDS && !g_str_equal (kind_names[kind], kind_name); kind++)
        ;
      if (kind == CONTENT_N_RULE_KINDS || def == NULL)
        continue;  /* the schema's CHECK constraints make this unreachable */
      part = content_rule_part_new (kind, (const char *) sqlite3_column_text (stmt, 1), def);
      part->position = sqlite3_column_int (stmt, 2);
      content_rule_set_add (self, part);
    }
  if (rc != SQLITE_DONE)
    {
      content_store_fail (store, "reading rules", error);
      return NULL;
    }
  rules = content_rule_set_parts (self, CONTENT_RULE_BENEFIT);
  for (guint i = 0; i < rules->len; i++)
    {
      ContentRulePart *rule = g_ptr_array_index (rules, i);
      ContentItem *item = content_store_get_item (store, rule->id, error);
      if (item == NULL)
        return NULL;
      g_hash_table_insert (self->benefits, g_strdup (rule->id), item);
    }
  return g_steal_pointer (&self);
}

/* ---- Reading files ---- */

static const char *const list_members[] = { "questions", "parameters", "conditions", NULL };
static const ContentRuleKind list_kinds[] = {
  CONTENT_RULE_QUESTION, CONTENT_RULE_PARAMETER, CONTENT_RULE_CONDITION,
};

static void
parse_list (const char *file, JsonNode *array, ContentRuleKind kind, GPtrArray *parts, GPtrArray *problems)
{
  if (!JSON_NODE_HOLDS_ARRAY (array))
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: %ss: must be an array", file, kind_names[kind]));
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (array)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (array), i);
      JsonNode *id = JSON_NODE_HOLDS_OBJECT (e) ? json_object_get_member (json_node_get_object (e), "id") : NULL;
      ContentRulePart *part;

      if (id == NULL || !content_validator_holds_string (id) || !content_validator_is_key (json_node_get_string (id)))
        {
          g_ptr_array_add (problems, g_strdup_printf ("%s: %ss[%u]: id: must be a key: a lower-case "
                                                      "letter, then lower-case letters, digits and '_'",
                                                      file, kind_names[kind], i));
          continue;
        }
      part = content_rule_part_new (kind, json_node_get_string (id), e);
      part->position = (gint) i;
      part->file = g_strdup (file);
      g_ptr_array_add (parts, part);
    }
}

const char *
content_rule_kind_list_member (ContentRuleKind kind)
{
  for (gsize k = 0; k < G_N_ELEMENTS (list_kinds); k++)
    if (list_kinds[k] == kind)
      return list_members[k];
  return NULL;
}

void
content_rule_set_parse_file (const char *file, JsonNode *root, GPtrArray *parts, GPtrArray *problems)
{
  JsonObject *obj;
  JsonNode *benefit;
  gboolean any = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: must hold a JSON object", file));
      return;
    }
  obj = json_node_get_object (root);
  for (gsize k = 0; k < G_N_ELEMENTS (list_kinds); k++)
    if (json_object_has_member (obj, list_members[k]))
      {
        any = TRUE;
        parse_list (file, json_object_get_member (obj, list_members[k]), list_kinds[k], parts, problems);
      }
  benefit = json_object_get_member (obj, "benefit");
  if (benefit != NULL && !any)
    {
      ContentRulePart *part;

      if (!content_validator_holds_string (benefit) || !content_validator_is_id (json_node_get_string (benefit)))
        {
          g_ptr_array_add (problems, g_strdup_printf ("%s: benefit: must be the id of a benefit item", file));
          return;
        }
      part = content_rule_part_new (CONTENT_RULE_BENEFIT, json_node_get_string (benefit), root);
      part->file = g_strdup (file);
      g_ptr_array_add (parts, part);
    }
  else if (any)
    {
      g_autoptr(GList) members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (list_members, l->data))
          g_ptr_array_add (problems, g_strdup_printf ("%s: %s: is not a known field here", file,
                                                      (const char *) l->data));
    }
  else
    g_ptr_array_add (problems, g_strdup_printf ("%s: not a rules file: expected \"questions\", "
                                                "\"parameters\", \"conditions\" or a benefit's "
                                                "\"benefit\" and \"versions\"%s", file,
                                                json_object_has_member (obj, "cases")
                                                ? " (case tables go in rules/cases/)" : ""));
}

void
content_rule_set_parse_cases_file (const char *file, JsonNode *root, GPtrArray *parts, GPtrArray *problems)
{
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *id = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  ContentRulePart *part;

  if (!content_validator_is_id (id))
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: a case table is named by its file, which must be an "
                                                  "id: lower-case letters, digits and '-', starting with "
                                                  "a letter", file));
      return;
    }
  part = content_rule_part_new (CONTENT_RULE_CASES, id, root);
  part->file = g_strdup (file);
  g_ptr_array_add (parts, part);
}

/* ---- Checking ---- */

static const char *const question_types[] = { "yes_no", "choice", "number", NULL };
static const char *const ops_yes_no[] = { "=", "!=", NULL };
static const char *const ops_choice[] = { "=", "!=", "in", "not_in", NULL };
static const char *const ops_number[] = { "=", "!=", "<", "<=", ">", ">=", NULL };

static const ContentFieldSpec choice_fields[] = {
  { "value", CONTENT_FIELD_KEY, CONTENT_FIELD_REQUIRED },
  { "label", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { NULL }
};

static const ContentFieldSpec question_fields[] = {
  { "id", CONTENT_FIELD_KEY, CONTENT_FIELD_REQUIRED },
  { "type", CONTENT_FIELD_ENUM, CONTENT_FIELD_REQUIRED, question_types },
  { "text", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { "sms", CONTENT_FIELD_LTEXT, CONTENT_FIELD_REQUIRED },
  { "unit", CONTENT_FIELD_LTEXT, 0 },
  { "min", CONTENT_FIELD_NUMBER, 0, NULL, -1e15, 1e15 },
  { "max", CONTENT_FIELD_NUMBER, 0, NULL, -1e15, 1e15 },
  { "choices", CONTENT_FIELD_OBJECTS, 0, NULL, 0, 0, choice_fields },
  { "dont_know", CONTENT_FIELD_BOOLEAN, 0 },
  { NULL }
};

static const ContentFieldSpec value_fields[] = {
  { "from", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "to", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "value", CONTENT_FIELD_NUMBER, CONTENT_FIELD_REQUIRED, NULL, -1e15, 1e15 },
  { "reference", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { NULL }
};

static const ContentFieldSpec parameter_fields[] = {
  { "id", CONTENT_FIELD_KEY, CONTENT_FIELD_REQUIRED },
  { "unit", CONTENT_FIELD_STRING, CONTENT_FIELD_REQUIRED },
  { "values", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY, NULL, 0, 0, value_fields },
  { NULL }
};

static const ContentFieldSpec condition_fields[] = {
  { "id", CONTENT_FIELD_KEY, CONTENT_FIELD_REQUIRED },
  { "condition", CONTENT_FIELD_ANY, CONTENT_FIELD_REQUIRED },
  { NULL }
};

static const ContentFieldSpec version_fields[] = {
  { "from", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "to", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NULLABLE },
  { "condition", CONTENT_FIELD_ANY, CONTENT_FIELD_REQUIRED },
  { NULL }
};

static const ContentFieldSpec benefit_fields[] = {
  { "benefit", CONTENT_FIELD_ID, CONTENT_FIELD_REQUIRED },
  { "versions", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY, NULL, 0, 0, version_fields },
  { NULL }
};

static const ContentFieldSpec case_fields[] = {
  { "name", CONTENT_FIELD_STRING, 0 },
  { "date", CONTENT_FIELD_DATE, CONTENT_FIELD_REQUIRED },
  { "answers", CONTENT_FIELD_ANY, CONTENT_FIELD_REQUIRED },
  { "expect", CONTENT_FIELD_ANY, CONTENT_FIELD_REQUIRED },
  { NULL }
};

static const ContentFieldSpec cases_fields[] = {
  { "cases", CONTENT_FIELD_OBJECTS, CONTENT_FIELD_REQUIRED | CONTENT_FIELD_NONEMPTY, NULL, 0, 0, case_fields },
  { NULL }
};

static const ContentFieldSpec *const part_fields[CONTENT_N_RULE_KINDS] = {
  question_fields, parameter_fields, condition_fields, benefit_fields, cases_fields,
};


/* The question named in a comparison, or NULL. */
static JsonObject *
question_of (ContentRuleSet *set, const char *id)
{
  ContentRulePart *q = content_rule_set_get (set, CONTENT_RULE_QUESTION, id);

  return q != NULL && JSON_NODE_HOLDS_OBJECT (q->definition) ? json_node_get_object (q->definition) : NULL;
}

static gboolean
has_choice (JsonObject *question, const char *value)
{
  JsonArray *choices = json_object_has_member (question, "choices")
                       ? json_object_get_array_member (question, "choices") : NULL;

  for (guint i = 0; choices != NULL && value != NULL && i < json_array_get_length (choices); i++)
    {
      JsonObject *c = json_array_get_object_element (choices, i);
      if (c != NULL && g_strcmp0 (content_validator_member_string (c, "value"), value) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
sub_path (const char *path, const char *member)
{
  return *path != '\0' ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
}

static void check_condition (ContentRuleSet *set, ContentValidation *v, JsonNode *node, const char *path);

/* Members @obj, a condition node or a reason (@what), may have. */
static void
check_members (ContentValidation *v, JsonObject *obj, const char *const *allowed, const char *what,
               const char *path)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *sub = sub_path (path, l->data);
        content_validation_add (v, sub, "is not a known field of %s", what);
      }
}

/* A reason is {"met": text, "not_met": text}: people are told the one that matches. */
static void
check_reason (ContentValidation *v, JsonObject *obj, gboolean required, const char *path)
{
  static const char *const ways[] = { "met", "not_met", NULL };
  static const char *const told[] = { "when it is met", "when it is not met" };
  g_autofree char *sub = sub_path (path, "reason");
  JsonNode *reason = json_object_get_member (obj, "reason");

  if (reason == NULL)
    {
      if (required)
        content_validation_add (v, sub, "is required: people are told why, whether the criterion is met or not");
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (reason))
    {
      content_validation_add (v, sub, "must be {\"met\": text, \"not_met\": text}, worded both ways");
      return;
    }
  check_members (v, json_node_get_object (reason), ways, "a reason", sub);
  for (gsize i = 0; ways[i] != NULL; i++)
    {
      g_autofree char *way = sub_path (sub, ways[i]);
      JsonNode *text = json_object_get_member (json_node_get_object (reason), ways[i]);

      if (text == NULL)
        content_validation_add (v, way, "is required: the wording people read %s", told[i]);
      else
        content_validator_check_ltext (v, text, way);
    }
}

static void
check_comparison (ContentRuleSet *set, ContentValidation *v, JsonObject *obj, const char *path)
{
  static const char *const allowed[] = { "question", "op", "value", "values", "parameter", "reason", NULL };
  const char *qid = content_validator_member_string (obj, "question");
  const char *op = content_validator_member_string (obj, "op");
  JsonObject *q = question_of (set, qid);
  const char *type = q != NULL ? content_validator_member_string (q, "type") : NULL;
  JsonNode *value = json_object_get_member (obj, "value");
  JsonNode *values = json_object_get_member (obj, "values");
  const char *param = content_validator_member_string (obj, "parameter");
  g_autofree char *qpath = sub_path (path, "question");
  g_autofree char *oppath = sub_path (path, "op");
  g_autofree char *vpath = sub_path (path, values != NULL ? "values" : param != NULL ? "parameter" : "value");

  check_members (v, obj, allowed, "this condition", path);
  check_reason (v, obj, TRUE, path);
  if (q == NULL || type == NULL)
    {
      content_validation_add (v, qpath, "no question “%s”", qid != NULL ? qid : "");
      return;
    }
  if (g_str_equal (type, "yes_no"))
    {
      if (op == NULL || !g_strv_contains (ops_yes_no, op))
        content_validation_add (v, oppath, "must be = or != for the yes/no question %s", qid);
      else if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        content_validation_add (v, vpath, "must be true or false: %s is a yes/no question", qid);
    }
  else if (g_str_equal (type, "choice"))
    {
      gboolean many = op != NULL && (g_str_equal (op, "in") || g_str_equal (op, "not_in"));
      if (op == NULL || !g_strv_contains (ops_choice, op))
        content_validation_add (v, oppath, "must be =, !=, in or not_in for the choice question %s", qid);
      else if (many && (values == NULL || !JSON_NODE_HOLDS_ARRAY (values)
                        || json_array_get_length (json_node_get_array (values)) == 0))
        content_validation_add (v, vpath, "must be a non-empty array of %s's choices", qid);
      else if (many)
        for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
          {
            const char *c = json_array_get_string_element (json_node_get_array (values), i);
            if (!has_choice (q, c))
              content_validation_add (v, vpath, "“%s” is not a choice of %s", c ? c : "", qid);
          }
      else if (value == NULL || !content_validator_holds_string (value) || !has_choice (q, json_node_get_string (value)))
        content_validation_add (v, vpath, "must be one of %s's choices", qid);
    }
  else
    {
      if (op == NULL || !g_strv_contains (ops_number, op))
        content_validation_add (v, oppath, "must be one of = != < <= > >= for the number question %s", qid);
      else if ((value != NULL) == (param != NULL))
        content_validation_add (v, vpath, "give either a number \"value\" or a \"parameter\"");
      else if (value != NULL && !content_validator_holds_number (value))
        content_validation_add (v, vpath, "must be a number: %s is a number question", qid);
      else if (param != NULL && content_rule_set_get (set, CONTENT_RULE_PARAMETER, param) == NULL)
        content_validation_add (v, vpath, "no parameter “%s”", param);
    }
}

static void
check_condition (ContentRuleSet *set, ContentValidation *v, JsonNode *node, const char *path)
{
  static const char *const ops[] = { "all", "any", "not", "question", "ref" };
  JsonObject *obj;
  const char *op = NULL;
  guint n = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, path, "must be a condition object");
      return;
    }
  obj = json_node_get_object (node);
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (json_object_has_member (obj, ops[i]))
      {
        op = ops[i];
        n++;
      }
  if (n != 1)
    {
      content_validation_add (v, path, "must have exactly one of all, any, not, question, ref");
      return;
    }
  if (g_str_equal (op, "question"))
    check_comparison (set, v, obj, path);
  else if (g_str_equal (op, "ref"))
    {
      static const char *const allowed[] = { "ref", "reason", NULL };
      const char *ref = content_validator_member_string (obj, "ref");
      g_autofree char *sub = sub_path (path, "ref");
      check_members (v, obj, allowed, "this condition", path);
      check_reason (v, obj, FALSE, path);
      if (content_rule_set_get (set, CONTENT_RULE_CONDITION, ref) == NULL)
        content_validation_add (v, sub, "no named condition “%s”", ref != NULL ? ref : "");
    }
  else if (g_str_equal (op, "not"))
    {
      static const char *const allowed[] = { "not", "reason", NULL };
      g_autofree char *sub = sub_path (path, "not");
      check_members (v, obj, allowed, "this condition", path);
      /* What a negation means is said in its own words: its parts name what it excludes. */
      check_reason (v, obj, TRUE, path);
      check_condition (set, v, json_object_get_member (obj, "not"), sub);
    }
  else
    {
      static const char *const allowed[] = { "all", "any", "reason", NULL };
      JsonNode *list = json_object_get_member (obj, op);
      check_members (v, obj, allowed, "this condition", path);
      check_reason (v, obj, FALSE, path);
      if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
        {
          g_autofree char *sub = sub_path (path, op);
          content_validation_add (v, sub, "must be a non-empty array of conditions");
          return;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s%s%s[%u]", path, *path ? "." : "", op, i);
          check_condition (set, v, json_array_get_element (json_node_get_array (list), i), sub);
        }
    }
}

static void
check_question (ContentValidation *v, JsonObject *q)
{
  const char *type = content_validator_member_string (q, "type");
  JsonObject *sms = json_object_has_member (q, "sms") ? json_object_get_object_member (q, "sms") : NULL;
  g_autoptr(GList) langs = sms != NULL ? json_object_get_members (sms) : NULL;
  gboolean number = g_strcmp0 (type, "number") == 0;
  gboolean choice = g_strcmp0 (type, "choice") == 0;

  for (GList *l = langs; l != NULL; l = l->next)
    {
      const char *text = json_object_get_string_member_with_default (sms, l->data, "");
      if (g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) > SMS_TEXT_MAX)
        {
          g_autofree char *sub = g_strdup_printf ("sms.%s", (const char *) l->data);
          content_validation_add (v, sub, "is %ld characters; at most %d fit beside the options",
                                  g_utf8_strlen (text, -1), SMS_TEXT_MAX);
        }
    }
  if (number)
    {
      if (!json_object_has_member (q, "unit") || !json_object_has_member (q, "min")
          || !json_object_has_member (q, "max"))
        content_validation_add (v, NULL, "a number question needs unit, min and max");
      else if (json_object_get_double_member (q, "min") >= json_object_get_double_member (q, "max"))
        content_validation_add (v, "max", "must be above min");
    }
  if (choice != json_object_has_member (q, "choices"))
    content_validation_add (v, "choices", choice ? "are required for a choice question"
                                                 : "are only for choice questions");
  else if (choice)
    {
      JsonArray *choices = json_object_get_array_member (q, "choices");
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      if (json_array_get_length (choices) < 2)
        content_validation_add (v, "choices", "need at least two");
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          JsonObject *c = json_array_get_object_element (choices, i);
          const char *value = c != NULL ? content_validator_member_string (c, "value") : NULL;
          if (value != NULL && !g_hash_table_add (seen, (gpointer) value))
            content_validation_add (v, "choices", "“%s” is given twice", value);
        }
    }
}

/* Periods given as {"from", "to"} in @array must not overlap; an open end ("to": null) must be
 * the last. */
static void
check_periods (ContentValidation *v, JsonArray *array, const char *member)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *a = json_array_get_object_element (array, i);
      const char *from = a ? content_validator_member_string (a, "from") : NULL;
      const char *to = a ? content_validator_member_string (a, "to") : NULL;
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);

      if (from != NULL && to != NULL && strcmp (to, from) < 0)
        content_validation_add (v, path, "ends (%s) before it starts (%s)", to, from);
      for (guint j = i + 1; j < n; j++)
        {
          JsonObject *b = json_array_get_object_element (array, j);
          const char *bfrom = b ? content_validator_member_string (b, "from") : NULL;
          const char *bto = b ? content_validator_member_string (b, "to") : NULL;
          if (from == NULL || bfrom == NULL)
            continue;
          /* Dates written YYYY-MM-DD compare as text. */
          if ((to == NULL || strcmp (bfrom, to) <= 0) && (bto == NULL || strcmp (from, bto) <= 0))
            content_validation_add (v, path, "overlaps %s[%u]: a date would have two answers", member, j);
        }
    }
}

/* Named conditions may refer to each other, but never in a circle. */
static gboolean
refs_reach (ContentRuleSet *set, JsonNode *node, const char *target, guint depth)
{
  JsonObject *obj;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 64)
    return depth > 64;
  obj = json_node_get_object (node);
  if (json_object_has_member (obj, "ref"))
    {
      const char *ref = content_validator_member_string (obj, "ref");
      ContentRulePart *named = content_rule_set_get (set, CONTENT_RULE_CONDITION, ref);
      if (ref != NULL && g_str_equal (ref, target))
        return TRUE;
      return named != NULL
             && refs_reach (set, json_object_get_member (json_node_get_object (named->definition), "condition"),
                            target, depth + 1);
    }
  if (json_object_has_member (obj, "not"))
    return refs_reach (set, json_object_get_member (obj, "not"), target, depth + 1);
  for (gsize k = 0; k < 2; k++)
    {
      JsonNode *list = json_object_get_member (obj, k == 0 ? "all" : "any");
      for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list)
                        && i < json_array_get_length (json_node_get_array (list)); i++)
        if (refs_reach (set, json_array_get_element (json_node_get_array (list), i), target, depth + 1))
          return TRUE;
    }
  return FALSE;
}

/* ---- Case tables ---- */

static const char *const verdicts[] = { "eligible", "not_eligible", "undecided", NULL };

/* An answer as people give it: a string ("yes", a choice, digits), or a whole number for digits.
 * Whether the engine accepts it is for running the case. */
static void
check_case_answer (ContentRuleSet *set, ContentValidation *v, const char *question, JsonNode *value,
                   const char *path)
{
  gboolean digits = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64
                    && json_node_get_int (value) >= 0;

  if (question_of (set, question) == NULL)
    content_validation_add (v, path, "no question “%s”", question);
  else if (!content_validator_holds_string (value) && !digits)
    content_validation_add (v, path, "must be an answer: yes, no, unknown, a choice or digits");
}

static void
check_case_verdict (ContentRuleSet *set, ContentValidation *v, const char *benefit, JsonNode *value,
                    const char *path)
{
  const char *verdict = content_validator_holds_string (value) ? json_node_get_string (value) : NULL;

  if (content_rule_set_get (set, CONTENT_RULE_BENEFIT, benefit) == NULL)
    content_validation_add (v, path, "no rule for a benefit “%s”", benefit);
  else if (verdict == NULL || !g_strv_contains (verdicts, verdict))
    content_validation_add (v, path, "must be eligible, not_eligible or undecided");
}

/* A case's "answers" (question → answer) or "expect" (benefit → verdict). */
static void
check_case_map (ContentRuleSet *set, ContentValidation *v, JsonObject *c, const char *member, const char *path)
{
  gboolean answers = g_str_equal (member, "answers");
  JsonNode *node = json_object_get_member (c, member);
  g_autofree char *mpath = sub_path (path, member);
  g_autoptr(GList) keys = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      content_validation_add (v, mpath, "must be an object of %s", answers ? "question → answer" : "benefit → verdict");
      return;
    }
  keys = json_object_get_members (json_node_get_object (node));
  if (keys == NULL && !answers)
    content_validation_add (v, mpath, "must expect a verdict for at least one benefit");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);
      g_autofree char *sub = sub_path (mpath, l->data);

      if (answers)
        check_case_answer (set, v, l->data, value, sub);
      else
        check_case_verdict (set, v, l->data, value, sub);
    }
}

static void
check_cases (ContentRuleSet *set, ContentValidation *v, JsonArray *cases)
{
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("cases[%u]", i);
      JsonObject *c = json_array_get_object_element (cases, i);

      check_case_map (set, v, c, "answers", path);
      check_case_map (set, v, c, "expect", path);
    }
}

static void
check_part (ContentRuleSet *set, ContentRulePart *part, GPtrArray *problems)
{
  ContentValidation v = { part->file != NULL ? part->file : "(database)",
                          kind_names[part->kind], part->id, problems };
  guint before = problems->len;
  JsonObject *obj;

  content_validator_check (&v, part->definition, part_fields[part->kind], "");
  if (problems->len > before)
    return;
  obj = json_node_get_object (part->definition);
  switch (part->kind)
    {
    case CONTENT_RULE_QUESTION:
      check_question (&v, obj);
      break;
    case CONTENT_RULE_PARAMETER:
      check_periods (&v, json_object_get_array_member (obj, "values"), "values");
      break;
    case CONTENT_RULE_CONDITION:
      check_condition (set, &v, json_object_get_member (obj, "condition"), "condition");
      if (refs_reach (set, json_object_get_member (obj, "condition"), part->id, 0))
        content_validation_add (&v, "condition", "refers back to itself: the named conditions form a cycle");
      break;
    case CONTENT_RULE_BENEFIT:
      {
        JsonArray *versions = json_object_get_array_member (obj, "versions");
        check_periods (&v, versions, "versions");
        for (guint i = 0; i < json_array_get_length (versions); i++)
          {
            g_autofree char *path = g_strdup_printf ("versions[%u].condition", i);
            check_condition (set, &v, json_object_get_member (json_array_get_object_element (versions, i),
                                                              "condition"), path);
          }
      }
      break;
    case CONTENT_RULE_CASES:
      check_cases (set, &v, json_object_get_array_member (obj, "cases"));
      break;
    default:
      break;
    }
}

gboolean
content_rule_set_validate (ContentRuleSet *self, GPtrArray *problems)
{
  guint before = problems->len;

  for (int k = 0; k < CONTENT_N_RULE_KINDS; k++)
    {
      GPtrArray *parts = content_rule_set_parts (self, k);
      for (guint i = 0; i < parts->len; i++)
        check_part (self, g_ptr_array_index (parts, i), problems);
    }
  return problems->len == before;
}

/* Schema 2 worded each reason once, as the criterion met ({"vi": text, ...}): such a reason is
 * the met wording, and is stated for not met behind a prefix that makes it true of the person
 * either way. Languages without a prefix here fall back (languages.ini) when told "not met". */
static const struct { const char *lang; const char *prefix; } not_met_prefixes[] = {
  { "vi", "Không đáp ứng tiêu chí: " },
  { "en", "Criterion not met: " },
};

static gboolean
is_one_way_reason (JsonNode *reason)
{
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (reason))
    return FALSE;
  members = json_object_get_members (json_node_get_object (reason));
  if (members == NULL)
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *text = json_object_get_member (json_node_get_object (reason), l->data);
      if (g_str_equal (l->data, "met") || g_str_equal (l->data, "not_met")
          || !JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* Rewrites every one-way reason under @node; returns whether it changed anything. */
static gboolean
upgrade_reasons (JsonNode *node)
{
  gboolean changed = FALSE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        changed |= upgrade_reasons (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonNode *reason = json_object_get_member (obj, "reason");
      g_autoptr(GList) members = NULL;

      if (reason != NULL && is_one_way_reason (reason))
        {
          JsonObject *met = json_node_get_object (reason);
          JsonObject *not_met = json_object_new ();
          JsonObject *both = json_object_new ();

          for (gsize i = 0; i < G_N_ELEMENTS (not_met_prefixes); i++)
            if (json_object_has_member (met, not_met_prefixes[i].lang))
              {
                g_autofree char *text = g_strconcat (not_met_prefixes[i].prefix,
                    json_object_get_string_member (met, not_met_prefixes[i].lang), NULL);
                json_object_set_string_member (not_met, not_met_prefixes[i].lang, text);
              }
          json_object_set_member (both, "met", json_node_copy (reason));
          json_object_set_object_member (both, "not_met", not_met);
          json_object_set_object_member (obj, "reason", both);
          changed = TRUE;
        }
      members = json_object_get_members (obj);  /* after the reason is replaced */
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "reason"))
          changed |= upgrade_reasons (json_object_get_member (obj, l->data));
    }
  return changed;
}

gboolean
content_rule_set_upgrade_reasons (ContentStore *store, GError **error)
{
  sqlite3_stmt *read = content_store_prepare (store,
      "SELECT kind, id, definition FROM rule_parts WHERE kind IN ('condition', 'rule')", error);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);  /* kind, id, definition */
  sqlite3_stmt *write;
  int rc;

  if (read == NULL)
    return FALSE;
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) def = json_from_string ((const char *) sqlite3_column_text (read, 2), NULL);

      if (def != NULL && upgrade_reasons (def))
        {
          g_ptr_array_add (changed, content_store_column_dup (read, 0));
          g_ptr_array_add (changed, content_store_column_dup (read, 1));
          g_ptr_array_add (changed, json_to_string (def, FALSE));
        }
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    return content_store_fail (store, "reading rules", error);
  write = content_store_prepare (store, "UPDATE rule_parts SET definition = ?3 WHERE kind = ?1 AND id = ?2", error);
  if (write == NULL)
    return FALSE;
  for (guint i = 0; i < changed->len; i += 3)
    {
      for (int col = 0; col < 3; col++)
        content_store_bind_text (write, col + 1, g_ptr_array_index (changed, i + col));
      if (!content_store_step_done (store, write, "rewording reasons both ways", error))
        return FALSE;
      sqlite3_reset (write);
    }
  return TRUE;
}
