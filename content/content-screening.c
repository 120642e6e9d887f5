/* content-screening.c: the eligibility engine shared by the kiosk wizard and SMS screening.
 *
 * Conditions are evaluated in three-valued logic: an answer not given, or "don't know", leaves a
 * comparison unknown, and unknown spreads only where it can change the result (ALL of something
 * false is false whatever else is unknown). A parameter with no value on the date is unknown too,
 * and says so, rather than being guessed from the nearest period.
 *
 * Reasons explain each verdict criterion by criterion: a node that carries a reason is reported
 * in the wording of its outcome (met or not met: one wording for both would make a refusal read
 * as its opposite); a node without one (a bare ALL or ANY) passes the explanation to the children
 * that decided it, so an eligible person is told what qualified them, not every other way in. A
 * criterion the answers leave unknown is stated neither way, whatever reason it carries: what
 * people are told is the question still open, never a claim about what they were not asked.
 *
 * The next question is chosen by trying answers, not by guessing: for each undecided benefit, its
 * unanswered questions are given every value the rules tell apart (one per range between the
 * thresholds, every choice, yes and no), all combinations evaluated; a question matters for that
 * benefit if changing it alone changes a verdict somewhere. The question that matters for the
 * most undecided benefits is asked; one that matters for none never is.
 */
#include "config.h"
#include "content-screening.h"
#include "content-error.h"
#include "content-language.h"
#include "content-phrases.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Above this many combinations, every unanswered question of a benefit is taken to matter. */
#define MAX_COMBINATIONS 200000

typedef enum { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN } Tri;

typedef struct {
  gboolean unknown;  /* "don't know" */
  double number;
  gboolean yes;
  char *choice;
} Answer;

static void
answer_free (Answer *a)
{
  g_free (a->choice);
  g_free (a);
}

struct _ContentScreening {
  ContentRuleSet *rules;
  char *date;
  char *lang;
  char **chain;          /* the reader's language chain */
  GHashTable *answers;   /* question id → Answer */
  GHashTable *overlay;   /* question id → Answer: trial answers while choosing a question */
  char *next;            /* cached next question */
  gboolean next_valid;
};

const char *
content_verdict_to_string (ContentVerdict verdict)
{
  static const char *const names[] = { "eligible", "not_eligible", "undecided" };
  return names[verdict];
}

void
content_benefit_result_free (ContentBenefitResult *result)
{
  if (result == NULL)
    return;
  g_free (result->benefit);
  g_free (result->ended_on);
  g_free (result->begins_on);
  g_ptr_array_unref (result->met);
  g_ptr_array_unref (result->not_met);
  g_ptr_array_unref (result->unknown);
  g_free (result);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%F");
}

ContentScreening *
content_screening_new (ContentRuleSet *rules, const char *date, const char *lang, GError **error)
{
  ContentScreening *self;
  g_auto(GStrv) chain = content_language_chain (lang != NULL ? lang : "vi");

  if (date != NULL && !content_validator_is_date (date))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "date: “%s” is not a date written YYYY-MM-DD", date);
      return NULL;
    }
  if (chain == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "lang: “%s” is not a language of the registry", lang);
      return NULL;
    }
  self = g_new0 (ContentScreening, 1);
  self->rules = rules;
  self->date = date != NULL ? g_strdup (date) : today ();
  self->lang = g_strdup (chain[0]);
  self->chain = g_steal_pointer (&chain);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) answer_free);
  self->overlay = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
content_screening_free (ContentScreening *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->answers);
  g_hash_table_unref (self->overlay);
  g_strfreev (self->chain);
  g_free (self->date);
  g_free (self->lang);
  g_free (self->next);
  g_free (self);
}

const char *
content_screening_get_date (ContentScreening *self)
{
  return self->date;
}

const char *
content_screening_get_lang (ContentScreening *self)
{
  return self->lang;
}

/* ---- Small JSON helpers ---- */


