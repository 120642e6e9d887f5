/* test-search.c: search as villagers type, and the search-quality table over the sample. */
#include "config.h"
#include "content-error.h"
#include "content-importer.h"
#include "content-search.h"
#include "content-store-private.h"
#include "test-util.h"

#include <stdio.h>
#include <string.h>

static ContentStore *store;

static const char topics_json[] =
  "{\"topics\": ["
  " {\"id\": \"law\", \"parent\": null, \"sms_code\": \"LUAT\", \"names\": {\"vi\": \"Pháp luật\"}},"
  " {\"id\": \"law-land\", \"parent\": \"law\", \"sms_code\": \"DAT\", \"names\": {\"vi\": \"Đất\"}},"
  " {\"id\": \"ocop\", \"parent\": null, \"sms_code\": \"OCOP\", \"names\": {\"vi\": \"OCOP\"}}]}";

#define NOTICE(id, status, topic, texts) \
  "{\"id\": \"" id "\", \"kind\": \"notice\", \"status\": \"" status "\", \"topics\": [" topic "]," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"t\", \"sources\": [{\"title\": \"s\"}]," \
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null}, \"texts\": {" texts "}}"

static const char items_json[] = "{\"items\": ["
  NOTICE ("notice-dat-dai", "published", "\"law-land\"",
          "\"vi\": {\"title\": \"Đất đai vùng cao\", \"body\": \"Hỗ trợ **đất ở** cho hộ nghèo.\"}")
  ","
  NOTICE ("notice-draft", "draft", "\"law-land\"",
          "\"vi\": {\"title\": \"Bản nháp đất đai\"}")
  ","
  NOTICE ("notice-old", "archived", "\"law-land\"",
          "\"vi\": {\"title\": \"Lưu trữ đất đai\"}")
  ","
  NOTICE ("notice-tra", "published", "\"ocop\"",
          "\"vi\": {\"title\": \"Trà hoa vàng\", \"summary\": \"Sản phẩm năm sao.\"},"
          "\"zh\": {\"title\": \"金花茶\", \"summary\": \"五星产品\"}")
  ","
  NOTICE ("notice-only-vi", "published", "",
          "\"vi\": {\"title\": \"Lịch tiêm chủng\", \"body\": \"Ba Chẽ: tiêm vào thứ hai.\"}")
  "]}";

static void
setup (void)
{
  g_autofree char *db = NULL, *in = NULL;

  test_util_dir_setup ();
  db = g_build_filename (test_dir, "s.db", NULL);
  in = g_build_filename (test_dir, "in", NULL);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  g_free (test_util_write (in, "topics.json", topics_json));
  g_free (test_util_write (in, "items.json", items_json));
  test_util_import (store, in);
}

static void
teardown (void)
{
  g_clear_object (&store);
  test_util_dir_teardown ();
}

static GPtrArray *
search (const char *query, const ContentSearchOptions *o)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *r = content_store_search (store, query, o, &error);

  ck_assert_msg (r != NULL, "search “%s” failed: %s", query, error ? error->message : "");
  return r;
}

static const char *
first_id (GPtrArray *r)
{
  return r->len > 0 ? ((ContentSearchResult *) g_ptr_array_index (r, 0))->id : "(none)";
}

START_TEST (test_unaccented_finds_accented)
{
  g_autoptr(GPtrArray) r = search ("dat dai", NULL);
  ContentSearchResult *hit;

  ck_assert_uint_eq (r->len, 1);
  hit = g_ptr_array_index (r, 0);
  ck_assert_str_eq (hit->id, "notice-dat-dai");
  /* The snippet is cut from the original, accented text. */
  ck_assert_msg (strstr (hit->snippet, "[Đất] [đai]") != NULL, "snippet: %s", hit->snippet);
}
END_TEST

