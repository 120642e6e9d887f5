/* content-listing.c: items as editors list them, live and draft, filtered and paged.
 *
 * Officers need to find what to work on among thousands of items: by kind, topic, status, and
 * which translations are missing or need review. One SQL statement answers a page, counting
 * the whole match with a window function, so a list of 10,000 items costs one query, not one per
 * item. Items never published exist only as drafts: they are listed from their draft record.
 * Needs review means the translation was made from an older Vietnamese revision than the newest
 * (the rule of content_store_list_translation_states()).
 */
#include "content-listing.h"
#include "content-search.h"
#include "content-store-private.h"

#define DEFAULT_LIMIT 50
#define SEARCH_LIMIT 500

static const char listing_sql[] =
  "WITH entries AS ("
  "  SELECT i.id, i.kind, i.status, t.title,"
  "         EXISTS (SELECT 1 FROM drafts d WHERE d.what = 'item' AND d.id = i.id) AS has_draft"
  "  FROM items i JOIN item_texts t ON t.item_id = i.id AND t.lang = 'vi'"
  "  UNION ALL"
  "  SELECT d.id, d.record ->> '$.kind', 'draft', coalesce (d.record ->> '$.texts.vi.title', d.id), 1"
  "  FROM drafts d WHERE d.what = 'item' AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = d.id)"
  "), found AS ("
  "  SELECT value AS id, key AS rank FROM json_each (?4)"
  "), reviewed AS ("
  "  SELECT e.id, (SELECT group_concat (lang) FROM item_texts WHERE item_id = e.id) AS langs,"
  "         (SELECT group_concat (tr.lang) FROM translations tr WHERE tr.item_id = e.id AND tr.vi_rev <"
  "            (SELECT r.vi_rev FROM revisions r WHERE r.what = 'item' AND r.id = e.id ORDER BY r.rev DESC LIMIT 1)"
  "         ) AS review_langs"
  "  FROM entries e"
  ")"
  "SELECT e.id, e.kind, e.status, e.title, e.has_draft, r.langs, r.review_langs, count (*) OVER () "
  "FROM entries e JOIN reviewed r ON r.id = e.id LEFT JOIN found f ON f.id = e.id "
  "WHERE (?1 IS NULL OR e.kind = ?1)"
  "  AND (?2 IS NULL OR e.status = ?2 OR (?2 = 'draft' AND e.has_draft))"
  "  AND (?3 IS NULL OR e.id IN (SELECT item_id FROM item_topics WHERE topic_id = ?3))"
  "  AND (?4 IS NULL OR f.id IS NOT NULL)"
  "  AND (?5 IS NULL OR NOT EXISTS (SELECT 1 FROM item_texts x WHERE x.item_id = e.id AND x.lang = ?5))"
  "  AND (?6 IS NULL OR (',' || r.review_langs || ',') LIKE ('%,' || ?6 || ',%'))"
  "ORDER BY f.rank, e.title COLLATE vi, e.id LIMIT ?7 OFFSET ?8";

void
content_listing_entry_free (ContentListingEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->kind);
  g_free (entry->status);
  g_free (entry->title);
  g_strfreev (entry->langs);
  g_strfreev (entry->review_langs);
  g_free (entry);
}

static char **
split_list (sqlite3_stmt *stmt, int col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? g_strsplit (text, ",", -1) : g_new0 (char *, 1);
}

/* The ids the folding search finds for @query, best first, as a JSON array. */
static char *
search_ids (ContentStore *self, const char *query, GError **error)
{
  ContentSearchOptions options = { .kind = -1, .limit = SEARCH_LIMIT, .all = TRUE, .no_snippets = TRUE };
  g_autoptr(GPtrArray) results = content_store_search (self, query, &options, error);
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  if (results == NULL)
    return NULL;
  for (guint i = 0; i < results->len; i++)
    json_array_add_string_element (ids, ((ContentSearchResult *) g_ptr_array_index (results, i))->id);
  node = json_node_init_array (json_node_alloc (), ids);
  return json_to_string (node, FALSE);
}

GPtrArray *
content_store_list_entries (ContentStore *self, const ContentListingFilter *filter, guint *total, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) content_listing_entry_free);
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (filter->query != NULL && *filter->query != '\0' && (found = search_ids (self, filter->query, error)) == NULL)
    return NULL;
  stmt = content_store_prepare (self, listing_sql, error);
  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, filter->kind);
  content_store_bind_text (stmt, 2, filter->status);
  content_store_bind_text (stmt, 3, filter->topic);
  content_store_bind_text (stmt, 4, found);
  content_store_bind_text (stmt, 5, filter->missing_lang);
  content_store_bind_text (stmt, 6, filter->review_lang);
  sqlite3_bind_int64 (stmt, 7, filter->limit != 0 ? filter->limit : DEFAULT_LIMIT);
  sqlite3_bind_int64 (stmt, 8, filter->offset);
  *total = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentListingEntry *entry = g_new0 (ContentListingEntry, 1);
      entry->id = content_store_column_dup (stmt, 0);
      entry->kind = content_store_column_dup (stmt, 1);
      entry->status = content_store_column_dup (stmt, 2);
      entry->title = content_store_column_dup (stmt, 3);
      entry->has_draft = sqlite3_column_int (stmt, 4) != 0;
      entry->langs = split_list (stmt, 5);
      entry->review_langs = split_list (stmt, 6);
      *total = (guint) sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "listing items", error), NULL;
  return g_steal_pointer (&entries);
}
