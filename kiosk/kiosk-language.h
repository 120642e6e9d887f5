/* kiosk-language.h: the interface language, switched at run time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the "banlang" message catalogs (beside the sources when running from the build tree,
 * else installed), and makes sure the locale is not "C", in which gettext ignores LANGUAGE. */
void kiosk_language_init (void);

/* Makes _() answer in @code (a registry language), falling back along its chain message by
 * message; strings fetched before must be fetched again. */
void kiosk_language_apply (const char *code);

G_END_DECLS
