/* content-replica-stage.c: a replica's update gathered in a temporary table (see
 * content-replica-stage.h).
 *
 * A kiosk starting from a snapshot of 10,000 items once held every record of it in memory,
 * merged in a hash table, and every blob besides: memory grew with the content (104 MB at
 * 10,000 items), and a province's content grows. Here each record goes into a table of the
 * connection's temporary database as it is read, so the bundles are read once, the
 * newest seq of each record wins across a chain of bundles (an upsert on kind and id), and the
 * apply then walks the table in dependency order, one record parsed at a time, asking for a
 * blob's bytes only when it writes that blob. SQLite keeps a temporary database on disk past a
 * small page cache, so memory stays flat whatever the update's size.
 *
 * Staging writes only the temporary database, inside a transaction of its own: content.db is
 * not locked while bundles are read and blobs fetched, and readers never wait for it.
 */
#include "content-replica-stage.h"
#include "content-error.h"
#include "content-store-private.h"

struct _ContentReplicaStage {
  ContentStore *store;
  const ContentReplicaBatch *batch;
  gboolean open;   /* the staging transaction is running */
};

/* Apply order: the pass of a record, then its seq. */
static const char stage_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS replica_stage ("
  " kind INTEGER NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, position INTEGER NOT NULL,"
  " record TEXT,"            /* the record as JSON, a blob's size; NULL for a tombstone */
  " pass INTEGER NOT NULL,"
  " PRIMARY KEY (kind, id));"
  "CREATE INDEX IF NOT EXISTS temp.replica_stage_order ON replica_stage (pass, seq);"
  "DELETE FROM temp.replica_stage";

ContentReplicaStage *
content_replica_stage_new (ContentStore *store, const ContentReplicaBatch *batch, GError **error)
{
  ContentReplicaStage *self;

  g_return_val_if_fail (CONTENT_IS_STORE (store), NULL);
  if (!content_store_exec (store, "BEGIN", error))
    return NULL;
  if (!content_store_exec (store, stage_sql, error))
    {
      content_store_rollback (store);
      return NULL;
    }
  self = g_new0 (ContentReplicaStage, 1);
  self->store = g_object_ref (store);
  self->batch = batch;
  self->open = TRUE;
  return self;
}

const ContentReplicaBatch *
content_replica_stage_get_batch (ContentReplicaStage *self)
{
  return self->batch;
}

/* The pass in which a record of @kind is applied (see ContentReplicaStagedFunc). */
static int
pass_of (ContentRecordKind kind, gboolean tombstone)
{
  switch (kind)
    {
    case CONTENT_RECORD_MEDIA:
      return tombstone ? 9 : 0;
    case CONTENT_RECORD_TOPIC:
      return tombstone ? 8 : 1;
    case CONTENT_RECORD_ITEM:
      return tombstone ? 7 : 2;
    case CONTENT_RECORD_GREETING:
      return tombstone ? 5 : 4;
    default:
      return tombstone ? 6 : 3;
    }
}

/* What the stage keeps of @r's content: its record as JSON, a blob's size, or NULL for a
 * tombstone. */
static char *
staged_text (const ContentReplicaRecord *r)
{
  if (r->kind == CONTENT_RECORD_MEDIA && r->bytes != NULL)
    return g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (r->bytes));
  return r->record != NULL ? json_to_string (r->record, FALSE) : NULL;
}

gboolean
content_replica_stage_add (ContentReplicaStage *self, const ContentReplicaRecord *r, GError **error)
{
  const ContentReplicaBatch *batch = self->batch;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self->open, FALSE);
  if (r->seq <= 0 || r->seq > batch->to_seq || (!batch->snapshot && r->seq <= batch->from_seq))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "%s %s: seq %" G_GINT64_FORMAT " is outside the update (%" G_GINT64_FORMAT
                   " to %" G_GINT64_FORMAT "]", content_record_kind_to_string (r->kind), r->id, r->seq,
                   batch->snapshot ? 0 : batch->from_seq, batch->to_seq);
      return FALSE;
    }
  stmt = content_store_prepare (self->store,
      "INSERT INTO temp.replica_stage (kind, id, seq, position, record, pass) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq, position = excluded.position, "
      "record = excluded.record, pass = excluded.pass WHERE excluded.seq > seq", error);
  if (stmt == NULL)
    return FALSE;
  text = staged_text (r);
  sqlite3_bind_int (stmt, 1, r->kind);
  content_store_bind_text (stmt, 2, r->id);
  sqlite3_bind_int64 (stmt, 3, r->seq);
  sqlite3_bind_int (stmt, 4, r->position);
  content_store_bind_text (stmt, 5, text);
  sqlite3_bind_int (stmt, 6, pass_of (r->kind, text == NULL));
  return content_store_step_done (self->store, stmt, "staging an update", error);
}

gboolean
content_replica_stage_seal (ContentReplicaStage *self, GError **error)
{
  if (!self->open)
    return TRUE;
  if (!content_store_exec (self->store, "COMMIT", error))
    return FALSE;
  self->open = FALSE;
  return TRUE;
}

gboolean
content_replica_stage_foreach_missing (ContentReplicaStage *self, ContentReplicaNeedFunc func,
                                       gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (!content_replica_stage_seal (self, error))
    return FALSE;
  stmt = content_store_prepare (self->store,
      "SELECT id, CAST (record AS INTEGER) FROM temp.replica_stage s WHERE kind = ?1 AND record IS NOT NULL"
      " AND NOT EXISTS (SELECT 1 FROM main.media m WHERE m.sha256 = s.id) ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, CONTENT_RECORD_MEDIA);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = func ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1), user_data, error);
  if (ok && rc != SQLITE_DONE)
    ok = content_store_fail (self->store, "listing the blobs an update needs", error);
  sqlite3_reset (stmt);
  return ok;
}

/* The staged record in the current row of @stmt (kind, id, seq, position, record). */
static ContentReplicaRecord *
column_record (sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(ContentReplicaRecord) r = content_replica_record_new (sqlite3_column_int (stmt, 0),
                                                                  (const char *) sqlite3_column_text (stmt, 1),
                                                                  sqlite3_column_int64 (stmt, 2));
  const char *text = (const char *) sqlite3_column_text (stmt, 4);

  r->position = sqlite3_column_int (stmt, 3);
  if (text != NULL && (r->record = json_from_string (text, error)) == NULL)
    return NULL;
  return g_steal_pointer (&r);
}

/* How many records are staged. */
static gboolean
count (ContentReplicaStage *self, guint *total, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self->store, "SELECT count(*) FROM temp.replica_stage", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  *total = ok ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  if (!ok)
    content_store_fail (self->store, "counting an update's records", error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
content_replica_stage_foreach (ContentReplicaStage *self, ContentReplicaStagedFunc func,
                               gpointer user_data, guint *total, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (!content_replica_stage_seal (self, error) || !count (self, total, error))
    return FALSE;
  stmt = content_store_prepare (self->store,
      "SELECT kind, id, seq, position, record FROM temp.replica_stage ORDER BY pass, seq", error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ContentReplicaRecord) r = column_record (stmt, error);
      ok = r != NULL && func (r, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = content_store_fail (self->store, "reading an update's records", error);
  sqlite3_reset (stmt);
  return ok;
}

void
content_replica_stage_free (ContentReplicaStage *self)
{
  if (self == NULL)
    return;
  /* Whatever happened, the next update starts from an empty table. */
  if (self->open)
    content_store_rollback (self->store);
  else
    content_store_exec (self->store, "DELETE FROM temp.replica_stage", NULL);
  g_object_unref (self->store);
  g_free (self);
}
