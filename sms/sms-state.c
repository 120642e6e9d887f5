/* sms-state.c: per-number memory of the responder, in tables beside gammu's queue.
 *
 * The state sits in the same database as gammu's inbox and outbox (SQLite or PostgreSQL,
 * through sms-sql.h) so that taking a message, updating a number's session and queueing its
 * reply is one transaction: a crash leaves either nothing done or everything done. The
 * simulator keeps the same tables in its own file (or in memory), so what it shows is what the
 * daemon would do.
 *
 * Times are the responder's own clock (seconds), never gammu's ReceivingDateTime, which is the
 * phone's clock and can be anything.
 */
#include "sms-state.h"

#include <string.h>

/* Times are BIGINT: PostgreSQL's INTEGER is 32 bits; SQLite reads both as INTEGER. */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS banlang_numbers ("
  "  number TEXT PRIMARY KEY, lang TEXT, policy TEXT, stopped INTEGER NOT NULL DEFAULT 0,"
  "  menu TEXT, menu_at BIGINT NOT NULL DEFAULT 0, more TEXT, more_at BIGINT NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS banlang_received ("
  "  number TEXT NOT NULL, text TEXT NOT NULL, at BIGINT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS banlang_received_number ON banlang_received (number, at);"
  "CREATE TABLE IF NOT EXISTS banlang_replies ("
  "  number TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, at BIGINT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS banlang_replies_number ON banlang_replies (number, at);";

/* Columns added to banlang_numbers after its first release: a database made by an older
 * responder gets them when it is opened. */
static const char *const added_columns[] = {
  "more_grace INTEGER NOT NULL DEFAULT 0", "more_parts INTEGER NOT NULL DEFAULT 0", "last_item TEXT", "last_at BIGINT NOT NULL DEFAULT 0",
  "screening TEXT", "screening_at BIGINT NOT NULL DEFAULT 0",
};

/* Rows older than this are of no use to any limit and are pruned as new ones arrive. */
#define KEEP_SECONDS (2 * 24 * 3600)

struct _SmsState {
  SmsSql *sql;
};

void
sms_number_state_free (SmsNumberState *state)
{
  if (state == NULL)
    return;
  g_free (state->number);
  g_free (state->lang);
  g_free (state->policy);
  g_free (state->menu);
  g_free (state->more);
  g_free (state->last_item);
  g_free (state->screening);
  g_free (state);
}

static gboolean
add_columns (SmsSql *sql, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (added_columns); i++)
    {
      g_autofree char *name = g_strndup (added_columns[i], strcspn (added_columns[i], " "));
      g_autofree char *alter = g_strdup_printf ("ALTER TABLE banlang_numbers ADD COLUMN %s", added_columns[i]);
      if (!sms_sql_has_column (sql, "banlang_numbers", name)
          && !sms_sql_exec (sql, alter, "adding a column to the responder's tables", error))
        return FALSE;
    }
  return TRUE;
}

SmsState *
sms_state_new (SmsSql *sql, GError **error)
{
  SmsState *self;

  if (!sms_sql_exec (sql, schema, "creating the responder's tables", error) || !add_columns (sql, error))
    return NULL;
  self = g_new0 (SmsState, 1);
  self->sql = sql;
  return self;
}

