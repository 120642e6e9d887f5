/* content-statements.c: prepared statements kept per connection.
 *
 * Preparing parses and plans SQL every time; the content store and the SMS responder run the same
 * few statements for every search and every message, so each is prepared once (marked
 * persistent) and only reset between uses. Keys borrow the SQL text: callers pass literals.
 */
#include "content-statements.h"

struct _ContentStatements {
  sqlite3 *db;
  GHashTable *table;  /* SQL text → sqlite3_stmt */
};

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

ContentStatements *
content_statements_new (sqlite3 *db)
{
  ContentStatements *self = g_new0 (ContentStatements, 1);

  self->db = db;
  self->table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
  return self;
}

void
content_statements_free (ContentStatements *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->table);
  g_free (self);
}

sqlite3_stmt *
content_statements_prepare (ContentStatements *self, const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->table, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;
  g_hash_table_insert (self->table, (gpointer) sql, stmt);
  return stmt;
}
