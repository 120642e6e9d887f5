/* hub-rules.c: the eligibility rule pages: every part of the rule set, an editor for each,
 * and the case tables run against a draft.
 *
 * Rules are data (content/RULES.md), so officers correct a threshold or a wording here rather
 * than waiting for a release. The forms cover what officers change most: a parameter's dated
 * values with their legal reference, the reasons a criterion gives (met and not met) and a
 * question's wording, per language beside Vietnamese; the whole part is also editable as JSON
 * for what no form covers. Either way the part is saved as a draft through the importer, which
 * checks it against the whole rule set. A rule change must still decide every stored case as
 * its table says: the page runs the tables against the draft, and publishing is refused,
 * listing the failing cases, while one fails.
 */
#include "hub-pages.h"
#include "hub-draft.h"
#include "hub-item-form.h"
#include "hub-layout.h"
#include "hub-publish.h"

#include "content-drafts.h"
#include "content-error.h"
#include "content-language.h"
#include "content-rule-cases.h"
#include "content-rule-set.h"

#include <glib/gi18n.h>

/* Most periods a parameter form reads, beyond which rows are ignored. */
#define MAX_PERIODS 200

static const char *
kind_label (ContentRuleKind kind)
{
  static const char *const labels[CONTENT_N_RULE_KINDS] = {
    N_("Questions"), N_("Parameters"), N_("Conditions"), N_("Benefit rules"), N_("Case tables"),
  };

  return _(labels[kind]);
}

/* The rule kind of @ref, a rule part's ref (as part_ref() makes sure). */
static ContentRuleKind
part_kind (const ContentRef *ref)
{
  return ref->kind - CONTENT_RECORD_QUESTION;
}

/* The translation edited beside Vietnamese: ?lang= (or the posted lang), else English. */
static const char *
shown_lang (HubRequest *req)
{
  const char *lang = hub_request_query (req, "lang") ?: hub_request_field (req, "lang");

  return lang != NULL && content_language_lookup (lang) != NULL && !g_str_equal (lang, "vi") ? lang : "en";
}

/* The ref of the part named by the route's KIND and ID; FALSE (the page answered) when the
 * kind is not a rule part. */
static gboolean
part_ref (HubRequest *req, ContentRef *ref)
{
  if (!content_record_kind_from_string (req->args[0], &ref->kind)
      || ref->kind < CONTENT_RECORD_QUESTION || ref->kind > CONTENT_RECORD_CASES)
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such kind of rule part."));
      return FALSE;
    }
  ref->id = req->args[1];
  return TRUE;
}

/* ---- the list ---- */

static gboolean
has_draft (GArray *drafts, ContentRecordKind kind, const char *id)
{
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      ContentRef *ref = &g_array_index (drafts, ContentRef, i);
      if (ref->kind == kind && g_str_equal (ref->id, id))
        return TRUE;
    }
  return FALSE;
}

/* A line saying what @part is, for the list. */
static char *
part_summary (const ContentRulePart *part)
{
  JsonObject *def = json_node_get_object (part->definition);

  switch (part->kind)
    {
    case CONTENT_RULE_QUESTION:
      return g_strdup (json_object_has_member (def, "text")
                       ? json_object_get_string_member_with_default (json_object_get_object_member (def, "text"), "vi", "")
                       : "");
    case CONTENT_RULE_PARAMETER:
      return g_strdup_printf (ngettext ("%s, %u dated value", "%s, %u dated values",
                                        json_array_get_length (json_object_get_array_member (def, "values"))),
                              json_object_get_string_member_with_default (def, "unit", ""),
                              json_array_get_length (json_object_get_array_member (def, "values")));
    case CONTENT_RULE_BENEFIT:
      return g_strdup_printf (ngettext ("%u version", "%u versions",
                                        json_array_get_length (json_object_get_array_member (def, "versions"))),
                              json_array_get_length (json_object_get_array_member (def, "versions")));
    case CONTENT_RULE_CASES:
      return g_strdup_printf (ngettext ("%u case", "%u cases", json_array_get_length (json_object_get_array_member (def, "cases"))),
                              json_array_get_length (json_object_get_array_member (def, "cases")));
    default:
      return g_strdup ("");
    }
}

