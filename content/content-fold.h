/* content-fold.h: the one text normaliser behind every match in Bản Làng. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called once per word found in a text. @folded is the word folded (NUL-terminated, only valid
 * during the call); @start and @end are byte offsets of the word in the original text. Return
 * FALSE to stop. */
typedef gboolean (*ContentFoldWordFunc) (const char *folded,
                                         gsize       folded_len,
                                         gsize       start,
                                         gsize       end,
                                         gpointer    user_data);

/* Splits @text (of @len bytes, or NUL-terminated when @len is -1) into words and folds each:
 * Unicode canonical decomposition, combining marks dropped, đ/Đ to d, lower case. A word is a
 * run of letters and digits; every Han character is a word of its own (Chinese has no spaces).
 * Anything else separates words.
 *
 * When @strict, invalid UTF-8 is a CONTENT_ERROR_INVALID_TEXT error naming the byte offset;
 * otherwise invalid bytes separate words (the FTS tokenizer must never fail on stored text).
 * Returns FALSE on error or when @func stopped the walk. */
gboolean content_fold_words (const char          *text,
                             gssize               len,
                             gboolean             strict,
                             ContentFoldWordFunc  func,
                             gpointer             user_data,
                             GError             **error);

/* Returns the folded form of @text: its words (as content_fold_words() finds them) joined by
 * single spaces, so "  Đất đai, Luật 31/2024!" becomes "dat dai luat 31 2024". Empty or
 * punctuation-only input gives "". Invalid UTF-8 returns NULL with CONTENT_ERROR_INVALID_TEXT.
 * Free with g_free(). */
char *content_fold (const char *text, gssize len, GError **error);

/* TRUE when @c is a Han (Chinese) character, which folding treats as a word by itself. */
gboolean content_fold_is_han (gunichar c);

G_END_DECLS
