/* test-hub-pages.c: the hub's topic and rule pages and the item editor's preview, against a
 * real HubServer on 127.0.0.1 holding the sample content.
 *
 * What matters to officers is checked through HTTP as a browser would see it: a topic edit is
 * a draft until published, an SMS code clash is refused beside its field, a parameter change
 * that breaks a case table cannot be published and the failing cases are listed, and a body's
 * preview shows markup as text while linking item codes.
 */
#include "test-util.h"
#include "test-hub-util.h"

#include "content-drafts.h"
#include "content-rule-set.h"

static ContentStore *store;
static HubDb *db;
static HubTestServer *server;
static HubTestOfficer *publisher;
static HubTestOfficer *editor;

static void
setup (void)
{
  HubTestScene scene = { 0 };

  test_util_dir_setup ();
  hub_test_scene_start (&scene);
  store = scene.store;
  db = scene.db;
  server = scene.server;
  publisher = scene.publisher;
  editor = scene.editor;
}

static void
teardown (void)
{
  HubTestScene scene = { store, db, server, publisher, editor };

  hub_test_scene_stop (&scene);
  store = NULL;
  db = NULL;
  server = NULL;
  publisher = editor = NULL;
  test_util_dir_teardown ();
}

/* Posts law-family's form with @name as its Vietnamese name and @code as its SMS code. */
static char *
post_topic (const HubTestOfficer *officer, const char *name, const char *code, guint *status)
{
  return hub_test_post (server, officer, "/topics/law-family", status,
                        "names.vi", name, "names.en", "Marriage, family and children", "parent", "law",
                        "sms_code", code, "icon", "system-users-symbolic", NULL);
}

START_TEST (test_topic_list)
{
  guint status;
  g_autofree char *page = hub_test_get (server, editor, "/topics", &status);

  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (strstr (page, "href=\"/topics/law-family\""));
  ck_assert_ptr_nonnull (strstr (page, "Hôn nhân và gia đình"));
  ck_assert_ptr_nonnull (strstr (page, "Marriage and family"));
  ck_assert_ptr_nonnull (strstr (page, "GIADINH"));
}
END_TEST

START_TEST (test_topic_draft_then_published)
{
  guint status;
  g_autofree char *saved = post_topic (editor, "Hôn nhân, gia đình và trẻ em", "GIADINH", &status);
  g_autoptr(ContentTopic) before = NULL, after = NULL;
  g_autofree char *published = NULL;

  ck_assert_uint_eq (status, 303);
  ck_assert (g_str_has_suffix (saved, "/topics/law-family?saved=1"));
  /* A draft: villagers still see the live name. */
  before = content_store_get_topic (store, "law-family", NULL);
  ck_assert_str_eq (content_topic_get_name (before, "vi", NULL), "Hôn nhân và gia đình");

  published = hub_test_post (server, publisher, "/topics/law-family/publish", &status, NULL);
  ck_assert_uint_eq (status, 303);
  after = content_store_get_topic (store, "law-family", NULL);
  ck_assert_str_eq (content_topic_get_name (after, "vi", NULL), "Hôn nhân, gia đình và trẻ em");
  ck_assert_str_eq (content_topic_get_name (after, "en", NULL), "Marriage, family and children");
}
END_TEST

START_TEST (test_topic_editor_cannot_publish)
{
  guint status;
  g_autofree char *saved = post_topic (editor, "Gia đình", "GIADINH", &status);
  g_autofree char *refused = hub_test_post (server, editor, "/topics/law-family/publish", &status, NULL);
  g_autoptr(ContentTopic) topic = content_store_get_topic (store, "law-family", NULL);

  ck_assert_uint_eq (status, 403);
  ck_assert_str_eq (content_topic_get_name (topic, "vi", NULL), "Hôn nhân và gia đình");
}
END_TEST

START_TEST (test_topic_sms_code_clash)
{
  guint status;
  g_autofree char *page = post_topic (editor, "Gia đình", "CUTRU", &status);
  ContentRef ref = { CONTENT_RECORD_TOPIC, "law-family" };
  g_autoptr(JsonNode) draft = content_store_get_draft (store, &ref, NULL);

  ck_assert_uint_eq (status, 422);
  /* Beside the code's input, naming the item that holds it. */
  ck_assert_ptr_nonnull (strstr (page, "class=\"field-problem\" role=\"alert\">“CUTRU” already belongs to item law-cu-tru-2020"));
  ck_assert_ptr_null (draft);
}
END_TEST

