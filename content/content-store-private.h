/* content-store-private.h: what the content library's own files share about the store. */
#pragma once

#include <sqlite3.h>

#include "content-media.h"
#include "content-record.h"
#include "content-rule-set.h"
#include "content-store.h"

G_BEGIN_DECLS

sqlite3 *content_store_get_db (ContentStore *self);

/* Sets @error from the connection's last SQLite error, prefixed with @what. Returns FALSE so
 * callers can `return content_store_fail (...)`. */
gboolean content_store_fail (ContentStore *self, const char *what, GError **error);

/* A statement prepared once per connection and reset before reuse. */
sqlite3_stmt *content_store_prepare (ContentStore *self, const char *sql, GError **error);

/* Runs @sql (no parameters, no rows wanted). */
gboolean content_store_exec (ContentStore *self, const char *sql, GError **error);

/* BEGIN IMMEDIATE / COMMIT; content_store_rollback() never fails (it is what failure does). */
gboolean content_store_begin (ContentStore *self, GError **error);
gboolean content_store_commit (ContentStore *self, GError **error);
void content_store_rollback (ContentStore *self);

/* Steps a write statement to its end; FALSE with @error naming @what on failure. */
gboolean content_store_step_done (ContentStore *self, sqlite3_stmt *stmt, const char *what, GError **error);

/* Binds @value, or NULL when @value is NULL. */
void content_store_bind_text (sqlite3_stmt *stmt, int col, const char *value);

/* A text column copied (NULL stays NULL) / parsed as JSON (NULL when not JSON). */
char *content_store_column_dup (sqlite3_stmt *stmt, int col);
JsonNode *content_store_column_json (sqlite3_stmt *stmt, int col);

/* Takes the next value of the change counter (inside a transaction). */
gboolean content_store_next_seq (ContentStore *self, gint64 *seq, GError **error);

/* Sets the change counter to @seq when it is behind (a replica follows its hub's numbers). */
gboolean content_store_advance_seq (ContentStore *self, gint64 seq, GError **error);

/* Sets *@out to @seq, or to the next value of the counter when @seq is 0 (a replica passes its
 * hub's numbers, and the counter follows them). */
gboolean content_store_stamp (ContentStore *self, gint64 seq, gint64 *out, GError **error);

/* Removes the tombstone of @what/@id, if any: the record exists again. */
gboolean content_store_clear_tombstone (ContentStore *self, const char *what, const char *id, GError **error);

/* Live writes, inside a transaction. @seq is the change to stamp the record with, or 0 to take
 * the next one; an existing record with the same id is replaced and its tombstone removed.
 * The caller has validated the record. */
gboolean content_store_put_topic (ContentStore *self, ContentTopic *topic, gint64 seq, GError **error);
gboolean content_store_put_item (ContentStore *self, ContentItem *item, gint64 seq, GError **error);
gboolean content_store_put_rule_part (ContentStore *self, ContentRulePart *part, gint64 seq, GError **error);

/* From this call to the end of the transaction, content_store_put_item() keeps search
 * documents in a temporary table and indexes them SEARCH_BATCH items at a time, in one
 * statement: FTS5 writes a segment per statement (at its savepoint), which item by item was most
 * of an import's time. content_store_commit() indexes what still waits; a rollback drops it.
 * content_store_flush_search() indexes what waits now. */
gboolean content_store_begin_search_batch (ContentStore *self, GError **error);
gboolean content_store_flush_search (ContentStore *self, GError **error);

/* Removes the live record @kind/@id and leaves a tombstone stamped @seq (0: the next). Sets
 * *@found to whether there was such a record; without one, nothing changes. Nothing cascades
 * beyond the record's own rows: the caller removes a benefit's rule too. */
gboolean content_store_delete_live (ContentStore *self, ContentRecordKind kind, const char *id,
                                    gint64 seq, gboolean *found, GError **error);

/* The live record @kind/@id in the import format, or NULL: with CONTENT_ERROR_NOT_FOUND when
 * there is none, another error when reading failed. */
JsonNode *content_store_get_live_record (ContentStore *self, ContentRecordKind kind, const char *id,
                                         GError **error);

/* content-store-media.c: an item's media rows (item_media) after its row is written, from
 * item->media; fails when a listed blob is not in the store. */
gboolean content_store_put_item_media (ContentStore *self, const ContentItem *item, GError **error);

/* Writes the blob @media (already checked: content-media.h) stamped @seq (0: the next);
 * one already stored is left as it is, since the same hash is the same bytes. */
gboolean content_store_put_media_blob (ContentStore *self, const ContentMedia *media, gint64 seq,
                                       GError **error);

/* Makes blob @sha256 the recorded greeting of @lang, stamped @seq (0: the next). */
gboolean content_store_put_greeting (ContentStore *self, const char *lang, const char *sha256,
                                     gint64 seq, GError **error);

/* A cache for derived figures (such as how many documents hold a word) that is emptied
 * whenever the content changes (seq moves, in this process or another). Keys and values are
 * strings owned by the table. */
GHashTable *content_store_get_cache (ContentStore *self);

/* Registers the folding FTS5 tokenizer "banlang" on @db (content-tokenizer.c). */
int content_tokenizer_register (sqlite3 *db);

/* Registers the ICU Vietnamese collation "vi" on @db (content-collation.c). */
int content_collation_register (sqlite3 *db);

/* The first revision of every record a schema-2 database held, and its drafts moved out of
 * the live tables (content-drafts.c); run by the migration to schema 3, inside it. */
gboolean content_store_first_revisions (ContentStore *self, GError **error);

/* Rewrites each reason schema 2 worded once ({"vi": text, ...}, the criterion met) as
 * {"met": it, "not_met": it behind a "not met" prefix} in the stored conditions and rules
 * (content-rule-set.c); run by the migration to schema 3, before the first revisions. */
gboolean content_rule_set_upgrade_reasons (ContentStore *store, GError **error);

/* ---- Media (content-store-media.c) ---- */

/* Writes each blob of @media (ContentMedia) the store lacks, each taking the next seq: what
 * an import brings, inside the transaction that writes its records and before them (an item
 * or topic can only refer to a blob the store holds). */
gboolean content_store_put_media_blobs (ContentStore *self, GPtrArray *media, GError **error);

/* Writes each of @greetings ({"lang", "sha256"}, validated, their blobs stored), each taking
 * the next seq; after content_store_put_media_blobs(), inside the same transaction. */
gboolean content_store_put_greetings (ContentStore *self, JsonArray *greetings, GError **error);

/* ---- end of media ---- */

G_END_DECLS
