/* sms-queue-pg.c: gammu-smsd's queue on PostgreSQL, for several modems and workers.
 *
 * A province outgrows one modem: each gammu-smsd (native_pgsql driver, its own PhoneID) writes
 * into one inbox and sends from one outbox, and any number of banlang-sms workers answer. They
 * share the inbox without a global lock: a batch takes rows FOR UPDATE SKIP LOCKED, so workers
 * never wait on each other's rows. Order per number holds because a worker may take only a
 * number's oldest unprocessed row: while another worker holds that row (or was killed holding
 * it, until its connection drops and the row is free again), the number's later rows are not
 * eligible. The responder's state for a number is guarded by a transaction-scoped advisory lock
 * on the normalised number, taken without waiting, so two spellings of one number never run at
 * once and no two workers deadlock. Everything a row causes (state, reply, the mark) commits in
 * the batch's one transaction: exactly once, as on SQLite (sms-queue.c, whose answering logic
 * this shares through SmsQueueBackend).
 */
#include "sms-queue-pg.h"
#include "sms-error.h"
#include "sms-resources.h"

#include <gio/gio.h>
#include <string.h>

#define SMSD_SCHEMA_VERSION "17"

struct _SmsQueuePg {
  PGconn *conn;
  SmsSql *sql;
};

gboolean
sms_queue_pg_is_pg (const char *smsd_db)
{
  return g_str_has_prefix (smsd_db, "postgresql://") || g_str_has_prefix (smsd_db, "postgres://")
         || strchr (smsd_db, '=') != NULL;
}

void
sms_queue_pg_free (SmsQueuePg *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sql, sms_sql_free);
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self);
}

SmsSql *
sms_queue_pg_get_sql (SmsQueuePg *self)
{
  return self->sql;
}

static SmsQueuePg *
connect_to (const char *conninfo, GError **error)
{
  g_autoptr(SmsQueuePg) self = g_new0 (SmsQueuePg, 1);

  self->conn = PQconnectdb (conninfo);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (self->conn)));
      g_set_error (error, SMS_ERROR, SMS_ERROR_TEMPORARY, "connecting to PostgreSQL: %s", message);
      return NULL;
    }
  self->sql = sms_sql_new_pg (self->conn);
  /* Messages are UTF-8 whatever the server's default. */
  if (!sms_sql_exec (self->sql, "SET client_encoding = 'UTF8'", "setting the encoding", error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Sets *@exists to whether gammu's tables are there, and checks their version when they are. */
static gboolean
check_version (SmsQueuePg *self, gboolean *exists, GError **error)
{
  g_autoptr(GPtrArray) rows = sms_sql_query (self->sql, "SELECT to_regclass ('gammu') IS NOT NULL", 0, NULL,
                                             "reading the schema", error);
  g_autoptr(GPtrArray) version = NULL;

  if (rows == NULL)
    return FALSE;
  *exists = g_strcmp0 (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), "t") == 0;
  if (!*exists)
    return TRUE;
  if ((version = sms_sql_query (self->sql, "SELECT \"Version\" FROM gammu", 0, NULL,
                                "reading gammu's schema version", error)) == NULL)
    return FALSE;
  if (version->len != 1 || g_strcmp0 (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (version, 0), 0),
                                      SMSD_SCHEMA_VERSION) != 0)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_NOT_SMSD_DB,
                   "not a gammu-smsd database of schema version " SMSD_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

gboolean
sms_queue_pg_init (const char *conninfo, GError **error)
{
  g_autoptr(GBytes) schema = g_resource_lookup_data (sms_get_resource (), "/org/banlang/sms/schema/gammu-17-pgsql.sql", 0, NULL);
  g_autoptr(SmsQueuePg) self = connect_to (conninfo, error);
  g_autoptr(SmsState) state = NULL;
  g_autofree char *script = NULL;
  gboolean exists = FALSE;

  if (self == NULL || !check_version (self, &exists, error))
    return FALSE;
  script = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  if (!exists && !sms_sql_exec (self->sql, script, "creating gammu's tables", error))
    return FALSE;
  /* A worker finds a number's oldest unprocessed row by this index, however long the inbox. */
  return sms_sql_exec (self->sql, "CREATE INDEX IF NOT EXISTS banlang_inbox_unprocessed "
                                  "ON inbox (\"SenderNumber\", \"ID\") WHERE NOT \"Processed\"",
                       "indexing the inbox", error)
         && (state = sms_state_new (self->sql, error)) != NULL;
}

SmsQueuePg *
sms_queue_pg_open (const char *conninfo, GError **error)
{
  g_autoptr(SmsQueuePg) self = connect_to (conninfo, error);
  gboolean exists = FALSE;

  if (self == NULL || !check_version (self, &exists, error))
    return NULL;
  if (!exists)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_NOT_SMSD_DB,
                   "no gammu-smsd tables there (create them with: banlang-sms init --smsd-db CONNINFO)");
      return NULL;
    }
  return g_steal_pointer (&self);
}

