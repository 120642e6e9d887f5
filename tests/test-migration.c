/* test-migration.c: the migration from schema 2 on a real database, as a kiosk or hub in the
 * field has it: tests/fixtures/schema2-demo.sql.gz is the demo content written by banlang as it
 * was before schema 3 (commit 7a0f7cd: `banlang demo`, then `sqlite3 .dump`; the fixture's opening
 * comment says how). Each test loads it into a fresh file and opens it with content_store_open(),
 * which migrates, and checks one behaviour: the schema version; every schema-2 row kept as it was;
 * reasons worded both ways; the export importing again; one revision per record; search; the
 * eligibility engine's verdicts; a second open changing nothing; publishing afterwards. */
#include "config.h"
#include "test-util.h"

#include "content-drafts.h"
#include "content-exporter.h"
#include "content-importer.h"
#include "content-rule-cases.h"
#include "content-rule-set.h"
#include "content-screening.h"
#include "content-search.h"
#include "content-store-private.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

/* What the fixture holds: the demo content at schema 2. */
#define FIXTURE_ITEMS 67
#define FIXTURE_TOPICS 20
#define FIXTURE_RULE_PARTS 28
#define FIXTURE_SEQ 115

static char *db_path;

/* The fixture's SQL text, decompressed. */
static char *
fixture_sql (void)
{
  g_autofree char *path = g_build_filename (BANLANG_SOURCE_ROOT, "tests", "fixtures",
                                            "schema2-demo.sql.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, &error);
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;

  ck_assert_msg (raw != NULL, "%s", error ? error->message : "");
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  out = g_memory_output_stream_new_resizable ();
  ck_assert_msg (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, &error) >= 0
                 && g_output_stream_write_all (out, "", 1, NULL, NULL, &error)  /* the text's NUL */
                 && g_output_stream_close (out, NULL, &error),
                 "%s", error ? error->message : "");
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
setup (void)
{
  g_autofree char *sql = NULL;
  sqlite3 *raw;
  char *message = NULL;

  test_util_dir_setup ();
  db_path = g_build_filename (test_dir, "field.db", NULL);
  sql = fixture_sql ();
  ck_assert_int_eq (sqlite3_open (db_path, &raw), SQLITE_OK);
  ck_assert_msg (sqlite3_exec (raw, sql, NULL, NULL, &message) == SQLITE_OK, "%s", message);
  sqlite3_close (raw);
}

static void
teardown (void)
{
  g_clear_pointer (&db_path, g_free);
  test_util_dir_teardown ();
}

static ContentStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  ContentStore *store = content_store_open (db_path, CONTENT_STORE_OPEN_DEFAULT, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  return store;
}

/* The rows @sql gives on the file @path, read without the library (so before any migration
 * too), one line each, columns separated by tabs, NULL spelt out. */
static GPtrArray *
rows (const char *path, const char *sql)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *raw;
  sqlite3_stmt *stmt;

  ck_assert_int_eq (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (raw));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (line, "%s%s", c > 0 ? "\t" : "", text != NULL ? text : "NULL");
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return lines;
}

static void
assert_same_rows (GPtrArray *before, GPtrArray *after, const char *what)
{
  for (guint i = 0; i < MIN (before->len, after->len); i++)
    ck_assert_msg (g_str_equal (before->pdata[i], after->pdata[i]), "%s: row %u was\n%s\nand is\n%s",
                   what, i, (char *) before->pdata[i], (char *) after->pdata[i]);
  ck_assert_msg (before->len == after->len, "%s: %u rows, then %u", what, before->len, after->len);
}

/* The migration leaves the database at this build's schema version, intact, its seq counter
 * where schema 2 left it. */
