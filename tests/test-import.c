/* test-import.c: imports land whole or not at all, and every problem names its place. */
#include "content-store-private.h"
#include "content-error.h"
#include "content-exporter.h"
#include "content-importer.h"
#include "test-util.h"

#include <string.h>

static ContentStore *store;

/* A good law and guide, and a topic tree, to start from and to break. */
static const char topics_json[] =
  "{\"topics\": ["
  " {\"id\": \"law\", \"parent\": null, \"icon\": \"x\", \"sms_code\": \"LUAT\", \"names\": {\"vi\": \"Pháp luật\", \"en\": \"Law\"}},"
  " {\"id\": \"law-family\", \"parent\": \"law\", \"icon\": \"y\", \"sms_code\": \"GIADINH\", \"names\": {\"vi\": \"Gia đình\"}}]}";

#define LAW(id, code, title) \
  "{\"id\": \"" id "\", \"kind\": \"law\", \"status\": \"published\", \"sms_code\": \"" code "\"," \
  " \"topics\": [\"law-family\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"sample\"," \
  " \"sources\": [{\"title\": \"Luật 52/2014/QH13\", \"url\": \"https://vbpl.vn/\"}]," \
  " \"law\": {\"number\": \"52/2014/QH13\", \"type\": \"law\", \"issuer\": \"Quốc hội\", \"signer\": null," \
  "  \"issued_on\": \"2014-06-19\", \"effective_from\": \"2015-01-01\", \"effective_to\": null," \
  "  \"status\": \"in_force\", \"relations\": []}," \
  " \"texts\": {\"vi\": {\"title\": \"" title "\", \"body\": \"Nam **20**.\", \"keywords\": [\"tao hon\"]}," \
  "           \"en\": {\"title\": \"Marriage\"}}}"

static const char good_law[] = LAW ("law-hon-nhan", "HONNHAN", "Luật Hôn nhân");

static void
setup (void)
{
  g_autofree char *db = NULL, *base = NULL;

  test_util_dir_setup ();
  db = g_build_filename (test_dir, "content.db", NULL);
  base = g_build_filename (test_dir, "base", NULL);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  g_free (test_util_write (base, "topics.json", topics_json));
  g_free (test_util_write (base, "law/law-hon-nhan.json", good_law));
  test_util_import (store, base);
}

static void
teardown (void)
{
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* Every row of every table, as text: equal fingerprints mean equal databases. */
static char *
fingerprint (void)
{
  static const char *const tables[] = { "counter", "topics", "topic_names", "items", "item_texts",
                                        "item_topics", "tombstones", "search_docs", "rule_parts" };
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt;
      ck_assert_int_eq (sqlite3_prepare_v2 (content_store_get_db (store), sql, -1, &stmt, NULL), SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      sqlite3_finalize (stmt);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, -1);
}

/* Imports @files (name, content pairs, NULL-terminated) and expects failure whose message
 * contains each of @expect (NULL-terminated), with the database unchanged. */
static void
expect_rejected (const char *const *files, const char *const *expect)
{
  g_autofree char *before = fingerprint ();
  g_autofree char *after = NULL;
  g_autofree char *sub = g_build_filename (test_dir, "in", NULL);
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; files[i] != NULL; i += 2)
    g_free (test_util_write (sub, files[i], files[i + 1]));
  ck_assert (content_importer_add_path (importer, sub, &error));
  ck_assert (!content_importer_commit (importer, NULL, NULL, &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT));
  for (gsize i = 0; expect[i] != NULL; i++)
    ck_assert_msg (strstr (error->message, expect[i]) != NULL,
                   "“%s” not in the message:\n%s", expect[i], error->message);
  after = fingerprint ();
  ck_assert_str_eq (before, after);
}

#define FILES(...) (const char *const[]) { __VA_ARGS__, NULL }

START_TEST (test_malformed_json)
{
  expect_rejected (FILES ("law/law-x.json", "{\"id\": \"law-x\", \"kind\": "),
                   FILES ("law/law-x.json", "not valid JSON"));
}
END_TEST

START_TEST (test_unknown_field)
{
  g_autofree char *law = g_strdup (good_law);
  g_autofree char *bad = NULL;

  bad = g_strconcat ("{\"colour\": \"red\", ", law + 1, NULL);
  expect_rejected (FILES ("law/law-hon-nhan.json", bad),
                   FILES ("law-hon-nhan.json", "item law-hon-nhan", "colour", "not a known field"));
}
END_TEST

