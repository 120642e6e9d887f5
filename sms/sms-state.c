/* sms-state.c: per-number memory of the responder, in SQLite tables beside gammu's.
 *
 * The state sits in the same database as gammu's inbox and outbox so that taking a message,
 * updating a number's session and queueing its reply is one transaction: a crash leaves either
 * nothing done or everything done. The simulator keeps the same tables in its own file (or in
 * memory), so what it shows is what the daemon would do.
 *
 * Times are the responder's own clock (seconds), never gammu's ReceivingDateTime, which is the
 * phone's clock and can be anything.
 */
#include "sms-state.h"
#include "sms-error.h"

#include "content-statements.h"

#include <string.h>

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS banlang_numbers ("
  "  number TEXT PRIMARY KEY, lang TEXT, policy TEXT, stopped INTEGER NOT NULL DEFAULT 0,"
  "  menu TEXT, menu_at INTEGER NOT NULL DEFAULT 0, more TEXT, more_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS banlang_received ("
  "  number TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS banlang_received_number ON banlang_received (number, at);"
  "CREATE TABLE IF NOT EXISTS banlang_replies ("
  "  number TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS banlang_replies_number ON banlang_replies (number, at);";

/* Columns added to banlang_numbers after its first release: a database made by an older
 * responder gets them when it is opened. */
static const char *const added_columns[] = {
  "more_grace INTEGER NOT NULL DEFAULT 0", "more_parts INTEGER NOT NULL DEFAULT 0", "last_item TEXT", "last_at INTEGER NOT NULL DEFAULT 0",
  "screening TEXT", "screening_at INTEGER NOT NULL DEFAULT 0",
};

/* Rows older than this are of no use to any limit and are pruned as new ones arrive. */
#define KEEP_SECONDS (2 * 24 * 3600)

struct _SmsState {
  sqlite3 *db;
  ContentStatements *statements;
};

static sqlite3_stmt *
prepare (SmsState *self, const char *sql)
{
  return content_statements_prepare (self->statements, sql);
}

void
sms_number_state_free (SmsNumberState *state)
{
  if (state == NULL)
    return;
  g_free (state->number);
  g_free (state->lang);
  g_free (state->policy);
  g_free (state->menu);
  g_free (state->more);
  g_free (state->last_item);
  g_free (state->screening);
  g_free (state);
}

static gboolean
fail (sqlite3 *db, const char *what, GError **error)
{
  return sms_error_set_from_db (error, db, what);
}

/* TRUE when banlang_numbers has the column @definition starts with. */
static gboolean
has_column (sqlite3 *db, const char *definition)
{
  g_autofree char *name = g_strndup (definition, strcspn (definition, " "));
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('banlang_numbers') WHERE name = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
add_columns (sqlite3 *db, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (added_columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE banlang_numbers ADD COLUMN %s", added_columns[i]);
      if (!has_column (db, added_columns[i]) && sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail (db, "adding a column to the responder's tables", error);
    }
  return TRUE;
}

SmsState *
sms_state_new (sqlite3 *db, GError **error)
{
  SmsState *self;

  if (sqlite3_exec (db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (db, "creating the responder's tables", error);
      return NULL;
    }
  if (!add_columns (db, error))
    return NULL;
  self = g_new0 (SmsState, 1);
  self->db = db;
  self->statements = content_statements_new (db);
  return self;
}

void
sms_state_free (SmsState *self)
{
  if (self == NULL)
    return;
  content_statements_free (self->statements);
  g_free (self);
}

static void
bind_text (sqlite3_stmt *stmt, int col, const char *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, col, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

SmsNumberState *
sms_state_get (SmsState *self, const char *number, GError **error)
{
  g_autoptr(SmsNumberState) state = g_new0 (SmsNumberState, 1);
  sqlite3_stmt *stmt = prepare (self, "SELECT lang, policy, stopped, menu, menu_at, more, more_at, more_grace, more_parts, "
                                      "last_item, last_at, screening, screening_at "
                                      "FROM banlang_numbers WHERE number = ?1");
  int rc;

  state->number = g_strdup (number);
  if (stmt == NULL)
    {
      fail (self->db, "reading a number's state", error);
      return NULL;
    }
  bind_text (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->lang = column_dup (stmt, 0);
      state->policy = column_dup (stmt, 1);
      state->stopped = sqlite3_column_int (stmt, 2);
      state->menu = column_dup (stmt, 3);
      state->menu_at = sqlite3_column_int64 (stmt, 4);
      state->more = column_dup (stmt, 5);
      state->more_at = sqlite3_column_int64 (stmt, 6);
      state->more_grace = sqlite3_column_int (stmt, 7);
      state->more_parts = sqlite3_column_int (stmt, 8);
      state->last_item = column_dup (stmt, 9);
      state->last_at = sqlite3_column_int64 (stmt, 10);
      state->screening = column_dup (stmt, 11);
      state->screening_at = sqlite3_column_int64 (stmt, 12);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail (self->db, "reading a number's state", error);
      return NULL;
    }
  return g_steal_pointer (&state);
}

gboolean
sms_state_put (SmsState *self, const SmsNumberState *state, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "INSERT OR REPLACE INTO banlang_numbers "
                                      "(number, lang, policy, stopped, menu, menu_at, more, more_at, "
                                      " more_grace, more_parts, last_item, last_at, screening, screening_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  int rc;

  if (stmt == NULL)
    return fail (self->db, "writing a number's state", error);
  bind_text (stmt, 1, state->number);
  bind_text (stmt, 2, state->lang);
  bind_text (stmt, 3, state->policy);
  sqlite3_bind_int (stmt, 4, state->stopped);
  bind_text (stmt, 5, state->menu);
  sqlite3_bind_int64 (stmt, 6, state->menu_at);
  bind_text (stmt, 7, state->more);
  sqlite3_bind_int64 (stmt, 8, state->more_at);
  sqlite3_bind_int (stmt, 9, state->more_grace);
  sqlite3_bind_int (stmt, 10, state->more_parts);
  bind_text (stmt, 11, state->last_item);
  sqlite3_bind_int64 (stmt, 12, state->last_at);
  bind_text (stmt, 13, state->screening);
  sqlite3_bind_int64 (stmt, 14, state->screening_at);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self->db, "writing a number's state", error);
  return TRUE;
}

/* Runs @sql with (number, text, at) bound; for the small writes below. */
static gboolean
run3 (SmsState *self, const char *sql, const char *number, const char *text, gint64 at, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, sql);
  int rc;

  if (stmt == NULL)
    return fail (self->db, sql, error);
  bind_text (stmt, 1, number);
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, at);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self->db, sql, error);
  return TRUE;
}

gboolean
sms_state_note_received (SmsState *self, const char *number, const char *text, gint64 now,
                         gint64 window, gint64 *last_same, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT max (at) FROM banlang_received WHERE number = ?1 AND text = ?2 "
                                      "AND at >= ?3 AND at <= ?4");

  if (stmt == NULL)
    return fail (self->db, "checking for duplicates", error);
  bind_text (stmt, 1, number);
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, now - window);
  sqlite3_bind_int64 (stmt, 4, now);
  *last_same = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
               ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return run3 (self, "DELETE FROM banlang_received WHERE number = ?1 AND ?2 IS NOT NULL AND at < ?3",
               number, text, now - KEEP_SECONDS, error)
         && run3 (self, "INSERT INTO banlang_received (number, text, at) VALUES (?1, ?2, ?3)",
                  number, text, now, error);
}

gboolean
sms_state_log_reply (SmsState *self, const char *number, const char *kind, const char *text,
                     gint64 now, GError **error)
{
  const char *sql = g_str_equal (kind, "notice")
                    ? "INSERT INTO banlang_replies (number, kind, text, at) VALUES (?1, 'notice', ?2, ?3)"
                    : "INSERT INTO banlang_replies (number, kind, text, at) VALUES (?1, 'reply', ?2, ?3)";

  return run3 (self, "DELETE FROM banlang_replies WHERE number = ?1 AND ?2 IS NOT NULL AND at < ?3",
               number, text, now - KEEP_SECONDS, error)
         && run3 (self, sql, number, text, now, error);
}

gint64
sms_state_count_replies (SmsState *self, const char *number, const char *kind, const char *text,
                         gint64 since)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT count (*) FROM banlang_replies WHERE number = ?1 "
                                      "AND kind = ?2 AND at >= ?3 AND (?4 IS NULL OR text = ?4)");
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, number);
  bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, since);
  bind_text (stmt, 4, text);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
