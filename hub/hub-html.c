/* hub-html.c: the one way the hub builds HTML.
 *
 * Officers type titles, summaries and names that the hub shows back to other officers: a
 * "<script>" in a law's title must read as text. Pasting strings into markup is how that goes
 * wrong, so pages are built only through hub_html_add(), whose format is a literal and whose
 * every %s is escaped; trusted fragments travel as HubHtml values, never as strings.
 */
#include "hub-html.h"

#include <stdarg.h>

struct _HubHtml {
  GString *buf;
};

HubHtml *
hub_html_new (void)
{
  HubHtml *self = g_new0 (HubHtml, 1);

  self->buf = g_string_new (NULL);
  return self;
}

void
hub_html_free (HubHtml *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buf, TRUE);
  g_free (self);
}

static void
append_escaped (GString *buf, const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    switch (*s)
      {
      case '&': g_string_append (buf, "&amp;"); break;
      case '<': g_string_append (buf, "&lt;"); break;
      case '>': g_string_append (buf, "&gt;"); break;
      case '"': g_string_append (buf, "&quot;"); break;
      case '\'': g_string_append (buf, "&#39;"); break;
      default: g_string_append_c (buf, *s); break;
      }
}

void
hub_html_add (HubHtml *self, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (self->buf, *p);
          continue;
        }
      switch (*++p)
        {
        case 's':
          append_escaped (self->buf, va_arg (args, const char *));
          break;
        case 'd':
          g_string_append_printf (self->buf, "%d", va_arg (args, int));
          break;
        case 'l':
          g_string_append_printf (self->buf, "%" G_GINT64_FORMAT, va_arg (args, gint64));
          break;
        case 'h':
          {
            HubHtml *inner = va_arg (args, HubHtml *);
            if (inner != NULL)
              g_string_append_len (self->buf, inner->buf->str, inner->buf->len);
          }
          break;
        case '%':
          g_string_append_c (self->buf, '%');
          break;
        default:
          g_error ("hub_html_add: unknown conversion in “%s”", format);
        }
    }
  va_end (args);
}

const char *
hub_html_get (HubHtml *self)
{
  return self->buf->str;
}

gsize
hub_html_get_length (HubHtml *self)
{
  return self->buf->len;
}

char *
hub_html_free_to_string (HubHtml *self)
{
  char *s = g_string_free (self->buf, FALSE);

  g_free (self);
  return s;
}

char *
hub_html_escape (const char *s)
{
  GString *buf = g_string_new (NULL);

  append_escaped (buf, s);
  return g_string_free (buf, FALSE);
}
