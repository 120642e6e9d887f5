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
#include "content-importer.h"
#include "content-search.h"
#include "content-store-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "content-fold.h"

static const char *const syllables[] = {
  "hôn", "nhân", "gia", "đình", "đất", "đai", "rừng", "biên", "giới", "cư", "trú", "bảo", "hiểm",
  "y", "tế", "trợ", "giúp", "pháp", "lý", "luật", "nghị", "định", "xã", "thôn", "bản", "hộ",
  "nghèo", "cận", "người", "dân", "tộc", "thiểu", "số", "vùng", "cao", "miền", "núi", "đảo",
  "hỗ", "trợ", "nhà", "ở", "vay", "vốn", "ngân", "hàng", "chính", "sách", "học", "sinh", "trẻ",
  "em", "phụ", "nữ", "bạo", "lực", "hòa", "giải", "tranh", "chấp", "quyền", "sử", "dụng", "giấy",
  "chứng", "nhận", "đăng", "ký", "kết", "khai", "sinh", "tử", "thẻ", "căn", "cước", "công", "an",
  "ủy", "ban", "nhân", "dân", "tỉnh", "Quảng", "Ninh", "trà", "hoa", "vàng", "miến", "dong",
  "sản", "phẩm", "sao", "du", "lịch", "cộng", "đồng", "lễ", "hội", "mùa", "lúa", "chín", "suối",
  "thác", "đường", "mốc", "khu", "vực", "cấm", "phạt", "tiền", "đồng", "tháng", "năm", "ngày",
  "hướng", "dẫn", "thủ", "tục", "hồ", "sơ", "nộp", "tại", "bộ", "phận", "một", "cửa", "điều",
  "khoản", "hiệu", "lực", "thi", "hành", "sửa", "đổi", "bổ", "sung", "mức", "hưởng", "trăm",
  "nghìn", "triệu", "được", "không", "phải", "có", "của", "cho", "với", "và", "các", "những",
};

