/* sms-sql.h: one connection to the responder's tables, on SQLite or on PostgreSQL. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _SmsSql SmsSql;

/* A connection over @db or @conn (borrowed: it must outlive the SmsSql). */
SmsSql *sms_sql_new_sqlite (sqlite3 *db);
SmsSql *sms_sql_new_pg (PGconn *conn);
void sms_sql_free (SmsSql *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsSql, sms_sql_free)

/* The SQLite connection, or NULL on PostgreSQL. */
sqlite3 *sms_sql_get_sqlite (SmsSql *self);

/* Runs @script (several statements, no parameters). */
gboolean sms_sql_exec (SmsSql *self, const char *script, const char *what, GError **error);

/* Runs @sql, a literal written in the SQL both speak, with the texts @params (NULL binds NULL) as
 * $1..$@n_params, each used in order of first appearance (SQLite numbers "$N" that way); those
 * after the last @sql uses are ignored. Returns
 * the rows, each a GPtrArray of its column texts (NULL for a NULL), or NULL when the database
 * failed, saying @what was being done (sms_sql_fail()). */
GPtrArray *sms_sql_query (SmsSql *self, const char *sql, guint n_params, const char *const *params,
                          const char *what, GError **error);

/* sms_sql_query() for a statement whose rows do not matter. */
gboolean sms_sql_run (SmsSql *self, const char *sql, guint n_params, const char *const *params,
                      const char *what, GError **error);

/* Sets @error from the last failure of @self while doing @what (a dropped connection, a
 * deadlock, busy or a full disk are SMS_ERROR_TEMPORARY). Returns FALSE. */
gboolean sms_sql_fail (SmsSql *self, const char *what, GError **error);

/* Whether @table has @column (for columns added to a table after its first release). */
gboolean sms_sql_has_column (SmsSql *self, const char *table, const char *column);

/* Takes the lock named @name until the transaction ends, without waiting: *@got says whether it
 * was taken. On PostgreSQL a transaction-scoped advisory lock on the name's hash, so that workers
 * sharing the database never run two things at once that must not (one number's messages, a
 * round of alerts); on SQLite always taken, the transaction (BEGIN IMMEDIATE) already excluding
 * every other writer. */
gboolean sms_sql_try_lock (SmsSql *self, const char *name, gboolean *got, GError **error);

/* A small number telling this connection from the others writing the same database: 0 on
 * SQLite (one writer at a time), derived from the server process on PostgreSQL. Counters kept
 * per shard never make two workers wait on one row. */
guint sms_sql_get_shard (SmsSql *self);

/* Replaces @table, made before @column existed, by one made with @create (its CREATE TABLE,
 * which has @column), copying the columns @copied (a list both have), in one transaction: for
 * a change that adding a column cannot make (a new key). The table's indexes go with the old
 * one: create them after. Does nothing when @table already has @column or does not exist. */
gboolean sms_sql_rebuild (SmsSql *self, const char *table, const char *column, const char *create,
                          const char *copied, GError **error);

G_END_DECLS
