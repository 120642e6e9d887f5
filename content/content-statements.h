/* content-statements.h: SQLite statements prepared once per connection and reused. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _ContentStatements ContentStatements;

/* A cache of statements on @db (borrowed; it must outlive the cache). */
ContentStatements *content_statements_new (sqlite3 *db);

/* Finalizes every statement; call before closing the connection. */
void content_statements_free (ContentStatements *self);

/* The statement for @sql, prepared on first use, reset and unbound on every later one. @sql must
 * outlive the cache (callers pass string literals). NULL when SQLite cannot prepare it; the
 * reason is sqlite3_errmsg() of the connection. */
sqlite3_stmt *content_statements_prepare (ContentStatements *self, const char *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentStatements, content_statements_free)

G_END_DECLS
