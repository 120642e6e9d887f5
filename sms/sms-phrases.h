/* sms-phrases.h: the responder's own words, from the gettext catalogs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SMS_PHRASE_HELP,
  SMS_PHRASE_CHOOSE,
  SMS_PHRASE_NOT_FOUND,        /* %s: the words searched for */
  SMS_PHRASE_NO_MENU,
  SMS_PHRASE_MENU_EXPIRED,
  SMS_PHRASE_BAD_CHOICE,       /* %u: the number of choices */
  SMS_PHRASE_NOT_TRANSLATED,   /* %s: the reader's language's own name */
  SMS_PHRASE_NO_MORE,
  SMS_PHRASE_MORE_SUFFIX,
  SMS_PHRASE_STOPPED,
  SMS_PHRASE_STARTED,
  SMS_PHRASE_LANG_SET,         /* %s: the language's own name */
  SMS_PHRASE_LANG_VI,
  SMS_PHRASE_LANG_EN,
  SMS_PHRASE_WHICH_DAO,
  SMS_PHRASE_ACCENTED,
  SMS_PHRASE_UNACCENTED,
  SMS_PHRASE_LIMIT,            /* %u: replies per hour */
  SMS_PHRASE_EMPTY,
  SMS_PHRASE_WELCOME,
  SMS_PHRASE_THANKS,
  SMS_PHRASE_NOT_IN_ANSWER,    /* %s: the last answer's code */
  SMS_PHRASE_APPLY_AT,         /* %s: where to apply */
  SMS_PHRASE_DOCUMENTS,        /* %s: what to bring */
  SMS_PHRASE_YES,
  SMS_PHRASE_NO,
  SMS_PHRASE_DONT_KNOW,
  SMS_PHRASE_CHECK_START,
  SMS_PHRASE_CHECK_NUMBER,
  SMS_PHRASE_CHECK_BAD_ANSWER,
  SMS_PHRASE_CHECK_STOPPED,
  SMS_PHRASE_CHECK_NONE,
  SMS_PHRASE_CHECK_MAY_GET,
  SMS_PHRASE_CHECK_ASK,
  SMS_PHRASE_CHECK_ENDED,
  SMS_PHRASE_CHECK_NOTHING,
  SMS_PHRASE_CHECK_DETAILS,
  SMS_PHRASE_FOLLOW_HELP,      /* %s: the codes one can follow */
  SMS_PHRASE_FOLLOWING,        /* %s: the topic's name, %s: its code */
  SMS_PHRASE_UNFOLLOWED,       /* %s: the topic's name */
  SMS_PHRASE_UNFOLLOWED_ALL,
  SMS_PHRASE_NOT_A_TOPIC,      /* %s: what was sent */
  SMS_PHRASE_ALERT,            /* %s: the title, %s: its code, %s: the topic's code */
  SMS_PHRASE_ALERT_NO_CODE,    /* %s: the title, %s: the topic's code */
  SMS_PHRASE_ALERT_CHANGED,    /* as SMS_PHRASE_ALERT, for a correction marked important */
  SMS_PHRASE_ALERT_CHANGED_NO_CODE, /* as SMS_PHRASE_ALERT_NO_CODE, likewise */
  SMS_N_PHRASES
} SmsPhrase;

/* Phrase @id in the first language of @chain (a reader's fallback chain) the responder speaks:
 * English (the msgids) or Vietnamese (the catalog); every chain reaches Vietnamese. Printf
 * formats where the enum says so. Borrowed, for the life of the process. */
const char *sms_phrase (char **chain, SmsPhrase id);

G_END_DECLS
