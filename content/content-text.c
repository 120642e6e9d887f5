/* content-text.c: an item's words in one language, and the body as plain text.
 *
 * Bodies are CommonMark. Search indexes and snippets need the words without the markup, so the
 * body is parsed with cmark and its text nodes collected; block ends become line breaks so that
 * words of two paragraphs never run together. The same plain text, with the title and summary,
 * is what a reader hears, and its hash is what a person's recording of it is bound to.
 */
#include "content-text.h"

#include <cmark.h>
#include <string.h>

ContentText *
content_text_new (const char *lang)
{
  ContentText *text = g_new0 (ContentText, 1);

  text->lang = g_strdup (lang);
  text->keywords = g_new0 (char *, 1);
  return text;
}

void
content_text_free (ContentText *text)
{
  if (text == NULL)
    return;
  g_free (text->lang);
  g_free (text->title);
  g_free (text->summary);
  g_free (text->body);
  g_free (text->sms);
  g_strfreev (text->keywords);
  g_free (text);
}

static gboolean
is_block (cmark_node_type type)
{
  return type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK;
}

char *
content_text_body_plain (const ContentText *text)
{
  g_autoptr(GString) out = NULL;
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type ev;

  if (text->body == NULL || *text->body == '\0')
    return g_strdup ("");
  out = g_string_sized_new (strlen (text->body));
  doc = cmark_parse_document (text->body, strlen (text->body), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (ev == CMARK_EVENT_ENTER
          && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK))
        g_string_append (out, cmark_node_get_literal (node));
      else if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK))
        g_string_append_c (out, ' ');
      else if (ev == CMARK_EVENT_EXIT && is_block (type) && out->len > 0
               && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
    }
  cmark_iter_free (iter);
  cmark_node_free (doc);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Appends @part to @out as a paragraph, its white space runs made single spaces. */
static void
append_spoken (GString *out, const char *part)
{
  g_auto(GStrv) words = NULL;
  gboolean first = TRUE;

  if (part == NULL)
    return;
  words = g_strsplit_set (part, " \t\n\r\f\v", -1);
  for (gsize i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (first && out->len > 0)
        g_string_append (out, "\n\n");
      else if (!first)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
      first = FALSE;
    }
}

char *
content_text_spoken (const ContentText *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *body = content_text_body_plain (text);

  append_spoken (out, text->title);
  append_spoken (out, text->summary);
  append_spoken (out, body);
  return g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
}

char *
content_text_spoken_sha256 (const ContentText *text)
{
  g_autofree char *spoken = content_text_spoken (text);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, spoken, -1);
}
