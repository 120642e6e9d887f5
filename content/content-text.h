/* content-text.h: an item's words in one language. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *lang;       /* registry code */
  char *title;
  char *summary;    /* NULL when absent */
  char *body;       /* CommonMark, NULL when absent */
  char *sms;        /* the short SMS answer, NULL when absent */
  char **keywords;  /* extra search words people type, NULL-terminated, never NULL */
} ContentText;

ContentText *content_text_new (const char *lang);
void content_text_free (ContentText *text);

/* The body as plain text (CommonMark rendered with cmark, markup dropped), for search and
 * snippets. "" when the text has no body. Free with g_free(). */
char *content_text_body_plain (const ContentText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentText, content_text_free)

G_END_DECLS
