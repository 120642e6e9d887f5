/* sms-sql.h: one connection to the responder's tables, on SQLite or on PostgreSQL. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _SmsSql SmsSql;

/* A connection over @db or @conn (borrowed: it must outlive the SmsSql). On PostgreSQL it claims
 * its shard (sms_sql_get_shard()) for as long as @conn lives, and fails when it cannot. */
SmsSql *sms_sql_new_sqlite (sqlite3 *db);
SmsSql *sms_sql_new_pg (PGconn *conn, GError **error);
void sms_sql_free (SmsSql *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsSql, sms_sql_free)

/* The SQLite connection, or NULL on PostgreSQL. */
sqlite3 *sms_sql_get_sqlite (SmsSql *self);

/* Runs @script (several statements, no parameters). */
gboolean sms_sql_exec (SmsSql *self, const char *script, const char *what, GError **error);

/* Starts a transaction that will write: BEGIN IMMEDIATE on SQLite (the write lock taken at once,
 * so no other writer comes between), BEGIN on PostgreSQL (rows and advisory locks guard there). */
gboolean sms_sql_begin (SmsSql *self, const char *what, GError **error);

/* Ends the transaction: commits when @ok (the work in it succeeded), else rolls back, as also
 * when the commit fails. Returns whether it committed; @error is set only by the commit. */
gboolean sms_sql_end (SmsSql *self, gboolean ok, const char *what, GError **error);

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

/* A small number telling this connection from the others writing the same database at the same
 * time: 0 on SQLite (one writer at a time); on PostgreSQL the lowest no other live connection
 * holds, claimed as it connects. Counters kept per shard never make two workers wait on one row,
 * so never deadlock on two. */
guint sms_sql_get_shard (SmsSql *self);

/* On SQLite, replaces @table, made before @column existed, by one made with @create (its CREATE
 * TABLE, which has @column), copying the columns @copied (a list both have), in one transaction:
 * for a change that adding a column cannot make (a new key). The table's indexes go with the old
 * one: create them after. Does nothing when @table already has @column or does not exist, nor
 * ever on PostgreSQL, whose tables came with every such column (and where a renamed table keeps
 * the names of its indexes and identity, which the new one would need). */
gboolean sms_sql_rebuild (SmsSql *self, const char *table, const char *column, const char *create,
                          const char *copied, GError **error);

G_END_DECLS
