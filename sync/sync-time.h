/* sync-time.h: the one form of time in sync documents: UTC, YYYY-MM-DDTHH:MM:SSZ, which sorts
 * as text in time order (the content store compares issue times that way). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @time (NULL: now) in that form. Free with g_free(). */
char *sync_time_format (GDateTime *time);

/* @text in that form; NULL when it is not. */
GDateTime *sync_time_parse (const char *text);

/* Now, but never earlier than @floor (a time in that form, or NULL): a kiosk without a
 * battery-backed clock may wake up in 1970, and the newest manifest it trusted says the
 * world is at least that old. */
GDateTime *sync_time_now_at_least (const char *floor);

G_END_DECLS
