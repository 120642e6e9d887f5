/* sms-responder.c: the keyword grammar of the SMS service.
 *
 * People text from basic phones: no diacritics, typos, spaces in odd places, a digit to pick
 * from the last menu. A text message is a finished question, not a search box being typed
 * into. Every message is normalised (NFKC, so fullwidth or styled letters are letters; control
 * characters and tabs are spaces), folded (content_fold) and read in this order:
 *   0. during a screening (KIEMTRA), an answer to its question; 0 or LAI restarts, HUY ends it;
 *   1. an exact item or topic SMS code, spaces removed ("LUAT 12" is LUAT12 when it exists);
 *   2. a command, in every language at once (TROGIUP, TRO GIUP, HD, HELP, ?; LUAT, LAW; ...);
 *   3. a greeting or thanks; a language as people name it ("TAY", "tieng dao");
 *   4. several codes in one message: a menu of them;
 *   5. a command or code followed by a number ("LUAT 2", "luat2"): that menu and that choice;
 *   6. a number: a code's or law's number ("1719", "52/2014") is that item, else a choice from
 *      the last menu ("1", "1.", "so 1", "chon 1", "mot");
 *   7. a follow-up about the last answer ("lam don o dau");
 *   8. one typo in a letters-only word of 4 letters or more (never a changed digit, never one
 *      abbreviation into another: BHXH is not BTXH);
 *   9. anything else: a search of what the message is about (filler words dropped, most of the
 *      words must match, the last word is a whole word), one result answered at once, more as
 *      a numbered menu, none as an honest "not found" with a way on.
 * Before any of that come the protections: brand-name senders and short codes are never
 * answered, identical text within seconds is a duplicate (unless it answers a menu sent since),
 * a stopped number only hears START, replies per hour are capped with one notice, and a number
 * that keeps getting the same reply (another machine answering us) is left alone. Every skip
 * has a reason for the log.
 *
 * Replies are written with accents in the reader's language (sms-phrases.c); the number's
 * encoding policy (unaccented by default) is applied at the end, and long answers are paged:
 * THEM / MORE sends the next page, and the rest survives one unrelated message.
 */
#include "sms-responder.h"
#include "sms-alerts.h"
#include "sms-phrases.h"
#include "sms-screener.h"
#include "sms-state.h"
#include "sms-usage.h"
#include "sms-words.h"

#include "content-error.h"
#include "content-fold.h"
#include "content-language.h"
#include "content-search.h"

#include <string.h>

/* How much of a message is read: more than any command or sensible search. */
#define READ_CHARS 160
/* Results of a search offered as a menu. */
#define SEARCH_RESULTS 3
/* Menu entries are cut to this many characters. */
#define MENU_LABEL_CHARS 48

typedef enum {
  CMD_HELP, CMD_MORE, CMD_STOP, CMD_START, CMD_ACCENTED, CMD_UNACCENTED, CMD_FIND, CMD_TOPIC, CMD_CHECK,
  CMD_FOLLOW, CMD_UNFOLLOW,
} CommandKind;

/* Commands, written folded and without spaces, as content_fold and compaction leave them. */
static const struct {
  const char *word;
  CommandKind kind;
  const char *topic;  /* CMD_TOPIC: the section or topic it opens */
} commands[] = {
  { "help", CMD_HELP }, { "trogiup", CMD_HELP }, { "hd", CMD_HELP }, { "huongdan", CMD_HELP },
  { "them", CMD_MORE }, { "more", CMD_MORE }, { "tiep", CMD_MORE }, { "xemtiep", CMD_MORE }, { "next", CMD_MORE },
  { "stop", CMD_STOP }, { "huy", CMD_STOP }, { "td", CMD_STOP },
  { "start", CMD_START }, { "batdau", CMD_START },
  { "codau", CMD_ACCENTED }, { "khongdau", CMD_UNACCENTED },
  { "tim", CMD_FIND }, { "find", CMD_FIND }, { "timkiem", CMD_FIND },
  { "kiemtra", CMD_CHECK }, { "check", CMD_CHECK }, { "xethuong", CMD_CHECK },
  { "dangky", CMD_FOLLOW }, { "dk", CMD_FOLLOW }, { "follow", CMD_FOLLOW },
  { "huydk", CMD_UNFOLLOW }, { "huydangky", CMD_UNFOLLOW }, { "unfollow", CMD_UNFOLLOW },
  { "luat", CMD_TOPIC, "law" }, { "law", CMD_TOPIC, "law" }, { "phapluat", CMD_TOPIC, "law" },
  { "hotro", CMD_TOPIC, "support" }, { "chinhsach", CMD_TOPIC, "support" }, { "support", CMD_TOPIC, "support" },
  { "ocop", CMD_TOPIC, "ocop" }, { "sanpham", CMD_TOPIC, "ocop-tourism" },
  { "dulich", CMD_TOPIC, "tourism" }, { "tourism", CMD_TOPIC, "tourism" },
};

struct _SmsResponder {
  ContentStore *content;
  SmsSql *sql;         /* where the state is kept: smsd.db's SQLite or PostgreSQL */
  SmsSql *own_sql;     /* the connection made by sms_responder_new(), or NULL */
  SmsState *db;
  SmsUsage *usage;
  SmsScreener *screener;
  SmsAlerts *alerts;
  const SmsConfig *config;
  GPtrArray *topics;   /* ContentTopic, for menus, as of topics_seq */
  gint64 topics_seq;
};
void
sms_reply_free (SmsReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->number);
  g_free (reply->text);
  g_clear_pointer (&reply->encoded, sms_encoded_free);
  g_free (reply->skip_reason);
  g_free (reply);
}

