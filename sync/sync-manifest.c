/* sync-manifest.c: the manifest, written and read (see sync-manifest.h).
 *
 * A manifest names every file a replica needs by its SHA-256 and size, so nothing it fetches
 * is trusted on the word of the server (or the USB stick) that served it: mixing files never
 * published together fails the hash. Its (epoch, version) pair orders manifests for rollback
 * checks, its expiry bounds how long a frozen mirror can hide news, and its issue time is the
 * floor of a kiosk's "today".
 */
#include "sync-manifest.h"
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-json.h"
#include "sync-time.h"

SyncManifest *
sync_manifest_new (void)
{
  SyncManifest *self = g_new0 (SyncManifest, 1);

  self->deltas = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_manifest_bundle_free);
  return self;
}

SyncManifestBundle *
sync_manifest_bundle_copy (const SyncManifestBundle *bundle)
{
  SyncManifestBundle *copy = g_memdup2 (bundle, sizeof *bundle);

  copy->name = g_strdup (bundle->name);
  copy->sha256 = g_strdup (bundle->sha256);
  return copy;
}

void
sync_manifest_bundle_free (SyncManifestBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->name);
  g_free (bundle->sha256);
  g_free (bundle);
}

void
sync_manifest_free (SyncManifest *self)
{
  if (self == NULL)
    return;
  g_free (self->hub);
  g_free (self->key);
  g_free (self->issued_at);
  g_free (self->expires_at);
  sync_manifest_bundle_free (self->snapshot);
  g_ptr_array_unref (self->deltas);
  g_free (self);
}

gint64
sync_manifest_total_size (const SyncManifest *self)
{
  gint64 total = self->snapshot->size;

  for (guint i = 0; i < self->deltas->len; i++)
    total += ((SyncManifestBundle *) g_ptr_array_index (self->deltas, i))->size;
  return total;
}

static void
add_bundle (JsonBuilder *b, const SyncManifestBundle *bundle)
{
  json_builder_begin_object (b);
  sync_json_add_string (b, "name", bundle->name);
  sync_json_add_string (b, "sha256", bundle->sha256);
  sync_json_add_int (b, "size", bundle->size);
  sync_json_add_int (b, "from", bundle->from_seq);
  sync_json_add_int (b, "to", bundle->to_seq);
  sync_json_add_int (b, "records", bundle->records);
  json_builder_end_object (b);
}

GBytes *
sync_manifest_seal (const SyncManifest *self, SyncKey *key)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;

  json_builder_begin_object (b);
  sync_json_add_string (b, "type", SYNC_MANIFEST_TYPE);
  sync_json_add_string (b, "hub", self->hub);
  sync_json_add_string (b, "key", self->key);
  sync_json_add_int (b, "epoch", self->epoch);
  sync_json_add_int (b, "version", self->version);
  sync_json_add_int (b, "seq", self->seq);
  sync_json_add_string (b, "issued_at", self->issued_at);
  sync_json_add_string (b, "expires_at", self->expires_at);
  json_builder_set_member_name (b, "snapshot");
  add_bundle (b, self->snapshot);
  json_builder_set_member_name (b, "deltas");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->deltas->len; i++)
    add_bundle (b, g_ptr_array_index (self->deltas, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  return sync_envelope_seal (key, SYNC_MANIFEST_TYPE, payload);
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "manifest: %s", why);
  return FALSE;
}

static SyncManifestBundle *
parse_bundle (JsonNode *node, GError **error)
{
  g_autoptr(SyncManifestBundle) bundle = g_new0 (SyncManifestBundle, 1);
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name, *sha256;
  g_autofree char *expected = NULL;

  if (obj == NULL)
    {
      refuse (error, "a bundle must be an object");
      return NULL;
    }
  if ((name = sync_json_get_string (obj, "name", "manifest bundle", error)) == NULL
      || (sha256 = sync_json_get_string (obj, "sha256", "manifest bundle", error)) == NULL
      || !sync_json_get_int (obj, "size", "manifest bundle", &bundle->size, error)
      || !sync_json_get_int (obj, "from", "manifest bundle", &bundle->from_seq, error)
      || !sync_json_get_int (obj, "to", "manifest bundle", &bundle->to_seq, error)
      || !sync_json_get_int (obj, "records", "manifest bundle", &bundle->records, error))
    return NULL;
  /* The name is fixed by the hash, so a manifest can never point outside the site. */
  expected = g_strconcat ("bundles/", sha256, NULL);
  if (!sync_json_is_hex (sha256, 32) || !g_str_equal (name, expected) || bundle->size < 0
      || bundle->from_seq < 0 || bundle->to_seq < bundle->from_seq)
    {
      refuse (error, "a bundle's name, hash, size or seqs are malformed");
      return NULL;
    }
  bundle->name = g_strdup (name);
  bundle->sha256 = g_strdup (sha256);
  return g_steal_pointer (&bundle);
}

