/* content-language.h: the languages Bản Làng knows and how each falls back. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *code;            /* ISO 639 code: "vi", "tyz", ... */
  char *native_name;     /* as its speakers write it: "Tiếng Việt" */
  char *english_name;
  char **fallback;       /* codes to try next, in order, NULL-terminated */
  char *voice;           /* espeak-ng voice, or NULL where espeak-ng has none */
} ContentLanguage;

/* The registry compiled into the library (locales/languages.ini), in display order.
 * Owned by the library; never freed. */
const GPtrArray *content_language_list (void);

/* The language with @code, or NULL when the registry has none. */
const ContentLanguage *content_language_lookup (const char *code);

/* The chain to look content up in for a reader of @code: @code itself, then its fallbacks,
 * then "vi" (the language every item has) if not already there. NULL when @code is unknown.
 * Free with g_strfreev(). */
char **content_language_chain (const char *code);

G_END_DECLS