static void
render_kind (HubHtml *html, ContentRuleSet *rules, ContentRuleKind kind, GArray *drafts)
{
  GPtrArray *parts = content_rule_set_parts (rules, kind);
  ContentRecordKind record_kind = CONTENT_RECORD_QUESTION + kind;
  const char *name = content_record_kind_to_string (record_kind);

  hub_html_add (html, "<h2>%s</h2><table class=\"list rules\"><tbody>", kind_label (kind));
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      ContentRulePart *part = g_ptr_array_index (parts, i);
      g_autofree char *summary = part_summary (part);
      hub_html_add (html, "<tr><td><a href=\"/rules/%s/%s\"><code>%s</code></a>", name, part->id, part->id);
      if (has_draft (drafts, record_kind, part->id))
        hub_html_add (html, " <span class=\"status draft\">%s</span>", _("draft waiting"));
      hub_html_add (html, "</td><td>%s</td></tr>", summary);
    }
  /* Drafts of parts not yet live. */
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      ContentRef *ref = &g_array_index (drafts, ContentRef, i);
      if (ref->kind == record_kind && content_rule_set_get (rules, kind, ref->id) == NULL)
        hub_html_add (html, "<tr><td><a href=\"/rules/%s/%s\"><code>%s</code></a> <span class=\"status draft\">%s</span></td><td></td></tr>",
                      name, ref->id, ref->id, _("new, not yet published"));
    }
  hub_html_add (html, "</tbody></table>");
}

static void
get_rules (HubRequest *req)
{
  ContentStore *store = hub_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, &error);
  g_autoptr(GArray) drafts = NULL;
  g_autoptr(HubHtml) body = hub_html_new ();

  if (rules == NULL)
    {
      hub_request_failure (req, _("Eligibility rules"), error);
      return;
    }
  drafts = content_store_list_drafts (store, NULL);
  hub_html_add (body, "<p>%s</p>", _("A change is saved as a draft. It can be published only while every case of the "
                                     "case tables still gets the verdict its table expects."));
  for (ContentRuleKind kind = 0; kind < CONTENT_N_RULE_KINDS; kind++)
    render_kind (body, rules, kind, drafts);
  hub_request_page (req, SOUP_STATUS_OK, _("Eligibility rules"), body);
}

/* ---- running the case tables ---- */

/* Runs the stored case tables against the live rules with @ref's draft in place of its live
 * part, as publishing it would. Problems that make the set invalid go to @problems and no case
 * is run; else failing cases go to @failures. FALSE (the page answered) when @ref has no draft
 * or the rules cannot be read. */
static gboolean
check_draft (HubRequest *req, const ContentRef *ref, GPtrArray *problems, GPtrArray *failures, guint *n_cases)
{
  ContentStore *store = hub_server_get_store (req->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, &error);
  g_autoptr(JsonNode) draft = rules != NULL ? content_store_get_draft (store, ref, &error) : NULL;

  *n_cases = 0;
  if (draft == NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("No draft"), _("This rule part has no draft to check."));
      return FALSE;
    }
  if (draft == NULL)
    {
      hub_request_failure (req, _("Eligibility rules"), error);
      return FALSE;
    }
  content_rule_set_add (rules, content_rule_part_new (part_kind (ref), ref->id, draft));
  if (content_rule_set_validate (rules, problems))
    content_rule_set_check_cases (rules, failures, n_cases);
  return TRUE;
}

