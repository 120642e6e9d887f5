/* sms-words.h: reading the words people text, once folded (content_fold). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for words that carry no subject on their own ("toi", "co", "khong", "duoc", "la", "j",
 * "ko", "dc", "cho", "hoi", ...): they never pull an item into a search. */
gboolean sms_words_is_filler (const char *word);

/* @words without the filler words, as a new vector. */
char **sms_words_content (char **words);

typedef enum {
  SMS_SMALL_TALK_NONE,
  SMS_SMALL_TALK_HELLO,   /* "alo", "chao", "xin chao", "hi" */
  SMS_SMALL_TALK_THANKS,  /* "cam on", "thanks", "tks" */
} SmsSmallTalk;

/* What @words are when they are only a greeting or thanks (with polite words around them). */
SmsSmallTalk sms_words_small_talk (char **words);

/* TRUE with the choice in *@choice when @words pick from a menu as people write it: "1", "1."
 * (folded to "1"), "so 1", "chon 1", "chon so 1", "mot", "so hai". Up to 4 digits. */
gboolean sms_words_choice (char **words, guint64 *choice);

/* The language @words name as people write it ("TAY", "NUNG", "CAO LAN", "tieng viet",
 * "tieng anh"), as a registry code; "dao" for "tieng dao", which names two languages (Iu Mien
 * and Kim Mun); NULL when they name none. */
const char *sms_words_language (char **words);

typedef enum {
  SMS_FOLLOW_UP_NONE,
  SMS_FOLLOW_UP_APPLY,      /* "lam don o dau", "nop o dau", "dang ky o dau", "where" */
  SMS_FOLLOW_UP_DOCUMENTS,  /* "can giay to gi", "ho so gom gi", "mang gi" */
} SmsFollowUp;

/* What @words ask about the last answer, when they are such a follow-up question. */
SmsFollowUp sms_words_follow_up (char **words);

/* TRUE when @s is one or more ASCII digits. */
gboolean sms_words_all_digits (const char *s);

/* TRUE when @s is only ASCII letters (or empty). */
gboolean sms_words_all_letters (const char *s);

G_END_DECLS
