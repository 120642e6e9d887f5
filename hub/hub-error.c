/* hub-error.c: the hub's error domain. */
#include "hub-error.h"

G_DEFINE_QUARK (hub-error-quark, hub_error)
