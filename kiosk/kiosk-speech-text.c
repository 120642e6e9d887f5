/* kiosk-speech-text.c: text made ready to be read aloud.
 *
 * espeak-ng reads "52/2014/QH13" as a fraction, "500.000" as five hundred point zero, and a
 * date as three numbers with slashes: a person who cannot read the screen hears nonsense exactly
 * where the page matters most (which law, how much money, until when). So before synthesis the
 * kiosk spells these out the way an officer would say them, in Vietnamese or English, and cuts
 * the text into sentences so that the first one sounds while the rest are synthesized.
 */
#include "config.h"
#include "kiosk-speech-text.h"

#include <string.h>

static const char *const vi_digits[] = { "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín" };
static const char *const en_small[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
};
static const char *const en_tens[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
static const char *const en_months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December",
};

static gboolean
is_vi (const char *lang)
{
  return g_strcmp0 (lang, "vi") == 0;
}

static gboolean
is_en (const char *lang)
{
  return g_strcmp0 (lang, "en") == 0;
}

static void
add_word (GString *out, const char *word)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* One group of three digits in Vietnamese. @full: a group after a larger one, which says its
 * hundreds and "linh" even when they are zero ("một nghìn không trăm linh năm"). */
static void
vi_group (GString *out, guint n, gboolean full)
{
  guint h = n / 100, t = n / 10 % 10, u = n % 10;

  if (full || h > 0)
    {
      add_word (out, vi_digits[h]);
      add_word (out, "trăm");
    }
  if (t == 0)
    {
      if (u > 0 && (full || h > 0))
        add_word (out, "linh");
      if (u > 0)
        add_word (out, vi_digits[u]);
    }
  else if (t == 1)
    {
      add_word (out, "mười");
      if (u == 5)
        add_word (out, "lăm");
      else if (u > 0)
        add_word (out, vi_digits[u]);
    }
  else
    {
      add_word (out, vi_digits[t]);
      add_word (out, "mươi");
      if (u == 1)
        add_word (out, "mốt");
      else if (u == 5)
        add_word (out, "lăm");
      else if (u > 0)
        add_word (out, vi_digits[u]);
    }
}

static void
en_group (GString *out, guint n)
{
  guint h = n / 100, rest = n % 100;

  if (h > 0)
    {
      add_word (out, en_small[h]);
      add_word (out, "hundred");
    }
  if (rest >= 20)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, en_tens[rest / 10]);
      if (rest % 10 > 0)
        g_string_append_printf (out, "-%s", en_small[rest % 10]);
    }
  else if (rest > 0)
    add_word (out, en_small[rest]);
}