/* Each failing case on a line of its own, its table first ("TABLE: case NAME: BENEFIT: ..."). */
static void
render_failures (HubHtml *html, GPtrArray *failures)
{
  hub_html_add (html, "<ul class=\"failures\">");
  for (guint i = 0; i < failures->len; i++)
    {
      const char *failure = g_ptr_array_index (failures, i);
      const char *rest = strstr (failure, ": case ");
      g_autofree char *table = rest != NULL ? g_strndup (failure, rest - failure) : NULL;

      if (table != NULL)
        hub_html_add (html, "<li><code>%s</code> %s</li>", table, rest + 2);
      else
        hub_html_add (html, "<li>%s</li>", failure);
    }
  hub_html_add (html, "</ul>");
}

/* What the check found: the set's problems, else the failing cases, else that all pass. */
static void
render_check (HubHtml *html, GPtrArray *problems, GPtrArray *failures, guint n_cases)
{
  if (problems->len > 0)
    {
      hub_html_add (html, "<div class=\"problem\" role=\"alert\"><p>%s</p><ul>",
                    _("With this draft the rules are not valid, so no case was run:"));
      for (guint i = 0; i < problems->len; i++)
        hub_html_add (html, "<li>%s</li>", (const char *) g_ptr_array_index (problems, i));
      hub_html_add (html, "</ul></div>");
    }
  else if (failures->len > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u of %u case fails with this draft:", "%u of %u cases fail with this draft:",
                                                         failures->len),
                                               failures->len, n_cases);
      hub_html_add (html, "<div class=\"problem\" role=\"alert\"><p>%s</p>", text);
      render_failures (html, failures);
      hub_html_add (html, "</div>");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The %u case of the case tables passes with this draft.",
                                                         "All %u cases of the case tables pass with this draft.", n_cases),
                                               n_cases);
      hub_html_add (html, "<p class=\"notice\" role=\"status\">%s</p>", text);
    }
}

static void
get_check (HubRequest *req)
{
  ContentRef ref;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *back = NULL;
  guint n_cases;

  if (!part_ref (req, &ref) || !check_draft (req, &ref, problems, failures, &n_cases))
    return;
  back = hub_publish_page_of (&ref);
  render_check (body, problems, failures, n_cases);
  hub_html_add (body, "<p><a href=\"%s\">%s</a></p>", back, _("Back to the draft"));
  hub_request_page (req, SOUP_STATUS_OK, _("The case tables against this draft"), body);
}

/* Publishing is refused here, with the failing cases, before the store would refuse it with
 * one line per problem; what passes goes on to hub_publish_refs(), which checks again. */
static void
post_publish (HubRequest *req)
{
  ContentRef ref;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *back = NULL;
  guint n_cases;

  if (!part_ref (req, &ref) || !check_draft (req, &ref, problems, failures, &n_cases))
    return;
  if (problems->len == 0 && failures->len == 0)
    {
      hub_publish_refs (req, &ref, 1, CONTENT_PUBLISH_DEFAULT);
      return;
    }
  hub_request_audit (req, "publish-refused", ref.id, problems->len > 0 ? "invalid rules" : "failing cases");
  back = hub_publish_page_of (&ref);
  render_check (body, problems, failures, n_cases);
  hub_html_add (body, "<p><a href=\"%s\">%s</a></p>", back, _("Back to the draft"));
  hub_request_page (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, _("Nothing was published"), body);
}

/* ---- the editor ---- */

/* A localized text member of @obj (creating it), for the form to fill. */
static JsonObject *
ensure_object (JsonObject *obj, const char *name)
{
  if (!json_object_has_member (obj, name) || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, name)))
    json_object_set_object_member (obj, name, json_object_new ());
  return json_object_get_object_member (obj, name);
}

/* Inputs for the localized text @texts (NULL when absent) at form path @path: Vietnamese and
 * @lang side by side. */
