/* test-body.c: bodies as readers are shown them (content-body.h), and raw HTML refused.
 *
 * Most tests parse a body with a lookup that knows a fixed table of codes and records what it
 * was asked, so the rules of the model are checked without a database; the last ones go
 * through an import and the store's own lookup, as the kiosk and the validator use them.
 */
#include "content-body.h"
#include "content-error.h"
#include "content-importer.h"
#include "test-util.h"

#include <string.h>

/* The items the lookup knows: word → id. */
static const char *const known[][2] = {
  { "HONNHAN", "law-hon-nhan" },
  { "52/2014/QH13", "law-hon-nhan" },
  { "law-hon-nhan", "law-hon-nhan" },
  { "BHYT", "law-bhyt" },
};

static GPtrArray *asked;

static char *
lookup (const char *word, gpointer user_data)
{
  g_ptr_array_add (asked, g_strdup (word));
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i][0], word))
      return g_strdup (known[i][1]);
  return NULL;
}

static void
setup (void)
{
  asked = g_ptr_array_new_with_free_func (g_free);
}

static void
teardown (void)
{
  g_clear_pointer (&asked, g_ptr_array_unref);
}

static const ContentBodyBlock *
block (const ContentBody *body, guint i)
{
  ck_assert_uint_lt (i, body->blocks->len);
  return g_ptr_array_index (body->blocks, i);
}

static const ContentBodyRun *
run (const ContentBody *body, guint b, guint r)
{
  ck_assert_uint_lt (r, block (body, b)->runs->len);
  return g_ptr_array_index (block (body, b)->runs, r);
}

/* The runs of block @b as "text" and "[text→id]", one after another. */
static char *
runs_text (const ContentBody *body, guint b)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < block (body, b)->runs->len; r++)
    {
      const ContentBodyRun *x = run (body, b, r);
      if (x->item_id != NULL)
        g_string_append_printf (out, "[%s→%s]", x->text, x->item_id);
      else
        g_string_append (out, x->text);
    }
  return g_string_free (out, FALSE);
}

/* How @markdown reads after parsing with the table lookup: its first block's runs. */
static char *
linked (const char *markdown)
{
  g_autoptr(ContentBody) body = content_body_parse (markdown, lookup, NULL);

  return runs_text (body, 0);
}

static void
assert_block (const ContentBody *body, guint i, ContentBodyBlockKind kind, guint depth,
              const char *marker, const char *text)
{
  g_autofree char *shown = runs_text (body, i);

  ck_assert_int_eq (block (body, i)->kind, kind);
  ck_assert_uint_eq (block (body, i)->depth, depth);
  ck_assert_pstr_eq (block (body, i)->marker, marker);
  ck_assert_str_eq (shown, text);
}

START_TEST (test_blocks_and_markers)
{
  g_autoptr(ContentBody) body = content_body_parse ("# Một\n\nĐoạn *văn*.\n\n### Ba\n\n3. ba\n4. bốn\n\n"
                                                    "- a\n* b\n\n1) x\n\n---\n\n> trích\n", NULL, NULL);

  ck_assert_uint_eq (body->blocks->len, 9);
  assert_block (body, 0, CONTENT_BODY_HEADING, 0, NULL, "Một");
  ck_assert_uint_eq (block (body, 0)->level, 1);
  assert_block (body, 1, CONTENT_BODY_PARAGRAPH, 0, NULL, "Đoạn văn.");
  ck_assert_uint_eq (block (body, 1)->level, 0);
  assert_block (body, 2, CONTENT_BODY_HEADING, 0, NULL, "Ba");
  ck_assert_uint_eq (block (body, 2)->level, 3);
  assert_block (body, 3, CONTENT_BODY_LIST_ITEM, 1, "3.", "ba");
  assert_block (body, 4, CONTENT_BODY_LIST_ITEM, 1, "4.", "bốn");
  assert_block (body, 5, CONTENT_BODY_LIST_ITEM, 1, "•", "a");
  /* "*" starts a new list in CommonMark; it is a bullet all the same. */
  assert_block (body, 6, CONTENT_BODY_LIST_ITEM, 1, "•", "b");
  assert_block (body, 7, CONTENT_BODY_LIST_ITEM, 1, "1)", "x");
  /* The thematic break is dropped; a quote shows as its paragraph. */
  assert_block (body, 8, CONTENT_BODY_PARAGRAPH, 0, NULL, "trích");
  ck_assert_ptr_null (body->raw_html);
}
END_TEST

