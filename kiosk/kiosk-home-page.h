/* kiosk-home-page.h: the first page: languages, the three sections, search, current notices. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_HOME_PAGE (kiosk_home_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskHomePage, kiosk_home_page, KIOSK, HOME_PAGE, GtkWidget)

/* The home page in @ctx's language; @ctx must outlive it. */
GtkWidget *kiosk_home_page_new (const KioskPageContext *ctx);

G_END_DECLS
