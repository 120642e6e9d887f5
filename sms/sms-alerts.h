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

/* One round at @now, in the caller's transaction; nothing when another worker sharing the
 * database is running one. Items published for the first time since the last round (notices,
 * laws and benefits; found by seq), and corrections the publisher marked important (the change
 * record's "important": true), become an alert for each number following one of their topics
 * or a topic above, once per number and revision; other corrections alert nobody. The first
 * round only learns what is already published. Alerts due go to the outbox with a lower priority than
 * replies and a delivery report requested: never in quiet hours (21:00 to 07:00 in the
 * configured time zone: they wait until 07:00), at most alerts_per_day a number a day (the
 * rest wait until the next morning), never to a number that sent STOP. The delivery of alerts
 * sent is read from gammu's sentitems (delivered or failed). Sets *@queued. */
gboolean sms_alerts_run (SmsAlerts *self, gint64 now, guint *queued, GError **error);

G_END_DECLS
