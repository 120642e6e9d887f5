/* sms-codec.c: from reply text to SMS parts.
 *
 * An SMS carries 160 GSM-7 septets or 70 UTF-16 units, and GSM-7 (3GPP TS 23.038) has no
 * Vietnamese letters beyond à è é ì ò ù: one "ư" makes a reply UCS-2 and more than doubles its
 * cost. So a reply first goes through a policy: "unaccented" (the local norm for SMS, and what
 * every basic phone shows) folds each character to GSM-7 on its own, "accented" keeps it. Then
 * the encoding follows from the characters, and the text is split for concatenation.
 *
 * gammu-smsd never splits for us (one outbox row is one SMS), so the split must be exact: the
 * parts joined are the text byte for byte, no part goes over 153 septets / 67 units, and no
 * character is cut (an extension character's escape and its code, a surrogate pair, a letter and
 * its combining marks, an emoji joined by ZWJ all stay in one part). Splitting is greedy, which
 * gives the fewest parts; a cut moves back to a space only when that costs no extra part, since
 * every part is paid for.
 *
 * Everything here works on a text measured once into an array of characters with their byte
 * offsets and running unit counts, so the splitting and paging logic is arithmetic on that array.
 */
#include "sms-codec.h"

#include <string.h>

#define INVALID_CHAR ((gunichar) 0xFFFFFFFF)
#define ZWJ 0x200D

const char *
sms_encoding_to_string (SmsEncoding e)
{
  return e == SMS_ENCODING_GSM7 ? "GSM-7" : "UCS-2";
}

const char *
sms_policy_to_string (SmsPolicy policy)
{
  return policy == SMS_POLICY_UNACCENTED ? "unaccented" : "accented";
}

gboolean
sms_policy_from_string (const char *name, SmsPolicy *policy)
{
  if (g_strcmp0 (name, "unaccented") == 0)
    *policy = SMS_POLICY_UNACCENTED;
  else if (g_strcmp0 (name, "accented") == 0)
    *policy = SMS_POLICY_ACCENTED;
  else
    return FALSE;
  return TRUE;
}

/* Decodes the character at byte *@i of @text (@len bytes) and moves *@i past it. An invalid byte
 * comes back as INVALID_CHAR and is skipped alone, so a walk never stops or loops on bad input. */
static gunichar
next_char (const char *text, gsize len, gsize *i)
{
  guchar b = (guchar) text[*i];
  gunichar c;

  if (b < 0x80)
    {
      (*i)++;
      return b;
    }
  c = g_utf8_get_char_validated (text + *i, len - *i);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*i)++;
      return INVALID_CHAR;
    }
  *i = g_utf8_next_char (text + *i) - text;
  return c;
}

/* Septets @c takes in GSM-7: 1 in the basic table, 2 in the extension table (an escape and the
 * code), 0 when GSM-7 lacks it. */
static guint
gsm7_units (gunichar c)
{
  if (c < 0x80)
    {
      if (c == '\n' || c == '\r')
        return 1;
      if (c == '\f')
        return 2;
      if (c < 0x20 || c == 0x7F || c == '`')
        return 0;
      return strchr ("^{}\\[~]|", (int) c) != NULL ? 2 : 1;
    }
  switch (c)
    {
    case 0x00A1: case 0x00A3: case 0x00A4: case 0x00A5: case 0x00A7: case 0x00BF:  /* ¡£¤¥§¿ */
    case 0x00C4: case 0x00C5: case 0x00C6: case 0x00C7: case 0x00C9:               /* ÄÅÆÇÉ */
    case 0x00D1: case 0x00D6: case 0x00D8: case 0x00DC: case 0x00DF:               /* ÑÖØÜß */
    case 0x00E0: case 0x00E4: case 0x00E5: case 0x00E6: case 0x00E8: case 0x00E9:  /* àäåæèé */
    case 0x00EC: case 0x00F1: case 0x00F2: case 0x00F6: case 0x00F8: case 0x00F9:  /* ìñòöøù */
    case 0x00FC:                                                                   /* ü */
    case 0x0393: case 0x0394: case 0x0398: case 0x039B: case 0x039E: case 0x03A0:  /* ΓΔΘΛΞΠ */
    case 0x03A3: case 0x03A6: case 0x03A8: case 0x03A9:                            /* ΣΦΨΩ */
      return 1;
    case 0x20AC:                                                                   /* € */
      return 2;
    default:
      return 0;
    }
}

