/* sync-key.c: Ed25519 keys through libsodium (see sync-key.h).
 *
 * Key files are small JSON objects, {"type": "banlang-sync-secret-key", "public", "secret"}
 * or {"type": "banlang-sync-public-key", "public"}, hexadecimal, so that an administrator can
 * tell a root key from a kiosk's by reading it and a public key can be pasted into a form.
 * A secret file is written mode 0600 and its halves are checked against each other when read.
 * The secret half lives in memory only as long as the key and is wiped when freed.
 */
#include "sync-key.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-json.h"

#include <sodium.h>
#include <string.h>

struct _SyncKey {
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  gboolean has_secret;
  char id[2 * crypto_sign_PUBLICKEYBYTES + 1];
};

static SyncKey *
key_new (void)
{
  /* sodium_init() is safe to call again and from several threads. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  return g_new0 (SyncKey, 1);
}

static void
key_set_id (SyncKey *self)
{
  sodium_bin2hex (self->id, sizeof self->id, self->pk, sizeof self->pk);
}

SyncKey *
sync_key_generate (void)
{
  SyncKey *self = key_new ();

  crypto_sign_keypair (self->pk, self->sk);
  self->has_secret = TRUE;
  key_set_id (self);
  return self;
}

static gboolean
from_hex (guint8 *out, gsize n, const char *hex)
{
  size_t len = 0;

  return sync_json_is_hex (hex, n) && sodium_hex2bin (out, n, hex, 2 * n, NULL, &len, NULL) == 0
         && len == n;
}

SyncKey *
sync_key_new_public (const char *hex, GError **error)
{
  g_autoptr(SyncKey) self = key_new ();

  if (!from_hex (self->pk, sizeof self->pk, hex))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "“%s” is not a public key "
                   "(64 lower-case hexadecimal digits)", hex != NULL ? hex : "");
      return NULL;
    }
  key_set_id (self);
  return g_steal_pointer (&self);
}

static SyncKey *
key_from_json (JsonObject *obj, const char *path, GError **error)
{
  const char *type = sync_json_get_string (obj, "type", path, error);
  const char *secret;
  g_autoptr(SyncKey) self = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  if (type == NULL)
    return NULL;
  self = sync_key_new_public (sync_json_get_string (obj, "public", path, NULL), error);
  if (self == NULL || g_str_equal (type, "banlang-sync-public-key"))
    return g_steal_pointer (&self);
  secret = g_str_equal (type, "banlang-sync-secret-key") ? sync_json_get_string (obj, "secret", path, NULL) : NULL;
  if (secret == NULL || !from_hex (self->sk, sizeof self->sk, secret)
      || crypto_sign_ed25519_sk_to_pk (pk, self->sk) != 0 || memcmp (pk, self->pk, sizeof pk) != 0)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: not a key file of banlang-sync, "
                   "or its secret and public halves do not match", path);
      return NULL;
    }
  self->has_secret = TRUE;
  return g_steal_pointer (&self);
}

SyncKey *
sync_key_load (const char *path, GError **error)
{
  g_autoptr(GBytes) bytes = sync_file_read (path, error);
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  root = sync_json_parse_object (data, len, path, error);
  if (root == NULL)
    return NULL;
  return key_from_json (json_node_get_object (root), path, error);
}

gboolean
sync_key_save (SyncKey *self, const char *path, gboolean secret, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char sk_hex[2 * crypto_sign_SECRETKEYBYTES + 1];
  gboolean ok;

  if (secret && !self->has_secret)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: this key has no secret half to write", path);
      return FALSE;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, secret ? "banlang-sync-secret-key" : "banlang-sync-public-key");
  json_builder_set_member_name (b, "public");
  json_builder_add_string_value (b, self->id);
  if (secret)
    {
      sodium_bin2hex (sk_hex, sizeof sk_hex, self->sk, sizeof self->sk);
      json_builder_set_member_name (b, "secret");
      json_builder_add_string_value (b, sk_hex);
      sodium_memzero (sk_hex, sizeof sk_hex);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  ok = sync_file_write (path, text, strlen (text), secret ? 0600 : 0644, error);
  sodium_memzero (text, strlen (text));
  return ok;
}

const char *
sync_key_get_id (SyncKey *self)
{
  return self->id;
}

gboolean
sync_key_has_secret (SyncKey *self)
{
  return self->has_secret;
}

char *
sync_key_sign (SyncKey *self, const void *data, gsize len)
{
  guint8 sig[crypto_sign_BYTES];
  char *hex = g_malloc (2 * crypto_sign_BYTES + 1);

  g_return_val_if_fail (self->has_secret, NULL);
  crypto_sign_detached (sig, NULL, data, len, self->sk);
  return sodium_bin2hex (hex, 2 * crypto_sign_BYTES + 1, sig, sizeof sig);
}

gboolean
sync_key_verify (SyncKey *self, const void *data, gsize len, const char *signature_hex)
{
  guint8 sig[crypto_sign_BYTES];

  return from_hex (sig, sizeof sig, signature_hex)
         && crypto_sign_verify_detached (sig, data, len, self->pk) == 0;
}

void
sync_key_free (SyncKey *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self, sizeof *self);
  g_free (self);
}
