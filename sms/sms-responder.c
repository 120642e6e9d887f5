/* sms-responder.c: the keyword grammar of the SMS service.
 *
 * People text from basic phones: no diacritics, typos, spaces in odd places, a digit to pick
 * from the last menu. Every message is folded (content_fold) and read in this order:
 *   1. an exact item or topic SMS code, spaces removed ("LUAT 12" is LUAT12 when it exists);
 *   2. a command, in every language at once (TROGIUP, TRO GIUP, HD, HELP, ?; LUAT, LAW; ...);
 *   3. a command or code followed by a number: that menu and that choice;
 *   4. a lone number: a choice from the last menu sent to that number;
 *   5. one typo in a letters-only word of 4 letters or more (never a changed digit);
 *   6. anything else: a search, with the best three as a numbered menu.
 * Before any of that come the protections: brand-name senders and short codes are never
 * answered, identical text within seconds is a duplicate, a stopped number only hears START,
 * replies per hour are capped with one notice, and a number that keeps getting the same reply
 * (another machine answering us) is left alone. Every skip has a reason for the log.
 *
 * Replies are written with accents; the number's encoding policy (unaccented by default) is
 * applied at the end, and long answers are paged: THEM / MORE sends the next page.
 */
#include "sms-responder.h"
#include "sms-state.h"

#include "content-error.h"
#include "content-fold.h"
#include "content-language.h"
#include "content-search.h"

#include <string.h>

/* The responder's own words. Vietnamese and English are complete; other languages fall back
 * along their chain (they reach Vietnamese). */
typedef struct {
  const char *lang;
  const char *help, *choose, *not_found, *no_menu, *bad_choice, *no_more, *more_suffix;
  const char *stopped, *started, *lang_set, *accented, *unaccented, *limit, *results, *empty;
} Phrases;

static const Phrases phrases[] = {
  { "vi",
    "Bản Làng: thông tin pháp luật và hỗ trợ. Nhắn LUAT (pháp luật), HOTRO (chính sách hỗ trợ), "
    "OCOP (sản phẩm), DULICH (du lịch), TIM + từ khóa (tìm), THEM (xem tiếp), EN (English), "
    "KHONGDAU/CODAU (tin không dấu/có dấu), STOP (ngừng nhận tin).",
    "Nhắn số để chọn.",
    "Không tìm thấy \"%s\". Nhắn TROGIUP để xem các từ khóa.",
    "Chưa có danh sách để chọn. Nhắn TROGIUP để xem các từ khóa.",
    "Hãy nhắn một số từ 1 đến %u.",
    "Không còn nội dung tiếp theo. Nhắn TROGIUP để xem các từ khóa.",
    " (THEM: xem tiếp)",
    "Bạn đã ngừng nhận tin từ Bản Làng. Nhắn BATDAU để nhận lại.",
    "Bạn sẽ nhận lại tin từ Bản Làng. Nhắn TROGIUP để xem các từ khóa.",
    "Đã chọn %s. Nội dung chưa dịch sẽ gửi bằng tiếng Việt.",
    "Tin trả lời sẽ có dấu (mỗi tin ngắn hơn, có thể tốn nhiều tin hơn). Nhắn KHONGDAU để bỏ dấu.",
    "Tin trả lời sẽ không dấu. Nhắn CODAU để có dấu.",
    "Bạn đã nhận %u tin trong một giờ. Hãy nhắn lại sau.",
    "Kết quả cho \"%s\":",
    "Tin nhắn trống. Nhắn TROGIUP để xem các từ khóa." },
  { "en",
    "Ban Lang: law and support information. Send LAW, SUPPORT, OCOP (products), TOURISM, "
    "FIND + words (search), MORE (next page), VI (Tieng Viet), CODAU/KHONGDAU (with/without "
    "accents), STOP (no more messages).",
    "Reply with a number.",
    "Nothing found for \"%s\". Send HELP for the keywords.",
    "There is no list to choose from. Send HELP for the keywords.",
    "Please send a number from 1 to %u.",
    "There is nothing more. Send HELP for the keywords.",
    " (MORE: next)",
    "You will get no more messages from Ban Lang. Send START to begin again.",
    "You will get messages from Ban Lang again. Send HELP for the keywords.",
    "%s chosen. What is not yet translated comes in Vietnamese.",
    "Replies will keep their accents (shorter messages, possibly more of them). Send KHONGDAU to drop them.",
    "Replies will be without accents. Send CODAU to keep them.",
    "You have had %u replies this hour. Please send again later.",
    "Results for \"%s\":",
    "Empty message. Send HELP for the keywords." },
};

