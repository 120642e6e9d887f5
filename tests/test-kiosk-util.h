/* test-kiosk-util.h: what the kiosk's GUI tests share: letting GTK draw, finding and tapping
 * buttons as a person would, reading what labels show, and saving pictures of pages. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-window.h"

/* Lets GTK lay out and draw: a few frames' worth of main-loop work. */
void test_kiosk_settle (void);

/* Saves what @window shows to build/kiosk-screens/@name.png; the test fails if it cannot. */
void test_kiosk_screenshot (KioskWindow *window, const char *name);

/* The first mapped widget under @widget (itself included) that @match accepts, or NULL. */
GtkWidget *test_kiosk_find (GtkWidget *widget, gboolean (*match) (GtkWidget *widget));

typedef const char *(*TestKioskButtonValue) (GtkWidget *button);

/* The first mapped button under @widget whose @value is @wanted (a link's target, a key, an
 * answer): what a person could tap. */
GtkWidget *test_kiosk_find_button (GtkWidget *widget, TestKioskButtonValue value, const char *wanted);

/* Taps @button, and lets GTK draw. */
void test_kiosk_press (GtkWidget *button);

/* TRUE when some label under @widget shows text containing @piece. */
gboolean test_kiosk_shows (GtkWidget *widget, const char *piece);
