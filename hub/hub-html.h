/* hub-html.h: the one way the hub builds HTML, escaping every value by default. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HubHtml HubHtml;

HubHtml *hub_html_new (void);
void hub_html_free (HubHtml *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubHtml, hub_html_free)

/* Appends @format, a string literal of trusted markup, with its conversions replaced:
 *   %s  a string (NULL is empty), escaped for text and for quoted attribute values;
 *   %d  an int;  %l  a gint64;
 *   %h  a HubHtml built elsewhere (already safe), appended as it is;
 *   %%  a percent sign.
 * There is no way to append an unescaped string: markup comes only from literals. */
void hub_html_add (HubHtml *self, const char *format, ...);

/* The markup built so far. */
const char *hub_html_get (HubHtml *self);
gsize hub_html_get_length (HubHtml *self);

/* Frees @self and returns its markup. */
char *hub_html_free_to_string (HubHtml *self);

/* @s escaped for HTML text and quoted attributes (& < > " '). */
char *hub_html_escape (const char *s);

G_END_DECLS