START_TEST (test_schema_version)
{
  g_autoptr(GPtrArray) version = rows (db_path, "PRAGMA user_version");
  g_autoptr(ContentStore) store = NULL;

  ck_assert_str_eq (version->pdata[0], "2");
  store = open_store ();
  ck_assert_int_eq (test_util_pragma (store, "PRAGMA user_version"), CONTENT_STORE_SCHEMA_VERSION);
  ck_assert_int_eq (test_util_seq (store), FIXTURE_SEQ);
  test_util_assert_integrity (store);
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}
END_TEST

/* Every column schema 2 had, of every item, text, topic, name, search document and rule part,
 * reads back the same after the migration (the demo content has no draft items: none moves). */
START_TEST (test_rows_kept)
{
  static const char *const queries[] = {
    "SELECT id, kind, status, sms_code, reviewed_on, reviewed_by, sources, details, seq FROM items ORDER BY id",
    "SELECT item_id, lang, title, summary, body, sms, keywords FROM item_texts ORDER BY item_id, lang",
    "SELECT item_id, topic_id, position FROM item_topics ORDER BY item_id, topic_id",
    "SELECT id, parent_id, position, icon, sms_code, seq FROM topics ORDER BY id",
    "SELECT topic_id, lang, name FROM topic_names ORDER BY topic_id, lang",
    "SELECT docid, item_id, lang, title, summary, body, keywords FROM search_docs ORDER BY docid",
    "SELECT kind, id, position, seq FROM rule_parts ORDER BY kind, id",
    "SELECT name, value FROM counter ORDER BY name",
    "SELECT what, id, seq FROM tombstones ORDER BY what, id",
  };
  GPtrArray *before[G_N_ELEMENTS (queries)];
  g_autoptr(ContentStore) store = NULL;

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    before[q] = rows (db_path, queries[q]);
  ck_assert_uint_eq (before[0]->len, FIXTURE_ITEMS);
  ck_assert_uint_eq (before[3]->len, FIXTURE_TOPICS);
  ck_assert_uint_eq (before[6]->len, FIXTURE_RULE_PARTS);
  store = open_store ();
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM items WHERE media <> '[]'"), 0);
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM topics WHERE pictogram IS NOT NULL"), 0);
  g_clear_object (&store);
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) after = rows (db_path, queries[q]);
      assert_same_rows (before[q], after, queries[q]);
      g_ptr_array_unref (before[q]);
    }
}
END_TEST

/* @node with each reason {"met": M, "not_met": N} replaced by M, as schema 2 wrote it; fails
 * the test unless N is M behind the "not met" prefix, in Vietnamese and English. */
static void
one_way_reasons (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        one_way_reasons (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonObject *reason = json_object_has_member (obj, "reason")
                           ? json_object_get_object_member (obj, "reason") : NULL;
      g_autoptr(GList) members = NULL;

      if (reason != NULL)
        {
          JsonObject *met = json_object_get_object_member (reason, "met");
          JsonObject *not_met = json_object_get_object_member (reason, "not_met");
          g_autofree char *vi = g_strconcat ("Không đáp ứng tiêu chí: ", json_object_get_string_member (met, "vi"), NULL);
          g_autofree char *en = g_strconcat ("Criterion not met: ", json_object_get_string_member (met, "en"), NULL);

          ck_assert_str_eq (json_object_get_string_member (not_met, "vi"), vi);
          ck_assert_str_eq (json_object_get_string_member (not_met, "en"), en);
          json_object_set_member (obj, "reason", json_node_copy (json_object_get_member (reason, "met")));
        }
      members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "reason"))
          one_way_reasons (json_object_get_member (obj, l->data));
    }
}

/* Schema 2 worded each reason once, as the criterion met. The migrated rules carry it as the met
 * wording and a not-met wording made from it, otherwise unchanged, and the whole set passes
 * today's checks (before, it did not: no rule could be published, nothing exported imported). */