/* Drafts live beside the content, never in the search index; archived items only when asked. */
START_TEST (test_drafts_never_archived_when_asked)
{
  ContentSearchOptions all = { NULL, -1, NULL, 0, TRUE, NULL, NULL };
  g_autoptr(GPtrArray) draft = search ("ban nhap", &all);
  g_autoptr(GPtrArray) pub = search ("luu tru", NULL);
  g_autoptr(GPtrArray) every = search ("luu tru", &all);

  ck_assert_uint_eq (draft->len, 0);
  ck_assert_uint_eq (pub->len, 0);
  ck_assert_uint_eq (every->len, 1);
  ck_assert_str_eq (first_id (every), "notice-old");
}
END_TEST

START_TEST (test_prefix_of_last_word)
{
  g_autoptr(GPtrArray) typing = search ("vung ca", NULL);
  g_autoptr(GPtrArray) done = search ("vung ca ", NULL);

  ck_assert_str_eq (first_id (typing), "notice-dat-dai");
  /* A trailing space ends the word: "ca" alone matches nothing, and no word matches in OR. */
  ck_assert_uint_eq (done->len, 1);
  ck_assert_str_eq (first_id (done), "notice-dat-dai");
}
END_TEST

/* With min_words, the fallback when not every word matches needs that many of them: one stray
 * word never pulls an item in (SMS), while the kiosk keeps any-word matches. */
START_TEST (test_min_words_fallback)
{
  ContentSearchOptions two = { .kind = -1, .min_words = 2 };
  g_autoptr(GPtrArray) any = search ("dat xyzzy qwerty ", NULL);
  g_autoptr(GPtrArray) stray = search ("dat xyzzy qwerty ", &two);
  g_autoptr(GPtrArray) most = search ("dat dai xyzzy ", &two);

  ck_assert_str_eq (first_id (any), "notice-dat-dai");
  ck_assert_uint_eq (stray->len, 0);
  ck_assert_str_eq (first_id (most), "notice-dat-dai");
}
END_TEST

START_TEST (test_missing_space)
{
  g_autoptr(GPtrArray) r = search ("datdai", NULL);
  ck_assert_str_eq (first_id (r), "notice-dat-dai");
}
END_TEST

START_TEST (test_fts_syntax_is_text)
{
  static const char *const hostile[] = {
    "\"", "\"dat", "dat*", "*", "NEAR(dat dai)", "dat AND", "OR", "AND OR NOT", "(((", ")",
    "dat\" OR \"x", "title:dat", "^dat", "dat -dai", "{title}: dat", "' OR 1=1 --", "\\", "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GPtrArray) r = search (hostile[i], NULL);
      ck_assert_uint_le (r->len, 4);
    }
  {
    /* Words inside the syntax are still searched. */
    g_autoptr(GPtrArray) r = search ("NEAR(dat dai)", NULL);
    g_autoptr(GPtrArray) q = search ("\"dat", NULL);
    ck_assert_str_eq (first_id (r), "notice-dat-dai");
    ck_assert_str_eq (first_id (q), "notice-dat-dai");
  }
}
END_TEST

START_TEST (test_invalid_utf8_query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = content_store_search (store, "dat\xff", NULL, &error);

  ck_assert_ptr_null (r);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_TEXT));
}
END_TEST

START_TEST (test_kind_and_topic_filters)
{
  ContentSearchOptions land = { NULL, -1, "law", 0, FALSE, NULL, NULL };
  ContentSearchOptions laws = { NULL, CONTENT_KIND_LAW, NULL, 0, FALSE, NULL, NULL };
  g_autoptr(GPtrArray) in_law = search ("dat", &land);   /* law-land is under law */
  g_autoptr(GPtrArray) as_law = search ("dat", &laws);

  ck_assert_str_eq (first_id (in_law), "notice-dat-dai");
  ck_assert_uint_eq (as_law->len, 0);
}
END_TEST