/* The deltas continue one another from the snapshot's seq or later, up to the manifest's seq. */
static gboolean
check_chain (const SyncManifest *self, GError **error)
{
  gint64 at = -1;

  if (self->snapshot->from_seq != 0)
    return refuse (error, "a snapshot starts from seq 0");
  for (guint i = 0; i < self->deltas->len; i++)
    {
      const SyncManifestBundle *d = g_ptr_array_index (self->deltas, i);
      if (at >= 0 && d->from_seq != at)
        return refuse (error, "its deltas do not continue one another");
      at = d->to_seq;
    }
  if ((at >= 0 ? at : self->snapshot->to_seq) != self->seq || self->snapshot->to_seq > self->seq)
    return refuse (error, "its bundles do not reach its seq");
  return TRUE;
}

/* TRUE when @text is a time exactly as sync_time_format() writes it. */
static gboolean
is_time (const char *text)
{
  g_autoptr(GDateTime) time = sync_time_parse (text);
  g_autofree char *again = time != NULL ? sync_time_format (time) : NULL;

  return again != NULL && g_str_equal (again, text);
}

static gboolean
parse_fields (SyncManifest *self, JsonObject *obj, GError **error)
{
  const char *hub, *key, *issued_at, *expires_at;
  JsonNode *deltas = json_object_get_member (obj, "deltas");
  JsonNode *snapshot = json_object_get_member (obj, "snapshot");

  if ((hub = sync_json_get_string (obj, "hub", "manifest", error)) == NULL
      || (key = sync_json_get_string (obj, "key", "manifest", error)) == NULL
      || (issued_at = sync_json_get_string (obj, "issued_at", "manifest", error)) == NULL
      || (expires_at = sync_json_get_string (obj, "expires_at", "manifest", error)) == NULL
      || !sync_json_get_int (obj, "epoch", "manifest", &self->epoch, error)
      || !sync_json_get_int (obj, "version", "manifest", &self->version, error)
      || !sync_json_get_int (obj, "seq", "manifest", &self->seq, error))
    return FALSE;
  /* Times are compared as text (the floor of "today", issue times never going back): only the
   * one form that orders that way is taken. */
  if (!is_time (issued_at) || !is_time (expires_at))
    return refuse (error, "issued_at and expires_at must be UTC times, YYYY-MM-DDTHH:MM:SSZ");
  self->hub = g_strdup (hub);
  self->key = g_strdup (key);
  self->issued_at = g_strdup (issued_at);
  self->expires_at = g_strdup (expires_at);
  if (snapshot == NULL || deltas == NULL || !JSON_NODE_HOLDS_ARRAY (deltas))
    return refuse (error, "needs a snapshot and an array of deltas");
  if ((self->snapshot = parse_bundle (snapshot, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (deltas)); i++)
    {
      SyncManifestBundle *d = parse_bundle (json_array_get_element (json_node_get_array (deltas), i), error);
      if (d == NULL)
        return FALSE;
      g_ptr_array_add (self->deltas, d);
    }
  return check_chain (self, error);
}

SyncManifest *
sync_manifest_parse (GBytes *bytes, const char *key_id, GError **error)
{
  g_autofree char *signer = NULL;
  g_autoptr(JsonNode) payload = sync_envelope_open (bytes, SYNC_MANIFEST_TYPE, key_id, "manifest", &signer, error);
  g_autoptr(SyncManifest) self = sync_manifest_new ();

  if (payload == NULL || !parse_fields (self, json_node_get_object (payload), error))
    return NULL;
  if (!g_str_equal (self->key, signer))
    {
      refuse (error, "names another key than the one that signed it");
      return NULL;
    }
  return g_steal_pointer (&self);
}
