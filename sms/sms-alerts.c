/* sms-alerts.c: following topics by SMS, and one alert when something new is published there.
 *
 * As U-Report and FrontlineSMS do, a resident texts DANGKY HOTRO and hears once when a new
 * notice, law or benefit appears under support. The responder reads content.db only, so it
 * learns what is new by the store's seq: every round takes the changes after the seq it saw
 * last, and an item it has never seen published before is new (banlang_seen), while a
 * correction of one it has seen alerts nobody. Alerts wait in banlang_alerts until they may go
 * (not in quiet hours, within the daily cap), then go to gammu's outbox in the same
 * transaction that marks them queued, so a crash never sends one twice or loses one. Their
 * outbox rows ask for delivery reports, and what gammu records in sentitems is copied back.
 */
#include "sms-alerts.h"
#include "sms-error.h"
#include "sms-phrases.h"
#include "sms-queue.h"

#include "content-changes.h"
#include "content-language.h"
#include "content-statements.h"

#include <string.h>

/* Quiet hours, local time: no alert from QUIET_FROM:00 until QUIET_TO:00. */
#define QUIET_FROM 21
#define QUIET_TO 7
/* An alert's title is cut to this many characters, so the alert is one SMS. */
#define ALERT_TITLE_CHARS 60

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS banlang_follows ("
  "  number TEXT NOT NULL, topic TEXT NOT NULL, since INTEGER NOT NULL, PRIMARY KEY (number, topic));"
  "CREATE TABLE IF NOT EXISTS banlang_seen (item TEXT PRIMARY KEY);"
  "CREATE TABLE IF NOT EXISTS banlang_alert_seq (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS banlang_alerts ("
  "  id INTEGER PRIMARY KEY, number TEXT NOT NULL, item TEXT NOT NULL, topic TEXT NOT NULL,"
  "  due_at INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending', 'queued', 'dropped')),"
  "  outbox_id INTEGER, queued_at INTEGER,"
  "  delivery TEXT CHECK (delivery IN ('sent', 'delivered', 'failed')),"
  "  UNIQUE (number, item));"
  "CREATE INDEX IF NOT EXISTS banlang_alerts_due ON banlang_alerts (state, due_at);";

struct _SmsAlerts {
  sqlite3 *db;
  ContentStore *content;
  SmsState *state;
  const SmsConfig *config;
  ContentStatements *statements;
  GTimeZone *zone;
  GPtrArray *topics;   /* ContentTopic, as of the last round */
  gboolean outbox;     /* gammu's tables are there (not in the simulator's state file) */
};

static gboolean
fail (SmsAlerts *self, const char *what, GError **error)
{
  return sms_error_set_from_db (error, self->db, what);
}

SmsAlerts *
sms_alerts_new (sqlite3 *db, ContentStore *content, SmsState *state, const SmsConfig *config, GError **error)
{
  g_autoptr(SmsAlerts) self = g_new0 (SmsAlerts, 1);

  self->db = db;
  self->content = content;
  self->state = state;
  self->config = config;
  self->statements = content_statements_new (db);
  self->zone = g_time_zone_new_identifier (config->time_zone);
  if (self->zone == NULL)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "time zone “%s” is not known", config->time_zone);
      return NULL;
    }
  if (sqlite3_exec (db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (self, "creating the alert tables", error);
      return NULL;
    }
  self->outbox = sqlite3_table_column_metadata (db, NULL, "outbox", "ID", NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
  return g_steal_pointer (&self);
}

void
sms_alerts_free (SmsAlerts *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, content_statements_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_free (self);
}

/* Runs @sql with text parameters ?1, ?2 (NULL binds NULL) and integer ?3. */
static gboolean
run (SmsAlerts *self, const char *sql, const char *a, const char *b, gint64 n, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  int rc;

  if (stmt == NULL)
    return fail (self, "updating alerts", error);
  if (a != NULL)
    sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, n);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : fail (self, "updating alerts", error);
}

/* Runs @sql with integer parameters ?1, ?2, ?3 (those it has). */
static gboolean
run_ids (SmsAlerts *self, const char *sql, gint64 a, gint64 b, gint64 c, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  gint64 values[] = { a, b, c };
  int rc;

  if (stmt == NULL)
    return fail (self, "updating alerts", error);
  for (int i = 0; i < sqlite3_bind_parameter_count (stmt) && i < 3; i++)
    sqlite3_bind_int64 (stmt, i + 1, values[i]);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (self, "updating alerts", error);
}

