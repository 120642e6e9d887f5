/* test-cli.c: the banlang tool as an officer or script meets it: exit statuses and messages. */
#include "config.h"
#include "test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>


/* Runs banlang with @args (NULL-terminated); returns its exit status, output in *@out, *@err. */
static int
banlang (char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("BANLANG_CLI");
  int status;
  va_list ap;

  ck_assert_msg (cli != NULL, "BANLANG_CLI is not set (run through meson test)");
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, err);
  for (char *a = va_arg (ap, char *); a != NULL; a = va_arg (ap, char *))
    g_ptr_array_add (argv, a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                           out, err, &status, &error));
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

START_TEST (test_usage_errors_exit_2)
{
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL;

  ck_assert_int_eq (banlang (&o1, &e1, NULL), 2);
  ck_assert_int_eq (banlang (&o2, &e2, "frobnicate", NULL), 2);
  ck_assert_ptr_nonnull (strstr (e2, "unknown command"));
  ck_assert_int_eq (banlang (&o3, &e3, "search", "dat", NULL), 2);
  ck_assert_ptr_nonnull (strstr (e3, "--db PATH is required"));
  ck_assert_ptr_nonnull (strstr (e3, "Usage:"));
  ck_assert_int_eq (banlang (&o4, &e4, "search", "--db", "x.db", "--kind", "poem", "dat", NULL), 2);
}
END_TEST

START_TEST (test_every_command_has_help)
{
  static const char *const commands[] = { "init", "import", "export", "demo", "stats", "search", "show",
                                          "eligibility", "rules-test" };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      ck_assert_int_eq (banlang (&out, &err, commands[i], "--help", NULL), 0);
      ck_assert_msg (strstr (out, "--db") != NULL, "%s --help: %s", commands[i], out);
    }
}
END_TEST

START_TEST (test_errors_exit_1_and_say_where)
{
  g_autofree char *db = g_build_filename (test_dir, "c.db", NULL);
  g_autofree char *missing = g_build_filename (test_dir, "missing.db", NULL);
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *bad = test_util_write (test_dir, "law/law-x.json", "{\"id\": ");

  ck_assert_int_eq (banlang (&o1, &e1, "show", "--db", missing, "law-x", NULL), 1);
  ck_assert_ptr_nonnull (strstr (e1, missing));
  ck_assert_int_eq (banlang (&o2, &e2, "init", "--db", db, NULL), 0);
  ck_assert_int_eq (banlang (&o3, &e3, "import", "--db", db, bad, NULL), 1);
  ck_assert_ptr_nonnull (strstr (e3, "law-x.json: not valid JSON"));
}
END_TEST

/* Commands that read refuse an empty file and leave it empty; init makes it a store. */
START_TEST (test_readers_refuse_an_empty_file)
{
  g_autofree char *db = test_util_write (test_dir, "empty.db", "");
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL, *o5 = NULL, *e5 = NULL, *left = NULL;
  g_autofree char *item = test_util_write (test_dir, "in/notice-x.json", "{}");
  gsize len = 1;

  ck_assert_int_eq (banlang (&o1, &e1, "search", "--db", db, "dat", NULL), 1);
  ck_assert_ptr_nonnull (strstr (e1, db));
  ck_assert_ptr_nonnull (strstr (e1, "empty"));
  ck_assert_int_eq (banlang (&o2, &e2, "stats", "--db", db, NULL), 1);
  ck_assert_int_eq (banlang (&o3, &e3, "show", "--db", db, "law-x", NULL), 1);
  /* import adds to a store; it does not make one (banlang init does) */
  ck_assert_int_eq (banlang (&o4, &e4, "import", "--db", db, item, NULL), 1);
  ck_assert_ptr_nonnull (strstr (e4, "banlang init"));
  ck_assert (g_file_get_contents (db, &left, &len, NULL));
  ck_assert_uint_eq (len, 0);
  ck_assert_int_eq (banlang (&o5, &e5, "init", "--db", db, NULL), 0);
}
END_TEST

