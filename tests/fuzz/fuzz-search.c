/* fuzz-search.c: libFuzzer target for content_store_search() on the seed store.
 *
 * A query is what anyone types at the kiosk or texts: quotes, stars, NEAR, parentheses, a pasted
 * page. content-search.h promises they are plain text, so the only error a query may bring is
 * CONTENT_ERROR_INVALID_TEXT for invalid UTF-8; an FTS5 syntax error or any other failure is a
 * finding. Each query runs as the kiosk asks (snippets, as-you-type) and as the SMS responder
 * asks (titles only, most words must match), in the language its length picks.
 */
#include "content-error.h"
#include "content-search.h"
#include "fuzz-util.h"

static ContentStore *store;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_util_init ();
  store = fuzz_util_seed_store ("content.db");
  return 0;
}

static void
search (const char *query, const ContentSearchOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = content_store_search (store, query, options, &error);

  if (results == NULL)
    {
      if (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_TEXT)
          && !g_utf8_validate (query, -1, NULL))
        return;
      g_printerr ("query: \"%s\"\n", query);
      fuzz_util_fail ("a search failed", error);
    }
  if (results->len > (options->limit != 0 ? options->limit : 20))
    fuzz_util_fail ("more results than the limit", NULL);
  for (guint i = 0; i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      if (r->id == NULL || r->title == NULL || (options->no_snippets && r->snippet != NULL))
        fuzz_util_fail ("a result without its id or title, or a snippet not asked for", NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const langs[] = { NULL, "en", "tyz", "zh" };
  g_autofree char *query = fuzz_util_string (data, size);
  ContentSearchOptions kiosk = { .lang = langs[size % G_N_ELEMENTS (langs)], .kind = -1 };
  ContentSearchOptions sms = { .kind = -1, .limit = 3, .no_snippets = TRUE, .min_words = 2 };

  search (query, &kiosk);
  search (query, &sms);
  return 0;
}
