/* bench-import.c: what an import costs in time and memory as the content grows, against the
 * least any import of the same rows could cost.
 *
 * Not a test: it prints figures for a person to compare with the budgets (peak memory flat as
 * the content grows; 100,000 items in at most twice the baseline's time). For each size it
 * writes bench-util's fixed-seed bundle (one bundle.json holding every item) and runs, three times
 * each (the fastest run counts), each in a process of its own so that one's memory cannot count
 * for the other:
 *   - the import: content_importer_add_path() and _commit(), timed whole (read, validate,
 *     write, index), with the process's peak resident memory (VmHWM);
 *   - the baseline, a "plain FTS5 load": the same rows (items, texts, topics, search
 *     documents, so the same FTS5 indexes through the same folding tokenizer) inserted straight
 *     into a fresh store in one transaction, no validation, no revisions, the search documents
 *     indexed in the same batches as an import's (one statement per batch). The bundle is
 *     parsed before its clock starts, so only the writing is timed: the ratio cannot flatter
 *     the import. (Its peak memory is not printed: it holds the parsed bundle.)
 *
 *   bench-import [N...]              default: 1000 10000 100000
 *   bench-import --import DB BUNDLE  (used by the benchmark itself: prints seconds and KiB)
 *   bench-import --plain DB BUNDLE   (likewise, the baseline)
 */
#include "bench-util.h"
#include "content-importer.h"
#include "content-store-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs of each, the fastest counted: the machine's other work only ever slows a run down. */
#define RUNS 3

/* Items per indexing statement: SEARCH_BATCH of content-store.c. */
#define BATCH 256

static void
die (const char *what, const GError *error)
{
  fprintf (stderr, "bench-import: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static ContentStore *
open_store (const char *db)
{
  g_autoptr(GError) error = NULL;
  ContentStore *store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);

  if (store == NULL)
    die (db, error);
  return store;
}

static void
run_import (const char *db, const char *bundle)
{
  g_autoptr(ContentStore) store = open_store (db);
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (!content_importer_add_path (importer, bundle, &error)
      || !content_importer_commit (importer, NULL, NULL, &error))
    die ("import", error);
  printf ("%.3f %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - t0) / 1e6, bench_peak_kib ());
}

static void
step (ContentStore *store, sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;

  if (stmt == NULL || !content_store_step_done (store, stmt, "plain load", &error))
    die ("plain load", error);
}

static void
plain_topic (ContentStore *store)
{
  step (store, content_store_prepare (store,
      "INSERT INTO topics (id, parent_id, position, sms_code, seq) VALUES ('bench', NULL, 0, 'BENCH', 1)",
      NULL));
  step (store, content_store_prepare (store,
      "INSERT INTO topic_names (topic_id, lang, name) VALUES ('bench', 'vi', 'Chủ đề')", NULL));
}

/* One item of the bundle as rows: what the live tables and the search index hold for it. */
static void
plain_item (ContentStore *store, JsonObject *item, gint64 seq)
{
  const char *id = json_object_get_string_member (item, "id");
  JsonObject *vi = json_object_get_object_member (json_object_get_object_member (item, "texts"), "vi");
  g_autofree char *sources = json_to_string (json_object_get_member (item, "sources"), FALSE);
  g_autofree char *details = json_to_string (json_object_get_member (item, "notice"), FALSE);
  sqlite3_stmt *stmt = content_store_prepare (store,
      "INSERT INTO items (id, kind, status, reviewed_on, reviewed_by, sources, details, seq) "
      "VALUES (?1, 'notice', 'published', ?2, ?3, ?4, ?5, ?6)", NULL);

  content_store_bind_text (stmt, 1, id);
  content_store_bind_text (stmt, 2, json_object_get_string_member (item, "reviewed_on"));
  content_store_bind_text (stmt, 3, json_object_get_string_member (item, "reviewed_by"));
  content_store_bind_text (stmt, 4, sources);
  content_store_bind_text (stmt, 5, details);
  sqlite3_bind_int64 (stmt, 6, seq);
  step (store, stmt);
  stmt = content_store_prepare (store,
      "INSERT INTO item_topics (item_id, topic_id, position) VALUES (?1, 'bench', 0)", NULL);
  content_store_bind_text (stmt, 1, id);
  step (store, stmt);
  for (int search = 0; search <= 1; search++)
    {
      stmt = content_store_prepare (store, search
          ? "INSERT INTO temp.search_pending (item_id, lang, title, summary, body, keywords) "
            "VALUES (?1, 'vi', ?2, ?3, ?4, '')"
          : "INSERT INTO item_texts (item_id, lang, title, summary, body) VALUES (?1, 'vi', ?2, ?3, ?4)", NULL);
      content_store_bind_text (stmt, 1, id);
      content_store_bind_text (stmt, 2, json_object_get_string_member (vi, "title"));
      content_store_bind_text (stmt, 3, json_object_get_string_member (vi, "summary"));
      content_store_bind_text (stmt, 4, json_object_get_string_member (vi, "body"));
      step (store, stmt);
    }
}

static void
run_plain (const char *db, const char *bundle)
{
  g_autoptr(ContentStore) store = open_store (db);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *items;
  gint64 t0;

  if (!json_parser_load_from_file (parser, bundle, &error))
    die (bundle, error);
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");
  t0 = g_get_monotonic_time ();
  if (!content_store_begin (store, &error) || !content_store_begin_search_batch (store, &error))
    die ("plain load", error);
  plain_topic (store);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      plain_item (store, json_array_get_object_element (items, i), i + 2);
      if ((i + 1) % BATCH == 0 && !content_store_flush_search (store, &error))
        die ("plain load", error);
    }
  if (!content_store_commit (store, &error))
    die ("plain load", error);
  printf ("%.3f\n", (g_get_monotonic_time () - t0) / 1e6);
}

/* Runs this program as @mode on a fresh database beside @bundle; reads its seconds and, when
 * @kib is not NULL, its peak memory in KiB. Dirty pages are written out first, so that one
 * run's writing does not slow the next. */
static void
child (const char *mode, const char *dir, const char *bundle, double *seconds, gint64 *kib)
{
  g_autofree char *db = g_build_filename (dir, mode + 2, NULL);
  g_autofree char *out = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL), *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/proc/self/exe", mode, db, bundle, NULL };
  gint64 unused;
  int status;

  sync ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &out, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error)
      || sscanf (out, "%lf %" G_GINT64_FORMAT, seconds, kib != NULL ? kib : &unused) != (kib != NULL ? 2 : 1))
    die (mode, error);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
}