static const char *
coding_of (SmsEncoding encoding)
{
  return encoding == SMS_ENCODING_UCS2 ? "Unicode_No_Compression" : "Default_No_Compression";
}

/* Queues part @i of @encoded; the first gets the outbox row and sets *@outbox_id. */
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

static gboolean
pg_insert (gpointer db, const char *number, const SmsEncoded *encoded, const char *creator, guint8 ref,
           int priority, gboolean report, gint64 *outbox_id, GError **error)
{
  for (guint i = 0; i < encoded->parts->len; i++)
    if (!insert_part (db, number, encoded, i, creator, ref, priority, report, outbox_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
pg_mark (gpointer db, gint64 id, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { text };

  return sms_sql_run (db, "UPDATE inbox SET \"Processed\" = true WHERE \"ID\" = $1", 1, params,
                      "marking a message", error);
}

static const SmsQueueBackend pg_backend = { pg_insert, pg_mark };

/* Takes @sender's advisory lock for the transaction, without waiting: FALSE in *@got when
 * another worker holds it (the row then waits for a later batch). */
static gboolean
lock_number (SmsQueuePg *self, const char *sender, gboolean *got, GError **error)
{
  g_autofree char *number = sms_responder_normalise_number (sender);
  const char *params[] = { number != NULL ? number : sender };
  g_autoptr(GPtrArray) rows = sms_sql_query (self->sql, "SELECT pg_try_advisory_xact_lock (hashtext ($1))", 1, params,
                                             "locking a number", error);

  if (rows == NULL)
    return FALSE;
  *got = g_strcmp0 (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), "t") == 0;
  return TRUE;
}

/* Answers the rows taken; FALSE when the database fails. */
static gboolean
answer_rows (SmsQueuePg *self, SmsResponder *responder, GPtrArray *rows, gint64 now, guint *handled, GError **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      const char *sender = g_ptr_array_index (row, 1);
      gboolean got = FALSE;

      if (!lock_number (self, sender, &got, error))
        return FALSE;
      if (!got)
        continue;
      if (!sms_queue_answer (&pg_backend, self->sql, responder, g_ascii_strtoll (g_ptr_array_index (row, 0), NULL, 10),
                             sender, g_ptr_array_index (row, 2), g_ptr_array_index (row, 3), now, error))
        return FALSE;
      (*handled)++;
    }
  return TRUE;
}

gboolean
sms_queue_pg_process (SmsQueuePg *self, SmsResponder *responder, guint max, gint64 now, guint *handled,
                      GError **error)
{
  g_autofree char *limit = g_strdup_printf ("%u", max);
  const char *params[] = { limit };
  g_autoptr(GPtrArray) rows = NULL;

  *handled = 0;
  if (!sms_sql_exec (self->sql, "BEGIN", "starting a batch", error))
    return FALSE;
  rows = sms_sql_query (self->sql,
                        "SELECT \"ID\", \"SenderNumber\", \"TextDecoded\", \"UDH\" FROM inbox i "
                        "WHERE NOT \"Processed\" AND NOT EXISTS (SELECT 1 FROM inbox o WHERE NOT o.\"Processed\" "
                        "  AND o.\"SenderNumber\" = i.\"SenderNumber\" AND o.\"ID\" < i.\"ID\") "
                        "ORDER BY \"ID\" LIMIT $1 FOR UPDATE OF i SKIP LOCKED",
                        1, params, "reading the inbox", error);
  if (rows != NULL && answer_rows (self, responder, rows, now, handled, error)
      && sms_sql_exec (self->sql, "COMMIT", "finishing a batch", error))
    return TRUE;
  *handled = 0;
  sms_sql_exec (self->sql, "ROLLBACK", "abandoning a batch", NULL);
  return FALSE;
}