static void
render_localized (HubHtml *html, JsonObject *texts, const char *path, const char *label, const char *lang,
                  gboolean multiline, GHashTable *problems)
{
  const char *langs[] = { "vi", lang, NULL };

  hub_html_add (html, "<div class=\"field\"><span class=\"label\">%s</span><div class=\"side-by-side\">", label);
  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", path, langs[i]);
      const char *value = texts != NULL ? json_object_get_string_member_with_default (texts, langs[i], "") : "";
      hub_html_add (html, "<div lang=\"%s\"><label for=\"%s\" class=\"lang-tag\">%s</label>", langs[i], name, langs[i]);
      if (multiline)
        hub_html_add (html, "<textarea name=\"%s\" id=\"%s\" rows=\"2\">%s</textarea>", name, name, value);
      else
        hub_html_add (html, "<input name=\"%s\" id=\"%s\" value=\"%s\">", name, name, value);
      hub_draft_render_field_problems (html, problems, name);
      hub_html_add (html, "</div>");
    }
  hub_html_add (html, "</div>");
  hub_draft_render_field_problems (html, problems, path);
  hub_html_add (html, "</div>");
}

/* Writes the posted Vietnamese and @lang texts at form path @path into the localized text
 * @name of @obj; a language left empty is removed (the validator asks for Vietnamese). */
static void
read_localized (HubRequest *req, JsonObject *obj, const char *name, const char *path, const char *lang)
{
  const char *langs[] = { "vi", lang, NULL };
  JsonObject *texts = ensure_object (obj, name);

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *field = g_strdup_printf ("%s.%s", path, langs[i]);
      g_autofree char *value = g_strstrip (g_strdup (hub_request_field (req, field) ?: ""));
      if (hub_request_field (req, field) == NULL)
        continue;
      if (*value != '\0')
        json_object_set_string_member (texts, langs[i], value);
      else
        json_object_remove_member (texts, langs[i]);
    }
}

/* A question: its kiosk and SMS wording, its unit and the labels of its choices. */
static void
render_question (HubHtml *html, JsonObject *def, const char *lang, GHashTable *problems)
{
  JsonArray *choices = json_object_has_member (def, "choices") ? json_object_get_array_member (def, "choices") : NULL;

  render_localized (html, json_object_has_member (def, "text") ? json_object_get_object_member (def, "text") : NULL,
                    "text", _("Wording on the kiosk"), lang, TRUE, problems);
  render_localized (html, json_object_has_member (def, "sms") ? json_object_get_object_member (def, "sms") : NULL,
                    "sms", _("Wording by SMS (at most 120 characters, plain)"), lang, FALSE, problems);
  if (json_object_has_member (def, "unit"))
    render_localized (html, json_object_get_object_member (def, "unit"), "unit", _("Unit"), lang, FALSE, problems);
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonObject *choice = json_array_get_object_element (choices, i);
      g_autofree char *path = g_strdup_printf ("choices.%u.label", i);
      g_autofree char *label = g_strdup_printf (_("Choice “%s”"), json_object_get_string_member_with_default (choice, "value", ""));
      render_localized (html, json_object_has_member (choice, "label") ? json_object_get_object_member (choice, "label") : NULL,
                        path, label, lang, FALSE, problems);
    }
}

static void
read_question (HubRequest *req, JsonObject *def, const char *lang)
{
  JsonArray *choices = json_object_has_member (def, "choices") ? json_object_get_array_member (def, "choices") : NULL;

  read_localized (req, def, "text", "text", lang);
  read_localized (req, def, "sms", "sms", lang);
  if (json_object_has_member (def, "unit"))
    read_localized (req, def, "unit", "unit", lang);
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      g_autofree char *path = g_strdup_printf ("choices.%u.label", i);
      read_localized (req, json_array_get_object_element (choices, i), "label", path, lang);
    }
}

