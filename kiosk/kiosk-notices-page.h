/* kiosk-notices-page.h: every notice in force today, newest first. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_NOTICES_PAGE (kiosk_notices_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskNoticesPage, kiosk_notices_page, KIOSK, NOTICES_PAGE, GtkWidget)

/* The notices page in @ctx's language; @ctx must outlive it. */
GtkWidget *kiosk_notices_page_new (const KioskPageContext *ctx);

/* How many notices it lists (for tests). */
guint kiosk_notices_page_get_n_notices (KioskNoticesPage *self);

G_END_DECLS