JsonNode *
sms_reply_json (const SmsEncoded *encoded, const char *skip_reason)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reply");
  if (encoded != NULL)
    json_builder_add_string_value (b, encoded->text);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "encoding");
  if (encoded != NULL)
    json_builder_add_string_value (b, sms_encoding_to_string (encoded->encoding));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "parts");
  json_builder_begin_array (b);
  for (guint i = 0; encoded != NULL && i < encoded->parts->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (encoded->parts, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "skip_reason");
  if (skip_reason != NULL)
    json_builder_add_string_value (b, skip_reason);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The responder over @sql; @own_sql, when set, is @sql, freed with the responder. */
static SmsResponder *
responder_new (ContentStore *content, SmsSql *sql, SmsSql *own_sql, const SmsConfig *config, GError **error)
{
  g_autoptr(SmsResponder) self = g_new0 (SmsResponder, 1);

  self->content = content;
  self->sql = sql;
  self->own_sql = own_sql;
  self->config = config;
  self->screener = sms_screener_new (content);
  if (!content_store_get_seq (content, &self->topics_seq, error)
      || (self->topics = content_store_list_topics (content, error)) == NULL
      || (self->db = sms_state_new (sql, error)) == NULL
      || (self->usage = sms_usage_new (sql, error)) == NULL
      || (self->alerts = sms_alerts_new (sql, content, self->db, config, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

SmsResponder *
sms_responder_new (ContentStore *content, sqlite3 *state_db, const SmsConfig *config, GError **error)
{
  SmsSql *sql = sms_sql_new_sqlite (state_db);

  return responder_new (content, sql, sql, config, error);
}

SmsResponder *
sms_responder_new_sql (ContentStore *content, SmsSql *sql, const SmsConfig *config, GError **error)
{
  return responder_new (content, sql, NULL, config, error);
}

void
sms_responder_free (SmsResponder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->db, sms_state_free);
  g_clear_pointer (&self->usage, sms_usage_free);
  g_clear_pointer (&self->screener, sms_screener_free);
  g_clear_pointer (&self->alerts, sms_alerts_free);
  g_clear_pointer (&self->own_sql, sms_sql_free);
  g_free (self);
}

SmsAlerts *
sms_responder_get_alerts (SmsResponder *self)
{
  return self->alerts;
}

SmsSql *
sms_responder_get_sql (SmsResponder *self)
{
  return self->sql;
}

char *
sms_responder_normalise_number (const char *from)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;

  for (const char *p = from; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (!strchr (" -.()", *p))
        return NULL;  /* letters: a brand-name sender */
    }
  if (digits->len == 0)
    return NULL;
  /* Vietnam: 0912... (national), 84912... and 0084912... (international without +). */
  if (!plus && g_str_has_prefix (digits->str, "0084"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }
  else if (!plus && digits->str[0] == '0' && digits->len >= 10)
    {
      g_string_erase (digits, 0, 1);
      g_string_prepend (digits, "84");
      plus = TRUE;
    }
  else if (!plus && g_str_has_prefix (digits->str, "84") && digits->len >= 11)
    plus = TRUE;
  return plus ? g_strconcat ("+", digits->str, NULL) : g_string_free (g_steal_pointer (&digits), FALSE);
}


/* ---- One conversation step ---- */

typedef struct {
  SmsResponder *self;
  SmsNumberState *state;
  gint64 now;
  char *day;             /* the day in Vietnam, YYYY-MM-DD */
  const char *raw;       /* the message as typed (normalised) */
  char **chain;          /* the number's language chain */
  GString *reply;
  GPtrArray *menu;       /* new menu targets, or NULL to keep the old */
  gboolean paging;       /* the reply is the rest of the last answer (THEM) */
  SmsPolicy policy;      /* the number's encoding policy */
} Turn;

/* What owns SMS @code (content_store_find_sms_code()), or FALSE. A failure of the content
 * database is logged apart from a free code, and the sender is told nothing was found. */
static gboolean
find_code (Turn *t, const char *code, char **what, char **id)
{
  g_autoptr(GError) local = NULL;

  if (content_store_find_sms_code (t->self->content, code, what, id, &local))
    return TRUE;
  if (!g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    g_warning ("%s", local->message);
  return FALSE;
}

static const char *
say (Turn *t, SmsPhrase id)
{
  return sms_phrase (t->chain, id);
}

static const char *
reader_lang (Turn *t)
{
  return t->chain[0];
}

static gboolean
within_session (Turn *t, gint64 at)
{
  return t->now - at <= t->self->config->session_seconds;
}

static ContentTopic *
find_topic (SmsResponder *self, const char *id)
{
  gint64 seq;

  /* Officers may have changed the topics since the daemon started (a counter that cannot be
   * read keeps the topics read before). */
  if (content_store_get_seq (self->content, &seq, NULL) && seq != self->topics_seq)
    {
      GPtrArray *topics = content_store_list_topics (self->content, NULL);
      if (topics != NULL)
        {
          g_ptr_array_unref (self->topics);
          self->topics = topics;
          self->topics_seq = seq;
        }
    }
  for (guint i = 0; i < self->topics->len; i++)
    if (g_str_equal (((ContentTopic *) g_ptr_array_index (self->topics, i))->id, id))
      return g_ptr_array_index (self->topics, i);
  return NULL;
}

static void
start_menu (Turn *t)
{
  g_clear_pointer (&t->menu, g_ptr_array_unref);
  t->menu = g_ptr_array_new_with_free_func (g_free);
}

/* @label cut at a word to at most MENU_LABEL_CHARS characters: a menu entry only has to be
 * recognised, and long questions as titles would make a menu of several SMS. */
static char *
short_label (const char *label)
{
  g_autofree char *head = NULL;
  char *space;

  if (g_utf8_strlen (label, -1) <= MENU_LABEL_CHARS)
    return g_strdup (label);
  head = g_utf8_substring (label, 0, MENU_LABEL_CHARS - 3);
  if ((space = strrchr (head, ' ')) != NULL && space > head)
    *space = '\0';
  return g_strconcat (head, "...", NULL);
}

/* One choice on a line of its own: "1) ...". Paging cuts at line ends, never between a number
 * and its entry. */
static void
menu_entry (Turn *t, const char *target, const char *label)
{
  g_autofree char *shown = short_label (label);

  g_ptr_array_add (t->menu, g_strdup (target));
  g_string_append_printf (t->reply, "%s%u) %s", t->reply->len > 0 ? "\n" : "", t->menu->len, shown);
}

/* "Reply with a number." after a menu, where it costs no extra part: a numbered list explains
 * itself, and the instruction must not make it two SMS. */
static void
end_menu (Turn *t)
{
  guint parts = sms_codec_count_parts (t->reply->str, t->policy);
  gsize len = t->reply->len;

  g_string_append_printf (t->reply, "\n%s", say (t, SMS_PHRASE_CHOOSE));
  if (sms_codec_count_parts (t->reply->str, t->policy) > parts)
    g_string_truncate (t->reply, len);
}

/* A topic: its subtopics, or when it has none its items, as a numbered menu. */
static gboolean
reply_topic (Turn *t, const char *topic_id, GError **error)
{
  ContentTopic *topic = find_topic (t->self, topic_id);
  g_autoptr(GPtrArray) items = NULL;

  if (topic == NULL)
    {
      /* Gone from the content since the menu was sent, or never there. */
      g_string_append (t->reply, say (t, SMS_PHRASE_NO_MENU));
      return TRUE;
    }
  g_string_append_printf (t->reply, "%s:", content_topic_get_name (topic, reader_lang (t), NULL));
  start_menu (t);
  for (guint i = 0; i < t->self->topics->len; i++)
    {
      ContentTopic *child = g_ptr_array_index (t->self->topics, i);
      if (g_strcmp0 (child->parent_id, topic_id) == 0)
        {
          g_autofree char *target = g_strconcat ("topic:", child->id, NULL);
          menu_entry (t, target, content_topic_get_name (child, reader_lang (t), NULL));
        }
    }
  if (t->menu->len == 0)
    {
      items = content_store_list_topic_items (t->self->content, topic_id, error);
      if (items == NULL)
        return FALSE;
      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(ContentItem) item = content_store_get_item (t->self->content, g_ptr_array_index (items, i), error);
          g_autofree char *target = NULL;
          if (item == NULL)
            return FALSE;
          target = g_strconcat ("item:", item->id, NULL);
          menu_entry (t, target, content_item_get_text_for (item, reader_lang (t))->title);
        }
    }
  end_menu (t);
  return TRUE;
}

/* A published item, or NULL (a menu can outlive an item the officers removed; drafts are not
 * for the public). Fails only when the database does. */
static ContentItem *
published_item (Turn *t, const char *id, gboolean *failed, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ContentItem) item = content_store_get_item (t->self->content, id, &local);

  *failed = item == NULL && !g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND);
  if (*failed)
    g_propagate_error (error, g_steal_pointer (&local));
  if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
    return NULL;
  return g_steal_pointer (&item);
}

/* Says, before the answer that starts at @start, that the item has no text in the reader's
 * language yet (@text came from the next language of the chain, Vietnamese). Where saying so
 * would make an answer one SMS longer, the item's code echoed at its end (@echo) goes instead,
 * when that keeps it to its parts: the note is worth more than the echo of what was sent. */
static void
note_fallback (Turn *t, gsize start, const ContentText *text, const char *echo)
{
  const ContentLanguage *lang = content_language_lookup (reader_lang (t));
  guint parts = sms_codec_count_parts (t->reply->str, t->policy);
  g_autofree char *note = NULL;

  if (g_str_equal (text->lang, reader_lang (t)))
    return;
  note = g_strdup_printf (say (t, SMS_PHRASE_NOT_TRANSLATED), lang != NULL ? lang->native_name : reader_lang (t));
  g_string_insert (t->reply, start, note);
  if (*echo == '\0' || sms_codec_count_parts (t->reply->str, t->policy) <= parts)
    return;
  g_string_truncate (t->reply, t->reply->len - strlen (echo));
  if (sms_codec_count_parts (t->reply->str, t->policy) > parts)
    g_string_append (t->reply, echo);
}

/* An item: its SMS answer in the reader's language (written to stand alone, so the title is not
 * repeated), else its title and summary, with its code, said to be a fallback when it is one.
 * Counted for the dashboard. */
static gboolean
reply_item (Turn *t, const char *id, GError **error)
{
  gboolean failed;
  g_autoptr(ContentItem) item = published_item (t, id, &failed, error);
  g_autofree char *echo = NULL;
  const ContentText *text;
  gsize start = t->reply->len;

  if (item == NULL)
    {
      if (!failed)
        g_string_append (t->reply, say (t, SMS_PHRASE_NO_MENU));
      return !failed;
    }
  text = content_item_get_text_for (item, reader_lang (t));
  if (text->sms != NULL)
    g_string_append (t->reply, text->sms);
  else
    g_string_append_printf (t->reply, "%s: %s", text->title, text->summary != NULL ? text->summary : "");
  echo = item->sms_code != NULL ? g_strdup_printf (" [%s]", item->sms_code) : g_strdup ("");
  g_string_append (t->reply, echo);
  note_fallback (t, start, text, echo);
  g_free (t->state->last_item);
  t->state->last_item = g_strdup (item->id);
  t->state->last_at = t->now;
  return sms_usage_count_item (t->self->usage, item->id, t->day, reader_lang (t), error);
}

static void set_lang (Turn *t, const char *code);

static gboolean
reply_target (Turn *t, const char *target, GError **error)
{
  if (g_str_has_prefix (target, "topic:"))
    return reply_topic (t, target + 6, error);
  if (g_str_has_prefix (target, "lang:"))
    {
      set_lang (t, target + 5);
      return TRUE;
    }
  return reply_item (t, target + 5, error);
}

/* The query as echoed in a "not found": short, so the way on is not pushed out by a long
 * message. */
static char *
echo_of (const char *words)
{
  if (g_utf8_strlen (words, -1) <= 20)
    return g_strdup (words);
  {
    g_autofree char *head = g_utf8_substring (words, 0, 18);
    return g_strconcat (head, "...", NULL);
  }
}

static gboolean
reply_not_found (Turn *t, const char *what, GError **error)
{
  g_autofree char *echo = echo_of (what);

  g_string_append_printf (t->reply, say (t, SMS_PHRASE_NOT_FOUND), echo);
  return sms_usage_count_miss (t->self->usage, what, t->day, reader_lang (t), error);
}

/* How many of @n words an item must match when not all do: a message is about all its words,
 * so one or two words must all match, and longer questions may miss a third of theirs. */
static guint
words_needed (guint n)
{
  return n <= 2 ? n : n - n / 3;
}

/* A search for what @words are about: filler words dropped, the last word whole (the message
 * is finished), the words as a phrase if they occur so, else most of them. One result is the
 * answer; several, a menu. */
static gboolean
reply_search (Turn *t, char **words, GError **error)
{
  g_auto(GStrv) content = sms_words_content (words);
  g_autofree char *about = g_strjoinv (" ", content);
  g_autofree char *query = g_strconcat (about, " ", NULL);
  g_autofree char *joined = g_strjoinv ("-", content);
  /* Words joined by punctuation are searched as a phrase. */
  g_autofree char *phrase = g_strconcat (joined, " ", NULL);
  g_autofree char *all = g_strjoinv (" ", words);
  ContentSearchOptions options = { .lang = reader_lang (t), .kind = -1, .limit = SEARCH_RESULTS,
                                   .no_snippets = TRUE, .min_words = words_needed (g_strv_length (content)) };
  g_autoptr(GPtrArray) results = NULL;

  if (content[0] == NULL)
    return reply_not_found (t, all, error);
  /* The words as one phrase first ("van don" is a place, not two stray words), then apart. */
  results = content_store_search (t->self->content, phrase, &options, error);
  if (results != NULL && results->len == 0 && content[1] != NULL)
    {
      g_ptr_array_unref (results);
      results = content_store_search (t->self->content, query, &options, error);
    }
  if (results == NULL)
    return FALSE;
  if (results->len == 0)
    return reply_not_found (t, about, error);
  if (results->len == 1)
    return reply_item (t, ((ContentSearchResult *) g_ptr_array_index (results, 0))->id, error);
  start_menu (t);
  for (guint i = 0; i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *target = g_strconcat ("item:", r->id, NULL);
      menu_entry (t, target, r->title);
    }
  end_menu (t);
  return TRUE;
}

/* Whether the last menu (or screening question) sent has expired: a digit then is said to
 * answer something that has passed, not something never sent. */
static gboolean
prompt_expired (Turn *t)
{
  return (t->state->menu != NULL && !within_session (t, t->state->menu_at))
         || (t->state->screening != NULL && !within_session (t, t->state->screening_at));
}

/* Picks choice @n from the number's last menu. */
static gboolean
reply_choice (Turn *t, guint64 n, GError **error)
{
  g_auto(GStrv) targets = NULL;
  guint count;

  if (t->state->menu == NULL || !within_session (t, t->state->menu_at))
    {
      g_string_append (t->reply, say (t, prompt_expired (t) ? SMS_PHRASE_MENU_EXPIRED : SMS_PHRASE_NO_MENU));
      return TRUE;
    }
  targets = g_strsplit (t->state->menu, "\n", -1);
  count = g_strv_length (targets);
  if (n < 1 || n > count)
    {
      g_string_append_printf (t->reply, say (t, SMS_PHRASE_BAD_CHOICE), count);
      return TRUE;
    }
  return reply_target (t, targets[n - 1], error);
}

/* What @code (upper case, no spaces) names, as a menu target ("item:ID", "topic:ID"), or NULL:
 * nothing, or an item not published. */
static char *
code_target (Turn *t, const char *code)
{
  g_autofree char *what = NULL, *id = NULL;

  if (!find_code (t, code, &what, &id))
    return NULL;
  if (g_str_equal (what, "item"))
    {
      g_autoptr(ContentItem) item = content_store_get_item (t->self->content, id, NULL);
      if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
        return NULL;
    }
  return g_strdup_printf ("%s:%s", what, id);
}

/* Opens what @code (upper case, no spaces) names: a topic's menu or a published item. FALSE in
 * *@found when it names nothing. */
static gboolean
reply_code (Turn *t, const char *code, gboolean *found, GError **error)
{
  g_autofree char *target = code_target (t, code);

  *found = target != NULL;
  return target == NULL || reply_target (t, target, error);
}

/* Several codes in one message ("BHYTQN HUUTRI", as the kiosk's QR of a screening's results
 * sends): a menu of those items. FALSE in *@done unless every word is a code. */
static gboolean
step_codes (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  *done = FALSE;
  if (g_strv_length (words) < 2)
    return TRUE;
  for (gsize i = 0; words[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (words[i], -1);
      char *target = code_target (t, code);
      if (target == NULL)
        return TRUE;
      g_ptr_array_add (targets, target);
    }
  *done = TRUE;
  start_menu (t);
  for (guint i = 0; i < targets->len; i++)
    {
      const char *target = g_ptr_array_index (targets, i);
      g_autoptr(ContentItem) item = NULL;
      ContentTopic *topic;

      if (g_str_has_prefix (target, "topic:") && (topic = find_topic (t->self, target + 6)) != NULL)
        menu_entry (t, target, content_topic_get_name (topic, reader_lang (t), NULL));
      else if ((item = content_store_get_item (t->self->content, target + 5, error)) != NULL)
        menu_entry (t, target, content_item_get_text_for (item, reader_lang (t))->title);
      else
        return FALSE;
    }
  end_menu (t);
  return TRUE;
}

static int
find_command (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].word, word))
      return (int) i;
  return -1;
}

