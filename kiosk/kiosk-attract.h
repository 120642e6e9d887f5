/* kiosk-attract.h: the screen an idle kiosk shows, featured items and notices in turn. */
#pragma once

#include <gtk/gtk.h>

#include "content-store.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_ATTRACT (kiosk_attract_get_type ())
G_DECLARE_FINAL_TYPE (KioskAttract, kiosk_attract, KIOSK, ATTRACT, GtkWidget)

/* An attract screen showing @store's current notices, best products and places in @lang.
 * A tap on the featured item emits "open-item" with its id; a tap anywhere else "dismissed". */
GtkWidget *kiosk_attract_new (ContentStore *store, const char *lang);

/* Shows the next featured item now (the screen also moves on by itself while it is shown). */
void kiosk_attract_next (KioskAttract *self);

/* The id of the featured item shown, or NULL when there is nothing to feature. */
const char *kiosk_attract_get_shown (KioskAttract *self);

/* The id of the item @button opens when it is an attract screen's featured item, else NULL
 * (for tests, to find it). */
const char *kiosk_attract_button_get_item (GtkWidget *button);

/* Shows, discreetly, that the content is as of @date (D/M/YYYY) because the hub no longer
 * vouches for it; NULL hides it. */
void kiosk_attract_set_stale (KioskAttract *self, const char *date);

/* How many recorded greetings it has started playing (for tests). */
guint kiosk_attract_get_greetings_played (KioskAttract *self);

/* TRUE while that mark shows (for tests). */
gboolean kiosk_attract_get_stale (KioskAttract *self);

G_END_DECLS