static JsonObject *
member_object (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A localized text (language → string, or → list) in the reader's language or its fallback. */
static JsonNode *
localized (ContentScreening *self, JsonObject *ltext)
{
  for (gsize i = 0; ltext != NULL && self->chain[i] != NULL; i++)
    if (json_object_has_member (ltext, self->chain[i]))
      return json_object_get_member (ltext, self->chain[i]);
  return NULL;
}

static const char *
localized_string (ContentScreening *self, JsonObject *ltext)
{
  JsonNode *node = localized (self, ltext);

  return node != NULL && content_validator_holds_string (node) ? json_node_get_string (node) : NULL;
}

static JsonObject *
question_def (ContentScreening *self, const char *id)
{
  ContentRulePart *q = content_rule_set_get (self->rules, CONTENT_RULE_QUESTION, id);

  return q != NULL ? json_node_get_object (q->definition) : NULL;
}

/* The condition of @benefit's version in force on the screening's date, or NULL. A benefit
 * whose item is a draft or archived is not for the public: it has no condition either. */
static JsonNode *
active_condition (ContentScreening *self, ContentRulePart *rule)
{
  JsonArray *versions = json_object_get_array_member (json_node_get_object (rule->definition), "versions");
  const ContentItem *item = content_rule_set_get_benefit (self->rules, rule->id);

  if (item != NULL && item->status != CONTENT_STATUS_PUBLISHED)
    return NULL;
  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      const char *from = content_validator_member_string (v, "from"), *to = content_validator_member_string (v, "to");
      /* Dates written YYYY-MM-DD compare as text. */
      if (strcmp (from, self->date) <= 0 && (to == NULL || strcmp (self->date, to) <= 0))
        return json_object_get_member (v, "condition");
    }
  return NULL;
}

/* The value of parameter @id on the screening's date; FALSE when none is in force. */
static gboolean
parameter_value (ContentScreening *self, const char *id, double *value)
{
  ContentRulePart *p = content_rule_set_get (self->rules, CONTENT_RULE_PARAMETER, id);
  JsonArray *values = p != NULL ? json_object_get_array_member (json_node_get_object (p->definition), "values") : NULL;

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);
      const char *from = content_validator_member_string (v, "from"), *to = content_validator_member_string (v, "to");
      if (strcmp (from, self->date) <= 0 && (to == NULL || strcmp (self->date, to) <= 0))
        {
          *value = json_object_get_double_member (v, "value");
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- Evaluation ---- */

static const Answer *
lookup_answer (ContentScreening *self, const char *question)
{
  const Answer *a = g_hash_table_lookup (self->overlay, question);

  return a != NULL ? a : g_hash_table_lookup (self->answers, question);
}

static Tri
tri_of (gboolean b)
{
  return b ? TRI_TRUE : TRI_FALSE;
}

static gboolean
in_values (JsonObject *cmp, const char *choice)
{
  JsonArray *values = json_object_get_array_member (cmp, "values");

  for (guint i = 0; i < json_array_get_length (values); i++)
    if (g_strcmp0 (json_array_get_string_element (values, i), choice) == 0)
      return TRUE;
  return FALSE;
}

static Tri
compare_numbers (const char *op, double a, double b)
{
  if (g_str_equal (op, "<"))
    return tri_of (a < b);
  if (g_str_equal (op, "<="))
    return tri_of (a <= b);
  if (g_str_equal (op, ">"))
    return tri_of (a > b);
  if (g_str_equal (op, ">="))
    return tri_of (a >= b);
  if (g_str_equal (op, "="))
    return tri_of (a == b);
  return tri_of (a != b);
}

/* A comparison; sets *@no_standard when it is unknown for want of a parameter value. */
static Tri
eval_comparison (ContentScreening *self, JsonObject *cmp, gboolean *no_standard)
{
  const char *qid = content_validator_member_string (cmp, "question");
  const char *op = content_validator_member_string (cmp, "op");
  const char *type = content_validator_member_string (question_def (self, qid), "type");
  const char *param = content_validator_member_string (cmp, "parameter");
  const Answer *a = lookup_answer (self, qid);
  double rhs = 0;

  if (param != NULL && !parameter_value (self, param, &rhs))
    {
      if (no_standard != NULL)
        *no_standard = TRUE;
      return TRI_UNKNOWN;
    }
  if (a == NULL || a->unknown)
    return TRI_UNKNOWN;
  if (g_str_equal (type, "yes_no"))
    {
      gboolean want = json_object_get_boolean_member (cmp, "value");
      return tri_of (g_str_equal (op, "=") ? a->yes == want : a->yes != want);
    }
  if (g_str_equal (type, "choice"))
    {
      if (g_str_equal (op, "in"))
        return tri_of (in_values (cmp, a->choice));
      if (g_str_equal (op, "not_in"))
        return tri_of (!in_values (cmp, a->choice));
      return tri_of (g_str_equal (op, "=") == (g_strcmp0 (a->choice, content_validator_member_string (cmp, "value")) == 0));
    }
  if (param == NULL)
    rhs = json_object_get_double_member (cmp, "value");
  return compare_numbers (op, a->number, rhs);
}

static JsonNode *
named_condition (ContentScreening *self, const char *ref)
{
  ContentRulePart *c = content_rule_set_get (self->rules, CONTENT_RULE_CONDITION, ref);

  return c != NULL ? json_object_get_member (json_node_get_object (c->definition), "condition") : NULL;
}

static Tri
eval (ContentScreening *self, JsonNode *node)
{
  JsonObject *obj = json_node_get_object (node);
  JsonArray *list;
  gboolean all;
  Tri result;

  if (json_object_has_member (obj, "question"))
    return eval_comparison (self, obj, NULL);
  if (json_object_has_member (obj, "ref"))
    return eval (self, named_condition (self, content_validator_member_string (obj, "ref")));
  if (json_object_has_member (obj, "not"))
    {
      Tri t = eval (self, json_object_get_member (obj, "not"));
      return t == TRI_UNKNOWN ? TRI_UNKNOWN : tri_of (t == TRI_FALSE);
    }
  all = json_object_has_member (obj, "all");
  list = json_object_get_array_member (obj, all ? "all" : "any");
  result = all ? TRI_TRUE : TRI_FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      Tri t = eval (self, json_array_get_element (list, i));
      if (t == (all ? TRI_FALSE : TRI_TRUE))
        return t;  /* decided whatever the rest is */
      if (t == TRI_UNKNOWN)
        result = TRI_UNKNOWN;
    }
  return result;
}

