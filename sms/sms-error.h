/* sms-error.h: the error domain of the SMS room. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SMS_ERROR (sms_error_quark ())

typedef enum {
  SMS_ERROR_DATABASE,      /* SQLite failed */
  SMS_ERROR_INVALID_INPUT, /* bad configuration or argument */
  SMS_ERROR_NOT_SMSD_DB,   /* the file is not gammu's schema 17 */
} SmsError;

GQuark sms_error_quark (void);

G_END_DECLS
