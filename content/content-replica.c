/* content-replica.c: applying a hub's published records to a kiosk's store, and what the kiosk
 * keeps for itself (its "today", its usage counts and the searches that found nothing).
 *
 * A replica is a store whose content all came from one hub. It takes the hub's seq numbers
 * as they are (never its own), so "everything after seq N" means the same on both sides, and
 * it records which hub, seq and manifest its content came from. A batch lands in one
 * transaction: a kiosk killed or unplugged at any instant holds the old content or the new,
 * never a mix (Kolibri can list a channel as imported after a power cut when it is not).
 *
 * Records are checked again here even though sync verified their signature: the validator is
 * the same one an import uses, so a hub bug cannot put a record on a kiosk's screen that the
 * kiosk's own code cannot read. Records come from a stage (content-replica-stage.c) in
 * dependency order whatever order they came in: blobs before the items that show them, parent
 * topics before children, deletions of items before the topics and blobs they used. One record
 * is in memory at a time, and a blob's bytes only while it is written, so a snapshot of any
 * size applies in the same memory.
 *
 * An item record's "important" member (content-changes.h) is how the hub published it, not
 * content: it is kept beside the item (replica_important), so an SMS responder reading this
 * replica's changes tells followers of a marked correction as one reading the hub's would.
 */
#include "content-replica.h"
#include "content-error.h"
#include "content-replica-stage.h"
#include "content-media.h"
#include "content-rule-set.h"
#include "content-store-private.h"
#include "content-validator.h"

#include <string.h>

ContentReplicaRecord *
content_replica_record_new (ContentRecordKind kind, const char *id, gint64 seq)
{
  ContentReplicaRecord *record = g_new0 (ContentReplicaRecord, 1);

  record->kind = kind;
  record->id = g_strdup (id);
  record->seq = seq;
  return record;
}

void
content_replica_record_free (ContentReplicaRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_clear_pointer (&record->record, json_node_unref);
  g_clear_pointer (&record->bytes, g_bytes_unref);
  g_free (record);
}

void
content_replica_state_free (ContentReplicaState *state)
{
  if (state == NULL)
    return;
  g_free (state->hub);
  g_free (state->manifest);
  g_free (state->issued_at);
  g_free (state->applied_at);
  g_clear_pointer (&state->trust, json_node_unref);
  g_free (state);
}

static gboolean
invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, message);
  return FALSE;
}

ContentReplicaState *
content_store_get_replica_state (ContentStore *self, GError **error)
{
  g_autoptr(ContentReplicaState) state = NULL;
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT hub, seq, manifest, issued_at, applied_at, trust FROM replica", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state = g_new0 (ContentReplicaState, 1);
      state->hub = content_store_column_dup (stmt, 0);
      state->seq = sqlite3_column_int64 (stmt, 1);
      state->manifest = content_store_column_dup (stmt, 2);
      state->issued_at = content_store_column_dup (stmt, 3);
      state->applied_at = content_store_column_dup (stmt, 4);
      state->trust = content_store_column_json (stmt, 5);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND,
                 "%s is not a replica: no content from a hub has been applied to it",
                 content_store_get_path (self));
  else
    content_store_fail (self, "reading the replica's state", error);
  sqlite3_reset (stmt);
  return g_steal_pointer (&state);
}

gboolean
content_store_lookup_replica_state (ContentStore *self, ContentReplicaState **state, GError **error)
{
  g_autoptr(GError) local = NULL;
  ContentReplicaState *found = content_store_get_replica_state (self, &local);

  if (found == NULL && !g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *state = found;
  return TRUE;
}

gboolean
content_store_set_replica_trust (ContentStore *self, JsonNode *trust, const char *issued_at, GError **error)
{
  g_autofree char *text = json_to_string (trust, FALSE);
  /* Issue times are YYYY-MM-DDTHH:MM:SSZ, ordered as text; the floor of "today" never goes back. */
  sqlite3_stmt *stmt = content_store_prepare (self,
      "UPDATE replica SET trust = ?1, issued_at = CASE WHEN ?2 > issued_at THEN ?2 ELSE issued_at END", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, text);
  content_store_bind_text (stmt, 2, issued_at);
  if (!content_store_step_done (self, stmt, "keeping what sync learned", error))
    return FALSE;
  if (sqlite3_changes (content_store_get_db (self)) > 0)
    return TRUE;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "%s is not a replica yet",
               content_store_get_path (self));
  return FALSE;
}

