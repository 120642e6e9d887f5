/* content-fold.c: folding text for matching.
 *
 * People type "dat dai" and mean "Đất đai". SQLite's unicode61 tokenizer removes most marks but
 * keeps đ (a letter of its own, not d plus a mark) and misses letters carrying two marks in its
 * default mode, so Bản Làng folds text itself, once, here: the FTS tokenizer, the query, SMS
 * keywords and document numbers all go through this file, and so they always agree.
 *
 * Folding is per character: canonical decomposition, marks dropped, đ → d, lower case. Scripts
 * Vietnamese people write are all in the first 0x1F00 code points (Latin-1, Latin Extended A/B,
 * combining marks, Latin Extended Additional), so their folds are computed once into a table and
 * the tokenizer's inner loop is a lookup; other characters take the general path.
 */
#include "content-fold.h"
#include "content-error.h"

#include <string.h>

/* Table entries: a folded code point, or one of these markers. */
enum {
  FOLD_SEPARATOR = 0,  /* not part of a word */
  FOLD_MARK = 1,       /* a combining mark: part of the word, dropped */
  FOLD_GENERAL = 2,    /* needs the general path (several code points, or Han) */
};

#define FOLD_TABLE_SIZE 0x1F00

static guint32 fold_table[FOLD_TABLE_SIZE];

static guint32
fold_general_single (gunichar c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  gunichar base = parts[0];
  gsize letters = 0;

  if (g_unichar_ismark (c))
    return FOLD_MARK;
  if (base == 0x0110 || base == 0x0111)  /* Đ đ */
    return 'd';
  if (!g_unichar_isalnum (base))
    return FOLD_SEPARATOR;
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (parts[i]))
      letters++;
  /* A few compatibility letters decompose to two letters; keep those on the general path. */
  if (letters != 1 || content_fold_is_han (base))
    return FOLD_GENERAL;
  return g_unichar_tolower (base);
}

static void
fold_table_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
        fold_table[c] = fold_general_single (c);
      g_once_init_leave (&done, 1);
    }
}

gboolean
content_fold_is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

/* Appends the fold of @c to @word; returns FALSE when @c separates words. */
static gboolean
fold_append (gunichar c, GString *word)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;
  gboolean any = FALSE;

  if (c < FOLD_TABLE_SIZE && fold_table[c] != FOLD_GENERAL)
    {
      guint32 f = fold_table[c];
      if (f == FOLD_SEPARATOR)
        return FALSE;
      if (f != FOLD_MARK)
        g_string_append_unichar (word, f);
      return TRUE;
    }
  if (g_unichar_ismark (c))
    return TRUE;
  n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n; i++)
    {
      if (g_unichar_ismark (parts[i]))
        continue;
      if (parts[i] == 0x0110 || parts[i] == 0x0111)
        g_string_append_c (word, 'd');
      else if (g_unichar_isalnum (parts[i]))
        g_string_append_unichar (word, g_unichar_tolower (parts[i]));
      else
        continue;
      any = TRUE;
    }
  return any;
}

typedef struct {
  GString *word;
  gsize start;
  gsize end;
  gboolean open;
} FoldWalk;

static gboolean
walk_flush (FoldWalk *w, ContentFoldWordFunc func, gpointer user_data)
{
  gboolean go_on = TRUE;

  if (w->open && w->word->len > 0)
    go_on = func (w->word->str, w->word->len, w->start, w->end, user_data);
  g_string_truncate (w->word, 0);
  w->open = FALSE;
  return go_on;
}

gboolean
content_fold_words (const char          *text,
                    gssize               len,
                    gboolean             strict,
                    ContentFoldWordFunc  func,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(GString) word = g_string_sized_new (32);
  FoldWalk w = { word, 0, 0, FALSE };
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  gsize i = 0;

  fold_table_init ();
  while (i < n)
    {
      guchar b = (guchar) text[i];
      gunichar c;
      gsize step;

      if (b < 0x80)
        {
          c = b;
          step = 1;
        }
      else
        {
          c = g_utf8_get_char_validated (text + i, n - i);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              if (strict)
                {
                  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_TEXT,
                               "invalid UTF-8 at byte %" G_GSIZE_FORMAT, i);
                  return FALSE;
                }
              if (!walk_flush (&w, func, user_data))
                return FALSE;
              i++;
              continue;
            }
          step = g_utf8_next_char (text + i) - (text + i);
        }

      if (c >= FOLD_TABLE_SIZE && content_fold_is_han (c))
        {
          /* Each Han character is a word of its own. */
          if (!walk_flush (&w, func, user_data))
            return FALSE;
          g_string_append_unichar (word, c);
          w.open = TRUE;
          w.start = i;
          w.end = i + step;
          if (!walk_flush (&w, func, user_data))
            return FALSE;
        }
      else if (c < 0x80 ? g_ascii_isalnum (c) : fold_append (c, word))
        {
          if (c < 0x80)
            g_string_append_c (word, g_ascii_tolower (c));
          if (!w.open)
            {
              w.open = TRUE;
              w.start = i;
            }
          w.end = i + step;
        }
      else if (!walk_flush (&w, func, user_data))
        return FALSE;
      i += step;
    }
  return walk_flush (&w, func, user_data);
}

static gboolean
join_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  GString *out = user_data;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, folded, folded_len);
  return TRUE;
}

char *
content_fold (const char *text, gssize len, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  if (text == NULL)
    return g_strdup ("");
  if (!content_fold_words (text, len, TRUE, join_word, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