/* ---- Explanation ---- */

/* The engine's own words, where the rules have none, from the gettext catalogs (English msgids,
 * Vietnamese in locales/po) like every other phrase people read. One process screens for
 * readers of many languages at once (the SMS responder), so gettext's language is never switched
 * per screening: the phrases are looked up in Vietnamese once, and each screening picks the
 * first of its chain that has them (English, Vietnamese; other languages fall back). */
enum {
  PHRASE_ENDED,         /* %s: the programme's last day */
  PHRASE_NOT_BEGUN,     /* %s: its first day */
  PHRASE_NOT_IN_FORCE,  /* %s: the date of the screening */
  PHRASE_NO_STANDARD,   /* %s: the question whose answer has nothing to be compared with */
  N_PHRASES
};

static const char *const phrase_ids[N_PHRASES] = {
  [PHRASE_ENDED] = N_("This programme ended on %s"),
  [PHRASE_NOT_BEGUN] = N_("This programme begins on %s"),
  [PHRASE_NOT_IN_FORCE] = N_("This programme is not in force on %s"),
  [PHRASE_NO_STANDARD] = N_("%s (no standard in force on that date to compare the answer with)"),
};

static ContentPhrases phrases = CONTENT_PHRASES_INIT (phrase_ids, N_PHRASES);

static const char *
phrase (ContentScreening *self, guint id)
{
  return content_phrases_get (&phrases, self->chain, id);
}

/* @date (YYYY-MM-DD) as people in Vietnam write it: 31/12/2025. */
static char *
people_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (date);
  return g_strdup_printf ("%d/%d/%d", day, month, year);
}

/* Why @rule has no version in force on the date: it ended (the last day of the newest version
 * before the date, in *@ended), it has not begun (the first day of the next, in *@begins), or
 * neither (its item is not published). The dates are the rule's, YYYY-MM-DD, borrowed. */
static void
out_of_force (ContentScreening *self, ContentRulePart *rule, const char **ended, const char **begins)
{
  JsonArray *versions = json_object_get_array_member (json_node_get_object (rule->definition), "versions");
  const ContentItem *item = content_rule_set_get_benefit (self->rules, rule->id);

  *ended = *begins = NULL;
  if (item != NULL && item->status != CONTENT_STATUS_PUBLISHED)
    return;
  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      const char *from = content_validator_member_string (v, "from"), *to = content_validator_member_string (v, "to");

      if (to != NULL && strcmp (to, self->date) < 0 && (*ended == NULL || strcmp (to, *ended) > 0))
        *ended = to;
      if (strcmp (from, self->date) > 0 && (*begins == NULL || strcmp (from, *begins) < 0))
        *begins = from;
    }
  /* A programme that ended and comes back later is said to begin again. */
  if (*begins != NULL)
    *ended = NULL;
}

static void
report (ContentBenefitResult *r, Tri t, char *reason)
{
  GPtrArray *list = t == TRI_TRUE ? r->met : t == TRI_FALSE ? r->not_met : r->unknown;

  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), reason))
      {
        g_free (reason);  /* the same criterion reached twice */
        return;
      }
  g_ptr_array_add (list, reason);
}

/* The reason of the condition @obj worded for the outcome @t, or NULL when it has none or @t is
 * unknown. */
static const char *
reason_for (ContentScreening *self, JsonObject *obj, Tri t)
{
  if (t == TRI_UNKNOWN)
    return NULL;
  return localized_string (self, member_object (member_object (obj, "reason"), t == TRI_TRUE ? "met" : "not_met"));
}

/* What is still open about the comparison @cmp, which the answers leave unknown: its question,
 * or, when the question is answered but no parameter value is in force, that too. */
