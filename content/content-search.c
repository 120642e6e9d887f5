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
 * accented text.
 *
 * Speed: only the first CONTENT_SEARCH_MAX_WORDS words of a query are looked up, so a search
 * costs no more than that many words however much is pasted. bm25 scores every matching row
 * before the best few are kept, so a search first looks
 * in a small index of titles, summaries and keywords, and only then in bodies; and where the
 * index's vocabulary says the words occur in more documents than RANK_AT_MOST, the newest
 * matches are taken and ranked among themselves instead. Texts that merely mention common words
 * gain nothing from a finer order, and a search stays within a few milliseconds at 10,000 items
 * (tests/bench-search.c). One to three letters (the start of a word being typed) are served by the
 * table's prefix index. Chinese is answered by a substring scan of the stored text instead: a
 * Chinese query has no spaces to split it into the index's words, and Han characters have no
 * case or marks to fold.
 */
#include "content-search.h"
#include "content-store-private.h"
#include "content-error.h"
#include "content-fold.h"
#include "content-language.h"

#include <string.h>

#define DEFAULT_LIMIT 20
/* Take this many of the best index hits per result wanted (an item has a hit per language)
 * before grouping them by item; more only when filters or drafts leave too few. */
#define HITS_PER_RESULT 3
#define MIN_HITS 30
/* Above this many matching documents, an index's matches are not all ranked (see search_index). */
#define RANK_AT_MOST 2000

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
  char *word;               /* folded */
  gboolean joins_previous;  /* typed against the previous word with punctuation, no space */
} QueryWord;

static void
query_word_free (QueryWord *w)
{
  g_free (w->word);
  g_free (w);
}

typedef struct {
  const char *query;
  GPtrArray *words;    /* QueryWord, at most CONTENT_SEARCH_MAX_WORDS */
  gsize prev_end;
  gboolean han;
  gboolean cut;        /* more words were typed than are kept */
} QueryParse;

static gboolean
has_space (const char *s, gsize from, gsize to)
{
  for (gsize i = from; i < to; i++)
    if (g_ascii_isspace (s[i]))
      return TRUE;
  return FALSE;
}

static gboolean
collect_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  QueryParse *q = user_data;
  QueryWord *w;

  /* The rest of the query is still read, so that invalid UTF-8 anywhere is refused. */
  if (q->words->len == CONTENT_SEARCH_MAX_WORDS)
    {
      q->cut = TRUE;
      return TRUE;
    }
  w = g_new0 (QueryWord, 1);
  if (content_fold_is_han (g_utf8_get_char (folded)))
    q->han = TRUE;
  w->word = g_strndup (folded, folded_len);
  /* Words joined by punctuation without a space ("52/2014", "QH13-2014") form one phrase. */
  w->joins_previous = q->words->len > 0 && start > q->prev_end
                      && !has_space (q->query, q->prev_end, start);
  g_ptr_array_add (q->words, w);
  q->prev_end = end;
  return TRUE;
}

static const char vocab_sql[] = "SELECT 1 FROM search_vocab WHERE term = ?1";
static const char vocab_prefix_sql[] =
  "SELECT 1 FROM search_vocab WHERE term >= ?1 AND term < ?2 LIMIT 1";

/* TRUE when the index has the word @term (or, with @prefix, a word starting with it). Answers
 * are remembered until the content changes: fts5vocab reads a word's documents to answer. */
