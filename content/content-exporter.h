/* content-exporter.h: writes the store out in the import format. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

/* Writes every topic (topics.json), item (<kind>/<id>.json), blob they or a greeting use
 * (media/<sha256>.<extension>) and greeting (greetings.json) of @store under @dir in the
 * format of content/FORMAT.md, so that importing @dir into an empty database gives the same
 * content. @dir must be missing or empty (stale files of deleted items would come back on the
 * next import). */
gboolean content_store_export (ContentStore *store, const char *dir, GError **error);

/* @node as pretty-printed JSON text with a final newline. Free with g_free(). */
char *content_json_pretty (JsonNode *node);

G_END_DECLS
