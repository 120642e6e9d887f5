/* hub-db.h: hub.db: accounts, sessions, failed logins, the audit log and usage counts. */
#pragma once

#include <glib.h>

#include "hub-account.h"

G_BEGIN_DECLS

typedef struct _HubDb HubDb;

/* Opens (creating when needed) the hub database at @path and brings its schema up to date. */
HubDb *hub_db_open (const char *path, GError **error);
void hub_db_free (HubDb *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubDb, hub_db_free)

/* Adds an account; HUB_ERROR_EXISTS when the name is taken. */
gboolean hub_db_add_account (HubDb *self, const char *name, HubRole role, const char *password_hash,
                             gint64 *id, GError **error);

/* The account named @name / with id @id; NULL with HUB_ERROR_NOT_FOUND when there is none. */
HubAccount *hub_db_find_account (HubDb *self, const char *name, GError **error);
HubAccount *hub_db_get_account (HubDb *self, gint64 id, GError **error);

/* Every account (HubAccount), by name. */
GPtrArray *hub_db_list_accounts (HubDb *self, GError **error);

/* Disables or enables the account @name, ending its sessions when disabled; HUB_ERROR_NOT_FOUND
 * when there is none. */
gboolean hub_db_set_disabled (HubDb *self, const char *name, gboolean disabled, GError **error);

/* Replaces the password hash of account @id and ends its sessions except @keep_token's. */
gboolean hub_db_set_password_hash (HubDb *self, gint64 id, const char *password_hash,
                                   const char *keep_token, GError **error);

typedef struct {
  gint64 account;
  char *csrf;   /* the token every form of this session carries */
} HubSession;

void hub_session_free (HubSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSession, hub_session_free)

/* Starts a session for @account lasting @ttl seconds from @now; returns its token (random,
 * URL-safe; only its SHA-256 is stored). */
char *hub_db_create_session (HubDb *self, gint64 account, gint64 now, gint64 ttl, GError **error);

/* The live session of @token; NULL with HUB_ERROR_NOT_FOUND when unknown or expired. */
HubSession *hub_db_lookup_session (HubDb *self, const char *token, gint64 now, GError **error);

/* Ends the session of @token (nothing when there is none). */
gboolean hub_db_end_session (HubDb *self, const char *token, GError **error);

/* Failed logins recorded for @key ("account:NAME", "address:IP") and the time of the last one;
 * 0 failures when there are none. */
gboolean hub_db_get_login_failures (HubDb *self, const char *key, gint64 *failures, gint64 *last_at,
                                    GError **error);
/* Counts a failure for @key at @now, and forgets every key's failures older than
 * @forget_before (the table holds only what can still slow or lock a login). */
gboolean hub_db_add_login_failure (HubDb *self, const char *key, gint64 now, gint64 forget_before, GError **error);
gboolean hub_db_clear_login_failures (HubDb *self, const char *key, GError **error);

/* Appends to the audit log. @account may be 0 (nobody logged in); strings may be NULL. The
 * target and detail are cut to HUB_AUDIT_MAX_CHARS characters: what a visitor sends must not
 * grow the log without bound. */
#define HUB_AUDIT_MAX_CHARS 200
gboolean hub_db_audit (HubDb *self, gint64 account, const char *address, const char *action,
                       const char *target, const char *detail, GError **error);

typedef struct {
  char *at;
  char *account;   /* the account's name, or NULL */
  char *address;
  char *action;
  char *target;
  char *detail;
} HubAuditEntry;

void hub_audit_entry_free (HubAuditEntry *entry);

/* The newest @limit audit entries (HubAuditEntry), newest first. */
GPtrArray *hub_db_list_audit (HubDb *self, guint limit, GError **error);

/* The database handle, for the usage tables (hub-usage.c). */
struct sqlite3 *hub_db_get_handle (HubDb *self);

G_END_DECLS