START_TEST (test_chinese_and_short_queries)
{
  g_autoptr(GPtrArray) zh = search ("花茶", NULL);
  g_autoptr(GPtrArray) zh_one = search ("茶", NULL);
  g_autoptr(GPtrArray) shortq = search ("ba", NULL);

  ck_assert_str_eq (first_id (zh), "notice-tra");
  ck_assert_str_eq (first_id (zh_one), "notice-tra");
  ck_assert_str_eq (first_id (shortq), "notice-only-vi");
}
END_TEST

START_TEST (test_shown_language_follows_chain)
{
  ContentSearchOptions tyz = { "tyz", -1, NULL, 0, FALSE, NULL, NULL };
  ContentSearchOptions zh = { "zh", -1, NULL, 0, FALSE, NULL, NULL };
  g_autoptr(GPtrArray) a = search ("tiem chung", &tyz);
  g_autoptr(GPtrArray) b = search ("tra hoa", &zh);
  ContentSearchResult *ra = g_ptr_array_index (a, 0), *rb = g_ptr_array_index (b, 0);

  ck_assert_str_eq (ra->lang, "vi");
  ck_assert_str_eq (ra->title, "Lịch tiêm chủng");
  ck_assert_str_eq (rb->lang, "zh");
  ck_assert_str_eq (rb->title, "金花茶");
}
END_TEST

/* A word in thousands of bodies: bodies are not ranked one by one, but the items with the word
 * in their title still come first and the page is still filled. */
START_TEST (test_common_word_keeps_title_matches_first)
{
  g_autoptr(GString) bundle = g_string_new ("{\"items\": [");
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) r = NULL;
  ContentSearchOptions o = { NULL, -1, NULL, 10, FALSE, NULL, NULL };

  for (int i = 0; i < 3200; i++)
    g_string_append_printf (bundle, "%s" NOTICE ("notice-body-%d", "published", "",
                              "\"vi\": {\"title\": \"Tin số %d\", \"body\": \"Việc chung của thôn.\"}"),
                            i ? "," : "", i, i);
  for (int i = 0; i < 3; i++)
    g_string_append_printf (bundle, "," NOTICE ("notice-title-%d", "published", "",
                              "\"vi\": {\"title\": \"Quỹ chung số %d\"}"), i, i);
  g_string_append (bundle, "]}");
  path = test_util_write (test_dir, "many/bundle.json", bundle->str);
  test_util_import (store, path);

  /* Four titles hold the word: "Quỹ chung" three times, and "Lịch tiêm chủng". */
  r = search ("chung", &o);
  ck_assert_uint_eq (r->len, 10);
  for (guint i = 0; i < r->len; i++)
    {
      const char *id = ((ContentSearchResult *) g_ptr_array_index (r, i))->id;
      gboolean title = g_str_has_prefix (id, "notice-title-") || g_str_equal (id, "notice-only-vi");
      ck_assert_msg (i < 4 ? title : g_str_has_prefix (id, "notice-body-"), "result %u is %s", i, id);
    }
}
END_TEST

/* The table: "query<TAB>item id" lines; the item must be among the first three results. */
static int
count_statement (unsigned type, void *counter, void *stmt, void *nanoseconds)
{
  (*(guint *) counter)++;
  return 0;
}

/* The SQL statements one search runs on a connection of its own (so nothing is remembered from
 * earlier searches): the work it does, counted without a clock. */
static guint
statements_run (const char *query, GPtrArray **results)
{
  g_autoptr(ContentStore) fresh = content_store_open (content_store_get_path (store), CONTENT_STORE_OPEN_DEFAULT, NULL);
  guint n = 0;

  sqlite3_trace_v2 (content_store_get_db (fresh), SQLITE_TRACE_PROFILE, count_statement, &n);
  *results = content_store_search (fresh, query, NULL, NULL);
  ck_assert_ptr_nonnull (*results);
  return n;
}

/* A page pasted into the search box (500 words, made-up ones the search tries to split) costs
 * what its first CONTENT_SEARCH_MAX_WORDS words cost, and still finds what they name. */
