/* content-store-media.c: media blobs in the content store (a first piece: an item's media rows). */
#include "content-store-private.h"

gboolean
content_store_put_item_media (ContentStore *self, const ContentItem *item, GError **error)
{
  JsonArray *list;

  if (item->media == NULL || !JSON_NODE_HOLDS_ARRAY (item->media))
    return TRUE;
  list = json_node_get_array (item->media);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *m = json_array_get_object_element (list, i);
      sqlite3_stmt *stmt = content_store_prepare (self,
          "INSERT INTO item_media (item_id, position, sha256) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      content_store_bind_text (stmt, 1, item->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      content_store_bind_text (stmt, 3, json_object_get_string_member_with_default (m, "sha256", NULL));
      if (!content_store_step_done (self, stmt, "writing an item's media", error))
        return FALSE;
    }
  return TRUE;
}
