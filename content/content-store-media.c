/* content-store-media.c: pictures, sounds and recorded greetings in the content store.
 *
 * Blobs live in the media table under the SHA-256 of their bytes, in the same database as the
 * records that use them, so one transaction holds a whole update and a reader never meets an
 * item whose picture has not arrived. A blob never changes (a changed picture is another
 * blob), so writing one the store holds is nothing to do. Items list their pictures and
 * recordings in their record ("media") and as item_media rows, so the database itself refuses
 * a live item pointing at a missing blob; topics point at their pictogram, greetings at their
 * recording.
 *
 * Blobs nothing refers to are collected, but a draft or any revision still refers to the
 * blobs it had (a revision can be restored), and those are kept: they are found by looking
 * inside the records the drafts and revisions tables hold.
 */
#include "content-store-media.h"
#include "content-store-private.h"
#include "content-error.h"
#include "content-language.h"

/* The blobs live content uses. */
#define LIVE_MEDIA \
  "SELECT sha256 FROM item_media " \
  "UNION SELECT pictogram FROM topics " \
  "UNION SELECT sha256 FROM greetings"

/* The blobs anything needs: live content, drafts, and every revision. */
#define NEEDED_MEDIA LIVE_MEDIA \
  " UNION SELECT m.value ->> 'sha256' FROM drafts d, json_each (d.record, '$.media') m WHERE d.what = 'item'" \
  " UNION SELECT record ->> 'pictogram' FROM drafts WHERE what = 'topic'" \
  " UNION SELECT m.value ->> 'sha256' FROM revisions r, json_each (r.record, '$.media') m WHERE r.what = 'item'" \
  " UNION SELECT record ->> 'pictogram' FROM revisions WHERE what = 'topic'"

gboolean
content_store_has_media (ContentStore *self, const char *sha256, gboolean *found,
                         char **type, gint64 *size, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT type, size FROM media WHERE sha256 = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found && type != NULL)
    *type = content_store_column_dup (stmt, 0);
  if (*found && size != NULL)
    *size = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return content_store_fail (self, "looking for a blob", error);
  return TRUE;
}

/* The blob in the current row of @stmt: sha256, type, bytes. */
static ContentMedia *
column_media (sqlite3_stmt *stmt)
{
  g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));

  return content_media_new_checked ((const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1), bytes);
}