START_TEST (test_missing_vietnamese_title)
{
  const char *bad = LAW ("law-b", "LAWB", "");
  expect_rejected (FILES ("law/law-b.json", bad),
                   FILES ("law-b.json: item law-b: texts.vi.title: must not be empty"));
}
END_TEST

START_TEST (test_missing_vietnamese_text)
{
  g_autofree char *bad = g_strdup (LAW ("law-c", "LAWC", "X"));
  char *vi = strstr (bad, "\"vi\"");
  vi[1] = 't'; vi[2] = 'y';  /* "vi" becomes "ty": not a language either */
  expect_rejected (FILES ("law/law-c.json", bad),
                   FILES ("item law-c: texts.vi: is required", "texts.ty", "not a language"));
}
END_TEST

START_TEST (test_same_id_twice)
{
  expect_rejected (FILES ("law/law-d.json", LAW ("law-d", "LAWD", "A"),
                          "bundle.json", "{\"items\": [" LAW ("law-d", "LAWE", "B") "]}"),
                   FILES ("item law-d: id: the same id is also given in"));
}
END_TEST

START_TEST (test_broken_utf8)
{
  expect_rejected (FILES ("law/law-e.json", "{\"id\": \"law-e\",\n \"kind\": \"l\xe1w\"}"),
                   FILES ("law-e.json: line 2: not valid UTF-8"));
}
END_TEST

/* An empty or blank file is a problem naming it, in a kind's folder, a bundle and the rules. */
START_TEST (test_empty_files)
{
  expect_rejected (FILES ("law/law-f.json", "", "bundle.json", " \n\t\n", "rules/empty.json", ""),
                   FILES ("law-f.json: empty", "bundle.json: empty", "rules/empty.json: empty"));
}
END_TEST

START_TEST (test_sms_code_used_twice)
{
  /* Against the database, and within one import. */
  expect_rejected (FILES ("law/law-f.json", LAW ("law-f", "HONNHAN", "F"),
                          "law/law-g.json", LAW ("law-g", "LUATG", "G"),
                          "law/law-h.json", LAW ("law-h", "LUATG", "H")),
                   FILES ("item law-f: sms_code: “HONNHAN” already belongs to item law-hon-nhan",
                          "item law-h: sms_code: “LUATG” is also the code of item law-g"));
}
END_TEST

START_TEST (test_sms_code_of_a_topic)
{
  expect_rejected (FILES ("law/law-i.json", LAW ("law-i", "GIADINH", "I")),
                   FILES ("item law-i: sms_code: “GIADINH” already belongs to topic law-family"));
}
END_TEST

START_TEST (test_unknown_topic)
{
  g_autofree char *bad = g_strdup (LAW ("law-j", "LAWJ", "J"));
  g_autofree char *swapped = NULL;
  char *at = strstr (bad, "law-family");
  *at = '\0';
  swapped = g_strconcat (bad, "law-famly", at + strlen ("law-family"), NULL);
  expect_rejected (FILES ("law/law-j.json", swapped),
                   FILES ("law-j.json: item law-j: topics[0]: no topic “law-famly”"));
}
END_TEST

START_TEST (test_topic_listed_twice)
{
  g_autofree char *bad = g_strdup (LAW ("law-t", "LAWT", "T"));
  g_autofree char *twice = NULL;
  char *at = strstr (bad, "\"law-family\"");
  *at = '\0';
  twice = g_strconcat (bad, "\"law-family\", \"law-family\"", at + strlen ("\"law-family\""), NULL);
  expect_rejected (FILES ("law/law-t.json", twice),
                   FILES ("law-t.json: item law-t: topics[0]: “law-family” is listed twice"));
}
END_TEST

START_TEST (test_guide_of_missing_law)
{
  const char *guide =
    "{\"id\": \"guide-k\", \"kind\": \"guide\", \"status\": \"draft\", \"topics\": [],"
    " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"x\", \"sources\": [{\"title\": \"s\"}],"
    " \"guide\": {\"laws\": [\"law-hon-nhan\", \"law-nowhere\"]}, \"texts\": {\"vi\": {\"title\": \"K\"}}}";
  expect_rejected (FILES ("guide/guide-k.json", guide),
                   FILES ("item guide-k: guide.laws[1]: no item “law-nowhere”"));
}
END_TEST