gboolean
sms_alerts_follow (SmsAlerts *self, const char *number, const char *topic, GError **error)
{
  return run (self, "INSERT OR IGNORE INTO banlang_follows (number, topic, since) VALUES (?1, ?2, ?3)",
              number, topic, g_get_real_time () / G_USEC_PER_SEC, error);
}

gboolean
sms_alerts_unfollow (SmsAlerts *self, const char *number, const char *topic, GError **error)
{
  return run (self, "DELETE FROM banlang_follows WHERE number = ?1 AND (?2 IS NULL OR topic = ?2)",
              number, topic, 0, error)
         && run (self, "UPDATE banlang_alerts SET state = 'dropped' WHERE number = ?1 AND state = 'pending' "
                       "AND (?2 IS NULL OR topic = ?2)", number, topic, 0, error);
}

gboolean
sms_alerts_drop (SmsAlerts *self, const char *number, GError **error)
{
  if (!self->outbox)
    return run (self, "UPDATE banlang_alerts SET state = 'dropped' WHERE number = ?1 AND state = 'pending'",
                number, NULL, 0, error);
  /* gammu moves a row from outbox to sentitems in a transaction of its own: what is still in
   * the outbox has not gone. */
  return run (self, "DELETE FROM outbox_multipart WHERE ID IN (SELECT outbox_id FROM banlang_alerts "
                    "WHERE number = ?1 AND state = 'queued')", number, NULL, 0, error)
         && run (self, "UPDATE banlang_alerts SET state = 'dropped' WHERE number = ?1 AND (state = 'pending' "
                       "OR (state = 'queued' AND outbox_id IN (SELECT ID FROM outbox)))", number, NULL, 0, error)
         && run (self, "DELETE FROM outbox WHERE ID IN (SELECT outbox_id FROM banlang_alerts "
                       "WHERE number = ?1 AND state = 'dropped')", number, NULL, 0, error);
}

/* ---- Learning what is new ---- */

typedef struct {
  SmsAlerts *self;
  GHashTable *parents;   /* topic id → parent id */
  gboolean first;        /* the first round: only learn what is published */
  gint64 now;
} Scan;

/* @topic and every topic above it. */
static GPtrArray *
with_ancestors (GHashTable *parents, const char *topic)
{
  GPtrArray *chain = g_ptr_array_new ();

  for (const char *t = topic; t != NULL && chain->len < 16; t = g_hash_table_lookup (parents, t))
    g_ptr_array_add (chain, (gpointer) t);
  return chain;
}

/* Seen for the first time when the row goes in. */
static gboolean
first_seen (SmsAlerts *self, const char *item, gboolean *first, GError **error)
{
  if (!run (self, "INSERT OR IGNORE INTO banlang_seen (item) VALUES (?1)", item, NULL, 0, error))
    return FALSE;
  *first = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* When an alert made at @t may go: at once, or at the end of the quiet hours. */
static gint64
allowed_from (SmsAlerts *self, gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);
  g_autoptr(GDateTime) day = NULL, morning = NULL;
  int hour = g_date_time_get_hour (local);

  if (hour >= QUIET_TO && hour < QUIET_FROM)
    return t;
  day = hour >= QUIET_FROM ? g_date_time_add_days (local, 1) : g_date_time_ref (local);
  morning = g_date_time_new (self->zone, g_date_time_get_year (day), g_date_time_get_month (day),
                             g_date_time_get_day_of_month (day), QUIET_TO, 0, 0);
  return g_date_time_to_unix (morning);
}