static gboolean
vocab_has (ContentStore *self, const char *term, gboolean prefix)
{
  GHashTable *cache = content_store_get_cache (self);
  g_autofree char *key = g_strconcat (prefix ? "has-prefix\n" : "has\n", term, NULL);
  const char *cached = g_hash_table_lookup (cache, key);
  sqlite3_stmt *stmt;
  gboolean found;

  if (cached != NULL)
    return cached[0] == '1';
  stmt = content_store_prepare (self, prefix ? vocab_prefix_sql : vocab_sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
  if (prefix)
    {
      /* Terms starting with "abc" sort in [abc, abd): the callers pass ASCII letters only. */
      g_autofree char *next = g_strdup (term);
      next[strlen (next) - 1]++;
      sqlite3_bind_text (stmt, 2, next, -1, SQLITE_TRANSIENT);
    }
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  g_hash_table_insert (cache, g_steal_pointer (&key), g_strdup (found ? "1" : "0"));
  return found;
}

/* The two indexes a search looks in: titles, summaries and keywords first, then everything. */
typedef struct {
  const char *ranked_sql;   /* the best matches (RANKED_SQL, defined below) */
  const char *recent_sql;   /* the newest matches, ranked among themselves */
  const char *docs_sql;     /* documents holding a word (fts5vocab) */
} SearchIndex;

#define DOCS_SQL(vocab) "SELECT doc FROM " vocab " WHERE term = ?1"

/* In how many documents @index has the word @term. */
static gint64
vocab_docs (ContentStore *self, const SearchIndex *index, const char *term)
{
  /* fts5vocab counts by reading the word's whole list of documents: remember the answer until
   * the content changes. */
  GHashTable *cache = content_store_get_cache (self);
  g_autofree char *key = g_strconcat (index->docs_sql, "\n", term, NULL);
  const char *cached = g_hash_table_lookup (cache, key);
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (cached != NULL)
    return g_ascii_strtoll (cached, NULL, 10);
  stmt = content_store_prepare (self, index->docs_sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_hash_table_insert (cache, g_steal_pointer (&key), g_strdup_printf ("%" G_GINT64_FORMAT, n));
  return n;
}

/* An estimate of how many documents match @words: all of them (the rarest word's count), or
 * with @any one of them (the commonest word's). A word still being typed (the last, with
 * @prefix) counts as the whole word typed so far, and not at all when that is no word yet:
 * summing every word it starts would cost as much as the search. */
static gint64
estimate_matches (ContentStore *self, const SearchIndex *index, GPtrArray *words,
                  gboolean prefix, gboolean any)
{
  gint64 estimate = any ? 0 : G_MAXINT64;

  for (guint i = 0; i < words->len; i++)
    {
      gint64 n = vocab_docs (self, index, ((QueryWord *) g_ptr_array_index (words, i))->word);
      if (n == 0 && prefix && i == words->len - 1 && words->len > 1)
        continue;
      estimate = any ? MAX (estimate, n) : MIN (estimate, n);
    }
  return estimate;
}

#define SPLIT_MIN 2
#define SPLIT_MAX 20
#define SPLIT_DEPTH 3

/* Splits @word, typed without its spaces ("honnhan", "tuoikethon"), into words the index knows,
 * longest first word first; with @prefix the last part may be the start of a word (still
 * typing). Returns the parts, or NULL when no split works. */
static GPtrArray *
split_word (ContentStore *self, const char *word, gboolean prefix, int depth)
{
  gsize n = strlen (word);

  if (depth > SPLIT_DEPTH)
    return NULL;
  for (gsize left = n - SPLIT_MIN; left >= SPLIT_MIN && left < n; left--)
    {
      g_autofree char *head = g_strndup (word, left);
      const char *rest = word + left;
      GPtrArray *parts;

      if (!vocab_has (self, head, FALSE))
        continue;
      if (vocab_has (self, rest, prefix))
        {
          parts = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (parts, g_strdup (rest));
        }
      else if ((parts = split_word (self, rest, prefix, depth + 1)) == NULL)
        continue;
      g_ptr_array_insert (parts, 0, g_steal_pointer (&head));
      return parts;
    }
  return NULL;
}

static gboolean
is_letters (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalpha (*s))
      return FALSE;
  return TRUE;
}

/* Replaces words the index does not know by the words they join, where they split. */
static void
split_joined_words (ContentStore *self, GPtrArray *words, gboolean prefix_last)
{
  for (guint i = 0; i < words->len; i++)
    {
      QueryWord *w = g_ptr_array_index (words, i);
      gboolean prefix = prefix_last && i == words->len - 1;
      g_autoptr(GPtrArray) parts = NULL;

      /* Longer than any few words typed together: not worth trying every split of. */
      if (strlen (w->word) < 2 * SPLIT_MIN || strlen (w->word) > SPLIT_MAX || !is_letters (w->word)
          || vocab_has (self, w->word, prefix))
        continue;
      parts = split_word (self, w->word, prefix, 0);
      if (parts == NULL)
        continue;
      g_free (w->word);
      w->word = g_strdup (g_ptr_array_index (parts, 0));
      for (guint k = 1; k < parts->len; k++)
        {
          QueryWord *extra = g_new0 (QueryWord, 1);
          extra->word = g_strdup (g_ptr_array_index (parts, k));
          extra->joins_previous = TRUE;  /* the split parts must stay adjacent */
          g_ptr_array_insert (words, ++i, extra);
        }
    }
}

/* The quoted phrases of @words (words typed joined by punctuation, "52/2014", form one), the
 * last marked as a prefix with @prefix_last. */
static GPtrArray *
phrases_of (GPtrArray *words, gboolean prefix_last)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < words->len; i++)
    {
      QueryWord *w = g_ptr_array_index (words, i);
      g_autofree char *one = g_strdup_printf ("\"%s\"%s", w->word,
                                              i == words->len - 1 && prefix_last ? "*" : "");
      if (i > 0 && w->joins_previous)
        {
          g_autofree char *before = g_ptr_array_steal_index (phrases, phrases->len - 1);
          g_ptr_array_add (phrases, g_strjoin (" + ", before, one, NULL));
        }
      else
        g_ptr_array_add (phrases, g_steal_pointer (&one));
    }
  return phrases;
}