START_TEST (test_reasons_both_ways)
{
  g_autoptr(GPtrArray) before = rows (db_path, "SELECT kind, id, definition FROM rule_parts ORDER BY kind, id");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ContentStore) store = open_store ();
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, NULL);
  guint reworded = 0;

  ck_assert_ptr_nonnull (rules);
  ck_assert_msg (content_rule_set_validate (rules, problems), "%u problems, first: %s", problems->len,
                 problems->len > 0 ? (char *) problems->pdata[0] : "");
  g_clear_object (&store);
  after = rows (db_path, "SELECT kind, id, definition FROM rule_parts ORDER BY kind, id");
  ck_assert_uint_eq (after->len, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_auto(GStrv) was = g_strsplit (before->pdata[i], "\t", 3);
      g_auto(GStrv) is = g_strsplit (after->pdata[i], "\t", 3);
      g_autoptr(JsonNode) old_def = json_from_string (was[2], NULL);
      g_autoptr(JsonNode) new_def = json_from_string (is[2], NULL);

      ck_assert_str_eq (was[0], is[0]);
      ck_assert_str_eq (was[1], is[1]);
      reworded += strstr (is[2], "\"not_met\"") != NULL;
      one_way_reasons (new_def);
      ck_assert_msg (json_node_equal (old_def, new_def), "%s %s changed beyond its reasons", is[0], is[1]);
    }
  /* Every condition and benefit rule of the demo has reasons. */
  ck_assert_uint_eq (reworded, 4 + 8);
}
END_TEST

/* The migrated store's export imports into a new store, which exports the same files again:
 * every record reads back whole, through today's importer and its checks. */
static void
assert_same_tree (const char *a, const char *b, guint *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (a, 0, NULL);
  const char *name;

  ck_assert_ptr_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *ta = NULL, *tb = NULL;

      if (g_file_test (pa, G_FILE_TEST_IS_DIR))
        {
          assert_same_tree (pa, pb, n_files);
          continue;
        }
      ck_assert_msg (g_file_get_contents (pa, &ta, NULL, NULL) && g_file_get_contents (pb, &tb, NULL, NULL),
                     "%s: missing from the second export", pb);
      ck_assert_msg (g_str_equal (ta, tb), "%s and %s differ", pa, pb);
      (*n_files)++;
    }
}