static void
bench (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("banlang-bench-import-XXXXXX", NULL);
  g_autoptr(GRand) rng = g_rand_new_with_seed (20261123);
  g_autofree char *bundle = bench_write_bundle (dir, n, rng);
  double import_s, plain_s;
  gint64 import_kib;

  import_s = plain_s = G_MAXDOUBLE;
  import_kib = 0;
  for (int run = 0; run < RUNS; run++)
    {
      double seconds;
      gint64 kib;

      child ("--import", dir, bundle, &seconds, &kib);
      import_s = MIN (import_s, seconds);
      import_kib = MAX (import_kib, kib);
      child ("--plain", dir, bundle, &seconds, NULL);
      plain_s = MIN (plain_s, seconds);
    }
  printf ("%7u items   import %7.2f s, peak %6.1f MiB   plain FTS5 load %7.2f s   ratio %.2f\n",
          n, import_s, import_kib / 1024.0, plain_s, import_s / plain_s);
  fflush (stdout);
  g_unlink (bundle);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  static const guint defaults[] = { 1000, 10000, 100000 };

  if (argc == 4 && g_str_equal (argv[1], "--import"))
    run_import (argv[2], argv[3]);
  else if (argc == 4 && g_str_equal (argv[1], "--plain"))
    run_plain (argv[2], argv[3]);
  else
    {
      bench_vocabulary_init (TRUE);
      for (gsize i = 0; argc == 1 && i < G_N_ELEMENTS (defaults); i++)
        bench (defaults[i]);
      for (int i = 1; i < argc; i++)
        bench ((guint) g_ascii_strtoull (argv[i], NULL, 10));
    }
  return 0;
}