static gboolean
alert_followers (Scan *scan, const char *item, JsonArray *topics, GError **error)
{
  for (guint i = 0; topics != NULL && i < json_array_get_length (topics); i++)
    {
      g_autoptr(GPtrArray) chain = with_ancestors (scan->parents, json_array_get_string_element (topics, i));
      for (guint k = 0; k < chain->len; k++)
        if (!run (scan->self, "INSERT OR IGNORE INTO banlang_alerts (number, item, topic, due_at) "
                              "SELECT number, ?1, topic, ?3 FROM banlang_follows WHERE topic = ?2",
                  item, g_ptr_array_index (chain, k), allowed_from (scan->self, scan->now), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
on_change (const ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  Scan *scan = user_data;
  JsonObject *obj = record->record != NULL ? json_node_get_object (record->record) : NULL;
  const char *kind = obj != NULL ? json_object_get_string_member_with_default (obj, "kind", "") : "";
  gboolean first;

  if (record->kind != CONTENT_RECORD_ITEM || obj == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (obj, "status", ""), "published") != 0)
    return TRUE;
  if (!first_seen (scan->self, record->id, &first, error))
    return FALSE;
  if (!first || scan->first || !(g_str_equal (kind, "notice") || g_str_equal (kind, "law") || g_str_equal (kind, "benefit")))
    return TRUE;
  return alert_followers (scan, record->id,
                          json_object_has_member (obj, "topics") ? json_object_get_array_member (obj, "topics") : NULL,
                          error);
}

/* The seq the last round saw, or -1 before the first. */
static gint64
seen_seq (SmsAlerts *self)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, "SELECT seq FROM banlang_alert_seq");
  gint64 seq = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return seq;
}

static gboolean
learn_new (SmsAlerts *self, gint64 now, GError **error)
{
  gint64 seq = seen_seq (self), to_seq = 0, content_seq;
  GPtrArray *topics;
  g_autoptr(GHashTable) parents = NULL;
  g_autoptr(GError) local = NULL;
  Scan scan = { self, NULL, seq < 0, now };

  if (!content_store_get_seq (self->content, &content_seq, &local))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_DATABASE, "reading the content's seq: %s", local->message);
      return FALSE;
    }
  if (seq >= 0 && seq == content_seq)
    return TRUE;
  if ((topics = content_store_list_topics (self->content, &local)) == NULL)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_DATABASE, "reading topics: %s", local->message);
      return FALSE;
    }
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  self->topics = topics;
  parents = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (topics, i);
      if (t->parent_id != NULL)
        g_hash_table_insert (parents, t->id, t->parent_id);
    }
  scan.parents = parents;
  if (!content_store_foreach_change (self->content, MAX (seq, 0), FALSE, on_change, &scan, &to_seq, &local))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_DATABASE, "reading new content: %s",
                   local != NULL ? local->message : "failed");
      return FALSE;
    }
  return run_ids (self, "INSERT OR REPLACE INTO banlang_alert_seq (id, seq) VALUES (1, ?1)", to_seq, 0, 0, error);
}

/* ---- Sending ---- */

/* The start of the local day of @t. */
static gint64
day_start (SmsAlerts *self, gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (self->zone, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static gint64
sent_today (SmsAlerts *self, const char *number, gint64 now)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements,
                                                   "SELECT count (*) FROM banlang_alerts WHERE number = ?1 "
                                                   "AND state = 'queued' AND queued_at >= ?2");
  gint64 n = 0;

  if (stmt == NULL)
    return G_MAXINT64;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, day_start (self, now));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* @title cut at a word to at most ALERT_TITLE_CHARS characters. */
static char *
short_title (const char *title)
{
  g_autofree char *head = NULL;
  char *space;

  if (g_utf8_strlen (title, -1) <= ALERT_TITLE_CHARS)
    return g_strdup (title);
  head = g_utf8_substring (title, 0, ALERT_TITLE_CHARS - 3);
  if ((space = strrchr (head, ' ')) != NULL && space > head)
    *space = '\0';
  return g_strconcat (head, "...", NULL);
}

/* The SMS code of topic @id, for HUYDK, or "" when it has none. */
static const char *
topic_code (SmsAlerts *self, const char *id)
{
  if (self->topics == NULL)
    self->topics = content_store_list_topics (self->content, NULL);
  for (guint i = 0; self->topics != NULL && i < self->topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (self->topics, i);
      if (g_str_equal (t->id, id))
        return t->sms_code != NULL ? t->sms_code : "";
    }
  return "";
}

/* The alert about @item_id (followed through @topic_id) in the language and encoding @number
 * chose, or NULL when the item is gone. */
static SmsEncoded *
compose (SmsAlerts *self, SmsNumberState *number, const char *item_id, const char *topic_id)
{
  g_autoptr(ContentItem) item = content_store_get_item (self->content, item_id, NULL);
  g_auto(GStrv) chain = content_language_chain (number->lang != NULL ? number->lang : self->config->lang);
  g_autofree char *title = NULL, *text = NULL;
  const char *code = topic_code (self, topic_id);
  SmsPolicy policy = self->config->policy;

  if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
    return NULL;
  title = short_title (content_item_get_text_for (item, chain[0])->title);
  if (item->sms_code != NULL)
    text = g_strdup_printf (sms_phrase (chain, SMS_PHRASE_ALERT), title, item->sms_code, code);
  else
    text = g_strdup_printf (sms_phrase (chain, SMS_PHRASE_ALERT_NO_CODE), title, code);
  if (number->policy != NULL)
    sms_policy_from_string (number->policy, &policy);
  return sms_codec_encode (text, policy);
}

