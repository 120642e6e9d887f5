/* content-body.h: an item's CommonMark body as the blocks and runs of text a reader is shown.
 *
 * The kiosk draws it with Pango and the hub previews it as HTML; both walk this one model, so
 * the subset of CommonMark people see, and which words link to other items, are decided once.
 *
 * Walking it:
 *
 *   g_autoptr(ContentBody) body = content_body_parse (text->body, lookup, data);
 *   for (guint b = 0; b < body->blocks->len; b++)
 *     {
 *       const ContentBodyBlock *block = g_ptr_array_index (body->blocks, b);
 *       for (guint r = 0; r < block->runs->len; r++)
 *         {
 *           const ContentBodyRun *run = g_ptr_array_index (block->runs, r);
 *           ... run->kind, run->style, run->text, run->item_id ...
 *         }
 *     }
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CONTENT_BODY_PARAGRAPH,   /* also what a block quote holds */
  CONTENT_BODY_HEADING,     /* level 1–6 */
  CONTENT_BODY_LIST_ITEM,   /* a list item's first paragraph, after its marker */
  CONTENT_BODY_CODE_BLOCK,  /* literal text in one run, line breaks kept; also raw HTML blocks */
} ContentBodyBlockKind;

typedef enum {
  CONTENT_BODY_RUN_TEXT,    /* words */
  CONTENT_BODY_RUN_CODE,    /* inline code: literal text, never linked */
  CONTENT_BODY_RUN_BREAK,   /* a hard line break; its text is "" */
} ContentBodyRunKind;

typedef enum {
  CONTENT_BODY_STRONG = 1 << 0,
  CONTENT_BODY_EMPHASIS = 1 << 1,
} ContentBodyStyle;

typedef struct {
  ContentBodyRunKind kind;
  ContentBodyStyle style;   /* strong and emphasis may both be set */
  char *text;               /* UTF-8, never NULL; plain text, to be escaped by whoever draws it */
  char *item_id;            /* the item this run links to, or NULL */
} ContentBodyRun;

typedef struct {
  ContentBodyBlockKind kind;
  guint level;              /* a heading's level; 0 for other blocks */
  guint depth;              /* how many lists enclose the block: 0 outside lists, 1 in a list... */
  char *marker;             /* a list item's marker, "•" or "3." or "3)"; NULL for other blocks */
  GPtrArray *runs;          /* ContentBodyRun *, in reading order; may be empty */
} ContentBodyBlock;

typedef struct {
  GPtrArray *blocks;        /* ContentBodyBlock *, in reading order */
  char *raw_html;           /* the first raw HTML in the body (its first tag, at most 40
                             * characters), or NULL: such HTML is shown as text, and the
                             * validator refuses bodies that hold any */
} ContentBody;

/* What a word of a body names: the id (newly allocated) of the item whose id, SMS code or law
 * number is exactly @word, or NULL when it names none that should be linked. */
typedef char *(*ContentBodyLookup) (const char *word, gpointer user_data);

/* The ContentBodyLookup of a content store (@store, a ContentStore, as user_data): a published
 * item's id, SMS code or law number (content_store_find_item_code()). A word the database
 * could not look up stays text too, and the failure is logged. */
char *content_body_lookup_item (const char *word, gpointer store);

/* Parses the CommonMark @markdown (NULL is an empty body) into the blocks a reader is shown.
 *
 * Shown: paragraphs, headings, list items (bullets as "•", ordered items numbered from the
 * list's start, nested lists by depth, an item's further paragraphs at its depth), code
 * blocks, strong, emphasis, inline code and hard line breaks. Soft line breaks become spaces;
 * thematic breaks are dropped; block quotes show as their paragraphs. Raw HTML (blocks and
 * inline) comes through as the literal text it is, never as markup.
 *
 * Links: with a @lookup, a whole word (letters, digits, '-' and '/', bounded by anything
 * else) that has the shape of an SMS code (upper-case ASCII letters and digits, at least one
 * letter), of an id containing '-', or of a document number (containing '/' and a digit) is
 * passed to @lookup; when it answers, the word becomes a run linked to that item. Each item is
 * linked at its first mention only, so a text that names it ten times is not a wall of links.
 * Inline code and code blocks are never linked. A CommonMark link [text](item:WORD) links its
 * text to what @lookup answers for WORD; any other link or image keeps its text, unlinked: a
 * kiosk cannot open a web page. Without a @lookup nothing is linked.
 *
 * Never fails. Free with content_body_free(). */
ContentBody *content_body_parse (const char *markdown, ContentBodyLookup lookup, gpointer user_data);

void content_body_free (ContentBody *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentBody, content_body_free)

G_END_DECLS