/* TRUE when @a and @b differ by exactly one typo: a letter inserted, deleted or changed, or two
 * neighbouring letters swapped (DULIHC for DULICH). */
static gboolean
one_edit_apart (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b), i = 0, j = 0;
  gboolean edited = FALSE;

  if (la > lb + 1 || lb > la + 1 || g_str_equal (a, b))
    return FALSE;
  while (i < la && j < lb)
    {
      if (a[i] == b[j])
        {
          i++, j++;
          continue;
        }
      if (edited)
        return FALSE;
      edited = TRUE;
      if (la == lb && i + 1 < la && a[i] == b[j + 1] && a[i + 1] == b[j])
        i += 2, j += 2;  /* a swap */
      else if (la > lb)
        i++;
      else if (lb > la)
        j++;
      else
        i++, j++;
    }
  /* The lengths differ by at most one, and an insertion or deletion is consumed in the loop:
   * whatever is left at the end is that one letter. */
  return TRUE;
}

/* An abbreviation (BHXH, BTXH, TGPL): a word without a vowel. One abbreviation a letter away
 * from another is another thing, not a typo of it. */
static gboolean
is_abbreviation (const char *word)
{
  return strpbrk (word, "aeiouy") == NULL;
}

/* The one command word or letters-only code @word is a typo of, or NULL (none, or several). */
static char *
correct_typo (Turn *t, const char *word)
{
  g_autoptr(GPtrArray) codes = NULL;
  char *found = NULL;
  guint n = 0;

  if (is_abbreviation (word))
    return NULL;
  codes = content_store_list_sms_codes (t->self->content, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strlen (commands[i].word) >= 4 && one_edit_apart (word, commands[i].word) && n++ == 0)
      found = g_strdup (commands[i].word);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      g_autofree char *lower = g_ascii_strdown (g_ptr_array_index (codes, i), -1);
      /* Only letters-only codes: a typo is never allowed to change a digit. A word that is both
       * a command and a code (LUAT) is one candidate, not two. */
      if (strlen (lower) >= 4 && sms_words_all_letters (lower) && !is_abbreviation (lower)
          && one_edit_apart (word, lower) && g_strcmp0 (found, lower) != 0 && n++ == 0)
        found = g_strdup (lower);
    }
  if (n != 1)
    g_clear_pointer (&found, g_free);
  return found;
}