/* Appends to @m every choice of @k phrases from @phrases (from @from on, after @chosen), each
 * group in parentheses, the groups joined by OR. */
static void
add_groups (GString *m, GPtrArray *phrases, guint from, guint k, GPtrArray *chosen)
{
  if (chosen->len == k)
    {
      g_string_append_printf (m, "%s(", m->len > 0 ? " OR " : "");
      for (guint i = 0; i < chosen->len; i++)
        g_string_append_printf (m, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (chosen, i));
      g_string_append_c (m, ')');
      return;
    }
  for (guint i = from; i + (k - chosen->len) <= phrases->len; i++)
    {
      g_ptr_array_add (chosen, g_ptr_array_index (phrases, i));
      add_groups (m, phrases, i + 1, k, chosen);
      g_ptr_array_set_size (chosen, chosen->len - 1);
    }
}

/* Phrases beyond this many are not combined (C(8, 4) = 70 groups at most). */
#define GROUP_PHRASES_MAX 8

/* The MATCH expression for items with every phrase of @words. Folded words hold only letters
 * and digits: nothing to escape. */
static char *
match_all_of (GPtrArray *words, gboolean prefix_last)
{
  g_autoptr(GPtrArray) phrases = phrases_of (words, prefix_last);

  g_ptr_array_add (phrases, NULL);
  return g_strjoinv (" ", (char **) phrases->pdata);
}

/* The MATCH expression for items with at least @k of the phrases of @words, or NULL when that
 * is every phrase (the search that already found nothing). */
static char *
match_at_least (GPtrArray *words, guint k, gboolean prefix_last)
{
  g_autoptr(GPtrArray) phrases = phrases_of (words, prefix_last);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GString) m = g_string_new (NULL);

  if (phrases->len > GROUP_PHRASES_MAX)
    g_ptr_array_set_size (phrases, GROUP_PHRASES_MAX);
  if (k >= phrases->len)
    return NULL;
  add_groups (m, phrases, 0, MAX (k, 1), chosen);
  return g_string_free (g_steal_pointer (&m), FALSE);
}

/* The filters every search applies, on items i and search_docs d. ?2 all, ?3 kind, ?4 topic. */
#define FILTERS \
  "(?2 OR i.status = 'published') AND (?3 IS NULL OR i.kind = ?3) " \
  "AND (?4 IS NULL OR d.item_id IN (SELECT item_id FROM item_topics WHERE topic_id IN (" \
  "  WITH RECURSIVE sub (id) AS (SELECT ?4 UNION SELECT t.id FROM topics t JOIN sub ON t.parent_id = sub.id)" \
  "  SELECT id FROM sub))) "

/* Snippets are cut in the ranked hits: FTS5 sorts by rank itself and evaluates snippet() only
 * for the rows it returns, with the expression it has already expanded (a separate snippet
 * query per result would expand a prefix over the whole vocabulary again). */
