/* sync-usage.h: anonymous usage counts that kiosks and the SMS responder post to the hub's
 * /usage: what was looked at (item, day, language, channel) and what was searched for and not
 * found, signed with the sender's own Ed25519 key. Format: sync/FORMAT.md, "Usage batches". */
#pragma once

#include <json-glib/json-glib.h>

#include "content-store.h"
#include "sync-key.h"

G_BEGIN_DECLS

#define SYNC_USAGE_TYPE "banlang-sync-usage"

typedef struct _SyncUsageBatch SyncUsageBatch;

/* An empty batch numbered @number (≥ 1; a sender numbers its batches upwards, see
 * sync_usage_next_number()). */
SyncUsageBatch *sync_usage_batch_new (gint64 number);

/* Adds the counts of @store from day @since (YYYY-MM-DD, NULL for all): running totals per
 * item, day, language and channel, as content_store_list_usage() gives them. */
gboolean sync_usage_batch_add_usage (SyncUsageBatch *self, ContentStore *store, const char *since,
                                     GError **error);

/* Adds a search that found nothing, @count times on @day (YYYY-MM-DD) in @lang on @channel
 * ("kiosk", "sms"); every digit of @query becomes '#' (sync_usage_mask_digits()), so no phone
 * number or ID number ever leaves the sender. */
void sync_usage_batch_add_miss (SyncUsageBatch *self, const char *query, const char *day, const char *lang,
                                const char *channel, gint64 count);

/* @query with every digit (any script's) replaced by '#': "0912345678" → "##########". */
char *sync_usage_mask_digits (const char *query);

/* The signed batch (an envelope: FORMAT.md) from @sender, which holds its secret. */
GBytes *sync_usage_batch_seal (SyncUsageBatch *self, SyncKey *sender);

/* For the hub: the batch in the request body @body, after checking its format and that the
 * sender it names signed it; NULL with SYNC_ERROR_REFUSED otherwise. Whether the sender is
 * registered and the number new are the hub's to check. */
SyncUsageBatch *sync_usage_batch_parse_verified (GBytes *body, GError **error);

/* The sender's public key as 64 lower-case hexadecimal digits (the key's id, as in its
 * public key file). */
const char *sync_usage_batch_get_sender (SyncUsageBatch *self);
gint64 sync_usage_batch_get_number (SyncUsageBatch *self);

/* {"item", "day", "lang", "channel", "count"} objects: running totals on the sender, so a
 * later batch's figure for the same (item, day, lang, channel) replaces an earlier one. */
JsonArray *sync_usage_batch_get_rows (SyncUsageBatch *self);

/* {"query", "day", "lang", "channel", "count"} objects, digits masked; totals like the rows. */
JsonArray *sync_usage_batch_get_misses (SyncUsageBatch *self);

/* The next batch number of the sender whose state is kept in the file @state_path (created
 * when missing): one more than the last, and never less than the time in milliseconds since
 * 1970, so a sender that lost its state still counts upwards. */
gboolean sync_usage_next_number (const char *state_path, gint64 *number, GError **error);

/* POSTs @sealed to @url (the hub's /usage). SYNC_ERROR_UNREACHABLE when the hub did not
 * answer or answered 5xx (send it again later: the hub takes a batch once), SYNC_ERROR_REFUSED
 * when it answered 4xx (an unknown sender, an old number, a bad batch). */
gboolean sync_usage_post (GBytes *sealed, const char *url, GCancellable *cancellable, GError **error);

void sync_usage_batch_free (SyncUsageBatch *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncUsageBatch, sync_usage_batch_free)

G_END_DECLS