static void
set_lang (Turn *t, const char *code)
{
  const ContentLanguage *lang = content_language_lookup (code);

  g_free (t->state->lang);
  t->state->lang = g_strdup (code);
  g_strfreev (t->chain);
  t->chain = content_language_chain (code);
  if (g_str_equal (code, "vi"))
    g_string_append (t->reply, say (t, SMS_PHRASE_LANG_VI));
  else if (g_str_equal (code, "en"))
    g_string_append (t->reply, say (t, SMS_PHRASE_LANG_EN));
  else
    g_string_append_printf (t->reply, say (t, SMS_PHRASE_LANG_SET), lang->native_name);
}

/* A language named by people: chosen, or for "tieng dao" a menu of the two Dao languages. */
static void
reply_language (Turn *t, const char *code)
{
  static const char *const daos[] = { "ium", "mji" };

  if (!g_str_equal (code, "dao"))
    {
      set_lang (t, code);
      return;
    }
  g_string_append (t->reply, say (t, SMS_PHRASE_WHICH_DAO));
  start_menu (t);
  for (gsize i = 0; i < G_N_ELEMENTS (daos); i++)
    {
      g_autofree char *target = g_strconcat ("lang:", daos[i], NULL);
      menu_entry (t, target, content_language_lookup (daos[i])->native_name);
    }
  end_menu (t);
}

