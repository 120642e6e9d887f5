/* bench-util.c: the synthetic content the benchmarks import, shared so that bench-search and
 * bench-kiosk measure the same data.
 *
 * Words come from one of two vocabularies (see bench_vocabulary_init()), drawn with the caller's
 * fixed-seed GRand, so every run writes the same items.
 */
#include "bench-util.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const syllables[] = {
  "hôn", "nhân", "gia", "đình", "đất", "đai", "rừng", "biên", "giới", "cư", "trú", "bảo", "hiểm",
  "y", "tế", "trợ", "giúp", "pháp", "lý", "luật", "nghị", "định", "xã", "thôn", "bản", "hộ",
  "nghèo", "cận", "người", "dân", "tộc", "thiểu", "số", "vùng", "cao", "miền", "núi", "đảo",
  "hỗ", "trợ", "nhà", "ở", "vay", "vốn", "ngân", "hàng", "chính", "sách", "học", "sinh", "trẻ",
  "em", "phụ", "nữ", "bạo", "lực", "hòa", "giải", "tranh", "chấp", "quyền", "sử", "dụng", "giấy",
  "chứng", "nhận", "đăng", "ký", "kết", "khai", "sinh", "tử", "thẻ", "căn", "cước", "công", "an",
  "ủy", "ban", "nhân", "dân", "tỉnh", "Quảng", "Ninh", "trà", "hoa", "vàng", "miến", "dong",
  "sản", "phẩm", "sao", "du", "lịch", "cộng", "đồng", "lễ", "hội", "mùa", "lúa", "chín", "suối",
  "thác", "đường", "mốc", "khu", "vực", "cấm", "phạt", "tiền", "đồng", "tháng", "năm", "ngày",
  "hướng", "dẫn", "thủ", "tục", "hồ", "sơ", "nộp", "tại", "bộ", "phận", "một", "cửa", "điều",
  "khoản", "hiệu", "lực", "thi", "hành", "sửa", "đổi", "bổ", "sung", "mức", "hưởng", "trăm",
  "nghìn", "triệu", "được", "không", "phải", "có", "của", "cho", "với", "và", "các", "những",
};

static const char *const onsets[] = {
  "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
  "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
};

/* Rimes with the vowel that takes the tone mark first, the rest after. */
static const char *const rimes[][2] = {
  { "a", "" }, { "a", "i" }, { "a", "m" }, { "a", "n" }, { "a", "ng" }, { "a", "nh" }, { "a", "o" },
  { "a", "u" }, { "a", "y" }, { "ă", "m" }, { "ă", "n" }, { "ă", "ng" }, { "â", "m" }, { "â", "n" },
  { "â", "ng" }, { "â", "u" }, { "â", "y" }, { "e", "" }, { "e", "m" }, { "e", "n" }, { "e", "o" },
  { "ê", "" }, { "ê", "m" }, { "ê", "n" }, { "ê", "nh" }, { "ê", "u" }, { "i", "" }, { "i", "m" },
  { "i", "n" }, { "i", "nh" }, { "i", "u" }, { "iê", "m" }, { "iê", "n" }, { "iê", "ng" },
  { "iê", "u" }, { "o", "" }, { "o", "i" }, { "o", "m" }, { "o", "n" }, { "o", "ng" }, { "oa", "" },
  { "oa", "n" }, { "oa", "ng" }, { "oa", "nh" }, { "ô", "" }, { "ô", "i" }, { "ô", "m" },
  { "ô", "n" }, { "ô", "ng" }, { "ơ", "" }, { "ơ", "i" }, { "ơ", "m" }, { "ơ", "n" }, { "u", "" },
  { "u", "i" }, { "u", "m" }, { "u", "n" }, { "u", "ng" }, { "uô", "i" }, { "uô", "n" },
  { "uô", "ng" }, { "ư", "" }, { "ư", "a" }, { "ư", "ng" }, { "ươ", "i" }, { "ươ", "n" },
  { "ươ", "ng" }, { "ươ", "c" }, { "y", "" },
};

/* No mark, grave, acute, hook above, tilde, dot below. */
static const char *const tones[] = { "", "\xcc\x80", "\xcc\x81", "\xcc\x89", "\xcc\x83", "\xcc\xa3" };