START_TEST (test_export_imports_again)
{
  g_autoptr(ContentStore) store = open_store ();
  g_autofree char *first = g_build_filename (test_dir, "first", NULL);
  g_autofree char *second = g_build_filename (test_dir, "second", NULL);
  g_autofree char *fresh_db = g_build_filename (test_dir, "fresh.db", NULL);
  g_autoptr(ContentStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0, n_back = 0;

  ck_assert_msg (content_store_export (store, first, &error), "%s", error ? error->message : "");
  fresh = content_store_open (fresh_db, CONTENT_STORE_OPEN_CREATE, &error);
  ck_assert_msg (fresh != NULL, "%s", error ? error->message : "");
  test_util_import (fresh, first);
  ck_assert_int_eq (test_util_pragma (fresh, "SELECT count(*) FROM items"), FIXTURE_ITEMS);
  ck_assert_int_eq (test_util_pragma (fresh, "SELECT count(*) FROM topics"), FIXTURE_TOPICS);
  ck_assert_int_eq (test_util_pragma (fresh, "SELECT count(*) FROM rule_parts"), FIXTURE_RULE_PARTS);
  ck_assert_msg (content_store_export (fresh, second, &error), "%s", error ? error->message : "");
  assert_same_tree (first, second, &n_files);
  assert_same_tree (second, first, &n_back);
  /* An item per file, topics.json, and the rule files. */
  ck_assert_uint_ge (n_files, FIXTURE_ITEMS + 1);
  ck_assert_uint_eq (n_files, n_back);
}
END_TEST

/* Every record has exactly one revision, a publish by "migration" holding the live record;
 * no drafts; every translation starts up to date with its Vietnamese. */
START_TEST (test_one_revision_each)
{
  g_autoptr(ContentStore) store = open_store ();
  g_autoptr(GPtrArray) revs = rows (db_path,
      "SELECT what, id, count(*), min(rev), min(action), max(action), min(author), max(author) "
      "FROM revisions GROUP BY what, id ORDER BY what, id");
  g_autoptr(GPtrArray) ids = content_store_list_item_ids (store, NULL);

  ck_assert_uint_eq (revs->len, FIXTURE_ITEMS + FIXTURE_TOPICS + FIXTURE_RULE_PARTS);
  for (guint i = 0; i < revs->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (revs->pdata[i], "\t", -1);
      ContentRef ref;
      g_autofree char *text = g_strdup_printf ("%s:%s", f[0], f[1]);
      g_autoptr(JsonNode) live = NULL;
      g_autoptr(JsonNode) first = NULL;
      gboolean found = FALSE;

      ck_assert_msg (g_str_equal (f[2], "1") && g_str_equal (f[3], "1"), "%s: %s revisions", text, f[2]);
      ck_assert_str_eq (f[4], "publish");
      ck_assert_str_eq (f[5], "publish");
      ck_assert_str_eq (f[6], "migration");
      ck_assert_str_eq (f[7], "migration");
      ck_assert_msg (content_ref_parse (text, &ref, NULL), "%s", text);
      live = content_store_get_live_record (store, ref.kind, ref.id, NULL);
      first = content_store_get_revision (store, &ref, 1, &found, NULL);
      ck_assert_msg (found && live != NULL && first != NULL && json_node_equal (live, first),
                     "%s: the first revision is not the live record", text);
      g_free (ref.id);
    }
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM drafts"), 0);
  ck_assert_uint_eq (ids->len, FIXTURE_ITEMS);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) states = content_store_list_translation_states (store, ids->pdata[i], NULL);
      ck_assert_ptr_nonnull (states);
      ck_assert_uint_ge (states->len, 1);  /* every demo item is in English too */
      for (guint s = 0; s < states->len; s++)
        ck_assert_msg (!((ContentTranslationState *) states->pdata[s])->needs_review,
                       "%s: %s needs review", (char *) ids->pdata[i],
                       ((ContentTranslationState *) states->pdata[s])->lang);
    }
}
END_TEST

static gboolean
finds (ContentStore *store, const char *query, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = content_store_search (store, query, NULL, &error);

  ck_assert_msg (results != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((ContentSearchResult *) results->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

/* The search index schema 2 built still answers, folded as people type. */
START_TEST (test_search)
{
  g_autoptr(ContentStore) store = open_store ();

  ck_assert (finds (store, "dat dai", "law-dat-dai-2024"));
  ck_assert (finds (store, "hon nhan", "law-hon-nhan-gia-dinh-2014"));
  ck_assert (finds (store, "honnhan", "law-hon-nhan-gia-dinh-2014"));
  ck_assert (!finds (store, "dat dai", "law-hon-nhan-gia-dinh-2014"));
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM search_docs"), 2 * FIXTURE_ITEMS);
}
END_TEST

static ContentBenefitResult *
benefit (GPtrArray *results, const char *id)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((ContentBenefitResult *) results->pdata[i])->benefit, id))
      return results->pdata[i];
  ck_abort_msg ("no verdict for %s", id);
  return NULL;
}

