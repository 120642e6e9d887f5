/* content-search.c: finding items by what people type.
 *
 * What a person types is data, never FTS5 syntax: the query is folded into words by the same
 * code as the index (content-fold.c), and each word is written into the MATCH expression inside
 * double quotes, where FTS5 treats everything as text. Folded words hold only letters and
 * digits, so there is nothing to escape.
 *
 * Results are grouped by item (an item is indexed once per language, and a match in any
 * language counts), ranked by bm25 with the title weighted most (see the schema), and shown in
 * the reader's language along its fallback chain. Snippets are cut by FTS5 from the stored,
 * accented text. A query of one or two letters, or one in Chinese, is answered by a substring
 * scan of the folded text instead: FTS would need a prefix index for the first and cannot split
 * the second into words.
 */
#include "content-search.h"
#include "content-store-private.h"
#include "content-error.h"
#include "content-fold.h"
#include "content-language.h"

#include <string.h>

#define DEFAULT_LIMIT 20
/* Without filters, rank only this many index hits per result wanted: FTS5 then keeps a small
 * heap instead of sorting every match, which is what keeps common words fast at 100k items. */
#define HITS_PER_RESULT 6
#define MIN_HITS 60
#define FALLBACK_MAX_CHARS 2

void
content_search_result_free (ContentSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->lang);
  g_free (result->title);
  g_free (result->snippet);
  g_free (result->number);
  g_free (result);
}

typedef struct {
  const char *query;
  GString *match_all;   /* phrases joined: every one must match */
  GString *match_any;   /* phrases joined with OR */
  GString *phrase;      /* the phrase being built */
  GString *folded;      /* all words, space-separated, for the fallback */
  gsize prev_end;
  gboolean han;
} QueryBuild;

static void
close_phrase (QueryBuild *q)
{
  if (q->phrase->len == 0)
    return;
  if (q->match_all->len > 0)
    {
      g_string_append_c (q->match_all, ' ');
      g_string_append (q->match_any, " OR ");
    }
  g_string_append_printf (q->match_all, "\"%s\"", q->phrase->str);
  g_string_append_printf (q->match_any, "\"%s\"", q->phrase->str);
  g_string_truncate (q->phrase, 0);
}

static gboolean
has_space (const char *s, gsize from, gsize to)
{
  for (gsize i = from; i < to; i++)
    if (g_ascii_isspace (s[i]))
      return TRUE;
  return FALSE;
}

static gboolean
query_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  QueryBuild *q = user_data;
  gunichar first = g_utf8_get_char (folded);

  if (content_fold_is_han (first))
    q->han = TRUE;
  /* Words joined by punctuation without a space ("52/2014", "QH13-2014") form one phrase. */
  if (q->phrase->len > 0 && (start == q->prev_end || has_space (q->query, q->prev_end, start)))
    close_phrase (q);
  if (q->phrase->len > 0)
    g_string_append_c (q->phrase, ' ');
  g_string_append_len (q->phrase, folded, folded_len);
  if (q->folded->len > 0)
    g_string_append_c (q->folded, ' ');
  g_string_append_len (q->folded, folded, folded_len);
  q->prev_end = end;
  return TRUE;
}

/* Builds the two MATCH expressions and the folded query. */
static gboolean
build_query (QueryBuild *q, const char *query, GError **error)
{
  gsize n = strlen (query);
  gboolean prefix = n > 0 && !g_ascii_isspace (query[n - 1]);

  q->query = query;
  q->match_all = g_string_new (NULL);
  q->match_any = g_string_new (NULL);
  q->phrase = g_string_new (NULL);
  q->folded = g_string_new (NULL);
  if (!content_fold_words (query, -1, TRUE, query_word, q, error))
    return FALSE;
  close_phrase (q);
  if (prefix && q->match_all->len > 0)
    {
      g_string_append_c (q->match_all, '*');
      g_string_append_c (q->match_any, '*');
    }
  return TRUE;
}

static void
query_build_clear (QueryBuild *q)
{
  if (q->match_all != NULL)
    g_string_free (q->match_all, TRUE);
  if (q->match_any != NULL)
    g_string_free (q->match_any, TRUE);
  if (q->phrase != NULL)
    g_string_free (q->phrase, TRUE);
  if (q->folded != NULL)
    g_string_free (q->folded, TRUE);
}

/* The filters every search applies, on items i and search_docs d. ?2 all, ?3 kind, ?4 topic. */
#define FILTERS \
  "(?2 OR i.status = 'published') AND (?3 IS NULL OR i.kind = ?3) " \
  "AND (?4 IS NULL OR d.item_id IN (SELECT item_id FROM item_topics WHERE topic_id IN (" \
  "  WITH RECURSIVE sub (id) AS (SELECT ?4 UNION SELECT t.id FROM topics t JOIN sub ON t.parent_id = sub.id)" \
  "  SELECT id FROM sub))) "

static const char fts_sql[] =
  "WITH hits AS (SELECT rowid AS docid, rank FROM search_fts WHERE search_fts MATCH ?1 "
  "              ORDER BY rank LIMIT ?6) "
  "SELECT d.item_id, i.kind, d.docid, MIN (h.rank), json_extract (i.details, '$.number') "
  "FROM hits h JOIN search_docs d ON d.docid = h.docid JOIN items i ON i.id = d.item_id "
  "WHERE " FILTERS
  "GROUP BY d.item_id ORDER BY MIN (h.rank), d.item_id LIMIT ?5";

