/* sms-alerts.h: following topics by SMS, and one alert when something new is published there. */
#pragma once

#include "content-replica.h"
#include "content-store.h"
#include "sms-config.h"
#include "sms-sql.h"
#include "sms-state.h"

G_BEGIN_DECLS

typedef struct _SmsAlerts SmsAlerts;

/* Creates the alert tables through @sql when missing, or brings them up to date; sms_alerts_new()
 * does it too. */
gboolean sms_alerts_create (SmsSql *sql, GError **error);

/* Alerts kept through @sql (SQLite or PostgreSQL) beside the responder's other tables (created
 * when missing), about @content, for the numbers of @state, under @config. All borrowed. */
SmsAlerts *sms_alerts_new (SmsSql *sql, ContentStore *content, SmsState *state, const SmsConfig *config,
                           GError **error);
void sms_alerts_free (SmsAlerts *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsAlerts, sms_alerts_free)

/* @number follows (or with sms_alerts_unfollow no longer follows) @topic, a topic id; unfollow
 * with @topic NULL: every topic. */
gboolean sms_alerts_follow (SmsAlerts *self, const char *number, const char *topic, GError **error);
gboolean sms_alerts_unfollow (SmsAlerts *self, const char *number, const char *topic, GError **error);

/* @number sent STOP: its alerts not yet sent are dropped, those waiting in gammu's outbox too. */
gboolean sms_alerts_drop (SmsAlerts *self, const char *number, GError **error);

/* What a round does with @record, one of the store's changes (content-changes.h), at @now: an
 * item published for the first time, or a revision the publisher marked important, becomes
 * alerts (sms_alerts_run()); with @learn_only it is only noted as seen. */
gboolean sms_alerts_consider (SmsAlerts *self, const ContentReplicaRecord *record, gboolean learn_only, gint64 now,
                              GError **error);

/* TRUE when a round at @now would do nothing (no new content, no alert due, no delivery to
 * record), found by plain reads: an idle responder never takes the write lock gammu-smsd
 * needs, which it waits for with no busy timeout. */
gboolean sms_alerts_idle (SmsAlerts *self, gint64 now);

/* The most alerts a transaction of a round sends. On PostgreSQL each number written to stays
 * locked until the transaction ends, in the server's lock table, which all connections share
 * and which holds a few thousand locks by default: a round over all of a large topic's
 * followers at once would overflow it ("out of shared memory") and never commit. */
#define SMS_ALERTS_BATCH 500

/* How far a round of alerts has gone, from one transaction to the next. Starts zeroed. */
typedef struct {
  gboolean learnt;    /* new content has been read: the first transaction does it */
  gint64 due_at, id;  /* the last alert looked at (due time and id): the next start after it */
  gboolean done;      /* nothing left: the round is over */
} SmsAlertsRound;

/* One transaction of a round at @now, in the caller's transaction; call it in a transaction
 * each until @round is done; after a failure, the round is over (start the next from zero).
 * Nothing, and done, when another worker sharing the database is running a round. The first
 * transaction learns what is new: items published for the first time since the last round
 * (notices, laws and benefits; found by seq), and corrections the publisher marked important
 * (the change record's "important": true), become an alert for each number following one of
 * their topics or a topic above, once per number and revision (an important one replaces an
 * alert about the item still waiting for that number, so one SMS goes); other corrections
 * alert nobody. The first round only learns what is already published. Each transaction then
 * takes up to SMS_ALERTS_BATCH alerts due and sends them to the outbox with a lower priority
 * than replies and a delivery report requested: never in quiet hours (21:00 to 07:00 in the
 * configured time zone: they wait until 07:00), at most alerts_per_day a number a day (the
 * rest wait until the next morning), never to a number that sent STOP, and not about an item
 * that is gone or followed through a topic gone or without an SMS code (dropped), nor one this
 * worker's content has not yet reached (left for later); a failure to read the content fails
 * the transaction, the alerts waiting still.
 * The last reads the delivery of alerts sent from gammu's sentitems (delivered or failed). Sets
 * *@queued to the alerts this transaction queued. */
gboolean sms_alerts_run (SmsAlerts *self, SmsAlertsRound *round, gint64 now, guint *queued, GError **error);

G_END_DECLS