static const char *const onsets[] = {
  "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
  "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

/* Rimes with the vowel that takes the tone mark first, the rest after. */
static const char *const rimes[][2] = {
  { "a", "" }, { "a", "i" }, { "a", "m" }, { "a", "n" }, { "a", "ng" }, { "a", "nh" }, { "a", "o" },
  { "a", "u" }, { "a", "y" }, { "ă", "m" }, { "ă", "n" }, { "ă", "ng" }, { "â", "m" }, { "â", "n" },
  { "â", "ng" }, { "â", "u" }, { "â", "y" }, { "e", "" }, { "e", "m" }, { "e", "n" }, { "e", "o" },
  { "ê", "" }, { "ê", "m" }, { "ê", "n" }, { "ê", "nh" }, { "ê", "u" }, { "i", "" }, { "i", "m" },
  { "i", "n" }, { "i", "nh" }, { "i", "u" }, { "iê", "m" }, { "iê", "n" }, { "iê", "ng" },
  { "iê", "u" }, { "o", "" }, { "o", "i" }, { "o", "m" }, { "o", "n" }, { "o", "ng" }, { "oa", "" },
  { "oa", "n" }, { "oa", "ng" }, { "oa", "nh" }, { "ô", "" }, { "ô", "i" }, { "ô", "m" },
  { "ô", "n" }, { "ô", "ng" }, { "ơ", "" }, { "ơ", "i" }, { "ơ", "m" }, { "ơ", "n" }, { "u", "" },
  { "u", "i" }, { "u", "m" }, { "u", "n" }, { "u", "ng" }, { "uô", "i" }, { "uô", "n" },
  { "uô", "ng" }, { "ư", "" }, { "ư", "a" }, { "ư", "ng" }, { "ươ", "i" }, { "ươ", "n" },
  { "ươ", "ng" }, { "ươ", "c" }, { "y", "" },
};

/* No mark, grave, acute, hook above, tilde, dot below. */
static const char *const tones[] = { "", "\xcc\x80", "\xcc\x81", "\xcc\x89", "\xcc\x83", "\xcc\xa3" };

typedef struct {
  GPtrArray *words;   /* the vocabulary, most frequent first */
  double *cumulative; /* Zipf: P(rank r) proportional to 1/r */
} Vocabulary;

static Vocabulary vocab;

static void
vocabulary_init (gboolean zipf)
{
  double total = 0;

  g_clear_pointer (&vocab.words, g_ptr_array_unref);
  g_clear_pointer (&vocab.cumulative, g_free);
  vocab.words = g_ptr_array_new_with_free_func (g_free);
  if (!zipf)
    for (gsize i = 0; i < G_N_ELEMENTS (syllables); i++)
      g_ptr_array_add (vocab.words, g_strdup (syllables[i]));
  else
    {
      g_autoptr(GRand) shuffle = g_rand_new_with_seed (7);
      for (gsize o = 0; o < G_N_ELEMENTS (onsets); o++)
        for (gsize r = 0; r < G_N_ELEMENTS (rimes); r++)
          for (gsize t = 0; t < G_N_ELEMENTS (tones); t++)
            {
              g_autofree char *raw = g_strconcat (onsets[o], rimes[r][0], tones[t], rimes[r][1], NULL);
              g_ptr_array_add (vocab.words, g_utf8_normalize (raw, -1, G_NORMALIZE_NFC));
            }
      /* Which syllables are frequent is arbitrary; the order of the list is not. */
      for (guint i = vocab.words->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (shuffle, 0, i + 1);
          gpointer tmp = vocab.words->pdata[i];
          vocab.words->pdata[i] = vocab.words->pdata[j];
          vocab.words->pdata[j] = tmp;
        }
    }
  vocab.cumulative = g_new (double, vocab.words->len);
  for (guint i = 0; i < vocab.words->len; i++)
    {
      total += zipf ? 1.0 / (i + 1) : 1.0 / sqrt (i + 1.0);
      vocab.cumulative[i] = total;
    }
  for (guint i = 0; i < vocab.words->len; i++)
    vocab.cumulative[i] /= total;
}

static const char *
syllable (GRand *rng)
{
  double u = g_rand_double (rng);
  guint lo = 0, hi = vocab.words->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (vocab.cumulative[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (vocab.words, lo);
}

static void
append_words (GString *s, GRand *rng, int n)
{
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", syllable (rng));
}

static char *
json_escape (const char *s)
{
  g_autoptr(JsonNode) n = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (n, s);
  return json_to_string (n, FALSE);
}

static char *
write_bundle (const char *dir, guint n, GRand *rng)
{
  char *path = g_build_filename (dir, "bundle.json", NULL);
  FILE *f = fopen (path, "w");

  fprintf (f, "{\"topics\": [{\"id\": \"bench\", \"parent\": null, \"sms_code\": \"BENCH\","
              " \"names\": {\"vi\": \"Chủ đề\"}}], \"items\": [\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) title = g_string_new (NULL), body = g_string_new (NULL);
      g_autofree char *t = NULL, *b = NULL;

      append_words (title, rng, 4 + g_rand_int_range (rng, 0, 5));
      append_words (body, rng, 60 + g_rand_int_range (rng, 0, 80));
      t = json_escape (title->str);
      b = json_escape (body->str);
      fprintf (f, "%s{\"id\": \"notice-%u\", \"kind\": \"notice\", \"status\": \"published\","
                  " \"topics\": [\"bench\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"bench\","
                  " \"sources\": [{\"title\": \"Văn bản %u/2024/NĐ-CP\"}],"
                  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null},"
                  " \"texts\": {\"vi\": {\"title\": %s, \"summary\": \"Số %u/2024\", \"body\": %s}}}\n",
               i ? "," : "", i, i, t, i, b);
    }
  fprintf (f, "]}\n");
  fclose (f);
  return path;
}

/* A query as a villager types it: folded words from a real title, sometimes cut short
 * (typing), sometimes without the space, sometimes one common word. */
static char *
make_query (GRand *rng, int i)
{
  g_autoptr(GString) q = g_string_new (NULL);
  g_autofree char *folded = NULL;

  switch (i % 4)
    {
    case 0: append_words (q, rng, 2); break;
    case 1: append_words (q, rng, 3); break;
    case 2: append_words (q, rng, 1); break;
    default: append_words (q, rng, 2); break;
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

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, double *ms, int n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
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

  bundle = write_bundle (dir, n, rng);
  t0 = g_get_monotonic_time ();
  if (!content_importer_add_path (importer, bundle, &error)
      || !content_importer_commit (importer, NULL, NULL, &error))
    g_error ("import: %s", error->message);
  printf ("%u items, %s vocabulary (%u syllables)\n  import                 %.2f s (parse, validate, write, index)\n", n,
          zipf ? "zipf" : "small", vocab.words->len, (g_get_monotonic_time () - t0) / 1e6);
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
      vocabulary_init (zipf);
      if (argc == 1)
        for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
          bench (defaults[i], zipf);
      for (int i = 1; i < argc; i++)
        bench ((guint) g_ascii_strtoull (argv[i], NULL, 10), zipf);
    }
  return 0;
}
