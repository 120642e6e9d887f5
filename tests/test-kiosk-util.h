/* test-kiosk-util.h: what the kiosk's GUI tests share: letting GTK draw, finding and tapping
 * buttons as a person would (the check's answers too), reading what labels show, checking the
 * icons shown, and saving pictures of pages. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-window.h"
#include "kiosk-wizard-page.h"

/* Lets GTK lay out and draw: a few frames' worth of main-loop work. */
void test_kiosk_settle (void);

/* Saves what @window shows to build/kiosk-screens/@name.png; the test fails if it cannot. */
void test_kiosk_screenshot (KioskWindow *window, const char *name);

typedef gboolean (*TestKioskMatch) (GtkWidget *widget, gpointer data);

/* The first mapped widget under @widget (itself included) that @match accepts, or NULL. @data
 * goes to @match; a @match that only gathers (a count) returns FALSE to see every widget. */
GtkWidget *test_kiosk_find (GtkWidget *widget, TestKioskMatch match, gpointer data);

/* A TestKioskMatch: TRUE when @widget is a label whose text contains @piece (a string). */
gboolean test_kiosk_is_label_showing (GtkWidget *widget, gpointer piece);

typedef const char *(*TestKioskButtonValue) (GtkWidget *button);

/* The first mapped button under @widget whose @value is @wanted (a link's target, a key, an
 * answer): what a person could tap. */
GtkWidget *test_kiosk_find_button (GtkWidget *widget, TestKioskButtonValue value, const char *wanted);

/* Taps @button, and lets GTK draw. */
void test_kiosk_press (GtkWidget *button);

/* The eligibility check's page @window shows. */
KioskWizardPage *test_kiosk_wizard (KioskWindow *window);

/* Taps the answer @answer ("yes", "no", a choice, "unknown", "ok") of the check's question. */
void test_kiosk_tap_answer (KioskWindow *window, const char *answer);

/* Answers @question as a 76-year-old without a pension who does not know the rest: the age
 * tapped key by key on the keypad. */
void test_kiosk_answer_as_76_without_pension (KioskWindow *window, const char *question);

/* TRUE when some label under @widget shows text containing @piece. */
gboolean test_kiosk_shows (GtkWidget *widget, const char *piece);

typedef gboolean (*TestKioskIconAllowed) (const char *name);

/* Every icon a widget under @widget names resolves in the display's theme (a missing one is
 * drawn as a broken-image placeholder), and each one shown is the kiosk's own (banlang-…) unless
 * @allowed (may be NULL) lets it through: a desktop theme's icon looks unlike the kiosk's
 * pictograms, and differs from one theme to the next. @where names the page in a failure. */
void test_kiosk_assert_own_icons (GtkWidget *widget, const char *where, TestKioskIconAllowed allowed);