char *
kiosk_speech_number_words (gint64 n, const char *lang)
{
  static const char *const vi_scales[] = { "", "nghìn", "triệu", "tỷ", "nghìn tỷ" };
  static const char *const en_scales[] = { "", "thousand", "million", "billion", "trillion" };
  g_autoptr(GString) out = g_string_new (NULL);
  guint groups[5];
  int top = 0;

  if ((!is_vi (lang) && !is_en (lang)) || n < 0 || n > G_GINT64_CONSTANT (999999999999999))
    return NULL;
  if (n == 0)
    return g_strdup (is_vi (lang) ? vi_digits[0] : en_small[0]);
  for (gint64 rest = n; rest > 0; rest /= 1000)
    groups[top++] = (guint) (rest % 1000);
  for (int i = top - 1; i >= 0; i--)
    {
      if (groups[i] == 0)
        continue;
      if (is_vi (lang))
        vi_group (out, groups[i], i < top - 1);
      else
        en_group (out, groups[i]);
      if (i > 0)
        add_word (out, is_vi (lang) ? vi_scales[i] : en_scales[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_number (GString *out, const char *digits, const char *lang)
{
  gint64 n = g_ascii_strtoll (digits, NULL, 10);
  g_autofree char *words = strlen (digits) <= 15 ? kiosk_speech_number_words (n, lang) : NULL;

  if (words != NULL)
    g_string_append (out, words);
  else
    g_string_append (out, digits);
}

/* Digits one by one, as a phone number is read; other characters give a pause. */
static void
add_digit_by_digit (GString *out, const char *text, const char *lang)
{
  gboolean first = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          if (!first && out->str[out->len - 1] != ',')
            g_string_append_c (out, ',');
          continue;
        }
      if (!first)
        g_string_append_c (out, ' ');
      g_string_append (out, is_vi (lang) ? vi_digits[*p - '0'] : en_small[*p - '0']);
      first = FALSE;
    }
}

/* The letters of an abbreviation in a law number, as Vietnamese officials say them. */
static const char *
vi_abbreviation (const char *letters)
{
  static const struct { const char *abbr, *words; } known[] = {
    { "QH", "Quốc hội khóa" }, { "UBTVQH", "Ủy ban Thường vụ Quốc hội khóa" },
    { "NĐ", "nghị định" }, { "CP", "Chính phủ" }, { "QĐ", "quyết định" }, { "TTg", "Thủ tướng" },
    { "TT", "thông tư" }, { "NQ", "nghị quyết" }, { "PL", "pháp lệnh" }, { "UBND", "Ủy ban nhân dân" },
    { "HĐND", "Hội đồng nhân dân" }, { "BTP", "Bộ Tư pháp" }, { "BYT", "Bộ Y tế" }, { "BCA", "Bộ Công an" },
    { "BTC", "Bộ Tài chính" }, { "BQP", "Bộ Quốc phòng" }, { "BLĐTBXH", "Bộ Lao động Thương binh và Xã hội" },
    { "BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn" }, { "BTNMT", "Bộ Tài nguyên và Môi trường" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].abbr, letters))
      return known[i].words;
  return NULL;
}

/* "QH13", "NĐ-CP": known abbreviations in words (Vietnamese), others letter by letter, digits
 * as a number. */
static void
add_law_code (GString *out, const char *code, const char *lang)
{
  g_auto(GStrv) parts = g_strsplit (code, "-", -1);

  for (int i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];

      while (*p != '\0')
        {
          const char *start = p;
          gboolean digits = g_ascii_isdigit (*p);
          g_autofree char *run = NULL;
          const char *words;

          while (*p != '\0' && (g_ascii_isdigit (*p) != 0) == digits)
            p = g_utf8_next_char (p);
          run = g_strndup (start, p - start);
          if (digits)
            {
              if (out->len > 0)
                g_string_append_c (out, ' ');
              add_number (out, run, lang);
            }
          else if (is_vi (lang) && (words = vi_abbreviation (run)) != NULL)
            add_word (out, words);
          else
            for (const char *c = run; *c != '\0'; c = g_utf8_next_char (c))
              {
                g_autofree char *letter = g_utf8_substring (c, 0, 1);
                add_word (out, letter);
              }
        }
    }
}

/* TRUE when the text before @pos ends with the word @word and a space: "ngày 1/7/2025" must not
 * become "ngày ngày một tháng bảy". */
static gboolean
preceded_by (const char *text, gint pos, const char *word)
{
  gsize len = strlen (word);

  if ((gsize) pos < len + 1 || text[pos - 1] != ' ')
    return FALSE;
  return g_ascii_strncasecmp (text + pos - 1 - len, word, len) == 0 ||
         strncmp (text + pos - 1 - len, word, len) == 0;
}

static void
add_date (GString *out, const char *text, gint pos, guint d, guint m, const char *year, const char *lang)
{
  g_autofree char *day = kiosk_speech_number_words (d, lang);

  if (is_vi (lang))
    {
      g_autofree char *month = kiosk_speech_number_words (m, lang);

      if (!preceded_by (text, pos, "ngày"))
        g_string_append (out, "ngày ");
      /* April is "tháng tư", never "tháng bốn". */
      g_string_append_printf (out, "%s tháng %s năm ", day, m == 4 ? "tư" : month);
      add_number (out, year, lang);
    }
  else
    {
      static const char *const ordinal[] = {
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
        "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth",
        "twenty-ninth", "thirtieth", "thirty-first",
      };
      g_string_append_printf (out, "%s %s, ", en_months[m - 1], ordinal[d]);
      add_number (out, year, lang);
    }
}

/* The digits of @s without its separators (".", ","). */
static char *
strip_separators (const char *s)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

