/* sms-screener.h: eligibility screening by SMS, one question per message. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

typedef struct _SmsScreener SmsScreener;

/* A screener answering from the rules in @content (borrowed), reloaded when the content changes. */
SmsScreener *sms_screener_new (ContentStore *content);
void sms_screener_free (SmsScreener *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsScreener, sms_screener_free)

/* Starts a screening at @date (YYYY-MM-DD) for a reader of @chain (a language fallback chain):
 * the first question is appended to @reply and the session to keep for the number is put in
 * *@session (NULL when there are no rules to ask about: @reply says so). */
gboolean sms_screener_start (SmsScreener *self, char **chain, const char *date, GString *reply,
                             char **session, GError **error);

/* Reads @words (the folded message; @raw as typed) as the answer to the question of *@session.
 * When they are no answer to it, *@taken is FALSE and nothing changes: the caller reads them as
 * any other message. Otherwise *@taken is TRUE, @reply gets the next question (or the same one
 * again, for an answer out of range) or, when no answer could change a verdict any more, the
 * result, and *@session is replaced (NULL once the result is given). The result names what the
 * reader may get and what to ask about, each with its SMS code, and the programmes that ended
 * apart. */
gboolean sms_screener_answer (SmsScreener *self, char **chain, const char *date, char **session,
                              const char *raw, char **words, GString *reply, gboolean *taken,
                              GError **error);

G_END_DECLS