START_TEST (test_demo_refuses_to_overwrite)
{
  g_autofree char *db = test_util_write (test_dir, "precious.db", "keep me");
  g_autofree char *o1 = NULL, *e1 = NULL, *kept = NULL;

  ck_assert_int_eq (banlang (&o1, &e1, "demo", "--db", db, NULL), 1);
  ck_assert_ptr_nonnull (strstr (e1, "--force"));
  g_file_get_contents (db, &kept, NULL, NULL);
  ck_assert_str_eq (kept, "keep me");
}
END_TEST

START_TEST (test_demo_search_and_show)
{
  g_autofree char *db = g_build_filename (test_dir, "demo.db", NULL);
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL, *o5 = NULL, *e5 = NULL, *o6 = NULL, *e6 = NULL;
  g_autoptr(JsonNode) results = NULL, item = NULL, stats = NULL;
  JsonObject *first;

  ck_assert_int_eq (banlang (&o1, &e1, "demo", "--db", db, NULL), 0);
  ck_assert_int_eq (banlang (&o2, &e2, "search", "--db", db, "--json", "--lang", "en", "hon nhan", NULL), 0);
  results = json_from_string (o2, NULL);
  ck_assert (JSON_NODE_HOLDS_ARRAY (results));
  ck_assert_uint_gt (json_array_get_length (json_node_get_array (results)), 0);
  first = json_array_get_object_element (json_node_get_array (results), 0);
  ck_assert_str_eq (json_object_get_string_member (first, "id"), "law-hon-nhan-gia-dinh-2014");
  ck_assert_str_eq (json_object_get_string_member (first, "lang"), "en");
  ck_assert_str_eq (json_object_get_string_member (first, "number"), "52/2014/QH13");
  ck_assert (json_object_has_member (first, "snippet") && json_object_has_member (first, "score"));

  ck_assert_int_eq (banlang (&o3, &e3, "show", "--db", db, "--json", "law-hon-nhan-gia-dinh-2014", NULL), 0);
  item = json_from_string (o3, NULL);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (
                      json_node_get_object (item), "law"), "number"), "52/2014/QH13");

  ck_assert_int_eq (banlang (&o4, &e4, "show", "--db", db, "--lang", "tyz", "law-hon-nhan-gia-dinh-2014", NULL), 0);
  ck_assert_ptr_nonnull (strstr (o4, "not yet translated into Tày; shown in Vietnamese"));

  ck_assert_int_eq (banlang (&o6, &e6, "search", "--db", db, "--topic", "no-such-topic", "dat", NULL), 1);
  ck_assert_ptr_nonnull (strstr (e6, "no topic “no-such-topic”"));

  ck_assert_int_eq (banlang (&o5, &e5, "stats", "--db", db, "--json", NULL), 0);
  stats = json_from_string (o5, NULL);
  ck_assert_int_ge (json_object_get_int_member (json_object_get_object_member (
                      json_node_get_object (stats), "kinds"), "law"), 10);
}
END_TEST

/* publish --important marks a correction, which the store's change record then says. */
START_TEST (test_publish_important)
{
  g_autofree char *db = g_build_filename (test_dir, "demo.db", NULL);
  g_autofree char *notice = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", "notice",
                                              "notice-bhyt-2026.json", NULL);
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autoptr(ContentStore) store = NULL;

  ck_assert_int_eq (banlang (&o1, &e1, "demo", "--db", db, NULL), 0);
  ck_assert_int_eq (banlang (&o2, &e2, "import", "--db", db, "--draft", notice, NULL), 0);
  ck_assert_int_eq (banlang (&o3, &e3, "publish", "--db", db, "--important", "notice-bhyt-2026", NULL), 0);
  store = content_store_open (db, CONTENT_STORE_OPEN_READ_ONLY, NULL);
  ck_assert_int_eq (test_util_change_important (store, "notice-bhyt-2026"), TRUE);
}
END_TEST

