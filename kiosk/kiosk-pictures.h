/* kiosk-pictures.h: pictures from the content store, and the kiosk's own pictogram set. */
#pragma once

#include <gtk/gtk.h>

#include "content-store.h"
#include "content-topic.h"

G_BEGIN_DECLS

/* Makes the kiosk's own pictograms (kiosk/data/icons, "banlang-…") known to @display's icon
 * theme. Called by every widget that uses them; safe to call again. */
void kiosk_pictures_add_icons (GdkDisplay *display);

/* The picture blob @sha256 of @store drawn @size pixels wide (an SVG drawn at that size, not
 * scaled up from its own), kept for the next page that shows it (within
 * KIOSK_PICTURES_KEEP_BYTES). NULL with @error when the store
 * has no such picture or it cannot be read. */
GdkTexture *kiosk_pictures_load (ContentStore *store, const char *sha256, int size, GError **error);

/* A GtkPicture of the blob @sha256, @size pixels wide, with @caption for screen readers, or a
 * NULL when it cannot be shown (the page then goes without it). */
GtkWidget *kiosk_pictures_new_picture (ContentStore *store, const char *sha256, int size, const char *caption);

/* An image for @topic: its pictogram when it has one, else its icon, else NULL. */
GtkWidget *kiosk_pictures_new_topic_image (ContentStore *store, const ContentTopic *topic, int size);

/* At most this many bytes of decoded pictures are kept for the next page (a few screens' worth:
 * every pictogram, and the photos shown last). */
#define KIOSK_PICTURES_KEEP_BYTES ((gsize) 16 * 1024 * 1024)

/* The bytes of the decoded pictures kept (for tests and the benchmark). */
gsize kiosk_pictures_kept_bytes (void);

G_END_DECLS
