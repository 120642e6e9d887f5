/* sms-queue.c: the responder's side of gammu-smsd's SQL service.
 *
 * gammu-smsd owns the modem and writes what it receives into inbox; it sends what appears in
 * outbox. The responder never talks to the modem: it takes inbox rows, answers, queues the
 * answer and marks the rows, all in one BEGIN IMMEDIATE transaction, with its own state tables in
 * the same file. So a kill -9 at any instant loses no message and answers none twice: either the
 * transaction committed (rows marked, replies queued) or it did not (rows still unprocessed).
 *
 * gammu never splits outgoing text: one outbox row is one SMS. A reply of several parts is the
 * first part in outbox with MultiPart='true' and its UDH, and the others in outbox_multipart
 * with SequencePosition 2..n, each part encoded as SmsCodec cut it.
 */
#include "sms-queue.h"
#include "sms-error.h"
#include "sms-resources.h"

#include <gio/gio.h>
#include <string.h>

#define SMSD_SCHEMA_VERSION 17

/* The schema version gammu's own table states; a database that cannot be read says why (busy,
 * full, damaged) rather than being called "not gammu's". */
static gboolean
check_version (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "SELECT Version FROM gammu", -1, &stmt, NULL) == SQLITE_OK)
    {
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        version = sqlite3_column_int (stmt, 0);
      else if (rc != SQLITE_DONE)
        sms_error_set_from_db (error, db, "reading gammu's schema version");
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return FALSE;
    }
  /* SQLITE_ERROR is SQL's own complaint: no table "gammu" here. */
  else if ((sqlite3_extended_errcode (db) & 0xff) != SQLITE_ERROR)
    return sms_error_set_from_db (error, db, "reading gammu's schema version");
  if (version != SMSD_SCHEMA_VERSION)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_NOT_SMSD_DB,
                   "%s: not a gammu-smsd database of schema version %d", path, SMSD_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_tables (sqlite3 *db, int *n, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_master", -1, &stmt, NULL) != SQLITE_OK)
    return sms_error_set_from_db (error, db, "reading the schema");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n = sqlite3_column_int (stmt, 0);
  else
    sms_error_set_from_db (error, db, "reading the schema");
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

/* Opens @path for reading and writing (with @create, making the file when missing). */
static sqlite3 *
open_db (const char *path, gboolean create, GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL)
      != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("opening %s", path);
      sms_error_set_from_db (error, db, what);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
sms_queue_init (const char *path, GError **error)
{
  g_autoptr(GBytes) schema = g_resource_lookup_data (sms_get_resource (), "/org/banlang/sms/schema/gammu-17.sql", 0, NULL);
  sqlite3 *db = open_db (path, TRUE, error);
  gboolean ok;
  int tables = 0;

  if (db == NULL)
    return FALSE;
  ok = count_tables (db, &tables, error);
  if (ok && tables == 0)
    {
      /* WAL: gammu-smsd reads while the responder writes, and a commit costs one sync, not
       * several (the journal mode is a property of the file, so gammu gets it too). */
      if (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK
          || sqlite3_exec (db, g_bytes_get_data (schema, NULL), NULL, NULL, NULL) != SQLITE_OK)
        ok = sms_error_set_from_db (error, db, "creating gammu's tables");
    }
  else if (ok)
    ok = check_version (db, path, error);
  sqlite3_close (db);
  return ok;
}

sqlite3 *
sms_queue_open (const char *path, GError **error)
{
  sqlite3 *db;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_NOT_SMSD_DB,
                   "%s: no smsd database there (create one with: banlang-sms init --smsd-db %s)", path, path);
      return NULL;
    }
  if ((db = open_db (path, FALSE, error)) == NULL)
    return NULL;
  sqlite3_busy_timeout (db, 10000);
  /* Unprocessed rows are found by index, however long gammu's inbox grows. In WAL mode NORMAL
   * syncs at checkpoints only: a killed process loses nothing (each batch commits whole or not
   * at all); a power cut may lose the last batches, which then stay unprocessed in gammu's
   * inbox, or unqueued, and are answered again, never half. */
  if (check_version (db, path, error))
    {
      if (sqlite3_exec (db, "CREATE INDEX IF NOT EXISTS banlang_inbox_unprocessed ON inbox (Processed, ID); "
                            "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) == SQLITE_OK)
        return db;
      sms_error_set_from_db (error, db, "indexing the inbox");
    }
  sqlite3_close (db);
  return NULL;
}

static const char *
coding_of (SmsEncoding encoding)
{
  return encoding == SMS_ENCODING_UCS2 ? "Unicode_No_Compression" : "Default_No_Compression";
}

/* Queues part @i of @encoded; the first gets the outbox row and sets *@outbox_id. gammu's
 * column names are written quoted: PostgreSQL's are mixed-case, SQLite's match either way. */
static gboolean
insert_part (SmsSql *sql, const char *number, const SmsEncoded *encoded, guint i, const char *creator, guint8 ref,
             int priority, gboolean report, gint64 *outbox_id, GError **error)
{
  guint n = encoded->parts->len;
  g_autofree char *udh = n > 1 ? sms_codec_udh (ref, n, i + 1) : g_strdup ("");
  g_autofree char *prio = g_strdup_printf ("%d", priority), *id = g_strdup_printf ("%" G_GINT64_FORMAT, *outbox_id);
  g_autofree char *seq = g_strdup_printf ("%u", i + 1);
  const char *first[] = { number, g_ptr_array_index (encoded->parts, 0), creator, coding_of (encoded->encoding),
                          n > 1 ? "true" : "false", udh, prio, report ? "yes" : "default" };
  const char *later[] = { id, seq, g_ptr_array_index (encoded->parts, i), coding_of (encoded->encoding), udh };
  g_autoptr(GPtrArray) rows = NULL;

  if (i > 0)
    return sms_sql_run (sql, "INSERT INTO outbox_multipart (\"ID\", \"SequencePosition\", \"TextDecoded\", "
                             "\"Coding\", \"UDH\") VALUES ($1, $2, $3, $4, $5)",
                        G_N_ELEMENTS (later), later, "queueing a message's parts", error);
  rows = sms_sql_query (sql, "INSERT INTO outbox (\"DestinationNumber\", \"TextDecoded\", \"CreatorID\", \"Coding\", "
                             "\"MultiPart\", \"UDH\", \"Priority\", \"DeliveryReport\") "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING \"ID\"",
                        G_N_ELEMENTS (first), first, "queueing a message", error);
  if (rows == NULL)
    return FALSE;
  *outbox_id = g_ascii_strtoll (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), NULL, 10);
  return TRUE;
}

