/* hub-password.h: argon2id password hashes, checked off the main loop. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The argon2id hash string of @password (libsodium's crypto_pwhash_str, interactive limits);
 * NULL with HUB_ERROR_FAILED when memory runs out. Blocks for tens of milliseconds: the
 * command line may call it, the server calls hub_password_verify_async(). */
char *hub_password_hash (const char *password, GError **error);

/* hub_password_hash() in a worker thread. */
void hub_password_hash_async (const char *password, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
char *hub_password_hash_finish (GAsyncResult *result, GError **error);

/* Reads a password from the first line of @path (the line ending dropped); refuses an empty
 * one, or one shorter than 10 characters, with HUB_ERROR_INVALID_INPUT. */
char *hub_password_read_file (const char *path, GError **error);

/* Checks @password against @hash in a worker thread, so one login never stalls the other
 * officers' pages. @hash NULL checks against a throwaway hash, so that an unknown account
 * takes as long to refuse as a wrong password. */
void hub_password_verify_async (const char *hash, const char *password, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);

/* TRUE when the password matched; @new_hash receives a fresh hash when the stored one used
 * weaker limits than today's (NULL otherwise). */
gboolean hub_password_verify_finish (GAsyncResult *result, char **new_hash);

G_END_DECLS