START_TEST (test_eligibility_and_rules_test)
{
  g_autofree char *db = g_build_filename (test_dir, "demo.db", NULL);
  g_autofree char *cases = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", "rules", "cases",
                                             "cases-dont-know.json", NULL);
  g_autofree char *wrong = test_util_write (test_dir, "wrong.json",
      "{\"cases\": [{\"name\": \"76, no pension\", \"date\": \"2025-09-01\","
      " \"answers\": {\"age\": 76, \"has_pension\": \"no\"},"
      " \"expect\": {\"social-pension\": \"not_eligible\"}}]}");
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL, *o5 = NULL, *e5 = NULL, *o6 = NULL, *e6 = NULL;
  g_autofree char *o7 = NULL, *e7 = NULL, *o8 = NULL, *e8 = NULL;
  g_autoptr(JsonNode) state = NULL;
  JsonObject *next;

  ck_assert_int_eq (banlang (&o1, &e1, "demo", "--db", db, NULL), 0);
  ck_assert_int_eq (banlang (&o2, &e2, "eligibility", "--db", db, "--date", "2025-09-01", "--lang", "en",
                             "--answer", "age=76", "--json", NULL), 0);
  state = json_from_string (o2, NULL);
  ck_assert_str_eq (json_object_get_string_member (json_node_get_object (state), "date"), "2025-09-01");
  next = json_object_get_object_member (json_node_get_object (state), "next_question");
  ck_assert_ptr_nonnull (next);
  ck_assert (json_object_has_member (next, "sms_text") && json_object_has_member (next, "choices"));

  ck_assert_int_eq (banlang (&o3, &e3, "eligibility", "--db", db, "--answer", "age=old", NULL), 1);
  ck_assert_ptr_nonnull (strstr (e3, "age: “old” is not a number"));
  ck_assert_int_eq (banlang (&o4, &e4, "eligibility", "--db", db, "--answer", "age", NULL), 2);

  ck_assert_int_eq (banlang (&o5, &e5, "rules-test", "--db", db, cases, NULL), 0);
  ck_assert_ptr_nonnull (strstr (o5, " 0 failures"));
  ck_assert_int_eq (banlang (&o6, &e6, "rules-test", "--db", db, wrong, NULL), 1);
  ck_assert_ptr_nonnull (strstr (o6, "FAIL"));
  ck_assert_ptr_nonnull (strstr (o6, "case 76, no pension: social-pension: expected not_eligible, got eligible"));

  /* Without files: the tables stored with the rules. */
  ck_assert_int_eq (banlang (&o7, &e7, "rules-test", "--db", db, NULL), 0);
  ck_assert_ptr_nonnull (strstr (o7, " 0 failures"));

  /* A refusal gives the reason worded as not met. */
  ck_assert_int_eq (banlang (&o8, &e8, "eligibility", "--db", db, "--date", "2025-09-01", "--lang", "en",
                             "--answer", "age=42", "--answer", "has_pension=no", NULL), 0);
  ck_assert_ptr_nonnull (strstr (o8, "not met:   You are not yet 75"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("cli");

  tcase_add_checked_fixture (tc, test_util_dir_setup, test_util_dir_teardown);
  tcase_add_test (tc, test_usage_errors_exit_2);
  tcase_add_test (tc, test_publish_important);
  tcase_add_test (tc, test_every_command_has_help);
  tcase_add_test (tc, test_errors_exit_1_and_say_where);
  tcase_add_test (tc, test_readers_refuse_an_empty_file);
  tcase_add_test (tc, test_demo_refuses_to_overwrite);
  tcase_add_test (tc, test_demo_search_and_show);
  tcase_add_test (tc, test_eligibility_and_rules_test);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
