/* kiosk-markup.h: parsed bodies as GTK labels. */
#pragma once

#include <gtk/gtk.h>

#include "content-body.h"
#include "kiosk-page-context.h"

G_BEGIN_DECLS

/* Appends to @box one wrapped label per block of @body: headings larger, list items after
 * their marker and indented by their depth, strong and emphasis kept, code as the text it is.
 * A run linked to an item is a link in its label that opens "item:ID" through @ctx, which
 * must outlive the labels. */
void kiosk_markup_append (GtkBox *box, const ContentBody *body, const KioskPageContext *ctx);

G_END_DECLS
