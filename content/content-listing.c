/* content-listing.c: items as editors list them, live and draft, filtered and paged.
 *
 * Officers need to find what to work on among thousands of items: by kind, topic, status, and
 * which translations are missing or need review, newest change first. One SQL statement
 * answers a page, so a list of 10,000 items costs one query, not one per item. Items never
 * published exist only as drafts: they are listed from their draft record, first.
 * Needs review means the translation was made from an older Vietnamese revision than the newest
 * (the rule of content_store_list_translation_states()).
 */
#include "content-listing.h"
#include "content-search.h"
#include "content-store-private.h"

#define DEFAULT_LIMIT 50

/* The filters every list applies to an item row "i" (?1 kind, ?2 status, ?3 topic, ?5 no text
 * in, ?6 needs review in). */
#define ITEM_FILTERS \
  " (?1 IS NULL OR i.kind = ?1)" \
  " AND (?2 IS NULL OR i.status = ?2" \
  "      OR (?2 = 'draft' AND EXISTS (SELECT 1 FROM drafts d WHERE d.what = 'item' AND d.id = i.id)))" \
  " AND (?3 IS NULL OR i.id IN (SELECT item_id FROM item_topics WHERE topic_id = ?3))" \
  " AND (?5 IS NULL OR NOT EXISTS (SELECT 1 FROM item_texts x WHERE x.item_id = i.id AND x.lang = ?5))" \
  " AND (?6 IS NULL OR i.id IN (SELECT item_id FROM translations tr WHERE tr.lang = ?6 AND tr.vi_rev <" \
  "      (SELECT r.vi_rev FROM revisions r WHERE r.what = 'item' AND r.id = tr.item_id ORDER BY r.rev DESC LIMIT 1)))"

/* What a listed live item shows, for the rows of "page" only. */
#define ENTRY_COLUMNS \
  "SELECT p.id, p.kind, p.status," \
  "       (SELECT title FROM item_texts WHERE item_id = p.id AND lang = 'vi')," \
  "       EXISTS (SELECT 1 FROM drafts d WHERE d.what = 'item' AND d.id = p.id)," \
  "       (SELECT group_concat (lang) FROM item_texts WHERE item_id = p.id)," \
  "       (SELECT group_concat (tr.lang) FROM translations tr WHERE tr.item_id = p.id AND tr.vi_rev <" \
  "          (SELECT r.vi_rev FROM revisions r WHERE r.what = 'item' AND r.id = p.id ORDER BY r.rev DESC LIMIT 1)) "

/* Live items, newest change first: SQLite walks the seq index backwards and stops after one
 * page; titles and languages are read for that page's rows only. (?4 unused.) */
static const char by_seq_sql[] =
  "WITH page AS (SELECT i.id, i.kind, i.status, i.seq FROM items i WHERE" ITEM_FILTERS
  "  AND ?4 IS NULL ORDER BY i.seq DESC LIMIT ?7 OFFSET ?8) "
  ENTRY_COLUMNS "FROM page p ORDER BY p.seq DESC";

/* Live items the search found (?4, their ids best first), in that order. */
static const char by_rank_sql[] =
  "WITH page AS (SELECT i.id, i.kind, i.status, CAST (f.key AS INTEGER) AS rank FROM json_each (?4) f"
  "  JOIN items i ON i.id = f.value WHERE" ITEM_FILTERS " ORDER BY rank LIMIT ?7 OFFSET ?8) "
  ENTRY_COLUMNS "FROM page p ORDER BY p.rank";

/* Items never published, which exist only as drafts (never found by a search: drafts are not
 * indexed), listed before the live ones on the first page. */
static const char drafts_only_sql[] =
  "SELECT d.id, d.record ->> '$.kind', 'draft', coalesce (d.record ->> '$.texts.vi.title', d.id), 1,"
  "       (SELECT group_concat (key) FROM json_each (d.record, '$.texts')), NULL "
  "FROM drafts d WHERE d.what = 'item' AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = d.id)"
  "  AND (?1 IS NULL OR d.record ->> '$.kind' = ?1) AND (?2 IS NULL OR ?2 = 'draft')"
  "  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each (d.record, '$.topics') t WHERE t.value = ?3))"
  "  AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?8 = 0 AND ?7 > 0 "
  "ORDER BY d.id";

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

/* The best @limit ids the folding search finds for @query, best first, as a JSON array. */
static char *
search_ids (ContentStore *self, const char *query, guint limit, GError **error)
{
  ContentSearchOptions options = { .kind = -1, .limit = limit, .all = TRUE, .no_snippets = TRUE };
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

/* Runs @sql with @filter's values and appends its rows to @entries, at most @limit in all;
 * sets @more when a row is left over. */
static gboolean
append_rows (ContentStore *self, const char *sql, const ContentListingFilter *filter, const char *found, guint limit,
             GPtrArray *entries, gboolean *more, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, filter->kind);
  content_store_bind_text (stmt, 2, filter->status);
  content_store_bind_text (stmt, 3, filter->topic);
  content_store_bind_text (stmt, 4, found);
  content_store_bind_text (stmt, 5, filter->missing_lang);
  content_store_bind_text (stmt, 6, filter->review_lang);
  sqlite3_bind_int64 (stmt, 7, limit + 1);
  sqlite3_bind_int64 (stmt, 8, filter->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentListingEntry *entry;

      if (entries->len == limit)
        {
          *more = TRUE;
          continue;
        }
      entry = g_new0 (ContentListingEntry, 1);
      entry->id = content_store_column_dup (stmt, 0);
      entry->kind = content_store_column_dup (stmt, 1);
      entry->status = content_store_column_dup (stmt, 2);
      entry->title = content_store_column_dup (stmt, 3);
      entry->has_draft = sqlite3_column_int (stmt, 4) != 0;
      entry->langs = split_list (stmt, 5);
      entry->review_langs = split_list (stmt, 6);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : content_store_fail (self, "listing items", error);
}

GPtrArray *
content_store_list_entries (ContentStore *self, const ContentListingFilter *filter, gboolean *more, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) content_listing_entry_free);
  guint limit = filter->limit != 0 ? filter->limit : DEFAULT_LIMIT;
  gboolean searching = filter->query != NULL && *filter->query != '\0';
  g_autofree char *found = NULL;

  *more = FALSE;
  if (searching && (found = search_ids (self, filter->query, filter->offset + limit + 1, error)) == NULL)
    return NULL;
  if (!append_rows (self, drafts_only_sql, filter, found, G_MAXUINT, entries, more, error)
      || !append_rows (self, searching ? by_rank_sql : by_seq_sql, filter, found, entries->len + limit, entries, more, error))
    return NULL;
  return g_steal_pointer (&entries);
}
