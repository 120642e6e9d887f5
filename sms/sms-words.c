/* sms-words.c: reading the words people text, once folded.
 *
 * A text message is a finished question, typed on a keypad without diacritics. These are the
 * few word lists the grammar needs beyond codes and commands: fillers that carry no subject,
 * greetings and thanks, how people write a menu choice or a language, and the follow-up
 * questions asked about the last answer. Every list is folded (no accents, lower case), as
 * content_fold leaves the message.
 */
#include "sms-words.h"

#include <string.h>

static gboolean
in_list (const char *const *list, const char *word)
{
  for (gsize i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], word))
      return TRUE;
  return FALSE;
}

gboolean
sms_words_is_filler (const char *word)
{
  static const char *const fillers[] = {
    "toi", "co", "khong", "ko", "k", "hong", "duoc", "dc", "la", "j", "gi", "cho", "hoi", "thi",
    "a", "ah", "ak", "nhe", "nha", "vay", "nao", "oi", "xin", "muon", "biet", "ve", "minh", "em",
    "ban", "roi", "di", "the", "nhu", "cua", "va", "voi", "can", NULL,
  };
  return in_list (fillers, word);
}

char **
sms_words_content (char **words)
{
  GPtrArray *out = g_ptr_array_new ();

  for (gsize i = 0; words[i] != NULL; i++)
    if (!sms_words_is_filler (words[i]))
      g_ptr_array_add (out, g_strdup (words[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

SmsSmallTalk
sms_words_small_talk (char **words)
{
  static const char *const polite[] = {
    "xin", "ban", "oi", "em", "anh", "chi", "a", "nhe", "nha", "nhieu", "rat", "you", "ad", "admin",
    "lang", "banlang", NULL,
  };
  static const char *const hello[] = { "alo", "chao", "hi", "hello", "helo", "xinchao", "chaoban", NULL };
  static const char *const thanks[] = { "camon", "thanks", "thank", "thankyou", "tks", "cmon", NULL };
  g_autoptr(GString) rest = g_string_new (NULL);

  for (gsize i = 0; words[i] != NULL; i++)
    if (!in_list (polite, words[i]))
      g_string_append (rest, words[i]);
  if (in_list (hello, rest->str))
    return SMS_SMALL_TALK_HELLO;
  if (in_list (thanks, rest->str))
    return SMS_SMALL_TALK_THANKS;
  return SMS_SMALL_TALK_NONE;
}

gboolean
sms_words_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

gboolean
sms_words_all_letters (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalpha (*s))
      return FALSE;
  return TRUE;
}

/* The number @word is (digits, or a Vietnamese or English number word), or 0. */
static guint64
number_of (const char *word)
{
  static const char *const vi[] = { "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi", NULL };
  static const char *const en[] = { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", NULL };

  if (sms_words_all_digits (word))
    return strlen (word) <= 4 ? g_ascii_strtoull (word, NULL, 10) : G_MAXUINT64;
  for (gsize i = 0; vi[i] != NULL; i++)
    if (g_str_equal (vi[i], word) || g_str_equal (en[i], word))
      return i + 1;
  return 0;
}

gboolean
sms_words_choice (char **words, guint64 *choice)
{
  static const char *const lead[] = { "chon", "so", "choose", "number", "option", NULL };
  gsize i = 0;

  while (words[i] != NULL && words[i + 1] != NULL && in_list (lead, words[i]))
    i++;
  if (words[i] == NULL || words[i + 1] != NULL)
    return FALSE;
  /* "0" is a choice word too: menus start at 1, and the caller says so. */
  if (g_str_equal (words[i], "0"))
    {
      *choice = 0;
      return TRUE;
    }
  *choice = number_of (words[i]);
  return *choice != 0 && *choice != G_MAXUINT64;
}

const char *
sms_words_language (char **words)
{
  static const struct {
    const char *name;    /* folded, without spaces */
    const char *code;
    gboolean alone;      /* also without "tieng" before it: the name is no other word */
  } names[] = {
    { "tay", "tyz", TRUE }, { "nung", "nut", TRUE }, { "caolan", "mlc", TRUE }, { "sanchay", "mlc", TRUE },
    { "iumien", "ium", TRUE }, { "kimmun", "mji", TRUE }, { "daoiumien", "ium", TRUE },
    { "daokimmun", "mji", TRUE }, { "english", "en", TRUE }, { "dao", "dao", FALSE },
    { "hoa", "zh", FALSE }, { "trung", "zh", FALSE }, { "viet", "vi", FALSE }, { "anh", "en", FALSE },
  };
  gboolean tieng = words[0] != NULL && (g_str_equal (words[0], "tieng") || g_str_equal (words[0], "chu"));
  g_autofree char *name = g_strjoinv ("", words + (tieng ? 1 : 0));

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].name, name) && (tieng || names[i].alone))
      return names[i].code;
  return NULL;
}

/* TRUE when @words hold @a directly followed by @b (@b NULL: @a anywhere). */
static gboolean
has_words (char **words, const char *a, const char *b)
{
  for (gsize i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], a) && (b == NULL || (words[i + 1] != NULL && g_str_equal (words[i + 1], b))))
      return TRUE;
  return FALSE;
}

/* TRUE when every word of @words is a filler or a word of follow-up questions: "lam don o dau"
 * asks about the last answer, "bi chong danh thi bao o dau" is a question of its own. */
static gboolean
only_follow_up_words (char **words)
{
  static const char *const asking[] = {
    "lam", "don", "o", "dau", "nop", "dang", "ky", "giay", "to", "ho", "so", "mang", "gom", "nhung",
    "phai", "where", "apply", "documents", "bring", "papers", "what", "do", "i", "need", "which", NULL,
  };
  for (gsize i = 0; words[i] != NULL; i++)
    if (!sms_words_is_filler (words[i]) && !in_list (asking, words[i]))
      return FALSE;
  return TRUE;
}

SmsFollowUp
sms_words_follow_up (char **words)
{
  if (!only_follow_up_words (words))
    return SMS_FOLLOW_UP_NONE;
  if (has_words (words, "giay", "to") || has_words (words, "ho", "so") || has_words (words, "mang", "gi")
      || has_words (words, "documents", NULL) || has_words (words, "bring", NULL) || has_words (words, "papers", NULL))
    return SMS_FOLLOW_UP_DOCUMENTS;
  if (has_words (words, "o", "dau") || has_words (words, "lam", "don") || has_words (words, "nop", NULL)
      || has_words (words, "where", NULL) || has_words (words, "apply", NULL))
    return SMS_FOLLOW_UP_APPLY;
  return SMS_FOLLOW_UP_NONE;
}