static gboolean
reply_more (Turn *t)
{
  t->paging = TRUE;
  if (t->state->more == NULL || !within_session (t, t->state->more_at))
    {
      g_string_append (t->reply, say (t, SMS_PHRASE_NO_MORE));
      return TRUE;
    }
  /* The rest of the last answer: paged again below. */
  g_string_append (t->reply, t->state->more);
  return TRUE;
}

/* A screening question was sent: a digit now answers it, not the last menu. */
static void
keep_screening (Turn *t, char *session)
{
  g_free (t->state->screening);
  t->state->screening = session;
  t->state->screening_at = t->now;
  if (session != NULL)
    g_clear_pointer (&t->state->menu, g_free);
}

static gboolean
start_screening (Turn *t, GError **error)
{
  char *session = NULL;

  if (!sms_screener_start (t->self->screener, t->chain, t->day, t->reply, &session, error))
    return FALSE;
  keep_screening (t, session);
  return TRUE;
}

/* The topic @words name (a topic's code, or a section word such as LUAT), as an id, or NULL. */
static char *
topic_named (Turn *t, char **words)
{
  g_autofree char *compact = g_strjoinv ("", words);
  g_autofree char *code = g_ascii_strup (compact, -1);
  g_autofree char *what = NULL, *id = NULL;
  int i = find_command (compact);

  if (find_code (t, code, &what, &id) && g_str_equal (what, "topic"))
    return g_steal_pointer (&id);
  if (i >= 0 && commands[i].kind == CMD_TOPIC)
    return g_strdup (commands[i].topic);
  return NULL;
}

/* The codes of the topics one can follow: the sections and the topics in them. */
static char *
followable_codes (Turn *t)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < t->self->topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (t->self->topics, i);
      if (topic->sms_code != NULL)
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? ", " : "", topic->sms_code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* DANGKY TOPIC follows it; DANGKY alone lists what one can follow. */
static gboolean
reply_follow (Turn *t, char **rest, GError **error)
{
  g_autofree char *id = rest[0] != NULL ? topic_named (t, rest) : NULL;
  g_autofree char *asked = g_strjoinv (" ", rest);
  ContentTopic *topic = id != NULL ? find_topic (t->self, id) : NULL;

  if (rest[0] == NULL)
    {
      g_autofree char *codes = followable_codes (t);
      g_string_append_printf (t->reply, say (t, SMS_PHRASE_FOLLOW_HELP), codes);
      return TRUE;
    }
  if (topic == NULL)
    {
      g_string_append_printf (t->reply, say (t, SMS_PHRASE_NOT_A_TOPIC), asked);
      return TRUE;
    }
  g_string_append_printf (t->reply, say (t, SMS_PHRASE_FOLLOWING), content_topic_get_name (topic, reader_lang (t), NULL),
                          topic->sms_code != NULL ? topic->sms_code : asked);
  return sms_alerts_follow (t->self->alerts, t->state->number, topic->id, error);
}

/* HUYDK TOPIC stops its news; HUYDK alone, all news. */
static gboolean
reply_unfollow (Turn *t, char **rest, GError **error)
{
  g_autofree char *id = rest[0] != NULL ? topic_named (t, rest) : NULL;
  g_autofree char *asked = g_strjoinv (" ", rest);
  ContentTopic *topic = id != NULL ? find_topic (t->self, id) : NULL;

  if (rest[0] != NULL && topic == NULL)
    {
      g_string_append_printf (t->reply, say (t, SMS_PHRASE_NOT_A_TOPIC), asked);
      return TRUE;
    }
  if (topic != NULL)
    g_string_append_printf (t->reply, say (t, SMS_PHRASE_UNFOLLOWED), content_topic_get_name (topic, reader_lang (t), NULL));
  else
    g_string_append (t->reply, say (t, SMS_PHRASE_UNFOLLOWED_ALL));
  return sms_alerts_unfollow (t->self->alerts, t->state->number, topic != NULL ? topic->id : NULL, error);
}

/* Runs command @i with the words after it (@rest, may be empty). */
static gboolean
run_command (Turn *t, int i, char **rest, GError **error)
{
  switch (commands[i].kind)
    {
    case CMD_HELP:
      g_string_append (t->reply, say (t, SMS_PHRASE_HELP));
      return TRUE;
    case CMD_MORE:
      return reply_more (t);
    case CMD_STOP:
      t->state->stopped = TRUE;
      g_string_append (t->reply, say (t, SMS_PHRASE_STOPPED));
      return sms_alerts_drop (t->self->alerts, t->state->number, error);
    case CMD_START:
      t->state->stopped = FALSE;
      g_string_append (t->reply, say (t, SMS_PHRASE_STARTED));
      return TRUE;
    case CMD_ACCENTED:
    case CMD_UNACCENTED:
      g_free (t->state->policy);
      t->state->policy = g_strdup (commands[i].kind == CMD_ACCENTED ? "accented" : "unaccented");
      g_string_append (t->reply, say (t, commands[i].kind == CMD_ACCENTED ? SMS_PHRASE_ACCENTED : SMS_PHRASE_UNACCENTED));
      return TRUE;
    case CMD_FIND:
      if (rest[0] == NULL)
        {
          g_string_append (t->reply, say (t, SMS_PHRASE_HELP));
          return TRUE;
        }
      return reply_search (t, rest, error);
    case CMD_TOPIC:
      return reply_topic (t, commands[i].topic, error);
    case CMD_CHECK:
      return start_screening (t, error);
    case CMD_FOLLOW:
      return reply_follow (t, rest, error);
    case CMD_UNFOLLOW:
      return reply_unfollow (t, rest, error);
    }
  return TRUE;
}

