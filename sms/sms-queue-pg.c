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
 * this shares through sms_queue_answer()).
 */
#include "sms-queue-pg.h"
#include "sms-error.h"
#include "sms-resources.h"
#include "sms-usage.h"

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
  if ((self->sql = sms_sql_new_pg (self->conn, error)) == NULL)
    return NULL;
  /* Messages are UTF-8 whatever the server's default; "relation already exists, skipping" as
   * every worker starts is not worth a line in the log. */
  if (!sms_sql_exec (self->sql, "SET client_encoding = 'UTF8'; SET client_min_messages = warning",
                     "setting the encoding", error))
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
  g_autoptr(SmsUsage) usage = NULL;
  g_autofree char *script = NULL;
  gboolean exists = FALSE;

  /* Workers started together each run init first: one at a time (the lock goes with the
   * connection), or two creating one table collide. */
  if (self == NULL
      || !sms_sql_exec (self->sql, "SELECT pg_advisory_lock (hashtext ('banlang-sms init'))", "waiting to init", error)
      || !check_version (self, &exists, error))
    return FALSE;
  script = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  if (!exists && !sms_sql_exec (self->sql, script, "creating gammu's tables", error))
    return FALSE;
  /* A worker finds a number's oldest unprocessed row by this index, however long the inbox. */
  return sms_sql_exec (self->sql, "CREATE INDEX IF NOT EXISTS banlang_inbox_unprocessed "
                                  "ON inbox (\"SenderNumber\", \"ID\") WHERE NOT \"Processed\"",
                       "indexing the inbox", error)
         && (state = sms_state_new (self->sql, error)) != NULL
         && (usage = sms_usage_new (self->sql, error)) != NULL
         && sms_alerts_create (self->sql, error);
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

/* Takes @sender's lock for the transaction, without waiting: FALSE in *@got when another
 * worker holds it (the row then waits for a later batch). The lock is on the normalised number,
 * the one a round of alerts takes too before writing to it. */
static gboolean
lock_number (SmsQueuePg *self, const char *sender, gboolean *got, GError **error)
{
  g_autofree char *number = sms_responder_normalise_number (sender);

  return sms_sql_try_lock (self->sql, number != NULL ? number : sender, got, error);
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
      if (!sms_queue_answer (self->sql, responder, g_ascii_strtoll (g_ptr_array_index (row, 0), NULL, 10),
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
  if (!sms_sql_begin (self->sql, "starting a batch", error))
    return FALSE;
  rows = sms_sql_query (self->sql,
                        "SELECT \"ID\", \"SenderNumber\", \"TextDecoded\", \"UDH\" FROM inbox i "
                        "WHERE NOT \"Processed\" AND NOT EXISTS (SELECT 1 FROM inbox o WHERE NOT o.\"Processed\" "
                        "  AND o.\"SenderNumber\" = i.\"SenderNumber\" AND o.\"ID\" < i.\"ID\") "
                        "ORDER BY \"ID\" LIMIT $1 FOR UPDATE OF i SKIP LOCKED",
                        1, params, "reading the inbox", error);
  if (sms_sql_end (self->sql, rows != NULL && answer_rows (self, responder, rows, now, handled, error),
                   "finishing a batch", error))
    return TRUE;
  *handled = 0;
  return FALSE;
}
