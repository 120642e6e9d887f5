/* sms-responder.h: from one incoming text to the reply, the same for daemon and simulator. */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "content-store.h"
#include "sms-alerts.h"
#include "sms-codec.h"
#include "sms-config.h"
#include "sms-sql.h"

G_BEGIN_DECLS

typedef struct {
  char *number;        /* the sender, normalised (+84...), or as received when not a phone number */
  char *text;          /* the whole reply text after the encoding policy; NULL when skipped */
  SmsEncoded *encoded; /* its parts; NULL when skipped */
  char *skip_reason;   /* why nothing is sent; NULL when a reply is sent */
} SmsReply;

void sms_reply_free (SmsReply *reply);

/* The JSON form `banlang-sms simulate --json` and `encode --json` print:
 * {"reply": text or null, "encoding": "GSM-7"|"UCS-2" or null, "parts": [...],
 *  "skip_reason": reason or null}. @encoded is NULL for a skipped message. */
JsonNode *sms_reply_json (const SmsEncoded *encoded, const char *skip_reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsReply, sms_reply_free)

typedef struct _SmsResponder SmsResponder;

/* A responder answering from @content, keeping per-number state in @state_db (the tables of
 * sms-state.h, created when missing). Both are borrowed. */
SmsResponder *sms_responder_new (ContentStore *content, sqlite3 *state_db, const SmsConfig *config,
                                 GError **error);

/* A responder keeping per-number state, counts and alerts through @sql (borrowed), which may be
 * PostgreSQL's. */
SmsResponder *sms_responder_new_sql (ContentStore *content, SmsSql *sql, const SmsConfig *config,
                                     GError **error);
void sms_responder_free (SmsResponder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsResponder, sms_responder_free)

/* Answers @text from @from received at @now (the responder's clock, seconds since the epoch).
 * Updates the number's state in the state database; the caller holds the transaction. Never
 * fails on what a phone can send (empty, emoji, control characters, invalid UTF-8, FTS or SQL
 * syntax): such input gets a clean reply or a skip with its reason. Fails only when the
 * databases do. */
SmsReply *sms_responder_handle (SmsResponder *self, const char *from, const char *text, gint64 now,
                                GError **error);

/* The alerts of what numbers follow (sms-alerts.h), kept in the same state database. Borrowed. */
SmsAlerts *sms_responder_get_alerts (SmsResponder *self);

/* The connection the state is kept through, gammu's queue beside it. Borrowed. */
SmsSql *sms_responder_get_sql (SmsResponder *self);

/* The phone number @from as one form (+84912345678 for 0912345678, 84912345678, 0084...), or
 * NULL when it is not a phone number (letters: a brand-name sender). */
char *sms_responder_normalise_number (const char *from);

G_END_DECLS
