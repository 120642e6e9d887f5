/* test-fold.c: content_fold() on the cases that break naive folding. */
#include "content-fold.h"
#include "content-error.h"
#include "test-util.h"

#include <string.h>

static void
assert_fold (const char *in, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = content_fold (in, -1, &error);

  ck_assert_msg (out != NULL, "fold of “%s” failed: %s", in, error ? error->message : "");
  ck_assert_str_eq (out, expected);
}

START_TEST (test_d_with_stroke)
{
  assert_fold ("Đất đai", "dat dai");
  assert_fold ("ĐIỀU", "dieu");
  assert_fold ("Nghị định xử phạt", "nghi dinh xu phat");
}
END_TEST

START_TEST (test_horn_letters_with_tones)
{
  assert_fold ("ư ừ ứ ử ữ ự", "u u u u u u");
  assert_fold ("ơ ờ ớ ở ỡ ợ Ợ", "o o o o o o o");
  assert_fold ("người được hưởng", "nguoi duoc huong");
}
END_TEST

START_TEST (test_two_marks)
{
  /* ệ, ẫ, ẳ carry a circumflex or breve and a tone: remove_diacritics=1 misses these. */
  assert_fold ("Hiệu lực", "hieu luc");
  assert_fold ("ẪẲẶ", "aaa");
}
END_TEST

START_TEST (test_decomposed_input)
{
  /* "Đất" with the marks as separate combining characters (as some keyboards send). */
  assert_fold ("\xc4\x90" "a\xcc\x82\xcc\x81" "t", "dat");
  assert_fold ("hie\xcc\x82\xcc\xa3u", "hieu");
}
END_TEST

START_TEST (test_punctuation_and_spaces)
{
  assert_fold ("  Luật   31/2024/QH15 —  Đất-đai!! ", "luat 31 2024 qh15 dat dai");
  assert_fold ("\"NEAR(hon\" * OR )", "near hon or");
}
END_TEST

START_TEST (test_chinese)
{
  /* Each Han character is a word of its own. */
  assert_fold ("婚姻法 2014", "婚 姻 法 2014");
}
END_TEST

START_TEST (test_empty)
{
  assert_fold ("", "");
  assert_fold (" ,.;!? ", "");
  {
    g_autofree char *out = content_fold (NULL, 0, NULL);
    ck_assert_str_eq (out, "");
  }
}
END_TEST

START_TEST (test_invalid_utf8)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = content_fold ("ab\xff\xfe" "cd", -1, &error);

  ck_assert_ptr_null (out);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_TEXT));
  ck_assert_ptr_nonnull (strstr (error->message, "byte 2"));
}
END_TEST

typedef struct { GString *s; } Offsets;

static gboolean
record (const char *folded, gsize n, gsize start, gsize end, gpointer data)
{
  Offsets *o = data;
  g_string_append_printf (o->s, "%s@%zu-%zu ", folded, start, end);
  return TRUE;
}

START_TEST (test_word_offsets_point_into_original)
{
  Offsets o = { g_string_new (NULL) };
  const char *text = "Đất đai";   /* Đ is 2 bytes, ấ 3, đ 2: "dat" 0-6, "dai" 7-11 */

  ck_assert (content_fold_words (text, -1, TRUE, record, &o, NULL));
  ck_assert_str_eq (o.s->str, "dat@0-6 dai@7-11 ");
  g_string_free (o.s, TRUE);
}
END_TEST

START_TEST (test_lenient_skips_invalid_bytes)
{
  Offsets o = { g_string_new (NULL) };

  ck_assert (content_fold_words ("ab\xff" "cd", 5, FALSE, record, &o, NULL));
  ck_assert_str_eq (o.s->str, "ab@0-2 cd@3-5 ");
  g_string_free (o.s, TRUE);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("fold");
  TCase *tc = tcase_create ("fold");

  tcase_add_test (tc, test_d_with_stroke);
  tcase_add_test (tc, test_horn_letters_with_tones);
  tcase_add_test (tc, test_two_marks);
  tcase_add_test (tc, test_decomposed_input);
  tcase_add_test (tc, test_punctuation_and_spaces);
  tcase_add_test (tc, test_chinese);
  tcase_add_test (tc, test_empty);
  tcase_add_test (tc, test_invalid_utf8);
  tcase_add_test (tc, test_word_offsets_point_into_original);
  tcase_add_test (tc, test_lenient_skips_invalid_bytes);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