START_TEST (test_nested_lists)
{
  g_autoptr(ContentBody) body = content_body_parse ("- a\n  - b\n    1. c\n\n  đoạn hai\n- d\n\nsau\n", NULL, NULL);

  ck_assert_uint_eq (body->blocks->len, 6);
  assert_block (body, 0, CONTENT_BODY_LIST_ITEM, 1, "•", "a");
  assert_block (body, 1, CONTENT_BODY_LIST_ITEM, 2, "•", "b");
  assert_block (body, 2, CONTENT_BODY_LIST_ITEM, 3, "1.", "c");
  /* An item's further paragraph stays at its item's depth, without a marker. */
  assert_block (body, 3, CONTENT_BODY_PARAGRAPH, 1, NULL, "đoạn hai");
  assert_block (body, 4, CONTENT_BODY_LIST_ITEM, 1, "•", "d");
  assert_block (body, 5, CONTENT_BODY_PARAGRAPH, 0, NULL, "sau");
}
END_TEST

START_TEST (test_emphasis_and_breaks)
{
  g_autoptr(ContentBody) body = content_body_parse ("thường **đậm** *nghiêng* ***cả hai***\nnối  \ndòng mới\n", NULL, NULL);

  ck_assert_str_eq (run (body, 0, 0)->text, "thường ");
  ck_assert_int_eq (run (body, 0, 0)->style, 0);
  ck_assert_str_eq (run (body, 0, 1)->text, "đậm");
  ck_assert_int_eq (run (body, 0, 1)->style, CONTENT_BODY_STRONG);
  ck_assert_str_eq (run (body, 0, 3)->text, "nghiêng");
  ck_assert_int_eq (run (body, 0, 3)->style, CONTENT_BODY_EMPHASIS);
  ck_assert_str_eq (run (body, 0, 5)->text, "cả hai");
  ck_assert_int_eq (run (body, 0, 5)->style, CONTENT_BODY_STRONG | CONTENT_BODY_EMPHASIS);
  /* A soft break is a space; a hard one is a run of its own. */
  ck_assert_str_eq (run (body, 0, 6)->text, " nối");
  ck_assert_int_eq (run (body, 0, 7)->kind, CONTENT_BODY_RUN_BREAK);
  ck_assert_str_eq (run (body, 0, 7)->text, "");
  ck_assert_str_eq (run (body, 0, 8)->text, "dòng mới");
  ck_assert_uint_eq (block (body, 0)->runs->len, 9);
}
END_TEST

START_TEST (test_code_as_text)
{
  g_autoptr(ContentBody) body = content_body_parse ("Gõ `HONNHAN <b>` rồi gửi.\n\n```\nx < y\nHONNHAN\n```\n\nxem HONNHAN\n",
                                                    lookup, NULL);

  ck_assert_int_eq (run (body, 0, 1)->kind, CONTENT_BODY_RUN_CODE);
  ck_assert_str_eq (run (body, 0, 1)->text, "HONNHAN <b>");
  ck_assert_ptr_null (run (body, 0, 1)->item_id);
  assert_block (body, 1, CONTENT_BODY_CODE_BLOCK, 0, NULL, "x < y\nHONNHAN");
  ck_assert_int_eq (run (body, 1, 0)->kind, CONTENT_BODY_RUN_CODE);
  /* Code is never linked, so the first mention outside it still is; code is no raw HTML. */
  assert_block (body, 2, CONTENT_BODY_PARAGRAPH, 0, NULL, "xem [HONNHAN→law-hon-nhan]");
  ck_assert_ptr_null (body->raw_html);
}
END_TEST

/* "<script>" written in a body is shown as the characters it is, never as markup. */
START_TEST (test_script_comes_through_as_text)
{
  g_autoptr(ContentBody) body = content_body_parse ("Xin <script>alert(1)</script> chào\n\n<script>\nalert(2)\n</script>\n",
                                                    NULL, NULL);

  assert_block (body, 0, CONTENT_BODY_PARAGRAPH, 0, NULL, "Xin <script>alert(1)</script> chào");
  assert_block (body, 1, CONTENT_BODY_CODE_BLOCK, 0, NULL, "<script>\nalert(2)\n</script>");
  ck_assert_str_eq (body->raw_html, "<script>");
}
END_TEST

