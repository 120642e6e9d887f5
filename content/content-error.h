/* content-error.h: the error domain of the content library.
 *
 * Every fallible function of content/ reports through a GError in CONTENT_ERROR, so callers can
 * tell a malformed input (which they should show to the person who gave it) from a broken
 * database (which they should log and escalate).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONTENT_ERROR (content_error_quark ())

typedef enum {
  CONTENT_ERROR_INVALID_TEXT,    /* input is not valid UTF-8 or otherwise unusable text */
  CONTENT_ERROR_INVALID_INPUT,   /* an import or argument failed validation */
  CONTENT_ERROR_NOT_FOUND,       /* no item, topic or file of that name */
  CONTENT_ERROR_SCHEMA_TOO_NEW,  /* the database was written by a newer banlang */
  CONTENT_ERROR_NOT_CONTENT_DB,  /* the file is not a Bản Làng content database */
  CONTENT_ERROR_EXISTS,          /* refusing to overwrite something */
  CONTENT_ERROR_DATABASE,        /* SQLite failed; the message carries its reason */
} ContentError;

GQuark content_error_quark (void);

G_END_DECLS
