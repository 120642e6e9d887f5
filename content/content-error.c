/* content-error.c: the CONTENT_ERROR quark (see content-error.h). */
#include "content-error.h"

G_DEFINE_QUARK (content-error-quark, content_error)
