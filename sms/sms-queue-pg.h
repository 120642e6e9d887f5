/* sms-queue-pg.h: gammu-smsd's queue on PostgreSQL, shared by several modems and workers. */
#pragma once

#include "sms-queue.h"
#include "sms-sql.h"

G_BEGIN_DECLS

typedef struct _SmsQueuePg SmsQueuePg;

/* TRUE when @smsd_db names a PostgreSQL database (postgresql://... or a conninfo "key=value
 * ...") rather than an SQLite file. */
gboolean sms_queue_pg_is_pg (const char *smsd_db);

/* Creates gammu's schema version 17 (the project's copy of gammu's pgsql.sql) in the database
 * @conninfo names when it has no gammu table, and the responder's tables (state, counts,
 * alerts) when missing; an existing one must be version 17 (SMS_ERROR_NOT_SMSD_DB otherwise).
 * Several run at once take turns. */
gboolean sms_queue_pg_init (const char *conninfo, GError **error);

/* Connects to @conninfo for a worker: schema 17 checked. A server that cannot be reached is
 * SMS_ERROR_TEMPORARY. */
SmsQueuePg *sms_queue_pg_open (const char *conninfo, GError **error);
void sms_queue_pg_free (SmsQueuePg *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsQueuePg, sms_queue_pg_free)

/* The connection, for the responder's state (sms_responder_new_sql()). */
SmsSql *sms_queue_pg_get_sql (SmsQueuePg *self);

/* Answers up to @max inbox rows in one transaction, as sms_queue_process() does, beside any
 * number of other workers: rows are taken FOR UPDATE SKIP LOCKED, only a number's oldest
 * unprocessed row (so a row a killed or busy worker held is never overtaken), and each number
 * under an advisory lock on its normalised form for the transaction (so "+84912..." and
 * "0912..." are one person's state). Sets *@handled to the rows answered. */
gboolean sms_queue_pg_process (SmsQueuePg *self, SmsResponder *responder, guint max, gint64 now,
                               guint *handled, GError **error);

G_END_DECLS