/* Opens what @head (folded words joined without spaces) names as a menu, quietly: a topic code or
 * a section word. Used for "LUAT 2". FALSE in *@found when it is neither. */
static gboolean
open_menu (Turn *t, const char *head, gboolean *found, GError **error)
{
  g_autofree char *code = g_ascii_strup (head, -1);
  int i = find_command (head);
  g_autofree char *what = NULL, *id = NULL;

  *found = FALSE;
  if (find_code (t, code, &what, &id) && g_str_equal (what, "topic"))
    {
      *found = TRUE;
      return reply_topic (t, id, error);
    }
  if (i >= 0 && commands[i].kind == CMD_TOPIC)
    {
      *found = TRUE;
      return reply_topic (t, commands[i].topic, error);
    }
  return TRUE;
}

/* The menu just built, as the number's state keeps it; it replaces any screening question. */
static void
keep_menu (Turn *t)
{
  if (t->menu == NULL)
    return;
  g_free (t->state->menu);
  g_ptr_array_add (t->menu, NULL);
  t->state->menu = g_strjoinv ("\n", (char **) t->menu->pdata);
  t->state->menu_at = t->now;
  g_clear_pointer (&t->menu, g_ptr_array_unref);
  g_clear_pointer (&t->state->screening, g_free);
}

/* A menu word then a number, apart ("LUAT 2") or together ("luat2"): that menu, and that
 * choice from it. FALSE in *@done when @compact is not such. */
static gboolean
menu_and_choice (Turn *t, const char *compact, gboolean *done, GError **error)
{
  gsize letters = strspn (compact, "abcdefghijklmnopqrstuvwxyz");
  g_autofree char *head = g_strndup (compact, letters);
  g_autoptr(GString) scratch = g_string_new (NULL);
  GString *reply = t->reply;
  gboolean found, ok;

  *done = FALSE;
  if (letters == 0 || !sms_words_all_digits (compact + letters) || strlen (compact + letters) > 4)
    return TRUE;
  t->reply = scratch;  /* the menu itself is not sent, only the choice */
  ok = open_menu (t, head, &found, error);
  t->reply = reply;
  if (!ok || !found)
    return ok;
  *done = TRUE;
  keep_menu (t);
  return reply_choice (t, g_ascii_strtoull (compact + letters, NULL, 10), error);
}

/* A law number as typed ("52/2014", "52/2014/QH13"): the published law it starts, when one
 * does. Else the one code whose digits these are ("1719" for NHA1719), for three digits or
 * more. NULL when neither: the number is a menu choice. */
static char *
number_target (Turn *t, const char *typed, GError **error)
{
  g_autofree char *folded = content_fold (typed, -1, NULL);
  g_autofree char *digits = g_strdelimit (g_strdup (folded), " ", '\0');
  gboolean law = strchr (typed, '/') != NULL;
  ContentSearchOptions options = { .kind = CONTENT_KIND_LAW, .limit = SEARCH_RESULTS, .no_snippets = TRUE };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  char *found = NULL;

  if (!law && strlen (folded) < 3)
    return NULL;
  if (law && (results = content_store_search (t->self->content, typed, &options, error)) == NULL)
    return NULL;
  for (guint i = 0; law && i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *number = r->number != NULL ? content_fold (r->number, -1, NULL) : NULL;
      if (number != NULL && g_str_has_prefix (number, folded)
          && (number[strlen (folded)] == '\0' || number[strlen (folded)] == ' '))
        return g_strconcat ("item:", r->id, NULL);
    }
  if (law)
    return NULL;
  codes = content_store_list_sms_codes (t->self->content, NULL);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gsize letters = strspn (code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
      if (letters > 0 && g_str_equal (code + letters, digits))
        {
          if (found != NULL)
            {
              g_free (found);
              return NULL;  /* several: not one item's number */
            }
          found = code_target (t, code);
        }
    }
  return found;
}

/* The message as a number, a choice ("so 1", "mot") or a code's or law's number. FALSE in
 * *@done when it is neither. */
static gboolean
number_or_choice (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *typed = g_strstrip (g_strdup (t->raw));
  g_autofree char *target = NULL;
  guint64 choice;

  *done = FALSE;
  if (strspn (typed, "0123456789/.-") == strlen (typed) && g_ascii_isdigit (typed[0]))
    {
      g_autoptr(GError) local = NULL;
      if ((target = number_target (t, typed, &local)) != NULL)
        {
          *done = TRUE;
          return reply_target (t, target, error);
        }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  if (!sms_words_choice (words, &choice))
    return TRUE;
  *done = TRUE;
  return reply_choice (t, choice, error);
}

/* A follow-up about the last answer: where to apply, what to bring, when that item says it;
 * an honest "not in that answer" when it does not. FALSE in *@done when there is no last answer
 * or the words ask nothing about it. */
static gboolean
follow_up (Turn *t, char **words, gboolean *done, GError **error)
{
  SmsFollowUp what = sms_words_follow_up (words);
  g_auto(GStrv) chain = NULL;
  g_autoptr(ContentItem) item = NULL;
  JsonObject *details;
  JsonNode *value = NULL;
  gboolean failed;

  *done = FALSE;
  if (what == SMS_FOLLOW_UP_NONE || t->state->last_item == NULL || !within_session (t, t->state->last_at))
    return TRUE;
  item = published_item (t, t->state->last_item, &failed, error);
  if (item == NULL)
    return !failed;
  *done = TRUE;
  details = item->details != NULL && JSON_NODE_HOLDS_OBJECT (item->details) ? json_node_get_object (item->details) : NULL;
  details = details != NULL && json_object_has_member (details, what == SMS_FOLLOW_UP_APPLY ? "apply_at" : "documents")
            ? json_object_get_object_member (details, what == SMS_FOLLOW_UP_APPLY ? "apply_at" : "documents") : NULL;
  for (gsize i = 0; details != NULL && t->chain[i] != NULL && value == NULL; i++)
    value = json_object_get_member (details, t->chain[i]);
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    g_string_append_printf (t->reply, say (t, SMS_PHRASE_APPLY_AT), json_node_get_string (value));
  else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    {
      g_autoptr(GString) list = g_string_new (NULL);
      JsonArray *a = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (a); i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "; " : "", json_array_get_string_element (a, i));
      g_string_append_printf (t->reply, say (t, SMS_PHRASE_DOCUMENTS), list->str);
    }
  else
    g_string_append_printf (t->reply, say (t, SMS_PHRASE_NOT_IN_ANSWER),
                            item->sms_code != NULL ? item->sms_code : content_item_get_text_for (item, reader_lang (t))->title);
  return TRUE;
}

