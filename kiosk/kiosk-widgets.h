/* kiosk-widgets.h: the few building blocks every kiosk page is made of. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

/* Sets @widget_class's template to /org/banlang/kiosk/@name from the kiosk's own resource. */
void kiosk_widgets_set_template (GtkWidgetClass *widget_class, const char *name);

/* For dispose: drops @widget's template children (of the template of @type) and unparents every
 * child left. */
void kiosk_widgets_dispose_template (GtkWidget *widget, GType type);

/* A large button with an optional icon and wrapped words that opens @target ("topic:ID",
 * "item:ID", "search", "wizard", "lang:CODE") through @ctx, which must outlive it. */
GtkWidget *kiosk_link_button_new (const KioskPageContext *ctx, const char *target, const char *icon,
                                  const char *text);

/* Centers the words of a button made by kiosk_link_button_new(), under its icon when
 * @orientation is vertical (a tile), beside it when horizontal. */
void kiosk_link_button_center (GtkWidget *button, GtkOrientation orientation);

/* Makes a button made by kiosk_link_button_new() open @target, showing @text. */
void kiosk_link_button_set (GtkWidget *button, const char *target, const char *text);

/* The target a button made by kiosk_link_button_new() opens (for tests), or NULL. */
const char *kiosk_link_button_get_target (GtkWidget *button);

/* A wrapped, left-aligned label with the style class @css_class (or none). */
GtkWidget *kiosk_label_new (const char *text, const char *css_class);

/* Makes @clamp (an AdwClamp around a page's column) keep the column's lines to a length people
 * read without losing their place, about 90 characters of body text, on wide screens; on
 * narrower ones the column takes the whole width. */
void kiosk_clamp_to_reading_width (GtkWidget *clamp);

/* What kind of thing an item is, in words for the reader ("Law", "OCOP product"). */
const char *kiosk_kind_name (ContentKind kind);

/* "Text CODE to NUMBER", in the reader's language: how to take a page home on a phone. */
char *kiosk_sms_hint (const KioskPageContext *ctx, const char *code);

/* Back to the top: new content on a page must not open where the last content was scrolled to. */
void kiosk_scroll_to_top (GtkScrolledWindow *scroller);

/* Removes every child of @box. */
void kiosk_box_clear (GtkBox *box);

/* @date (YYYY-MM-DD) as people in Vietnam write it, D/M/YYYY; NULL for NULL. */
char *kiosk_format_date (const char *date);

/* Calls @callback(@widget, @user_data) once, after @widget's window has painted its first frame
 * (the moment a person can see it). @widget must be realized or about to be. */
void kiosk_widgets_after_first_frame (GtkWidget *widget, void (*callback) (GtkWidget *, gpointer),
                                      gpointer user_data);

G_END_DECLS
