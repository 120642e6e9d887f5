/* sync-trust.c: rollback, freeze and revocation defences (see sync-trust.h).
 *
 * The Update Framework's lessons, in the order a kiosk meets them: a certificate from an
 * older epoch, or for a revoked key, is refused; a manifest older than the newest one the
 * kiosk trusted is a rollback (go-tuf shipped without that check: CVE-2022-29173); a manifest
 * carries an expiry, and a kiosk that hears nothing newer past it says it is stale. What it
 * learned is kept in its own database, written in the same transaction as the content it came
 * with, so neither a power cut nor a replaced trust file makes it forget.
 */
#include "sync-trust.h"
#include "sync-error.h"
#include "sync-json.h"
#include "sync-time.h"

SyncTrust *
sync_trust_new (void)
{
  SyncTrust *self = g_new0 (SyncTrust, 1);

  self->revoked = g_new0 (char *, 1);
  return self;
}

void
sync_trust_free (SyncTrust *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_strfreev (self->revoked);
  g_free (self->manifest);
  g_free (self->issued_at);
  g_free (self->expires_at);
  g_free (self->checked_at);
  g_free (self);
}

static char *
dup_member (JsonObject *obj, const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (obj, name, NULL));
}

SyncTrust *
sync_trust_from_json (JsonNode *node)
{
  SyncTrust *self = sync_trust_new ();
  JsonObject *obj = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *revoked;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (obj == NULL)
    return self;
  self->epoch = json_object_get_int_member_with_default (obj, "epoch", 0);
  self->version = json_object_get_int_member_with_default (obj, "version", 0);
  self->key = dup_member (obj, "key");
  self->manifest = dup_member (obj, "manifest");
  self->issued_at = dup_member (obj, "issued_at");
  self->expires_at = dup_member (obj, "expires_at");
  self->checked_at = dup_member (obj, "checked_at");
  revoked = json_object_has_member (obj, "revoked") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "revoked"))
            ? json_object_get_array_member (obj, "revoked") : NULL;
  for (guint i = 0; revoked != NULL && i < json_array_get_length (revoked); i++)
    if (json_array_get_string_element (revoked, i) != NULL)
      g_strv_builder_add (b, json_array_get_string_element (revoked, i));
  g_strfreev (self->revoked);
  self->revoked = g_strv_builder_end (b);
  return self;
}

JsonNode *
sync_trust_to_json (const SyncTrust *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "epoch");
  json_builder_add_int_value (b, self->epoch);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, self->version);
  sync_json_add_string (b, "key", self->key);
  json_builder_set_member_name (b, "revoked");
  json_builder_begin_array (b);
  for (guint i = 0; self->revoked[i] != NULL; i++)
    json_builder_add_string_value (b, self->revoked[i]);
  json_builder_end_array (b);
  sync_json_add_string (b, "manifest", self->manifest);
  sync_json_add_string (b, "issued_at", self->issued_at);
  sync_json_add_string (b, "expires_at", self->expires_at);
  sync_json_add_string (b, "checked_at", self->checked_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_REFUSED, message);
  return FALSE;
}

gboolean
sync_trust_check_certificate (const SyncTrust *self, const SyncCertificate *cert, GError **error)
{
  if (cert->epoch < self->epoch)
    return refuse (error, "the hub's certificate is from an older epoch than one this kiosk has seen");
  if (g_strv_contains ((const char *const *) self->revoked, cert->key) || sync_certificate_revokes (cert, cert->key))
    return refuse (error, "the hub's signing key has been revoked");
  return TRUE;
}

gboolean
sync_trust_check_manifest (const SyncTrust *self, const SyncCertificate *cert,
                           const SyncManifest *manifest, const char *manifest_id,
                           gboolean *same, GError **error)
{
  *same = FALSE;
  if (!g_str_equal (manifest->hub, cert->hub) || manifest->epoch != cert->epoch)
    return refuse (error, "the manifest is not of the hub and epoch its certificate names");
  if (manifest->epoch < self->epoch || (manifest->epoch == self->epoch && manifest->version < self->version))
    return refuse (error, "the manifest is older than the one this kiosk already holds (a rollback)");
  /* Issue times are in one form that orders as text (sync_manifest_parse()); they are the floor
   * of the kiosk's "today", which must never go back, with new content or without. */
  if (g_strcmp0 (manifest->issued_at, self->issued_at) < 0)
    return refuse (error, "the manifest was issued before the one this kiosk already holds");
  if (manifest->epoch == self->epoch && manifest->version == self->version)
    {
      if (g_strcmp0 (manifest_id, self->manifest) != 0)
        return refuse (error, "the manifest differs from the one of the same version this kiosk holds");
      *same = TRUE;
    }
  return TRUE;
}

void
sync_trust_learn (SyncTrust *self, const SyncCertificate *cert, const SyncManifest *manifest,
                  const char *manifest_id)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_addv (b, (const char **) self->revoked);
  for (guint i = 0; cert->revoked[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) self->revoked, cert->revoked[i]))
      g_strv_builder_add (b, cert->revoked[i]);
  g_strfreev (self->revoked);
  self->revoked = g_strv_builder_end (b);
  self->epoch = manifest->epoch;
  self->version = manifest->version;
  g_free (self->key);
  self->key = g_strdup (cert->key);
  g_free (self->manifest);
  self->manifest = g_strdup (manifest_id);
  g_free (self->issued_at);
  self->issued_at = g_strdup (manifest->issued_at);
  g_free (self->expires_at);
  self->expires_at = g_strdup (manifest->expires_at);
  g_free (self->checked_at);
  self->checked_at = sync_time_format (NULL);
}

gboolean
sync_trust_is_stale (const SyncTrust *self)
{
  g_autoptr(GDateTime) now = sync_time_now_at_least (self->issued_at);
  g_autoptr(GDateTime) expires = sync_time_parse (self->expires_at);

  return expires != NULL && g_date_time_compare (now, expires) > 0;
}
