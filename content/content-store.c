/* content-store.c: the content database.
 *
 * content.db is SQLite in WAL mode (readers never wait for the officer's import), with foreign
 * keys on and a busy timeout. Its schema version is PRAGMA user_version and its application_id
 * marks it as ours, so a database written by a newer banlang, or some other SQLite file, is
 * refused instead of misread. Migrations are SQL files compiled in as resources and applied in
 * order, each in its own transaction.
 *
 * Every change runs in one IMMEDIATE transaction (content-drafts.c for officers' changes,
 * content-replica.c for a replica's), each topic, item and rule part taking the next value of
 * the seq counter, so a reader sees the old content or the new and a replica can ask for
 * "everything after seq N". This file holds the live tables: writing a record, reading it back.
 */
#include "config.h"

#include "content-store-private.h"
#include "content-error.h"
#include "content-fold.h"
#include "content-language.h"
#include "content-resources.h"
#include "content-rule-set.h"
#include "content-statements.h"

#include <gio/gio.h>

/* Items whose search documents are indexed together in a batch. */
#define SEARCH_BATCH 256

/* Entries kept in content_store_get_cache() before it starts again. */
#define CACHE_MAX 50000

/* "BanL": marks the file as a Bản Làng content database. */
#define CONTENT_APPLICATION_ID 0x42616e4c

struct _ContentStore {
  GObject parent_instance;
  char *path;
  sqlite3 *db;
  ContentStatements *statements;
  GHashTable *cache;       /* see content_store_get_cache() */
  gint64 cache_seq;        /* the seq the cache was filled at */
  gboolean search_batch;   /* see content_store_begin_search_batch() */
  guint search_waiting;    /* items whose documents wait to be indexed */
};

G_DEFINE_FINAL_TYPE (ContentStore, content_store, G_TYPE_OBJECT)