/* One row of a parameter's periods; @period is NULL for the empty row that adds one. */
static void
render_period (HubHtml *html, guint i, JsonObject *period)
{
  const char *to = period != NULL && json_object_has_member (period, "to") && !json_object_get_null_member (period, "to")
                   ? json_object_get_string_member (period, "to") : "";
  g_autofree char *value = NULL;

  if (period != NULL && json_object_has_member (period, "value"))
    value = json_to_string (json_object_get_member (period, "value"), FALSE);
  hub_html_add (html, "<tr><td><input type=\"date\" name=\"values.%d.from\" value=\"%s\" aria-label=\"%s\"></td>"
                      "<td><input type=\"date\" name=\"values.%d.to\" value=\"%s\" aria-label=\"%s\"></td>"
                      "<td><input name=\"values.%d.value\" inputmode=\"decimal\" value=\"%s\" aria-label=\"%s\"></td>"
                      "<td><input name=\"values.%d.reference\" value=\"%s\" aria-label=\"%s\"></td></tr>",
                (int) i, period != NULL ? json_object_get_string_member_with_default (period, "from", "") : "", _("From"),
                (int) i, to, _("Until"),
                (int) i, value, _("Value"),
                (int) i, period != NULL ? json_object_get_string_member_with_default (period, "reference", "") : "", _("Legal reference"));
}

/* A parameter: its unit and its dated values, each with the legal document that sets it. */
static void
render_parameter (HubHtml *html, JsonObject *def, GHashTable *problems)
{
  JsonArray *values = json_object_has_member (def, "values") ? json_object_get_array_member (def, "values") : NULL;
  guint n = values != NULL ? json_array_get_length (values) : 0;

  hub_html_add (html, "<div class=\"field\"><label for=\"unit\">%s</label><input name=\"unit\" id=\"unit\" value=\"%s\">",
                _("Unit"), json_object_get_string_member_with_default (def, "unit", ""));
  hub_draft_render_field_problems (html, problems, "unit");
  hub_html_add (html, "</div><fieldset class=\"field\"><legend>%s</legend><small>%s</small>"
                      "<table class=\"list periods\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                _("Values in force"), _("Periods must not overlap; leave “until” empty for no end, and a row empty to drop it."),
                _("From"), _("Until"), _("Value"), _("Legal reference"));
  for (guint i = 0; i < n; i++)
    render_period (html, i, json_array_get_object_element (values, i));
  render_period (html, n, NULL);
  hub_html_add (html, "</tbody></table>");
  hub_draft_render_field_problems (html, problems, "values");
  hub_html_add (html, "</fieldset>");
}

/* A posted value as a number, or the text itself for the validator to name. */
static JsonNode *
number_node (const char *text)
{
  char *end;
  double d = g_ascii_strtod (text, &end);

  if (*end != '\0' || end == text)
    return json_node_init_string (json_node_alloc (), text);
  if (d == (gint64) d)
    return json_node_init_int (json_node_alloc (), (gint64) d);
  return json_node_init_double (json_node_alloc (), d);
}

/* Form field values.@i.@name, trimmed; NULL when the form has no such row. */
static char *
period_field (HubRequest *req, guint i, const char *name)
{
  g_autofree char *field = g_strdup_printf ("values.%u.%s", i, name);
  const char *value = hub_request_field (req, field);

  return value != NULL ? g_strstrip (g_strdup (value)) : NULL;
}

static void
read_parameter (HubRequest *req, JsonObject *def)
{
  JsonArray *values = json_array_new ();
  g_autofree char *unit = g_strdup (hub_request_field (req, "unit"));

  if (unit != NULL)
    json_object_set_string_member (def, "unit", g_strstrip (unit));
  for (guint i = 0; i < MAX_PERIODS; i++)
    {
      g_autofree char *from = period_field (req, i, "from");
      g_autofree char *to = period_field (req, i, "to");
      g_autofree char *value = period_field (req, i, "value");
      g_autofree char *reference = period_field (req, i, "reference");
      JsonObject *period;

      if (from == NULL || to == NULL || value == NULL || reference == NULL)
        break;
      if (*from == '\0' && *to == '\0' && *value == '\0' && *reference == '\0')
        continue;
      period = json_object_new ();
      json_object_set_string_member (period, "from", from);
      if (*to != '\0')
        json_object_set_string_member (period, "to", to);
      else
        json_object_set_null_member (period, "to");
      json_object_set_member (period, "value", number_node (value));
      json_object_set_string_member (period, "reference", reference);
      json_array_add_object_element (values, period);
    }
  json_object_set_array_member (def, "values", values);
}

