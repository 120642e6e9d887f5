/* content-replica.h: a kiosk's copy of a hub's published content, and what only the kiosk keeps. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-record.h"
#include "content-store.h"

G_BEGIN_DECLS

/* One published record as a hub sent it, with the hub's own seq. */
typedef struct {
  ContentRecordKind kind;
  char *id;           /* an item, topic or rule part id; a blob's sha256; a greeting's language */
  gint64 seq;
  JsonNode *record;   /* the import format (a greeting: {"lang", "sha256"}); NULL for a tombstone */
  GBytes *bytes;      /* a media record's blob; NULL otherwise */
  gint position;      /* topics and questions: their order among siblings */
} ContentReplicaRecord;

ContentReplicaRecord *content_replica_record_new (ContentRecordKind kind, const char *id, gint64 seq);
void content_replica_record_free (ContentReplicaRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentReplicaRecord, content_replica_record_free)

/* An update: the records between two seqs of one hub, from one manifest. The records
 * themselves are staged apart (content-replica-stage.h). */
typedef struct {
  const char *hub;         /* the hub's id */
  const char *manifest;    /* the manifest's id (its sha256) */
  const char *issued_at;   /* the manifest's issue time, UTC, YYYY-MM-DDTHH:MM:SSZ */
  gint64 from_seq;         /* a delta continues from the replica's seq; ignored for a snapshot */
  gint64 to_seq;           /* the newest seq the batch brings the replica to */
  gboolean snapshot;       /* everything the hub publishes: what is not in it goes */
  JsonNode *trust;         /* NULL, or what sync learned from this manifest, kept with the
                            * replica's state in the same transaction (see
                            * content_store_set_replica_trust()) */
  gboolean new_history;    /* a snapshot of a history that replaces the one the replica
                            * followed (a hub restored from a backup, under a new epoch): taken
                            * whatever the replica's seq, which becomes the snapshot's */
} ContentReplicaBatch;

typedef struct _ContentReplicaStage ContentReplicaStage;

/* The bytes of blob @sha256, which its record says are @size bytes long; NULL with @error when
 * they cannot be had. They are checked against @sha256 by the caller. */
typedef GBytes *(*ContentReplicaBlobFunc) (const char *sha256, gint64 size, gpointer user_data,
                                           GError **error);

/* Applies the batch staged in @stage (see content-replica-stage.h) in one transaction, record
 * by record, holding one record and at most one blob in memory: records keep the hub's seqs (a
 * replica never takes its own), tombstones delete, media are checked against their sha256 and
 * type, items and topics against the format, the resulting rule set as a whole; then the
 * replica's state records the hub, seq, manifest and issue time (and the batch's trust when
 * set). The bytes of a blob the store lacks come from @blob. A new replica takes a first batch
 * even at seq 0 (a hub with nothing published yet). Refused (CONTENT_ERROR_INVALID_INPUT,
 * nothing written): a database holding its own content (a hub's), another hub's batch, a delta
 * that does not continue from the replica's seq, a batch issued before the newest manifest the
 * replica trusted, a batch not newer than what the replica holds unless it is a snapshot of a
 * new history, any record that fails its checks. @progress is called after each record. */
gboolean content_store_apply_replica (ContentStore              *self,
                                      ContentReplicaStage       *stage,
                                      ContentReplicaBlobFunc     blob,
                                      gpointer                   blob_data,
                                      ContentStoreProgressFunc   progress,
                                      gpointer                   user_data,
                                      GError                   **error);

typedef struct {
  char *hub;
  gint64 seq;
  char *manifest;
  char *issued_at;
  char *applied_at;
  JsonNode *trust;    /* what sync learned about the hub's keys (sync's own format) */
} ContentReplicaState;

void content_replica_state_free (ContentReplicaState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentReplicaState, content_replica_state_free)

/* Where this replica's content came from; NULL with CONTENT_ERROR_NOT_FOUND when it is not a
 * replica (yet). */
ContentReplicaState *content_store_get_replica_state (ContentStore *self, GError **error);

/* Sets *@state to where this replica's content came from, or to NULL when it is not a replica
 * (yet). FALSE with @error (*@state untouched) when the state cannot be read: a store that
 * failed is not a store that holds no replica. */
gboolean content_store_lookup_replica_state (ContentStore *self, ContentReplicaState **state, GError **error);

/* Keeps @trust (sync's JSON about keys) with the replica's state, and @issued_at (the issue
 * time of the newest manifest trusted, in the batch's form; NULL: none) as its issue time when
 * it is later, so content_store_today() never lags a re-signed manifest that brought no
 * content. Fails with CONTENT_ERROR_NOT_FOUND when the store is not a replica yet. */
gboolean content_store_set_replica_trust (ContentStore *self, JsonNode *trust, const char *issued_at,
                                          GError **error);

/* Today's date (YYYY-MM-DD, local time) as the content should see it: never earlier than the
 * issue date of the newest manifest a replica trusted (with content or without), so a kiosk whose clock fell back to 1970
 * after a power cut does not decide eligibility or law status in the past. Free with g_free().
 * NULL with @error when the replica's state cannot be read (a store that is not a replica
 * goes by the clock). */
char *content_store_today (ContentStore *self, GError **error);

/* The channels usage is counted on. */
typedef enum {
  CONTENT_CHANNEL_KIOSK,
  CONTENT_CHANNEL_SMS,
  CONTENT_CHANNEL_HUB,
} ContentChannel;

const char *content_channel_to_string (ContentChannel channel);

/* Counts one look at item @item_id in @lang on @channel today (content_store_today()). The
 * count is local: sync never overwrites it, and it names no person. */
gboolean content_store_count_usage (ContentStore *self, const char *item_id, const char *lang,
                                    ContentChannel channel, GError **error);

/* Usage counts from day @since (YYYY-MM-DD, NULL for all) as a JSON array of
 * {"item", "day", "lang", "channel", "count"}, by day, item, language and channel. */
JsonNode *content_store_list_usage (ContentStore *self, const char *since, GError **error);

/* Counts one search for @query that found nothing, in @lang on @channel today
 * (content_store_today()). @query (not empty) is kept as given: mask what must not be kept
 * (digits: sync_usage_mask_digits()) before. Local, like usage counts. */
gboolean content_store_count_miss (ContentStore *self, const char *query, const char *lang,
                                   ContentChannel channel, GError **error);

/* Searches that found nothing from day @since (YYYY-MM-DD, NULL for all) as a JSON array of
 * {"query", "day", "lang", "channel", "count"}, by day, query, language and channel. */
JsonNode *content_store_list_misses (ContentStore *self, const char *since, GError **error);

G_END_DECLS