static char *
open_question (ContentScreening *self, JsonObject *cmp)
{
  JsonObject *q = question_def (self, content_validator_member_string (cmp, "question"));
  const char *text = localized_string (self, member_object (q, "text"));
  gboolean no_standard = FALSE;

  eval_comparison (self, cmp, &no_standard);
  if (no_standard)
    return g_strdup_printf (phrase (self, PHRASE_NO_STANDARD), text);
  return g_strdup (text);
}

static void
explain (ContentScreening *self, JsonNode *node, ContentBenefitResult *r)
{
  JsonObject *obj = json_node_get_object (node);
  Tri t = eval (self, node);
  const char *reason = reason_for (self, obj, t);
  JsonArray *list;
  gboolean all;

  if (reason != NULL)
    {
      report (r, t, g_strdup (reason));
      return;
    }
  /* Unknown, or a bare ALL or ANY: the parts tell. */
  if (json_object_has_member (obj, "question"))
    {
      report (r, t, open_question (self, obj));
      return;
    }
  if (json_object_has_member (obj, "ref"))
    {
      explain (self, named_condition (self, content_validator_member_string (obj, "ref")), r);
      return;
    }
  if (json_object_has_member (obj, "not"))
    {
      /* Each part's wording is true of the person as it stands, so none reads backwards here. */
      explain (self, json_object_get_member (obj, "not"), r);
      return;
    }
  all = json_object_has_member (obj, "all");
  list = json_object_get_array_member (obj, all ? "all" : "any");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *child = json_array_get_element (list, i);
      Tri c = eval (self, child);
      /* Tell what decided it: for a met ALL every part, for a met ANY the parts met; for a failed
       * ALL the parts failed, for a failed ANY every part; when undecided, what is unknown and,
       * in an ALL, what is already met. */
      gboolean tell = t == TRI_UNKNOWN ? (c == TRI_UNKNOWN || (all && c == TRI_TRUE))
                                       : (c == t || (t == TRI_TRUE ? all : !all));
      if (tell)
        explain (self, child, r);
    }
}

static ContentBenefitResult *
result_new (const char *benefit)
{
  ContentBenefitResult *r = g_new0 (ContentBenefitResult, 1);

  r->benefit = g_strdup (benefit);
  r->met = g_ptr_array_new_with_free_func (g_free);
  r->not_met = g_ptr_array_new_with_free_func (g_free);
  r->unknown = g_ptr_array_new_with_free_func (g_free);
  return r;
}

static ContentVerdict
verdict_of (Tri t)
{
  return t == TRI_TRUE ? CONTENT_VERDICT_ELIGIBLE
         : t == TRI_FALSE ? CONTENT_VERDICT_NOT_ELIGIBLE : CONTENT_VERDICT_UNDECIDED;
}

static Tri decide (ContentScreening *self, JsonNode *condition);

GPtrArray *
content_screening_evaluate (ContentScreening *self)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) content_benefit_result_free);
  GPtrArray *rules = content_rule_set_parts (self->rules, CONTENT_RULE_BENEFIT);

  for (guint i = 0; i < rules->len; i++)
    {
      ContentRulePart *rule = g_ptr_array_index (rules, i);
      JsonNode *condition = active_condition (self, rule);
      ContentBenefitResult *r = result_new (rule->id);

      r->in_force = condition != NULL;
      if (condition == NULL)
        {
          const char *ended, *begins;
          g_autofree char *date = NULL;

          out_of_force (self, rule, &ended, &begins);
          r->verdict = CONTENT_VERDICT_NOT_ELIGIBLE;
          r->ended_on = g_strdup (ended);
          r->begins_on = g_strdup (begins);
          date = people_date (ended != NULL ? ended : begins != NULL ? begins : self->date);
          g_ptr_array_add (r->not_met, g_strdup_printf (phrase (self, ended != NULL ? PHRASE_ENDED
                                                                  : begins != NULL ? PHRASE_NOT_BEGUN
                                                                  : PHRASE_NOT_IN_FORCE), date));
        }
      else
        {
          r->verdict = verdict_of (decide (self, condition));
          explain (self, condition, r);
        }
      g_ptr_array_add (results, r);
    }
  return results;
}

/* ---- Answers ---- */

