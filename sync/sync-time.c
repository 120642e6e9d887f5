/* sync-time.c: times in sync documents (see sync-time.h). */
#include "sync-time.h"

#include <string.h>

char *
sync_time_format (GDateTime *time)
{
  g_autoptr(GDateTime) now = time == NULL ? g_date_time_new_now_utc () : NULL;
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time != NULL ? time : now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
sync_time_parse (const char *text)
{
  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

GDateTime *
sync_time_now_at_least (const char *floor)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) min = sync_time_parse (floor);

  if (min != NULL && g_date_time_compare (min, now) > 0)
    return g_steal_pointer (&min);
  return g_steal_pointer (&now);
}