static gboolean
step_code (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *compact = g_strjoinv ("", words);
  g_autofree char *code = g_ascii_strup (compact, -1);

  return reply_code (t, code, done, error);
}

static gboolean
step_command (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *compact = g_strjoinv ("", words);
  int i = find_command (compact);
  int first = words[0] != NULL && words[1] != NULL ? find_command (words[0]) : -1;

  /* A command that takes words, then the words: TIM dat dai, DANGKY HOTRO. */
  if (i < 0 && first >= 0 && (commands[first].kind == CMD_FIND || commands[first].kind == CMD_FOLLOW
                              || commands[first].kind == CMD_UNFOLLOW))
    {
      *done = TRUE;
      return run_command (t, first, words + 1, error);
    }
  *done = i >= 0;
  return i < 0 || run_command (t, i, words + g_strv_length (words), error);
}

static gboolean
step_small_talk (Turn *t, char **words, gboolean *done, GError **error)
{
  SmsSmallTalk talk = sms_words_small_talk (words);

  *done = talk != SMS_SMALL_TALK_NONE;
  if (*done)
    g_string_append (t->reply, say (t, talk == SMS_SMALL_TALK_HELLO ? SMS_PHRASE_WELCOME : SMS_PHRASE_THANKS));
  return TRUE;
}

/* A language as people name it ("TAY", "tieng dao"), or a registry code alone ("tyz"). */
static gboolean
step_language (Turn *t, char **words, gboolean *done, GError **error)
{
  const char *lang = sms_words_language (words);

  if (lang == NULL && words[0] != NULL && words[1] == NULL && content_language_lookup (words[0]) != NULL)
    lang = words[0];
  *done = lang != NULL;
  if (*done)
    reply_language (t, lang);
  return TRUE;
}

static gboolean
step_menu_and_choice (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *compact = g_strjoinv ("", words);

  return menu_and_choice (t, compact, done, error);
}

static gboolean
step_typo (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *typo = NULL;
  char *corrected[2] = { NULL, NULL };

  *done = FALSE;
  if (words[0] == NULL || words[1] != NULL || !sms_words_all_letters (words[0]) || strlen (words[0]) < 4
      || (typo = correct_typo (t, words[0])) == NULL)
    return TRUE;
  corrected[0] = typo;
  return step_code (t, corrected, done, error) && (*done || step_command (t, corrected, done, error));
}

typedef gboolean (*Step) (Turn *t, char **words, gboolean *done, GError **error);

/* Steps 1 to 8 of the grammar (see the top of the file) on the folded words, then the search. */
static gboolean
dispatch (Turn *t, char **words, GError **error)
{
  static const Step steps[] = {
    step_code, step_command, step_small_talk, step_language, step_codes, step_menu_and_choice,
    number_or_choice, follow_up, step_typo,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gboolean done = FALSE;
      if (!steps[i] (t, words, &done, error))
        return FALSE;
      if (done)
        return TRUE;
    }
  return reply_search (t, words, error);
}

/* During a screening: 0 or LAI starts it again, HUY ends it, and an answer to its question is
 * taken. FALSE in *@done when the message is none of these (it is read as any other). */
static gboolean
screening_step (Turn *t, char **words, gboolean *done, GError **error)
{
  g_autofree char *compact = g_strjoinv ("", words);
  char *session;
  gboolean ok;

  *done = FALSE;
  if (t->state->screening == NULL || !within_session (t, t->state->screening_at))
    return TRUE;
  *done = TRUE;
  if (g_str_equal (compact, "0") || g_str_equal (compact, "lai") || g_str_equal (compact, "lamlai")
      || g_str_equal (compact, "restart"))
    return start_screening (t, error);
  if (g_str_equal (compact, "huy"))
    {
      keep_screening (t, NULL);
      g_string_append (t->reply, say (t, SMS_PHRASE_CHECK_STOPPED));
      return TRUE;
    }
  session = g_strdup (t->state->screening);
  ok = sms_screener_answer (t->self->screener, t->chain, t->day, &session, t->raw, words, t->reply, done, error);
  if (ok && *done)
    keep_screening (t, session);
  else
    g_free (session);
  return ok;
}

/* ---- The whole step, with its protections ---- */

static SmsReply *
skip (SmsReply *reply, const char *reason)
{
  reply->skip_reason = g_strdup (reason);
  return reply;
}

/* Delivery reports sometimes reach an inbox as text; answering them would loop forever. */
static gboolean
looks_like_report (const char *folded)
{
  return g_str_has_prefix (folded, "delivered") || g_str_has_prefix (folded, "delivery report")
         || g_str_has_prefix (folded, "da gui thanh cong") || g_str_equal (folded, "status report");
}

static guint
count_digits (const char *s)
{
  guint n = 0;

  for (; *s != '\0'; s++)
    n += g_ascii_isdigit (*s) != 0;
  return n;
}

/* The reply to the folded words, or to an empty message. */
static gboolean
compose (Turn *t, const char *folded, GError **error)
{
  /* g_strsplit gives no words for "": an empty message is none. */
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autofree char *trimmed = g_strstrip (g_strdup (t->raw));
  gboolean done;

  if (!screening_step (t, words, &done, error))
    return FALSE;
  if (done)
    return TRUE;
  if (*folded == '\0')
    {
      g_string_append (t->reply, say (t, g_str_equal (trimmed, "?") ? SMS_PHRASE_HELP : SMS_PHRASE_EMPTY));
      return TRUE;
    }
  return dispatch (t, words, error);
}

/* The number's encoding policy (CODAU / KHONGDAU), else the configured one. */
static SmsPolicy
policy_of (Turn *t)
{
  SmsPolicy policy = t->self->config->policy;

  if (t->state->policy != NULL)
    sms_policy_from_string (t->state->policy, &policy);
  return policy;
}