static gboolean
parse_answer (ContentScreening *self, JsonObject *q, const char *qid, const char *value, Answer *a,
              GError **error)
{
  const char *type = content_validator_member_string (q, "type");

  if (g_str_equal (value, "unknown"))
    {
      if (json_object_has_member (q, "dont_know") && !json_object_get_boolean_member (q, "dont_know"))
        {
          g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                       "%s: this question has no “don't know” answer", qid);
          return FALSE;
        }
      a->unknown = TRUE;
      return TRUE;
    }
  if (g_str_equal (type, "yes_no"))
    {
      if (!g_str_equal (value, "yes") && !g_str_equal (value, "no"))
        {
          g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                       "%s: “%s” is not an answer to a yes/no question (yes, no or unknown)", qid, value);
          return FALSE;
        }
      a->yes = g_str_equal (value, "yes");
      return TRUE;
    }
  if (g_str_equal (type, "choice"))
    {
      JsonArray *choices = json_object_get_array_member (q, "choices");
      g_autoptr(GString) known = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          const char *c = content_validator_member_string (json_array_get_object_element (choices, i), "value");
          if (g_str_equal (c, value))
            {
              a->choice = g_strdup (c);
              return TRUE;
            }
          g_string_append_printf (known, "%s%s", i ? ", " : "", c);
        }
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "%s: “%s” is not one of the choices (%s, or unknown)", qid, value, known->str);
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      {
        g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                     "%s: “%s” is not a number (digits only, or unknown)", qid, value);
        return FALSE;
      }
  a->number = g_ascii_strtod (value, NULL);
  if (*value == '\0' || strlen (value) > 15
      || a->number < json_object_get_double_member (q, "min")
      || a->number > json_object_get_double_member (q, "max"))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "%s: “%s” is outside %.0f to %.0f", qid, value,
                   json_object_get_double_member (q, "min"), json_object_get_double_member (q, "max"));
      return FALSE;
    }
  return TRUE;
}

gboolean
content_screening_answer (ContentScreening *self, const char *question, const char *value,
                          GError **error)
{
  JsonObject *q = question_def (self, question);
  g_autofree Answer *a = g_new0 (Answer, 1);

  if (value == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "%s: no answer given", question);
      return FALSE;
    }
  if (q == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "no question “%s”", question);
      return FALSE;
    }
  if (!parse_answer (self, q, question, value, a, error))
    {
      g_free (a->choice);
      return FALSE;
    }
  g_hash_table_replace (self->answers, g_strdup (question), g_steal_pointer (&a));
  self->next_valid = FALSE;
  return TRUE;
}

void
content_screening_forget (ContentScreening *self, const char *question)
{
  if (g_hash_table_remove (self->answers, question))
    self->next_valid = FALSE;
}

/* ---- Which question matters ---- */

typedef struct {
  char *question;
  GPtrArray *trials;   /* Answer: one per range or choice */
} Unanswered;

static void
unanswered_free (Unanswered *u)
{
  g_free (u->question);
  g_ptr_array_unref (u->trials);
  g_free (u);
}

static Answer *
trial_number (double n)
{
  Answer *a = g_new0 (Answer, 1);
  a->number = n;
  return a;
}

/* The first whole numbers where a comparison with @op and @t changes its result: the answers
 * are whole numbers, so ">= 2.5" changes at 3. */
static void
add_cuts (GArray *cuts, const char *op, double t)
{
  double c;

  if (g_str_equal (op, ">=") || g_str_equal (op, "<"))
    c = ceil (t);
  else if (g_str_equal (op, ">") || g_str_equal (op, "<="))
    c = floor (t) + 1;
  else
    {
      if (t != floor (t))
        return;  /* a whole number never equals it */
      c = t;
      g_array_append_val (cuts, c);
      c = t + 1;
    }
  g_array_append_val (cuts, c);
}

static Unanswered *
find_unanswered (GPtrArray *list, const char *question)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((Unanswered *) g_ptr_array_index (list, i))->question, question))
      return g_ptr_array_index (list, i);
  return NULL;
}

/* Collects the unanswered questions of @node into @list, number questions with their cuts in
 * @cuts (question → GArray of double). */
