/* kiosk-staff-page.h: the staff panel: behind a PIN, what the kiosk knows about its updates,
 * and applying a USB stick. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"
#include "kiosk-updater.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_STAFF_PAGE (kiosk_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, KIOSK, STAFF_PAGE, GtkWidget)

/* The panel, asking first for @pin (not empty) on the kiosk's own digit keys. @updater (NULL
 * when the kiosk takes no updates) gives the last attempt and applies sticks; @ctx must
 * outlive the page. */
GtkWidget *kiosk_staff_page_new (const KioskPageContext *ctx, KioskUpdater *updater, const char *pin);

/* TRUE once the right PIN was typed and the panel shows. */
gboolean kiosk_staff_page_is_unlocked (KioskStaffPage *self);

/* Where USB sticks are mounted (default /media), for tests and unusual systems. */
void kiosk_staff_page_set_usb_root (KioskStaffPage *self, const char *root);

G_END_DECLS
