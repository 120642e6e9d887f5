/* sms-queue.h: gammu-smsd's tables in smsd.db: taking the inbox, filling the outbox. */
#pragma once

#include <sqlite3.h>

#include "sms-responder.h"

G_BEGIN_DECLS

/* Creates gammu's schema version 17 at @path when the file is new or empty; an existing
 * database must already be version 17 (SMS_ERROR_NOT_SMSD_DB otherwise). */
gboolean sms_queue_init (const char *path, GError **error);

/* Opens smsd.db for the responder: schema 17 checked, busy timeout set (gammu-smsd sets
 * none); the responder (sms_responder_new) adds its own tables. Close with sqlite3_close().
 * Like every function here, fails saying what went wrong (sms_error_set_from_db()): busy or
 * a full disk is SMS_ERROR_TEMPORARY, only a readable database of another kind is
 * SMS_ERROR_NOT_SMSD_DB. */
sqlite3 *sms_queue_open (const char *path, GError **error);

/* Answers up to @max unprocessed inbox rows in one IMMEDIATE transaction on the SQLite queue the
 * responder keeps its state in (sms_responder_new()), its one connection: the replies go to
 * outbox (+ outbox_multipart, one row per SMS part, CreatorID naming the inbox row), the number's
 * state is updated, and the rows are marked Processed. A crash at any instant leaves all of it
 * done or none. Parts after the first of a concatenated message are only marked (gammu puts the
 * whole text in the first). Sets *@handled to the rows taken. */
gboolean sms_queue_process (SmsResponder *responder, guint max, gint64 now, guint *handled, GError **error);

/* gammu-smsd sends the outbox by Priority, highest first: replies before alerts, so a person
 * waiting for an answer never waits behind a round of alerts. */
#define SMS_QUEUE_PRIORITY_REPLY 0
#define SMS_QUEUE_PRIORITY_ALERT (-1)

/* Queues @encoded to @number through @sql (gammu's queue on SQLite or PostgreSQL): part 1 in
 * outbox (with @priority, CreatorID @creator, a delivery report requested with @report), the
 * rest in outbox_multipart, their UDH carrying @ref. Sets *@outbox_id to the outbox row. The
 * caller holds the transaction. */
gboolean sms_queue_insert (SmsSql *sql, const char *number, const SmsEncoded *encoded, const char *creator,
                           guint8 ref, int priority, gboolean report, gint64 *outbox_id, GError **error);

/* Answers inbox row @id (from @sender, with @text and @udh) through @sql, in the batch's
 * transaction, on either backend (sms-queue-pg.h shares it): the reply queued, the row marked;
 * a later part of a concatenated message only marked; a message the responder cannot answer
 * logged and marked. FALSE only when the databases fail. */
gboolean sms_queue_answer (SmsSql *sql, SmsResponder *responder, gint64 id, const char *sender, const char *text,
                           const char *udh, gint64 now, GError **error);

/* One round of alerts (sms-alerts.h) through the responder's connection, on SQLite or
 * PostgreSQL: content published since the last round becomes alerts for its followers, alerts
 * due at @now go to the outbox, and the delivery of those sent is read from sentitems. The round
 * commits in batches of at most SMS_ALERTS_BATCH alerts, each a transaction (IMMEDIATE on
 * SQLite): a crash at any instant leaves each batch done or not, so no alert is lost or sent
 * twice. Beside other workers on PostgreSQL, one runs a round at a time and an alert is never
 * sent by two. Sets *@queued to the alerts queued by the batches committed. */
gboolean sms_queue_alerts (SmsResponder *responder, gint64 now, guint *queued, GError **error);

G_END_DECLS