/* Sends, postpones or drops the pending alert @id to @number. */
static gboolean
send_one (SmsAlerts *self, gint64 id, const char *number, const char *item, const char *topic, gint64 now,
          guint *queued, GError **error)
{
  g_autoptr(SmsNumberState) state = sms_state_get (self->state, number, error);
  g_autoptr(SmsEncoded) encoded = NULL;
  g_autofree char *creator = NULL;
  gint64 outbox_id = 0;

  if (state == NULL)
    return FALSE;
  if (state->stopped || (encoded = compose (self, state, item, topic)) == NULL)
    return run_ids (self, "UPDATE banlang_alerts SET state = 'dropped' WHERE id = ?1", id, 0, 0, error);
  if (sent_today (self, number, now) >= self->config->alerts_per_day)
    {
      /* The rest wait until the next morning. */
      gint64 tomorrow = allowed_from (self, day_start (self, now) + 24 * 3600);
      return run_ids (self, "UPDATE banlang_alerts SET due_at = ?2 WHERE id = ?1", id, tomorrow, 0, error);
    }
  creator = g_strdup_printf ("banlang-sms alert %" G_GINT64_FORMAT, id);
  if (!sms_queue_insert (self->db, number, encoded, creator, (guint8) (id & 0xff), SMS_QUEUE_PRIORITY_ALERT, TRUE,
                         &outbox_id, error))
    return FALSE;
  (*queued)++;
  return run_ids (self, "UPDATE banlang_alerts SET state = 'queued', outbox_id = ?2, queued_at = ?3, "
                        "delivery = 'sent' WHERE id = ?1", id, outbox_id, now, error);
}

/* Pending alerts due at @now, oldest first: (id, number, item, topic) each. */
static GPtrArray *
due_alerts (SmsAlerts *self, gint64 now, GError **error)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements,
                                                   "SELECT id, number, item, topic FROM banlang_alerts "
                                                   "WHERE state = 'pending' AND due_at <= ?1 ORDER BY due_at, id");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  if (stmt == NULL)
    {
      fail (self, "reading alerts", error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 5);
      for (int i = 0; i < 4; i++)
        row[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, "reading alerts", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Copies what gammu recorded about sent alerts (delivery reports pair with sentitems rows). */
static gboolean
read_deliveries (SmsAlerts *self, GError **error)
{
  return run_ids (self,
                  "UPDATE banlang_alerts SET delivery = CASE s.Status WHEN 'DeliveryOK' THEN 'delivered' "
                  "  WHEN 'DeliveryFailed' THEN 'failed' WHEN 'SendingError' THEN 'failed' "
                  "  WHEN 'Error' THEN 'failed' ELSE 'sent' END "
                  "FROM sentitems s WHERE s.ID = banlang_alerts.outbox_id AND s.SequencePosition = 1 "
                  "AND banlang_alerts.state = 'queued' AND banlang_alerts.delivery = 'sent' "
                  "AND s.Status IN ('DeliveryOK', 'DeliveryFailed', 'SendingError', 'Error')", 0, 0, 0, error);
}

/* TRUE when @sql, with @now as ?1, finds a row. */
static gboolean
exists (SmsAlerts *self, const char *sql, gint64 now)
{
  sqlite3_stmt *stmt = content_statements_prepare (self->statements, sql);
  gboolean found;

  if (stmt == NULL)
    return TRUE;  /* let the round itself say what is wrong */
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, now);
  found = sqlite3_step (stmt) != SQLITE_DONE;
  sqlite3_reset (stmt);
  return found;
}

gboolean
sms_alerts_idle (SmsAlerts *self, gint64 now)
{
  gint64 seq = seen_seq (self), content_seq;

  /* A store that cannot be read is not idle: the run says why. */
  return seq >= 0 && content_store_get_seq (self->content, &content_seq, NULL) && seq == content_seq
         && !exists (self, "SELECT 1 FROM banlang_alerts WHERE state = 'pending' AND due_at <= ?1 LIMIT 1", now)
         && !(self->outbox && exists (self, "SELECT 1 FROM banlang_alerts a JOIN sentitems s ON s.ID = a.outbox_id "
                                            "AND s.SequencePosition = 1 WHERE a.state = 'queued' AND a.delivery = 'sent' "
                                            "AND s.Status IN ('DeliveryOK', 'DeliveryFailed', 'SendingError', 'Error') "
                                            "LIMIT 1", now));
}

gboolean
sms_alerts_run (SmsAlerts *self, gint64 now, guint *queued, GError **error)
{
  g_autoptr(GPtrArray) due = NULL;

  *queued = 0;
  if (!learn_new (self, now, error) || (due = due_alerts (self, now, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      char **row = g_ptr_array_index (due, i);
      if (!send_one (self, g_ascii_strtoll (row[0], NULL, 10), row[1], row[2], row[3], now, queued, error))
        return FALSE;
    }
  return read_deliveries (self, error);
}