START_TEST (test_long_query_is_capped)
{
  static const char *const syllables[] = { "ba", "che", "lo", "mi", "ngu", "ta", "vu", "xo" };
  g_autoptr(GString) query = g_string_new ("dat dai vung cao ");
  g_autoptr(GString) head = NULL;
  g_autoptr(GPtrArray) long_results = NULL, head_results = NULL;
  g_auto(GStrv) words = NULL;
  guint long_cost, head_cost;

  for (guint i = 0; i < 496; i++)
    g_string_append_printf (query, "%s%s%s ", syllables[i % 8], syllables[(i / 8) % 8], syllables[(i / 64) % 8]);
  words = g_strsplit (query->str, " ", -1);
  ck_assert_uint_ge (g_strv_length (words), 500);
  head = g_string_new (NULL);
  for (guint i = 0; i < CONTENT_SEARCH_MAX_WORDS; i++)
    g_string_append_printf (head, "%s ", words[i]);
  long_cost = statements_run (query->str, &long_results);
  head_cost = statements_run (head->str, &head_results);
  ck_assert_msg (long_cost <= head_cost, "500 words ran %u statements, %u words %u",
                 long_cost, CONTENT_SEARCH_MAX_WORDS, head_cost);
  ck_assert_str_eq (first_id (long_results), "notice-dat-dai");
  ck_assert_uint_eq (long_results->len, head_results->len);
}
END_TEST

START_TEST (test_search_quality_table)
{
  g_autoptr(ContentStore) seed = test_util_seed_store (test_dir);
  g_autofree char *tests_dir = g_build_filename (BANLANG_SOURCE_ROOT, "tests", NULL);
  g_autoptr(GDir) d = g_dir_open (tests_dir, 0, NULL);
  g_autoptr(GString) failures = g_string_new (NULL);
  const char *name;
  guint rows = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (tests_dir, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_prefix (name, "search-quality") || !g_str_has_suffix (name, ".tsv"))
        continue;
      ck_assert (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (gsize i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);
          g_autoptr(GPtrArray) r = NULL;
          gboolean found = FALSE;

          if (lines[i][0] == '#' || g_strv_length (cols) < 2)
            continue;
          rows++;
          r = content_store_search (seed, cols[0], NULL, NULL);
          ck_assert_ptr_nonnull (r);
          for (guint k = 0; k < r->len && k < 3; k++)
            found |= g_str_equal (((ContentSearchResult *) g_ptr_array_index (r, k))->id, cols[1]);
          if (!found)
            {
              g_string_append_printf (failures, "\n  %s:%zu “%s” wants %s, top 3:", name, i + 1, cols[0], cols[1]);
              for (guint k = 0; k < r->len && k < 3; k++)
                g_string_append_printf (failures, " %s", ((ContentSearchResult *) g_ptr_array_index (r, k))->id);
            }
        }
    }
  ck_assert_uint_ge (rows, 40);
  ck_assert_msg (failures->len == 0, "queries that missed:%s", failures->str);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("search");
  TCase *tc = tcase_create ("search");
  TCase *quality = tcase_create ("quality");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_unaccented_finds_accented);
  tcase_add_test (tc, test_drafts_never_archived_when_asked);
  tcase_add_test (tc, test_prefix_of_last_word);
  tcase_add_test (tc, test_long_query_is_capped);
  tcase_add_test (tc, test_missing_space);
  tcase_add_test (tc, test_min_words_fallback);
  tcase_add_test (tc, test_fts_syntax_is_text);
  tcase_add_test (tc, test_invalid_utf8_query);
  tcase_add_test (tc, test_kind_and_topic_filters);
  tcase_add_test (tc, test_chinese_and_short_queries);
  tcase_add_test (tc, test_shown_language_follows_chain);
  tcase_add_test (tc, test_common_word_keeps_title_matches_first);
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (quality, setup, teardown);
  tcase_add_test (quality, test_search_quality_table);
  suite_add_tcase (s, quality);
  return test_util_run (s);
}
