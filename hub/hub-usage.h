/* hub-usage.h: the usage counts kiosks and SMS responders send, kept in hub.db. */
#pragma once

#include "hub-db.h"
#include "sync-usage.h"

G_BEGIN_DECLS

/* Registers @name as a sender whose batches are signed by the public key @key_hex (64
 * hexadecimal digits); HUB_ERROR_EXISTS when the name or key is registered. */
gboolean hub_usage_add_sender (HubDb *db, const char *name, const char *key_hex, GError **error);

/* The registered senders as name, key pairs (a flat array of strings: name, key, name, ...),
 * by name. */
GPtrArray *hub_usage_list_senders (HubDb *db, GError **error);

/* The largest count a batch may carry for one row: more is not a village's use, it is a
 * broken or hostile sender. */
#define HUB_USAGE_MAX_COUNT 1000000000

/* Takes @batch (already verified by sync_usage_batch_parse_verified()) in one transaction:
 * HUB_ERROR_DENIED when its sender is not registered, HUB_ERROR_EXISTS when its number is not
 * newer than the sender's last (a resent batch: nothing is counted twice),
 * HUB_ERROR_INVALID_INPUT when a count is below 0 or above HUB_USAGE_MAX_COUNT. The sender's
 * name goes to @sender. */
gboolean hub_usage_take (HubDb *db, SyncUsageBatch *batch, char **sender, GError **error);

typedef struct {
  char *key;        /* an item id, or a query */
  gint64 count;
  gint64 kiosk, sms; /* of the count, by channel */
} HubUsageTotal;

void hub_usage_total_free (HubUsageTotal *total);

/* Totals since @since (YYYY-MM-DD) of looks per item, most first (@misses FALSE), or of
 * searches that found nothing per query (@misses TRUE); at most @limit. */
GPtrArray *hub_usage_totals (HubDb *db, const char *since, gboolean misses, guint limit, GError **error);

G_END_DECLS
