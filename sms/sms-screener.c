/* sms-screener.c: eligibility screening by SMS, one question per message.
 *
 * KIEMTRA / CHECK runs the engine the kiosk's wizard runs (content-screening.h): the next
 * question is the engine's choice, worded with the rule set's own SMS text, its answers
 * numbered one per line, and the result comes when no answer could change a verdict any more.
 * Nothing is simplified for SMS: the questions are the rules' questions.
 *
 * A number's screening is kept between messages as a small JSON session in its state row
 * (sms-state.h): the question asked and the answers given so far, replayed into a fresh
 * ContentScreening for each message, so a crash, a restart or new rules never leave a
 * half-built object behind.
 */
#include "sms-screener.h"
#include "sms-phrases.h"
#include "sms-words.h"

#include "content-rule-set.h"
#include "content-screening.h"

#include <string.h>

struct _SmsScreener {
  ContentStore *content;
  ContentRuleSet *rules;  /* as of rules_seq; NULL until first needed */
  gint64 rules_seq;
};

SmsScreener *
sms_screener_new (ContentStore *content)
{
  SmsScreener *self = g_new0 (SmsScreener, 1);

  self->content = content;
  return self;
}

void
sms_screener_free (SmsScreener *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rules, content_rule_set_free);
  g_free (self);
}

/* The rules, loaded again when officers have published since. */
static ContentRuleSet *
rules_of (SmsScreener *self, GError **error)
{
  gint64 seq;

  if (!content_store_get_seq (self->content, &seq, error))
    return NULL;
  if (self->rules == NULL || seq != self->rules_seq)
    {
      ContentRuleSet *rules = content_rule_set_load (self->content, error);
      if (rules == NULL)
        return NULL;
      g_clear_pointer (&self->rules, content_rule_set_free);
      self->rules = rules;
      self->rules_seq = seq;
    }
  return self->rules;
}

/* A screening with the answers of @session (a JSON object {"a": {question id: value}})
 * given again. Answers the rules no longer take are dropped. */
static ContentScreening *
replay (SmsScreener *self, char **chain, const char *date, JsonObject *session, GError **error)
{
  ContentRuleSet *rules = rules_of (self, error);
  g_autoptr(ContentScreening) s = rules != NULL ? content_screening_new (rules, date, chain[0], error) : NULL;
  JsonObject *answers = session != NULL ? json_object_get_object_member (session, "a") : NULL;
  g_autoptr(GList) ids = answers != NULL ? json_object_get_members (answers) : NULL;

  if (s == NULL)
    return NULL;
  for (GList *l = ids; l != NULL; l = l->next)
    content_screening_answer (s, l->data, json_object_get_string_member (answers, l->data), NULL);
  return g_steal_pointer (&s);
}

static char *
session_text (JsonObject *answers)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) ids = json_object_get_members (answers);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "a");
  json_builder_begin_object (b);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_string_value (b, json_object_get_string_member (answers, l->data));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* The engine's next question, as content_screening_to_json() describes it, or NULL. */
static JsonObject *
next_question (JsonNode *state)
{
  JsonNode *q = json_object_get_member (json_node_get_object (state), "next_question");

  return q != NULL && JSON_NODE_HOLDS_OBJECT (q) ? json_node_get_object (q) : NULL;
}

