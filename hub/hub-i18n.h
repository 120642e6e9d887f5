/* hub-i18n.h: the hub's interface language, per request. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the message catalogs (the build tree's when run from it). Call once at start-up. */
void hub_i18n_init (void);

/* Makes _() answer in @lang ("vi" or "en") until the next call. Pages render on the main loop
 * one at a time, so one setting for the process is enough. */
void hub_i18n_use (const char *lang);

/* "vi" or "en" when @lang is one of the hub's interface languages, else NULL. */
const char *hub_i18n_known (const char *lang);

G_END_DECLS
