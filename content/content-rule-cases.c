/* content-rule-cases.c: running case tables (answers → expected verdicts) against the rules.
 *
 * Officers change rules as data; case tables are how they, and the tests, check that a change
 * decides what it should. A case names a date, the answers and the expected verdict for some
 * benefits; everything goes through the same screening the kiosk and SMS use. The tables ship
 * with the rules and are stored beside them, so a changed rule is run against every stored
 * table before it is published; a table given as a file is run the same way.
 */
#include "content-rule-cases.h"
#include "content-error.h"
#include "content-screening.h"

static const char *
find_verdict (GPtrArray *results, const char *benefit, ContentBenefitResult **result)
{
  for (guint i = 0; i < results->len; i++)
    {
      ContentBenefitResult *r = g_ptr_array_index (results, i);
      if (g_str_equal (r->benefit, benefit))
        {
          *result = r;
          return content_verdict_to_string (r->verdict);
        }
    }
  return NULL;
}

static char *
joined (GPtrArray *reasons)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < reasons->len; i++)
    g_string_append_printf (s, "%s%s", i ? "; " : "", (const char *) g_ptr_array_index (reasons, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
run_case (ContentRuleSet *rules, const char *source, JsonObject *c, guint index, GPtrArray *failures)
{
  const char *name = json_object_get_string_member_with_default (c, "name", NULL);
  g_autofree char *label = name != NULL ? g_strdup (name) : g_strdup_printf ("#%u", index + 1);
  const char *date = json_object_get_string_member_with_default (c, "date", NULL);
  JsonObject *answers = json_object_get_object_member (c, "answers");
  JsonObject *expect = json_object_get_object_member (c, "expect");
  g_autoptr(ContentScreening) s = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GList) qs = NULL, bs = NULL;
  g_autoptr(GError) error = NULL;

  if (date == NULL || answers == NULL || expect == NULL)
    {
      g_ptr_array_add (failures, g_strdup_printf ("%s: case %s: needs \"date\", \"answers\" and \"expect\"", source, label));
      return;
    }
  s = content_screening_new (rules, date, "en", &error);
  if (s == NULL)
    {
      g_ptr_array_add (failures, g_strdup_printf ("%s: case %s: %s", source, label, error->message));
      return;
    }
  qs = json_object_get_members (answers);
  for (GList *l = qs; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (answers, l->data);
      /* Answers are strings, as people give them; a bare number in a table means its digits. */
      g_autofree char *value = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node))
                               : g_strdup (json_object_get_string_member_with_default (answers, l->data, NULL));
      if (!content_screening_answer (s, l->data, value, &error))
        {
          g_ptr_array_add (failures, g_strdup_printf ("%s: case %s: %s", source, label, error->message));
          g_clear_error (&error);
        }
    }
  results = content_screening_evaluate (s);
  bs = json_object_get_members (expect);
  for (GList *l = bs; l != NULL; l = l->next)
    {
      const char *want = json_object_get_string_member_with_default (expect, l->data, "(not a verdict)");
      ContentBenefitResult *r = NULL;
      const char *got = find_verdict (results, l->data, &r);

      if (got == NULL)
        g_ptr_array_add (failures, g_strdup_printf ("%s: case %s: %s: no rule for this benefit",
                                                    source, label, (const char *) l->data));
      else if (!g_str_equal (got, want))
        {
          g_autofree char *met = joined (r->met), *not_met = joined (r->not_met), *unknown = joined (r->unknown);
          g_ptr_array_add (failures, g_strdup_printf ("%s: case %s: %s: expected %s, got %s "
                                                      "(met: %s | not met: %s | unknown: %s)",
                                                      source, label, (const char *) l->data, want, got,
                                                      met, not_met, unknown));
        }
    }
}

gboolean
content_rule_cases_run_table (ContentRuleSet *rules, const char *label, JsonNode *table,
                              GPtrArray *failures, guint *n_cases)
{
  JsonNode *list = JSON_NODE_HOLDS_OBJECT (table) ? json_object_get_member (json_node_get_object (table), "cases") : NULL;
  JsonArray *cases;

  *n_cases = 0;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;
  cases = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonNode *c = json_array_get_element (cases, i);
      if (!JSON_NODE_HOLDS_OBJECT (c))
        g_ptr_array_add (failures, g_strdup_printf ("%s: case #%u: must be an object", label, i + 1));
      else
        run_case (rules, label, json_node_get_object (c), i, failures);
      (*n_cases)++;
    }
  return TRUE;
}

gboolean
content_rule_cases_run (ContentRuleSet *rules, const char *file, GPtrArray *failures,
                        guint *n_cases, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  *n_cases = 0;
  if (!json_parser_load_from_file (parser, file, error))
    return FALSE;
  if (json_parser_get_root (parser) == NULL
      || !content_rule_cases_run_table (rules, file, json_parser_get_root (parser), failures, n_cases))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "%s: not a case table: expected {\"cases\": [...]}", file);
      return FALSE;
    }
  return TRUE;
}

gboolean
content_rule_set_check_cases (ContentRuleSet *rules, GPtrArray *failures, guint *n_cases)
{
  GPtrArray *tables = content_rule_set_parts (rules, CONTENT_RULE_CASES);
  guint before = failures->len;

  *n_cases = 0;
  for (guint i = 0; i < tables->len; i++)
    {
      ContentRulePart *table = g_ptr_array_index (tables, i);
      guint n = 0;

      /* Stored tables were validated on import: each is a case table. */
      content_rule_cases_run_table (rules, table->id, table->definition, failures, &n);
      *n_cases += n;
    }
  return failures->len == before;
}