ContentMedia *
content_store_get_media (ContentStore *self, const char *sha256, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT sha256, type, bytes FROM media WHERE sha256 = ?1", error);
  ContentMedia *media = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    media = column_media (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no blob %s in the store", sha256);
  else
    content_store_fail (self, "reading a blob", error);
  sqlite3_reset (stmt);
  return media;
}

gboolean
content_store_put_media_blob (ContentStore *self, const ContentMedia *media, gint64 seq, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gsize len;
  gconstpointer data = g_bytes_get_data (media->bytes, &len);

  if (!content_store_has_media (self, media->sha256, &found, NULL, NULL, error))
    return FALSE;
  if (found)
    return TRUE;
  if (!content_store_stamp (self, seq, &seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO media (sha256, type, size, bytes, seq) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, media->sha256);
  content_store_bind_text (stmt, 2, media->type);
  sqlite3_bind_int64 (stmt, 3, (gint64) len);
  sqlite3_bind_blob64 (stmt, 4, data, len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, seq);
  return content_store_step_done (self, stmt, "writing a blob", error)
         && content_store_clear_tombstone (self, "media", media->sha256, error);
}

gboolean
content_store_put_media_blobs (ContentStore *self, GPtrArray *media, GError **error)
{
  for (guint i = 0; media != NULL && i < media->len; i++)
    if (!content_store_put_media_blob (self, g_ptr_array_index (media, i), 0, error))
      return FALSE;
  return TRUE;
}

gboolean
content_store_put_item_media (ContentStore *self, const ContentItem *item, GError **error)
{
  JsonArray *list;

  if (item->media == NULL)
    return TRUE;
  list = json_node_get_array (item->media);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *sha256 = json_object_get_string_member (json_array_get_object_element (list, i), "sha256");
      /* Inserted only when the blob is there, so a missing one is told apart from a failure. */
      sqlite3_stmt *stmt = content_store_prepare (self,
          "INSERT INTO item_media (item_id, position, sha256) SELECT ?1, ?2, sha256 FROM media "
          "WHERE sha256 = ?3", error);

      if (stmt == NULL)
        return FALSE;
      content_store_bind_text (stmt, 1, item->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      content_store_bind_text (stmt, 3, sha256);
      if (!content_store_step_done (self, stmt, "writing an item's media", error))
        return FALSE;
      if (sqlite3_changes (content_store_get_db (self)) == 0)
        {
          g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                       "item %s: media[%u]: the store has no blob %s", item->id, i, sha256);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
content_store_put_greeting (ContentStore *self, const char *lang, const char *sha256, gint64 seq,
                            GError **error)
{
  g_autofree char *doing = g_strdup_printf ("writing the greeting in %s", lang);
  sqlite3_stmt *stmt;

  if (!content_store_stamp (self, seq, &seq, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO greetings (lang, sha256, seq) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (lang) DO UPDATE SET sha256 = excluded.sha256, seq = excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, lang);
  content_store_bind_text (stmt, 2, sha256);
  sqlite3_bind_int64 (stmt, 3, seq);
  return content_store_step_done (self, stmt, doing, error)
         && content_store_clear_tombstone (self, "greeting", lang, error);
}

gboolean
content_store_put_greetings (ContentStore *self, JsonArray *greetings, GError **error)
{
  for (guint i = 0; greetings != NULL && i < json_array_get_length (greetings); i++)
    {
      JsonObject *g = json_array_get_object_element (greetings, i);
      if (!content_store_put_greeting (self, json_object_get_string_member (g, "lang"),
                                       json_object_get_string_member (g, "sha256"), 0, error))
        return FALSE;
    }
  return TRUE;
}

static JsonNode *
greeting_json (const char *lang, const char *sha256)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lang");
  json_builder_add_string_value (b, lang);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
content_store_list_greetings (ContentStore *self, GError **error)
{
  g_autoptr(GHashTable) by_lang = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT lang, sha256 FROM greetings", error);
  const GPtrArray *languages = content_language_list ();
  JsonArray *list = json_array_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), list);
  int rc;

  json_array_unref (list);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (by_lang, content_store_column_dup (stmt, 0), content_store_column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing greetings", error);
      return NULL;
    }
  for (guint i = 0; i < languages->len; i++)
    {
      const char *lang = ((const ContentLanguage *) g_ptr_array_index (languages, i))->code;
      const char *sha256 = g_hash_table_lookup (by_lang, lang);
      if (sha256 != NULL)
        json_array_add_element (list, greeting_json (lang, sha256));
    }
  return g_steal_pointer (&node);
}

gboolean
content_store_foreach_live_media (ContentStore *self, ContentMediaFunc func, gpointer user_data,
                                  GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT sha256, type, bytes FROM media WHERE sha256 IN (" LIVE_MEDIA ") ORDER BY sha256", error);
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ContentMedia) media = column_media (stmt);
      ok = func (media, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = content_store_fail (self, "reading blobs", error);
  /* A statement left open would pin a read snapshot. */
  sqlite3_reset (stmt);
  return ok;
}

/* A copy of @item's media entry @i with the type and size of its blob, and for a recording
 * whether it is stale. */
static JsonNode *
describe_entry (ContentStore *self, const ContentItem *item, guint i, GError **error)
{
  JsonNode *node = json_node_copy (json_array_get_element (json_node_get_array (item->media), i));
  JsonObject *entry = json_node_get_object (node);
  const char *sha256 = json_object_get_string_member (entry, "sha256");
  g_autofree char *type = NULL;
  gint64 size = 0;
  gboolean found;

  if (!content_store_has_media (self, sha256, &found, &type, &size, error) || !found)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND,
                     "item %s: media[%u]: the store has no blob %s", item->id, i, sha256);
      json_node_unref (node);
      return NULL;
    }
  json_object_set_string_member (entry, "type", type);
  json_object_set_int_member (entry, "size", size);
  if (g_strcmp0 (json_object_get_string_member (entry, "kind"), "recording") == 0)
    json_object_set_boolean_member (entry, "stale", content_item_recording_is_stale (item, entry));
  return node;
}

JsonNode *
content_store_describe_item_media (ContentStore *self, const ContentItem *item, GError **error)
{
  JsonArray *list = json_array_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), list);
  guint n = item->media != NULL ? json_array_get_length (json_node_get_array (item->media)) : 0;

  json_array_unref (list);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *entry = describe_entry (self, item, i, error);
      if (entry == NULL)
        return NULL;
      json_array_add_element (list, entry);
    }
  return g_steal_pointer (&node);
}

/* The blobs nothing needs, in sha256 order; adds their sizes to *@bytes. (NOT IN meets no
 * NULL: a topic without a pictogram would otherwise make every blob look needed.) */
static GPtrArray *
unneeded_media (ContentStore *self, guint64 *bytes, GError **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT sha256, size FROM media WHERE sha256 NOT IN "
      "(SELECT sha256 FROM (" NEEDED_MEDIA ") WHERE sha256 IS NOT NULL) ORDER BY sha256", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, content_store_column_dup (stmt, 0));
      *bytes += (guint64) sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "finding blobs nothing needs", error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

static gboolean
collect (ContentStore *self, guint *n_collected, guint64 *bytes_collected, GError **error)
{
  g_autoptr(GPtrArray) unneeded = unneeded_media (self, bytes_collected, error);

  if (unneeded == NULL)
    return FALSE;
  for (guint i = 0; i < unneeded->len; i++)
    {
      gboolean found;
      if (!content_store_delete_live (self, CONTENT_RECORD_MEDIA, g_ptr_array_index (unneeded, i),
                                      0, &found, error))
        return FALSE;
    }
  *n_collected = unneeded->len;
  return TRUE;
}

gboolean
content_store_collect_media (ContentStore *self, guint *n_collected, guint64 *bytes_collected,
                             GError **error)
{
  *n_collected = 0;
  *bytes_collected = 0;
  if (!content_store_begin (self, error))
    return FALSE;
  if (!collect (self, n_collected, bytes_collected, error) || !content_store_commit (self, error))
    {
      content_store_rollback (self);
      *n_collected = 0;
      *bytes_collected = 0;
      return FALSE;
    }
  return TRUE;
}
