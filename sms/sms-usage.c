/* sms-usage.c: what people ask by SMS, counted in smsd.db for the hub's dashboard.
 *
 * The responder opens content.db read-only (it is the officers' and sync's to write), so it
 * keeps its counts beside its other state in smsd.db: answers per item, day and language, and
 * searches that found nothing (digits masked). Counting happens in the transaction that queues
 * the reply, so a crash never counts an answer that was not sent. The counts go to the hub's
 * /usage as a kiosk's do (sync-usage.h): running totals, signed with the responder's own key,
 * numbered upwards; the hub keeps the newest figure per sender, so resending is harmless.
 */
#include "sms-usage.h"
#include "sms-error.h"

#include "content-statements.h"

/* Vietnam's clock: UTC+7, no daylight saving. */
#define VIETNAM_OFFSET (7 * 3600)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS banlang_usage ("
  "  item TEXT NOT NULL, day TEXT NOT NULL, lang TEXT NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY (item, day, lang));"
  "CREATE TABLE IF NOT EXISTS banlang_misses ("
  "  query TEXT NOT NULL, day TEXT NOT NULL, lang TEXT NOT NULL, count INTEGER NOT NULL,"
  "  PRIMARY KEY (query, day, lang));"
  "CREATE TABLE IF NOT EXISTS banlang_usage_taken (id INTEGER PRIMARY KEY CHECK (id = 1), day TEXT NOT NULL);";

struct _SmsUsage {
  sqlite3 *db;
  ContentStatements *statements;
};

static gboolean
fail (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, SMS_ERROR, SMS_ERROR_DATABASE, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

SmsUsage *
sms_usage_new (sqlite3 *db, GError **error)
{
  SmsUsage *self;

  if (sqlite3_exec (db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (db, "creating the responder's usage tables", error);
      return NULL;
    }
  self = g_new0 (SmsUsage, 1);
  self->db = db;
  self->statements = content_statements_new (db);
  return self;
}

void
sms_usage_free (SmsUsage *self)
{
  if (self == NULL)
    return;
  content_statements_free (self->statements);
  g_free (self);
}

/* Runs @sql with the three texts bound as ?1 ?2 ?3. */
static gboolean
run3 (SmsUsage *self, const char *sql, const char *a, const char *b, const char *c, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  int rc;

  if (stmt == NULL)
    return fail (self->db, "counting usage", error);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (self->db, "counting usage", error);
}

char *
sms_usage_day (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (VIETNAM_OFFSET);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%F");
}

gboolean
sms_usage_count_item (SmsUsage *self, const char *item, const char *day, const char *lang, GError **error)
{
  return run3 (self, "INSERT INTO banlang_usage (item, day, lang, count) VALUES (?1, ?2, ?3, 1) "
                     "ON CONFLICT DO UPDATE SET count = count + 1", item, day, lang, error);
}

gboolean
sms_usage_count_miss (SmsUsage *self, const char *query, const char *day, const char *lang, GError **error)
{
  g_autofree char *masked = sync_usage_mask_digits (query);

  return run3 (self, "INSERT INTO banlang_misses (query, day, lang, count) VALUES (?1, ?2, ?3, 1) "
                     "ON CONFLICT DO UPDATE SET count = count + 1", masked, day, lang, error);
}

/* Appends the rows of @sql (key, day, lang, count; ?1 the first day) to @rows as objects with
 * @key_member, channel "sms". */
static gboolean
add_rows (SmsUsage *self, const char *sql, const char *since, const char *key_member, JsonArray *rows,
          GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  int rc;

  if (stmt == NULL)
    return fail (self->db, "reading usage", error);
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      json_object_set_string_member (row, key_member, (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (row, "day", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (row, "lang", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (row, "channel", "sms");
      json_object_set_int_member (row, "count", sqlite3_column_int64 (stmt, 3));
      json_array_add_object_element (rows, row);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (self->db, "reading usage", error);
}

SyncUsageBatch *
sms_usage_batch (SmsUsage *self, gint64 number, GError **error)
{
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_new (number);
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, "SELECT day FROM banlang_usage_taken");
  g_autofree char *since = NULL;

  if (stmt == NULL)
    {
      fail (self->db, "reading usage", error);
      return NULL;
    }
  since = g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_reset (stmt);
  /* The batch's arrays are filled directly: the counts live here, not in a content store. */
  if (!add_rows (self, "SELECT item, day, lang, count FROM banlang_usage WHERE day >= ?1 ORDER BY 1, 2, 3",
                 since, "item", sync_usage_batch_get_rows (batch), error)
      || !add_rows (self, "SELECT query, day, lang, count FROM banlang_misses WHERE day >= ?1 ORDER BY 1, 2, 3",
                    since, "query", sync_usage_batch_get_misses (batch), error))
    return NULL;
  return g_steal_pointer (&batch);
}

gboolean
sms_usage_taken (SmsUsage *self, const char *day, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements,
                                                    "INSERT OR REPLACE INTO banlang_usage_taken (id, day) VALUES (1, ?1)");
  int rc;

  if (stmt == NULL)
    return fail (self->db, "recording a batch taken", error);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (self->db, "recording a batch taken", error);
}

gboolean
sms_usage_post (SmsUsage *self, SyncKey *key, const char *state_path, const char *url, gint64 now,
                GError **error)
{
  g_autofree char *day = sms_usage_day (now);
  g_autoptr(SyncUsageBatch) batch = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 number;

  if (!sync_usage_next_number (state_path, &number, error) || (batch = sms_usage_batch (self, number, error)) == NULL)
    return FALSE;
  if (json_array_get_length (sync_usage_batch_get_rows (batch)) == 0
      && json_array_get_length (sync_usage_batch_get_misses (batch)) == 0)
    return TRUE;
  sealed = sync_usage_batch_seal (batch, key);
  return sync_usage_post (sealed, url, NULL, error) && sms_usage_taken (self, day, error);
}
