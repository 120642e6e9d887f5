/* fuzz-sync-envelope.c: libFuzzer target for signed sync documents as they arrive: a site's
 * manifest.json and certificate.json (a kiosk fetches them from any HTTP server or USB stick)
 * and a usage batch (a hub takes it from any kiosk).
 *
 * The bytes go through sync_manifest_parse() against the test hub's signing key,
 * sync_certificate_parse() against the test root, and sync_usage_batch_parse_verified(). Most
 * mutations break the signature and are refused; what is checked is that every refusal is
 * SYNC_ERROR_REFUSED and nothing crashes or leaks on the way (envelope JSON, hex, key and
 * signature handling). fuzz-sync-payload reaches the parsers behind the signature.
 */
#include "config.h"
#include "sync-certificate.h"
#include "sync-error.h"
#include "sync-manifest.h"
#include "sync-usage.h"
#include "fuzz-util.h"

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
  root = load_key ("root.pub");
  signing = load_key ("signing.key");
  return 0;
}

static void
refused (gpointer parsed, GError *error, GDestroyNotify free_func)
{
  if (parsed != NULL)
    free_func (parsed);
  else if (!g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED))
    fuzz_util_fail ("a document refused with another error", error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;

  refused (sync_manifest_parse (bytes, sync_key_get_id (signing), &e1), e1,
           (GDestroyNotify) sync_manifest_free);
  refused (sync_certificate_parse (bytes, root, &e2), e2, (GDestroyNotify) sync_certificate_free);
  refused (sync_usage_batch_parse_verified (bytes, &e3), e3, (GDestroyNotify) sync_usage_batch_free);
  return 0;
}
