/* kiosk-markup.c: a parsed body (ContentBody) drawn as GTK labels, block by block.
 *
 * What a body shows, and which of its words link to other items, is decided in content/ so
 * that the hub's preview and the kiosk agree; this file only draws it. One wrapped label per
 * block lets long texts wrap and scroll naturally, and every run is escaped on its way into
 * Pango markup, so a stray '<' in content can never break the page. Linked words are Pango
 * links: GTK has no HTML view, and a label's link is tappable where it is written.
 */
#include "kiosk-markup.h"

/* How far each level of list nesting moves a block right, in pixels: about the width of a
 * marker at the body's size, so an item's further paragraphs line up with its words. */
#define INDENT_PX 40

static gboolean
on_activate_link (GtkLabel *label, const char *uri, gpointer user_data)
{
  const KioskPageContext *ctx = user_data;

  ctx->open (ctx->user_data, uri);
  return TRUE;
}

/* Appends @run to @markup as escaped Pango markup. */
static void
append_run (GString *markup, const ContentBodyRun *run)
{
  g_autofree char *text = g_markup_escape_text (run->text, -1);

  if (run->kind == CONTENT_BODY_RUN_BREAK)
    {
      g_string_append_c (markup, '\n');
      return;
    }
  if (run->item_id != NULL)
    g_string_append_printf (markup, "<a href=\"item:%s\"><b>", run->item_id);
  if (run->style & CONTENT_BODY_STRONG)
    g_string_append (markup, "<b>");
  if (run->style & CONTENT_BODY_EMPHASIS)
    g_string_append (markup, "<i>");
  g_string_append (markup, text);
  if (run->style & CONTENT_BODY_EMPHASIS)
    g_string_append (markup, "</i>");
  if (run->style & CONTENT_BODY_STRONG)
    g_string_append (markup, "</b>");
  if (run->item_id != NULL)
    g_string_append (markup, "</b></a>");
}

static const char *
block_class (const ContentBodyBlock *block)
{
  switch (block->kind)
    {
    case CONTENT_BODY_HEADING:
      return "body-heading";
    case CONTENT_BODY_LIST_ITEM:
      return "body-item";
    case CONTENT_BODY_PARAGRAPH:
    case CONTENT_BODY_CODE_BLOCK:
    default:
      return "body-text";
    }
}

/* How far @block sits from the left: a list item by the lists above its own, anything else
 * inside a list under the words of its item. */
static int
block_indent (const ContentBodyBlock *block)
{
  guint levels = block->kind == CONTENT_BODY_LIST_ITEM ? block->depth - 1 : block->depth;

  return (int) levels * INDENT_PX;
}

static GtkWidget *
block_label (const ContentBodyBlock *block, const KioskPageContext *ctx)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

  if (block->marker != NULL)
    g_string_append_printf (markup, "%s  ", block->marker);
  for (guint i = 0; i < block->runs->len; i++)
    append_run (markup, g_ptr_array_index (block->runs, i));
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, block_indent (block));
  gtk_widget_add_css_class (label, block_class (block));
  g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), (gpointer) ctx);
  return label;
}

void
kiosk_markup_append (GtkBox *box, const ContentBody *body, const KioskPageContext *ctx)
{
  for (guint i = 0; i < body->blocks->len; i++)
    {
      const ContentBodyBlock *block = g_ptr_array_index (body->blocks, i);

      if (block->runs->len > 0 || block->marker != NULL)
        gtk_box_append (box, block_label (block, ctx));
    }
}
