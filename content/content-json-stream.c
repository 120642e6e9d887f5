/* content-json-stream.c: a bundle's top-level object read member by member, and its arrays
 * element by element, through a fixed buffer.
 *
 * The importer validates one item at a time and forgets it, so the only thing that would still
 * grow with a bundle is the reading: json-glib's JsonParser and JsonReader both hold the whole
 * document's tree (600 MB for 100,000 items). This reader does not parse values; it finds where
 * each one ends (nesting of brackets and braces, outside strings, with backslash escapes) and
 * hands its text over, which the importer gives to JsonParser, so one parser judges every
 * value's syntax. Only the top level's own punctuation (braces, brackets, colons, commas, keys)
 * is checked here.
 */
#include "content-json-stream.h"
#include "content-error.h"

#include <json-glib/json-glib.h>

#define BUFFER_SIZE 65536

struct _ContentJsonStream {
  GInputStream *input;
  GChecksum *checksum;
  guint8 buffer[BUFFER_SIZE];
  gsize pos, len;
  guint line;               /* of buffer[pos] */
  gboolean first_member;    /* no member of the object read yet */
  gboolean first_element;   /* no element of the array read yet */
  GString *keep;            /* where the value being read goes (NULL: nowhere) ... */
  gsize kept_from;          /* ... from this byte of the buffer on: copied a span at a time */
  GError *read_error;       /* the input failed: every later read ends here */
};

ContentJsonStream *
content_json_stream_new (GInputStream *input, GChecksum *checksum)
{
  ContentJsonStream *self = g_new0 (ContentJsonStream, 1);

  self->input = g_object_ref (input);
  self->checksum = checksum;
  self->line = 1;
  return self;
}

void
content_json_stream_free (ContentJsonStream *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->input);
  g_clear_error (&self->read_error);
  g_free (self);
}

/* Copies what was taken of the value being read since the last copy. */
static void
keep_taken (ContentJsonStream *self)
{
  if (self->keep != NULL && self->pos > self->kept_from)
    g_string_append_len (self->keep, (const char *) self->buffer + self->kept_from, self->pos - self->kept_from);
  self->kept_from = self->pos;
}

/* The next byte without taking it, or -1 at the end of the input (or when reading failed). */
static int
peek (ContentJsonStream *self)
{
  gssize n;

  if (self->pos < self->len)
    return self->buffer[self->pos];
  if (self->read_error != NULL)
    return -1;
  keep_taken (self);
  n = g_input_stream_read (self->input, self->buffer, BUFFER_SIZE, NULL, &self->read_error);
  if (n <= 0)
    return -1;
  if (self->checksum != NULL)
    g_checksum_update (self->checksum, self->buffer, n);
  self->pos = self->kept_from = 0;
  self->len = n;
  return self->buffer[0];
}

/* Takes the byte peek() returned. */
static void
take (ContentJsonStream *self)
{
  if (self->buffer[self->pos++] == '\n')
    self->line++;
}

/* The next byte that is not white space (left unread), or -1. */
static int
peek_token (ContentJsonStream *self)
{
  int c;

  while ((c = peek (self)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    take (self);
  return c;
}

/* Fails at @c, a byte that does not belong where it is (-1: the end of the input). */
static gboolean
unexpected (ContentJsonStream *self, int c, const char *wanted, GError **error)
{
  if (c < 0 && self->read_error != NULL)
    g_propagate_error (error, g_error_copy (self->read_error));
  else if (c < 0)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "line %u: the file ends where %s should be", self->line, wanted);
  else if (c >= 0x20 && c < 0x7f)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "line %u: ‘%c’ where %s should be", self->line, c, wanted);
  else
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "line %u: byte 0x%02x where %s should be", self->line, (guint) c, wanted);
  return FALSE;
}

gboolean
content_json_stream_enter_object (ContentJsonStream *self, GError **error)
{
  if (peek_token (self) != '{')
    {
      if (self->read_error != NULL)
        g_propagate_error (error, g_error_copy (self->read_error));
      return FALSE;
    }
  take (self);
  self->first_member = TRUE;
  return TRUE;
}

/* Reads past the ',' between two members or elements, or the @close ending them; FALSE (no
 * error) at the end. */
static gboolean
next_in_sequence (ContentJsonStream *self, gboolean *first, char close, GError **error)
{
  int c = peek_token (self);

  if (c == close)
    {
      take (self);
      return FALSE;
    }
  if (*first)
    {
      *first = FALSE;
      return TRUE;
    }
  if (c != ',')
    return unexpected (self, c, close == '}' ? "‘,’ or ‘}’" : "‘,’ or ‘]’", error);
  take (self);
  peek_token (self);
  return TRUE;
}

/* Takes one value whatever it is: a string, a number or word, or a whole object or array, to
 * its closing bracket. */
static gboolean
take_value (ContentJsonStream *self, GError **error)
{
  int c, depth = 0;
  gboolean in_string = FALSE, escaped = FALSE;

  for (; (c = peek (self)) >= 0; take (self))
    {
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          if (!in_string && depth == 0)
            {
              take (self);
              return TRUE;  /* a string on its own */
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return TRUE;  /* a number or word, ended by its container */
          if (--depth == 0)
            {
              take (self);
              return TRUE;
            }
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
        return TRUE;
    }
  if (depth == 0 && !in_string && self->read_error == NULL)
    return TRUE;  /* a number or word at the very end */
  return unexpected (self, -1, in_string ? "the end of a string" : "a closing bracket", error);
}

/* Reads one value (take_value()), its text appended to @text when not NULL. */
static gboolean
read_value (ContentJsonStream *self, GString *text, guint *line, GError **error)
{
  int c = peek_token (self);
  gboolean ok;

  if (c < 0 || c == ',' || c == ':' || c == ']' || c == '}')
    return unexpected (self, c, "a value", error);
  *line = self->line;
  self->keep = text;
  self->kept_from = self->pos;
  ok = take_value (self, error);
  keep_taken (self);
  self->keep = NULL;
  return ok;
}

char *
content_json_stream_next_key (ContentJsonStream *self, GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) key = NULL;
  g_autoptr(GError) local = NULL;
  guint line;

  if (!next_in_sequence (self, &self->first_member, '}', error))
    return NULL;
  if (peek (self) != '"')
    {
      unexpected (self, peek (self), "a member’s name in quotes", error);
      return NULL;
    }
  if (!read_value (self, text, &line, error))
    return NULL;
  key = json_from_string (text->str, &local);
  if (key == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "line %u: %s", line, local->message);
      return NULL;
    }
  if (peek_token (self) != ':')
    {
      unexpected (self, peek (self), "‘:’", error);
      return NULL;
    }
  take (self);
  return g_strdup (json_node_get_string (key));
}

gboolean
content_json_stream_enter_array (ContentJsonStream *self, GError **error)
{
  int c = peek_token (self);

  if (c < 0)
    return unexpected (self, c, "a value", error);
  if (c != '[')
    return FALSE;
  take (self);
  self->first_element = TRUE;
  return TRUE;
}

gboolean
content_json_stream_next_element (ContentJsonStream *self, GString *text, guint *line, GError **error)
{
  return next_in_sequence (self, &self->first_element, ']', error)
         && read_value (self, text, line, error);
}

gboolean
content_json_stream_read_value (ContentJsonStream *self, GString *text, guint *line, GError **error)
{
  return read_value (self, text, line, error);
}

gboolean
content_json_stream_finish (ContentJsonStream *self, GError **error)
{
  int c = peek_token (self);

  return c < 0 && self->read_error == NULL ? TRUE : unexpected (self, c, "the end of the file", error);
}
