/* test-sms-codec.c: the SMS codec at the edges that cost money or garble a reply: the accent
 * policy on hard Vietnamese, exact segment limits, characters that must not be cut, paging and
 * the concatenation UDH; and the `banlang-sms encode` command around it. */
#include "config.h"
#include "sms-codec.h"
#include "test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

static void
assert_policy (const char *in, SmsPolicy policy, const char *expected)
{
  g_autofree char *out = sms_codec_apply_policy (in, policy);

  ck_assert_str_eq (out, expected);
  if (policy == SMS_POLICY_UNACCENTED)
    ck_assert_msg (sms_codec_is_gsm7 (out), "“%s” is not GSM-7", out);
}

static char *
repeat (const char *unit, guint times)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, unit);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The parts joined; every encode must give back its text. */
static char *
join_parts (const SmsEncoded *e)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < e->parts->len; i++)
    g_string_append (s, g_ptr_array_index (e->parts, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static guint
part_len (const SmsEncoded *e, guint i)
{
  return sms_codec_length (g_ptr_array_index (e->parts, i), e->encoding);
}

static const char *
part (const SmsEncoded *e, guint i)
{
  return g_ptr_array_index (e->parts, i);
}

/* Checks what holds for every encode: parts rebuild the text, each within its limit. */
static void
assert_well_formed (const SmsEncoded *e)
{
  g_autofree char *joined = join_parts (e);
  guint single = e->encoding == SMS_ENCODING_GSM7 ? SMS_GSM7_SINGLE : SMS_UCS2_SINGLE;
  guint limit = e->encoding == SMS_ENCODING_GSM7 ? SMS_GSM7_PART : SMS_UCS2_PART;

  ck_assert_str_eq (joined, e->text);
  ck_assert_uint_ge (e->parts->len, 1);
  ck_assert (g_utf8_validate (e->text, -1, NULL));
  ck_assert_int_eq (sms_codec_is_gsm7 (e->text), e->encoding == SMS_ENCODING_GSM7);
  if (e->parts->len == 1)
    ck_assert_uint_le (part_len (e, 0), single);
  else
    for (guint i = 0; i < e->parts->len; i++)
      {
        ck_assert_uint_le (part_len (e, i), limit);
        ck_assert (g_utf8_validate (part (e, i), -1, NULL));
      }
}

/* ---- policy ---- */

START_TEST (test_policy_vietnamese)
{
  assert_policy ("Người được hưởng trợ cấp", SMS_POLICY_UNACCENTED, "Nguoi duoc huong tro cap");
  assert_policy ("ư ừ ứ ử ữ ự Ư Ự", SMS_POLICY_UNACCENTED, "u u u u u u U U");
  assert_policy ("ơ ờ ớ ở ỡ ợ Ơ Ợ", SMS_POLICY_UNACCENTED, "o o o o o o O O");
  assert_policy ("Đường đi đến UBND xã", SMS_POLICY_UNACCENTED, "Duong di den UBND xa");
  assert_policy ("ĐẶNG THỊ HỒNG NHUNG", SMS_POLICY_UNACCENTED, "DANG THI HONG NHUNG");
  /* à è é are in GSM-7 but lose their marks too, so every reply reads the same. */
  assert_policy ("à è é ì ò ù À È É", SMS_POLICY_UNACCENTED, "a e e i o u A E E");
  assert_policy ("Hiệu lực, ẫ ẳ ặ!", SMS_POLICY_UNACCENTED, "Hieu luc, a a a!");
  /* Marks typed as separate combining characters. */
  assert_policy ("\xc4\x90" "a\xcc\x82\xcc\x81" "t", SMS_POLICY_UNACCENTED, "Dat");
}
END_TEST

START_TEST (test_policy_punctuation_and_symbols)
{
  assert_policy ("“Luật” ‘đất’ „x‟ «y»", SMS_POLICY_UNACCENTED, "\"Luat\" 'dat' \"x\" \"y\"");
  assert_policy ("a – b — c … d", SMS_POLICY_UNACCENTED, "a - b - c ... d");
  assert_policy ("a\xc2\xa0" "b\tc\xe2\x80\xaf" "d\xe3\x80\x80" "e", SMS_POLICY_UNACCENTED, "a b c d e");
  assert_policy ("giá 50.000đ (20%) @ 3$ ; 1+1=2 #5 & _ ¿¡ £ ¥ §", SMS_POLICY_UNACCENTED,
                 "gia 50.000d (20%) @ 3$ ; 1+1=2 #5 & _ ¿¡ £ ¥ §");
  /* Extension characters are GSM-7: kept. */
  assert_policy ("{a} [b] ~c^ \\ | €", SMS_POLICY_UNACCENTED, "{a} [b] ~c^ \\ | €");
  assert_policy ("Dòng 1\nDòng 2\r\n", SMS_POLICY_UNACCENTED, "Dong 1\nDong 2\r\n");
  assert_policy ("`x´", SMS_POLICY_UNACCENTED, "'x'");
}
END_TEST

START_TEST (test_policy_outside_gsm7)
{
  /* Each emoji is one '?', even when it is several code points (ZWJ family, flag, skin tone). */
  assert_policy ("Chào bạn 😀!", SMS_POLICY_UNACCENTED, "Chao ban ?!");
  assert_policy ("👨‍👩‍👧 🇻🇳 👍🏽 ❤️", SMS_POLICY_UNACCENTED, "? ? ? ?");
  assert_policy ("婚姻法 2014", SMS_POLICY_UNACCENTED, "??? 2014");
  assert_policy ("Привет", SMS_POLICY_UNACCENTED, "??????");
  /* Invisible characters go: zero-width space, soft hyphen, byte order mark. */
  assert_policy ("a\xe2\x80\x8b" "b\xc2\xad" "c\xef\xbb\xbf", SMS_POLICY_UNACCENTED, "abc");
  assert_policy ("a\x01" "b", SMS_POLICY_UNACCENTED, "a?b");
  /* Greek capitals GSM-7 has stay; others do not. */
  assert_policy ("ΔΩΣ αβ", SMS_POLICY_UNACCENTED, "ΔΩΣ ??");
}
END_TEST

START_TEST (test_policy_accented_and_bad_input)
{
  const char *text = "Trợ giúp “pháp lý” 😀";
  g_autofree char *bad_u = sms_codec_apply_policy ("ab\xff\xfe" "c\xe1\xba", SMS_POLICY_UNACCENTED);
  g_autofree char *bad_a = sms_codec_apply_policy ("ab\xff" "c", SMS_POLICY_ACCENTED);
  g_autofree char *none = sms_codec_apply_policy (NULL, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) e = sms_codec_encode ("x\xff\xc3", SMS_POLICY_ACCENTED);

  assert_policy (text, SMS_POLICY_ACCENTED, text);
  assert_policy ("", SMS_POLICY_UNACCENTED, "");
  ck_assert_str_eq (bad_u, "ab??c??");
  ck_assert_str_eq (bad_a, "ab\xef\xbf\xbd" "c");
  ck_assert_str_eq (none, "");
  assert_well_formed (e);
  ck_assert (!sms_codec_is_gsm7 ("a\xff"));
  ck_assert_uint_eq (sms_codec_length ("a\xff\xfe", SMS_ENCODING_UCS2), 3);
}
END_TEST

START_TEST (test_names)
{
  SmsPolicy p = SMS_POLICY_ACCENTED;

  ck_assert_str_eq (sms_encoding_to_string (SMS_ENCODING_GSM7), "GSM-7");
  ck_assert_str_eq (sms_encoding_to_string (SMS_ENCODING_UCS2), "UCS-2");
  ck_assert (sms_policy_from_string ("unaccented", &p));
  ck_assert_int_eq (p, SMS_POLICY_UNACCENTED);
  ck_assert (sms_policy_from_string ("accented", &p));
  ck_assert_int_eq (p, SMS_POLICY_ACCENTED);
  ck_assert (!sms_policy_from_string ("unicode", &p));
  ck_assert (!sms_policy_from_string (NULL, &p));
  ck_assert_int_eq (p, SMS_POLICY_ACCENTED);
  ck_assert_str_eq (sms_policy_to_string (SMS_POLICY_UNACCENTED), "unaccented");
}
END_TEST

/* ---- measuring ---- */

START_TEST (test_gsm7_and_length)
{
  ck_assert (sms_codec_is_gsm7 (""));
  ck_assert (sms_codec_is_gsm7 ("Tro giup {1} € à"));
  ck_assert (!sms_codec_is_gsm7 ("Trợ"));
  ck_assert (!sms_codec_is_gsm7 ("a`b"));
  ck_assert (!sms_codec_is_gsm7 ("tab\there"));
  ck_assert_uint_eq (sms_codec_length ("abc", SMS_ENCODING_GSM7), 3);
  ck_assert_uint_eq (sms_codec_length ("^{}\\[~]|€", SMS_ENCODING_GSM7), 18);
  ck_assert_uint_eq (sms_codec_length ("a\fb", SMS_ENCODING_GSM7), 4);
  ck_assert_uint_eq (sms_codec_length ("àé", SMS_ENCODING_GSM7), 2);
  ck_assert_uint_eq (sms_codec_length ("€", SMS_ENCODING_UCS2), 1);
  ck_assert_uint_eq (sms_codec_length ("ượ", SMS_ENCODING_UCS2), 2);
  ck_assert_uint_eq (sms_codec_length ("a😀", SMS_ENCODING_UCS2), 3);
  ck_assert_uint_eq (sms_codec_length ("", SMS_ENCODING_UCS2), 0);
}
END_TEST

START_TEST (test_trogiup)
{
  g_autoptr(SmsEncoded) acc = sms_codec_encode ("Trợ giúp pháp lý", SMS_POLICY_ACCENTED);
  g_autoptr(SmsEncoded) una = sms_codec_encode ("Trợ giúp pháp lý", SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) plain = sms_codec_encode ("Cafe é à", SMS_POLICY_ACCENTED);

  ck_assert_int_eq (acc->encoding, SMS_ENCODING_UCS2);
  ck_assert_str_eq (acc->text, "Trợ giúp pháp lý");
  ck_assert_uint_eq (acc->parts->len, 1);
  ck_assert_int_eq (una->encoding, SMS_ENCODING_GSM7);
  ck_assert_str_eq (una->text, "Tro giup phap ly");
  ck_assert_str_eq (part (una, 0), "Tro giup phap ly");
  /* Accented text that happens to be GSM-7 stays GSM-7. */
  ck_assert_int_eq (plain->encoding, SMS_ENCODING_GSM7);
}
END_TEST

/* ---- splitting ---- */

START_TEST (test_empty)
{
  g_autoptr(SmsEncoded) e = sms_codec_encode ("", SMS_POLICY_UNACCENTED);

  ck_assert_int_eq (e->encoding, SMS_ENCODING_GSM7);
  ck_assert_uint_eq (e->parts->len, 1);
  ck_assert_str_eq (part (e, 0), "");
  ck_assert_uint_eq (sms_codec_count_parts ("", SMS_POLICY_ACCENTED), 1);
}
END_TEST

START_TEST (test_gsm7_limits)
{
  g_autofree char *t160 = repeat ("a", 160);
  g_autofree char *t161 = repeat ("a", 161);
  g_autofree char *t306 = repeat ("a", 306);
  g_autofree char *t307 = repeat ("a", 307);
  g_autoptr(SmsEncoded) e160 = sms_codec_encode (t160, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) e161 = sms_codec_encode (t161, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) e306 = sms_codec_encode (t306, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) e307 = sms_codec_encode (t307, SMS_POLICY_UNACCENTED);

  ck_assert_int_eq (e160->encoding, SMS_ENCODING_GSM7);
  ck_assert_uint_eq (e160->parts->len, 1);
  ck_assert_uint_eq (part_len (e160, 0), 160);
  ck_assert_uint_eq (e161->parts->len, 2);
  ck_assert_uint_eq (part_len (e161, 0), 153);
  ck_assert_uint_eq (part_len (e161, 1), 8);
  ck_assert_uint_eq (e306->parts->len, 2);
  ck_assert_uint_eq (e307->parts->len, 3);
  ck_assert_uint_eq (sms_codec_count_parts (t307, SMS_POLICY_UNACCENTED), 3);
  assert_well_formed (e161);
  assert_well_formed (e307);
}
END_TEST

START_TEST (test_ucs2_limits)
{
  g_autofree char *a69 = repeat ("ư", 69);
  g_autofree char *a70 = repeat ("ư", 70);
  g_autofree char *t70 = g_strconcat ("a", a69, NULL);
  g_autofree char *t71 = g_strconcat ("a", a70, NULL);
  g_autoptr(SmsEncoded) e70 = sms_codec_encode (t70, SMS_POLICY_ACCENTED);
  g_autoptr(SmsEncoded) e71 = sms_codec_encode (t71, SMS_POLICY_ACCENTED);

  ck_assert_int_eq (e70->encoding, SMS_ENCODING_UCS2);
  ck_assert_uint_eq (e70->parts->len, 1);
  ck_assert_uint_eq (part_len (e70, 0), 70);
  ck_assert_uint_eq (e71->parts->len, 2);
  ck_assert_uint_eq (part_len (e71, 0), 67);
  ck_assert_uint_eq (part_len (e71, 1), 4);
  assert_well_formed (e71);
}
END_TEST

START_TEST (test_extension_counts_twice)
{
  /* 80 braces are 160 septets: one SMS; 81 are two parts, and 76 fit in 153 (152 septets). */
  g_autofree char *b80 = repeat ("{", 80);
  g_autofree char *b81 = repeat ("{", 81);
  g_autoptr(SmsEncoded) e80 = sms_codec_encode (b80, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) e81 = sms_codec_encode (b81, SMS_POLICY_UNACCENTED);

  ck_assert_uint_eq (sms_codec_length (b80, SMS_ENCODING_GSM7), 160);
  ck_assert_uint_eq (e80->parts->len, 1);
  ck_assert_uint_eq (e81->parts->len, 2);
  ck_assert_uint_eq (part_len (e81, 0), 152);
  ck_assert_uint_eq (g_utf8_strlen (part (e81, 0), -1), 76);
  assert_well_formed (e81);
}
END_TEST

START_TEST (test_extension_never_straddles)
{
  /* € would take septets 153 and 154: it moves whole to part 2. */
  g_autofree char *a152 = repeat ("a", 152);
  g_autofree char *a151 = repeat ("a", 151);
  g_autofree char *tail = repeat ("b", 10);
  g_autofree char *straddle = g_strconcat (a152, "€", tail, NULL);
  g_autofree char *exact = g_strconcat (a151, "{", tail, NULL);
  g_autoptr(SmsEncoded) s = sms_codec_encode (straddle, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) x = sms_codec_encode (exact, SMS_POLICY_UNACCENTED);

  ck_assert_uint_eq (s->parts->len, 2);
  ck_assert_str_eq (part (s, 0), a152);
  ck_assert_uint_eq (part_len (s, 0), 152);
  ck_assert (g_str_has_prefix (part (s, 1), "€"));
  ck_assert_uint_eq (part_len (s, 1), 12);
  assert_well_formed (s);
  /* '{' in septets 152 and 153: it fits exactly. */
  ck_assert_uint_eq (x->parts->len, 2);
  ck_assert_uint_eq (part_len (x, 0), 153);
  ck_assert (g_str_has_suffix (part (x, 0), "{"));
  ck_assert_str_eq (part (x, 1), tail);
}
END_TEST

START_TEST (test_emoji_never_straddles)
{
  /* "ư" + 65 letters is 66 units; the emoji would take units 67 and 68. */
  g_autofree char *a65 = repeat ("a", 65);
  g_autofree char *tail = repeat ("b", 10);
  g_autofree char *text = g_strconcat ("ư", a65, "😀", tail, NULL);
  g_autofree char *first = g_strconcat ("ư", a65, NULL);
  g_autofree char *a64 = repeat ("a", 64);
  g_autofree char *fits = g_strconcat ("ư", a64, "😀", tail, NULL);
  g_autoptr(SmsEncoded) e = sms_codec_encode (text, SMS_POLICY_ACCENTED);
  g_autoptr(SmsEncoded) f = sms_codec_encode (fits, SMS_POLICY_ACCENTED);

  ck_assert_int_eq (e->encoding, SMS_ENCODING_UCS2);
  ck_assert_uint_eq (e->parts->len, 2);
  ck_assert_str_eq (part (e, 0), first);
  ck_assert_uint_eq (part_len (e, 0), 66);
  ck_assert (g_str_has_prefix (part (e, 1), "😀"));
  assert_well_formed (e);
  /* One unit earlier, the emoji ends the part exactly at 67. */
  ck_assert_uint_eq (part_len (f, 0), 67);
  ck_assert (g_str_has_suffix (part (f, 0), "😀"));
}
END_TEST

START_TEST (test_combining_marks_stay_with_letter)
{
  /* Decomposed "ế" (e + circumflex + acute) across the UCS-2 boundary stays in one part. */
  g_autofree char *a65 = repeat ("a", 65);
  g_autofree char *tail = repeat ("b", 10);
  g_autofree char *text = g_strconcat (a65, "e\xcc\x82\xcc\x81", tail, NULL);
  g_autoptr(SmsEncoded) e = sms_codec_encode (text, SMS_POLICY_ACCENTED);

  ck_assert_uint_eq (e->parts->len, 2);
  ck_assert_str_eq (part (e, 0), a65);
  ck_assert (g_str_has_prefix (part (e, 1), "e\xcc\x82\xcc\x81"));
  assert_well_formed (e);
}
END_TEST

START_TEST (test_cut_after_space)
{
  g_autofree char *a145 = repeat ("a", 145);
  g_autofree char *a139 = repeat ("a", 139);
  g_autofree char *a150 = repeat ("a", 150);
  g_autofree char *b20 = repeat ("b", 20);
  g_autofree char *b30 = repeat ("b", 30);
  g_autofree char *b155 = repeat ("b", 155);
  g_autofree char *near = g_strconcat (a145, " ", b20, NULL);
  g_autofree char *far = g_strconcat (a139, " ", b30, NULL);
  g_autofree char *costly = g_strconcat (a150, " ", b155, NULL);
  g_autoptr(SmsEncoded) n = sms_codec_encode (near, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) f = sms_codec_encode (far, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) c = sms_codec_encode (costly, SMS_POLICY_UNACCENTED);

  /* The space ends septet 146, within the last 12 of 153: cut after it. */
  ck_assert_uint_eq (n->parts->len, 2);
  ck_assert_uint_eq (part_len (n, 0), 146);
  ck_assert_str_eq (part (n, 1), b20);
  /* The space ends septet 140, 13 from the limit: cut hard. */
  ck_assert_uint_eq (part_len (f, 0), 153);
  assert_well_formed (f);
  /* 306 septets fit two parts only when cut hard: the space is not worth a third part. */
  ck_assert_uint_eq (c->parts->len, 2);
  ck_assert_uint_eq (part_len (c, 0), 153);
  assert_well_formed (c);
}
END_TEST

static const char *sentences[] = {
  "Trợ giúp pháp lý miễn phí cho người thuộc hộ nghèo, hộ cận nghèo và người dân tộc thiểu số "
  "cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.",
  "Hãy đến UBND xã hoặc gọi “Trung tâm trợ giúp pháp lý” của tỉnh Quảng Ninh!",
  "Mang theo giấy tờ tùy thân, sổ hộ khẩu hoặc xác nhận cư trú; giấy chứng nhận hộ nghèo.",
  "Hỏi đáp: có mất phí không? Không, hoàn toàn miễn phí.",
  "Thời hạn giải quyết là 2 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ…",
};

/* About @chars characters of Vietnamese prose. */
static char *
prose (guint chars)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (s->str, -1) < (glong) chars; i++)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, sentences[i % G_N_ELEMENTS (sentences)]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

START_TEST (test_thousand_characters)
{
  g_autofree char *text = prose (1000);
  g_autoptr(SmsEncoded) u = sms_codec_encode (text, SMS_POLICY_UNACCENTED);
  g_autoptr(SmsEncoded) a = sms_codec_encode (text, SMS_POLICY_ACCENTED);
  guint spaces = 0;

  ck_assert_uint_ge (g_utf8_strlen (text, -1), 1000);
  ck_assert_int_eq (u->encoding, SMS_ENCODING_GSM7);
  ck_assert_int_eq (a->encoding, SMS_ENCODING_UCS2);
  assert_well_formed (u);
  assert_well_formed (a);
  /* No extension or astral characters here: the fewest parts is the length over the limit. */
  ck_assert_uint_eq (u->parts->len, (sms_codec_length (u->text, SMS_ENCODING_GSM7) + 152) / 153);
  ck_assert_uint_eq (a->parts->len, (sms_codec_length (a->text, SMS_ENCODING_UCS2) + 66) / 67);
  ck_assert_uint_eq (sms_codec_count_parts (text, SMS_POLICY_ACCENTED), a->parts->len);
  /* Cuts prefer spaces when that costs nothing. */
  for (guint i = 0; i + 1 < a->parts->len; i++)
    if (g_str_has_suffix (part (a, i), " "))
      spaces++;
  ck_assert_uint_gt (spaces, 0);
}
END_TEST

/* ---- paging ---- */

#define MORE " (THEM: tiep)"

/* Checks one page of @text: it fits @max_parts with the suffix, and page + white space + rest is
 * the text. Returns the rest (NULL at the end); the page goes to @page_out when not NULL. */
static char *
check_page (const char *text, SmsPolicy policy, guint max_parts, char **page_out)
{
  char *rest = NULL;
  g_autofree char *page = sms_codec_page (text, policy, max_parts, MORE, &rest);
  g_autoptr(SmsEncoded) e = sms_codec_encode (page, policy);
  gsize body_len;

  ck_assert_uint_le (e->parts->len, max_parts);
  assert_well_formed (e);
  if (rest == NULL)
    {
      ck_assert_str_eq (page, text);
      return NULL;
    }
  ck_assert (g_str_has_suffix (page, MORE));
  body_len = strlen (page) - strlen (MORE);
  ck_assert (strncmp (text, page, body_len) == 0);
  ck_assert (g_str_has_suffix (text, rest));
  ck_assert_uint_gt (strlen (rest), 0);
  ck_assert (!g_ascii_isspace (rest[0]));
  for (gsize i = body_len; i < strlen (text) - strlen (rest); i++)
    ck_assert_msg (g_ascii_isspace (text[i]), "dropped a non-space at %zu", i);
  if (page_out != NULL)
    *page_out = g_steal_pointer (&page);
  return rest;
}

START_TEST (test_page_fits_whole)
{
  char *rest = (char *) "unset";
  g_autofree char *page = sms_codec_page ("Trợ giúp pháp lý", SMS_POLICY_UNACCENTED, 1, MORE, &rest);

  ck_assert_str_eq (page, "Trợ giúp pháp lý");
  ck_assert_ptr_null (rest);
}
END_TEST

START_TEST (test_page_at_sentence_end)
{
  g_autofree char *text = prose (1500);
  g_autofree char *page = NULL;
  g_autofree char *rest = check_page (text, SMS_POLICY_UNACCENTED, 3, &page);
  g_autofree char *body = g_strndup (page, strlen (page) - strlen (MORE));
  g_autofree char *folded = sms_codec_apply_policy (page, SMS_POLICY_UNACCENTED);

  ck_assert_ptr_nonnull (rest);
  ck_assert_msg (g_str_has_suffix (body, ".") || g_str_has_suffix (body, "!")
                 || g_str_has_suffix (body, "?"), "page does not end a sentence: %s", body);
  /* It uses the budget: more than two parts' worth. */
  ck_assert_uint_gt (sms_codec_length (folded, SMS_ENCODING_GSM7), 2 * 153);
}
END_TEST

START_TEST (test_page_through_everything)
{
  /* Paging until the end gives back the whole text, modulo the spaces between pages. */
  g_autofree char *text = prose (3000);
  SmsPolicy policies[] = { SMS_POLICY_UNACCENTED, SMS_POLICY_ACCENTED };

  for (gsize p = 0; p < G_N_ELEMENTS (policies); p++)
    for (guint max = 1; max <= 4; max++)
      {
        g_autofree char *cur = g_strdup (text);
        guint pages = 0;

        while (cur != NULL)
          {
            char *next = check_page (cur, policies[p], max, NULL);

            g_free (cur);
            cur = next;
            pages++;
            ck_assert_uint_lt (pages, 200);
          }
        ck_assert_uint_gt (pages, 1);
      }
}
END_TEST

START_TEST (test_page_at_space_or_hard)
{
  g_autofree char *a400 = repeat ("a", 400);
  g_autofree char *words = repeat ("abcdefg ", 60);   /* no sentence end anywhere */
  char *rest = NULL;
  g_autofree char *hard = sms_codec_page (a400, SMS_POLICY_UNACCENTED, 1, MORE, &rest);
  g_autofree char *hard_rest = rest;
  g_autofree char *soft = NULL;
  g_autofree char *soft_rest = NULL;
  g_autofree char *longer = NULL;

  /* One SMS of 160 holds 147 letters and the 13-septet suffix; the rest goes on. */
  ck_assert_uint_eq (strlen (hard), 160);
  ck_assert_uint_eq (strlen (hard_rest), 400 - 147);
  soft = sms_codec_page (words, SMS_POLICY_UNACCENTED, 2, MORE, &soft_rest);
  ck_assert (g_str_has_suffix (soft, "g" MORE));
  ck_assert (g_str_has_prefix (soft_rest, "abcdefg"));
  /* It is the longest such page: one more word does not fit. */
  longer = g_strdup_printf ("%.*s abcdefg" MORE, (int) (strlen (soft) - strlen (MORE)), soft);
  ck_assert_uint_gt (sms_codec_count_parts (longer, SMS_POLICY_UNACCENTED), 2);
}
END_TEST

/* ---- UDH ---- */

START_TEST (test_udh_round_trip)
{
  g_autofree char *u = sms_codec_udh (0xAB, 2, 1);
  guint ref = 0, total = 0, seq = 0;

  ck_assert_str_eq (u, "050003AB0201");
  for (guint r = 0; r < 256; r += 51)
    for (guint t = 1; t <= 255; t += 127)
      for (guint s = 1; s <= t; s += (t > 2 ? 63 : 1))
        {
          g_autofree char *x = sms_codec_udh ((guint8) r, t, s);

          ck_assert (sms_codec_parse_udh (x, &ref, &total, &seq));
          ck_assert_uint_eq (ref, r);
          ck_assert_uint_eq (total, t);
          ck_assert_uint_eq (seq, s);
        }
  /* 16-bit references, lower case, and a concatenation element behind port addressing. */
  ck_assert (sms_codec_parse_udh ("060804ABCD0302", &ref, &total, &seq));
  ck_assert_uint_eq (ref, 0xABCD);
  ck_assert_uint_eq (total, 3);
  ck_assert_uint_eq (seq, 2);
  ck_assert (sms_codec_parse_udh ("050003ff0a0a", &ref, &total, &seq));
  ck_assert_uint_eq (ref, 255);
  ck_assert_uint_eq (seq, 10);
  ck_assert (sms_codec_parse_udh ("0B05040B8423F00003120302", &ref, &total, &seq));
  ck_assert_uint_eq (ref, 0x12);
  ck_assert_uint_eq (total, 3);
  ck_assert (sms_codec_parse_udh ("050003010101", NULL, NULL, NULL));
}
END_TEST

START_TEST (test_udh_rejects_garbage)
{
  const char *bad[] = {
    "", "0", "05000", "050003AB02", "050003AB020100", "050003AB0203", "050003AB0000",
    "050003AB0200", "ZZ0003AB0201", "050003AB02 1", "060003AB0201", "0500030AB0201",
    "03240101", "0605040B8423F0", "060804ABCD03", "hello", "050004AB0201",
  };
  guint ref = 7, total = 7, seq = 7;

  ck_assert (!sms_codec_parse_udh (NULL, &ref, &total, &seq));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    ck_assert_msg (!sms_codec_parse_udh (bad[i], &ref, &total, &seq), "accepted “%s”", bad[i]);
  ck_assert_uint_eq (ref, 7);
  ck_assert_uint_eq (total, 7);
  ck_assert_uint_eq (seq, 7);
}
END_TEST

/* ---- banlang-sms encode ---- */

static int
run_encode (const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) BANLANG_BUILD_ROOT "/sms/banlang-sms");
  g_ptr_array_add (argv, (char *) "encode");
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error), "%s", error ? error->message : "");
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