START_TEST (test_new_topic)
{
  guint status;
  g_autofree char *saved = hub_test_post (server, editor, "/topics/new", &status, "id", "law-children",
                                          "names.vi", "Trẻ em <b>", "parent", "law", "sms_code", "TREEM", "icon", "", NULL);
  g_autofree char *list = NULL;

  ck_assert_uint_eq (status, 303);
  list = hub_test_get (server, editor, "/topics", &status);
  ck_assert_ptr_nonnull (strstr (list, "href=\"/topics/law-children\""));
  ck_assert_ptr_null (content_store_get_topic (store, "law-children", NULL));
  g_free (list);
  list = hub_test_get (server, editor, "/topics/law-children", &status);
  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (strstr (list, "value=\"Trẻ em &lt;b&gt;\""));
}
END_TEST

/* The poverty line of 2023–2025 lowered to 1 đồng: households the case tables call poor are not. */
static char *
post_poverty_line (guint *status)
{
  return hub_test_post (server, editor, "/rules/parameter/poverty_line_rural", status, "unit", "VND/person/month",
                        "values.0.from", "2022-01-01", "values.0.to", "2022-12-31", "values.0.value", "1500000",
                        "values.0.reference", "07/2021/NĐ-CP",
                        "values.1.from", "2023-01-01", "values.1.to", "2025-12-31", "values.1.value", "1",
                        "values.1.reference", "13/2023/NQ-HĐND",
                        "values.2.from", "", "values.2.to", "", "values.2.value", "", "values.2.reference", "", NULL);
}

/* The live 2023–2025 period of the rural poverty line. */
static JsonObject *
live_poverty_period (ContentRuleSet *rules)
{
  ContentRulePart *part = content_rule_set_get (rules, CONTENT_RULE_PARAMETER, "poverty_line_rural");
  JsonArray *values = json_object_get_array_member (json_node_get_object (part->definition), "values");

  return json_array_get_object_element (values, 1);
}

START_TEST (test_rules_list)
{
  guint status;
  g_autofree char *page = hub_test_get (server, editor, "/rules", &status);

  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (strstr (page, "href=\"/rules/parameter/poverty_line_rural\""));
  ck_assert_ptr_nonnull (strstr (page, "href=\"/rules/question/age\""));
  ck_assert_ptr_nonnull (strstr (page, "href=\"/rules/rule/social-pension\""));
  ck_assert_ptr_nonnull (strstr (page, "href=\"/rules/cases/cases-income-and-household\""));
}
END_TEST

START_TEST (test_parameter_breaking_cases_not_published)
{
  guint status;
  g_autofree char *saved = post_poverty_line (&status);
  g_autofree char *check = NULL, *refused = NULL;

  ck_assert_uint_eq (status, 303);
  check = hub_test_get (server, editor, "/rules/parameter/poverty_line_rural/check", &status);
  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (strstr (check, "<ul class=\"failures\"><li><code>cases-"));

  refused = hub_test_post (server, publisher, "/rules/parameter/poverty_line_rural/publish", &status, NULL);
  ck_assert_uint_eq (status, 422);
  ck_assert_ptr_nonnull (strstr (refused, "Nothing was published"));
  ck_assert_ptr_nonnull (strstr (refused, "<ul class=\"failures\"><li><code>cases-"));
  ck_assert_ptr_nonnull (strstr (refused, "<li><code>cases-income-and-household</code> case Rural household, income 1800000, on 2023-01-01"));
  ck_assert_ptr_nonnull (strstr (refused, "expected eligible, got not_eligible"));
  {
    g_autoptr(ContentRuleSet) rules = content_rule_set_load (store, NULL);
    ck_assert_int_eq (json_object_get_int_member (live_poverty_period (rules), "value"), 2100000);
  }
}
END_TEST

/* A correction that keeps every case's verdict (the legal reference) is published. */
START_TEST (test_parameter_change_published)
{
  guint status;
  g_autofree char *saved = hub_test_post (server, editor, "/rules/parameter/poverty_line_rural", &status,
                                          "unit", "VND/person/month",
                                          "values.0.from", "2022-01-01", "values.0.to", "2022-12-31", "values.0.value", "1500000",
                                          "values.0.reference", "07/2021/NĐ-CP",
                                          "values.1.from", "2023-01-01", "values.1.to", "2025-12-31", "values.1.value", "2100000",
                                          "values.1.reference", "13/2023/NQ-HĐND tỉnh Quảng Ninh", NULL);
  g_autofree char *check = NULL, *published = NULL;
  g_autoptr(ContentRuleSet) rules = NULL;

  ck_assert_uint_eq (status, 303);
  check = hub_test_get (server, editor, "/rules/parameter/poverty_line_rural/check", &status);
  ck_assert_ptr_nonnull (strstr (check, "cases of the case tables pass with this draft"));
  published = hub_test_post (server, publisher, "/rules/parameter/poverty_line_rural/publish", &status, NULL);
  ck_assert_uint_eq (status, 303);
  rules = content_rule_set_load (store, NULL);
  ck_assert_str_eq (json_object_get_string_member (live_poverty_period (rules), "reference"), "13/2023/NQ-HĐND tỉnh Quảng Ninh");
}
END_TEST

