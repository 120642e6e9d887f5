/* bench-search.c: import time, database size and search latency on synthetic content.
 *
 * Not a test: it prints figures for a person to compare with the budgets (p95 ≤ 5 ms at 10k
 * items, ≤ 25 ms at 100k; importing 10k items ≤ 3 s). It generates Vietnamese-like items from
 * a fixed seed (the same data every run), imports them through the real import path (one JSON
 * bundle, validated, one transaction), then times 200 mixed queries typed the way villagers
 * type, and the same queries as a naive LIKE scan over the same rows.
 *
 * Two vocabularies: "zipf" draws syllables built from Vietnamese onsets, rimes and tones
 * (about 9,000) with Zipf frequencies, as real text has them; "small" draws from 180 common
 * words of legal text, so nearly every item contains every common word: the worst case for
 * ranking, kept to show how the search degrades.
 *
 *   bench-search [N...]        default: 10000 100000, both vocabularies
 */
#include "bench-util.h"
#include "content-importer.h"
#include "content-search.h"
#include "content-store-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content-fold.h"

/* A query as a villager types it: folded words from a real title, sometimes cut short
 * (typing), sometimes without the space, sometimes one common word. */
static char *
make_query (GRand *rng, int i)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *folded = NULL;

  switch (i % 4)
    {
    case 0: bench_append_words (q, rng, 2); break;
    case 1: bench_append_words (q, rng, 3); break;
    case 2: bench_append_words (q, rng, 1); break;
    default: bench_append_words (q, rng, 2); break;
    }
  folded = content_fold (q->str, -1, NULL);
  if (i % 4 == 3)
    {
      /* Two words typed without the space. */
      char *space = strchr (folded, ' ');
      if (space != NULL)
        memmove (space, space + 1, strlen (space));
    }
  if (i % 4 == 1 && strlen (folded) > 3)
    folded[strlen (folded) - 1] = '\0';  /* still typing */
  return g_steal_pointer (&folded);
}

static void
report (const char *what, double *ms, int n)
{
  bench_sort (ms, n);
  printf ("  %-22s p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", what, ms[n / 2], ms[n * 95 / 100], ms[n - 1]);
}

static double
like_scan (ContentStore *store, const char *word)
{
  sqlite3_stmt *stmt = content_store_prepare (store,
      "SELECT item_id FROM search_docs WHERE title LIKE ?1 OR body LIKE ?1 LIMIT 20", NULL);
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", word);
  gint64 t0 = g_get_monotonic_time ();

  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
bench (guint n, gboolean zipf)
{
  g_autofree char *dir = g_dir_make_tmp ("banlang-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *bundle = NULL;
  g_autoptr(GRand) rng = g_rand_new_with_seed (20261123);
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  double fts[200], like[200];
  char *queries[200];
  guint hits = 0;
  gint64 t0;

  bundle = bench_write_bundle (dir, n, rng);
  t0 = g_get_monotonic_time ();
  if (!content_importer_add_path (importer, bundle, &error)
      || !content_importer_commit (importer, NULL, NULL, &error))
    g_error ("import: %s", error->message);
  printf ("%u items, %s vocabulary (%u syllables)\n  import                 %.2f s (parse, validate, write, index)\n", n,
          zipf ? "zipf" : "small", bench_vocabulary_size (), (g_get_monotonic_time () - t0) / 1e6);
  sqlite3_exec (content_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_stat (db, &st);
  printf ("  database size          %.1f MB\n", st.st_size / 1048576.0);

  /* Each method over all queries in turn: interleaving them would let the LIKE scans evict
   * the index from the page cache between searches, which no kiosk does. */
  for (int i = 0; i < 200; i++)
    queries[i] = make_query (rng, i);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GPtrArray) r = NULL;
      ContentSearchOptions o = { "vi", -1, NULL, 10, FALSE, NULL, NULL };

      t0 = g_get_monotonic_time ();
      r = content_store_search (store, queries[i], &o, NULL);
      fts[i] = (g_get_monotonic_time () - t0) / 1000.0;
      hits += r != NULL && r->len > 0;
    }
  for (int i = 0; i < 200; i++)
    like[i] = like_scan (store, queries[i]);
  report ("search (FTS, top 10)", fts, 200);
  report ("naive LIKE scan", like, 200);
  printf ("  queries with results   %u of 200\n", hits);
  for (int i = 0; i < 200; i++)
    g_free (queries[i]);
  g_clear_object (&store);
  g_unlink (bundle);
  g_unlink (db);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  static const guint defaults[] = { 10000, 100000 };

  for (int zipf = 1; zipf >= 0; zipf--)
    {
      bench_vocabulary_init (zipf);
      if (argc == 1)
        for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
          bench (defaults[i], zipf);
      for (int i = 1; i < argc; i++)
        bench ((guint) g_ascii_strtoull (argv[i], NULL, 10), zipf);
    }
  return 0;
}
