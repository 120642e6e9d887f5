/* sync-certificate.c: the root key's delegation to a hub's online key (see sync-certificate.h).
 *
 * As The Update Framework teaches, the key that signs every manifest lives on the hub, online,
 * where it can be stolen; the root that vouches for it stays offline. A certificate is the
 * root's signature over the online key, the hub's name and an epoch. Replacing a stolen key
 * takes only a new certificate (with the old key listed as revoked): kiosks learn it with the
 * next manifest and never need their trust file changed.
 */
#include "sync-certificate.h"
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-json.h"
#include "sync-time.h"

char *
sync_certificate_default_hub (SyncKey *root)
{
  return g_strdup_printf ("hub-%.16s", sync_key_get_id (root));
}

GBytes *
sync_certificate_issue (SyncKey *root, SyncKey *key, const char *hub, gint64 epoch,
                        const char *const *revoked)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *issued_at = sync_time_format (NULL);
  g_autofree char *default_hub = sync_certificate_default_hub (root);

  json_builder_begin_object (b);
  sync_json_add_string (b, "type", SYNC_CERTIFICATE_TYPE);
  sync_json_add_string (b, "hub", hub != NULL ? hub : default_hub);
  sync_json_add_string (b, "key", sync_key_get_id (key));
  sync_json_add_int (b, "epoch", epoch);
  sync_json_add_string (b, "issued_at", issued_at);
  json_builder_set_member_name (b, "revoked");
  json_builder_begin_array (b);
  for (guint i = 0; revoked != NULL && revoked[i] != NULL; i++)
    json_builder_add_string_value (b, revoked[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  return sync_envelope_seal (root, SYNC_CERTIFICATE_TYPE, payload);
}

static gboolean
check_fields (const SyncCertificate *self, GError **error)
{
  if (!sync_json_is_hex (self->key, SYNC_KEY_PUBLIC_BYTES) || self->epoch < 1 || self->hub[0] == '\0')
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED,
                   "certificate: needs a hub, a key of 64 hexadecimal digits and an epoch of at least 1");
      return FALSE;
    }
  return TRUE;
}

SyncCertificate *
sync_certificate_parse (GBytes *bytes, SyncKey *root, GError **error)
{
  g_autofree char *signer = NULL;
  g_autoptr(JsonNode) payload = sync_envelope_open (bytes, SYNC_CERTIFICATE_TYPE,
                                                    root != NULL ? sync_key_get_id (root) : NULL,
                                                    "certificate", &signer, error);
  g_autoptr(SyncCertificate) self = NULL;
  JsonObject *obj;
  const char *hub, *key, *issued_at;

  if (payload == NULL)
    return NULL;
  obj = json_node_get_object (payload);
  self = g_new0 (SyncCertificate, 1);
  if ((hub = sync_json_get_string (obj, "hub", "certificate", error)) == NULL
      || (key = sync_json_get_string (obj, "key", "certificate", error)) == NULL
      || (issued_at = sync_json_get_string (obj, "issued_at", "certificate", error)) == NULL
      || !sync_json_get_int (obj, "epoch", "certificate", &self->epoch, error)
      || (self->revoked = sync_json_get_strv (obj, "revoked", "certificate", error)) == NULL)
    return NULL;
  self->root = g_steal_pointer (&signer);
  self->hub = g_strdup (hub);
  self->key = g_strdup (key);
  self->issued_at = g_strdup (issued_at);
  return check_fields (self, error) ? g_steal_pointer (&self) : NULL;
}

gboolean
sync_certificate_revokes (const SyncCertificate *self, const char *key_id)
{
  return g_strv_contains ((const char *const *) self->revoked, key_id);
}

void
sync_certificate_free (SyncCertificate *self)
{
  if (self == NULL)
    return;
  g_free (self->root);
  g_free (self->hub);
  g_free (self->key);
  g_free (self->issued_at);
  g_strfreev (self->revoked);
  g_free (self);
}
