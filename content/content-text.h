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

/* The words a reader hears: title, summary and the body as plain text, one paragraph each,
 * white space collapsed, in Unicode NFC. Free with g_free(). */
char *content_text_spoken (const ContentText *text);

/* The SHA-256 (64 lower-case hexadecimal digits) of content_text_spoken(): what a recording
 * of the text is bound to, so that a recording whose text has changed since is known as
 * stale, while changes a listener cannot hear (markup, line breaks, keywords, the SMS text)
 * leave it current. Free with g_free(). */
char *content_text_spoken_sha256 (const ContentText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentText, content_text_free)

G_END_DECLS
