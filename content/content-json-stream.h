/* content-json-stream.h: the members of a JSON document's top-level object, and the elements of
 * its arrays, read one at a time from a stream, so that a bundle of 100,000 items is never held
 * whole (json-glib's parsers build the whole document's tree). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ContentJsonStream ContentJsonStream;

/* Reads @input (borrowed); every byte read also updates @checksum when it is not NULL. */
ContentJsonStream *content_json_stream_new (GInputStream *input, GChecksum *checksum);
void content_json_stream_free (ContentJsonStream *self);

/* Reads the '{' that opens the document: FALSE without an error when the document is empty or
 * starts with anything else (nothing is read then but white space). */
gboolean content_json_stream_enter_object (ContentJsonStream *self, GError **error);

/* The key of the next member of the object (its ':' read too), or NULL after the object's
 * closing '}' (@error unset) or on an error. */
char *content_json_stream_next_key (ContentJsonStream *self, GError **error);

/* Reads the '[' of the member's value when it is an array: TRUE then, FALSE when the value is
 * something else (left unread) or on an error. */
gboolean content_json_stream_enter_array (ContentJsonStream *self, GError **error);

/* Reads the array's next element, its text appended to @text (NULL: skipped without keeping
 * it), *@line the line it starts on (counted from 1); FALSE after the array's closing ']'
 * (@error unset) or on an error. The element is only delimited here: its own syntax is for a
 * JSON parser to judge. */
gboolean content_json_stream_next_element (ContentJsonStream *self, GString *text, guint *line,
                                           GError **error);

/* Reads a member's value whole, like one element (NULL: skipped). */
gboolean content_json_stream_read_value (ContentJsonStream *self, GString *text, guint *line,
                                         GError **error);

/* Reads to the end: FALSE with an error unless only white space remains. */
gboolean content_json_stream_finish (ContentJsonStream *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentJsonStream, content_json_stream_free)

G_END_DECLS
