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
 * $1..$@n_params, each used in order of first appearance (SQLite numbers "$N" that way). Returns
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

G_END_DECLS
