/* sms-usage.h: what people ask by SMS, counted beside gammu's queue for the hub's dashboard. */
#pragma once

#include "sms-sql.h"

#include "sync-key.h"
#include "sync-usage.h"

G_BEGIN_DECLS

typedef struct _SmsUsage SmsUsage;

/* The counts kept through @sql (borrowed; it must outlive the SmsUsage), on SQLite or
 * PostgreSQL, creating the responder's usage tables when missing. */
SmsUsage *sms_usage_new (SmsSql *sql, GError **error);
void sms_usage_free (SmsUsage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsUsage, sms_usage_free)

/* The day of @now (seconds since the epoch) in Vietnam, YYYY-MM-DD: the day counts are kept
 * under, and a screening's date. */
char *sms_usage_day (gint64 now);

/* Counts one answer of @item on @day (YYYY-MM-DD) in @lang. The caller holds the transaction. */
gboolean sms_usage_count_item (SmsUsage *self, const char *item, const char *day, const char *lang,
                               GError **error);

/* Counts one search for @query that found nothing; its digits are masked before it is stored,
 * so no phone or ID number is ever kept. */
gboolean sms_usage_count_miss (SmsUsage *self, const char *query, const char *day, const char *lang,
                               GError **error);

/* Batch @number of the running totals (channel "sms") of every day since the last batch the hub
 * took (sms_usage_taken()), or of every day for the first. */
SyncUsageBatch *sms_usage_batch (SmsUsage *self, gint64 number, GError **error);

/* Records that the hub took a batch on @day: later batches start from that day. */
gboolean sms_usage_taken (SmsUsage *self, const char *day, GError **error);

/* Builds, seals with @key, numbers (the number kept in @state_path) and posts the counts to @url,
 * then records them taken on the day of @now. Nothing to send is not an error. */
gboolean sms_usage_post (SmsUsage *self, SyncKey *key, const char *state_path, const char *url,
                         gint64 now, GError **error);

G_END_DECLS