/* Applies the number's policy, pages the reply and keeps the rest for THEM. The rest of an
 * answer survives one unrelated message: a question asked in between does not lose it. */
static void
finish (Turn *t, SmsReply *reply)
{
  SmsPolicy policy = policy_of (t);
  g_autofree char *rest = NULL;
  g_autofree char *page = NULL;
  guint parts = t->self->config->max_parts;

  /* A menu pages one SMS at a time: most people pick from its first choices, and THEM brings
   * the next ones to those who want them. Its rest pages the same way. */
  if (t->menu != NULL || (t->paging && t->state->more_parts == 1))
    parts = 1;
  page = sms_codec_page (t->reply->str, policy, parts, say (t, SMS_PHRASE_MORE_SUFFIX), &rest);
  if (rest != NULL || t->paging || t->state->more_grace <= 0)
    {
      g_free (t->state->more);
      t->state->more = g_steal_pointer (&rest);
      t->state->more_at = t->now;
      t->state->more_grace = 1;
      t->state->more_parts = parts;
    }
  else
    t->state->more_grace--;
  reply->encoded = sms_codec_encode (page, policy);
  reply->text = g_strdup (reply->encoded->text);
}

/* Whether @folded is a command of @kind: a stopped number may still send START, and STOP is
 * obeyed even over the hourly limit. */
static gboolean
is_command (const char *folded, CommandKind kind)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autofree char *compact = g_strjoinv ("", words);
  int i = find_command (compact);

  return i >= 0 && commands[i].kind == kind;
}

/* Composes, pages and records the reply for a number that may be answered. */
static gboolean
respond (SmsResponder *self, SmsReply *reply, SmsNumberState *state, const char *valid,
         const char *folded, gint64 now, GError **error)
{
  const SmsConfig *c = self->config;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *day = sms_usage_day (now);
  Turn t = { self, state, now, day, valid, NULL, out, NULL, FALSE, c->policy };
  const char *kind = "reply";
  gboolean ok = TRUE;

  t.policy = policy_of (&t);
  t.chain = content_language_chain (state->lang != NULL ? state->lang : c->lang);
  if (!is_command (folded, CMD_STOP)
      && sms_state_count_replies (self->db, reply->number, "reply", NULL, now - 3600) >= c->replies_per_hour)
    {
      /* One polite notice, then silence until the hour has passed. */
      if (sms_state_count_replies (self->db, reply->number, "notice", NULL, now - 3600) > 0)
        reply->skip_reason = g_strdup ("hourly reply limit reached");
      g_string_append_printf (out, say (&t, SMS_PHRASE_LIMIT), c->replies_per_hour);
      kind = "notice";
    }
  else
    ok = compose (&t, folded, error);
  if (ok && reply->skip_reason == NULL)
    {
      finish (&t, reply);
      keep_menu (&t);
      if (sms_state_count_replies (self->db, reply->number, kind, reply->text, now - c->loop_seconds) >= c->loop_count)
        {
          g_clear_pointer (&reply->text, g_free);
          g_clear_pointer (&reply->encoded, sms_encoded_free);
          reply->skip_reason = g_strdup ("the same reply keeps going to this number (a loop)");
        }
      else
        ok = sms_state_log_reply (self->db, reply->number, kind, reply->text, now, error)
             && sms_state_put (self->db, state, error);
    }
  g_clear_pointer (&t.menu, g_ptr_array_unref);
  g_strfreev (t.chain);
  return ok;
}

/* @text without terminal escape sequences (ESC [ ... letter) and with other control characters
 * (tabs among them) as spaces: some phones and gateways pass them through, and they would
 * otherwise glue to the words. */
static char *
without_controls (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\x1b' && p[1] == '[')
        {
          for (p += 2; *p != '\0' && !g_ascii_isalpha (*p); p++)
            ;
          if (*p == '\0')
            break;
          continue;
        }
      if ((guchar) *p < 0x20 && *p != '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Whether a repeat of an earlier text (last seen at @last_same) is a duplicate: the same text
 * within the window, unless it answers a menu or screening question sent since ("2" picking
 * twice from two menus in a row is two answers), or asks for the next page of one sent since. */
static gboolean
is_duplicate (SmsNumberState *state, const char *folded, gint64 last_same)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint64 choice;
  gboolean answer = state->screening != NULL || sms_words_choice (words, &choice);
  gboolean paging = is_command (folded, CMD_MORE) && state->more != NULL;

  return last_same >= 0 && !(answer && MAX (state->menu_at, state->screening_at) >= last_same)
         && !(paging && state->more_at >= last_same);
}

SmsReply *
sms_responder_handle (SmsResponder *self, const char *from, const char *text, gint64 now,
                      GError **error)
{
  g_autoptr(SmsReply) reply = g_new0 (SmsReply, 1);
  g_autofree char *made_valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *plain = without_controls (made_valid);
  /* Fullwidth and styled letters (Ｌ, 𝐋) and non-breaking spaces become what they look like. */
  g_autofree char *valid = g_utf8_normalize (plain, -1, G_NORMALIZE_ALL_COMPOSE);
  /* Commands and searches are short: only the start of a long message is read. */
  g_autofree char *head = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), READ_CHARS));
  g_autofree char *folded = content_fold (head, -1, NULL);
  g_autoptr(SmsNumberState) state = NULL;
  gint64 last_same;

  reply->number = sms_responder_normalise_number (from);
  if (reply->number == NULL)
    {
      reply->number = g_strdup (from != NULL ? from : "");
      return skip (g_steal_pointer (&reply), "brand-name (alphanumeric) sender");
    }
  if (count_digits (reply->number) < 6)
    return skip (g_steal_pointer (&reply), "short code sender");
  if (looks_like_report (folded))
    return skip (g_steal_pointer (&reply), "delivery report text");
  if (!sms_state_note_received (self->db, reply->number, valid, now, self->config->duplicate_seconds,
                                &last_same, error))
    return NULL;
  state = sms_state_get (self->db, reply->number, error);
  if (state == NULL)
    return NULL;
  if (is_duplicate (state, folded, last_same))
    return skip (g_steal_pointer (&reply), "duplicate of a message seconds ago");
  if (state->stopped && !is_command (folded, CMD_START))
    return skip (g_steal_pointer (&reply), "number sent STOP");
  if (!respond (self, reply, state, head, folded, now, error))
    return NULL;
  return g_steal_pointer (&reply);
}