static guint
char_units (gunichar c, SmsEncoding encoding)
{
  if (encoding == SMS_ENCODING_UCS2)
    return c != INVALID_CHAR && c > 0xFFFF ? 2 : 1;
  return MAX (gsm7_units (c), 1);
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static gboolean
is_skin_tone (gunichar c)
{
  return c >= 0x1F3FB && c <= 0x1F3FF;
}

/* Tracks what a cut must not separate: a character and the marks, modifiers or ZWJ sequence
 * after it, and the two halves of a flag. */
typedef struct {
  gunichar prev;
  guint flag_run;   /* regional indicators in a row so far */
} ClusterState;

/* TRUE when @c continues the character before it (no cut may fall just before @c). */
static gboolean
cluster_continues (ClusterState *st, gunichar c)
{
  gboolean joined = FALSE;

  if (c != INVALID_CHAR && st->prev != 0)
    joined = g_unichar_ismark (c) || is_skin_tone (c) || c == ZWJ || st->prev == ZWJ
             || (is_regional_indicator (c) && st->flag_run % 2 == 1);
  st->flag_run = is_regional_indicator (c) ? st->flag_run + 1 : 0;
  st->prev = c;
  return joined;
}

/* ---- the unaccented policy ---- */

/* The GSM-7 text for punctuation and spaces GSM-7 lacks; NULL when @c is not one of them. "" means
 * the character is dropped: it is invisible, or qualifies the character before it. */
static const char *
punctuation_substitute (gunichar c)
{
  switch (c)
    {
    case '\t': case 0x0B:
      return " ";
    case 0x0085: case 0x2028: case 0x2029:
      return "\n";
    case '`': case 0x00B4: case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x2039: case 0x203A: case 0x02BC: case 0xFF07:
      return "'";
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x301D: case 0x301E: case 0xFF02:
      return "\"";
    case 0x2212: case 0x2022: case 0x2043:
      return "-";
    case 0x2026:
      return "...";
    default:
      break;
    }
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
      return " ";
    case G_UNICODE_DASH_PUNCTUATION:
      return "-";
    case G_UNICODE_FORMAT:   /* zero-width space and joiners, soft hyphen, BOM, direction marks */
      return "";
    default:
      return is_skin_tone (c) ? "" : NULL;
    }
}

/* Appends @c with its marks removed: canonical decomposition, marks dropped, each remaining
 * letter kept when GSM-7 has it. A character that leaves anything GSM-7 lacks becomes one '?'. */
static void
append_unmarked (GString *out, gunichar c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  gsize mark = out->len;

  for (gsize i = 0; i < n; i++)
    {
      if (g_unichar_ismark (parts[i]))
        continue;
      if (gsm7_units (parts[i]) == 0)
        {
          g_string_truncate (out, mark);
          g_string_append_c (out, '?');
          return;
        }
      g_string_append_unichar (out, parts[i]);
    }
}

