/* content-store-private.h: what the content library's own files share about the store. */
#pragma once

#include <sqlite3.h>

#include "content-store.h"

G_BEGIN_DECLS

sqlite3 *content_store_get_db (ContentStore *self);

/* Sets @error from the connection's last SQLite error, prefixed with @what. Returns FALSE so
 * callers can `return content_store_fail (...)`. */
gboolean content_store_fail (ContentStore *self, const char *what, GError **error);

/* A statement prepared once per connection and reset before reuse. */
sqlite3_stmt *content_store_prepare (ContentStore *self, const char *sql, GError **error);

/* A cache for derived figures (such as how many documents hold a word) that is emptied
 * whenever the content changes (seq moves, in this process or another). Keys and values are
 * strings owned by the table. */
GHashTable *content_store_get_cache (ContentStore *self);

/* Registers the folding FTS5 tokenizer "banlang" on @db (content-tokenizer.c). */
int content_tokenizer_register (sqlite3 *db);

/* Registers the ICU Vietnamese collation "vi" on @db (content-collation.c). */
int content_collation_register (sqlite3 *db);

G_END_DECLS