/* Whether @batch brings a replica at @seq whose state is @state (NULL: a new replica) forward:
 * a new replica takes any first batch, an empty site's at seq 0 included; a replica takes a
 * later seq, or a snapshot of a new history whatever its seq (its hub, restored from a backup,
 * reuses old seqs for other changes). Never a batch issued before the newest manifest it
 * trusted. */
static gboolean
is_newer (const ContentReplicaState *state, gint64 seq, const ContentReplicaBatch *batch)
{
  if (state == NULL)
    return TRUE;
  if (g_strcmp0 (batch->issued_at, state->issued_at) < 0)
    return FALSE;
  return batch->to_seq > seq || batch->new_history;
}

/* Whether @batch may be applied to a store at @seq whose replica state is @state (NULL when it
 * is not a replica). */
static gboolean
check_continuity (ContentStore *self, const ContentReplicaState *state, const ContentReplicaBatch *batch,
                  GError **error)
{
  gint64 seq;

  if (!content_store_get_seq (self, &seq, error))
    return FALSE;
  if (state == NULL && seq > 0)
    return invalid (error, "%s holds content of its own (seq %" G_GINT64_FORMAT "): a hub's "
                    "database cannot take a replica's updates; use a new file",
                    content_store_get_path (self), seq);
  if (state != NULL && g_strcmp0 (state->hub, batch->hub) != 0)
    return invalid (error, "this replica follows hub %s, not %s", state->hub, batch->hub);
  if (!is_newer (state, seq, batch))
    return invalid (error, "the update (seq %" G_GINT64_FORMAT ", issued %s) is not newer than "
                    "what this replica holds (seq %" G_GINT64_FORMAT ")",
                    batch->to_seq, batch->issued_at, seq);
  if (!batch->snapshot && batch->from_seq != seq)
    return invalid (error, "the update continues from seq %" G_GINT64_FORMAT " but this replica "
                    "is at seq %" G_GINT64_FORMAT, batch->from_seq, seq);
  return TRUE;
}

/* A snapshot replaces everything: the live content goes first (items before the topics and
 * blobs they use), except the blobs the snapshot keeps, whose bytes need not come again. */
static gboolean
clear_live (ContentStore *self, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
      "DELETE FROM items; DELETE FROM topics; DELETE FROM rule_parts; DELETE FROM greetings;"
      " DELETE FROM media WHERE sha256 NOT IN (SELECT id FROM temp.replica_stage WHERE kind = %d"
      " AND record IS NOT NULL); DELETE FROM tombstones", CONTENT_RECORD_MEDIA);

  return content_store_exec (self, sql, error);
}

/* Takes the member "important" out of @record (how the hub published the item, not content:
 * the validator knows only content) and sets *@important to whether it was true. FALSE, with a
 * problem, when it is anything but a boolean. */
static gboolean
take_important_mark (ContentValidation *v, JsonNode *record, gboolean *important)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (record) ? json_node_get_object (record) : NULL;
  JsonNode *mark = obj != NULL ? json_object_get_member (obj, "important") : NULL;

  *important = FALSE;
  if (mark == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (mark) || json_node_get_value_type (mark) != G_TYPE_BOOLEAN)
    {
      content_validation_add (v, "important", "must be true or false");
      return FALSE;
    }
  *important = json_node_get_boolean (mark);
  json_object_remove_member (obj, "important");
  return TRUE;
}

/* Keeps (or, unless @important, drops) the important mark of item @id's record at @seq, so that
 * the changes an SMS responder reads from this replica say it as the hub's did
 * (content-changes.c; schema 6). */
static gboolean
keep_important_mark (ContentStore *self, const char *id, gint64 seq, gboolean important, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, important
      ? "INSERT INTO replica_important (item_id, seq) VALUES (?1, ?2) "
        "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq"
      : "DELETE FROM replica_important WHERE item_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  if (important)
    sqlite3_bind_int64 (stmt, 2, seq);
  return content_store_step_done (self, stmt, "keeping an item's important mark", error);
}

static gboolean
put_item (ContentStore *self, const ContentReplicaRecord *r, GPtrArray *problems, GError **error)
{
  ContentValidation v = { "update", "item", r->id, problems };
  g_autoptr(ContentItem) item = NULL;
  gboolean important;

  if (!take_important_mark (&v, r->record, &important)
      || (item = content_validator_item (&v, r->record, -1)) == NULL)
    return FALSE;
  if (!g_str_equal (item->id, r->id))
    {
      content_validation_add (&v, "id", "is “%s” but the update names it “%s”", item->id, r->id);
      return FALSE;
    }
  return content_store_put_item (self, item, r->seq, error)
         && keep_important_mark (self, item->id, r->seq, important, error);
}

