/* content-changes.c: what a hub sends its replicas, read from its live tables.
 *
 * Sync asks two questions of a hub's store: "every change after seq N" (a delta) and
 * "everything live" (a snapshot, from which a new kiosk starts). Both are answered as the
 * ContentReplicaRecords that content_store_apply_replica() takes on the other side, with the
 * hub's seqs and positions, so publishing from a hub and applying to an empty kiosk gives the
 * same live content. Only live tables are read: drafts and revisions never leave the hub.
 *
 * Blobs are part of the changes because a blob takes its seq when it is written (an item's
 * picture may be written with its draft, long before the item is published): a replica that
 * took every blob after its seq holds every blob a later record can name.
 *
 * Everything is read inside one read transaction, so a publish running meanwhile cannot give a
 * reader half of its records, and records come one at a time (one blob in memory at most).
 *
 * An item published marked important (ContentPublishFlags) carries "important": true while
 * its live record is that publication: the SMS responder tells followers of a correction only
 * then. A replica keeps the mark beside its content (the member is not content), so a
 * responder reading a replica's changes is told the same as one reading the hub's.
 */
#include "content-changes.h"
#include "content-error.h"
#include "content-store-media.h"
#include "content-store-private.h"

/* Every live record and tombstone after ?1, in seq order; tombstones only when ?2 is 0. */
static const char changes_sql[] =
  "SELECT 'item', id, seq, 0, 0 FROM items WHERE seq > ?1"
  " UNION ALL SELECT 'topic', id, seq, position, 0 FROM topics WHERE seq > ?1"
  " UNION ALL SELECT kind, id, seq, position, 0 FROM rule_parts WHERE seq > ?1"
  " UNION ALL SELECT 'media', sha256, seq, 0, 0 FROM media WHERE seq > ?1"
  " UNION ALL SELECT 'greeting', lang, seq, 0, 0 FROM greetings WHERE seq > ?1"
  " UNION ALL SELECT what, id, seq, 0, 1 FROM tombstones WHERE seq > ?1 AND ?2 = 0"
  " ORDER BY 3";

static JsonNode *
greeting_record (ContentStore *self, const char *lang, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT sha256 FROM greetings WHERE lang = ?1", error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, lang);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      content_store_fail (self, "reading a greeting", error);
      sqlite3_reset (stmt);
      return NULL;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lang");
  json_builder_add_string_value (b, lang);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_end_object (b);
  sqlite3_reset (stmt);
  return json_builder_get_root (b);
}

/* Whether live item ?1 was published marked important. On a hub: the revision it carries (its
 * newest publish, archive or delete: saves and restores are drafts) is so marked. On a replica,
 * which has no revisions: the record it applied for the item's live seq carried the mark
 * (content-replica.c). Each store has only one of the two. */
static const char important_sql[] =
  "SELECT coalesce ((SELECT important FROM revisions WHERE what = 'item' AND id = ?1"
  "                  AND action IN ('publish', 'archive', 'delete') ORDER BY rev DESC LIMIT 1), 0)"
  " OR EXISTS (SELECT 1 FROM replica_important m JOIN items i ON i.id = m.item_id AND i.seq = m.seq"
  "            WHERE m.item_id = ?1)";

/* Sets *@important to whether live item @id was published marked important. */
static gboolean
is_important (ContentStore *self, const char *id, gboolean *important, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, important_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *important = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  if (rc != SQLITE_ROW)
    content_store_fail (self, "reading how an item was published", error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* An item's live record, with "important": true when it was published so marked. */
static JsonNode *
item_record (ContentStore *self, const char *id, GError **error)
{
  g_autoptr(JsonNode) record = content_store_get_live_record (self, CONTENT_RECORD_ITEM, id, error);
  gboolean important;

  if (record == NULL || !is_important (self, id, &important, error))
    return NULL;
  if (important)
    json_object_set_boolean_member (json_node_get_object (record), "important", TRUE);
  return g_steal_pointer (&record);
}

/* Fills @r's record (or bytes, for a blob) from the live tables. */
static gboolean
fill_record (ContentStore *self, ContentReplicaRecord *r, GError **error)
{
  g_autoptr(ContentMedia) media = NULL;

  switch (r->kind)
    {
    case CONTENT_RECORD_MEDIA:
      media = content_store_get_media (self, r->id, error);
      if (media == NULL)
        return FALSE;
      r->bytes = g_bytes_ref (media->bytes);
      return TRUE;
    case CONTENT_RECORD_GREETING:
      r->record = greeting_record (self, r->id, error);
      return r->record != NULL;
    case CONTENT_RECORD_ITEM:
      r->record = item_record (self, r->id, error);
      return r->record != NULL;
    default:
      r->record = content_store_get_live_record (self, r->kind, r->id, error);
      return r->record != NULL;
    }
}

static gboolean
foreach_row (ContentStore *self, sqlite3_stmt *stmt, ContentChangeFunc func, gpointer user_data,
             GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ContentReplicaRecord) r = NULL;
      ContentRecordKind kind;

      if (!content_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        {
          g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_DATABASE, "unknown record kind %s",
                       (const char *) sqlite3_column_text (stmt, 0));
          return FALSE;
        }
      r = content_replica_record_new (kind, (const char *) sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int64 (stmt, 2));
      r->position = sqlite3_column_int (stmt, 3);
      if (sqlite3_column_int (stmt, 4) == 0 && !fill_record (self, r, error))
        return FALSE;
      if (!func (r, user_data, error))
        return FALSE;
    }
  return rc == SQLITE_DONE || content_store_fail (self, "listing changes", error);
}

gboolean
content_store_foreach_change (ContentStore      *self,
                              gint64             after_seq,
                              gboolean           snapshot,
                              ContentChangeFunc  func,
                              gpointer           user_data,
                              gint64            *to_seq,
                              GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CONTENT_IS_STORE (self), FALSE);
  if (!content_store_exec (self, "BEGIN", error))
    return FALSE;
  stmt = content_store_prepare (self, changes_sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, snapshot ? 0 : after_seq);
      sqlite3_bind_int (stmt, 2, snapshot);
      ok = content_store_get_seq (self, to_seq, error) && foreach_row (self, stmt, func, user_data, error);
      sqlite3_reset (stmt);
    }
  /* A read transaction: ending it cannot lose anything. */
  content_store_rollback (self);
  return ok;
}

static gboolean
collect (const ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  ContentReplicaRecord *copy = content_replica_record_new (record->kind, record->id, record->seq);

  copy->position = record->position;
  copy->record = record->record != NULL ? json_node_copy (record->record) : NULL;
  copy->bytes = record->bytes != NULL ? g_bytes_ref (record->bytes) : NULL;
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

GPtrArray *
content_store_list_changes (ContentStore *self, gint64 after_seq, gboolean snapshot,
                            gint64 *to_seq, GError **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) content_replica_record_free);

  if (!content_store_foreach_change (self, after_seq, snapshot, collect, records, to_seq, error))
    return NULL;
  return g_steal_pointer (&records);
}