static const char fallback_sql[] =
  "SELECT d.item_id, i.kind, d.docid, "
  "  MAX (CASE WHEN instr (' ' || d.folded_title, ' ' || ?1) > 0 THEN 2.0 ELSE 1.0 END), "
  "  json_extract (i.details, '$.number') "
  "FROM search_docs d JOIN items i ON i.id = d.item_id "
  "WHERE instr (' ' || d.folded, ' ' || ?1) > 0 AND " FILTERS
  "GROUP BY d.item_id ORDER BY 4 DESC, d.item_id LIMIT ?5";

static const char snippet_sql[] =
  "SELECT snippet (search_fts, -1, ?2, ?3, '…', 14) FROM search_fts "
  "WHERE search_fts MATCH ?1 AND rowid = ?4";

static const char texts_sql[] =
  "SELECT lang, title, summary FROM item_texts WHERE item_id = ?1";

/* Fills in title and language from the reader's chain; the summary stands in for a snippet
 * where the index cannot cut one. */
static gboolean
fill_title (ContentStore *self, ContentSearchResult *r, char **chain, gboolean want_summary,
            GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, texts_sql, error);
  guint best = G_MAXUINT;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *lang = (const char *) sqlite3_column_text (stmt, 0);
      for (guint i = 0; chain[i] != NULL && i < best; i++)
        if (g_str_equal (chain[i], lang))
          {
            best = i;
            g_free (r->lang);
            g_free (r->title);
            r->lang = g_strdup (lang);
            r->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            if (want_summary)
              {
                g_free (r->snippet);
                r->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
              }
          }
    }
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "reading result titles", error);
  return TRUE;
}

static char *
cut_snippet (ContentStore *self, const char *match, gint64 docid, const ContentSearchOptions *o,
             GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, snippet_sql, error);
  char *snippet = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, o->mark_open ? o->mark_open : "[", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, o->mark_close ? o->mark_close : "]", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, docid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  /* Paragraph breaks of the body read as spaces on one result line. */
  if (snippet != NULL)
    g_strdelimit (snippet, "\n", ' ');
  return snippet;
}

/* Runs @sql with @arg as ?1 and the options' filters; appends results to @out. */
static gboolean
run (ContentStore *self, const char *sql, const char *arg, gboolean fts, gint64 max_hits,
     const ContentSearchOptions *o, guint limit, char **chain, GPtrArray *out, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);
  g_autoptr(GArray) docids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, o->all);
  if (o->kind >= 0)
    sqlite3_bind_text (stmt, 3, content_kind_to_string (o->kind), -1, SQLITE_STATIC);
  if (o->topic != NULL)
    sqlite3_bind_text (stmt, 4, o->topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, (int) limit);
  if (fts)
    sqlite3_bind_int64 (stmt, 6, max_hits);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentSearchResult *r = g_new0 (ContentSearchResult, 1);
      gint64 docid = sqlite3_column_int64 (stmt, 2);

      r->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      content_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &r->kind);
      /* bm25 is lower-is-better; people expect higher-is-better. */
      r->score = fts ? -sqlite3_column_double (stmt, 3) : sqlite3_column_double (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_TEXT)
        r->number = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (out, r);
      g_array_append_val (docids, docid);
    }
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "searching", error);
  for (guint i = 0; i < out->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (out, i);
      if (fts)
        r->snippet = cut_snippet (self, arg, g_array_index (docids, gint64, i), o, error);
      if (!fill_title (self, r, chain, !fts, error))
        return FALSE;
    }
  return TRUE;
}

/* An FTS search; without filters only the best hits are ranked, and if that leaves too few
 * results (filters or drafts took them) the search runs again over every hit. */
static gboolean
run_fts (ContentStore *self, const char *match, const ContentSearchOptions *o, guint limit,
         char **chain, GPtrArray *out, GError **error)
{
  gint64 capped = MAX ((gint64) limit * HITS_PER_RESULT, MIN_HITS);

  if (!run (self, fts_sql, match, TRUE, capped, o, limit, chain, out, error))
    return FALSE;
  if (out->len >= limit)
    return TRUE;
  g_ptr_array_set_size (out, 0);
  return run (self, fts_sql, match, TRUE, -1, o, limit, chain, out, error);
}

GPtrArray *
content_store_search (ContentStore                *self,
                      const char                  *query,
                      const ContentSearchOptions  *options,
                      GError                     **error)
{
  ContentSearchOptions defaults = { NULL, -1, NULL, 0, FALSE, NULL, NULL };
  const ContentSearchOptions *o = options != NULL ? options : &defaults;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) content_search_result_free);
  g_auto(GStrv) chain = content_language_chain (o->lang != NULL ? o->lang : "vi");
  guint limit = o->limit > 0 ? o->limit : DEFAULT_LIMIT;
  QueryBuild q = { 0 };
  gboolean ok;

  g_return_val_if_fail (CONTENT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  if (chain == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "“%s” is not a language of the registry", o->lang);
      return NULL;
    }
  if (!build_query (&q, query, error))
    {
      query_build_clear (&q);
      return NULL;
    }
  if (q.folded->len == 0)
    ok = TRUE;
  else if (q.han || g_utf8_strlen (q.folded->str, -1) <= FALLBACK_MAX_CHARS)
    ok = run (self, fallback_sql, q.folded->str, FALSE, 0, o, limit, chain, out, error);
  else
    {
      ok = run_fts (self, q.match_all->str, o, limit, chain, out, error);
      if (ok && out->len == 0 && strstr (q.match_any->str, " OR ") != NULL)
        ok = run_fts (self, q.match_any->str, o, limit, chain, out, error);
    }
  query_build_clear (&q);
  return ok ? g_steal_pointer (&out) : NULL;
}
