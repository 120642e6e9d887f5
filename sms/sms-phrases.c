/* sms-phrases.c: the responder's own words, from the gettext catalogs.
 *
 * The SMS side speaks as the kiosk and the hub do: English msgids, Vietnamese in locales/po.
 * Unlike them it answers many numbers with different languages in one loop, thousands of replies
 * a second, so it does not switch gettext's language per message: the few phrases it has are
 * looked up once, in Vietnamese, at first use. Other languages fall back along their chain.
 */
#include "config.h"
#include "sms-phrases.h"

#include "content-phrases.h"

#include <glib/gi18n-lib.h>

static const char *const msgids[SMS_N_PHRASES] = {
  [SMS_PHRASE_HELP] = N_("Ban Lang: LAW, SUPPORT, OCOP (products), TOURISM, CHECK (what you may get), "
                         "FIND + words, MORE (next page), VI (Vietnamese), CODAU (accents), STOP."),
  [SMS_PHRASE_CHOOSE] = N_("Reply with a number."),
  [SMS_PHRASE_NOT_FOUND] = N_("Nothing found for \"%s\". Send HELP for the keywords, or LAW, SUPPORT, OCOP."),
  [SMS_PHRASE_NO_MENU] = N_("There is no list to choose from. Send HELP for the keywords."),
  [SMS_PHRASE_MENU_EXPIRED] = N_("That list has expired. Send its keyword again, or HELP."),
  [SMS_PHRASE_BAD_CHOICE] = N_("Choose from 1 to %u."),
  [SMS_PHRASE_NOT_TRANSLATED] = N_("(Not yet translated into %s) "),
  [SMS_PHRASE_NO_MORE] = N_("There is nothing more. Send HELP for the keywords."),
  [SMS_PHRASE_MORE_SUFFIX] = N_(" (MORE: next)"),
  [SMS_PHRASE_STOPPED] = N_("You will get no more messages from Ban Lang. Send START to begin again."),
  [SMS_PHRASE_STARTED] = N_("You will get messages from Ban Lang again. Send HELP for the keywords."),
  [SMS_PHRASE_LANG_SET] = N_("%s chosen. What is not yet translated comes in Vietnamese."),
  [SMS_PHRASE_LANG_VI] = N_("Replies will be in Vietnamese."),
  [SMS_PHRASE_LANG_EN] = N_("Replies will be in English."),
  [SMS_PHRASE_WHICH_DAO] = N_("Which Dao language?"),
  [SMS_PHRASE_ACCENTED] = N_("Replies will keep their accents (shorter messages, possibly more of them). "
                             "Send KHONGDAU to drop them."),
  [SMS_PHRASE_UNACCENTED] = N_("Replies will be without accents. Send CODAU to keep them."),
  [SMS_PHRASE_LIMIT] = N_("You have had %u replies this hour. Please send again later."),
  [SMS_PHRASE_EMPTY] = N_("Empty message. Send HELP for the keywords."),
  [SMS_PHRASE_WELCOME] = N_("Hello! Ban Lang answers about law, support, products and tourism. "
                            "Send HELP for the keywords."),
  [SMS_PHRASE_THANKS] = N_("You are welcome. Send HELP to ask more."),
  [SMS_PHRASE_NOT_IN_ANSWER] = N_("The answer %s does not say that. Send HELP for the keywords."),
  [SMS_PHRASE_APPLY_AT] = N_("Where to apply: %s"),
  [SMS_PHRASE_DOCUMENTS] = N_("What to bring: %s"),
  [SMS_PHRASE_YES] = N_("Yes"),
  [SMS_PHRASE_NO] = N_("No"),
  [SMS_PHRASE_DONT_KNOW] = N_("Don't know"),
  [SMS_PHRASE_CHECK_START] = N_("0: start again, HUY: stop"),
  [SMS_PHRASE_CHECK_NUMBER] = N_("?: don't know"),
  [SMS_PHRASE_CHECK_BAD_ANSWER] = N_("Please answer with one of the numbers."),
  [SMS_PHRASE_CHECK_STOPPED] = N_("Check stopped. Send CHECK to start again."),
  [SMS_PHRASE_CHECK_NONE] = N_("There are no checks yet. Send HELP for the keywords."),
  [SMS_PHRASE_CHECK_MAY_GET] = N_("You may get:"),
  [SMS_PHRASE_CHECK_ASK] = N_("Ask the commune about:"),
  [SMS_PHRASE_CHECK_ENDED] = N_("Ended:"),
  [SMS_PHRASE_CHECK_NOTHING] = N_("From your answers, none of these supports applies."),
  [SMS_PHRASE_CHECK_DETAILS] = N_("Send a code for details."),
  [SMS_PHRASE_FOLLOW_HELP] = N_("News by SMS: send DANGKY + %s. HUYDK + code stops it."),
  [SMS_PHRASE_FOLLOWING] = N_("You will get news of %s by SMS (never 21:00-07:00). HUYDK %s stops it."),
  [SMS_PHRASE_UNFOLLOWED] = N_("No more news of %s."),
  [SMS_PHRASE_UNFOLLOWED_ALL] = N_("No more news by SMS."),
  [SMS_PHRASE_NOT_A_TOPIC] = N_("There is no section \"%s\". Send DANGKY for the list."),
  [SMS_PHRASE_ALERT] = N_("New: %s. Send %s to read it, HUYDK %s to stop these."),
  [SMS_PHRASE_ALERT_NO_CODE] = N_("New: %s. HUYDK %s stops these."),
  [SMS_PHRASE_ALERT_CHANGED] = N_("Important change: %s. Send %s to read it, HUYDK %s to stop these."),
  [SMS_PHRASE_ALERT_CHANGED_NO_CODE] = N_("Important change: %s. HUYDK %s stops these."),
};

static ContentPhrases phrases = CONTENT_PHRASES_INIT (msgids, SMS_N_PHRASES);

const char *
sms_phrase (char **chain, SmsPhrase id)
{
  return content_phrases_get (&phrases, chain, id);
}
