/* sms-sql.c: the responder's tables on SQLite or on PostgreSQL, through one small set of calls.
 *
 * The responder keeps per-number state beside gammu's queue so that taking a message, updating
 * the number and queueing the reply is one transaction. gammu's queue lives in SQLite (one modem,
 * the embedded default) or in PostgreSQL (several modems and workers): the state follows it. The
 * statements are written once, in the SQL both databases speak, with parameters "$1".."$N" used
 * in order (SQLite gives "$N" the index of its first appearance, so the numbers agree) and every
 * value passed as text (SQLite's column affinity and PostgreSQL's inference type it).
 */
#include "sms-sql.h"
#include "sms-error.h"

#include "content-statements.h"

#include <string.h>

/* The first key of the session locks by which PostgreSQL connections claim their shards; the
 * shard is the second. Locks keyed by two integers never meet those keyed by one (a number's,
 * a round's: sms_sql_try_lock()). */
#define SHARD_LOCK "banlang-sms shard"

struct _SmsSql {
  sqlite3 *db;                    /* one of these two */
  PGconn *conn;
  ContentStatements *statements;  /* SQLite's, prepared once */
  guint shard;                    /* sms_sql_get_shard() */
};

SmsSql *
sms_sql_new_sqlite (sqlite3 *db)
{
  SmsSql *self = g_new0 (SmsSql, 1);

  self->db = db;
  self->statements = content_statements_new (db);
  return self;
}

/* Claims the lowest shard no other connection holds, by a lock held as long as the connection:
 * a worker killed frees its shard when its connection drops. */
static gboolean
claim_shard (SmsSql *self, GError **error)
{
  for (self->shard = 0;; self->shard++)
    {
      g_autofree char *shard = g_strdup_printf ("%u", self->shard);
      const char *params[] = { SHARD_LOCK, shard };
      g_autoptr(GPtrArray) rows = sms_sql_query (self, "SELECT pg_try_advisory_lock (hashtext ($1), CAST ($2 AS INTEGER))",
                                                 G_N_ELEMENTS (params), params, "claiming a shard", error);

      if (rows == NULL)
        return FALSE;
      if (g_strcmp0 (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), "t") == 0)
        return TRUE;
    }
}

SmsSql *
sms_sql_new_pg (PGconn *conn, GError **error)
{
  g_autoptr(SmsSql) self = g_new0 (SmsSql, 1);

  self->conn = conn;
  if (!claim_shard (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
sms_sql_free (SmsSql *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, content_statements_free);
  g_free (self);
}

sqlite3 *
sms_sql_get_sqlite (SmsSql *self)
{
  return self->db;
}

/* PostgreSQL's SQLSTATE classes worth waiting out: a deadlock or serialization failure (40),
 * too many connections or a full disk (53), the server going away (57P, 08). */
static gboolean
pg_temporary (const char *state)
{
  return state == NULL || g_str_has_prefix (state, "40") || g_str_has_prefix (state, "53")
         || g_str_has_prefix (state, "57P") || g_str_has_prefix (state, "08");
}

static gboolean
pg_fail (SmsSql *self, PGresult *result, const char *what, GError **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (self->conn)));

  g_set_error (error, SMS_ERROR,
               PQstatus (self->conn) != CONNECTION_OK || pg_temporary (state) ? SMS_ERROR_TEMPORARY : SMS_ERROR_DATABASE,
               "%s: %s", what, message);
  return FALSE;
}

gboolean
sms_sql_fail (SmsSql *self, const char *what, GError **error)
{
  return self->db != NULL ? sms_error_set_from_db (error, self->db, what) : pg_fail (self, NULL, what, error);
}

gboolean
sms_sql_exec (SmsSql *self, const char *script, const char *what, GError **error)
{
  PGresult *result;
  gboolean ok;

  if (self->db != NULL)
    return sqlite3_exec (self->db, script, NULL, NULL, NULL) == SQLITE_OK || sms_error_set_from_db (error, self->db, what);
  result = PQexec (self->conn, script);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK
       || pg_fail (self, result, what, error);
  PQclear (result);
  return ok;
}

