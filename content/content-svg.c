/* content-svg.c: SVG pictures that can be served by the hub and shown by a kiosk safely.
 *
 * An SVG is a document, not just a picture: opened from the hub it can run script in the
 * hub's origin (an officer's session), and any renderer may fetch what it points to. So a
 * picture is taken only when it can do neither. The document is parsed (GMarkup: it knows
 * only the five predefined entities and refuses any other, so entity tricks fail as errors)
 * and walked once: elements that run or embed other content are refused, and so are event
 * attributes, and every reference (href, url(), CSS @import, processing instructions, a
 * DOCTYPE) must point inside the document. Refusing is cheap here: the pictograms and
 * drawings this content needs use none of these.
 */
#include "content-svg.h"
#include "content-error.h"

#include <string.h>

#define SVG_NAMESPACE "http://www.w3.org/2000/svg"

/* Elements that run script or pull in other documents. */
static const char *const refused_elements[] = {
  "script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video",
  NULL
};

typedef struct {
  guint depth;
  guint roots;
} SvgScan;

static gboolean
refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "an SVG %s", message);
  return FALSE;
}

/* The name without its namespace prefix ("xlink:href" → "href"). */
static const char *
local_name (const char *name)
{
  const char *colon = strchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

/* @value lower-cased without white space or control characters, as URL parsers and CSS
 * readers see it ("java\tscript:" is "javascript:" to a browser). */
static char *
squeeze (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && !g_ascii_iscntrl (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* A short quotation of @value for a message. */
static char *
quote (const char *value)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (value, -1) <= 40)
    return g_strdup (value);
  head = g_utf8_substring (value, 0, 40);
  return g_strconcat (head, "…", NULL);
}

/* TRUE when @href stays inside the document: a fragment, or a picture carried in a data: URL
 * (how drawing programs embed a bitmap). */
static gboolean
is_local_href (const char *href)
{
  static const char *const embedded[] = {
    "data:image/png", "data:image/jpeg", "data:image/webp", NULL
  };
  g_autofree char *s = squeeze (href);

  if (s[0] == '#')
    return TRUE;
  for (gsize i = 0; embedded[i] != NULL; i++)
    if (g_str_has_prefix (s, embedded[i]) && (s[strlen (embedded[i])] == ';' || s[strlen (embedded[i])] == ','))
      return TRUE;
  return FALSE;
}

/* TRUE when @css (an attribute value or a style sheet) refers to nothing outside the
 * document: every url() is a fragment, and there is no @import, script URL or expression(). */
static gboolean
is_local_css (const char *css)
{
  g_autofree char *s = squeeze (css);

  if (strstr (s, "@import") != NULL || strstr (s, "javascript:") != NULL
      || strstr (s, "expression(") != NULL)
    return FALSE;
  for (const char *p = strstr (s, "url("); p != NULL; p = strstr (p + 4, "url("))
    {
      const char *target = p + 4;
      if (*target == '\'' || *target == '"')
        target++;
      if (*target != '#')
        return FALSE;
    }
  return TRUE;
}

/* The root must be <svg> in the SVG namespace, or browsers do not show it as a picture. */
static gboolean
check_root (const char *element, const char **names, const char **values, GError **error)
{
  const char *colon = strchr (element, ':');
  g_autofree char *xmlns = colon != NULL ? g_strdup_printf ("xmlns:%.*s", (int) (colon - element), element)
                                         : g_strdup ("xmlns");

  if (!g_str_equal (local_name (element), "svg"))
    return refuse (error, "must have <svg> as its root, not <%s>", element);
  for (gsize i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], xmlns))
      return g_str_equal (values[i], SVG_NAMESPACE)
             || refuse (error, "root must be in the SVG namespace (%s=\"%s\")", xmlns, SVG_NAMESPACE);
  return refuse (error, "root must declare the SVG namespace (%s=\"%s\")", xmlns, SVG_NAMESPACE);
}