static gboolean
put_topic (ContentStore *self, const ContentReplicaRecord *r, GPtrArray *problems, GError **error)
{
  ContentValidation v = { "update", "topic", r->id, problems };
  g_autoptr(ContentTopic) topic = content_validator_topic (&v, r->record);

  if (topic == NULL)
    return FALSE;
  topic->position = r->position;
  return content_store_put_topic (self, topic, r->seq, error);
}

static gboolean
put_rule_part (ContentStore *self, const ContentReplicaRecord *r, GError **error)
{
  g_autoptr(ContentRulePart) part = content_rule_part_new (r->kind - CONTENT_RECORD_QUESTION, r->id, r->record);

  part->position = r->position;
  return content_store_put_rule_part (self, part, r->seq, error);
}

/* Gives the blob @sha256 the store holds the seq @seq; *@found says whether it holds it. */
static gboolean
restamp_media (ContentStore *self, const char *sha256, gint64 seq, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "UPDATE media SET seq = ?2 WHERE sha256 = ?1", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (!content_store_step_done (self, stmt, "keeping a blob", error))
    return FALSE;
  *found = sqlite3_changes (content_store_get_db (self)) > 0;
  return TRUE;
}

/* Where the bytes of the blobs a store lacks come from. */
typedef struct {
  ContentReplicaBlobFunc func;
  gpointer user_data;
} BlobSource;

