/* kiosk-wizard-page.h: "Check what you can get": the eligibility wizard, one question a screen. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WIZARD_PAGE (kiosk_wizard_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskWizardPage, kiosk_wizard_page, KIOSK, WIZARD_PAGE, GtkWidget)

/* A fresh screening with @ctx's rules, today, in @ctx's language; NULL when there are no rules.
 * @ctx must outlive it. */
GtkWidget *kiosk_wizard_page_new (const KioskPageContext *ctx);

/* One step back: from the results to the last question, from a question to the one before.
 * FALSE on the first question, where Back leaves the wizard. */
gboolean kiosk_wizard_page_back (KioskWizardPage *self);

/* The id of the question on screen, or NULL while the results are shown. */
const char *kiosk_wizard_page_get_question (KioskWizardPage *self);

/* The answer a button of the page gives ("yes", "no", a choice, "unknown" for don't know,
 * "ok" for a typed number), or NULL for other widgets. For tests, which tap as a person would. */
const char *kiosk_wizard_page_button_get_answer (GtkWidget *button);

/* Leaves the start page for the first question (the "Start" button). */
void kiosk_wizard_page_start (KioskWizardPage *self);

/* Puts the number keys under the answers (@portrait) or beside them. */
void kiosk_wizard_page_set_portrait (KioskWizardPage *self, gboolean portrait);

/* The view on screen: "start", "question" or "result". */
const char *kiosk_wizard_page_get_view (KioskWizardPage *self);

G_END_DECLS