/* Appends what @c becomes under the unaccented policy (see sms_codec_apply_policy()). */
static void
append_unaccented (GString *out, gunichar c)
{
  const char *sub;

  if (c < 0x80 && gsm7_units (c) > 0)
    g_string_append_c (out, (char) c);
  else if (c == INVALID_CHAR)
    g_string_append_c (out, '?');
  else if ((sub = punctuation_substitute (c)) != NULL)
    g_string_append (out, sub);
  else if (c == 0x0110 || c == 0x00D0)  /* Đ, and Ð that legacy converters put in its place */
    g_string_append_c (out, 'D');
  else if (c == 0x0111 || c == 0x00F0)  /* đ: a letter of its own, not d plus a mark; ð */
    g_string_append_c (out, 'd');
  else if (g_unichar_ismark (c))
    return;
  else
    append_unmarked (out, c);
}

/* One character of an original text, with where it lands after the policy. */
typedef struct {
  gsize offset;     /* byte offset in the original text */
  gsize applied;    /* byte offset of what it became in the text after the policy */
  gunichar c;
  gboolean joined;  /* continues the character before it */
} SourceChar;

/* Applies @policy to @text, and when @chars is not NULL appends one SourceChar per character
 * to it, plus a final one at the end of both texts. */
static GString *
apply_policy_walk (const char *text, SmsPolicy policy, GArray *chars)
{
  gsize len = strlen (text);
  g_autoptr(GString) out = g_string_sized_new (len + 1);
  ClusterState st = { 0, 0 };
  gboolean unknown = FALSE;  /* the current cluster already became '?' */
  gsize i = 0;

  while (i < len)
    {
      gsize start = i;
      gunichar c = next_char (text, len, &i);
      gboolean joined = cluster_continues (&st, c);

      if (chars != NULL)
        {
          SourceChar sc = { start, out->len, c, joined };
          g_array_append_val (chars, sc);
        }
      if (policy == SMS_POLICY_UNACCENTED)
        {
          /* One '?' for a whole flag or ZWJ emoji sequence, not one per code point. */
          gsize before = out->len;

          if (joined && unknown)
            continue;
          append_unaccented (out, c);
          unknown = out->len > before && out->str[out->len - 1] == '?' && c != '?';
        }
      else if (c == INVALID_CHAR)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, text + start, i - start);
    }
  if (chars != NULL)
    {
      SourceChar end = { len, out->len, 0, FALSE };
      g_array_append_val (chars, end);
    }
  return g_steal_pointer (&out);
}

char *
sms_codec_apply_policy (const char *text, SmsPolicy policy)
{
  return g_string_free (apply_policy_walk (text != NULL ? text : "", policy, NULL), FALSE);
}

/* ---- measuring ---- */

static gboolean
is_gsm7_len (const char *text, gsize len)
{
  gsize i = 0;

  while (i < len)
    if (gsm7_units (next_char (text, len, &i)) == 0)
      return FALSE;
  return TRUE;
}

gboolean
sms_codec_is_gsm7 (const char *text)
{
  return text == NULL || is_gsm7_len (text, strlen (text));
}

guint
sms_codec_length (const char *text, SmsEncoding encoding)
{
  gsize len = text != NULL ? strlen (text) : 0;
  guint units = 0;
  gsize i = 0;

  while (i < len)
    units += char_units (next_char (text, len, &i), encoding);
  return units;
}

/* A character of a text being split: where it starts and how many units come before it. */
typedef struct {
  gsize offset;
  guint pos;
  gboolean joined;  /* continues the character before it: no cut just before it */
} Slot;

/* The text's characters as Slots, plus a final Slot at its end holding the total. */
typedef struct {
  GArray *slots;
  guint n;          /* characters; slots has n + 1 entries */
} Measure;

