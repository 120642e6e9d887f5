/* kiosk-window.h: the kiosk's only window: a bar with Home and Back, and a stack of pages. */
#pragma once

#include <gtk/gtk.h>

#include "content-store.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

/* A window showing @store's content in @lang, with @sms_number on every page. */
KioskWindow *kiosk_window_new (GtkApplication *app, ContentStore *store, const char *lang,
                               const char *sms_number);

/* Switches the interface and content to @lang (a registry code); the pages open are rebuilt. */
void kiosk_window_set_lang (KioskWindow *self, const char *lang);

/* Opens @target: "home", "topic:ID" or "item:ID" on top of the pages already open, or
 * "lang:CODE" to switch language. */
void kiosk_window_open (KioskWindow *self, const char *target);

/* Back to the previous page (nothing on the home page). */
void kiosk_window_back (KioskWindow *self);

/* Home, forgetting every page opened. */
void kiosk_window_home (KioskWindow *self);

/* The target of the page on top ("home", "topic:ID", "item:ID"). */
const char *kiosk_window_get_current (KioskWindow *self);

/* The page on top, for tests and screenshots. */
GtkWidget *kiosk_window_get_page (KioskWindow *self);

G_END_DECLS