/* How much of a message is read: more than any command or sensible search. */
#define READ_CHARS 160

typedef enum {
  CMD_HELP, CMD_MORE, CMD_STOP, CMD_START, CMD_ACCENTED, CMD_UNACCENTED, CMD_FIND, CMD_TOPIC,
} CommandKind;

/* Commands, written folded and without spaces, as content_fold and compaction leave them. */
static const struct {
  const char *word;
  CommandKind kind;
  const char *topic;  /* CMD_TOPIC: the section or topic it opens */
} commands[] = {
  { "help", CMD_HELP }, { "trogiup", CMD_HELP }, { "hd", CMD_HELP }, { "huongdan", CMD_HELP },
  { "them", CMD_MORE }, { "more", CMD_MORE }, { "tiep", CMD_MORE },
  { "stop", CMD_STOP }, { "huy", CMD_STOP }, { "td", CMD_STOP },
  { "start", CMD_START }, { "batdau", CMD_START },
  { "codau", CMD_ACCENTED }, { "khongdau", CMD_UNACCENTED },
  { "tim", CMD_FIND }, { "find", CMD_FIND }, { "timkiem", CMD_FIND },
  { "luat", CMD_TOPIC, "law" }, { "law", CMD_TOPIC, "law" }, { "phapluat", CMD_TOPIC, "law" },
  { "hotro", CMD_TOPIC, "support" }, { "chinhsach", CMD_TOPIC, "support" }, { "support", CMD_TOPIC, "support" },
  { "ocop", CMD_TOPIC, "ocop" }, { "sanpham", CMD_TOPIC, "ocop-tourism" },
  { "dulich", CMD_TOPIC, "tourism" }, { "tourism", CMD_TOPIC, "tourism" },
};

