/* content-body.c: CommonMark bodies parsed once into what readers are shown, for kiosk and hub.
 *
 * cmark gives the syntax tree; this walks it with cmark's iterator and keeps only what a
 * touchscreen can show (content-body.h lists it), so the hub's preview cannot promise what the
 * kiosk will not draw. Text gathers in a pending buffer until its style changes and is only then
 * cut into words, because cmark splits text nodes at characters it might need ('[', '!', '<') and
 * a word must be judged whole. Which words name items is the caller's lookup, so this file needs
 * no database and its rules are tested on their own.
 */
#include "content-body.h"
#include "content-error.h"
#include "content-store.h"
#include "content-validator.h"

#include <cmark.h>
#include <string.h>

/* How much of the first raw HTML a refusal quotes, in characters. */
#define RAW_HTML_QUOTED 40

typedef struct {
  ContentBody *body;
  ContentBodyLookup lookup;
  gpointer user_data;
  GHashTable *linked;         /* ids of the items linked already: each only at its first mention */
  ContentBodyBlock *block;    /* the block inline text goes to, NULL between blocks */
  ContentBodyBlock *item;     /* a list item's block still waiting for its first paragraph */
  GString *pending;           /* text not yet cut into runs */
  guint strong, emphasis;     /* how many of each enclose the text */
  guint links;                /* > 0 inside a link or image: its text is taken as written */
  char *link_id;              /* the item the enclosing link points at, or NULL */
} Parser;

static void
run_free (ContentBodyRun *run)
{
  g_free (run->text);
  g_free (run->item_id);
  g_free (run);
}

static void
block_free (ContentBodyBlock *block)
{
  g_free (block->marker);
  g_ptr_array_unref (block->runs);
  g_free (block);
}

void
content_body_free (ContentBody *body)
{
  if (body == NULL)
    return;
  g_ptr_array_unref (body->blocks);
  g_free (body->raw_html);
  g_free (body);
}

/* How many lists enclose @node. */
static guint
list_depth (cmark_node *node)
{
  guint depth = 0;

  for (cmark_node *up = cmark_node_parent (node); up != NULL; up = cmark_node_parent (up))
    if (cmark_node_get_type (up) == CMARK_NODE_LIST)
      depth++;
  return depth;
}

/* The marker of list item @item: its number in an ordered list ("3." or "3)", counted from the
 * list's start, as the officer wrote it), else a bullet whichever of - * + was typed. */