static gboolean
put_media (ContentStore *self, const ContentReplicaRecord *r, const BlobSource *source, GError **error)
{
  /* Limits are the hub's business: a blob it published is shown whatever its size. */
  ContentMediaLimits unlimited = { G_MAXUINT64, G_MAXUINT64 };
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ContentMedia) media = NULL;
  gboolean found;

  if (!restamp_media (self, r->id, r->seq, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  if ((bytes = source->func (r->id, json_node_get_int (r->record), source->user_data, error)) == NULL)
    return FALSE;
  if ((media = content_media_new (bytes, &unlimited, &local)) == NULL)
    return invalid (error, "media %s: %s", r->id, local->message);
  if (!g_str_equal (media->sha256, r->id))
    return invalid (error, "media %s: its bytes hash to %s", r->id, media->sha256);
  return content_store_put_media_blob (self, media, r->seq, error);
}

static gboolean
put_greeting (ContentStore *self, const ContentReplicaRecord *r, GError **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (r->record) ? json_node_get_object (r->record) : NULL;
  const char *sha256 = content_validator_member_string (obj, "sha256");

  if (sha256 == NULL || !content_media_is_sha256 (sha256))
    return invalid (error, "greeting %s: sha256: must be the sha256 of a blob", r->id);
  return content_store_put_greeting (self, r->id, sha256, r->seq, error);
}

static gboolean
apply_record (ContentStore *self, const ContentReplicaRecord *r, const BlobSource *source,
              GPtrArray *problems, GError **error)
{
  gboolean found;

  /* A staged record is a tombstone when it has no record (a blob's is its size). */
  if (r->record == NULL)
    return content_store_delete_live (self, r->kind, r->id, r->seq, &found, error);
  switch (r->kind)
    {
    case CONTENT_RECORD_ITEM:
      return put_item (self, r, problems, error);
    case CONTENT_RECORD_TOPIC:
      return put_topic (self, r, problems, error);
    case CONTENT_RECORD_MEDIA:
      return put_media (self, r, source, error);
    case CONTENT_RECORD_GREETING:
      return put_greeting (self, r, error);
    default:
      return put_rule_part (self, r, error);
    }
}

/* The rule set after the batch, checked whole, as an import's would be. */
static gboolean
check_rules (ContentStore *self, GError **error)
{
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (self, error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (rules == NULL)
    return FALSE;
  if (content_rule_set_validate (rules, problems))
    return TRUE;
  return invalid (error, "the rules after this update do not hold together: %s",
                  (const char *) g_ptr_array_index (problems, 0));
}

/* A new history's snapshot may stand below the seq of the history it replaces: the store's
 * counter is set to the snapshot's, so the next delta of the new history continues from it. */
static gboolean
reset_seq (ContentStore *self, gint64 seq, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "UPDATE counter SET value = ?1 WHERE name = 'seq'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return content_store_step_done (self, stmt, "starting the seq of a new history", error);
}

static gboolean
record_state (ContentStore *self, const ContentReplicaBatch *batch, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *applied_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt = content_store_prepare (self,
      "INSERT INTO replica (singleton, hub, seq, manifest, issued_at, applied_at) "
      "VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (singleton) DO UPDATE SET hub = excluded.hub, "
      "seq = excluded.seq, manifest = excluded.manifest, issued_at = excluded.issued_at, "
      "applied_at = excluded.applied_at", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, batch->hub);
  sqlite3_bind_int64 (stmt, 2, batch->to_seq);
  content_store_bind_text (stmt, 3, batch->manifest);
  content_store_bind_text (stmt, 4, batch->issued_at);
  content_store_bind_text (stmt, 5, applied_at);
  return content_store_step_done (self, stmt, "recording the replica's state", error)
         && (batch->new_history ? reset_seq (self, batch->to_seq, error)
                                : content_store_advance_seq (self, batch->to_seq, error))
         && (batch->trust == NULL || content_store_set_replica_trust (self, batch->trust, batch->issued_at, error));
}

/* Checks the batch's own shape before anything is written (each record's seq was checked
 * when it was staged). */
static gboolean
check_batch (const ContentReplicaBatch *batch, GError **error)
{
  if (batch->hub == NULL || batch->manifest == NULL || batch->issued_at == NULL)
    return invalid (error, "an update must name its hub, manifest and issue time");
  if (batch->new_history && !batch->snapshot)
    return invalid (error, "a new history comes whole, as a snapshot");
  return TRUE;
}

/* One apply: where it writes, where blobs come from, what it reports. */
typedef struct {
  ContentStore *store;
  BlobSource source;
  ContentStoreProgressFunc progress;
  gpointer user_data;
  GPtrArray *problems;
  guint done;
  guint total;
} Apply;

static gboolean
apply_staged (const ContentReplicaRecord *r, gpointer user_data, GError **error)
{
  Apply *a = user_data;

  if (!apply_record (a->store, r, &a->source, a->problems, error))
    return FALSE;
  if (a->progress != NULL)
    a->progress (++a->done, a->total, a->user_data);
  return TRUE;
}

static gboolean
apply_batch (Apply *a, ContentReplicaStage *stage, GError **error)
{
  ContentStore *self = a->store;
  const ContentReplicaBatch *batch = content_replica_stage_get_batch (stage);
  g_autoptr(ContentReplicaState) state = NULL;

  /* Foreign keys are checked at commit, not record by record: a batch in seq order can hold a
   * child topic before a parent that changed after it. */
  if (!content_store_lookup_replica_state (self, &state, error)
      || !content_store_exec (self, "PRAGMA defer_foreign_keys = ON", error)
      || !check_continuity (self, state, batch, error) || (batch->snapshot && !clear_live (self, error))
      || !content_store_begin_search_batch (self, error)  /* a snapshot is many items */
      || !content_replica_stage_foreach (stage, apply_staged, a, &a->total, error))
    return FALSE;
  return check_rules (self, error) && record_state (self, batch, error);
}

/* The page cache of an apply, in KiB: the store's own (32 MiB, for an import's search index)
 * would let a kiosk's memory grow with the update up to that much, and applying a snapshot is
 * no faster with it (bench-sync: 1.1 s for 10,000 items either way). */
#define APPLY_CACHE_KIB 8192

/* Sets the page cache to @kib KiB (negative: SQLite's form) and puts the size it had in *@old. */
static gboolean
swap_cache_size (ContentStore *self, gint64 kib, gint64 *old, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "PRAGMA cache_size", error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, kib);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return content_store_fail (self, "reading the page cache's size", error);
    }
  *old = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return content_store_exec (self, sql, error);
}