#define RANKED_SQL(table, order) \
  "WITH hits AS (SELECT rowid AS docid, rank, " \
  "                CASE WHEN ?9 THEN snippet (" table ", -1, ?7, ?8, '…', 14) END AS snip " \
  "              FROM " table " WHERE " table " MATCH ?1 ORDER BY " order " LIMIT ?6) " \
  "SELECT d.item_id, i.kind, h.snip, MIN (h.rank), json_extract (i.details, '$.number') " \
  "FROM hits h JOIN search_docs d ON d.docid = h.docid JOIN items i ON i.id = d.item_id " \
  "WHERE " FILTERS \
  "GROUP BY d.item_id ORDER BY MIN (h.rank), d.item_id LIMIT ?5"

static const SearchIndex heads_index = {
  RANKED_SQL ("search_heads", "rank"), RANKED_SQL ("search_heads", "rowid DESC"),
  DOCS_SQL ("search_heads_vocab"),
};
static const SearchIndex full_index = {
  RANKED_SQL ("search_fts", "rank"), RANKED_SQL ("search_fts", "rowid DESC"),
  DOCS_SQL ("search_vocab"),
};

static const char fallback_sql[] =
  "SELECT d.item_id, i.kind, NULL, "
  "  MAX (CASE WHEN instr (d.title, ?1) > 0 THEN 2.0 ELSE 1.0 END), "
  "  json_extract (i.details, '$.number') "
  "FROM search_docs d JOIN items i ON i.id = d.item_id "
  "WHERE instr (d.title || ' ' || d.summary || ' ' || d.body || ' ' || d.keywords, ?1) > 0 AND " FILTERS
  "GROUP BY d.item_id ORDER BY 4 DESC, d.item_id LIMIT ?5";

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

/* Runs @sql with @arg as ?1 and the options' filters; appends results to @out. */
static gboolean
run (ContentStore *self, const char *sql, const char *arg, gboolean fts, gint64 max_hits,
     const ContentSearchOptions *o, guint limit, char **chain, GPtrArray *out, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, sql, error);
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
    {
      sqlite3_bind_int64 (stmt, 6, max_hits);
      sqlite3_bind_text (stmt, 7, o->mark_open ? o->mark_open : "[", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, o->mark_close ? o->mark_close : "]", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 9, !o->no_snippets);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentSearchResult *r = g_new0 (ContentSearchResult, 1);

      r->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      content_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &r->kind);
      /* bm25 is lower-is-better; people expect higher-is-better. */
      r->score = fts ? -sqlite3_column_double (stmt, 3) : sqlite3_column_double (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_TEXT)
        r->number = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 2) == SQLITE_TEXT)
        {
          r->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          /* Paragraph breaks of the body read as spaces on one result line. */
          g_strdelimit (r->snippet, "\n", ' ');
        }
      g_ptr_array_add (out, r);
    }
  if (rc != SQLITE_DONE)
    return content_store_fail (self, "searching", error);
  sqlite3_reset (stmt);
  for (guint i = 0; i < out->len; i++)
    if (!fill_title (self, g_ptr_array_index (out, i), chain, !fts, error))
      return FALSE;
  return TRUE;
}

/* The best matches in @index: first only the best hits are ranked, and if that leaves too few
 * results (filters or drafts took them) it runs again over every hit. Replaces @out. */
static gboolean
run_ranked (ContentStore *self, const SearchIndex *index, const char *match,
            const ContentSearchOptions *o, guint limit, char **chain, GPtrArray *out, GError **error)
{
  gint64 capped = MAX ((gint64) limit * HITS_PER_RESULT, MIN_HITS);

  g_ptr_array_set_size (out, 0);
  if (!run (self, index->ranked_sql, match, TRUE, capped, o, limit, chain, out, error))
    return FALSE;
  if (out->len >= limit)
    return TRUE;
  g_ptr_array_set_size (out, 0);
  return run (self, index->ranked_sql, match, TRUE, -1, o, limit, chain, out, error);
}

