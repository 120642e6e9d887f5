/* content-store-media.h: pictures, sounds and recorded greetings in the content store. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-item.h"
#include "content-media.h"
#include "content-store.h"

G_BEGIN_DECLS

/* The blob @sha256: NULL with CONTENT_ERROR_NOT_FOUND when the store has none, another error
 * when reading failed. */
ContentMedia *content_store_get_media (ContentStore *self, const char *sha256, GError **error);

/* Sets *@found to whether the store holds the blob @sha256 and, when it does, *@type (when
 * not NULL; free with g_free()) and *@size (when not NULL). Returns FALSE only when reading
 * failed. */
gboolean content_store_has_media (ContentStore *self, const char *sha256, gboolean *found,
                                  char **type, gint64 *size, GError **error);

/* The recorded greetings, a JSON array of {"lang", "sha256"} in the registry's language order
 * (empty when there are none); NULL when reading failed. */
JsonNode *content_store_list_greetings (ContentStore *self, GError **error);

/* Called with one blob at a time; returns FALSE (with @error) to stop. */
typedef gboolean (*ContentMediaFunc) (const ContentMedia *media, gpointer user_data, GError **error);

/* Calls @func with each blob a live item, topic or greeting uses, in sha256 order, holding one
 * blob in memory at a time. Returns FALSE when reading failed or @func returned FALSE. */
gboolean content_store_foreach_live_media (ContentStore *self, ContentMediaFunc func,
                                           gpointer user_data, GError **error);

/* @item's media (a copy of item->media) with what the store knows of each blob: its "type"
 * and "size", and for a recording whether it is "stale" (content_item_recording_is_stale()).
 * An empty array when it has none; NULL when reading failed or a blob is missing. */
JsonNode *content_store_describe_item_media (ContentStore *self, const ContentItem *item,
                                             GError **error);

/* Deletes, in one transaction, every blob nothing needs: no live item, topic or greeting, no
 * draft and no revision (any can be published or restored) refers to it. Each leaves a
 * tombstone with the next seq, so that replicas drop it too. Sets *@n_collected and
 * *@bytes_collected to how many blobs went and their size. */
gboolean content_store_collect_media (ContentStore *self, guint *n_collected,
                                      guint64 *bytes_collected, GError **error);

G_END_DECLS