START_TEST (test_codes_linked_on_whole_words)
{
  const char *const cases[][2] = {
    { "xem HONNHAN.", "xem [HONNHAN→law-hon-nhan]." },
    { "(xem HONNHAN)", "(xem [HONNHAN→law-hon-nhan])" },
    { "Luật số 52/2014/QH13, năm 2014", "Luật số [52/2014/QH13→law-hon-nhan], năm 2014" },
    { "mục law-hon-nhan.", "mục [law-hon-nhan→law-hon-nhan]." },
    { "HONNHAN-", "[HONNHAN→law-hon-nhan]-" },
    { "HONNHANX XHONNHAN HONNHAN1 honnhan HONNHANĐ ĐHONNHAN HON-NHAN law-hon-nhan-2",
      "HONNHANX XHONNHAN HONNHAN1 honnhan HONNHANĐ ĐHONNHAN HON-NHAN law-hon-nhan-2" },
    { "152/2014/QH13 52/2014/QH134", "152/2014/QH13 52/2014/QH134" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = linked (cases[i][0]);
      ck_assert_str_eq (shown, cases[i][1]);
    }
}
END_TEST

START_TEST (test_codes_linked_only_when_item_exists)
{
  g_autofree char *shown = linked ("Thẻ BHYT và UBND xã, xem HONNHAN năm 2024 ở nhà tôi; HONNHAN, BHYT.");

  /* UBND names no item; each item is linked at its first mention only. */
  ck_assert_str_eq (shown, "Thẻ [BHYT→law-bhyt] và UBND xã, xem [HONNHAN→law-hon-nhan] năm 2024 ở nhà tôi; HONNHAN, BHYT.");
  /* Ordinary words and numbers are never looked up. */
  ck_assert_uint_eq (asked->len, 5);
  ck_assert_str_eq (g_ptr_array_index (asked, 1), "UBND");
}
END_TEST

START_TEST (test_without_lookup_nothing_linked)
{
  g_autoptr(ContentBody) body = content_body_parse ("xem HONNHAN và [luật](item:HONNHAN)", NULL, NULL);
  g_autofree char *shown = runs_text (body, 0);

  ck_assert_str_eq (shown, "xem HONNHAN và luật");
}
END_TEST

/* [text](item:CODE) links where the code names an item; any other link keeps its text. */
START_TEST (test_written_links)
{
  const char *const cases[][2] = {
    { "[luật **này**](item:HONNHAN) và HONNHAN", "[luật →law-hon-nhan][này→law-hon-nhan] và HONNHAN" },
    { "[trang web](https://vbpl.vn/) HONNHAN", "trang web [HONNHAN→law-hon-nhan]" },
    { "[BHYT](https://vbpl.vn/)", "BHYT" },
    { "[không có](item:KHONGCO) ![ảnh](x.png) <https://vbpl.vn>", "không có ảnh https://vbpl.vn" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = linked (cases[i][0]);
      ck_assert_str_eq (shown, cases[i][1]);
    }
}
END_TEST

START_TEST (test_empty_body)
{
  g_autoptr(ContentBody) none = content_body_parse (NULL, lookup, NULL);
  g_autoptr(ContentBody) blank = content_body_parse ("  \n\n", lookup, NULL);

  ck_assert_uint_eq (none->blocks->len, 0);
  ck_assert_uint_eq (blank->blocks->len, 0);
  ck_assert_uint_eq (asked->len, 0);
}
END_TEST

#define TOPICS "{\"topics\": [{\"id\": \"law\", \"parent\": null, \"icon\": \"scale\", \"sms_code\": \"LUAT\"," \
  " \"names\": {\"vi\": \"Pháp luật\"}}]}"

/* A law with @status and the Vietnamese and English bodies @vi and @en (JSON-escaped). */
#define LAW(id, status, code, number, vi, en) \
  "{\"id\": \"" id "\", \"kind\": \"law\", \"status\": \"" status "\", \"sms_code\": \"" code "\"," \
  " \"topics\": [\"law\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"sample\"," \
  " \"sources\": [{\"title\": \"Luật\"}]," \
  " \"law\": {\"number\": \"" number "\", \"type\": \"law\", \"issuer\": \"Quốc hội\", \"signer\": null," \
  "  \"issued_on\": \"2014-06-19\", \"effective_from\": \"2015-01-01\", \"effective_to\": null," \
  "  \"status\": \"in_force\", \"relations\": []}," \
  " \"texts\": {\"vi\": {\"title\": \"Luật\", \"body\": \"" vi "\"}, \"en\": {\"title\": \"Law\", \"body\": \"" en "\"}}}"

/* A store of its own in the test's directory, holding the topic "law". */
static ContentStore *
new_store (void)
{
  g_autofree char *db = g_build_filename (test_dir, "c.db", NULL);
  g_autofree char *topics = test_util_write (test_dir, "in/topics.json", TOPICS);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  test_util_import (store, topics);
  return g_steal_pointer (&store);
}

/* Raw HTML in a body is refused, naming the field and the tag; nothing is written. */
START_TEST (test_html_refused_by_validator)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  test_util_dir_setup ();
  store = new_store ();
  importer = content_importer_new (store);
  path = test_util_write (test_dir, "in/law/law-x.json",
                          LAW ("law-x", "published", "LUATX", "1/2020/QH14",
                               "Xin <script>alert(1)</script> chào", "<div class=\\\"x\\\">\\nHello\\n</div>"));
  ck_assert (content_importer_add_path (importer, path, &error));
  ck_assert (!content_importer_commit (importer, NULL, NULL, &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT));
  ck_assert_msg (strstr (error->message, "law-x: texts.vi.body: raw HTML is not allowed (“<script>”); write CommonMark") != NULL,
                 "%s", error->message);
  ck_assert_msg (strstr (error->message, "texts.en.body: raw HTML is not allowed (“<div class=\"x\">”)") != NULL,
                 "%s", error->message);
  ck_assert (!content_store_has_item (store, "law-x", NULL));
  g_clear_object (&store);
  test_util_dir_teardown ();
}
END_TEST

/* The store's lookup answers for a published item's id, SMS code and law number, as stored,
 * and never for a draft. */
START_TEST (test_store_lookup)
{
  g_autoptr(ContentStore) store = NULL;
  g_autofree char *live = NULL, *draft = NULL;
  static const char *const misses[] = { "honnhan", "52/2014/qh13", "LUATNHAP", "law-nhap", "9/2020/QH14", "KHONGCO", NULL };

  test_util_dir_setup ();
  store = new_store ();
  live = test_util_write (test_dir, "in/law/law-hon-nhan.json",
                          LAW ("law-hon-nhan", "published", "HONNHAN", "52/2014/QH13", "xem HONNHAN", "see HONNHAN"));
  draft = test_util_write (test_dir, "in/law/law-nhap.json",
                           LAW ("law-nhap", "draft", "LUATNHAP", "9/2020/QH14", "nháp", "draft"));
  test_util_import (store, live);
  test_util_import (store, draft);
  for (gsize i = 0; i < 3; i++)
    {
      const char *word = (const char *[]) { "law-hon-nhan", "HONNHAN", "52/2014/QH13" }[i];
      g_autofree char *id = content_store_find_item_code (store, word, NULL);
      ck_assert_pstr_eq (id, "law-hon-nhan");
    }
  for (gsize i = 0; misses[i] != NULL; i++)
    {
      g_autofree char *id = content_store_find_item_code (store, misses[i], NULL);
      ck_assert_msg (id == NULL, "%s found %s", misses[i], id);
    }
  g_clear_object (&store);
  test_util_dir_teardown ();
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("body");
  TCase *tc = tcase_create ("body");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_blocks_and_markers);
  tcase_add_test (tc, test_nested_lists);
  tcase_add_test (tc, test_emphasis_and_breaks);
  tcase_add_test (tc, test_code_as_text);
  tcase_add_test (tc, test_script_comes_through_as_text);
  tcase_add_test (tc, test_codes_linked_on_whole_words);
  tcase_add_test (tc, test_codes_linked_only_when_item_exists);
  tcase_add_test (tc, test_without_lookup_nothing_linked);
  tcase_add_test (tc, test_written_links);
  tcase_add_test (tc, test_empty_body);
  tcase_add_test (tc, test_html_refused_by_validator);
  tcase_add_test (tc, test_store_lookup);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
