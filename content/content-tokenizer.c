/* content-tokenizer.c: the FTS5 tokenizer "banlang".
 *
 * It reports each word of a text folded by content_fold_words() together with the word's byte
 * offsets in the original text: the index holds "dat", "dai" while snippet() and highlight() cut
 * "Đất đai" from the stored text.
 *
 * Words typed without their space ("honnhan") are split at query time against the index's
 * vocabulary (content-search.c); indexing every pair of words joined would double the index and
 * make every prefix query expand over all those pairs.
 */
#include "content-store-private.h"
#include "content-fold.h"


typedef struct {
  void *ctx;
  int (*emit) (void *ctx, int flags, const char *token, int n, int start, int end);
  int rc;
} TokenizeRun;

static gboolean
emit_word (const char *folded, gsize folded_len, gsize start, gsize end, gpointer user_data)
{
  TokenizeRun *run = user_data;

  run->rc = run->emit (run->ctx, 0, folded, (int) folded_len, (int) start, (int) end);
  return run->rc == SQLITE_OK;
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
  TokenizeRun run = { ctx, emit, SQLITE_OK };

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
