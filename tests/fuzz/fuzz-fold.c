/* fuzz-fold.c: libFuzzer target for content_fold() and content_fold_words() on arbitrary bytes.
 *
 * The contract (content-fold.h) decides what is checked: the lenient walk the FTS tokenizer uses
 * never fails and reports words inside the text, in order; content_fold() refuses exactly what
 * the strict walk refuses, accepts all valid UTF-8, and gives valid UTF-8 words joined by single
 * spaces, which fold to themselves (a normaliser applied twice must change nothing, or the
 * index and a query folded from folded text would disagree).
 */
#include "content-error.h"
#include "content-fold.h"
#include "fuzz-util.h"

#include <string.h>

typedef struct {
  size_t size;
  size_t last_end;
  GString *joined;
} Walk;

static gboolean
check_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  Walk *w = user_data;

  if (folded_len == 0 || strlen (folded) != folded_len)
    fuzz_util_fail ("a word that is empty or holds a NUL", NULL);
  if (!g_utf8_validate (folded, folded_len, NULL))
    fuzz_util_fail ("a folded word that is not UTF-8", NULL);
  if (start >= end || end > w->size || start < w->last_end)
    fuzz_util_fail ("a word's offsets outside the text or out of order", NULL);
  w->last_end = end;
  if (w->joined->len > 0)
    g_string_append_c (w->joined, ' ');
  g_string_append_len (w->joined, folded, folded_len);
  return TRUE;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_util_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr(GString) joined = g_string_new (NULL);
  Walk w = { size, 0, joined };
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *again = NULL;

  if (!content_fold_words (text, size, FALSE, check_word, &w, &error))
    fuzz_util_fail ("the lenient walk failed", error);

  folded = content_fold (size == 0 ? "" : text, size, &error);
  if (folded == NULL)
    {
      if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_TEXT))
        fuzz_util_fail ("content_fold failed with another error than invalid text", error);
      /* NUL is valid in a counted text but g_utf8_validate_len refuses it: only judge without. */
      if (memchr (data, 0, size) == NULL && g_utf8_validate_len (text, size, NULL))
        fuzz_util_fail ("content_fold refused valid UTF-8", error);
      return 0;
    }
  if (!g_str_equal (folded, joined->str))
    fuzz_util_fail ("content_fold differs from its words joined", NULL);
  if (!g_utf8_validate (folded, -1, NULL))
    fuzz_util_fail ("content_fold gave invalid UTF-8", NULL);

  again = content_fold (folded, -1, &error);
  if (again == NULL || !g_str_equal (again, folded))
    {
      g_printerr ("folded \"%s\" folds again to \"%s\"\n", folded, again != NULL ? again : "(error)");
      fuzz_util_fail ("folding is not idempotent", error);
    }
  return 0;
}
