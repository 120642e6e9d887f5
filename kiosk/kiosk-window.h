/* kiosk-window.h: the kiosk's only window: a bar with Home and Back, a stack of pages, and the
 * attract screen shown while nobody uses it. */
#pragma once

#include <gtk/gtk.h>

#include "content-store.h"
#include "kiosk-updater.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

/* The idle time after which the attract screen shows, unless set otherwise. */
#define KIOSK_DEFAULT_IDLE_SECONDS 90

/* A window showing @store's content in @lang (also the language every new person starts in),
 * with @sms_number on every page. */
KioskWindow *kiosk_window_new (GtkApplication *app, ContentStore *store, const char *lang,
                               const char *sms_number);

/* After @seconds without a touch, forget the last person and show the attract screen; 0 never. */
void kiosk_window_set_idle_seconds (KioskWindow *self, guint seconds);

/* Locked: fullscreen, no decorations, closing refused, and key combinations that would close or
 * escape the kiosk swallowed. Unlocked is a normal window, for development. */
void kiosk_window_set_locked (KioskWindow *self, gboolean locked);

/* Switches the interface and content to @lang (a registry code); the pages open are rebuilt. */
void kiosk_window_set_lang (KioskWindow *self, const char *lang);

/* Opens @target on top of the pages already open: "home", "topic:ID", "item:ID" (counted as a
 * look in the store), "search", "wizard", "staff" (when a staff PIN is set); or "lang:CODE"
 * to switch language. */
void kiosk_window_open (KioskWindow *self, const char *target);

/* Back: a step of the page on top (the wizard's previous question), else the previous page
 * (nothing on the home page). */
void kiosk_window_back (KioskWindow *self);

/* Home, forgetting every page opened. */
void kiosk_window_home (KioskWindow *self);

/* Forgets the last person (pages, search, answers, scroll positions, language) and shows the
 * attract screen, as the idle timeout does. */
void kiosk_window_idle (KioskWindow *self);

/* TRUE while the attract screen shows. */
gboolean kiosk_window_is_idle (KioskWindow *self);

/* The attract screen, for tests and screenshots. */
GtkWidget *kiosk_window_get_attract (KioskWindow *self);

/* The target of the page on top ("home", "topic:ID", ...). */
const char *kiosk_window_get_current (KioskWindow *self);

/* The language shown. */
const char *kiosk_window_get_lang (KioskWindow *self);

/* The page on top, for tests and screenshots. */
GtkWidget *kiosk_window_get_page (KioskWindow *self);

/* Takes updates through @updater (NULL: none): applied only while the attract screen shows,
 * then every page is built again; the attract screen marks content gone stale. */
void kiosk_window_set_updater (KioskWindow *self, KioskUpdater *updater);

/* The PIN the staff panel asks for; NULL or "" keeps the panel closed. */
void kiosk_window_set_staff_pin (KioskWindow *self, const char *pin);

/* Saves what the window shows to the PNG file @path. */
gboolean kiosk_window_save_png (KioskWindow *self, const char *path, GError **error);

/* The window's shape, as the layout follows it: "small" (under 1200×700), "portrait" or "". */
const char *kiosk_window_get_shape (KioskWindow *self);

/* TRUE while "Are you still there?" shows. */
gboolean kiosk_window_get_idle_warning_shown (KioskWindow *self);

/* The large-text and high-contrast modes, as the bar's buttons switch them. */
void kiosk_window_set_large_text (KioskWindow *self, gboolean large);
void kiosk_window_set_high_contrast (KioskWindow *self, gboolean high);

G_END_DECLS
