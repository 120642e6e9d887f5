/* hub-body.h: an item's body as HTML, drawn from the model the kiosk draws (content-body.h). */
#pragma once

#include "content-store.h"
#include "hub-html.h"

G_BEGIN_DECLS

/* Appends the CommonMark @markdown (NULL is empty) to @html as the kiosk will show it:
 * headings, paragraphs, list items with their markers and depth, code, strong and emphasis,
 * and words naming a published item of @store linked to its hub page. Every text is escaped:
 * raw HTML in a body shows as the text it is. */
void hub_body_render (HubHtml *html, ContentStore *store, const char *markdown);

G_END_DECLS