START_TEST (test_bad_fields_are_all_reported)
{
  const char *product =
    "{\"id\": \"product-l\", \"kind\": \"product\", \"status\": \"published\", \"topics\": [],"
    " \"reviewed_on\": \"2026-13-01\", \"reviewed_by\": \"x\", \"sources\": [],"
    " \"product\": {\"stars\": 6, \"year_rated\": 2024, \"producer\": \"p\", \"commune\": \"c\","
    "  \"category\": \"toys\", \"price\": null, \"phone\": null}, \"texts\": {\"vi\": {\"title\": \"L\"}}}";
  expect_rejected (FILES ("product/product-l.json", product),
                   FILES ("reviewed_on: must be a date", "sources: must have at least one",
                          "product.stars: must be between 3 and 5", "product.category: must be one of"));
}
END_TEST

START_TEST (test_kind_must_match_folder)
{
  expect_rejected (FILES ("guide/law-m.json", LAW ("law-m", "LAWM", "M")),
                   FILES ("item law-m: kind: is “law” but the file is in the folder for guide"));
}
END_TEST

START_TEST (test_topic_cycle)
{
  const char *topics =
    "{\"topics\": [{\"id\": \"law\", \"parent\": \"law-family\", \"sms_code\": \"LUAT\", \"names\": {\"vi\": \"L\"}}]}";
  expect_rejected (FILES ("topics.json", topics), FILES ("topic law: parent: the topic tree would have a cycle"));
}
END_TEST

/* A small rule set to break: a yes/no question, a number question, a parameter, a rule. */
#define BENEFIT_ITEM \
  "{\"id\": \"benefit-x\", \"kind\": \"benefit\", \"status\": \"published\", \"topics\": []," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"t\", \"sources\": [{\"title\": \"s\"}]," \
  " \"benefit\": {\"amount\": {\"vi\": \"a\"}, \"amount_vnd\": null, \"amount_period\": null," \
  "  \"apply_at\": {\"vi\": \"xa\"}, \"documents\": {\"vi\": []}, \"legal_basis\": [\"1/2025\"]," \
  "  \"valid_from\": null, \"valid_to\": null}, \"texts\": {\"vi\": {\"title\": \"X\"}}}"
#define QUESTIONS \
  "{\"questions\": [" \
  " {\"id\": \"old\", \"type\": \"yes_no\", \"text\": {\"vi\": \"Già?\"}, \"sms\": {\"vi\": \"Gia?\"}}," \
  " {\"id\": \"age\", \"type\": \"number\", \"text\": {\"vi\": \"Tuổi?\"}, \"sms\": {\"vi\": \"Tuoi?\"}," \
  "  \"unit\": {\"vi\": \"tuổi\"}, \"min\": 0, \"max\": 120}]}"
/* A criterion's reason, worded both ways. */
#define REASON(met, not_met) \
  "\"reason\": {\"met\": {\"vi\": \"" met "\"}, \"not_met\": {\"vi\": \"" not_met "\"}}"
#define RULE(condition) \
  "{\"benefit\": \"benefit-x\", \"versions\": [{\"from\": \"2025-01-01\", \"to\": null, " \
  "\"condition\": " condition "}]}"

START_TEST (test_rules_unknown_question)
{
  expect_rejected (FILES ("benefit/benefit-x.json", BENEFIT_ITEM, "rules/questions.json", QUESTIONS,
                          "rules/benefit-x.json",
                          RULE ("{\"question\": \"height\", \"op\": \">\", \"value\": 150, " REASON ("Cao", "Thấp") "}")),
                   FILES ("rules/benefit-x.json: rule benefit-x: versions[0].condition.question: no question “height”"));
}
END_TEST

START_TEST (test_rules_type_mismatch)
{
  expect_rejected (FILES ("benefit/benefit-x.json", BENEFIT_ITEM, "rules/questions.json", QUESTIONS,
                          "rules/benefit-x.json",
                          RULE ("{\"all\": [{\"question\": \"old\", \"op\": \">=\", \"value\": 60, " REASON ("Già", "Chưa già") "},"
                                " {\"question\": \"age\", \"op\": \">=\", \"value\": \"sixty\", " REASON ("Đủ tuổi", "Chưa đủ tuổi") "}]}")),
                   FILES ("versions[0].condition.all[0].op: must be = or != for the yes/no question old",
                          "versions[0].condition.all[1].value: must be a number: age is a number question"));
}
END_TEST

