/* fuzz-sync-bundle.c: libFuzzer target for reading a bundle file (sync_bundle_read()).
 *
 * A kiosk reads a bundle only after its hash matched the signed manifest, so what reaches the
 * reader is what a hub wrote: the reader must still refuse anything malformed with
 * SYNC_ERROR_REFUSED rather than crash, and hand on only records within the bundle's seqs. The
 * input is the bundle's JSON lines, compressed here as a hub does (zstd), or a zstd frame as it
 * is when it starts with zstd's magic number (so the decompressing loop is fuzzed too). The
 * manifest entry it is read against is taken from its own header and trailer when they parse,
 * so inputs get past those checks to the records.
 */
#include "sync-bundle.h"
#include "sync-error.h"
#include "fuzz-util.h"

#include <stdio.h>
#include <string.h>
#include <zstd.h>

static char *path;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_util_init ();
  path = g_build_filename (fuzz_util_tmpdir (), "bundle", NULL);
  return 0;
}

static void
write_file (const void *data, size_t size)
{
  FILE *f = fopen (path, "wb");

  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    fuzz_util_fail (path, NULL);
}

/* The JSON object on the line of @text from @start to the next newline, or NULL. */
static JsonObject *
line_object (JsonParser *parser, const char *text, size_t size, size_t start)
{
  const char *nl = memchr (text + start, '\n', size - start);
  JsonNode *root;

  if (nl == NULL || !json_parser_load_from_data (parser, text + start, nl - (text + start), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* @obj's member @name when it is an integer, else 0 (json-glib's getters complain of other types). */
static gint64
int_member (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

/* Fills @bundle and @hub from the header (first line) and trailer (last line) of @text. */
static void
entry_from_lines (const char *text, size_t size, SyncManifestBundle *bundle, char **hub)
{
  g_autoptr(JsonParser) header = json_parser_new ();
  g_autoptr(JsonParser) trailer = json_parser_new ();
  JsonObject *obj;
  size_t last = 0;

  if ((obj = line_object (header, text, size, 0)) != NULL)
    {
      JsonNode *node = json_object_get_member (obj, "hub");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        *hub = g_strdup (json_node_get_string (node));
      bundle->from_seq = int_member (obj, "from");
    }
  /* The trailer is the line before the final newline. */
  for (size_t i = 0; size > 1 && i < size - 1; i++)
    if (text[i] == '\n')
      last = i + 1;
  if (last > 0 && (obj = line_object (trailer, text, size, last)) != NULL)
    {
      bundle->to_seq = int_member (obj, "to");
      bundle->records = int_member (obj, "records");
    }
}

static gboolean
take_record (ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  const SyncManifestBundle *bundle = user_data;

  if (record->seq <= bundle->from_seq || record->seq > bundle->to_seq)
    fuzz_util_fail ("a record outside the bundle's seqs", NULL);
  content_replica_record_free (record);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const guint8 magic[] = { 0x28, 0xb5, 0x2f, 0xfd };
  SyncManifestBundle bundle = { (char *) "bundles/fuzz", (char *) "", (gint64) size, 0, 0, 0 };
  g_autofree char *hub = NULL;
  g_autoptr(GError) error = NULL;

  if (size >= sizeof magic && memcmp (data, magic, sizeof magic) == 0)
    write_file (data, size);
  else
    {
      size_t bound = ZSTD_compressBound (size);
      g_autofree void *out = g_malloc (bound);
      size_t n = ZSTD_compress (out, bound, data, size, 1);
      if (ZSTD_isError (n))
        fuzz_util_fail (ZSTD_getErrorName (n), NULL);
      write_file (out, n);
      entry_from_lines ((const char *) data, size, &bundle, &hub);
    }
  if (!sync_bundle_read (path, &bundle, hub != NULL ? hub : "hub-fuzz", take_record, &bundle, &error)
      && !g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED))
    fuzz_util_fail ("a bundle refused with another error", error);
  return 0;
}