static gboolean
has (GPtrArray *list, const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* Schema 2 stored no case tables. The tables that shipped with those rules (tests/eligibility/
 * then, content/seed/rules/cases/ now, unchanged) give the same verdicts on the migrated rules;
 * and a screening tells its reasons, each worded for its outcome. */
START_TEST (test_eligibility)
{
  static const char *const tables[] = { "cases-age-and-dates.json", "cases-dont-know.json",
                                        "cases-income-and-household.json" };
  g_autoptr(ContentStore) store = open_store ();
  g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, NULL);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ContentScreening) screening = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;
  ContentBenefitResult *r;

  ck_assert_ptr_nonnull (rules);
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *file = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", "rules", "cases",
                                                tables[i], NULL);
      guint n = 0;
      ck_assert_msg (content_rule_cases_run (rules, file, failures, &n, &error), "%s", error ? error->message : "");
      ck_assert_uint_gt (n, 0);
      total += n;
    }
  ck_assert_msg (failures->len == 0, "%u of %u cases fail, first: %s", failures->len, total,
                 failures->len > 0 ? (char *) failures->pdata[0] : "");

  /* 70, no pension, on no list, not of a minority, in town, in mid-2025. */
  screening = content_screening_new (rules, "2025-06-01", "en", &error);
  ck_assert_msg (screening != NULL, "%s", error ? error->message : "");
  ck_assert (content_screening_answer (screening, "age", "70", NULL));
  ck_assert (content_screening_answer (screening, "has_pension", "no", NULL));
  ck_assert (content_screening_answer (screening, "household", "none", NULL));
  ck_assert (content_screening_answer (screening, "ethnic_minority", "no", NULL));
  ck_assert (content_screening_answer (screening, "area", "urban", NULL));
  results = content_screening_evaluate (screening);
  r = benefit (results, "health-insurance-support");
  ck_assert_int_eq (r->verdict, CONTENT_VERDICT_ELIGIBLE);
  ck_assert (has (r->met, "Aged 70 to 79 without a pension (Res. 21/2021/NQ-HĐND)"));
  r = benefit (results, "ntp1719-housing");
  ck_assert_int_eq (r->verdict, CONTENT_VERDICT_NOT_ELIGIBLE);
  ck_assert_uint_gt (r->not_met->len, 0);
  for (guint i = 0; i < r->not_met->len; i++)
    ck_assert (g_str_has_prefix (r->not_met->pdata[i], "Criterion not met: "));
}
END_TEST

/* Opening the migrated store again migrates nothing and changes nothing. */
START_TEST (test_second_open_changes_nothing)
{
  g_autoptr(ContentStore) store = open_store ();
  g_autofree char *live = test_util_describe_live (store);
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) revs_again = NULL;
  g_autofree char *live_again = NULL;
  gint64 changes;

  g_clear_object (&store);
  revs = rows (db_path, "SELECT what, id, rev, action, author, at, record, vi_rev FROM revisions ORDER BY 1, 2, 3");
  store = open_store ();
  changes = sqlite3_total_changes (content_store_get_db (store));
  live_again = test_util_describe_live (store);
  ck_assert_int_eq (test_util_pragma (store, "PRAGMA user_version"), CONTENT_STORE_SCHEMA_VERSION);
  ck_assert_int_eq (test_util_seq (store), FIXTURE_SEQ);
  g_clear_object (&store);
  revs_again = rows (db_path, "SELECT what, id, rev, action, author, at, record, vi_rev FROM revisions ORDER BY 1, 2, 3");
  ck_assert_int_eq (changes, 0);
  ck_assert_str_eq (live, live_again);
  assert_same_rows (revs, revs_again, "revisions");
}
END_TEST

/* Sets the Vietnamese not-met wording of the first reason under @node; fails without one. */
static gboolean
set_not_met (JsonNode *node, const char *text)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (set_not_met (json_array_get_element (array, i), text))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      if (json_object_has_member (obj, "reason"))
        {
          JsonObject *reason = json_object_get_object_member (obj, "reason");
          json_object_set_string_member (json_object_get_object_member (reason, "not_met"), "vi", text);
          return TRUE;
        }
      members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        if (set_not_met (json_object_get_member (obj, l->data), text))
          return TRUE;
    }
  return FALSE;
}

static void
first_not_met (JsonNode *node, const char *text)
{
  ck_assert (set_not_met (node, text));
}

/* An officer's edit of a migrated item, and of a migrated rule, saves as a draft and publishes,
 * each taking the next seq above what schema 2 left. */
