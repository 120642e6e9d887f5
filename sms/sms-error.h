/* sms-error.h: the error domain of the SMS room, and what a failure of SQLite means. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SMS_ERROR (sms_error_quark ())

typedef enum {
  SMS_ERROR_DATABASE,      /* SQLite failed (a damaged file among others) */
  SMS_ERROR_INVALID_INPUT, /* bad configuration or argument */
  SMS_ERROR_NOT_SMSD_DB,   /* the file is not gammu's schema 17 */
  SMS_ERROR_TEMPORARY,     /* the database is busy or its disk full: trying again can succeed */
} SmsError;

GQuark sms_error_quark (void);

/* Sets @error from the last failure of @db while doing @what, naming the file and saying what
 * the failure is: busy or a full disk (SMS_ERROR_TEMPORARY), a damaged file, a file that is not
 * SQLite at all (SMS_ERROR_NOT_SMSD_DB), or SQLite's own words. Returns FALSE. */
gboolean sms_error_set_from_db (GError **error, sqlite3 *db, const char *what);

G_END_DECLS
