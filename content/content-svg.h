/* content-svg.h: whether an SVG picture is safe to serve and to show. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @data (@len bytes) looks like an XML document at all: after an optional UTF-8
 * byte order mark and white space, it starts with '<'. */
gboolean content_svg_looks_like_xml (const char *data, gsize len);

/* TRUE when @data is a well-formed UTF-8 XML document whose root is an SVG <svg> element and
 * which can neither run script nor reach outside itself: no <script>, <foreignObject> or other
 * embedding element, no event attribute (onload, onclick, ...), no reference to anything but
 * its own parts (href, url() and CSS pointing elsewhere, style sheets, a DOCTYPE, which can
 * declare entities and fetch a DTD). Otherwise FALSE with @error
 * (CONTENT_ERROR_INVALID_INPUT) naming the first thing found. */
gboolean content_svg_check (const char *data, gsize len, GError **error);

G_END_DECLS