static GPtrArray *
sqlite_query (SmsSql *self, const char *sql, guint n_params, const char *const *params, const char *what,
              GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  int rc;

  if (stmt == NULL)
    {
      sms_error_set_from_db (error, self->db, what);
      return NULL;
    }
  for (guint i = 0; i < n_params && (int) i < sqlite3_bind_parameter_count (stmt); i++)
    if (params[i] != NULL)
      sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_ptr_array_add (row, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sms_error_set_from_db (error, self->db, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The highest "$N" @sql uses: PostgreSQL refuses a parameter the statement does not use, where
 * SQLite ignores it. */
static guint
params_used (const char *sql)
{
  guint n = 0;

  for (const char *p = strchr (sql, '$'); p != NULL; p = strchr (p + 1, '$'))
    if (g_ascii_isdigit (p[1]))
      n = MAX (n, (guint) g_ascii_strtoull (p + 1, NULL, 10));
  return n;
}

static GPtrArray *
pg_query (SmsSql *self, const char *sql, guint n_params, const char *const *params, const char *what,
          GError **error)
{
  PGresult *result = PQexecParams (self->conn, sql, (int) MIN (n_params, params_used (sql)), NULL, params, NULL,
                                   NULL, 0);
  GPtrArray *rows = NULL;

  if (PQresultStatus (result) == PGRES_TUPLES_OK || PQresultStatus (result) == PGRES_COMMAND_OK)
    {
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      for (int r = 0; r < PQntuples (result); r++)
        {
          GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
          for (int c = 0; c < PQnfields (result); c++)
            g_ptr_array_add (row, PQgetisnull (result, r, c) ? NULL : g_strdup (PQgetvalue (result, r, c)));
          g_ptr_array_add (rows, row);
        }
    }
  else
    pg_fail (self, result, what, error);
  PQclear (result);
  return rows;
}

GPtrArray *
sms_sql_query (SmsSql *self, const char *sql, guint n_params, const char *const *params, const char *what,
               GError **error)
{
  return self->db != NULL ? sqlite_query (self, sql, n_params, params, what, error)
                          : pg_query (self, sql, n_params, params, what, error);
}

gboolean
sms_sql_run (SmsSql *self, const char *sql, guint n_params, const char *const *params, const char *what,
             GError **error)
{
  g_autoptr(GPtrArray) rows = sms_sql_query (self, sql, n_params, params, what, error);

  return rows != NULL;
}

gboolean
sms_sql_has_column (SmsSql *self, const char *table, const char *column)
{
  const char *params[] = { table, column };
  const char *sql = self->db != NULL
                    ? "SELECT 1 FROM pragma_table_info ($1) WHERE name = $2"
                    : "SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2";
  g_autoptr(GPtrArray) rows = sms_sql_query (self, sql, 2, params, "reading the schema", NULL);

  return rows != NULL && rows->len > 0;
}

gboolean
sms_sql_try_lock (SmsSql *self, const char *name, gboolean *got, GError **error)
{
  const char *params[] = { name };
  g_autoptr(GPtrArray) rows = NULL;

  *got = TRUE;
  if (self->db != NULL)
    return TRUE;
  if ((rows = sms_sql_query (self, "SELECT pg_try_advisory_xact_lock (hashtext ($1))", 1, params,
                             "taking a lock", error)) == NULL)
    return FALSE;
  *got = g_strcmp0 (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), "t") == 0;
  return TRUE;
}

guint
sms_sql_get_shard (SmsSql *self)
{
  return self->shard;
}

gboolean
sms_sql_begin (SmsSql *self, const char *what, GError **error)
{
  /* SQLite: the write lock at once, which the busy timeout waits for; a transaction that read
   * first and then writes could only fail (SQLITE_BUSY) when another writer came between. */
  return sms_sql_exec (self, self->db != NULL ? "BEGIN IMMEDIATE" : "BEGIN", what, error);
}

gboolean
sms_sql_end (SmsSql *self, gboolean ok, const char *what, GError **error)
{
  if (ok && sms_sql_exec (self, "COMMIT", what, error))
    return TRUE;
  sms_sql_exec (self, "ROLLBACK", what, NULL);
  return FALSE;
}

static gboolean
table_exists (SmsSql *self, const char *table)
{
  const char *params[] = { table };
  const char *sql = self->db != NULL ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1"
                                     : "SELECT 1 FROM information_schema.tables WHERE table_name = $1";
  g_autoptr(GPtrArray) rows = sms_sql_query (self, sql, 1, params, "reading the schema", NULL);

  return rows != NULL && rows->len > 0;
}

gboolean
sms_sql_rebuild (SmsSql *self, const char *table, const char *column, const char *create, const char *copied,
                 GError **error)
{
  g_autofree char *script = NULL;

  /* Only SQLite has tables from before such a column (sms-sql.h). */
  if (self->db == NULL || !table_exists (self, table) || sms_sql_has_column (self, table, column))
    return TRUE;
  script = g_strdup_printf ("ALTER TABLE %1$s RENAME TO %1$s_old; %2$s; "
                            "INSERT INTO %1$s (%3$s) SELECT %3$s FROM %1$s_old; DROP TABLE %1$s_old",
                            table, create, copied);
  return sms_sql_begin (self, "starting to rebuild a table", error)
         && sms_sql_end (self, sms_sql_exec (self, script, "rebuilding a table", error), "finishing to rebuild a table",
                         error);
}
