/* sms-usage.c: what people ask by SMS, counted beside gammu's queue for the hub's dashboard.
 *
 * The responder opens content.db read-only (it is the officers' and sync's to write), so it
 * keeps its counts beside its other state, in smsd.db or on PostgreSQL (through sms-sql.h):
 * answers per item, day and language, and searches that found nothing (digits masked).
 * Counting happens in the transaction that queues the reply, so a crash never counts an answer
 * that was not sent. Each connection counts in rows of its own shard (sms_sql_get_shard()):
 * workers sharing PostgreSQL never wait on one another's row of a popular item, nor deadlock on
 * two; the shards are summed when the counts are read. The counts go to the hub's /usage as a
 * kiosk's do (sync-usage.h): running totals, signed with the responder's own key, numbered
 * upwards; the hub keeps the newest figure per sender, so resending is harmless.
 */
#include "sms-usage.h"

/* Vietnam's clock: UTC+7, no daylight saving. */
#define VIETNAM_OFFSET (7 * 3600)

/* The counters, a row per key and shard. */
#define USAGE_TABLE(name, key)                                                                    \
  "CREATE TABLE IF NOT EXISTS " name " ("                                                         \
  "  " key " TEXT NOT NULL, day TEXT NOT NULL, lang TEXT NOT NULL, shard INTEGER NOT NULL DEFAULT 0," \
  "  count BIGINT NOT NULL, PRIMARY KEY (" key ", day, lang, shard))"

static const char usage_table[] = USAGE_TABLE ("banlang_usage", "item");
static const char misses_table[] = USAGE_TABLE ("banlang_misses", "query");
static const char taken_table[] =
  "CREATE TABLE IF NOT EXISTS banlang_usage_taken (id INTEGER PRIMARY KEY CHECK (id = 1), day TEXT NOT NULL)";

struct _SmsUsage {
  SmsSql *sql;
  char *shard;
};

SmsUsage *
sms_usage_new (SmsSql *sql, GError **error)
{
  SmsUsage *self;

  /* Counts kept before shards existed are shard 0's. */
  if (!sms_sql_rebuild (sql, "banlang_usage", "shard", usage_table, "item, day, lang, count", error)
      || !sms_sql_rebuild (sql, "banlang_misses", "shard", misses_table, "query, day, lang, count", error)
      || !sms_sql_exec (sql, usage_table, "creating the responder's usage tables", error)
      || !sms_sql_exec (sql, misses_table, "creating the responder's usage tables", error)
      || !sms_sql_exec (sql, taken_table, "creating the responder's usage tables", error))
    return NULL;
  self = g_new0 (SmsUsage, 1);
  self->sql = sql;
  self->shard = g_strdup_printf ("%u", sms_sql_get_shard (sql));
  return self;
}

void
sms_usage_free (SmsUsage *self)
{
  if (self == NULL)
    return;
  g_free (self->shard);
  g_free (self);
}

char *
sms_usage_day (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (VIETNAM_OFFSET);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%F");
}

gboolean
sms_usage_count_item (SmsUsage *self, const char *item, const char *day, const char *lang, GError **error)
{
  const char *params[] = { item, day, lang, self->shard };

  return sms_sql_run (self->sql, "INSERT INTO banlang_usage (item, day, lang, shard, count) VALUES ($1, $2, $3, $4, 1) "
                                 "ON CONFLICT (item, day, lang, shard) DO UPDATE SET count = banlang_usage.count + 1",
                      G_N_ELEMENTS (params), params, "counting usage", error);
}

gboolean
sms_usage_count_miss (SmsUsage *self, const char *query, const char *day, const char *lang, GError **error)
{
  g_autofree char *masked = sync_usage_mask_digits (query);
  const char *params[] = { masked, day, lang, self->shard };

  return sms_sql_run (self->sql, "INSERT INTO banlang_misses (query, day, lang, shard, count) VALUES ($1, $2, $3, $4, 1) "
                                 "ON CONFLICT (query, day, lang, shard) DO UPDATE SET count = banlang_misses.count + 1",
                      G_N_ELEMENTS (params), params, "counting usage", error);
}

/* Appends the rows of @sql (key, day, lang, count; $1 the first day) to @rows as objects with
 * @key_member, channel "sms". */
static gboolean
add_rows (SmsUsage *self, const char *sql, const char *since, const char *key_member, JsonArray *rows,
          GError **error)
{
  const char *params[] = { since };
  g_autoptr(GPtrArray) found = sms_sql_query (self->sql, sql, 1, params, "reading usage", error);

  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      GPtrArray *r = g_ptr_array_index (found, i);
      JsonObject *row = json_object_new ();
      json_object_set_string_member (row, key_member, g_ptr_array_index (r, 0));
      json_object_set_string_member (row, "day", g_ptr_array_index (r, 1));
      json_object_set_string_member (row, "lang", g_ptr_array_index (r, 2));
      json_object_set_string_member (row, "channel", "sms");
      json_object_set_int_member (row, "count", g_ascii_strtoll (g_ptr_array_index (r, 3), NULL, 10));
      json_array_add_object_element (rows, row);
    }
  return TRUE;
}

SyncUsageBatch *
sms_usage_batch (SmsUsage *self, gint64 number, GError **error)
{
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_new (number);
  g_autoptr(GPtrArray) taken = sms_sql_query (self->sql, "SELECT day FROM banlang_usage_taken", 0, NULL,
                                              "reading usage", error);
  const char *since;

  if (taken == NULL)
    return NULL;
  since = taken->len > 0 ? g_ptr_array_index ((GPtrArray *) g_ptr_array_index (taken, 0), 0) : "";
  /* The batch's arrays are filled directly: the counts live here, not in a content store. */
  if (!add_rows (self, "SELECT item, day, lang, sum (count) FROM banlang_usage WHERE day >= $1 "
                       "GROUP BY item, day, lang ORDER BY 1, 2, 3",
                 since, "item", sync_usage_batch_get_rows (batch), error)
      || !add_rows (self, "SELECT query, day, lang, sum (count) FROM banlang_misses WHERE day >= $1 "
                          "GROUP BY query, day, lang ORDER BY 1, 2, 3",
                    since, "query", sync_usage_batch_get_misses (batch), error))
    return NULL;
  return g_steal_pointer (&batch);
}

gboolean
sms_usage_taken (SmsUsage *self, const char *day, GError **error)
{
  const char *params[] = { day };

  return sms_sql_run (self->sql, "INSERT INTO banlang_usage_taken (id, day) VALUES (1, $1) "
                                 "ON CONFLICT (id) DO UPDATE SET day = excluded.day",
                      1, params, "recording a batch taken", error);
}

gboolean
sms_usage_post (SmsUsage *self, SyncKey *key, const char *state_path, const char *url, gint64 now,
                GError **error)
{
  g_autofree char *day = sms_usage_day (now);
  g_autoptr(SyncUsageBatch) batch = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 number;

  if (!sync_usage_next_number (state_path, &number, error) || (batch = sms_usage_batch (self, number, error)) == NULL)
    return FALSE;
  if (json_array_get_length (sync_usage_batch_get_rows (batch)) == 0
      && json_array_get_length (sync_usage_batch_get_misses (batch)) == 0)
    return TRUE;
  sealed = sync_usage_batch_seal (batch, key);
  return sync_usage_post (sealed, url, NULL, error) && sms_usage_taken (self, day, error);
}
