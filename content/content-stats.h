/* content-stats.h: what the store holds, counted. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-store.h"

G_BEGIN_DECLS

/* Counts as a JSON object: {"items": N, "topics": N, "seq": N,
 *  "kinds": {kind: N}, "statuses": {status: N}, "languages": {lang: items with text in it}}.
 * Kinds and statuses are listed even when zero. */
JsonNode *content_store_stats (ContentStore *self, GError **error);

G_END_DECLS