START_TEST (test_cli_json)
{
  const char *args[] = { "--json", "Trợ", "giúp pháp lý", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  ck_assert_int_eq (run_encode (args, &out, &err), 0);
  ck_assert (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_uint_eq (json_object_get_size (o), 4);
  ck_assert_str_eq (json_object_get_string_member (o, "reply"), "Tro giup phap ly");
  ck_assert_str_eq (json_object_get_string_member (o, "encoding"), "GSM-7");
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (o, "parts")), 1);
  ck_assert (json_object_get_null_member (o, "skip_reason"));
}
END_TEST

START_TEST (test_cli_text)
{
  g_autofree char *long_text = repeat ("ư", 71);
  const char *args[] = { "--policy", "accented", long_text, NULL };
  g_autofree char *out = NULL, *err = NULL;

  ck_assert_int_eq (run_encode (args, &out, &err), 0);
  ck_assert_ptr_nonnull (strstr (out, "UCS-2"));
  ck_assert_ptr_nonnull (strstr (out, "part 1/2 (67 units): "));
  ck_assert_ptr_nonnull (strstr (out, "part 2/2 (4 units): "));
}
END_TEST

START_TEST (test_cli_errors)
{
  const char *none[] = { NULL };
  const char *policy[] = { "--policy", "unicode", "x", NULL };
  const char *bad_utf8[] = { "ab\xff", NULL };
  const char *help[] = { "--help", NULL };

  {
    g_autofree char *out = NULL, *err = NULL;
    ck_assert_int_eq (run_encode (none, &out, &err), 2);
    ck_assert_ptr_nonnull (strstr (err, "Usage"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    ck_assert_int_eq (run_encode (policy, &out, &err), 2);
    ck_assert_ptr_nonnull (strstr (err, "--policy"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    ck_assert_int_eq (run_encode (bad_utf8, &out, &err), 1);
    ck_assert_ptr_nonnull (strstr (err, "UTF-8"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    ck_assert_int_eq (run_encode (help, &out, &err), 0);
    ck_assert_ptr_nonnull (strstr (out, "--policy"));
  }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sms-codec");
  TCase *policy = tcase_create ("policy");
  TCase *split = tcase_create ("split");
  TCase *page = tcase_create ("page");
  TCase *udh = tcase_create ("udh");
  TCase *cli = tcase_create ("cli");

  tcase_add_test (policy, test_policy_vietnamese);
  tcase_add_test (policy, test_policy_punctuation_and_symbols);
  tcase_add_test (policy, test_policy_outside_gsm7);
  tcase_add_test (policy, test_policy_accented_and_bad_input);
  tcase_add_test (policy, test_names);
  tcase_add_test (policy, test_gsm7_and_length);
  tcase_add_test (policy, test_trogiup);
  suite_add_tcase (s, policy);

  tcase_add_test (split, test_empty);
  tcase_add_test (split, test_gsm7_limits);
  tcase_add_test (split, test_ucs2_limits);
  tcase_add_test (split, test_extension_counts_twice);
  tcase_add_test (split, test_extension_never_straddles);
  tcase_add_test (split, test_emoji_never_straddles);
  tcase_add_test (split, test_combining_marks_stay_with_letter);
  tcase_add_test (split, test_cut_after_space);
  tcase_add_test (split, test_thousand_characters);
  suite_add_tcase (s, split);

  tcase_add_test (page, test_page_fits_whole);
  tcase_add_test (page, test_page_at_sentence_end);
  tcase_add_test (page, test_page_through_everything);
  tcase_add_test (page, test_page_at_space_or_hard);
  suite_add_tcase (s, page);

  tcase_add_test (udh, test_udh_round_trip);
  tcase_add_test (udh, test_udh_rejects_garbage);
  suite_add_tcase (s, udh);

  tcase_add_test (cli, test_cli_json);
  tcase_add_test (cli, test_cli_text);
  tcase_add_test (cli, test_cli_errors);
  suite_add_tcase (s, cli);
  return test_util_run (s);
}
