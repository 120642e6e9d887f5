/* kiosk-markup.c: CommonMark to Pango markup, block by block.
 *
 * Officers write bodies in CommonMark. The kiosk walks cmark's syntax tree and builds one label
 * per paragraph, heading or list item, so long texts wrap and scroll naturally and every text
 * node is escaped (g_markup_escape_text) before it meets Pango: a stray '<' in content can never
 * break the page.
 */
#include "kiosk-markup.h"

#include <cmark.h>
#include <string.h>

static void
flush (GtkBox *box, GString *markup, const char *css_class)
{
  GtkWidget *label;

  if (markup->len == 0)
    return;
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  g_string_truncate (markup, 0);
}

/* The marker of list item @item: its number in an ordered list ("3."), else a bullet, indented
 * by how deep the list is nested. */
static void
append_item_marker (GString *markup, cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  int number = cmark_node_get_list_start (list);

  for (cmark_node *up = cmark_node_parent (list); up != NULL; up = cmark_node_parent (up))
    if (cmark_node_get_type (up) == CMARK_NODE_LIST)
      g_string_append (markup, "      ");
  if (cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    {
      g_string_append (markup, "•  ");
      return;
    }
  for (cmark_node *before = cmark_node_previous (item); before != NULL; before = cmark_node_previous (before))
    number++;
  g_string_append_printf (markup, "%d.  ", number);
}

void
kiosk_markup_append (GtkBox *box, const char *body)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *block_class = "body-text";
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type ev;

  if (body == NULL || *body == '\0')
    return;
  doc = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean enter = ev == CMARK_EVENT_ENTER;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HEADING:
          if (enter)
            block_class = "body-heading";
          else
            flush (box, markup, block_class);
          break;
        case CMARK_NODE_PARAGRAPH:
          /* An item's paragraphs stay with its marker; a second paragraph or a nested list
           * after one starts a new label. */
          if (!enter && cmark_node_get_type (cmark_node_parent (node)) != CMARK_NODE_ITEM)
            flush (box, markup, block_class);
          else if (!enter && cmark_node_next (node) != NULL)
            flush (box, markup, "body-item");
          if (!enter)
            block_class = "body-text";
          break;
        case CMARK_NODE_ITEM:
          if (enter)
            append_item_marker (markup, node);
          else
            flush (box, markup, "body-item");
          break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
          {
            /* Shown as the text it is: nothing an officer typed is lost, nothing is run. */
            g_autofree char *escaped = g_markup_escape_text (cmark_node_get_literal (node), -1);
            g_string_append (markup, g_strchomp (escaped));
            flush (box, markup, "body-text");
          }
          break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          {
            g_autofree char *escaped = g_markup_escape_text (cmark_node_get_literal (node), -1);
            g_string_append (markup, escaped);
          }
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (markup, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (markup, '\n');
          break;
        case CMARK_NODE_STRONG:
          g_string_append (markup, enter ? "<b>" : "</b>");
          break;
        case CMARK_NODE_EMPH:
          g_string_append (markup, enter ? "<i>" : "</i>");
          break;
        default:
          break;
        }
    }
  flush (box, markup, block_class);
  cmark_iter_free (iter);
  cmark_node_free (doc);
}
