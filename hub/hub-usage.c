/* hub-usage.c: the usage counts kiosks and SMS responders send, kept in hub.db.
 *
 * Senders post signed batches of running totals (sync/FORMAT.md, "Usage batches"): a batch is
 * taken once, its number must be newer than the sender's last, and a figure replaces the
 * sender's earlier figure for the same item, day, language and channel, so a resent or
 * repeated batch never counts twice. Nothing about a person arrives: counts, and the searches
 * that found nothing with their digits masked by the sender.
 */
#include "hub-usage.h"
#include "hub-error.h"

#include <sqlite3.h>

static gboolean
fail (sqlite3 *db, GError **error)
{
  g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "hub database: %s", sqlite3_errmsg (db));
  return FALSE;
}

gboolean
hub_usage_add_sender (HubDb *hdb, const char *name, const char *key_hex, GError **error)
{
  sqlite3 *db = hub_db_get_handle (hdb);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT INTO senders (name, public_key, added_at) "
                              "VALUES (?, ?, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key_hex, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_EXISTS, "a sender named “%s” or with that key is registered", name);
      return FALSE;
    }
  return rc == SQLITE_DONE ? TRUE : fail (db, error);
}

GPtrArray *
hub_usage_list_senders (HubDb *hdb, GError **error)
{
  sqlite3 *db = hub_db_get_handle (hdb);
  g_autoptr(GPtrArray) senders = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name, public_key FROM senders ORDER BY name", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (senders, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (senders, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (db, error), NULL;
  return g_steal_pointer (&senders);
}

/* FALSE (HUB_ERROR_INVALID_INPUT) when a row of @rows counts below 0 or above the maximum. */
static gboolean
counts_sane (JsonArray *rows, GError **error)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      gint64 count = json_object_get_int_member (json_array_get_object_element (rows, i), "count");
      if (count < 0 || count > HUB_USAGE_MAX_COUNT)
        {
          g_set_error (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT, "a count of %" G_GINT64_FORMAT " is out of range", count);
          return FALSE;
        }
    }
  return TRUE;
}

/* The registered name of the sender with public key @key, or NULL (HUB_ERROR_DENIED). */
static char *
sender_name (sqlite3 *db, const char *key, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM senders WHERE public_key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error), NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, HUB_ERROR, HUB_ERROR_DENIED, "the key %.16s… is not a registered sender", key);
  else
    fail (db, error);
  sqlite3_finalize (stmt);
  return name;
}

/* Runs @sql once per object of @rows, binding the sender then the members @members. */
static gboolean
put_rows (sqlite3 *db, const char *sql, const char *sender, JsonArray *rows, const char *const *members, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      sqlite3_bind_text (stmt, 1, sender, -1, SQLITE_TRANSIENT);
      for (guint m = 0; members[m] != NULL; m++)
        if (g_str_equal (members[m], "count"))
          sqlite3_bind_int64 (stmt, m + 2, json_object_get_int_member (row, "count"));
        else
          sqlite3_bind_text (stmt, m + 2, json_object_get_string_member (row, members[m]), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return fail (db, error);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
take_batch_number (sqlite3 *db, const char *sender, gint64 number, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 last = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT max (batch) FROM usage_batches WHERE sender = ?", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  sqlite3_bind_text (stmt, 1, sender, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (number <= last)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_EXISTS, "batch %" G_GINT64_FORMAT " of %s is not newer than %" G_GINT64_FORMAT " (already taken)",
                   number, sender, last);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db, "INSERT INTO usage_batches (sender, batch, received_at) "
                              "VALUES (?, ?, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  sqlite3_bind_text (stmt, 1, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (db, error);
}

gboolean
hub_usage_take (HubDb *hdb, SyncUsageBatch *batch, char **sender, GError **error)
{
  static const char *const count_members[] = { "item", "day", "lang", "channel", "count", NULL };
  static const char *const miss_members[] = { "query", "day", "lang", "channel", "count", NULL };
  sqlite3 *db = hub_db_get_handle (hdb);
  g_autofree char *name = NULL;

  if (!counts_sane (sync_usage_batch_get_rows (batch), error) || !counts_sane (sync_usage_batch_get_misses (batch), error)
      || (name = sender_name (db, sync_usage_batch_get_sender (batch), error)) == NULL)
    return FALSE;
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return fail (db, error);
  if (!take_batch_number (db, name, sync_usage_batch_get_number (batch), error)
      || !put_rows (db, "INSERT OR REPLACE INTO usage_counts (sender, item, day, lang, channel, count) VALUES (?, ?, ?, ?, ?, ?)",
                    name, sync_usage_batch_get_rows (batch), count_members, error)
      || !put_rows (db, "INSERT OR REPLACE INTO usage_misses (sender, query, day, lang, channel, count) VALUES (?, ?, ?, ?, ?, ?)",
                    name, sync_usage_batch_get_misses (batch), miss_members, error)
      || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      if (error != NULL && *error == NULL)
        fail (db, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (sender != NULL)
    *sender = g_steal_pointer (&name);
  return TRUE;
}

void
hub_usage_total_free (HubUsageTotal *total)
{
  g_free (total->key);
  g_free (total);
}

GPtrArray *
hub_usage_totals (HubDb *hdb, const char *since, gboolean misses, guint limit, GError **error)
{
  static const char *const sql[] = {
    "SELECT item, sum (count), sum (count) FILTER (WHERE channel = 'kiosk'), sum (count) FILTER (WHERE channel = 'sms') "
    "FROM usage_counts WHERE day >= ? GROUP BY item ORDER BY 2 DESC, 1 LIMIT ?",
    "SELECT query, sum (count), sum (count) FILTER (WHERE channel = 'kiosk'), sum (count) FILTER (WHERE channel = 'sms') "
    "FROM usage_misses WHERE day >= ? GROUP BY query ORDER BY 2 DESC, 1 LIMIT ?",
  };
  sqlite3 *db = hub_db_get_handle (hdb);
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_usage_total_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql[misses ? 1 : 0], -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error), NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubUsageTotal *t = g_new0 (HubUsageTotal, 1);
      t->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      t->count = sqlite3_column_int64 (stmt, 1);
      t->kiosk = sqlite3_column_int64 (stmt, 2);
      t->sms = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (totals, t);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (db, error), NULL;
  return g_steal_pointer (&totals);
}