START_TEST (test_rules_reason_without_vietnamese)
{
  expect_rejected (FILES ("benefit/benefit-x.json", BENEFIT_ITEM, "rules/questions.json", QUESTIONS,
                          "rules/benefit-x.json",
                          RULE ("{\"question\": \"old\", \"op\": \"=\", \"value\": true, \"reason\":"
                                " {\"met\": {\"en\": \"Old\"}, \"not_met\": {\"vi\": \"Chưa già\"}}}")),
                   FILES ("versions[0].condition.reason.met: has no Vietnamese (\"vi\") text"));
}
END_TEST

START_TEST (test_rules_cycle)
{
  const char *conditions =
    "{\"conditions\": [{\"id\": \"a\", \"condition\": {\"ref\": \"b\"}},"
    "                  {\"id\": \"b\", \"condition\": {\"any\": [{\"ref\": \"a\"}]}}]}";
  expect_rejected (FILES ("benefit/benefit-x.json", BENEFIT_ITEM, "rules/questions.json", QUESTIONS,
                          "rules/conditions.json", conditions, "rules/benefit-x.json", RULE ("{\"ref\": \"a\"}")),
                   FILES ("rules/conditions.json: condition a: condition: refers back to itself",
                          "rules/conditions.json: condition b: condition: refers back to itself"));
}
END_TEST

START_TEST (test_rules_of_missing_benefit_and_overlaps)
{
  const char *rule =
    "{\"benefit\": \"benefit-y\", \"versions\": ["
    " {\"from\": \"2025-01-01\", \"to\": \"2025-12-31\", \"condition\": {\"ref\": \"z\"}},"
    " {\"from\": \"2025-06-01\", \"to\": null, \"condition\": {\"ref\": \"z\"}}]}";
  expect_rejected (FILES ("rules/questions.json", QUESTIONS, "rules/benefit-y.json", rule),
                   FILES ("rule benefit-y: benefit: no benefit item “benefit-y”",
                          "rule benefit-y: versions[0]: overlaps versions[1]",
                          "versions[0].condition.ref: no named condition “z”"));
}
END_TEST

/* Export, import into an empty database, export again: the two exports are the same files. */
static void
assert_same_tree (const char *a, const char *b)
{
  g_autoptr(GDir) d = g_dir_open (a, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *ca = NULL, *cb = NULL;

      n++;
      if (g_file_test (pa, G_FILE_TEST_IS_DIR))
        {
          assert_same_tree (pa, pb);
          continue;
        }
      ck_assert_msg (g_file_get_contents (pb, &cb, NULL, NULL), "%s is missing", pb);
      g_file_get_contents (pa, &ca, NULL, NULL);
      ck_assert_msg (g_str_equal (ca, cb), "%s differs from %s", pa, pb);
    }
  ck_assert_uint_gt (n, 0);
}

START_TEST (test_round_trip_of_the_sample_content)
{
  g_autoptr(ContentStore) seed = test_util_seed_store (test_dir);
  g_autofree char *out1 = g_build_filename (test_dir, "export1", NULL);
  g_autofree char *out2 = g_build_filename (test_dir, "export2", NULL);
  g_autofree char *db2 = g_build_filename (test_dir, "copy.db", NULL);
  g_autoptr(ContentStore) copy = content_store_open (db2, CONTENT_STORE_OPEN_CREATE, NULL);
  g_autoptr(ContentImporter) importer = content_importer_new (copy);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = content_store_list_item_ids (seed, NULL);

  ck_assert_uint_ge (ids->len, 50);
  ck_assert_msg (content_store_export (seed, out1, &error), "%s", error ? error->message : "");
  ck_assert (content_importer_add_path (importer, out1, &error));
  ck_assert_msg (content_importer_commit (importer, NULL, NULL, &error), "%s", error ? error->message : "");
  ck_assert (content_store_export (copy, out2, &error));
  assert_same_tree (out1, out2);
  assert_same_tree (out2, out1);
  /* Exporting into a directory with files in it is refused. */
  ck_assert (!content_store_export (copy, out2, &error));
}
END_TEST

/* A bundle is read element by element: problems name the line an element starts on, and a
 * bundle cut short changes nothing. */
