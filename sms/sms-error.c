/* sms-error.c: the SMS_ERROR quark (see sms-error.h). */
#include "sms-error.h"

G_DEFINE_QUARK (sms-error-quark, sms_error)