static const char *
string_member (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* Appends question @q: its SMS wording, then its answers numbered one per line. */
static void
ask (JsonObject *q, char **chain, GString *reply)
{
  const char *type = string_member (q, "type");
  const char *text = string_member (q, "sms_text");
  gboolean dont_know = json_object_get_boolean_member (q, "dont_know");
  JsonArray *choices = json_object_get_array_member (q, "choices");
  guint n = 0;

  g_string_append (reply, text != NULL ? text : string_member (q, "text"));
  if (g_str_equal (type, "yes_no"))
    {
      g_string_append_printf (reply, "\n%u) %s", ++n, sms_phrase (chain, SMS_PHRASE_YES));
      g_string_append_printf (reply, "\n%u) %s", ++n, sms_phrase (chain, SMS_PHRASE_NO));
    }
  for (guint i = 0; i < json_array_get_length (choices); i++)
    g_string_append_printf (reply, "\n%u) %s", ++n,
                            string_member (json_array_get_object_element (choices, i), "label"));
  if (dont_know && g_str_equal (type, "number"))
    g_string_append_printf (reply, "\n%s", sms_phrase (chain, SMS_PHRASE_CHECK_NUMBER));
  else if (dont_know)
    g_string_append_printf (reply, "\n%u) %s", ++n, sms_phrase (chain, SMS_PHRASE_DONT_KNOW));
}

/* TRUE when @raw is "?" with white space around it at most: "don't know" for number questions. */
static gboolean
is_question_mark (const char *raw)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));

  return g_str_equal (trimmed, "?");
}

/* The answer value @words give to question @q: "yes"/"no", a choice's value, digits, or
 * "unknown"; "" for a number that is no answer of the list; NULL when they are no answer. */
static char *
value_for (JsonObject *q, const char *raw, char **words)
{
  const char *type = string_member (q, "type");
  gboolean dont_know = json_object_get_boolean_member (q, "dont_know");
  JsonArray *choices = json_object_get_array_member (q, "choices");
  g_autofree char *compact = g_strjoinv ("", words);
  guint options = g_str_equal (type, "yes_no") ? 2 : json_array_get_length (choices);
  guint64 n;

  if (dont_know && (g_str_equal (compact, "khongbiet") || g_str_equal (compact, "kobiet")
                    || g_str_equal (compact, "dontknow") || is_question_mark (raw)))
    return g_strdup ("unknown");
  if (g_str_equal (type, "yes_no") && (g_str_equal (compact, "co") || g_str_equal (compact, "yes")))
    return g_strdup ("yes");
  if (g_str_equal (type, "yes_no") && (g_str_equal (compact, "khong") || g_str_equal (compact, "ko")
                                       || g_str_equal (compact, "no")))
    return g_strdup ("no");
  if (!sms_words_choice (words, &n))
    return NULL;
  if (g_str_equal (type, "number"))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  if (n >= 1 && n <= options)
    return g_str_equal (type, "yes_no") ? g_strdup (n == 1 ? "yes" : "no")
                                        : g_strdup (string_member (json_array_get_object_element (choices, n - 1), "value"));
  if (dont_know && n == options + 1)
    return g_strdup ("unknown");
  return g_strdup ("");
}

/* Appends the benefits of @results in force with @verdict under @heading, one per line with
 * its code. TRUE when there was any. */
static gboolean
list_benefits (ContentRuleSet *rules, GPtrArray *results, ContentVerdict verdict, const char *lang,
               const char *heading, GString *reply)
{
  gboolean any = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      ContentBenefitResult *r = g_ptr_array_index (results, i);
      const ContentItem *item = content_rule_set_get_benefit (rules, r->benefit);
      if (!r->in_force || r->verdict != verdict || item == NULL)
        continue;
      if (!any)
        g_string_append_printf (reply, "%s%s", reply->len > 0 ? "\n" : "", heading);
      any = TRUE;
      g_string_append_printf (reply, "\n%s", content_item_get_text_for (item, lang)->title);
      if (item->sms_code != NULL)
        g_string_append_printf (reply, " [%s]", item->sms_code);
    }
  return any;
}

/* Appends the programmes of @results that are not in force on the date, apart from what the
 * answers decided and on one line: by code (which still answers with what they were), else by
 * title. */
static void
list_ended (ContentRuleSet *rules, GPtrArray *results, const char *lang, const char *heading, GString *reply)
{
  gboolean any = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      ContentBenefitResult *r = g_ptr_array_index (results, i);
      const ContentItem *item = content_rule_set_get_benefit (rules, r->benefit);
      if (r->in_force || item == NULL)
        continue;
      g_string_append_printf (reply, "%s%s", any ? ", " : "\n", any ? "" : heading);
      if (!any)
        g_string_append_c (reply, ' ');
      any = TRUE;
      g_string_append (reply, item->sms_code != NULL ? item->sms_code : content_item_get_text_for (item, lang)->title);
    }
}