static gboolean
check_attribute (const char *element, const char *name, const char *value, GError **error)
{
  const char *local = local_name (name);
  g_autofree char *shown = quote (value);

  if (g_ascii_strncasecmp (local, "on", 2) == 0)
    return refuse (error, "with an event attribute (%s on <%s>), which runs script", name, element);
  if (g_ascii_strcasecmp (local, "href") == 0 && !is_local_href (value))
    return refuse (error, "referring outside itself (%s=\"%s\" on <%s>)", name, shown, element);
  if (!is_local_css (value))
    return refuse (error, "referring outside itself or to script (%s=\"%s\" on <%s>)", name, shown, element);
  /* An animation can set an attribute to a script URL after the checks above. */
  if (g_ascii_strcasecmp (local, "attributeName") == 0
      && (g_ascii_strcasecmp (local_name (value), "href") == 0
          || g_ascii_strncasecmp (local_name (value), "on", 2) == 0))
    return refuse (error, "animating %s (on <%s>), which can turn it into script", value, element);
  return TRUE;
}

static void
start_element (GMarkupParseContext *context, const char *element, const char **names,
               const char **values, gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;
  g_autofree char *lower = g_ascii_strdown (local_name (element), -1);

  if (scan->depth++ == 0 && scan->roots++ > 0)
    {
      refuse (error, "with a second root element <%s>", element);
      return;
    }
  if (scan->depth == 1 && !check_root (element, names, values, error))
    return;
  if (g_strv_contains (refused_elements, lower))
    {
      refuse (error, "with a <%s> element, which can run script or show other documents", element);
      return;
    }
  for (gsize i = 0; names[i] != NULL; i++)
    if (!check_attribute (element, names[i], values[i], error))
      return;
}

static void
end_element (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  ((SvgScan *) user_data)->depth--;
}

/* Text, and CDATA sections (G_MARKUP_TREAT_CDATA_AS_TEXT): only a style sheet's can refer to
 * anything. */
static void
text (GMarkupParseContext *context, const char *data, gsize len, gpointer user_data, GError **error)
{
  const char *element = g_markup_parse_context_get_element (context);
  g_autofree char *css = NULL;

  if (element == NULL || g_ascii_strcasecmp (local_name (element), "style") != 0)
    return;
  css = g_strndup (data, len);
  if (!is_local_css (css))
    refuse (error, "with a style sheet referring outside itself or to script");
}

/* Comments and the XML declaration pass; a DOCTYPE can declare entities and fetch a DTD, and
 * a processing instruction such as <?xml-stylesheet?> fetches a style sheet. */
static void
passthrough (GMarkupParseContext *context, const char *data, gsize len, gpointer user_data,
             GError **error)
{
  g_autofree char *head = g_strndup (data, MIN (len, (gsize) 20));

  if (g_str_has_prefix (head, "<!--") || g_str_has_prefix (head, "<?xml "))
    return;
  if (g_str_has_prefix (head, "<!DOCTYPE"))
    refuse (error, "with a DOCTYPE, which can declare entities and fetch a DTD");
  else
    {
      g_autofree char *shown = g_utf8_make_valid (head, -1);
      refuse (error, "with an instruction (%s…), which can fetch a style sheet", shown);
    }
}

gboolean
content_svg_looks_like_xml (const char *data, gsize len)
{
  gsize i = len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i < len && data[i] == '<';
}

gboolean
content_svg_check (const char *data, gsize len, GError **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, passthrough, NULL };
  SvgScan scan = { 0, 0 };
  g_autoptr(GMarkupParseContext) context =
    g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &scan, NULL);
  g_autoptr(GError) local = NULL;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (g_markup_parse_context_parse (context, data, len, &local)
      && g_markup_parse_context_end_parse (context, &local))
    return TRUE;
  if (local->domain == CONTENT_ERROR)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "not a well-formed XML document: %s", local->message);
  return FALSE;
}
