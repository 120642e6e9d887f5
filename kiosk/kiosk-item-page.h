/* kiosk-item-page.h: one item: a law, a guide, a benefit, a product, a place or a notice. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ITEM_PAGE (kiosk_item_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskItemPage, kiosk_item_page, KIOSK, ITEM_PAGE, GtkWidget)

/* The page of the published item @item_id, or NULL when there is none; @ctx must outlive it. */
GtkWidget *kiosk_item_page_new (const KioskPageContext *ctx, const char *item_id);

G_END_DECLS