gboolean
sms_queue_insert (SmsSql *sql, const char *number, const SmsEncoded *encoded, const char *creator, guint8 ref,
                  int priority, gboolean report, gint64 *outbox_id, GError **error)
{
  for (guint i = 0; i < encoded->parts->len; i++)
    if (!insert_part (sql, number, encoded, i, creator, ref, priority, report, outbox_id, error))
      return FALSE;
  return TRUE;
}

/* Marks inbox row @id answered ('true' is SQLite's text and PostgreSQL's boolean alike). */
static gboolean
mark_processed (SmsSql *sql, gint64 id, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { text };

  return sms_sql_run (sql, "UPDATE inbox SET \"Processed\" = 'true' WHERE \"ID\" = $1", 1, params,
                      "marking a message", error);
}

/* Queues @reply (answering inbox row @inbox_id) with the replies' priority, above alerts. */
static gboolean
queue_reply (SmsSql *sql, const SmsReply *reply, gint64 inbox_id, GError **error)
{
  g_autofree char *creator = g_strdup_printf ("banlang-sms inbox %" G_GINT64_FORMAT, inbox_id);
  gint64 outbox_id = 0;

  return sms_queue_insert (sql, reply->number, reply->encoded, creator, (guint8) (inbox_id & 0xff),
                           SMS_QUEUE_PRIORITY_REPLY, FALSE, &outbox_id, error);
}

