/* content-collation.c: Vietnamese sort order for SQLite.
 *
 * Lists shown to people sort the Vietnamese way: a ă â b c d đ e ê ..., tones after the letter.
 * glibc's vi_VN collation gets toned ă/â/ô/ơ/ư wrong; ICU's "vi" collator is right, so it is
 * registered on each connection as the collation "vi" (ORDER BY title COLLATE vi).
 */
#include "content-store-private.h"

#include <unicode/ucol.h>

static int
collate_vi (void *data, int n1, const void *s1, int n2, const void *s2)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = ucol_strcollUTF8 (data, s1, n1, s2, n2, &status);

  if (U_FAILURE (status))
    return 0;
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static void
collator_close (void *data)
{
  ucol_close (data);
}

int
content_collation_register (sqlite3 *db)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open ("vi", &status);

  if (U_FAILURE (status))
    return SQLITE_ERROR;
  return sqlite3_create_collation_v2 (db, "vi", SQLITE_UTF8, collator, collate_vi, collator_close);
}
