/* fuzz-sync-payload.c: libFuzzer target for what lies behind a sync signature: the manifest,
 * certificate and usage batch parsers.
 *
 * A signature stops a mutated document before its parser, so here the input is the payload
 * text itself, signed inside the target with the test keys (tests/fuzz/keys/) as each type of
 * document, then parsed. A key that leaks, or a hub that has a bug, must not make a kiosk or hub
 * crash on what it signed: a parser refuses (SYNC_ERROR_REFUSED) or gives a document whose
 * fields hold what sync-manifest.h and sync-certificate.h promise.
 */
#include "config.h"
#include "sync-certificate.h"
#include "sync-error.h"
#include "sync-manifest.h"
#include "sync-usage.h"
#include "fuzz-util.h"

#include <string.h>

static SyncKey *root, *signing;

static SyncKey *
load_key (const char *name)
{
  g_autofree char *path = g_build_filename (BANLANG_SOURCE_ROOT, "tests", "fuzz", "keys", name, NULL);
  g_autoptr(GError) error = NULL;
  SyncKey *key = sync_key_load (path, &error);

  if (key == NULL)
    fuzz_util_fail (path, error);
  return key;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_util_init ();
  root = load_key ("root.key");
  signing = load_key ("signing.key");
  return 0;
}

/* The envelope sync_envelope_seal() would make for @payload, taken as text as it is. */
static GBytes *
seal_text (SyncKey *key, const char *type, const char *payload)
{
  g_autofree char *message = g_strdup_printf ("banlang-sync\n%s\n%s", type, payload);
  g_autofree char *signature = sync_key_sign (key, message, strlen (message));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  char *out;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, payload);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, sync_key_get_id (key));
  json_builder_set_member_name (b, "signature");
  json_builder_add_string_value (b, signature);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  out = json_to_string (node, FALSE);
  return g_bytes_new_take (out, strlen (out));
}

static void
check_error (GError *error)
{
  if (!g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED))
    fuzz_util_fail ("a document refused with another error", error);
}

static void
check_manifest (const char *payload)
{
  g_autoptr(GBytes) bytes = seal_text (signing, SYNC_MANIFEST_TYPE, payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncManifest) m = sync_manifest_parse (bytes, sync_key_get_id (signing), &error);

  if (m == NULL)
    return check_error (error);
  if (m->hub == NULL || m->key == NULL || m->issued_at == NULL || m->expires_at == NULL
      || m->deltas == NULL)
    fuzz_util_fail ("a manifest accepted without its fields", NULL);
  sync_manifest_total_size (m);
  if (m->snapshot != NULL)
    {
      g_autoptr(SyncManifestBundle) copy = sync_manifest_bundle_copy (m->snapshot);
      if (copy->name == NULL || copy->sha256 == NULL)
        fuzz_util_fail ("a bundle accepted without its name or hash", NULL);
    }
  for (guint i = 0; i < m->deltas->len; i++)
    {
      SyncManifestBundle *d = g_ptr_array_index (m->deltas, i);
      if (d->name == NULL || d->sha256 == NULL)
        fuzz_util_fail ("a bundle accepted without its name or hash", NULL);
    }
}

static void
check_certificate (const char *payload)
{
  g_autoptr(GBytes) bytes = seal_text (root, SYNC_CERTIFICATE_TYPE, payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncCertificate) c = sync_certificate_parse (bytes, root, &error);

  if (c == NULL)
    return check_error (error);
  if (c->root == NULL || c->hub == NULL || c->key == NULL || c->issued_at == NULL || c->epoch < 1)
    fuzz_util_fail ("a certificate accepted without its fields or with an epoch below 1", NULL);
  sync_certificate_revokes (c, sync_key_get_id (signing));
}

static void
check_usage (const char *payload)
{
  g_autoptr(GBytes) bytes = seal_text (signing, SYNC_USAGE_TYPE, payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncUsageBatch) batch = sync_usage_batch_parse_verified (bytes, &error);

  if (batch == NULL)
    return check_error (error);
  if (sync_usage_batch_get_sender (batch) == NULL || sync_usage_batch_get_rows (batch) == NULL
      || sync_usage_batch_get_misses (batch) == NULL)
    fuzz_util_fail ("a usage batch accepted without its sender, rows or misses", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *payload = fuzz_util_string (data, size);

  /* A JSON string holds only UTF-8: a hub cannot sign anything else. */
  if (!g_utf8_validate (payload, -1, NULL))
    return 0;
  check_manifest (payload);
  check_certificate (payload);
  check_usage (payload);
  return 0;
}