static void
collect (ContentScreening *self, JsonNode *node, GPtrArray *list, GHashTable *cuts)
{
  JsonObject *obj = json_node_get_object (node);

  if (json_object_has_member (obj, "question"))
    {
      const char *qid = content_validator_member_string (obj, "question");
      const char *param = content_validator_member_string (obj, "parameter");
      double t;

      const Answer *given = g_hash_table_lookup (self->answers, qid);

      /* "Don't know" answers are tried too: every value they could stand for. */
      if (given != NULL && !given->unknown)
        return;
      if (find_unanswered (list, qid) == NULL)
        {
          Unanswered *u = g_new0 (Unanswered, 1);
          u->question = g_strdup (qid);
          u->trials = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
          g_ptr_array_add (list, u);
          g_hash_table_insert (cuts, u->question, g_array_new (FALSE, FALSE, sizeof (double)));
        }
      if (g_str_equal (content_validator_member_string (question_def (self, qid), "type"), "number")
          && (param != NULL ? parameter_value (self, param, &t)
                            : (t = json_object_get_double_member (obj, "value"), TRUE)))
        add_cuts (g_hash_table_lookup (cuts, qid), content_validator_member_string (obj, "op"), t);
      return;
    }
  if (json_object_has_member (obj, "ref"))
    collect (self, named_condition (self, content_validator_member_string (obj, "ref")), list, cuts);
  else if (json_object_has_member (obj, "not"))
    collect (self, json_object_get_member (obj, "not"), list, cuts);
  else
    {
      JsonArray *children = json_object_get_array_member (obj, json_object_has_member (obj, "all") ? "all" : "any");
      for (guint i = 0; i < json_array_get_length (children); i++)
        collect (self, json_array_get_element (children, i), list, cuts);
    }
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* One trial answer per range the cuts delimit, every choice, or yes and no. */
static void
fill_trials (ContentScreening *self, Unanswered *u, GArray *cuts)
{
  JsonObject *q = question_def (self, u->question);
  const char *type = content_validator_member_string (q, "type");

  if (g_str_equal (type, "yes_no"))
    for (int yes = 1; yes >= 0; yes--)
      {
        Answer *a = g_new0 (Answer, 1);
        a->yes = yes;
        g_ptr_array_add (u->trials, a);
      }
  else if (g_str_equal (type, "choice"))
    {
      JsonArray *choices = json_object_get_array_member (q, "choices");
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          Answer *a = g_new0 (Answer, 1);
          a->choice = g_strdup (content_validator_member_string (json_array_get_object_element (choices, i), "value"));
          g_ptr_array_add (u->trials, a);
        }
    }
  else
    {
      double min = json_object_get_double_member (q, "min"), max = json_object_get_double_member (q, "max");
      double last = min;
      g_array_sort (cuts, compare_doubles);
      g_ptr_array_add (u->trials, trial_number (min));
      for (guint i = 0; i < cuts->len; i++)
        {
          double c = g_array_index (cuts, double, i);
          if (c > last && c <= max)
            g_ptr_array_add (u->trials, trial_number (last = c));
        }
    }
}

/* The unanswered questions of @condition, each with its trial answers. */
static GPtrArray *
unanswered_of (ContentScreening *self, JsonNode *condition)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) unanswered_free);
  g_autoptr(GHashTable) cuts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  collect (self, condition, list, cuts);
  for (guint i = 0; i < list->len; i++)
    {
      Unanswered *u = g_ptr_array_index (list, i);
      fill_trials (self, u, g_hash_table_lookup (cuts, u->question));
    }
  return list;
}

/* The rule set's own copy of question id @id, which outlives any list built while choosing. */
static const char *
stable_id (ContentScreening *self, const char *id)
{
  return content_rule_set_get (self->rules, CONTENT_RULE_QUESTION, id)->id;
}

/* Every outcome of @condition over the combinations of @list's trial answers, in mixed radix
 * (@stride); NULL when there are more than MAX_COMBINATIONS. Free with g_free(). */
static guchar *
outcomes (ContentScreening *self, JsonNode *condition, GPtrArray *list, guint *stride, guint *n_out)
{
  guchar *outcome;
  guint n = 1;

  for (guint k = 0; k < list->len; k++)
    {
      stride[k] = n;
      n *= MAX (((Unanswered *) g_ptr_array_index (list, k))->trials->len, 1u);
      if (n > MAX_COMBINATIONS)
        return NULL;
    }
  outcome = g_new (guchar, n);
  for (guint idx = 0; idx < n; idx++)
    {
      for (guint k = 0; k < list->len; k++)
        {
          Unanswered *u = g_ptr_array_index (list, k);
          g_hash_table_insert (self->overlay, u->question,
                               g_ptr_array_index (u->trials, (idx / stride[k]) % u->trials->len));
        }
      outcome[idx] = (guchar) eval (self, condition);
    }
  g_hash_table_remove_all (self->overlay);
  *n_out = n;
  return outcome;
}

/* @condition's result; where the answers given leave it unknown but every answer still missing
 * (or "don't know") would lead to the same result, that result: income under both poverty lines
 * qualifies whether the area is rural or urban. */
static Tri
decide (ContentScreening *self, JsonNode *condition)
{
  Tri t = eval (self, condition);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree guint *stride = NULL;
  g_autofree guchar *outcome = NULL;
  guint n = 0;

  if (t != TRI_UNKNOWN)
    return t;
  list = unanswered_of (self, condition);
  stride = g_new (guint, list->len + 1);
  outcome = outcomes (self, condition, list, stride, &n);
  if (outcome == NULL)
    return TRI_UNKNOWN;
  for (guint idx = 1; idx < n; idx++)
    if (outcome[idx] != outcome[0])
      return TRI_UNKNOWN;
  return (Tri) outcome[0];
}