/* A criterion with a reason, found in a condition tree at form path @path. */
typedef struct {
  char *path;
  JsonObject *node;   /* borrowed from the record */
} Reason;

static void
reason_free (Reason *reason)
{
  g_free (reason->path);
  g_free (reason);
}

/* Every node of @node that carries a reason, in reading order, with its path ("condition.all.2",
 * "versions.0.condition"). */
static void
collect_reasons (JsonNode *node, const char *path, GPtrArray *out)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%u", path, i);
          collect_reasons (json_array_get_element (array, i), sub, out);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (obj);

      if (json_object_has_member (obj, "reason") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "reason")))
        {
          Reason *reason = g_new0 (Reason, 1);
          reason->path = g_strdup (path);
          reason->node = obj;
          g_ptr_array_add (out, reason);
        }
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "reason"))
          {
            g_autofree char *sub = *path != '\0' ? g_strdup_printf ("%s.%s", path, (const char *) l->data) : g_strdup (l->data);
            collect_reasons (json_object_get_member (obj, l->data), sub, out);
          }
    }
}

static GPtrArray *
reasons_of (JsonNode *record)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);

  collect_reasons (record, "", reasons);
  return reasons;
}

/* What a criterion checks, in the rules' own terms ("age >= 75", "ref: em_area"). */
static char *
describe_criterion (JsonObject *node)
{
  if (json_object_has_member (node, "question"))
    {
      JsonNode *against = json_object_has_member (node, "parameter") ? json_object_get_member (node, "parameter")
                          : json_object_has_member (node, "values") ? json_object_get_member (node, "values")
                          : json_object_get_member (node, "value");
      g_autofree char *value = against != NULL ? json_to_string (against, FALSE) : g_strdup ("");
      return g_strdup_printf ("%s %s %s", json_object_get_string_member_with_default (node, "question", ""),
                              json_object_get_string_member_with_default (node, "op", ""), value);
    }
  if (json_object_has_member (node, "ref"))
    return g_strdup_printf ("ref: %s", json_object_get_string_member_with_default (node, "ref", ""));
  if (json_object_has_member (node, "all"))
    return g_strdup ("all");
  if (json_object_has_member (node, "any"))
    return g_strdup ("any");
  return g_strdup ("not");
}

/* The reasons of a condition or a benefit's rule, each worded met and not met. */
static void
render_reasons (HubHtml *html, JsonNode *record, const char *lang, GHashTable *problems)
{
  g_autoptr(GPtrArray) reasons = reasons_of (record);

  for (guint i = 0; i < reasons->len; i++)
    {
      Reason *r = g_ptr_array_index (reasons, i);
      JsonObject *reason = json_object_get_object_member (r->node, "reason");
      g_autofree char *what = describe_criterion (r->node);
      g_autofree char *met = g_strdup_printf ("%s.reason.met", r->path);
      g_autofree char *not_met = g_strdup_printf ("%s.reason.not_met", r->path);

      hub_html_add (html, "<fieldset class=\"reason\"><legend><code>%s</code></legend>", what);
      render_localized (html, json_object_has_member (reason, "met") ? json_object_get_object_member (reason, "met") : NULL,
                        met, _("When met"), lang, FALSE, problems);
      render_localized (html, json_object_has_member (reason, "not_met") ? json_object_get_object_member (reason, "not_met") : NULL,
                        not_met, _("When not met"), lang, FALSE, problems);
      hub_html_add (html, "</fieldset>");
    }
  if (reasons->len == 0)
    hub_html_add (html, "<p>%s</p>", _("No criterion here carries a reason of its own."));
}