static char *
item_marker (cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  int number = cmark_node_get_list_start (list);

  if (cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    return g_strdup ("•");
  for (cmark_node *before = cmark_node_previous (item); before != NULL; before = cmark_node_previous (before))
    number++;
  return g_strdup_printf ("%d%c", number, cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
}

static ContentBodyBlock *
add_block (Parser *p, ContentBodyBlockKind kind, cmark_node *node)
{
  ContentBodyBlock *block = g_new0 (ContentBodyBlock, 1);

  block->kind = kind;
  block->depth = list_depth (node);
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  g_ptr_array_add (p->body->blocks, block);
  return block;
}

/* Adds a run of @len bytes of @text to the current block, linked to @item_id (taken). Empty
 * text makes no run, except a line break, which has none. */
static void
add_run (Parser *p, ContentBodyRunKind kind, const char *text, gsize len, char *item_id)
{
  ContentBodyRun *run;

  if (len == 0 && kind != CONTENT_BODY_RUN_BREAK)
    {
      g_free (item_id);
      return;
    }
  run = g_new0 (ContentBodyRun, 1);
  run->kind = kind;
  run->style = (p->strong > 0 ? CONTENT_BODY_STRONG : 0) | (p->emphasis > 0 ? CONTENT_BODY_EMPHASIS : 0);
  run->text = g_strndup (text, len);
  run->item_id = item_id;
  g_ptr_array_add (p->block->runs, run);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '-' || c == '/';
}

/* TRUE when @word could be an SMS code, an id or a document number, the only words worth a
 * lookup. A number alone is an amount or a date; an id without '-' ("che") is an ordinary word. */
static gboolean
may_name_item (const char *word)
{
  return (content_validator_is_sms_code (word) && strpbrk (word, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL)
         || (content_validator_is_id (word) && strchr (word, '-') != NULL)
         || (strchr (word, '/') != NULL && strpbrk (word, "0123456789") != NULL);
}

/* The item @word links to (to be freed), or NULL when it names none or one linked already. */
static char *
link_word (Parser *p, const char *word)
{
  g_autofree char *id = NULL;

  if (p->lookup == NULL || !may_name_item (word))
    return NULL;
  id = p->lookup (word, p->user_data);
  if (id == NULL || !g_hash_table_add (p->linked, g_strdup (id)))
    return NULL;
  return g_steal_pointer (&id);
}

/* Adds @text as runs: plain text, and each whole word that names an item as a linked run. A
 * word is a stretch of letters, digits, '-' and '/', without the '-' and '/' at its ends. */
static void
add_words (Parser *p, const char *text)
{
  const char *plain = text, *s = text;

  while (*s != '\0')
    {
      const char *start = s, *end;
      g_autofree char *word = NULL;
      char *id;

      if (!is_word_char (g_utf8_get_char (s)))
        {
          s = g_utf8_next_char (s);
          continue;
        }
      while (*s != '\0' && is_word_char (g_utf8_get_char (s)))
        s = g_utf8_next_char (s);
      for (end = s; end > start && (end[-1] == '-' || end[-1] == '/'); end--)
        ;
      while (start < end && (*start == '-' || *start == '/'))
        start++;
      word = g_strndup (start, end - start);
      id = link_word (p, word);
      if (id == NULL)
        continue;
      add_run (p, CONTENT_BODY_RUN_TEXT, plain, start - plain, NULL);
      add_run (p, CONTENT_BODY_RUN_TEXT, start, end - start, id);
      plain = end;
    }
  add_run (p, CONTENT_BODY_RUN_TEXT, plain, strlen (plain), NULL);
}

/* Turns the pending text into runs, before anything that changes how text is shown. */
static void
flush (Parser *p)
{
  if (p->pending->len == 0)
    return;
  if (p->links > 0)
    add_run (p, CONTENT_BODY_RUN_TEXT, p->pending->str, p->pending->len, g_strdup (p->link_id));
  else
    add_words (p, p->pending->str);
  g_string_truncate (p->pending, 0);
}

/* Keeps the first raw HTML met, cut after its first tag, for the validator to quote. */
static void
note_raw_html (Parser *p, const char *literal)
{
  g_autofree char *html = NULL;
  const char *close = strchr (literal, '>');

  if (p->body->raw_html != NULL)
    return;
  html = g_strstrip (close != NULL ? g_strndup (literal, close + 1 - literal) : g_strdup (literal));
  if (g_utf8_strlen (html, -1) > RAW_HTML_QUOTED)
    {
      g_autofree char *cut = g_utf8_substring (html, 0, RAW_HTML_QUOTED);
      p->body->raw_html = g_strconcat (cut, "…", NULL);
    }
  else
    p->body->raw_html = g_steal_pointer (&html);
}

/* A code block, or an HTML block shown as the text it is: one literal run. */
static void
add_literal_block (Parser *p, cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  gsize len = strlen (literal);

  while (len > 0 && literal[len - 1] == '\n')
    len--;
  p->item = NULL;
  p->block = add_block (p, CONTENT_BODY_CODE_BLOCK, node);
  add_run (p, CONTENT_BODY_RUN_CODE, literal, len, NULL);
  p->block = NULL;
}

/* A paragraph: a list item's first one completes the item's block; any other is a block. */
static void
enter_paragraph (Parser *p, cmark_node *node)
{
  if (p->item != NULL && p->item->runs->len == 0)
    p->block = p->item;
  else
    p->block = add_block (p, CONTENT_BODY_PARAGRAPH, node);
  p->item = NULL;
}

/* A link or an image: its text links where an `item:` destination names an item, nowhere else.
 * Only the outermost one decides (an image may sit in a link's text, a link in an image's). */
static void
enter_link (Parser *p, cmark_node *node)
{
  const char *url = cmark_node_get_url (node);

  flush (p);
  if (++p->links > 1 || cmark_node_get_type (node) != CMARK_NODE_LINK || p->lookup == NULL
      || url == NULL || !g_str_has_prefix (url, "item:"))
    return;
  p->link_id = p->lookup (url + strlen ("item:"), p->user_data);
  if (p->link_id != NULL)
    g_hash_table_add (p->linked, g_strdup (p->link_id));
}

static void
exit_link (Parser *p)
{
  flush (p);
  p->links--;
  if (p->links == 0)
    g_clear_pointer (&p->link_id, g_free);
}

/* Entering and leaving nodes that hold others (cmark's iterator reports both). */
static void
container (Parser *p, cmark_node *node, gboolean enter)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      flush (p);
      if (enter)
        enter_paragraph (p, node);
      else
        p->block = NULL;
      break;
    case CMARK_NODE_HEADING:
      flush (p);
      p->item = NULL;
      p->block = enter ? add_block (p, CONTENT_BODY_HEADING, node) : NULL;
      if (enter)
        p->block->level = cmark_node_get_heading_level (node);
      break;
    case CMARK_NODE_ITEM:
      p->item = enter ? add_block (p, CONTENT_BODY_LIST_ITEM, node) : NULL;
      if (enter)
        p->item->marker = item_marker (node);
      break;
    case CMARK_NODE_STRONG:
      flush (p);
      if (enter)
        p->strong++;
      else
        p->strong--;
      break;
    case CMARK_NODE_EMPH:
      flush (p);
      if (enter)
        p->emphasis++;
      else
        p->emphasis--;
      break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      if (enter)
        enter_link (p, node);
      else
        exit_link (p);
      break;
    default:
      break;
    }
}

/* Nodes that hold no others, which cmark's iterator only enters. */
static void
leaf (Parser *p, cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_CODE_BLOCK:
      add_literal_block (p, node);
      break;
    case CMARK_NODE_HTML_BLOCK:
      note_raw_html (p, cmark_node_get_literal (node));
      add_literal_block (p, node);
      break;
    case CMARK_NODE_HTML_INLINE:
      note_raw_html (p, cmark_node_get_literal (node));
      g_string_append (p->pending, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_TEXT:
      g_string_append (p->pending, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (p->pending, ' ');
      break;
    case CMARK_NODE_LINEBREAK:
      flush (p);
      add_run (p, CONTENT_BODY_RUN_BREAK, "", 0, NULL);
      break;
    case CMARK_NODE_CODE:
      flush (p);
      add_run (p, CONTENT_BODY_RUN_CODE, cmark_node_get_literal (node), strlen (cmark_node_get_literal (node)), NULL);
      break;
    default:
      break;
    }
}

ContentBody *
content_body_parse (const char *markdown, ContentBodyLookup lookup, gpointer user_data)
{
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) pending = g_string_new (NULL);
  Parser p = { .lookup = lookup, .user_data = user_data, .linked = linked, .pending = pending };
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type ev;

  p.body = g_new0 (ContentBody, 1);
  p.body->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  if (markdown == NULL)
    return p.body;
  doc = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      container (&p, node, ev == CMARK_EVENT_ENTER);
      if (ev == CMARK_EVENT_ENTER)
        leaf (&p, node);
    }
  cmark_iter_free (iter);
  cmark_node_free (doc);
  return p.body;
}

char *
content_body_lookup_item (const char *word, gpointer store)
{
  g_autoptr(GError) error = NULL;
  char *id = content_store_find_item_code (store, word, &error);

  if (id == NULL && !g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    g_warning ("%s", error->message);
  return id;
}