START_TEST (test_publish_after_migration)
{
  g_autoptr(ContentStore) store = open_store ();
  ContentRef item = { CONTENT_RECORD_ITEM, (char *) "guide-cam-trong-rung" };
  ContentRef rule = { CONTENT_RECORD_RULE, (char *) "social-pension" };
  g_autoptr(JsonNode) record = content_store_get_live_record (store, item.kind, item.id, NULL);
  g_autoptr(JsonNode) rule_record = content_store_get_live_record (store, rule.kind, rule.id, NULL);
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  ContentChange change = { "officer-7", TRUE };
  JsonObject *vi;
  ContentRef both[2];

  ck_assert_ptr_nonnull (record);
  ck_assert_ptr_nonnull (rule_record);
  vi = json_object_get_object_member (json_object_get_object_member (json_node_get_object (record), "texts"), "vi");
  json_object_set_string_member (vi, "title", "Ở gần rừng thì không được làm gì?");
  /* A clearer not-met wording for the rule's first reason, as an officer would write it. */
  first_not_met (rule_record, "Chưa đủ điều kiện hưởng trợ cấp hưu trí xã hội");
  content_importer_set_change (importer, &change);
  content_importer_add_record (importer, &item, record, "edit");
  content_importer_add_record (importer, &rule, rule_record, "edit");
  ck_assert_msg (content_importer_commit (importer, NULL, NULL, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_seq (store), FIXTURE_SEQ);

  both[0] = item;
  both[1] = rule;
  ck_assert_msg (content_store_publish (store, both, 2, "officer-7", CONTENT_PUBLISH_DEFAULT, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_seq (store), FIXTURE_SEQ + 2);
  ck_assert_int_gt (test_util_pragma (store, "SELECT seq FROM items WHERE id = 'guide-cam-trong-rung'"), FIXTURE_SEQ);
  ck_assert_int_gt (test_util_pragma (store, "SELECT seq FROM rule_parts WHERE kind = 'rule' AND id = 'social-pension'"),
                    FIXTURE_SEQ);
  revisions = content_store_list_revisions (store, &item, NULL);
  ck_assert_uint_eq (revisions->len, 3);  /* migration, save, publish */
  ck_assert_str_eq (((ContentRevision *) revisions->pdata[2])->author, "officer-7");
  ck_assert (finds (store, "gan rung", "guide-cam-trong-rung"));
}
END_TEST

/* Schema 5's mark: every revision the field database held was published unmarked. */
START_TEST (test_revisions_unmarked)
{
  g_autoptr(ContentStore) store = open_store ();

  ck_assert_int_gt (test_util_pragma (store, "SELECT count(*) FROM revisions"), 0);
  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM revisions WHERE important <> 0"), 0);
}
END_TEST

/* Schema 6's table of the marks a replica applied: there, and empty (a replica at schema 5
 * dropped the marks; the next marked correction brings its own). */
START_TEST (test_replica_marks_empty)
{
  g_autoptr(ContentStore) store = open_store ();

  ck_assert_int_eq (test_util_pragma (store, "SELECT count(*) FROM replica_important"), 0);
}
END_TEST

static Suite *
migration_suite (void)
{
  Suite *s = suite_create ("migration");
  TCase *tc = tcase_create ("schema 2 demo");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_schema_version);
  tcase_add_test (tc, test_rows_kept);
  tcase_add_test (tc, test_reasons_both_ways);
  tcase_add_test (tc, test_export_imports_again);
  tcase_add_test (tc, test_one_revision_each);
  tcase_add_test (tc, test_search);
  tcase_add_test (tc, test_eligibility);
  tcase_add_test (tc, test_second_open_changes_nothing);
  tcase_add_test (tc, test_publish_after_migration);
  tcase_add_test (tc, test_revisions_unmarked);
  tcase_add_test (tc, test_replica_marks_empty);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (migration_suite ());
}