START_TEST (test_bundle_read_by_element)
{
  expect_rejected (FILES ("bundle.json", "{\"items\": [\n" LAW ("law-j", "LAWJ", "J") ",\n"
                                         "{\"id\": \"law-k\", \"kind\" \"law\"}]}"),
                   FILES ("bundle.json: line 3: not valid JSON (an element of items)"));
  expect_rejected (FILES ("bundle.json", "{\"items\": [" LAW ("law-j", "LAWJ", "J") ", {\"id\": "),
                   FILES ("bundle.json: not valid JSON: line 1: the file ends where"));
  expect_rejected (FILES ("bundle.json", "{\"items\": [\n\n" LAW ("law-j", "LAWJ", "\xe1") "]}"),
                   FILES ("bundle.json: line 3: not valid UTF-8"));
  expect_rejected (FILES ("bundle.json", "{\"items\": {}, \"notes\": []}"),
                   FILES ("bundle.json: items: must be an array", "bundle.json: notes: is not a known field"));
}
END_TEST

/* Brackets and escapes in a bundle's strings are text like any other. */
START_TEST (test_bundle_strings_with_brackets)
{
  g_autofree char *path = test_util_write (test_dir, "in/bundle.json",
      "{\"items\": [" LAW ("law-l", "LAWL", "Điều 1]}, [\\\"x\\\"] {") "], \"topics\": []}");
  g_autoptr(ContentItem) item = NULL;

  test_util_import (store, path);
  item = content_store_get_item (store, "law-l", NULL);
  ck_assert_str_eq (content_item_get_text (item, "vi")->title, "Điều 1]}, [\"x\"] {");
}
END_TEST

/* The files are read again to be written: one changed in between fails the import whole. */
START_TEST (test_file_changed_before_commit)
{
  g_autofree char *before = fingerprint ();
  g_autofree char *after = NULL;
  g_autofree char *sub = g_build_filename (test_dir, "in", NULL);
  g_autofree char *path = test_util_write (sub, "bundle.json", "{\"items\": [" LAW ("law-m", "LAWM", "M") "]}");
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;

  g_free (test_util_write (sub, "law/law-n.json", LAW ("law-n", "LAWN", "N")));
  ck_assert (content_importer_add_path (importer, sub, &error));
  g_free (test_util_write (sub, "bundle.json", "{\"items\": [" LAW ("law-m", "LAWM", "M2") "]}"));
  ck_assert (!content_importer_commit (importer, NULL, NULL, &error));
  ck_assert_msg (strstr (error->message, "bundle.json: changed while it was being imported") != NULL,
                 "%s", error->message);
  after = fingerprint ();
  ck_assert_str_eq (before, after);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("import");
  TCase *bad = tcase_create ("bad input");
  TCase *trip = tcase_create ("round trip");

  tcase_add_checked_fixture (bad, setup, teardown);
  tcase_add_test (bad, test_malformed_json);
  tcase_add_test (bad, test_unknown_field);
  tcase_add_test (bad, test_missing_vietnamese_title);
  tcase_add_test (bad, test_missing_vietnamese_text);
  tcase_add_test (bad, test_same_id_twice);
  tcase_add_test (bad, test_broken_utf8);
  tcase_add_test (bad, test_empty_files);
  tcase_add_test (bad, test_sms_code_used_twice);
  tcase_add_test (bad, test_sms_code_of_a_topic);
  tcase_add_test (bad, test_unknown_topic);
  tcase_add_test (bad, test_guide_of_missing_law);
  tcase_add_test (bad, test_topic_listed_twice);
  tcase_add_test (bad, test_bad_fields_are_all_reported);
  tcase_add_test (bad, test_kind_must_match_folder);
  tcase_add_test (bad, test_topic_cycle);
  tcase_add_test (bad, test_rules_unknown_question);
  tcase_add_test (bad, test_rules_type_mismatch);
  tcase_add_test (bad, test_rules_reason_without_vietnamese);
  tcase_add_test (bad, test_rules_cycle);
  tcase_add_test (bad, test_rules_of_missing_benefit_and_overlaps);
  tcase_add_test (bad, test_bundle_read_by_element);
  tcase_add_test (bad, test_bundle_strings_with_brackets);
  tcase_add_test (bad, test_file_changed_before_commit);
  suite_add_tcase (s, bad);
  tcase_add_checked_fixture (trip, setup, teardown);
  tcase_add_test (trip, test_round_trip_of_the_sample_content);
  suite_add_tcase (s, trip);
  return test_util_run (s);
}