/* Appends to @out the newest matches in @index of items not in it yet, up to @limit. */
static gboolean
run_recent (ContentStore *self, const SearchIndex *index, const char *match,
            const ContentSearchOptions *o, guint limit, char **chain, GPtrArray *out, GError **error)
{
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) content_search_result_free);
  /* Filters may drop most of the newest matches: look further when they apply. */
  gint64 cap = (gint64) limit * HITS_PER_RESULT * (o->kind >= 0 || o->topic != NULL ? 10 : 1);

  if (!run (self, index->recent_sql, match, TRUE, MAX (cap, MIN_HITS), o, limit, chain, more, error))
    return FALSE;
  for (guint i = 0; i < more->len && out->len < limit; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (more, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < out->len && !seen; k++)
        seen = g_str_equal (((ContentSearchResult *) g_ptr_array_index (out, k))->id, r->id);
      if (!seen)
        g_ptr_array_add (out, g_ptr_array_steal_index (more, i--));
    }
  return TRUE;
}

/* Searches @index for @words (@match): ranked by bm25 when they are rare enough, else, since bm25
 * would score thousands of rows to order texts that all merely mention common words, the
 * newest matches ranked among themselves are appended to @out. */
static gboolean
search_index (ContentStore *self, const SearchIndex *index, const char *match, GPtrArray *words,
              gboolean prefix, gboolean any, const ContentSearchOptions *o, guint limit,
              char **chain, GPtrArray *out, GError **error)
{
  if (estimate_matches (self, index, words, prefix, any) > RANK_AT_MOST)
    return run_recent (self, index, match, o, limit, chain, out, error);
  return run_ranked (self, index, match, o, limit, chain, out, error);
}

/* Matches in titles, summaries and keywords rank first anyway, and their index is small: when
 * they alone fill the page, bodies are not searched at all. */
static gboolean
run_fts (ContentStore *self, const char *match, GPtrArray *words, gboolean prefix, gboolean any,
         const ContentSearchOptions *o, guint limit, char **chain, GPtrArray *out, GError **error)
{
  g_ptr_array_set_size (out, 0);
  if (!search_index (self, &heads_index, match, words, prefix, any, o, limit, chain, out, error))
    return FALSE;
  if (out->len >= limit)
    return TRUE;
  return search_index (self, &full_index, match, words, prefix, any, o, limit, chain, out, error);
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

GPtrArray *
content_store_search (ContentStore                *self,
                      const char                  *query,
                      const ContentSearchOptions  *options,
                      GError                     **error)
{
  ContentSearchOptions defaults = { NULL, -1, NULL, 0, FALSE, NULL, NULL, FALSE };
  const ContentSearchOptions *o = options != NULL ? options : &defaults;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) content_search_result_free);
  g_auto(GStrv) chain = content_language_chain (o->lang != NULL ? o->lang : "vi");
  guint limit = o->limit > 0 ? o->limit : DEFAULT_LIMIT;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func ((GDestroyNotify) query_word_free);
  QueryParse q = { query, words, 0, FALSE, FALSE };
  gsize n = strlen (query);
  gboolean prefix;
  g_autofree char *needle = NULL, *match_all = NULL, *match_any = NULL;
  gboolean ok;

  g_return_val_if_fail (CONTENT_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  if (chain == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "“%s” is not a language of the registry", o->lang);
      return NULL;
    }
  if (!content_fold_words (query, -1, TRUE, collect_word, &q, error))
    return NULL;
  /* The last word is being typed unless a space follows it, or it is not the last typed. */
  prefix = n > 0 && !g_ascii_isspace (query[n - 1]) && !q.cut;
  if (words->len == 0)
    return g_steal_pointer (&out);
  if (q.han)
    {
      /* The characters as typed, without the spaces someone may have put between them. */
      needle = without_spaces (query);
      ok = run (self, fallback_sql, needle, FALSE, 0, o, limit, chain, out, error);
    }
  else
    {
      split_joined_words (self, words, prefix);
      match_all = match_all_of (words, prefix);
      match_any = match_at_least (words, o->min_words, prefix);
      ok = run_fts (self, match_all, words, prefix, FALSE, o, limit, chain, out, error);
      if (ok && out->len == 0 && match_any != NULL)
        ok = run_fts (self, match_any, words, prefix, TRUE, o, limit, chain, out, error);
    }
  return ok ? g_steal_pointer (&out) : NULL;
}