START_TEST (test_rule_json_refused)
{
  guint status;
  g_autofree char *bad_json = hub_test_post (server, editor, "/rules/parameter/poverty_line_rural", &status, "json", "{\"id\": ", NULL);
  g_autofree char *invalid = NULL;
  ContentRef ref = { CONTENT_RECORD_PARAMETER, "poverty_line_rural" };
  g_autoptr(JsonNode) draft = NULL;

  ck_assert_uint_eq (status, 422);
  ck_assert_ptr_nonnull (strstr (bad_json, "is not valid JSON"));
  /* Parses, but the importer refuses it: nothing is saved and the problem is shown. */
  invalid = hub_test_post (server, editor, "/rules/parameter/poverty_line_rural", &status,
                           "json", "{\"id\": \"poverty_line_rural\", \"unit\": \"VND\", \"values\": [{\"from\": \"2023-13-01\", \"to\": null, \"value\": 1, \"reference\": \"x\"}]}",
                           NULL);
  ck_assert_uint_eq (status, 422);
  ck_assert_ptr_nonnull (strstr (invalid, "class=\"field-problem\""));
  draft = content_store_get_draft (store, &ref, NULL);
  ck_assert_ptr_null (draft);
}
END_TEST

START_TEST (test_reason_wording_saved)
{
  guint status;
  g_autofree char *form = hub_test_get (server, editor, "/rules/rule/social-pension", &status);
  g_autofree char *saved = NULL;

  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (strstr (form, "name=\"versions.0.condition"));
  ck_assert_ptr_nonnull (strstr (form, "<textarea name=\"json\""));
  saved = hub_test_post (server, editor, "/rules/question/age", &status, "lang", "en",
                         "text.vi", "Bạn bao nhiêu tuổi?", "text.en", "How old are you? <i>", NULL);
  ck_assert_uint_eq (status, 303);
  g_free (form);
  form = hub_test_get (server, editor, "/rules/question/age", &status);
  ck_assert_ptr_nonnull (strstr (form, "How old are you? &lt;i&gt;"));
}
END_TEST

START_TEST (test_preview_escapes_and_links)
{
  guint status;
  g_autofree char *page = hub_test_post (server, editor, "/items/law-bao-hiem-y-te-sua-doi-2024", &status,
                                         "action", "preview", "lang", "en",
                                         "texts.vi.body", "## Đăng ký\n\n<script>alert(1)</script>\n\n- hỏi **CUTRU** trước\n",
                                         NULL);
  const char *preview = strstr (page, "<div class=\"preview\" lang=\"vi\">");

  ck_assert_uint_eq (status, 200);
  ck_assert_ptr_nonnull (preview);
  ck_assert_ptr_null (strstr (page, "<script>alert"));
  ck_assert_ptr_nonnull (strstr (preview, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  ck_assert_ptr_nonnull (strstr (preview, "<h4>Đăng ký</h4>"));
  ck_assert_ptr_nonnull (strstr (preview, "<span class=\"marker\">•</span> hỏi <strong><a href=\"/items/law-cu-tru-2020\" class=\"item-link\">CUTRU</a></strong> trước"));
}
END_TEST

static Suite *
hub_pages_suite (void)
{
  Suite *suite = suite_create ("hub-pages");
  TCase *tc = tcase_create ("pages");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_topic_list);
  tcase_add_test (tc, test_topic_draft_then_published);
  tcase_add_test (tc, test_topic_editor_cannot_publish);
  tcase_add_test (tc, test_topic_sms_code_clash);
  tcase_add_test (tc, test_new_topic);
  tcase_add_test (tc, test_rules_list);
  tcase_add_test (tc, test_parameter_breaking_cases_not_published);
  tcase_add_test (tc, test_parameter_change_published);
  tcase_add_test (tc, test_rule_json_refused);
  tcase_add_test (tc, test_reason_wording_saved);
  tcase_add_test (tc, test_preview_escapes_and_links);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return test_util_run (hub_pages_suite ());
}
