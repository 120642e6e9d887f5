/* content-changes.h: a hub's published records as a replica takes them: every change after a
 * seq, or a snapshot of everything live. */
#pragma once

#include "content-replica.h"

G_BEGIN_DECLS

/* Called with each record in seq order; @record belongs to the caller of the function and is
 * freed when the callback returns (take what you keep). Returns FALSE (with @error) to stop. */
typedef gboolean (*ContentChangeFunc) (const ContentReplicaRecord *record, gpointer user_data,
                                       GError **error);

/* Calls @func with every live record whose seq is after @after_seq (items, topics, rule parts
 * with their case tables, media blobs with their bytes, greetings) and, unless @snapshot,
 * every tombstone after @after_seq; with @snapshot, @after_seq is ignored and every live
 * record comes, tombstones none (a snapshot replaces everything). Only live tables are read,
 * never drafts, and all of it in one read transaction, so the records are one consistent
 * state: the seq of that state is put in *@to_seq. One blob is held in memory at a time. An
 * item's record has the member "important": true when the revision it carries was published
 * with CONTENT_PUBLISH_IMPORTANT (content-drafts.h), on a replica too: it keeps the mark of the
 * records it applied.
 * Returns FALSE when reading failed or @func returned FALSE. */
gboolean content_store_foreach_change (ContentStore      *self,
                                       gint64             after_seq,
                                       gboolean           snapshot,
                                       ContentChangeFunc  func,
                                       gpointer           user_data,
                                       gint64            *to_seq,
                                       GError           **error);

/* The same records collected into an array of ContentReplicaRecord; NULL when reading
 * failed. */
GPtrArray *content_store_list_changes (ContentStore *self, gint64 after_seq, gboolean snapshot,
                                       gint64 *to_seq, GError **error);

G_END_DECLS
