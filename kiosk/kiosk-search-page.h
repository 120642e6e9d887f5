/* kiosk-search-page.h: search with the kiosk's own keypad, results as you type. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-keypad.h"
#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SEARCH_PAGE (kiosk_search_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskSearchPage, kiosk_search_page, KIOSK, SEARCH_PAGE, GtkWidget)

/* An empty search in @ctx's language; @ctx must outlive it. */
GtkWidget *kiosk_search_page_new (const KioskPageContext *ctx);

/* The page's keypad, whose text is the query. */
KioskKeypad *kiosk_search_page_get_keypad (KioskSearchPage *self);

/* How many results the page shows now. */
guint kiosk_search_page_get_n_results (KioskSearchPage *self);

/* Puts the keys under the results (@portrait) or beside them. */
void kiosk_search_page_set_portrait (KioskSearchPage *self, gboolean portrait);

/* Taps "Show more results"; FALSE when there are no more. */
gboolean kiosk_search_page_show_more (KioskSearchPage *self);

G_END_DECLS
