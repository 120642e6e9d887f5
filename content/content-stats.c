/* content-stats.c: counts for `banlang stats` and, later, the hub's dashboard. */
#include "content-stats.h"
#include "content-store-private.h"
#include "content-language.h"

static gboolean
count_by (ContentStore *self, const char *sql, GHashTable *counts, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "counting", error);
  return TRUE;
}

static void
add_counts (JsonBuilder *b, const char *member, GHashTable *counts, const char *const *names)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (gsize i = 0; names[i] != NULL; i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_int_value (b, GPOINTER_TO_INT (g_hash_table_lookup (counts, names[i])));
    }
  json_builder_end_object (b);
}

static gint64
count_rows (ContentStore *self, const char *sql)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

JsonNode *
content_store_stats (ContentStore *self, GError **error)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GStrvBuilder) kind_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) status_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) lang_names = g_strv_builder_new ();
  g_auto(GStrv) k = NULL, s = NULL, l = NULL;
  const GPtrArray *registry = content_language_list ();
  gint64 seq;

  if (!count_by (self, "SELECT kind, count (*) FROM items GROUP BY kind", kinds, error)
      || !count_by (self, "SELECT status, count (*) FROM items GROUP BY status", statuses, error)
      || !count_by (self, "SELECT lang, count (*) FROM item_texts GROUP BY lang", langs, error)
      || !content_store_get_seq (self, &seq, error))
    return NULL;
  for (guint i = 0; i < CONTENT_N_KINDS; i++)
    g_strv_builder_add (kind_names, content_kind_to_string (i));
  for (guint i = 0; i < CONTENT_N_STATUSES; i++)
    g_strv_builder_add (status_names, content_status_to_string (i));
  for (guint i = 0; i < registry->len; i++)
    g_strv_builder_add (lang_names, ((const ContentLanguage *) g_ptr_array_index (registry, i))->code);
  k = g_strv_builder_end (kind_names);
  s = g_strv_builder_end (status_names);
  l = g_strv_builder_end (lang_names);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, count_rows (self, "SELECT count (*) FROM items"));
  json_builder_set_member_name (b, "topics");
  json_builder_add_int_value (b, count_rows (self, "SELECT count (*) FROM topics"));
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, seq);
  add_counts (b, "kinds", kinds, (const char *const *) k);
  add_counts (b, "statuses", statuses, (const char *const *) s);
  add_counts (b, "languages", langs, (const char *const *) l);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
