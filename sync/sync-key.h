/* sync-key.h: an Ed25519 key (libsodium): a hub's offline root, its online signing key, or a
 * kiosk's own key for usage batches; with or without its secret half. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SyncKey SyncKey;

#define SYNC_KEY_PUBLIC_BYTES 32
#define SYNC_KEY_SIGNATURE_BYTES 64

/* A new key pair from the system's random source. */
SyncKey *sync_key_generate (void);

/* The public key written as 64 hexadecimal digits; NULL with SYNC_ERROR_REFUSED when @hex is
 * not one. */
SyncKey *sync_key_new_public (const char *hex, GError **error);

/* Reads a key file written by sync_key_save() (secret or public); NULL with
 * SYNC_ERROR_NOT_FOUND when @path is missing, SYNC_ERROR_REFUSED when it is not a key file or
 * its halves do not match. */
SyncKey *sync_key_load (const char *path, GError **error);

/* Writes @self to @path, atomically: with @secret, both halves (readable by the owner only,
 * mode 0600); without, the public half. Fails (SYNC_ERROR_FAILED) when @secret is asked of a
 * public key or the file cannot be written. */
gboolean sync_key_save (SyncKey *self, const char *path, gboolean secret, GError **error);

/* The public half as 64 lower-case hexadecimal digits: the key's id everywhere in sync. */
const char *sync_key_get_id (SyncKey *self);

gboolean sync_key_has_secret (SyncKey *self);

/* The detached signature of @data by @self (which must hold its secret), as 128 hexadecimal
 * digits. Free with g_free(). */
char *sync_key_sign (SyncKey *self, const void *data, gsize len);

/* TRUE when @signature_hex is @self's valid signature of @data. */
gboolean sync_key_verify (SyncKey *self, const void *data, gsize len, const char *signature_hex);

void sync_key_free (SyncKey *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncKey, sync_key_free)

G_END_DECLS
