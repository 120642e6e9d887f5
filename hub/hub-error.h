/* hub-error.h: the hub's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HUB_ERROR (hub_error_quark ())

typedef enum {
  HUB_ERROR_FAILED,         /* the database or the system failed */
  HUB_ERROR_NOT_FOUND,      /* no such account, session or page */
  HUB_ERROR_INVALID_INPUT,  /* what was given is malformed */
  HUB_ERROR_EXISTS,         /* an account of that name exists */
  HUB_ERROR_DENIED,         /* wrong password, disabled account, or not allowed for the role */
  HUB_ERROR_THROTTLED,      /* too many failed logins: wait */
} HubError;

GQuark hub_error_quark (void);

G_END_DECLS