struct _SmsResponder {
  ContentStore *content;
  SmsState *db;
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

SmsResponder *
sms_responder_new (ContentStore *content, sqlite3 *state_db, const SmsConfig *config, GError **error)
{
  g_autoptr(SmsResponder) self = g_new0 (SmsResponder, 1);

  self->content = content;
  self->config = config;
  self->topics_seq = content_store_get_seq (content);
  self->topics = content_store_list_topics (content, error);
  if (self->topics == NULL || (self->db = sms_state_new (state_db, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
sms_responder_free (SmsResponder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->db, sms_state_free);
  g_free (self);
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
  char **chain;          /* the number's language chain */
  const Phrases *say;
  GString *reply;
  GPtrArray *menu;       /* new menu targets, or NULL to keep the old */
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

static const Phrases *
phrases_for (char **chain)
{
  for (gsize i = 0; chain[i] != NULL; i++)
    for (gsize p = 0; p < G_N_ELEMENTS (phrases); p++)
      if (g_str_equal (phrases[p].lang, chain[i]))
        return &phrases[p];
  return &phrases[0];
}

static const char *
reader_lang (Turn *t)
{
  return t->chain[0];
}

static ContentTopic *
find_topic (SmsResponder *self, const char *id)
{
  gint64 seq = content_store_get_seq (self->content);

  /* Officers may have changed the topics since the daemon started. */
  if (seq != self->topics_seq)
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

static void
menu_entry (Turn *t, const char *target, const char *label)
{
  g_ptr_array_add (t->menu, g_strdup (target));
  /* "1) ..." rather than "1. ...": paging cuts after a sentence's full stop, never between a
   * number and its entry. */
  g_string_append_printf (t->reply, " %u) %s", t->menu->len, label);
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
      g_string_append (t->reply, t->say->no_menu);
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
  g_string_append_printf (t->reply, " %s", t->say->choose);
  return TRUE;
}

/* An item: its SMS answer in the reader's language, or its summary, with its code. */
static gboolean
reply_item (Turn *t, const char *id, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ContentItem) item = content_store_get_item (t->self->content, id, &local);
  const ContentText *text;

  if (item == NULL && g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      /* A menu can outlive an item the officers removed. */
      g_string_append (t->reply, t->say->no_menu);
      return TRUE;
    }
  if (item == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  text = content_item_get_text_for (item, reader_lang (t));
  g_string_append_printf (t->reply, "%s: %s", text->title,
                          text->sms != NULL ? text->sms : text->summary != NULL ? text->summary : "");
  if (item->sms_code != NULL)
    g_string_append_printf (t->reply, " [%s]", item->sms_code);
  return TRUE;
}

static gboolean
reply_target (Turn *t, const char *target, GError **error)
{
  if (g_str_has_prefix (target, "topic:"))
    return reply_topic (t, target + 6, error);
  return reply_item (t, target + 5, error);
}

/* The query as echoed in a reply: short, so the rest of the reply (results, the pointer to
 * HELP) is not pushed out by a long message. */
static char *
echo_of (const char *words)
{
  if (g_utf8_strlen (words, -1) <= 30)
    return g_strdup (words);
  {
    g_autofree char *head = g_utf8_substring (words, 0, 28);
    return g_strconcat (head, "...", NULL);
  }
}

static gboolean
reply_search (Turn *t, const char *words, GError **error)
{
  g_autofree char *echo = echo_of (words);
  ContentSearchOptions options = { reader_lang (t), -1, NULL, 3, FALSE, NULL, NULL, TRUE };
  g_autoptr(GPtrArray) results = content_store_search (t->self->content, words, &options, error);

  if (results == NULL)
    return FALSE;
  if (results->len == 0)
    {
      g_string_append_printf (t->reply, t->say->not_found, echo);
      return TRUE;
    }
  g_string_append_printf (t->reply, t->say->results, echo);
  start_menu (t);
  for (guint i = 0; i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *target = g_strconcat ("item:", r->id, NULL);
      menu_entry (t, target, r->title);
    }
  g_string_append_printf (t->reply, " %s", t->say->choose);
  return TRUE;
}

/* Picks choice @n from the number's last menu. */
static gboolean
reply_choice (Turn *t, guint64 n, GError **error)
{
  g_auto(GStrv) targets = NULL;
  guint count;

  if (t->state->menu == NULL || t->now - t->state->menu_at > t->self->config->session_seconds)
    {
      g_string_append (t->reply, t->say->no_menu);
      return TRUE;
    }
  targets = g_strsplit (t->state->menu, "\n", -1);
  count = g_strv_length (targets);
  if (n < 1 || n > count)
    {
      g_string_append_printf (t->reply, t->say->bad_choice, count);
      return TRUE;
    }
  return reply_target (t, targets[n - 1], error);
}

/* Opens what @code (upper case, no spaces) names: a topic's menu or a published item. FALSE in
 * *@found when it names nothing. */
static gboolean
reply_code (Turn *t, const char *code, gboolean *found, GError **error)
{
  g_autofree char *what = NULL, *id = NULL;
  g_autofree char *target = NULL;

  *found = FALSE;
  if (!find_code (t, code, &what, &id))
    return TRUE;
  if (g_str_equal (what, "item"))
    {
      g_autoptr(ContentItem) item = content_store_get_item (t->self->content, id, NULL);
      if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
        return TRUE;  /* drafts are not for the public */
    }
  *found = TRUE;
  target = g_strdup_printf ("%s:%s", what, id);
  return reply_target (t, target, error);
}

static int
find_command (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].word, word))
      return (int) i;
  return -1;
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static gboolean
all_letters (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalpha (*s))
      return FALSE;
  return TRUE;
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

/* The one command word or letters-only code @word is a typo of, or NULL (none, or several). */
static char *
correct_typo (Turn *t, const char *word)
{
  g_autoptr(GPtrArray) codes = content_store_list_sms_codes (t->self->content, NULL);
  char *found = NULL;
  guint n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strlen (commands[i].word) >= 4 && one_edit_apart (word, commands[i].word) && n++ == 0)
      found = g_strdup (commands[i].word);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      g_autofree char *lower = g_ascii_strdown (g_ptr_array_index (codes, i), -1);
      /* Only letters-only codes: a typo is never allowed to change a digit. A word that is both
       * a command and a code (LUAT) is one candidate, not two. */
      if (strlen (lower) >= 4 && all_letters (lower) && one_edit_apart (word, lower)
          && g_strcmp0 (found, lower) != 0 && n++ == 0)
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
  t->say = phrases_for (t->chain);
  if (g_str_equal (code, "vi"))
    g_string_append (t->reply, "Đã chọn tiếng Việt.");
  else if (g_str_equal (code, "en"))
    g_string_append (t->reply, "Replies will be in English.");
  else
    g_string_append_printf (t->reply, t->say->lang_set, lang->native_name);
}

static gboolean
reply_more (Turn *t)
{
  if (t->state->more == NULL || t->now - t->state->more_at > t->self->config->session_seconds)
    {
      g_string_append (t->reply, t->say->no_more);
      return TRUE;
    }
  /* The rest of the last answer: paged again below. */
  g_string_append (t->reply, t->state->more);
  return TRUE;
}

/* Runs command @i with the words after it (@rest, may be empty). */
static gboolean
run_command (Turn *t, int i, const char *rest, GError **error)
{
  switch (commands[i].kind)
    {
    case CMD_HELP:
      g_string_append (t->reply, t->say->help);
      return TRUE;
    case CMD_MORE:
      return reply_more (t);
    case CMD_STOP:
      t->state->stopped = TRUE;
      g_string_append (t->reply, t->say->stopped);
      return TRUE;
    case CMD_START:
      t->state->stopped = FALSE;
      g_string_append (t->reply, t->say->started);
      return TRUE;
    case CMD_ACCENTED:
    case CMD_UNACCENTED:
      g_free (t->state->policy);
      t->state->policy = g_strdup (commands[i].kind == CMD_ACCENTED ? "accented" : "unaccented");
      g_string_append (t->reply, commands[i].kind == CMD_ACCENTED ? t->say->accented : t->say->unaccented);
      return TRUE;
    case CMD_FIND:
      if (*rest == '\0')
        {
          g_string_append (t->reply, t->say->help);
          return TRUE;
        }
      return reply_search (t, rest, error);
    case CMD_TOPIC:
      return reply_topic (t, commands[i].topic, error);
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

/* The menu just built, as the number's state keeps it. */
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
}

/* A menu word then a number ("LUAT 2"): that menu, and that choice from it. */
static gboolean
menu_and_choice (Turn *t, char **words, guint n, gboolean *done, GError **error)
{
  g_autofree char *head = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  GString *reply = t->reply;
  char *last;
  guint64 choice;
  gboolean found, ok;

  *done = FALSE;
  if (n < 2 || !all_digits (words[n - 1]) || strlen (words[n - 1]) > 4)
    return TRUE;
  last = words[n - 1];
  choice = g_ascii_strtoull (last, NULL, 10);
  words[n - 1] = NULL;
  head = g_strjoinv ("", words);
  words[n - 1] = last;
  t->reply = scratch;  /* the menu itself is not sent, only the choice */
  ok = open_menu (t, head, &found, error);
  t->reply = reply;
  if (!ok || !found)
    return ok;
  *done = TRUE;
  keep_menu (t);
  return reply_choice (t, choice, error);
}

/* Steps 1 to 6 of the grammar (see the top of the file) on the folded words. */
static gboolean
dispatch (Turn *t, char **words, GError **error)
{
  guint n = g_strv_length (words);
  g_autofree char *compact = g_strjoinv ("", words);
  g_autofree char *code = g_ascii_strup (compact, -1);
  g_autofree char *rest = n > 1 ? g_strjoinv (" ", words + 1) : g_strdup ("");
  g_autofree char *typo = NULL;
  gboolean found;
  int i;

  if (!reply_code (t, code, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  if ((i = find_command (compact)) >= 0)
    return run_command (t, i, "", error);
  if (content_language_lookup (compact) != NULL && n == 1)
    {
      set_lang (t, compact);
      return TRUE;
    }
  if (n > 1 && (i = find_command (words[0])) >= 0 && commands[i].kind == CMD_FIND)
    return run_command (t, i, rest, error);
  if (!menu_and_choice (t, words, n, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  if (n == 1 && all_digits (words[0]) && strlen (words[0]) <= 4)
    return reply_choice (t, g_ascii_strtoull (words[0], NULL, 10), error);
  if (n == 1 && all_letters (words[0]) && strlen (words[0]) >= 4
      && (typo = correct_typo (t, words[0])) != NULL)
    {
      char *corrected[] = { typo, NULL };
      return dispatch (t, corrected, error);
    }
  {
    g_autofree char *query = g_strjoinv (" ", words);
    return reply_search (t, query, error);
  }
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
compose (Turn *t, const char *raw, const char *folded, GError **error)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (raw));

  if (*folded == '\0')
    {
      g_string_append (t->reply, g_str_equal (trimmed, "?") ? t->say->help : t->say->empty);
      return TRUE;
    }
  words = g_strsplit (folded, " ", -1);
  return dispatch (t, words, error);
}

/* Applies the number's policy, pages the reply and keeps the rest for THEM. */
static void
finish (Turn *t, SmsReply *reply)
{
  SmsPolicy policy = t->self->config->policy;
  g_autofree char *rest = NULL;
  g_autofree char *page = NULL;

  if (t->state->policy != NULL)
    sms_policy_from_string (t->state->policy, &policy);
  page = sms_codec_page (t->reply->str, policy, t->self->config->max_parts, t->say->more_suffix, &rest);
  g_free (t->state->more);
  t->state->more = g_steal_pointer (&rest);
  t->state->more_at = t->now;
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
  Turn t = { self, state, now, NULL, NULL, out, NULL };
  const char *kind = "reply";
  gboolean ok = TRUE;

  t.chain = content_language_chain (state->lang != NULL ? state->lang : c->lang);
  t.say = phrases_for (t.chain);
  if (!is_command (folded, CMD_STOP)
      && sms_state_count_replies (self->db, reply->number, "reply", NULL, now - 3600) >= c->replies_per_hour)
    {
      /* One polite notice, then silence until the hour has passed. */
      if (sms_state_count_replies (self->db, reply->number, "notice", NULL, now - 3600) > 0)
        reply->skip_reason = g_strdup ("hourly reply limit reached");
      g_string_append_printf (out, t.say->limit, c->replies_per_hour);
      kind = "notice";
    }
  else
    ok = compose (&t, valid, folded, error);
  if (ok && reply->skip_reason == NULL)
    {
      if (t.menu != NULL)
        keep_menu (&t);
      finish (&t, reply);
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

/* @text without terminal escape sequences (ESC [ ... letter) and other control characters, which
 * some phones and gateways pass through and which would otherwise glue to the words. */
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

SmsReply *
sms_responder_handle (SmsResponder *self, const char *from, const char *text, gint64 now,
                      GError **error)
{
  g_autoptr(SmsReply) reply = g_new0 (SmsReply, 1);
  g_autofree char *made_valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *valid = without_controls (made_valid);
  /* Commands and searches are short: only the start of a long message is read. */
  g_autofree char *head = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), READ_CHARS));
  g_autofree char *folded = content_fold (head, -1, NULL);
  g_autoptr(SmsNumberState) state = NULL;
  gboolean duplicate = FALSE;

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
                                &duplicate, error))
    return NULL;
  if (duplicate)
    return skip (g_steal_pointer (&reply), "duplicate of a message seconds ago");
  state = sms_state_get (self->db, reply->number, error);
  if (state == NULL)
    return NULL;
  if (state->stopped && !is_command (folded, CMD_START))
    return skip (g_steal_pointer (&reply), "number sent STOP");
  if (!respond (self, reply, state, head, folded, now, error))
    return NULL;
  return g_steal_pointer (&reply);
}