static void
tell_result (SmsScreener *self, ContentScreening *s, char **chain, GString *reply)
{
  g_autoptr(GPtrArray) results = content_screening_evaluate (s);
  gboolean may, ask_about;

  may = list_benefits (self->rules, results, CONTENT_VERDICT_ELIGIBLE, chain[0],
                       sms_phrase (chain, SMS_PHRASE_CHECK_MAY_GET), reply);
  if (!may)
    g_string_append (reply, sms_phrase (chain, SMS_PHRASE_CHECK_NOTHING));
  ask_about = list_benefits (self->rules, results, CONTENT_VERDICT_UNDECIDED, chain[0],
                             sms_phrase (chain, SMS_PHRASE_CHECK_ASK), reply);
  list_ended (self->rules, results, chain[0], sms_phrase (chain, SMS_PHRASE_CHECK_ENDED), reply);
  if (may || ask_about)
    g_string_append_printf (reply, "\n%s", sms_phrase (chain, SMS_PHRASE_CHECK_DETAILS));
}

/* Asks the next question of @s, or tells the result; the session to keep in *@session. */
static void
go_on (SmsScreener *self, ContentScreening *s, JsonObject *answers, char **chain, GString *reply,
       char **session)
{
  g_autoptr(JsonNode) state = content_screening_to_json (s);
  JsonObject *q = next_question (state);

  g_clear_pointer (session, g_free);
  if (q == NULL)
    {
      tell_result (self, s, chain, reply);
      return;
    }
  ask (q, chain, reply);
  *session = session_text (answers);
}

gboolean
sms_screener_start (SmsScreener *self, char **chain, const char *date, GString *reply, char **session,
                    GError **error)
{
  g_autoptr(ContentScreening) s = replay (self, chain, date, NULL, error);
  g_autoptr(JsonObject) answers = json_object_new ();

  if (s == NULL)
    return FALSE;
  if (content_rule_set_parts (self->rules, CONTENT_RULE_BENEFIT)->len == 0)
    {
      g_string_append (reply, sms_phrase (chain, SMS_PHRASE_CHECK_NONE));
      g_clear_pointer (session, g_free);
      return TRUE;
    }
  g_string_append_printf (reply, "%s\n", sms_phrase (chain, SMS_PHRASE_CHECK_START));
  go_on (self, s, answers, chain, reply, session);
  return TRUE;
}

gboolean
sms_screener_answer (SmsScreener *self, char **chain, const char *date, char **session, const char *raw,
                     char **words, GString *reply, gboolean *taken, GError **error)
{
  g_autoptr(JsonNode) parsed = json_from_string (*session, NULL);
  JsonObject *obj = parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed) ? json_node_get_object (parsed) : NULL;
  g_autoptr(ContentScreening) s = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *value = NULL;
  JsonObject *q;

  *taken = FALSE;
  if (obj == NULL || !json_object_has_member (obj, "a"))
    return TRUE;  /* not a session this responder wrote: read the message as any other */
  if ((s = replay (self, chain, date, obj, error)) == NULL)
    return FALSE;
  state = content_screening_to_json (s);
  q = next_question (state);
  if (q == NULL || (value = value_for (q, raw, words)) == NULL)
    return TRUE;
  *taken = TRUE;
  if (*value == '\0' || !content_screening_answer (s, string_member (q, "id"), value, NULL))
    {
      g_string_append_printf (reply, "%s\n", sms_phrase (chain, SMS_PHRASE_CHECK_BAD_ANSWER));
      ask (q, chain, reply);
      return TRUE;
    }
  json_object_set_string_member (json_object_get_object_member (obj, "a"), string_member (q, "id"), value);
  go_on (self, s, json_object_get_object_member (obj, "a"), chain, reply, session);
  return TRUE;
}
