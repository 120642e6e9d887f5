/* content-tokenizer.c: the FTS5 tokenizer "banlang".
 *
 * It reports each word of a text folded by content_fold_words() together with the word's byte
 * offsets in the original text: the index holds "dat", "dai" while snippet() and highlight() cut
 * "Đất đai" from the stored text.
 *
 * People texting or typing on a keypad often leave out spaces ("honnhan"). In documents, each
 * word is therefore also indexed joined to the word before it, as a colocated token at the same
 * position, so "honnhan" finds "hôn nhân" and a prefix of the joined form works as you type.
 * Queries are tokenized plainly.
 */
#include "content-store-private.h"
#include "content-fold.h"

#include <string.h>

/* A joined pair longer than this is no word anyone types. */
#define JOIN_MAX 40

typedef struct {
  void *ctx;
  int (*emit) (void *ctx, int flags, const char *token, int n, int start, int end);
  gboolean join;
  char prev[JOIN_MAX + 1];
  gsize prev_len;
  int rc;
} TokenizeRun;

static gboolean
emit_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  TokenizeRun *run = user_data;

  run->rc = run->emit (run->ctx, 0, folded, (int) folded_len, (int) start, (int) end);
  if (run->rc != SQLITE_OK)
    return FALSE;
  if (!run->join)
    return TRUE;
  if (run->prev_len > 0 && run->prev_len + folded_len <= JOIN_MAX)
    {
      char joined[JOIN_MAX + 1];
      memcpy (joined, run->prev, run->prev_len);
      memcpy (joined + run->prev_len, folded, folded_len);
      run->rc = run->emit (run->ctx, FTS5_TOKEN_COLOCATED, joined,
                           (int) (run->prev_len + folded_len), (int) start, (int) end);
      if (run->rc != SQLITE_OK)
        return FALSE;
    }
  if (folded_len <= JOIN_MAX)
    {
      memcpy (run->prev, folded, folded_len);
      run->prev_len = folded_len;
    }
  else
    run->prev_len = 0;
  return TRUE;
}

static int
tokenizer_create (void *context, const char **args, int n_args, Fts5Tokenizer **out)
{
  static int instance;

  /* Stateless: every table shares one dummy instance. */
  *out = (Fts5Tokenizer *) &instance;
  return n_args == 0 ? SQLITE_OK : SQLITE_ERROR;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int n,
                    int (*emit) (void *, int, const char *, int, int, int))
{
  TokenizeRun run = { ctx, emit, (flags & FTS5_TOKENIZE_DOCUMENT) != 0, "", 0, SQLITE_OK };

  content_fold_words (text, n, FALSE, emit_word, &run, NULL);
  return run.rc;
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

int
content_tokenizer_register (sqlite3 *db)
{
  static fts5_tokenizer methods = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  fts5_api *api = fts5_api_of (db);

  if (api == NULL)
    return SQLITE_ERROR;
  return api->xCreateTokenizer (api, "banlang", NULL, &methods, NULL);
}