gboolean
sms_queue_answer (SmsSql *sql, SmsResponder *responder, gint64 id, const char *sender, const char *text,
                  const char *udh, gint64 now, GError **error)
{
  guint ref, total, seq;
  g_autoptr(SmsReply) reply = NULL;
  g_autoptr(GError) local = NULL;

  if (udh != NULL && *udh != '\0' && sms_codec_parse_udh (udh, &ref, &total, &seq) && seq != 1)
    return mark_processed (sql, id, error);  /* the first part carries the whole text */
  reply = sms_responder_handle (responder, sender, text, now, &local);
  if (reply == NULL)
    {
      /* One message the responder cannot answer must not stop the service or come back
       * forever: it is logged and taken. (Failures of the queue itself surface below.) */
      g_warning ("inbox %" G_GINT64_FORMAT " from %s: not answered: %s", id, sender, local->message);
      return mark_processed (sql, id, error);
    }
  if (reply->skip_reason != NULL)
    g_message ("inbox %" G_GINT64_FORMAT " from %s: not answered: %s", id, sender, reply->skip_reason);
  else if (!queue_reply (sql, reply, id, error))
    return FALSE;
  return mark_processed (sql, id, error);
}

gboolean
sms_queue_process (SmsResponder *responder, guint max, gint64 now, guint *handled, GError **error)
{
  SmsSql *sql = sms_responder_get_sql (responder);
  sqlite3 *db = sms_sql_get_sqlite (sql);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  *handled = 0;
  /* A plain read first: an idle poll never takes the write lock gammu-smsd needs. */
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM inbox WHERE Processed = 'false' LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return sms_error_set_from_db (error, db, "reading the inbox");
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (!sms_sql_begin (sql, "starting a batch", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT ID, SenderNumber, TextDecoded, UDH FROM inbox "
                              "WHERE Processed = 'false' ORDER BY ID LIMIT ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      sms_error_set_from_db (error, db, "reading the inbox");
      return sms_sql_end (sql, FALSE, "abandoning a batch", NULL);
    }
  sqlite3_bind_int (stmt, 1, (int) max);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      /* TextDecoded may hold anything a phone sent, invalid UTF-8 included: the responder
       * makes it valid. */
      g_autofree char *sender = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_autofree char *udh = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

      if (!sms_queue_answer (sql, responder, id, sender, text, udh, now, error))
        break;
      (*handled)++;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)  /* the answer failed, saying why */
    return sms_sql_end (sql, FALSE, "abandoning a batch", NULL);
  if (rc != SQLITE_DONE)
    sms_error_set_from_db (error, db, "reading the inbox");
  return sms_sql_end (sql, rc == SQLITE_DONE, "finishing a batch", error);
}

gboolean
sms_queue_alerts (SmsResponder *responder, gint64 now, guint *queued, GError **error)
{
  SmsSql *sql = sms_responder_get_sql (responder);
  SmsAlerts *alerts = sms_responder_get_alerts (responder);
  SmsAlertsRound round = { 0 };

  *queued = 0;
  /* Plain reads first: an idle round never takes the write lock gammu-smsd needs. */
  if (sms_alerts_idle (alerts, now))
    return TRUE;
  /* A batch a transaction: each commits what it queued, so a crash loses or repeats none of it,
   * and no transaction grows with the followers (on PostgreSQL, every number written to is
   * locked until the end, and the server's lock table is shared and small; on SQLite,
   * gammu-smsd waits for the write lock without a busy timeout). */
  while (!round.done)
    {
      guint batch = 0;

      if (!sms_sql_begin (sql, "starting a round of alerts", error)
          || !sms_sql_end (sql, sms_alerts_run (alerts, &round, now, &batch, error), "finishing a round of alerts",
                           error))
        return FALSE;
      *queued += batch;
    }
  return TRUE;
}
