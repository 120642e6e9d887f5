/* content-phrases.h: fixed phrases in the reader's language, from the gettext catalogs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A table of English msgids (marked N_() where they are defined) and, once looked up, their
 * Vietnamese translations. Define it static with CONTENT_PHRASES_INIT. */
typedef struct {
  const char *const *msgids;
  gsize n;
  gsize loaded;
  char **vi;
} ContentPhrases;

#define CONTENT_PHRASES_INIT(msgids, n) { (msgids), (n), 0, NULL }

/* The message catalogs' folder: the build tree's when the program runs from it (tests, the
 * demo), else the installed one. */
const char *content_catalog_dir (void);

/* Phrase @id of @self for a reader whose language chain is @chain (NULL: Vietnamese): the
 * English msgid when "en" comes before "vi" in the chain, else the Vietnamese translation,
 * looked up once for the process (thread-safe), whatever the process's own locale. */
const char *content_phrases_get (ContentPhrases *self, char **chain, gsize id);

G_END_DECLS
