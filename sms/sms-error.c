/* sms-error.c: the SMS_ERROR quark, and failures of SQLite said for what they are (see
 * sms-error.h), so that a full disk is never reported as a wrong schema and the daemon knows
 * what is worth waiting out. */
#include "sms-error.h"

#include <errno.h>

G_DEFINE_QUARK (sms-error-quark, sms_error)

/* SQLite says SQLITE_FULL for a write the disk had no room for; one that fails outright (a
 * full disk met while growing the WAL index, a file-size limit) is an I/O error carrying the
 * system's errno. */
static gboolean
is_disk_full (sqlite3 *db, int code)
{
  int sys = sqlite3_system_errno (db);

  return code == SQLITE_FULL
         || ((code == SQLITE_IOERR || code == SQLITE_CANTOPEN)
             && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG));
}

gboolean
sms_error_set_from_db (GError **error, sqlite3 *db, const char *what)
{
  int code = sqlite3_extended_errcode (db) & 0xff;
  const char *file = sqlite3_db_filename (db, "main");
  SmsError kind = SMS_ERROR_DATABASE;
  const char *meaning = NULL;

  if (is_disk_full (db, code))
    {
      kind = SMS_ERROR_TEMPORARY;
      meaning = "the disk is full";
    }
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    {
      kind = SMS_ERROR_TEMPORARY;
      meaning = "busy: another process holds the database";
    }
  else if (code == SQLITE_CORRUPT)
    meaning = "the file is damaged";
  else if (code == SQLITE_NOTADB)
    {
      kind = SMS_ERROR_NOT_SMSD_DB;
      meaning = "not an SQLite database";
    }
  /* An in-memory database (the simulator's state) has no file name to give. */
  g_set_error (error, SMS_ERROR, kind, "%s%s%s: %s%s%s%s", file != NULL ? file : "",
               file != NULL && *file != '\0' ? ": " : "", what,
               meaning != NULL ? meaning : "", meaning != NULL ? " (" : "",
               sqlite3_errmsg (db), meaning != NULL ? ")" : "");
  return FALSE;
}
