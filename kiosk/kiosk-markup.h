/* kiosk-markup.h: CommonMark bodies as GTK labels. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends to @box one wrapped label per block of the CommonMark @body (headings larger, list
 * items with a bullet, emphasis and strong kept), in Pango markup built from cmark's syntax tree:
 * GTK has no HTML view, and the tree lets every piece of text be escaped on its way in. */
void kiosk_markup_append (GtkBox *box, const char *body);

G_END_DECLS