static gboolean
replace_match (const GMatchInfo *info, GString *out, gpointer user_data)
{
  const char *lang = user_data;
  const char *text = g_match_info_get_string (info);
  gint start = 0, end = 0;
  g_autofree char *law = g_match_info_fetch_named (info, "law");
  g_autofree char *day = g_match_info_fetch_named (info, "d");
  g_autofree char *iso_year = g_match_info_fetch_named (info, "iy");
  g_autofree char *phone = g_match_info_fetch_named (info, "phone");
  g_autofree char *integer = g_match_info_fetch_named (info, "int");
  GString *said = g_string_new (NULL);

  g_match_info_fetch_pos (info, 0, &start, &end);
  if (law != NULL && *law != '\0')
    {
      g_autofree char *year = g_match_info_fetch_named (info, "year");
      g_autofree char *code = g_match_info_fetch_named (info, "code");

      add_number (said, law, lang);
      g_string_append (said, is_vi (lang) ? ", năm " : " of ");
      add_number (said, year, lang);
      g_string_append (said, ",");
      add_law_code (said, code, lang);
    }
  else if ((day != NULL && *day != '\0') || (iso_year != NULL && *iso_year != '\0'))
    {
      gboolean iso = day == NULL || *day == '\0';
      g_autofree char *ds = iso ? g_match_info_fetch_named (info, "id") : g_strdup (day);
      g_autofree char *ms = g_match_info_fetch_named (info, iso ? "im" : "m");
      g_autofree char *ys = iso ? g_strdup (iso_year) : g_match_info_fetch_named (info, "y");
      guint d = (guint) g_ascii_strtoull (ds, NULL, 10), m = (guint) g_ascii_strtoull (ms, NULL, 10);

      if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
        add_date (said, text, start, d, m, ys, lang);
      else
        {
          g_autofree char *whole = g_match_info_fetch (info, 0);
          add_digit_by_digit (said, whole, lang);
        }
    }
  else if (phone != NULL && *phone != '\0')
    add_digit_by_digit (said, phone, lang);
  else
    {
      g_autofree char *decimals = g_match_info_fetch_named (info, "dec");
      g_autofree char *unit = g_match_info_fetch_named (info, "unit");
      g_autofree char *digits = strip_separators (integer);

      add_number (said, digits, lang);
      if (decimals != NULL && *decimals != '\0')
        {
          if (is_vi (lang))
            {
              g_string_append (said, " phẩy ");
              add_number (said, decimals, lang);
            }
          else
            {
              g_string_append (said, " point ");
              add_digit_by_digit (said, decimals, lang);
            }
        }
      if (g_strcmp0 (unit, "%") == 0)
        g_string_append (said, is_vi (lang) ? " phần trăm" : " percent");
      else if (unit != NULL && *unit != '\0')
        g_string_append (said, is_vi (lang) ? " đồng" : " dong");
    }
  g_string_append_len (out, said->str, said->len);
  g_string_free (said, TRUE);
  return FALSE;
}

static GRegex *
pattern_for (const char *lang)
{
  static gsize vi_pattern, en_pattern;
  gsize *pattern = is_vi (lang) ? &vi_pattern : &en_pattern;

  if (g_once_init_enter (pattern))
    {
      /* Law numbers first (they hold a year and slashes), then dates, phone numbers (a leading
       * 0 and at least 8 digits, perhaps in groups), then amounts with the language's own
       * thousands and decimal separators, with a unit when one follows. */
      g_autofree char *source = g_strdup_printf (
        "(?<![\\p{L}\\p{N}/])(?:"
        "(?<law>\\d{1,4})/(?<year>\\d{4})/(?<code>[\\p{L}\\d]+(?:-[\\p{L}\\d]+)*)"
        "|(?<d>\\d{1,2})/(?<m>\\d{1,2})/(?<y>\\d{4})(?![\\p{L}\\p{N}/])"
        "|(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})(?![\\p{L}\\p{N}-])"
        "|(?<phone>0\\d{2,4}(?:[ .]\\d{3,4}){1,3}(?![\\p{N}])|0\\d{7,10}(?![\\p{N}]))"
        "|(?<int>\\d{1,3}(?:%s\\d{3})+(?!\\d)|\\d+)(?:%s(?<dec>\\d+))?(?:\\s?(?<unit>%%|đồng|VNĐ|VND|đ(?!\\p{L})))?"
        ")(?![\\p{L}\\p{N}])",
        is_vi (lang) ? "\\." : ",", is_vi (lang) ? "," : "\\.");
      GRegex *compiled = g_regex_new (source, G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (pattern, (gsize) compiled);
    }
  return (GRegex *) *pattern;
}

char *
kiosk_speech_text_normalise (const char *text, const char *lang)
{
  char *said;

  if (text == NULL)
    return NULL;
  if (!is_vi (lang) && !is_en (lang))
    return g_strdup (text);
  said = g_regex_replace_eval (pattern_for (lang), text, -1, 0, 0, replace_match, (gpointer) lang, NULL);
  return said != NULL ? said : g_strdup (text);
}

GPtrArray *
kiosk_speech_text_sentences (const char *text)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      gboolean end = *p == '\n' ||
                     (strchr (".!?;:", *p) != NULL && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'));

      if (!end && p[1] != '\0')
        continue;
      {
        g_autofree char *sentence = g_strstrip (g_strndup (start, p + 1 - start));
        if (*sentence != '\0')
          g_ptr_array_add (sentences, g_steal_pointer (&sentence));
      }
      start = p + 1;
    }
  return sentences;
}
