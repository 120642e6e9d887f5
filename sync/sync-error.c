/* sync-error.c: the SYNC_ERROR quark (see sync-error.h). */
#include "sync-error.h"

G_DEFINE_QUARK (sync-error-quark, sync_error)
