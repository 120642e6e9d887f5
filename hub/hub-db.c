/* hub-db.c: hub.db, everything about officers, kept apart from content.db.
 *
 * content.db is copied to every kiosk, so nothing about a person may live there: accounts,
 * password hashes, sessions, failed logins and the audit log live here. Sessions are looked up
 * by the SHA-256 of their token, so a stolen copy of this file logs nobody in. Every statement
 * binds its values; no SQL is built from strings.
 */
#include "hub-db.h"
#include "hub-error.h"
#include "hub-resources.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <sodium.h>

#define SCHEMA_VERSION 1

struct _HubDb {
  sqlite3 *db;
};

static gboolean
fail (HubDb *self, GError **error)
{
  g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "hub database: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* Prepares @sql and binds the text and integer values @fmt describes ('s' text, may be NULL;
 * 'i' gint64). */
static sqlite3_stmt *
prepare (HubDb *self, const char *sql, const char *fmt, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  va_start (args, fmt);
  for (int i = 0; fmt[i] != '\0'; i++)
    if (fmt[i] == 's')
      sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
  va_end (args);
  return stmt;
}

/* Runs a prepared statement that returns no rows, and finalizes it. */
static gboolean
run_stmt (HubDb *self, sqlite3_stmt *stmt, GError **error)
{
  int rc;

  if (stmt == NULL)
    return fail (self, error);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
migrate (HubDb *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  g_autoptr(GBytes) sql = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version == SCHEMA_VERSION)
    return TRUE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED,
                   "hub database: schema version %d is newer than this program's %d", version, SCHEMA_VERSION);
      return FALSE;
    }
  sql = g_resource_lookup_data (hub_get_resource (), "/org/banlang/hub/schema/001-hub.sql", 0, error);
  if (sql == NULL)
    return FALSE;
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (self->db, g_bytes_get_data (sql, NULL), NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (self->db, "PRAGMA user_version = 1; COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (self, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

HubDb *
hub_db_open (const char *path, GError **error)
{
  g_autoptr(HubDb) self = g_new0 (HubDb, 1);

  if (sodium_init () < 0)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "libsodium could not start");
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
hub_db_free (HubDb *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_free (self);
}

sqlite3 *
hub_db_get_handle (HubDb *self)
{
  return self->db;
}

gboolean
hub_db_add_account (HubDb *self, const char *name, HubRole role, const char *password_hash,
                    gint64 *id, GError **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                                "ssss", name, hub_role_to_string (role), password_hash, now);
  int rc;

  if (stmt == NULL)
    return fail (self, error);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_EXISTS, "an account named “%s” exists", name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return fail (self, error);
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static HubAccount *
account_from_row (sqlite3_stmt *stmt)
{
  HubAccount *account = g_new0 (HubAccount, 1);

  account->id = sqlite3_column_int64 (stmt, 0);
  account->name = column_dup (stmt, 1);
  hub_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &account->role);
  account->password_hash = column_dup (stmt, 3);
  account->disabled = sqlite3_column_int (stmt, 4) != 0;
  return account;
}

#define ACCOUNT_COLUMNS "SELECT id, name, role, password_hash, disabled FROM accounts "

static HubAccount *
one_account (HubDb *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  HubAccount *account = NULL;
  int rc;

  if (stmt == NULL)
    {
      fail (self, error);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = account_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, HUB_ERROR, HUB_ERROR_NOT_FOUND, "no account %s", what);
  else
    fail (self, error);
  sqlite3_finalize (stmt);
  return account;
}

HubAccount *
hub_db_find_account (HubDb *self, const char *name, GError **error)
{
  g_autofree char *what = g_strdup_printf ("named “%s”", name);

  return one_account (self, prepare (self, ACCOUNT_COLUMNS "WHERE name = ?", "s", name), what, error);
}

HubAccount *
hub_db_get_account (HubDb *self, gint64 id, GError **error)
{
  g_autofree char *what = g_strdup_printf ("with id %" G_GINT64_FORMAT, id);

  return one_account (self, prepare (self, ACCOUNT_COLUMNS "WHERE id = ?", "i", id), what, error);
}

GPtrArray *
hub_db_list_accounts (HubDb *self, GError **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_account_free);
  sqlite3_stmt *stmt = prepare (self, ACCOUNT_COLUMNS "ORDER BY name", "");
  int rc;

  if (stmt == NULL)
    return fail (self, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&accounts);
}

gboolean
hub_db_set_disabled (HubDb *self, const char *name, gboolean disabled, GError **error)
{
  g_autoptr(HubAccount) account = hub_db_find_account (self, name, error);

  if (account == NULL)
    return FALSE;
  if (!run_stmt (self, prepare (self, "UPDATE accounts SET disabled = ? WHERE id = ?", "ii",
                                (gint64) (disabled ? 1 : 0), account->id), error))
    return FALSE;
  return !disabled || run_stmt (self, prepare (self, "DELETE FROM sessions WHERE account = ?", "i", account->id), error);
}

