/* test-speech-text.c: what the kiosk says aloud for numbers, dates, money and law numbers, in
 * Vietnamese and English, and where it cuts sentences. */
#include "kiosk-speech-text.h"
#include "test-util.h"

static void
assert_said (const char *lang, const char *text, const char *expected)
{
  g_autofree char *said = kiosk_speech_text_normalise (text, lang);

  ck_assert_str_eq (said, expected);
}

static void
assert_number (gint64 n, const char *lang, const char *expected)
{
  g_autofree char *words = kiosk_speech_number_words (n, lang);

  ck_assert_str_eq (words, expected);
}

START_TEST (test_vietnamese_numbers)
{
  assert_number (0, "vi", "không");
  assert_number (5, "vi", "năm");
  assert_number (15, "vi", "mười lăm");
  assert_number (21, "vi", "hai mươi mốt");
  assert_number (25, "vi", "hai mươi lăm");
  assert_number (105, "vi", "một trăm linh năm");
  assert_number (2014, "vi", "hai nghìn không trăm mười bốn");
  assert_number (500000, "vi", "năm trăm nghìn");
  assert_number (1005000, "vi", "một triệu không trăm linh năm nghìn");
  assert_number (3000000000, "vi", "ba tỷ");
  ck_assert_ptr_null (kiosk_speech_number_words (1, "tyz"));
  ck_assert_ptr_null (kiosk_speech_number_words (G_GINT64_CONSTANT (1000000000000000), "vi"));
}
END_TEST

START_TEST (test_english_numbers)
{
  assert_number (0, "en", "zero");
  assert_number (13, "en", "thirteen");
  assert_number (52, "en", "fifty-two");
  assert_number (105, "en", "one hundred five");
  assert_number (2025, "en", "two thousand twenty-five");
  assert_number (1500000, "en", "one million five hundred thousand");
}
END_TEST

START_TEST (test_vietnamese_text)
{
  assert_said ("vi", "Luật số 52/2014/QH13.",
               "Luật số năm mươi hai, năm hai nghìn không trăm mười bốn, Quốc hội khóa mười ba.");
  assert_said ("vi", "Nghị định 136/2020/NĐ-CP",
               "Nghị định một trăm ba mươi sáu, năm hai nghìn không trăm hai mươi, nghị định Chính phủ");
  assert_said ("vi", "từ ngày 1/7/2025", "từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm");
  assert_said ("vi", "hạn 30/4/2026", "hạn ngày ba mươi tháng tư năm hai nghìn không trăm hai mươi sáu");
  assert_said ("vi", "2025-07-01", "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm");
  assert_said ("vi", "500.000 đồng", "năm trăm nghìn đồng");
  assert_said ("vi", "1.500.000đ mỗi tháng", "một triệu năm trăm nghìn đồng mỗi tháng");
  assert_said ("vi", "2,5% và 70%", "hai phẩy năm phần trăm và bảy mươi phần trăm");
  assert_said ("vi", "cao 1,35 m", "cao một phẩy ba mươi lăm m");
  assert_said ("vi", "gọi 0912345678", "gọi không chín một hai ba bốn năm sáu bảy tám");
  assert_said ("vi", "Điều 8 có 21 khoản", "Điều tám có hai mươi mốt khoản");
  /* A word with digits in it (a code) is not a number. */
  assert_said ("vi", "nhắn BHYT2026", "nhắn BHYT2026");
}
END_TEST

START_TEST (test_english_text)
{
  assert_said ("en", "Law 52/2014/QH13", "Law fifty-two of two thousand fourteen, Q H thirteen");
  assert_said ("en", "from 1/7/2025", "from July first, two thousand twenty-five");
  assert_said ("en", "500,000 VND a month", "five hundred thousand dong a month");
  assert_said ("en", "2.5%", "two point five percent");
}
END_TEST

START_TEST (test_other_languages_unchanged)
{
  assert_said ("zh", "52/2014/QH13 500.000", "52/2014/QH13 500.000");
  assert_said ("tyz", "1/7/2025", "1/7/2025");
}
END_TEST

START_TEST (test_sentences)
{
  g_autoptr(GPtrArray) s = kiosk_speech_text_sentences ("Tiêu đề\nCâu một. Câu hai có 500.000 đồng! Hỏi?\n\n  Cuối");

  ck_assert_uint_eq (s->len, 5);
  ck_assert_str_eq (g_ptr_array_index (s, 0), "Tiêu đề");
  ck_assert_str_eq (g_ptr_array_index (s, 1), "Câu một.");
  ck_assert_str_eq (g_ptr_array_index (s, 2), "Câu hai có 500.000 đồng!");
  ck_assert_str_eq (g_ptr_array_index (s, 3), "Hỏi?");
  ck_assert_str_eq (g_ptr_array_index (s, 4), "Cuối");
  g_ptr_array_unref (g_steal_pointer (&s));
  s = kiosk_speech_text_sentences ("");
  ck_assert_uint_eq (s->len, 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("speech-text");
  TCase *tc = tcase_create ("speech-text");

  tcase_add_test (tc, test_vietnamese_numbers);
  tcase_add_test (tc, test_english_numbers);
  tcase_add_test (tc, test_vietnamese_text);
  tcase_add_test (tc, test_english_text);
  tcase_add_test (tc, test_other_languages_unchanged);
  tcase_add_test (tc, test_sentences);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
