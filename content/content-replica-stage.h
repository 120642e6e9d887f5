/* content-replica-stage.h: the records of a replica's update, gathered one at a time (from
 * bundles on a disk) into a temporary table before any is applied, so an update of any size
 * takes the same memory. */
#pragma once

#include "content-replica.h"

G_BEGIN_DECLS

/* An empty stage for @batch (which must outlive it) on @store's connection; one stage at a
 * time per store. The staged records live in a temporary table of that connection (disk
 * backed, outside content.db): nothing in the store changes until content_store_apply_replica(). */
ContentReplicaStage *content_replica_stage_new (ContentStore *store, const ContentReplicaBatch *batch,
                                                GError **error);

const ContentReplicaBatch *content_replica_stage_get_batch (ContentReplicaStage *self);

/* Stages @record (copied; a blob's may carry its bytes or only its size as a JSON integer in
 * its record, and the bytes are never kept). A record already staged under the same kind and
 * id is replaced when @record's seq is newer, kept otherwise: a chain of bundles merges with
 * the newest of each record winning. Fails with CONTENT_ERROR_INVALID_INPUT when its seq lies
 * outside the batch, CONTENT_ERROR_DATABASE when the temporary table cannot take it. */
gboolean content_replica_stage_add (ContentReplicaStage *self, const ContentReplicaRecord *record,
                                    GError **error);

/* Ends the staging (commits the temporary table's transaction): nothing may be added after.
 * content_replica_stage_foreach_missing() and content_store_apply_replica() seal the stage
 * themselves; sealing twice does nothing. */
gboolean content_replica_stage_seal (ContentReplicaStage *self, GError **error);

/* Called with a blob @sha256 of @size bytes. */
typedef gboolean (*ContentReplicaNeedFunc) (const char *sha256, gint64 size, gpointer user_data,
                                            GError **error);

/* Calls @func with each blob the staged update keeps live and the store lacks: the blobs to
 * fetch before applying. Stops at the first FALSE, with its error. */
gboolean content_replica_stage_foreach_missing (ContentReplicaStage *self, ContentReplicaNeedFunc func,
                                                gpointer user_data, GError **error);

/* Called with each staged record in the order it must be applied: blobs, topics, items,
 * rules, greetings, then the deletions of greetings, rules, items, topics and blobs, each
 * after what used it; by seq within each. A blob's record holds its size (a JSON integer),
 * a tombstone none. @record is freed when the callback returns. */
typedef gboolean (*ContentReplicaStagedFunc) (const ContentReplicaRecord *record, gpointer user_data,
                                              GError **error);

/* Walks the staged records (see ContentReplicaStagedFunc), parsing one at a time; sets
 * *@total to how many there are before the first call. */
gboolean content_replica_stage_foreach (ContentReplicaStage *self, ContentReplicaStagedFunc func,
                                        gpointer user_data, guint *total, GError **error);

/* Empties the temporary table. */
void content_replica_stage_free (ContentReplicaStage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentReplicaStage, content_replica_stage_free)

G_END_DECLS
