/* kiosk-listen-button.h: the large "Listen" button that reads a page, a question or a result
 * aloud, and says which language is heard. */
#pragma once

#include <gtk/gtk.h>

#include "content-item.h"
#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_LISTEN_BUTTON (kiosk_listen_button_get_type ())
G_DECLARE_FINAL_TYPE (KioskListenButton, kiosk_listen_button, KIOSK, LISTEN_BUTTON, GtkWidget)

/* A button that speaks for a reader of @ctx->lang (@ctx must outlive it), silent until given
 * something to say. */
GtkWidget *kiosk_listen_button_new (const KioskPageContext *ctx);

/* One piece of the page in @lang: @text (spoken by espeak-ng when @lang has a voice), and/or the
 * recording blob @recording (a person reading it). Calls in a row in other languages add the
 * same piece's translations; the reader's fallback chain decides which one is heard. */
void kiosk_listen_button_add (KioskListenButton *self, const char *lang, const char *text,
                              const char *recording);

/* Appends @text, shown in @lang (content picked along the reader's chain), as the page's next
 * piece: a page whose pieces fall back differently (a list of titles, some not yet translated)
 * is said in page order, each piece in the language it is shown in (its recording or voice;
 * not at all in a language that has neither). */
void kiosk_listen_button_append (KioskListenButton *self, const char *lang, const char *text);

/* Appends @text in the kiosk's own words (its message catalog, and the eligibility engine's
 * phrases) to what is said in the language those words show in for this reader: the first of
 * the reader's chain with a catalog (English being the messages' own language). */
void kiosk_listen_button_append_words (KioskListenButton *self, const char *text);

/* Everything @item offers: in each language, its recording unless stale, and its spoken text
 * (title, summary, body). */
void kiosk_listen_button_add_item (KioskListenButton *self, const ContentItem *item);

/* Forgets what there was to say (a new question), stopping it when it plays. */
void kiosk_listen_button_clear (KioskListenButton *self);

/* Plays, or stops when playing: what a tap does. */
void kiosk_listen_button_toggle (KioskListenButton *self);

/* TRUE while the kiosk's speaker plays this button's sound. */
gboolean kiosk_listen_button_is_playing (KioskListenButton *self);

/* After a tap: the language the first piece is heard in and whether that was a person's
 * recording (else synthesis); NULL before anything played, or when nothing could be said. */
const char *kiosk_listen_button_get_heard_lang (KioskListenButton *self);
gboolean kiosk_listen_button_get_heard_recording (KioskListenButton *self);

/* The text of every piece given in @lang, in page order, or NULL when there is none (for
 * tests). */
const char *kiosk_listen_button_get_text (KioskListenButton *self, const char *lang);

/* The first listen button under @widget that is mapped, or NULL (for tests). */
KioskListenButton *kiosk_listen_button_find (GtkWidget *widget);

G_END_DECLS
