/* sms-alerts.h: following topics by SMS, and one alert when something new is published there. */
#pragma once

#include <sqlite3.h>

#include "content-store.h"
#include "sms-config.h"
#include "sms-state.h"

G_BEGIN_DECLS

typedef struct _SmsAlerts SmsAlerts;

/* Alerts kept in @db beside the responder's other tables (created when missing), about
 * @content, for the numbers of @state, under @config. All borrowed. */
SmsAlerts *sms_alerts_new (sqlite3 *db, ContentStore *content, SmsState *state, const SmsConfig *config,
                           GError **error);
void sms_alerts_free (SmsAlerts *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsAlerts, sms_alerts_free)

/* @number follows (or with sms_alerts_unfollow no longer follows) @topic, a topic id; unfollow
 * with @topic NULL: every topic. */
gboolean sms_alerts_follow (SmsAlerts *self, const char *number, const char *topic, GError **error);
gboolean sms_alerts_unfollow (SmsAlerts *self, const char *number, const char *topic, GError **error);

/* @number sent STOP: its alerts not yet sent are dropped, those waiting in gammu's outbox too. */
gboolean sms_alerts_drop (SmsAlerts *self, const char *number, GError **error);

/* TRUE when a round at @now would do nothing (no new content, no alert due, no delivery to
 * record), found by plain reads: an idle responder never takes the write lock gammu-smsd
 * needs, which it waits for with no busy timeout. */
gboolean sms_alerts_idle (SmsAlerts *self, gint64 now);

/* One round at @now, in the caller's transaction. Items published for the first time since the
 * last round (notices, laws and benefits; found by seq, so corrections alert nobody) become an
 * alert for each number following one of their topics or a topic above. The first round only
 * learns what is already published. Alerts due go to the outbox with a lower priority than
 * replies and a delivery report requested: never in quiet hours (21:00 to 07:00 in the
 * configured time zone: they wait until 07:00), at most alerts_per_day a number a day (the
 * rest wait until the next morning), never to a number that sent STOP. The delivery of alerts
 * sent is read from gammu's sentitems (delivered or failed). Sets *@queued. */
gboolean sms_alerts_run (SmsAlerts *self, gint64 now, guint *queued, GError **error);

G_END_DECLS