static void
read_reasons (HubRequest *req, JsonNode *record, const char *lang)
{
  g_autoptr(GPtrArray) reasons = reasons_of (record);

  for (guint i = 0; i < reasons->len; i++)
    {
      Reason *r = g_ptr_array_index (reasons, i);
      JsonObject *reason = json_object_get_object_member (r->node, "reason");
      g_autofree char *met = g_strdup_printf ("%s.reason.met", r->path);
      g_autofree char *not_met = g_strdup_printf ("%s.reason.not_met", r->path);

      read_localized (req, reason, "met", met, lang);
      read_localized (req, reason, "not_met", not_met, lang);
    }
}

static void
render_lang_switch (HubHtml *html, const ContentRef *ref, const char *lang)
{
  const GPtrArray *langs = content_language_list ();
  g_autofree char *page = hub_publish_page_of (ref);

  hub_html_add (html, "<nav class=\"langs\">%s ", _("Translation shown beside Vietnamese:"));
  for (guint i = 0; i < langs->len; i++)
    {
      const ContentLanguage *l = g_ptr_array_index (langs, i);
      if (g_str_equal (l->code, "vi"))
        continue;
      if (g_str_equal (l->code, lang))
        hub_html_add (html, "<strong>%s</strong> ", l->native_name);
      else
        hub_html_add (html, "<a href=\"%s?lang=%s\">%s</a> ", page, l->code, l->native_name);
    }
  hub_html_add (html, "</nav>");
}