void
sms_state_free (SmsState *self)
{
  g_free (self);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gint64
text_int (GPtrArray *row, guint col)
{
  const char *text = g_ptr_array_index (row, col);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static char *
text_dup (GPtrArray *row, guint col)
{
  return g_strdup (g_ptr_array_index (row, col));
}

SmsNumberState *
sms_state_get (SmsState *self, const char *number, GError **error)
{
  g_autoptr(SmsNumberState) state = g_new0 (SmsNumberState, 1);
  const char *params[] = { number };
  g_autoptr(GPtrArray) rows = sms_sql_query (self->sql, "SELECT lang, policy, stopped, menu, menu_at, more, more_at, "
                                                        "more_grace, more_parts, last_item, last_at, screening, screening_at "
                                                        "FROM banlang_numbers WHERE number = $1",
                                             1, params, "reading a number's state", error);
  GPtrArray *row;

  if (rows == NULL)
    return NULL;
  state->number = g_strdup (number);
  if (rows->len == 0)
    return g_steal_pointer (&state);
  row = g_ptr_array_index (rows, 0);
  state->lang = text_dup (row, 0);
  state->policy = text_dup (row, 1);
  state->stopped = text_int (row, 2) != 0;
  state->menu = text_dup (row, 3);
  state->menu_at = text_int (row, 4);
  state->more = text_dup (row, 5);
  state->more_at = text_int (row, 6);
  state->more_grace = (gint) text_int (row, 7);
  state->more_parts = (gint) text_int (row, 8);
  state->last_item = text_dup (row, 9);
  state->last_at = text_int (row, 10);
  state->screening = text_dup (row, 11);
  state->screening_at = text_int (row, 12);
  return g_steal_pointer (&state);
}

gboolean
sms_state_put (SmsState *self, const SmsNumberState *state, GError **error)
{
  g_autofree char *menu_at = int_text (state->menu_at), *more_at = int_text (state->more_at);
  g_autofree char *grace = int_text (state->more_grace), *parts = int_text (state->more_parts);
  g_autofree char *last_at = int_text (state->last_at), *screening_at = int_text (state->screening_at);
  const char *params[] = { state->number, state->lang, state->policy, state->stopped ? "1" : "0", state->menu,
                           menu_at, state->more, more_at, grace, parts, state->last_item, last_at,
                           state->screening, screening_at };

  return sms_sql_run (self->sql, "INSERT INTO banlang_numbers "
                                 "(number, lang, policy, stopped, menu, menu_at, more, more_at, "
                                 " more_grace, more_parts, last_item, last_at, screening, screening_at) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                                 "ON CONFLICT (number) DO UPDATE SET lang = excluded.lang, policy = excluded.policy, "
                                 "stopped = excluded.stopped, menu = excluded.menu, menu_at = excluded.menu_at, "
                                 "more = excluded.more, more_at = excluded.more_at, more_grace = excluded.more_grace, "
                                 "more_parts = excluded.more_parts, last_item = excluded.last_item, "
                                 "last_at = excluded.last_at, screening = excluded.screening, "
                                 "screening_at = excluded.screening_at",
                      G_N_ELEMENTS (params), params, "writing a number's state", error);
}

gboolean
sms_state_note_received (SmsState *self, const char *number, const char *text, gint64 now,
                         gint64 window, gint64 *last_same, GError **error)
{
  g_autofree char *from = int_text (now - window), *to = int_text (now), *old = int_text (now - KEEP_SECONDS);
  const char *check[] = { number, text, from, to };
  const char *prune[] = { number, old };
  const char *insert[] = { number, text, to };
  g_autoptr(GPtrArray) rows = sms_sql_query (self->sql, "SELECT max (at) FROM banlang_received WHERE number = $1 "
                                                        "AND text = $2 AND at >= $3 AND at <= $4",
                                             G_N_ELEMENTS (check), check, "checking for duplicates", error);

  if (rows == NULL)
    return FALSE;
  *last_same = rows->len > 0 && g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0) != NULL
               ? text_int (g_ptr_array_index (rows, 0), 0) : -1;
  return sms_sql_run (self->sql, "DELETE FROM banlang_received WHERE number = $1 AND at < $2",
                      G_N_ELEMENTS (prune), prune, "pruning what was received", error)
         && sms_sql_run (self->sql, "INSERT INTO banlang_received (number, text, at) VALUES ($1, $2, $3)",
                         G_N_ELEMENTS (insert), insert, "noting a message received", error);
}

gboolean
sms_state_log_reply (SmsState *self, const char *number, const char *kind, const char *text,
                     gint64 now, GError **error)
{
  g_autofree char *at = int_text (now), *old = int_text (now - KEEP_SECONDS);
  const char *prune[] = { number, old };
  const char *insert[] = { number, g_str_equal (kind, "notice") ? "notice" : "reply", text, at };

  return sms_sql_run (self->sql, "DELETE FROM banlang_replies WHERE number = $1 AND at < $2",
                      G_N_ELEMENTS (prune), prune, "pruning the replies logged", error)
         && sms_sql_run (self->sql, "INSERT INTO banlang_replies (number, kind, text, at) VALUES ($1, $2, $3, $4)",
                         G_N_ELEMENTS (insert), insert, "logging a reply", error);
}

gint64
sms_state_count_replies (SmsState *self, const char *number, const char *kind, const char *text,
                         gint64 since)
{
  g_autofree char *from = int_text (since);
  const char *params[] = { number, kind, from, text };
  g_autoptr(GPtrArray) rows = sms_sql_query (self->sql, "SELECT count (*) FROM banlang_replies WHERE number = $1 "
                                                        "AND kind = $2 AND at >= $3 "
                                                        "AND (CAST ($4 AS TEXT) IS NULL OR text = $4)",
                                             G_N_ELEMENTS (params), params, "counting replies", NULL);

  return rows != NULL && rows->len > 0 ? text_int (g_ptr_array_index (rows, 0), 0) : 0;
}