static char *
token_sha256 (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

gboolean
hub_db_set_password_hash (HubDb *self, gint64 id, const char *password_hash, const char *keep_token,
                          GError **error)
{
  g_autofree char *keep = keep_token != NULL ? token_sha256 (keep_token) : NULL;

  return run_stmt (self, prepare (self, "UPDATE accounts SET password_hash = ? WHERE id = ?", "si", password_hash, id), error)
         && run_stmt (self, prepare (self, "DELETE FROM sessions WHERE account = ? AND token_sha256 IS NOT ?",
                                     "is", id, keep), error);
}

void
hub_session_free (HubSession *session)
{
  if (session == NULL)
    return;
  g_free (session->csrf);
  g_free (session);
}

/* 32 random bytes as URL-safe base64 without padding. */
static char *
random_token (void)
{
  guchar bytes[32];
  char out[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return g_strdup (out);
}

char *
hub_db_create_session (HubDb *self, gint64 account, gint64 now, gint64 ttl, GError **error)
{
  g_autofree char *token = random_token ();
  g_autofree char *csrf = random_token ();
  g_autofree char *hash = token_sha256 (token);

  /* Expired sessions go as new ones come: the table never grows past the live ones. */
  if (!run_stmt (self, prepare (self, "DELETE FROM sessions WHERE expires_at <= ?", "i", now), error)
      || !run_stmt (self, prepare (self, "INSERT INTO sessions (token_sha256, account, csrf, created_at, expires_at) "
                                         "VALUES (?, ?, ?, ?, ?)", "sisii", hash, account, csrf, now, now + ttl), error))
    return NULL;
  return g_steal_pointer (&token);
}

HubSession *
hub_db_lookup_session (HubDb *self, const char *token, gint64 now, GError **error)
{
  g_autofree char *hash = token_sha256 (token);
  sqlite3_stmt *stmt = prepare (self, "SELECT account, csrf FROM sessions WHERE token_sha256 = ? AND expires_at > ?",
                                "si", hash, now);
  HubSession *session = NULL;
  int rc;

  if (stmt == NULL)
    return fail (self, error), NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      session = g_new0 (HubSession, 1);
      session->account = sqlite3_column_int64 (stmt, 0);
      session->csrf = column_dup (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, HUB_ERROR, HUB_ERROR_NOT_FOUND, "no such session");
  else
    fail (self, error);
  sqlite3_finalize (stmt);
  return session;
}

gboolean
hub_db_end_session (HubDb *self, const char *token, GError **error)
{
  g_autofree char *hash = token_sha256 (token);

  return run_stmt (self, prepare (self, "DELETE FROM sessions WHERE token_sha256 = ?", "s", hash), error);
}

gboolean
hub_db_get_login_failures (HubDb *self, const char *key, gint64 *failures, gint64 *last_at, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT failures, last_at FROM login_failures WHERE key = ?", "s", key);
  int rc;

  if (stmt == NULL)
    return fail (self, error);
  *failures = 0;
  *last_at = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *failures = sqlite3_column_int64 (stmt, 0);
      *last_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : fail (self, error);
}

gboolean
hub_db_add_login_failure (HubDb *self, const char *key, gint64 now, gint64 forget_before, GError **error)
{
  return run_stmt (self, prepare (self, "DELETE FROM login_failures WHERE last_at < ?", "i", forget_before), error)
         && run_stmt (self, prepare (self, "INSERT INTO login_failures (key, failures, last_at) VALUES (?, 1, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at",
                                  "si", key, now), error);
}

gboolean
hub_db_clear_login_failures (HubDb *self, const char *key, GError **error)
{
  return run_stmt (self, prepare (self, "DELETE FROM login_failures WHERE key = ?", "s", key), error);
}

/* @s as valid UTF-8 of at most HUB_AUDIT_MAX_CHARS characters, or NULL. */
static char *
clip (const char *s)
{
  g_autofree char *valid = s != NULL ? g_utf8_make_valid (s, -1) : NULL;

  return valid != NULL ? g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), HUB_AUDIT_MAX_CHARS)) : NULL;
}

gboolean
hub_db_audit (HubDb *self, gint64 account, const char *address, const char *action, const char *target,
              const char *detail, GError **error)
{
  g_autofree char *now = now_utc ();
  g_autofree char *short_target = clip (target);
  g_autofree char *short_detail = clip (detail);
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO audit (at, account, address, action, target, detail) "
                                      "VALUES (?, NULLIF (?, 0), ?, ?, ?, ?)",
                                "sissss", now, account, address, action, short_target, short_detail);

  return run_stmt (self, stmt, error);
}

void
hub_audit_entry_free (HubAuditEntry *entry)
{
  g_free (entry->at);
  g_free (entry->account);
  g_free (entry->address);
  g_free (entry->action);
  g_free (entry->target);
  g_free (entry->detail);
  g_free (entry);
}

GPtrArray *
hub_db_list_audit (HubDb *self, guint limit, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_audit_entry_free);
  sqlite3_stmt *stmt = prepare (self, "SELECT audit.at, accounts.name, address, action, target, detail FROM audit "
                                      "LEFT JOIN accounts ON accounts.id = audit.account ORDER BY audit.id DESC LIMIT ?",
                                "i", (gint64) limit);
  int rc;

  if (stmt == NULL)
    return fail (self, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubAuditEntry *entry = g_new0 (HubAuditEntry, 1);
      entry->at = column_dup (stmt, 0);
      entry->account = column_dup (stmt, 1);
      entry->address = column_dup (stmt, 2);
      entry->action = column_dup (stmt, 3);
      entry->target = column_dup (stmt, 4);
      entry->detail = column_dup (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&entries);
}