static void
measure_clear (Measure *m)
{
  g_clear_pointer (&m->slots, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measure, measure_clear)

static inline const Slot *
slot (const Measure *m, guint i)
{
  return &g_array_index (m->slots, Slot, i);
}

static void
measure_init (Measure *m, const char *text, gsize len, SmsEncoding encoding)
{
  ClusterState st = { 0, 0 };
  guint pos = 0;
  gsize i = 0;

  m->slots = g_array_sized_new (FALSE, FALSE, sizeof (Slot), len + 1);
  while (i < len)
    {
      Slot s = { i, pos, FALSE };
      gunichar c = next_char (text, len, &i);

      s.joined = cluster_continues (&st, c);
      pos += char_units (c, encoding);
      g_array_append_val (m->slots, s);
    }
  m->n = m->slots->len;
  {
    Slot end = { len, pos, FALSE };
    g_array_append_val (m->slots, end);
  }
}

/* The end of the part that starts at character @start and takes as much as fits in @limit
 * units without ending inside a cluster. A cluster longer than a whole part (a letter with
 * dozens of marks) is cut where the limit falls; a part always takes at least one character. */
static guint
hard_cut (const Measure *m, guint start, guint limit)
{
  guint base = slot (m, start)->pos;
  guint best = start;
  guint any = start + 1;

  for (guint j = start + 1; j <= m->n && slot (m, j)->pos - base <= limit; j++)
    {
      any = j;
      if (!slot (m, j)->joined)
        best = j;
    }
  return best > start ? best : any;
}

/* Parts of at most @limit units that the text from character @start needs, cutting greedily. */
static guint
count_from (const Measure *m, guint start, guint limit)
{
  guint parts = 0;

  while (start < m->n)
    {
      start = hard_cut (m, start, limit);
      parts++;
    }
  return parts;
}

static guint
single_limit (SmsEncoding e)
{
  return e == SMS_ENCODING_GSM7 ? SMS_GSM7_SINGLE : SMS_UCS2_SINGLE;
}

static guint
part_limit (SmsEncoding e)
{
  return e == SMS_ENCODING_GSM7 ? SMS_GSM7_PART : SMS_UCS2_PART;
}

static guint
count_parts (const Measure *m, SmsEncoding e)
{
  if (slot (m, m->n)->pos <= single_limit (e))
    return 1;
  return count_from (m, 0, part_limit (e));
}

/* The encoding for a text after the policy. */
static SmsEncoding
pick_encoding (const char *text, gsize len)
{
  return is_gsm7_len (text, len) ? SMS_ENCODING_GSM7 : SMS_ENCODING_UCS2;
}

static guint
count_parts_applied (const char *text, gsize len)
{
  SmsEncoding e = pick_encoding (text, len);
  g_auto(Measure) m = { NULL, 0 };

  measure_init (&m, text, len, e);
  return count_parts (&m, e);
}

/* ---- splitting ---- */

static gboolean
is_break_space (const char *text, const Measure *m, guint i)
{
  char b = text[slot (m, i)->offset];

  return b == ' ' || b == '\n';
}

/* A cut after a space in the part [@start, @hard) that leaves at most SMS_SOFT_CUT_WINDOW units
 * after it, the last such; @hard when there is none. */
static guint
soft_cut (const char *text, const Measure *m, guint start, guint hard)
{
  guint end_pos = slot (m, hard)->pos;

  for (guint i = hard - 1; i > start && end_pos - slot (m, i)->pos <= SMS_SOFT_CUT_WINDOW; i--)
    if (is_break_space (text, m, i - 1) && !slot (m, i)->joined)
      return i;
  return hard;
}

/* Splits @text (after the policy) into @parts. */
static void
split (const char *text, SmsEncoding e, GPtrArray *parts)
{
  g_auto(Measure) m = { NULL, 0 };
  guint limit = part_limit (e);
  guint total, done = 0, start = 0;

  measure_init (&m, text, strlen (text), e);
  total = count_parts (&m, e);
  if (total == 1)
    {
      g_ptr_array_add (parts, g_strdup (text));
      return;
    }
  while (start < m.n)
    {
      guint end = hard_cut (&m, start, limit);

      if (end < m.n)
        {
          guint soft = soft_cut (text, &m, start, end);

          /* The greedy count from any point is the fewest parts: cut early only within budget. */
          if (soft != end && count_from (&m, soft, limit) <= total - done - 1)
            end = soft;
        }
      g_ptr_array_add (parts, g_strndup (text + slot (&m, start)->offset,
                                         slot (&m, end)->offset - slot (&m, start)->offset));
      done++;
      start = end;
    }
}

void
sms_encoded_free (SmsEncoded *e)
{
  if (e == NULL)
    return;
  g_free (e->text);
  g_clear_pointer (&e->parts, g_ptr_array_unref);
  g_free (e);
}

SmsEncoded *
sms_codec_encode (const char *text, SmsPolicy policy)
{
  SmsEncoded *e = g_new0 (SmsEncoded, 1);

  e->text = sms_codec_apply_policy (text, policy);
  e->encoding = pick_encoding (e->text, strlen (e->text));
  e->parts = g_ptr_array_new_with_free_func (g_free);
  split (e->text, e->encoding, e->parts);
  return e;
}

guint
sms_codec_count_parts (const char *text, SmsPolicy policy)
{
  g_autofree char *applied = sms_codec_apply_policy (text, policy);

  return count_parts_applied (applied, strlen (applied));
}

/* ---- paging ---- */

typedef struct {
  GArray *chars;       /* SourceChar of text, plus its end */
  guint n;
  GString *applied;    /* text after the policy */
  char *suffix;        /* the suffix after the policy */
  guint max_parts;
  GString *scratch;
} Pager;

static void
pager_clear (Pager *p)
{
  g_clear_pointer (&p->chars, g_array_unref);
  if (p->applied != NULL)
    g_string_free (g_steal_pointer (&p->applied), TRUE);
  if (p->scratch != NULL)
    g_string_free (g_steal_pointer (&p->scratch), TRUE);
  g_clear_pointer (&p->suffix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pager, pager_clear)

static inline const SourceChar *
source_char (const Pager *p, guint i)
{
  return &g_array_index (p->chars, SourceChar, i);
}

/* TRUE when the first @k characters followed by the suffix fit in max_parts. The policy works
 * character by character, so the policy of a prefix is a prefix of the policy's text. */
static gboolean
pager_fits (Pager *p, guint k)
{
  g_string_truncate (p->scratch, 0);
  g_string_append_len (p->scratch, p->applied->str, source_char (p, k)->applied);
  g_string_append (p->scratch, p->suffix);
  return count_parts_applied (p->scratch->str, p->scratch->len) <= p->max_parts;
}

/* The most characters that fit with the suffix. Parts only grow as text is added (a longer text
 * needs at least as many parts, and GSM-7 turning UCS-2 only adds more), so a binary search
 * finds it. */
static guint
pager_longest (Pager *p)
{
  guint lo = 0, hi = p->n;

  if (!pager_fits (p, 0))
    return 0;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (pager_fits (p, mid))
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

static gboolean
is_space_at (const Pager *p, guint i)
{
  gunichar c;

  if (i >= p->n)
    return FALSE;
  c = source_char (p, i)->c;
  return c != INVALID_CHAR && g_unichar_isspace (c);
}

/* TRUE when a sentence ends just before character @i: ". ", "! ", "? " or a newline. */
static gboolean
is_sentence_end (const Pager *p, guint i)
{
  gunichar before;

  if (i == 0 || i >= p->n)
    return FALSE;
  if (source_char (p, i)->c == '\n')
    return TRUE;
  before = source_char (p, i - 1)->c;
  return (before == '.' || before == '!' || before == '?') && is_space_at (p, i);
}

/* Where the page of at most @longest characters ends (exclusive): a sentence end in its second
 * half, else the last space after some text, else @longest moved back out of a cluster. */
static guint
pager_cut (const Pager *p, guint longest)
{
  guint i;

  if (longest == 0)
    {
      /* Not even the suffix fits: still take one cluster, so paging ends. */
      for (i = 1; i < p->n && source_char (p, i)->joined; i++)
        ;
      return i;
    }
  for (i = longest; i * 2 >= longest && i > 0; i--)
    if (is_sentence_end (p, i))
      return i;
  for (i = longest; i > 0; i--)
    if (is_space_at (p, i) && !is_space_at (p, i - 1))
      return i;
  for (i = longest; i > 0 && source_char (p, i)->joined; i--)
    ;
  return i > 0 ? i : longest;
}

char *
sms_codec_page (const char  *text,
                SmsPolicy    policy,
                guint        max_parts,
                const char  *more_suffix,
                char       **rest)
{
  g_auto(Pager) p = { 0 };
  gsize body_end;
  guint cut, body;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (rest != NULL, NULL);

  *rest = NULL;
  p.max_parts = MAX (max_parts, 1);
  p.chars = g_array_new (FALSE, FALSE, sizeof (SourceChar));
  p.applied = apply_policy_walk (text, policy, p.chars);
  p.n = p.chars->len - 1;
  if (count_parts_applied (p.applied->str, p.applied->len) <= p.max_parts)
    return g_strdup (text);

  p.suffix = sms_codec_apply_policy (more_suffix != NULL ? more_suffix : "", policy);
  p.scratch = g_string_new (NULL);
  cut = pager_cut (&p, pager_longest (&p));

  body = cut;
  while (body > 0 && is_space_at (&p, body - 1))
    body--;
  body_end = source_char (&p, body)->offset;
  while (cut < p.n && is_space_at (&p, cut))
    cut++;

  /* Only white space was left over: the text without it fits as it is. */
  if (cut == p.n)
    return g_strndup (text, body_end);
  *rest = g_strdup (text + source_char (&p, cut)->offset);
  return g_strdup_printf ("%.*s%s", (int) body_end, text, more_suffix != NULL ? more_suffix : "");
}

/* ---- the concatenation UDH ---- */

char *
sms_codec_udh (guint8 ref, guint total, guint seq)
{
  g_return_val_if_fail (total >= 1 && total <= 255, NULL);
  g_return_val_if_fail (seq >= 1 && seq <= total, NULL);

  return g_strdup_printf ("050003%02X%02X%02X", ref, total, seq);
}

/* Decodes @hex (an even number of hex digits, either case) into @out; FALSE on anything else. */
static gboolean
hex_decode (const char *hex, GByteArray *out)
{
  gsize len = strlen (hex);

  if (len == 0 || len % 2 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (hex[i]);
      int lo = g_ascii_xdigit_value (hex[i + 1]);
      guint8 b = (guint8) (hi * 16 + lo);

      if (hi < 0 || lo < 0)
        return FALSE;
      g_byte_array_append (out, &b, 1);
    }
  return TRUE;
}

gboolean
sms_codec_parse_udh (const char *udh, guint *ref, guint *total, guint *seq)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  const guint8 *d;
  gsize k = 1;

  if (udh == NULL || !hex_decode (udh, b) || b->data[0] != b->len - 1)
    return FALSE;
  d = b->data;
  /* The header is a length byte, then information elements: identifier, length, data. */
  while (k + 2 <= b->len)
    {
      guint iei = d[k], n = d[k + 1];
      const guint8 *v = d + k + 2;
      guint r, t, s;

      if (k + 2 + n > b->len)
        return FALSE;
      k += 2 + n;
      if (iei == 0x00 && n == 3)        /* 8-bit reference */
        {
          r = v[0];
          t = v[1];
          s = v[2];
        }
      else if (iei == 0x08 && n == 4)   /* 16-bit reference */
        {
          r = (guint) v[0] << 8 | v[1];
          t = v[2];
          s = v[3];
        }
      else
        continue;
      if (t == 0 || s == 0 || s > t)
        return FALSE;
      if (ref != NULL)
        *ref = r;
      if (total != NULL)
        *total = t;
      if (seq != NULL)
        *seq = s;
      return TRUE;
    }
  return FALSE;
}