static void
content_store_finalize (GObject *object)
{
  ContentStore *self = CONTENT_STORE (object);

  g_clear_pointer (&self->statements, content_statements_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (content_store_parent_class)->finalize (object);
}

static void
content_store_class_init (ContentStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = content_store_finalize;
}

static void
content_store_init (ContentStore *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GHashTable *
content_store_get_cache (ContentStore *self)
{
  gint64 seq = -1;

  /* Emptied when the content changes, and when it grows past a bound: queries are what people
   * type, and a stream of odd words must not grow the process without end. A counter that
   * cannot be read empties it too (and leaves it marked stale): nothing old is served. */
  if (!content_store_get_seq (self, &seq, NULL) || seq != self->cache_seq
      || g_hash_table_size (self->cache) > CACHE_MAX)
    {
      g_hash_table_remove_all (self->cache);
      self->cache_seq = seq;
    }
  return self->cache;
}

sqlite3 *
content_store_get_db (ContentStore *self)
{
  return self->db;
}

const char *
content_store_get_path (ContentStore *self)
{
  return self->path;
}

gboolean
content_store_fail (ContentStore *self, const char *what, GError **error)
{
  int code = sqlite3_extended_errcode (self->db);

  g_set_error (error, CONTENT_ERROR,
               (code & 0xff) == SQLITE_NOTADB ? CONTENT_ERROR_NOT_CONTENT_DB : CONTENT_ERROR_DATABASE,
               "%s: %s: %s", self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
content_store_prepare (ContentStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);

  if (stmt == NULL)
    content_store_fail (self, "preparing a query", error);
  return stmt;
}

gboolean
content_store_exec (ContentStore *self, const char *sql, GError **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return content_store_fail (self, sql, error);
  return TRUE;
}

static gboolean
pragma_int (ContentStore *self, const char *pragma, gint64 *value, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return content_store_fail (self, sql, error);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return content_store_fail (self, sql, error);
  return TRUE;
}

static gboolean
migrate_to (ContentStore *self, int version, GError **error)
{
  g_autofree char *name = g_strdup_printf ("/org/banlang/content/schema/%03d.sql", version);
  g_autofree char *stamp = NULL;
  g_autoptr(GBytes) sql = g_resource_lookup_data (content_get_resource (), name, 0, NULL);

  /* Compiled in: a missing migration is a broken build. */
  if (sql == NULL)
    g_error ("content schema migration %s is missing from the build", name);
  stamp = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                           version, CONTENT_APPLICATION_ID);
  if (!content_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!content_store_exec (self, g_bytes_get_data (sql, NULL), error)
      || (version == 3 && !content_store_first_revisions (self, error))
      || !content_store_exec (self, stamp, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return content_store_exec (self, "COMMIT", error);
}

/* Refuses a file that is not ours before anything is written to it: another program's SQLite
 * file, and an empty one (0 bytes, or SQLite with no tables: a failed copy, a touch, a full
 * disk) unless @flags ask to create a store. A reader must never answer villagers from a store
 * it has just made from nothing. */
static gboolean
check_identity (ContentStore *self, ContentStoreOpenFlags flags, GError **error)
{
  gint64 app_id, tables;

  if (!pragma_int (self, "application_id", &app_id, error))
    return FALSE;
  if (app_id != 0 && app_id != CONTENT_APPLICATION_ID)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB,
                   "%s: not a Bản Làng content database (application id %" G_GINT64_FORMAT ")",
                   self->path, app_id);
      return FALSE;
    }
  if (app_id != 0)
    return TRUE;
  /* schema_version counts schema changes: non-zero means someone else's tables. */
  if (!pragma_int (self, "schema_version", &tables, error))
    return FALSE;
  if (tables != 0)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB,
                   "%s: not a Bản Làng content database", self->path);
      return FALSE;
    }
  if (!(flags & CONTENT_STORE_OPEN_CREATE) || (flags & CONTENT_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB,
                   "%s: an empty file, not a content database (create one with: banlang init --db %s)",
                   self->path, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Brings the schema up to date, refusing one from a newer banlang. */
static gboolean
check_schema (ContentStore *self, ContentStoreOpenFlags flags, GError **error)
{
  gint64 version;

  if (!pragma_int (self, "user_version", &version, error))
    return FALSE;
  if (version > CONTENT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_SCHEMA_TOO_NEW,
                   "%s: schema version %" G_GINT64_FORMAT " is newer than this banlang "
                   "understands (%d); install a newer banlang",
                   self->path, version, CONTENT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < CONTENT_STORE_SCHEMA_VERSION && (flags & CONTENT_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_SCHEMA_TOO_NEW,
                   "%s: schema version %" G_GINT64_FORMAT " is older than %d and the "
                   "database is open read-only; open it once for writing to upgrade it",
                   self->path, version, CONTENT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  for (int v = (int) version + 1; v <= CONTENT_STORE_SCHEMA_VERSION; v++)
    if (!migrate_to (self, v, error))
      return FALSE;
  return TRUE;
}

ContentStore *
content_store_open (const char *path, ContentStoreOpenFlags flags, GError **error)
{
  g_autoptr(ContentStore) self = NULL;
  int open_flags = SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);
  if (!(flags & CONTENT_STORE_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND,
                   "%s: no content database there (create one with: banlang init --db %s)",
                   path, path);
      return NULL;
    }
  self = g_object_new (CONTENT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (flags & CONTENT_STORE_OPEN_READ_ONLY)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | (flags & CONTENT_STORE_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2 (path, &self->db, open_flags, NULL) != SQLITE_OK)
    {
      content_store_fail (self, "opening", error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  self->statements = content_statements_new (self->db);
  sqlite3_busy_timeout (self->db, 5000);
  if (content_tokenizer_register (self->db) != SQLITE_OK
      || content_collation_register (self->db) != SQLITE_OK)
    {
      content_store_fail (self, "registering the tokenizer and collation", error);
      return NULL;
    }
  if (!content_store_exec (self, "PRAGMA foreign_keys = ON", error)
      || !check_identity (self, flags, error))
    return NULL;
  if (!(flags & CONTENT_STORE_OPEN_READ_ONLY)
      && !content_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                /* FTS5 merges index segments while importing: keep them in memory. */
                " PRAGMA cache_size = -32768", error))
    return NULL;
  if (!check_schema (self, flags, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
content_store_get_seq (ContentStore *self, gint64 *seq, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT value FROM counter WHERE name = 'seq'", error);
  gboolean ok;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
  if (ok)
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  else
    content_store_fail (self, "reading the change counter", error);
  sqlite3_reset (stmt);  /* a statement left open would pin a read snapshot */
  return ok;
}

gboolean
content_store_begin (ContentStore *self, GError **error)
{
  return content_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
content_store_commit (ContentStore *self, GError **error)
{
  if (!content_store_flush_search (self, error))
    return FALSE;
  self->search_batch = FALSE;
  return content_store_exec (self, "COMMIT", error);
}

void
content_store_rollback (ContentStore *self)
{
  self->search_batch = FALSE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
content_store_next_seq (ContentStore *self, gint64 *seq, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "UPDATE counter SET value = value + 1 WHERE name = 'seq' RETURNING value", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return content_store_fail (self, "advancing seq", error);
  *seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_step (stmt);  /* runs the statement to completion */
  return TRUE;
}

gboolean
content_store_advance_seq (ContentStore *self, gint64 seq, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "UPDATE counter SET value = max (value, ?1) WHERE name = 'seq'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return content_store_step_done (self, stmt, "advancing seq", error);
}

gboolean
content_store_stamp (ContentStore *self, gint64 seq, gint64 *out, GError **error)
{
  if (seq == 0)
    return content_store_next_seq (self, out, error);
  *out = seq;
  return content_store_advance_seq (self, seq, error);
}

gboolean
content_store_step_done (ContentStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return content_store_fail (self, what, error);
  return TRUE;
}

void
content_store_bind_text (sqlite3_stmt *stmt, int col, const char *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, col, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

gboolean
content_store_clear_tombstone (ContentStore *self, const char *what, const char *id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "DELETE FROM tombstones WHERE what = ?1 AND id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, what);
  content_store_bind_text (stmt, 2, id);
  return content_store_step_done (self, stmt, "clearing a tombstone", error);
}

gboolean
content_store_put_topic (ContentStore *self, ContentTopic *topic, gint64 seq, GError **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer lang, name;
  g_autofree char *what = g_strdup_printf ("writing topic %s", topic->id);

  if (!content_store_stamp (self, seq, &topic->seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO topics (id, parent_id, position, icon, sms_code, seq, pictogram) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET "
      "parent_id = excluded.parent_id, position = excluded.position, icon = excluded.icon, "
      "sms_code = excluded.sms_code, seq = excluded.seq, pictogram = excluded.pictogram", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, topic->id);
  content_store_bind_text (stmt, 2, topic->parent_id);
  sqlite3_bind_int (stmt, 3, topic->position);
  content_store_bind_text (stmt, 4, topic->icon != NULL ? topic->icon : "");
  content_store_bind_text (stmt, 5, topic->sms_code);
  sqlite3_bind_int64 (stmt, 6, topic->seq);
  content_store_bind_text (stmt, 7, topic->pictogram);
  if (!content_store_step_done (self, stmt, what, error))
    return FALSE;

  stmt = content_store_prepare (self, "DELETE FROM topic_names WHERE topic_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, topic->id);
  if (!content_store_step_done (self, stmt, what, error))
    return FALSE;
  g_hash_table_iter_init (&iter, topic->names);
  while (g_hash_table_iter_next (&iter, &lang, &name))
    {
      stmt = content_store_prepare (self,
          "INSERT INTO topic_names (topic_id, lang, name) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      content_store_bind_text (stmt, 1, topic->id);
      content_store_bind_text (stmt, 2, lang);
      content_store_bind_text (stmt, 3, name);
      if (!content_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return content_store_clear_tombstone (self, "topic", topic->id, error);
}

static char *
node_to_text (JsonNode *node, const char *empty)
{
  if (node == NULL)
    return g_strdup (empty);
  return json_to_string (node, FALSE);
}

static char *
strv_to_json (char **values)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* The words search should find an item by beyond its text: the extra keywords of this
 * language, the SMS code, and a law's number ("52/2014/QH13"). */
static char *
search_keywords (const ContentItem *item, const ContentText *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *number = content_item_get_detail (item, "number");

  for (gsize i = 0; text->keywords[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", text->keywords[i]);
  if (item->sms_code != NULL)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", item->sms_code);
  if (number != NULL)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", number);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
content_store_begin_search_batch (ContentStore *self, GError **error)
{
  if (!content_store_exec (self,
          "CREATE TEMP TABLE IF NOT EXISTS search_pending "
          "(item_id TEXT, lang TEXT, title TEXT, summary TEXT, body TEXT, keywords TEXT);"
          "CREATE INDEX IF NOT EXISTS temp.search_pending_item ON search_pending (item_id);"
          "CREATE TEMP TABLE IF NOT EXISTS search_replaced (item_id TEXT PRIMARY KEY)", error))
    return FALSE;
  self->search_batch = TRUE;
  self->search_waiting = 0;
  return TRUE;
}

/* Old documents of the items written first (each a 'delete' of FTS5's), then the new ones. */
gboolean
content_store_flush_search (ContentStore *self, GError **error)
{
  static const char *const sql[] = {
    "DELETE FROM search_docs WHERE item_id IN (SELECT item_id FROM temp.search_replaced)",
    /* One statement on two lines: the parentheses tell clang the joined literals are meant. */
    ("INSERT INTO search_docs (item_id, lang, title, summary, body, keywords) "
     "SELECT item_id, lang, title, summary, body, keywords FROM temp.search_pending ORDER BY rowid"),
    "DELETE FROM temp.search_replaced",
    "DELETE FROM temp.search_pending",
  };

  for (gsize i = 0; self->search_batch && i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = content_store_prepare (self, sql[i], error);
      if (stmt == NULL || !content_store_step_done (self, stmt, "indexing for search", error))
        return FALSE;
    }
  self->search_waiting = 0;
  return TRUE;
}

static gboolean
put_search_doc (ContentStore *self, const ContentItem *item, const ContentText *text, GError **error)
{
  g_autofree char *body = content_text_body_plain (text);
  g_autofree char *keywords = search_keywords (item, text);
  sqlite3_stmt *stmt = content_store_prepare (self, self->search_batch
      ? "INSERT INTO temp.search_pending (item_id, lang, title, summary, body, keywords) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      : "INSERT INTO search_docs (item_id, lang, title, summary, body, keywords) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, item->id);
  content_store_bind_text (stmt, 2, text->lang);
  content_store_bind_text (stmt, 3, text->title);
  content_store_bind_text (stmt, 4, text->summary ? text->summary : "");
  content_store_bind_text (stmt, 5, body);
  content_store_bind_text (stmt, 6, keywords);
  return content_store_step_done (self, stmt, "indexing for search", error);
}

static gboolean
put_text (ContentStore *self, const ContentItem *item, const ContentText *text, GError **error)
{
  g_autofree char *keywords = strv_to_json (text->keywords);
  sqlite3_stmt *stmt = content_store_prepare (self,
      "INSERT INTO item_texts (item_id, lang, title, summary, body, sms, keywords) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, item->id);
  content_store_bind_text (stmt, 2, text->lang);
  content_store_bind_text (stmt, 3, text->title);
  content_store_bind_text (stmt, 4, text->summary);
  content_store_bind_text (stmt, 5, text->body);
  content_store_bind_text (stmt, 6, text->sms);
  content_store_bind_text (stmt, 7, keywords);
  return content_store_step_done (self, stmt, "writing a text", error) && put_search_doc (self, item, text, error);
}

/* Runs @sql, a statement with @id as its one parameter. */
static gboolean
run_for_id (ContentStore *self, const char *sql, const char *id, const char *what, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  return content_store_step_done (self, stmt, what, error);
}

/* Removes what hangs off an item (texts, topics, media, search documents) before it is written
 * anew. In a search batch, its documents go when the batch is indexed. */
static gboolean
clear_item_parts (ContentStore *self, const char *id, GError **error)
{
  static const char *const sql[] = {
    "DELETE FROM item_texts WHERE item_id = ?1",
    "DELETE FROM item_topics WHERE item_id = ?1",
    "DELETE FROM item_media WHERE item_id = ?1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!run_for_id (self, sql[i], id, "replacing an item", error))
      return FALSE;
  if (!self->search_batch)
    return run_for_id (self, "DELETE FROM search_docs WHERE item_id = ?1", id, "replacing an item", error);
  return run_for_id (self, "DELETE FROM temp.search_pending WHERE item_id = ?1", id, "replacing an item", error)
         && run_for_id (self, "INSERT OR IGNORE INTO temp.search_replaced (item_id) VALUES (?1)", id,
                        "replacing an item", error);
}

gboolean
content_store_put_item (ContentStore *self, ContentItem *item, gint64 seq, GError **error)
{
  g_autofree char *sources = node_to_text (item->sources, "[]");
  g_autofree char *details = node_to_text (item->details, "{}");
  g_autofree char *media = node_to_text (item->media, "[]");
  g_autofree char *what = g_strdup_printf ("writing item %s", item->id);
  sqlite3_stmt *stmt;

  if (!content_store_stamp (self, seq, &item->seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO items (id, kind, status, sms_code, reviewed_on, reviewed_by, sources, details, seq, media) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET "
      "kind = excluded.kind, status = excluded.status, sms_code = excluded.sms_code, "
      "reviewed_on = excluded.reviewed_on, reviewed_by = excluded.reviewed_by, "
      "sources = excluded.sources, details = excluded.details, seq = excluded.seq, "
      "media = excluded.media", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, item->id);
  content_store_bind_text (stmt, 2, content_kind_to_string (item->kind));
  content_store_bind_text (stmt, 3, content_status_to_string (item->status));
  content_store_bind_text (stmt, 4, item->sms_code);
  content_store_bind_text (stmt, 5, item->reviewed_on);
  content_store_bind_text (stmt, 6, item->reviewed_by);
  content_store_bind_text (stmt, 7, sources);
  content_store_bind_text (stmt, 8, details);
  sqlite3_bind_int64 (stmt, 9, item->seq);
  content_store_bind_text (stmt, 10, media);
  if (!content_store_step_done (self, stmt, what, error) || !clear_item_parts (self, item->id, error))
    return FALSE;
  for (guint i = 0; i < item->texts->len; i++)
    if (!put_text (self, item, g_ptr_array_index (item->texts, i), error))
      return FALSE;
  for (gsize i = 0; item->topics[i] != NULL; i++)
    {
      stmt = content_store_prepare (self,
          "INSERT INTO item_topics (item_id, topic_id, position) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      content_store_bind_text (stmt, 1, item->id);
      content_store_bind_text (stmt, 2, item->topics[i]);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!content_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  if (!content_store_put_item_media (self, item, error)
      || !content_store_clear_tombstone (self, "item", item->id, error))
    return FALSE;
  return !self->search_batch || ++self->search_waiting < SEARCH_BATCH || content_store_flush_search (self, error);
}

gboolean
content_store_put_rule_part (ContentStore *self, ContentRulePart *part, gint64 seq, GError **error)
{
  g_autofree char *definition = node_to_text (part->definition, "{}");
  g_autofree char *what = g_strdup_printf ("writing %s %s", content_rule_kind_to_string (part->kind), part->id);
  sqlite3_stmt *stmt;

  if (!content_store_stamp (self, seq, &seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO rule_parts (kind, id, position, definition, seq) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (kind, id) DO UPDATE SET position = excluded.position, "
      "definition = excluded.definition, seq = excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, content_rule_kind_to_string (part->kind));
  content_store_bind_text (stmt, 2, part->id);
  sqlite3_bind_int (stmt, 3, part->position);
  content_store_bind_text (stmt, 4, definition);
  sqlite3_bind_int64 (stmt, 5, seq);
  return content_store_step_done (self, stmt, what, error)
         && content_store_clear_tombstone (self, content_rule_kind_to_string (part->kind), part->id, error);
}

char *
content_store_column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

JsonNode *
content_store_column_json (sqlite3_stmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return json_from_string (text != NULL ? text : "null", NULL);
}

static char **
json_to_strv (JsonNode *node)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (b, json_array_get_string_element (array, i));
    }
  return g_strv_builder_end (b);
}

/* Position of @lang in the registry, so texts come out in the same order every time. */
static guint
language_rank (const char *lang)
{
  const GPtrArray *list = content_language_list ();

  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((const ContentLanguage *) g_ptr_array_index (list, i))->code, lang))
      return i;
  return G_MAXUINT;
}

static gint
compare_texts (gconstpointer a, gconstpointer b)
{
  const ContentText *ta = *(const ContentText *const *) a;
  const ContentText *tb = *(const ContentText *const *) b;
  guint ra = language_rank (ta->lang), rb = language_rank (tb->lang);

  return ra != rb ? (ra < rb ? -1 : 1) : g_strcmp0 (ta->lang, tb->lang);
}

static gboolean
load_texts (ContentStore *self, ContentItem *item, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT lang, title, summary, body, sms, keywords FROM item_texts WHERE item_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, item->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentText *text = content_text_new ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(JsonNode) keywords = content_store_column_json (stmt, 5);

      text->title = content_store_column_dup (stmt, 1);
      text->summary = content_store_column_dup (stmt, 2);
      text->body = content_store_column_dup (stmt, 3);
      text->sms = content_store_column_dup (stmt, 4);
      g_strfreev (text->keywords);
      text->keywords = json_to_strv (keywords);
      g_ptr_array_add (item->texts, text);
    }
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "reading texts", error);
  g_ptr_array_sort (item->texts, compare_texts);
  return TRUE;
}

static gboolean
load_topics (ContentStore *self, ContentItem *item, GError **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT topic_id FROM item_topics WHERE item_id = ?1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, item->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "reading an item's topics", error);
  g_strfreev (item->topics);
  item->topics = g_strv_builder_end (b);
  return TRUE;
}

ContentItem *
content_store_get_item (ContentStore *self, const char *id, GError **error)
{
  g_autoptr(ContentItem) item = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CONTENT_IS_STORE (self), NULL);
  stmt = content_store_prepare (self,
      "SELECT kind, status, sms_code, reviewed_on, reviewed_by, sources, details, seq, "
      "nullif (media, '[]') FROM items WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no item with id “%s”", id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      content_store_fail (self, "reading an item", error);
      return NULL;
    }
  item = content_item_new ();
  item->id = g_strdup (id);
  content_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &item->kind);
  content_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &item->status);
  item->sms_code = content_store_column_dup (stmt, 2);
  item->reviewed_on = content_store_column_dup (stmt, 3);
  item->reviewed_by = content_store_column_dup (stmt, 4);
  item->sources = content_store_column_json (stmt, 5);
  item->details = content_store_column_json (stmt, 6);
  item->seq = sqlite3_column_int64 (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    item->media = content_store_column_json (stmt, 8);
  sqlite3_reset (stmt);
  if (!load_texts (self, item, error) || !load_topics (self, item, error))
    return NULL;
  return g_steal_pointer (&item);
}

GPtrArray *
content_store_list_item_ids (ContentStore *self, GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT id FROM items ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, content_store_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing items", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The first column of every row @stmt (with its parameters bound) gives, as strings. */
static GPtrArray *
collect_ids (ContentStore *self, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, content_store_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, doing, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GPtrArray *
content_store_list_topic_items (ContentStore *self, const char *topic_id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT i.id FROM item_topics it JOIN items i ON i.id = it.item_id "
      "JOIN item_texts t ON t.item_id = i.id AND t.lang = 'vi' "
      "WHERE it.topic_id = ?1 AND i.status = 'published' ORDER BY t.title COLLATE vi", error);

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, topic_id);
  return collect_ids (self, stmt, "listing a topic's items", error);
}

GPtrArray *
content_store_list_kind (ContentStore *self, ContentKind kind, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT i.id FROM items i JOIN item_texts t ON t.item_id = i.id AND t.lang = 'vi' "
      "WHERE i.kind = ?1 AND i.status = 'published' ORDER BY t.title COLLATE vi", error);

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, content_kind_to_string (kind));
  return collect_ids (self, stmt, "listing items of a kind", error);
}

GPtrArray *
content_store_list_products_with_stars (ContentStore *self, int stars, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT i.id FROM items i JOIN item_texts t ON t.item_id = i.id AND t.lang = 'vi' "
      "WHERE i.kind = 'product' AND i.status = 'published' AND i.details ->> 'stars' >= ?1 "
      "ORDER BY i.details ->> 'stars' DESC, t.title COLLATE vi", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, stars);
  return collect_ids (self, stmt, "listing products by stars", error);
}

GPtrArray *
content_store_list_current_notices (ContentStore *self, const char *today, guint limit, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT id FROM items WHERE kind = 'notice' AND status = 'published' "
      "AND details ->> 'valid_from' <= ?1 "
      "AND coalesce (details ->> 'valid_to', ?1) >= ?1 "
      "ORDER BY details ->> 'valid_from' DESC, id LIMIT ?2", error);

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, today);
  /* SQLite reads a negative LIMIT as none. */
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (sqlite3_int64) limit : -1);
  return collect_ids (self, stmt, "listing current notices", error);
}

GPtrArray *
content_store_list_guides_of (ContentStore *self, const char *law_id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT i.id FROM items i JOIN item_texts t ON t.item_id = i.id AND t.lang = 'vi' "
      "WHERE i.kind = 'guide' AND i.status = 'published' "
      "AND EXISTS (SELECT 1 FROM json_each (i.details, '$.laws') WHERE value = ?1) "
      "ORDER BY t.title COLLATE vi", error);

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, law_id);
  return collect_ids (self, stmt, "listing the guides of a law", error);
}

static gboolean
load_topic_names (ContentStore *self, ContentTopic *topic, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT lang, name FROM topic_names WHERE topic_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, topic->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (topic->names, content_store_column_dup (stmt, 0), content_store_column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "reading topic names", error);
  return TRUE;
}

GPtrArray *
content_store_list_topics (ContentStore *self, GError **error)
{
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func ((GDestroyNotify) content_topic_free);
  /* Depth first, so every parent comes before its children and siblings keep their order. */
  sqlite3_stmt *stmt = content_store_prepare (self,
      "WITH RECURSIVE tree (id, path) AS ("
      "  SELECT id, printf ('%08d', position) FROM topics WHERE parent_id IS NULL"
      "  UNION ALL"
      "  SELECT t.id, tree.path || '/' || printf ('%08d', t.position)"
      "  FROM topics t JOIN tree ON t.parent_id = tree.id) "
      "SELECT t.id, t.parent_id, t.position, t.icon, t.sms_code, t.seq, t.pictogram "
      "FROM tree JOIN topics t ON t.id = tree.id ORDER BY tree.path", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentTopic *topic = content_topic_new ();
      topic->id = content_store_column_dup (stmt, 0);
      topic->parent_id = content_store_column_dup (stmt, 1);
      topic->position = sqlite3_column_int (stmt, 2);
      topic->icon = content_store_column_dup (stmt, 3);
      topic->sms_code = content_store_column_dup (stmt, 4);
      topic->seq = sqlite3_column_int64 (stmt, 5);
      topic->pictogram = content_store_column_dup (stmt, 6);
      g_ptr_array_add (topics, topic);
    }
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing topics", error);
      return NULL;
    }
  for (guint i = 0; i < topics->len; i++)
    if (!load_topic_names (self, g_ptr_array_index (topics, i), error))
      return NULL;
  return g_steal_pointer (&topics);
}

ContentTopic *
content_store_get_topic (ContentStore *self, const char *id, GError **error)
{
  g_autoptr(ContentTopic) topic = NULL;
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT parent_id, position, icon, sms_code, seq, pictogram FROM topics WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no topic with id “%s”", id);
  else if (rc != SQLITE_ROW)
    content_store_fail (self, "reading a topic", error);
  if (rc != SQLITE_ROW)
    return NULL;
  topic = content_topic_new ();
  topic->id = g_strdup (id);
  topic->parent_id = content_store_column_dup (stmt, 0);
  topic->position = sqlite3_column_int (stmt, 1);
  topic->icon = content_store_column_dup (stmt, 2);
  topic->sms_code = content_store_column_dup (stmt, 3);
  topic->seq = sqlite3_column_int64 (stmt, 4);
  topic->pictogram = content_store_column_dup (stmt, 5);
  sqlite3_reset (stmt);
  if (!load_topic_names (self, topic, error))
    return NULL;
  return g_steal_pointer (&topic);
}

static JsonNode *
get_rule_part_record (ContentStore *self, ContentRecordKind kind, const char *id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT definition FROM rule_parts WHERE kind = ?1 AND id = ?2", error);
  JsonNode *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (kind));
  content_store_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = content_store_column_json (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no %s with id “%s”",
                 content_record_kind_to_string (kind), id);
  else
    content_store_fail (self, "reading a rule part", error);
  sqlite3_reset (stmt);
  return record;
}

JsonNode *
content_store_get_live_record (ContentStore *self, ContentRecordKind kind, const char *id, GError **error)
{
  if (kind == CONTENT_RECORD_ITEM)
    {
      g_autoptr(ContentItem) item = content_store_get_item (self, id, error);
      return item != NULL ? content_item_to_json (item) : NULL;
    }
  if (kind == CONTENT_RECORD_TOPIC)
    {
      g_autoptr(ContentTopic) topic = content_store_get_topic (self, id, error);
      return topic != NULL ? content_topic_to_json (topic) : NULL;
    }
  g_return_val_if_fail (content_record_kind_is_versioned (kind), NULL);
  return get_rule_part_record (self, kind, id, error);
}

/* The statement that removes a live record of each kind, by id. */
static const char *
delete_sql (ContentRecordKind kind)
{
  switch (kind)
    {
    case CONTENT_RECORD_ITEM:
      return "DELETE FROM items WHERE id = ?2";
    case CONTENT_RECORD_TOPIC:
      return "DELETE FROM topics WHERE id = ?2";
    case CONTENT_RECORD_MEDIA:
      return "DELETE FROM media WHERE sha256 = ?2";
    case CONTENT_RECORD_GREETING:
      return "DELETE FROM greetings WHERE lang = ?2";
    default:
      return "DELETE FROM rule_parts WHERE kind = ?1 AND id = ?2";
    }
}

gboolean
content_store_delete_live (ContentStore *self, ContentRecordKind kind, const char *id,
                           gint64 seq, gboolean *found, GError **error)
{
  const char *what = content_record_kind_to_string (kind);
  g_autofree char *doing = g_strdup_printf ("deleting %s %s", what, id);
  sqlite3_stmt *stmt = content_store_prepare (self, delete_sql (kind), error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, what);
  content_store_bind_text (stmt, 2, id);
  if (!content_store_step_done (self, stmt, doing, error))
    return FALSE;
  *found = sqlite3_changes (self->db) > 0;
  if (!*found)
    return TRUE;
  if (!content_store_stamp (self, seq, &seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO tombstones (what, id, seq) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (what, id) DO UPDATE SET seq = excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, what);
  content_store_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, seq);
  return content_store_step_done (self, stmt, doing, error);
}

/* Steps @stmt (its parameters bound) to its first row: TRUE there, for the caller to read and
 * reset; else FALSE, with CONTENT_ERROR_NOT_FOUND and @missing when there is no row, or the
 * database's own error, so that callers never take a failure for an absence. */
static gboolean
step_to_row (ContentStore *self, sqlite3_stmt *stmt, const char *missing, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "%s", missing);
  else
    content_store_fail (self, missing, error);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
content_store_find_sms_code (ContentStore *self, const char *code, char **what, char **id, GError **error)
{
  g_autofree char *missing = g_strdup_printf ("no item or topic has the SMS code “%s”", code);
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT 'item', id FROM items WHERE sms_code = ?1 "
      "UNION ALL SELECT 'topic', id FROM topics WHERE sms_code = ?1 LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, code);
  if (!step_to_row (self, stmt, missing, error))
    return FALSE;
  *what = content_store_column_dup (stmt, 0);
  *id = content_store_column_dup (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
content_store_list_sms_codes (ContentStore *self, GError **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT sms_code FROM items WHERE status = 'published' AND sms_code IS NOT NULL "
      "UNION SELECT sms_code FROM topics ORDER BY 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, content_store_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing SMS codes", error);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

static gboolean
row_exists (ContentStore *self, const char *sql, const char *id, const char *missing, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  if (!step_to_row (self, stmt, missing, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
content_store_has_item (ContentStore *self, const char *id, GError **error)
{
  g_autofree char *missing = g_strdup_printf ("no item with id “%s”", id);

  return row_exists (self, "SELECT 1 FROM items WHERE id = ?1", id, missing, error);
}

gboolean
content_store_has_topic (ContentStore *self, const char *id, GError **error)
{
  g_autofree char *missing = g_strdup_printf ("no topic with id “%s”", id);

  return row_exists (self, "SELECT 1 FROM topics WHERE id = ?1", id, missing, error);
}

char *
content_store_find_item_code (ContentStore *self, const char *word, GError **error)
{
  g_autofree char *missing = g_strdup_printf ("no published item has the id, SMS code or number “%s”", word);
  /* A document number has a '/', which ids and SMS codes never have: one indexed query each. */
  sqlite3_stmt *stmt = content_store_prepare (self, strchr (word, '/') != NULL
      ? "SELECT id FROM items WHERE kind = 'law' AND status = 'published' "
        "AND json_extract (details, '$.number') = ?1 LIMIT 1"
      : "SELECT id FROM items WHERE status = 'published' AND (id = ?1 OR sms_code = ?1) LIMIT 1", error);
  char *id;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, word);
  if (!step_to_row (self, stmt, missing, error))
    return NULL;
  id = content_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
content_store_get_item_kind (ContentStore *self, const char *id, ContentKind *kind, GError **error)
{
  g_autofree char *missing = g_strdup_printf ("no item with id “%s”", id);
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT kind FROM items WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  if (!step_to_row (self, stmt, missing, error))
    return FALSE;
  /* The schema's CHECK allows only the kinds there are. */
  content_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), kind);
  sqlite3_reset (stmt);
  return TRUE;
}
