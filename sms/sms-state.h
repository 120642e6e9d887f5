/* sms-state.h: what the responder remembers about each phone number. */
#pragma once

#include <glib.h>
#include "sms-sql.h"

G_BEGIN_DECLS

/* One number's settings and session. Strings NULL when unset. */
typedef struct {
  char *number;      /* normalised: +84... */
  char *lang;        /* reply language chosen with VI, EN, ...; NULL for the default */
  char *policy;      /* "unaccented" / "accented" chosen with KHONGDAU / CODAU; NULL for default */
  gboolean stopped;  /* sent STOP: nothing more but the confirmation */
  char *menu;        /* the last numbered menu: targets joined by '\n' ("item:ID", "topic:ID") */
  gint64 menu_at;    /* when it was sent (seconds since the epoch) */
  char *more;        /* the rest of a long answer, for THEM / MORE */
  gint64 more_at;
  gint more_grace;   /* unrelated messages the rest still survives (one, then it is dropped) */
  gint more_parts;   /* SMS parts per page of the rest (one for a menu) */
  char *last_item;   /* the item last answered, for follow-ups ("lam don o dau") */
  gint64 last_at;
  char *screening;   /* a screening under way (sms-screener.h), or NULL */
  gint64 screening_at;
} SmsNumberState;

void sms_number_state_free (SmsNumberState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsNumberState, sms_number_state_free)

typedef struct _SmsState SmsState;

/* The state kept through @sql (borrowed; it must outlive the SmsState), creating the
 * responder's tables when missing: they live beside gammu's queue, so one transaction covers a
 * message and its reply. */
SmsState *sms_state_new (SmsSql *sql, GError **error);
void sms_state_free (SmsState *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsState, sms_state_free)

/* The state of @number; a fresh one when the number is new. */
SmsNumberState *sms_state_get (SmsState *self, const char *number, GError **error);

/* Writes @state back. */
gboolean sms_state_put (SmsState *self, const SmsNumberState *state, GError **error);

/* Records that @number sent @text at @now, setting *@last_same to when the same text last came
 * from it within @window seconds before, or to -1. */
gboolean sms_state_note_received (SmsState *self, const char *number, const char *text, gint64 now,
                                  gint64 window, gint64 *last_same, GError **error);

/* Records a reply of @kind ("reply" or "notice") with @text to @number at @now. */
gboolean sms_state_log_reply (SmsState *self, const char *number, const char *kind, const char *text,
                              gint64 now, GError **error);

/* How many replies of @kind went to @number since @since; with @text, only replies of that text. */
gint64 sms_state_count_replies (SmsState *self, const char *number, const char *kind, const char *text,
                                gint64 since);

G_END_DECLS