gboolean
content_store_apply_replica (ContentStore              *self,
                             ContentReplicaStage       *stage,
                             ContentReplicaBlobFunc     blob,
                             gpointer                   blob_data,
                             ContentStoreProgressFunc   progress,
                             gpointer                   user_data,
                             GError                   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  Apply a = { self, { blob, blob_data }, progress, user_data, problems, 0, 0 };
  gint64 cache = 0;
  gboolean ok;

  g_return_val_if_fail (CONTENT_IS_STORE (self), FALSE);
  if (!check_batch (content_replica_stage_get_batch (stage), error)
      || !content_replica_stage_seal (stage, error) || !swap_cache_size (self, -APPLY_CACHE_KIB, &cache, error))
    return FALSE;
  ok = content_store_begin (self, &local) && apply_batch (&a, stage, &local) && problems->len == 0
       && content_store_commit (self, &local);
  if (!ok)
    content_store_rollback (self);
  /* Only a size: setting it cannot fail on an open connection. */
  swap_cache_size (self, cache, &cache, NULL);
  if (ok)
    return TRUE;
  if (problems->len > 0)
    return invalid (error, "the update was refused, nothing changed: %s",
                    (const char *) g_ptr_array_index (problems, 0));
  g_propagate_prefixed_error (error, g_steal_pointer (&local), "the update was refused, nothing changed: ");
  return FALSE;
}

char *
content_store_today (ContentStore *self, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autoptr(ContentReplicaState) state = NULL;

  /* A store that is not a replica goes by its clock alone; one that cannot be read has no day. */
  if (!content_store_lookup_replica_state (self, &state, error))
    return NULL;
  /* Issue times are YYYY-MM-DDT...: their first ten characters are a date, in text order. */
  if (state != NULL && strlen (state->issued_at) >= 10 && strncmp (state->issued_at, today, 10) > 0)
    return g_strndup (state->issued_at, 10);
  return g_steal_pointer (&today);
}

static const char *const channel_names[] = { "kiosk", "sms", "hub" };

const char *
content_channel_to_string (ContentChannel channel)
{
  g_return_val_if_fail (channel < G_N_ELEMENTS (channel_names), NULL);
  return channel_names[channel];
}

/* Adds one to today's count of (@what, @lang, @channel) in @sql's table. */
static gboolean
count_today (ContentStore *self, const char *sql, const char *what, const char *lang, ContentChannel channel,
             const char *doing, GError **error)
{
  g_autofree char *today = content_store_today (self, error);
  sqlite3_stmt *stmt = today != NULL ? content_store_prepare (self, sql, error) : NULL;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, what);
  content_store_bind_text (stmt, 2, today);
  content_store_bind_text (stmt, 3, lang);
  content_store_bind_text (stmt, 4, content_channel_to_string (channel));
  return content_store_step_done (self, stmt, doing, error);
}

/* The rows of @sql (what, day, lang, channel, count; from day ?1) as a JSON array of objects
 * whose first member is named @what_name. */
static JsonNode *
list_counts (ContentStore *self, const char *sql, const char *what_name, const char *since,
             const char *doing, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);
  const char *const names[] = { what_name, "day", "lang", "channel" };
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, since);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      for (int c = 0; c < 4; c++)
        {
          json_builder_set_member_name (b, names[c]);
          json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, c));
        }
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 4));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, doing, error);
      return NULL;
    }
  return json_builder_get_root (b);
}

gboolean
content_store_count_usage (ContentStore *self, const char *item_id, const char *lang,
                           ContentChannel channel, GError **error)
{
  return count_today (self, "INSERT INTO usage (item_id, day, lang, channel, count) VALUES (?1, ?2, ?3, ?4, 1) "
                      "ON CONFLICT DO UPDATE SET count = count + 1",
                      item_id, lang, channel, "counting usage", error);
}

JsonNode *
content_store_list_usage (ContentStore *self, const char *since, GError **error)
{
  return list_counts (self, "SELECT item_id, day, lang, channel, count FROM usage WHERE day >= coalesce (?1, '') "
                      "ORDER BY day, item_id, lang, channel", "item", since, "listing usage", error);
}

gboolean
content_store_count_miss (ContentStore *self, const char *query, const char *lang,
                          ContentChannel channel, GError **error)
{
  g_return_val_if_fail (query != NULL && *query != '\0', FALSE);
  return count_today (self, "INSERT INTO misses (query, day, lang, channel, count) VALUES (?1, ?2, ?3, ?4, 1) "
                      "ON CONFLICT DO UPDATE SET count = count + 1",
                      query, lang, channel, "counting a search that found nothing", error);
}

JsonNode *
content_store_list_misses (ContentStore *self, const char *since, GError **error)
{
  return list_counts (self, "SELECT query, day, lang, channel, count FROM misses WHERE day >= coalesce (?1, '') "
                      "ORDER BY day, query, lang, channel", "query", since,
                      "listing searches that found nothing", error);
}