/* How much asking a question would tell. */
typedef struct {
  guint benefits;   /* undecided benefits whose verdict its answer can change */
  double decisive;  /* summed over them: the share of its answers that settle the verdict */
} Score;

static Score *
score_of (GHashTable *scores, const char *question)
{
  Score *score = g_hash_table_lookup (scores, question);

  if (score == NULL)
    {
      score = g_new0 (Score, 1);
      g_hash_table_insert (scores, (gpointer) question, score);
    }
  return score;
}

/* The share of @u's trial answers that settle the outcome whatever the other questions say. */
static double
settled_share (const guchar *outcome, guint n, guint stride, Unanswered *u)
{
  guint settled = 0;

  for (guint v = 0; v < u->trials->len; v++)
    {
      int first = -1;
      gboolean constant = TRUE;

      for (guint idx = 0; idx < n && constant; idx++)
        {
          if ((idx / stride) % u->trials->len != v)
            continue;
          if (first < 0)
            first = outcome[idx];
          constant = outcome[idx] == first;
        }
      settled += constant && first != TRI_UNKNOWN;
    }
  return (double) settled / u->trials->len;
}

/* Scores in @scores the questions of @list whose answer alone can change @condition's result,
 * found by evaluating every combination of trial answers. */
static void
score_questions (ContentScreening *self, JsonNode *condition, GPtrArray *list, GHashTable *scores)
{
  g_autofree guint *stride = g_new (guint, list->len + 1);
  guint n = 0;
  g_autofree guchar *outcome = outcomes (self, condition, list, stride, &n);

  if (outcome == NULL)
    {
      /* Too many combinations to try: take every question to matter. */
      for (guint j = 0; j < list->len; j++)
        {
          const char *q = ((Unanswered *) g_ptr_array_index (list, j))->question;
          if (!g_hash_table_contains (self->answers, q))
            score_of (scores, stable_id (self, q))->benefits++;
        }
      return;
    }
  for (guint k = 0; k < list->len; k++)
    {
      Unanswered *u = g_ptr_array_index (list, k);
      gboolean relevant = FALSE;
      Score *score;

      if (g_hash_table_contains (self->answers, u->question))
        continue;  /* answered "don't know": never asked again */

      for (guint idx = 0; idx < n && !relevant; idx++)
        {
          if ((idx / stride[k]) % u->trials->len != 0)
            continue;
          for (guint j = 1; j < u->trials->len && !relevant; j++)
            relevant = outcome[idx + j * stride[k]] != outcome[idx];
        }
      if (!relevant)
        continue;
      score = score_of (scores, stable_id (self, u->question));
      score->benefits++;
      score->decisive += settled_share (outcome, n, stride[k], u);
    }
}

const char *
content_screening_next_question (ContentScreening *self)
{
  GPtrArray *rules = content_rule_set_parts (self->rules, CONTENT_RULE_BENEFIT);
  GPtrArray *questions = content_rule_set_parts (self->rules, CONTENT_RULE_QUESTION);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  Score best = { 0, 0 };

  if (self->next_valid)
    return self->next;
  g_clear_pointer (&self->next, g_free);
  for (guint i = 0; i < rules->len; i++)
    {
      JsonNode *condition = active_condition (self, g_ptr_array_index (rules, i));
      g_autoptr(GPtrArray) list = NULL;

      if (condition == NULL || decide (self, condition) != TRI_UNKNOWN)
        continue;
      list = unanswered_of (self, condition);
      score_questions (self, condition, list, scores);
    }
  /* Most benefits first; among equals the question most likely to settle them; then the rule
   * set's order. */
  for (guint i = 0; i < questions->len; i++)
    {
      ContentRulePart *q = g_ptr_array_index (questions, i);
      Score *score = g_hash_table_lookup (scores, q->id);
      if (score != NULL && (score->benefits > best.benefits
                            || (score->benefits == best.benefits && score->decisive > best.decisive + 1e-9)))
        {
          best = *score;
          g_free (self->next);
          self->next = g_strdup (q->id);
        }
    }
  self->next_valid = TRUE;
  return self->next;
}

guint
content_screening_count_open (ContentScreening *self)
{
  GPtrArray *rules = content_rule_set_parts (self->rules, CONTENT_RULE_BENEFIT);
  g_autoptr(GHashTable) open = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rules->len; i++)
    {
      JsonNode *condition = active_condition (self, g_ptr_array_index (rules, i));
      g_autoptr(GPtrArray) list = NULL;

      if (condition == NULL || decide (self, condition) != TRI_UNKNOWN)
        continue;
      list = unanswered_of (self, condition);
      for (guint j = 0; j < list->len; j++)
        g_hash_table_add (open, (gpointer) stable_id (self, ((Unanswered *) g_ptr_array_index (list, j))->question));
    }
  return g_hash_table_size (open);
}