/* The form for what officers edit in a part of @kind; FALSE when the kind has none. */
static gboolean
render_form_fields (HubHtml *html, ContentRuleKind kind, JsonNode *record, const char *lang, GHashTable *problems)
{
  switch (kind)
    {
    case CONTENT_RULE_QUESTION:
      render_question (html, json_node_get_object (record), lang, problems);
      return TRUE;
    case CONTENT_RULE_PARAMETER:
      render_parameter (html, json_node_get_object (record), problems);
      return TRUE;
    case CONTENT_RULE_CONDITION:
    case CONTENT_RULE_BENEFIT:
      render_reasons (html, record, lang, problems);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
read_form_fields (HubRequest *req, ContentRuleKind kind, JsonNode *record, const char *lang)
{
  if (kind == CONTENT_RULE_QUESTION)
    read_question (req, json_node_get_object (record), lang);
  else if (kind == CONTENT_RULE_PARAMETER)
    read_parameter (req, json_node_get_object (record));
  else if (kind == CONTENT_RULE_CONDITION || kind == CONTENT_RULE_BENEFIT)
    read_reasons (req, record, lang);
}

static void
render_editor (HubRequest *req, guint status, const ContentRef *ref, JsonNode *record, gboolean is_draft,
               GHashTable *problems, const char *notice)
{
  static const char *const shown[] = { "unit", "values", "text", "sms", NULL };
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  const char *lang = shown_lang (req);
  g_autofree char *page = hub_publish_page_of (ref);
  g_autofree char *action = g_strdup_printf ("%s?lang=%s", page, lang);
  g_autofree char *json = NULL;
  ContentRuleKind kind = part_kind (ref);
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s: %s", kind_label (kind), ref->id);
  if (notice != NULL)
    hub_html_add (body, "<p class=\"notice\" role=\"status\">%s</p>", notice);
  hub_html_add (body, "<p class=\"meta\"><a href=\"/rules\">%s</a> · %s</p>", _("Eligibility rules"),
                is_draft ? _("you are editing a draft; villagers see the published version until it is published")
                         : _("published"));
  hub_draft_render_other_problems (body, problems, shown);
  if (is_draft)
    {
      g_autofree char *check = g_strdup_printf ("%s/check", page);
      hub_html_add (body, "<p class=\"actions\"><a class=\"button\" href=\"%s\">%s</a></p>", check,
                    _("Run the case tables against this draft"));
    }
  hub_layout_record_actions (body, req, ref, is_draft);
  render_lang_switch (body, ref, lang);
  hub_layout_form (body, req, action, "editor");
  hub_html_add (body, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", lang);
  if (render_form_fields (body, kind, record, lang, problems))
    hub_html_add (body, "<p class=\"actions\"><button type=\"submit\">%s</button></p>", _("Save draft"));
  hub_html_add (body, "</form>");
  /* The whole part, for what the form does not cover (conditions' logic, case tables). */
  json_generator_set_root (generator, record);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  hub_layout_form (body, req, action, "editor json");
  hub_html_add (body, "<details%s><summary>%s</summary><div class=\"field\"><label for=\"json\">%s</label>"
                      "<textarea name=\"json\" id=\"json\" rows=\"24\" spellcheck=\"false\">%s</textarea>",
                kind == CONTENT_RULE_CASES || g_hash_table_contains (problems, "json") ? " open" : "",
                _("Edit the whole part as JSON"), _("The part in the format of content/RULES.md"), json);
  hub_draft_render_field_problems (body, problems, "json");
  hub_html_add (body, "</div><p class=\"actions\"><button type=\"submit\">%s</button></p></details></form>",
                _("Save the JSON as a draft"));
  hub_request_page (req, status, title, body);
}

/* @ref's part to edit (its draft, else the live part); NULL with the page answered when none. */
static JsonNode *
editable (HubRequest *req, const ContentRef *ref, gboolean *is_draft)
{
  g_autoptr(GError) error = NULL;
  JsonNode *record = content_store_get_editable (hub_server_get_store (req->server), ref, is_draft, &error);

  if (record == NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no rule part with this id."));
  else if (record == NULL)
    hub_request_failure (req, _("Eligibility rules"), error);
  return record;
}

static void
get_part (HubRequest *req)
{
  ContentRef ref;
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();

  if (!part_ref (req, &ref) || (record = editable (req, &ref, &is_draft)) == NULL)
    return;
  render_editor (req, SOUP_STATUS_OK, &ref, record, is_draft, problems,
                 hub_request_query (req, "saved") != NULL ? _("Saved as a draft.") : NULL);
}

/* The posted JSON as the part, or NULL with the problem filed under "json". */
static JsonNode *
posted_json (const char *text, GHashTable *problems)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      g_autofree char *reason = g_strdup_printf (_("is not valid JSON (%s); nothing was saved"), error->message);
      hub_draft_add_problem (problems, "json", reason);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
post_part (HubRequest *req)
{
  ContentRef ref;
  gboolean is_draft = FALSE;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonNode) posted = NULL;
  g_autoptr(GHashTable) problems = hub_item_form_problems_new ();
  const char *json = hub_request_field (req, "json");
  g_autofree char *saved = NULL;

  if (!part_ref (req, &ref) || (record = editable (req, &ref, &is_draft)) == NULL)
    return;
  if (json != NULL)
    posted = posted_json (json, problems);
  else
    read_form_fields (req, part_kind (&ref), record, shown_lang (req));
  if (g_hash_table_size (problems) == 0 && hub_draft_save (req, &ref, posted != NULL ? posted : record, problems))
    {
      g_autofree char *page = hub_publish_page_of (&ref);
      saved = g_strdup_printf ("%s?lang=%s&saved=1", page, shown_lang (req));
      hub_request_redirect (req, saved);
      return;
    }
  render_editor (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, &ref, posted != NULL ? posted : record, is_draft, problems,
                 _("Nothing was saved: correct the fields marked below."));
}

void
hub_rules_register (HubServer *server)
{
  hub_server_route (server, "GET", "/rules", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_rules);
  hub_server_route (server, "GET", "/rules/*/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_part);
  hub_server_route (server, "POST", "/rules/*/*", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, post_part);
  hub_server_route (server, "GET", "/rules/*/*/check", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_check);
  hub_server_route (server, "POST", "/rules/*/*/publish", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_publish);
}