typedef struct {
  GPtrArray *words;   /* the vocabulary, most frequent first */
  double *cumulative; /* Zipf: P(rank r) proportional to 1/r */
} Vocabulary;

static Vocabulary vocab;

void
bench_vocabulary_init (gboolean zipf)
{
  double total = 0;

  g_clear_pointer (&vocab.words, g_ptr_array_unref);
  g_clear_pointer (&vocab.cumulative, g_free);
  vocab.words = g_ptr_array_new_with_free_func (g_free);
  if (!zipf)
    for (gsize i = 0; i < G_N_ELEMENTS (syllables); i++)
      g_ptr_array_add (vocab.words, g_strdup (syllables[i]));
  else
    {
      g_autoptr(GRand) shuffle = g_rand_new_with_seed (7);
      for (gsize o = 0; o < G_N_ELEMENTS (onsets); o++)
        for (gsize r = 0; r < G_N_ELEMENTS (rimes); r++)
          for (gsize t = 0; t < G_N_ELEMENTS (tones); t++)
            {
              g_autofree char *raw = g_strconcat (onsets[o], rimes[r][0], tones[t], rimes[r][1], NULL);
              g_ptr_array_add (vocab.words, g_utf8_normalize (raw, -1, G_NORMALIZE_NFC));
            }
      /* Which syllables are frequent is arbitrary; the order of the list is not. */
      for (guint i = vocab.words->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (shuffle, 0, i + 1);
          gpointer tmp = vocab.words->pdata[i];
          vocab.words->pdata[i] = vocab.words->pdata[j];
          vocab.words->pdata[j] = tmp;
        }
    }
  vocab.cumulative = g_new (double, vocab.words->len);
  for (guint i = 0; i < vocab.words->len; i++)
    {
      total += zipf ? 1.0 / (i + 1) : 1.0 / sqrt (i + 1.0);
      vocab.cumulative[i] = total;
    }
  for (guint i = 0; i < vocab.words->len; i++)
    vocab.cumulative[i] /= total;
}

guint
bench_vocabulary_size (void)
{
  return vocab.words->len;
}

const char *
bench_vocabulary_word (guint rank)
{
  return g_ptr_array_index (vocab.words, rank);
}

static const char *
syllable (GRand *rng)
{
  double u = g_rand_double (rng);
  guint lo = 0, hi = vocab.words->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (vocab.cumulative[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (vocab.words, lo);
}

void
bench_append_words (GString *s, GRand *rng, int n)
{
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", syllable (rng));
}

static char *
json_escape (const char *s)
{
  g_autoptr(JsonNode) n = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (n, s);
  return json_to_string (n, FALSE);
}

char *
bench_write_bundle (const char *dir, guint n, GRand *rng)
{
  char *path = g_build_filename (dir, "bundle.json", NULL);
  FILE *f = fopen (path, "w");

  fprintf (f, "{\"topics\": [{\"id\": \"bench\", \"parent\": null, \"sms_code\": \"BENCH\","
              " \"names\": {\"vi\": \"Chủ đề\"}}], \"items\": [\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) title = g_string_new (NULL), body = g_string_new (NULL);
      g_autofree char *t = NULL, *b = NULL;

      bench_append_words (title, rng, 4 + g_rand_int_range (rng, 0, 5));
      bench_append_words (body, rng, 60 + g_rand_int_range (rng, 0, 80));
      t = json_escape (title->str);
      b = json_escape (body->str);
      fprintf (f, "%s{\"id\": \"notice-%u\", \"kind\": \"notice\", \"status\": \"published\","
                  " \"topics\": [\"bench\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"bench\","
                  " \"sources\": [{\"title\": \"Văn bản %u/2024/NĐ-CP\"}],"
                  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null},"
                  " \"texts\": {\"vi\": {\"title\": %s, \"summary\": \"Số %u/2024\", \"body\": %s}}}\n",
               i ? "," : "", i, i, t, i, b);
    }
  fprintf (f, "]}\n");
  fclose (f);
  return path;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

void
bench_sort (double *values, gsize n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

gint64
bench_peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10);
}