char **
content_screening_sample_answers (ContentScreening *self, const char *question)
{
  GPtrArray *rules = content_rule_set_parts (self->rules, CONTENT_RULE_BENEFIT);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) unanswered_free);
  g_autoptr(GHashTable) cuts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  Unanswered *u;

  /* The ranges every rule in force tells apart, together. */
  for (guint i = 0; i < rules->len; i++)
    {
      JsonNode *condition = active_condition (self, g_ptr_array_index (rules, i));
      if (condition != NULL)
        collect (self, condition, list, cuts);
    }
  u = find_unanswered (list, question);
  if (u == NULL)
    return g_strv_builder_end (b);
  fill_trials (self, u, g_hash_table_lookup (cuts, u->question));
  for (guint i = 0; i < u->trials->len; i++)
    {
      Answer *a = g_ptr_array_index (u->trials, i);
      const char *type = content_validator_member_string (question_def (self, question), "type");
      g_autofree char *text = g_str_equal (type, "number") ? g_strdup_printf ("%.0f", a->number)
                              : g_str_equal (type, "choice") ? g_strdup (a->choice)
                              : g_strdup (a->yes ? "yes" : "no");
      g_strv_builder_add (b, text);
    }
  return g_strv_builder_end (b);
}

/* ---- For people and programs ---- */

static void
add_strings (JsonBuilder *b, const char *member, GPtrArray *strings)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

static void
add_localized (ContentScreening *self, JsonBuilder *b, const char *member, JsonObject *ltext)
{
  JsonNode *value = localized (self, ltext);

  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_value (b, json_node_copy (value));
  else
    json_builder_add_null_value (b);
}

static void
add_benefit (ContentScreening *self, JsonBuilder *b, ContentBenefitResult *r)
{
  const ContentItem *item = content_rule_set_get_benefit (self->rules, r->benefit);
  JsonObject *details = item != NULL ? json_node_get_object (item->details) : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, r->benefit);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, item != NULL ? content_item_get_text_for (item, self->lang)->title : r->benefit);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, content_verdict_to_string (r->verdict));
  json_builder_set_member_name (b, "in_force");
  json_builder_add_boolean_value (b, r->in_force);
  json_builder_set_member_name (b, "ended_on");
  if (r->ended_on != NULL)
    json_builder_add_string_value (b, r->ended_on);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "begins_on");
  if (r->begins_on != NULL)
    json_builder_add_string_value (b, r->begins_on);
  else
    json_builder_add_null_value (b);
  add_strings (b, "met", r->met);
  add_strings (b, "not_met", r->not_met);
  add_strings (b, "unknown", r->unknown);
  add_localized (self, b, "amount", member_object (details, "amount"));
  add_localized (self, b, "apply_at", member_object (details, "apply_at"));
  add_localized (self, b, "documents", member_object (details, "documents"));
  json_builder_end_object (b);
}

static void
add_question (ContentScreening *self, JsonBuilder *b, const char *id)
{
  JsonObject *q = question_def (self, id);
  const char *type = content_validator_member_string (q, "type");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  add_localized (self, b, "text", member_object (q, "text"));
  add_localized (self, b, "sms_text", member_object (q, "sms"));
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  if (g_str_equal (type, "choice"))
    {
      JsonArray *choices = json_object_get_array_member (q, "choices");
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          JsonObject *c = json_array_get_object_element (choices, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, content_validator_member_string (c, "value"));
          add_localized (self, b, "label", member_object (c, "label"));
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  add_localized (self, b, "unit", member_object (q, "unit"));
  json_builder_set_member_name (b, "min");
  if (json_object_has_member (q, "min"))
    json_builder_add_double_value (b, json_object_get_double_member (q, "min"));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max");
  if (json_object_has_member (q, "max"))
    json_builder_add_double_value (b, json_object_get_double_member (q, "max"));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "dont_know");
  json_builder_add_boolean_value (b, !json_object_has_member (q, "dont_know")
                                     || json_object_get_boolean_member (q, "dont_know"));
  json_builder_end_object (b);
}

JsonNode *
content_screening_to_json (ContentScreening *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) results = content_screening_evaluate (self);
  const char *next = content_screening_next_question (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, self->date);
  json_builder_set_member_name (b, "lang");
  json_builder_add_string_value (b, self->lang);
  json_builder_set_member_name (b, "benefits");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    add_benefit (self, b, g_ptr_array_index (results, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next_question");
  if (next != NULL)
    add_question (self, b, next);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
