/* fuzz-import.c: libFuzzer target for the JSON importer on one file's bytes.
 *
 * The bytes are written to a file and imported into a fresh copy of a store made once from
 * content/seed (so references to its topics, laws and codes resolve, and an id already there
 * is an update), then the copy is thrown away: nothing leaks from one input to the next. An
 * input starting with a tab is imported as a rule file (rules/fuzz.json), any other as an item
 * or bundle file (fuzz.json). Checked: an import either commits or fails with
 * CONTENT_ERROR_INVALID_INPUT, and a refused import changes nothing (DESIGN: "a bad file changes
 * nothing").
 */
#include "content-error.h"
#include "content-importer.h"
#include "fuzz-util.h"

#include <glib/gstdio.h>
#include <stdio.h>

static char *template_bytes;
static gsize template_size;
static char *db_path, *item_path, *rules_path;

static void
write_file (const char *path, const void *data, size_t size)
{
  FILE *f = fopen (path, "wb");

  /* Plain stdio, not g_file_set_contents(): no fsync for a scratch file rewritten per input. */
  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    fuzz_util_fail (path, NULL);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *dir;
  g_autofree char *template = NULL, *rules_dir = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_util_init ();
  dir = fuzz_util_tmpdir ();
  g_object_unref (fuzz_util_seed_store ("template.db"));
  template = g_build_filename (dir, "template.db", NULL);
  if (!g_file_get_contents (template, &template_bytes, &template_size, &error))
    fuzz_util_fail ("the template store", error);
  db_path = g_build_filename (dir, "content.db", NULL);
  item_path = g_build_filename (dir, "fuzz.json", NULL);
  rules_dir = g_build_filename (dir, "rules", NULL);
  g_mkdir (rules_dir, 0700);
  rules_path = g_build_filename (rules_dir, "fuzz.json", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = size > 0 && data[0] == '\t' ? rules_path : item_path;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentImporter) importer = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL), *shm = g_strconcat (db_path, "-shm", NULL);
  gint64 seq, after;

  g_unlink (wal);
  g_unlink (shm);
  write_file (db_path, template_bytes, template_size);
  write_file (path, data, size);
  store = content_store_open (db_path, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    fuzz_util_fail ("opening the copy of the seed store", error);
  if (!content_store_get_seq (store, &seq, &error))
    fuzz_util_fail ("reading the seed store's seq", error);
  importer = content_importer_new (store);
  if (!content_importer_add_path (importer, path, &error))
    fuzz_util_fail ("a readable file could not be read", error);
  if (!content_importer_commit (importer, NULL, NULL, &error))
    {
      if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT))
        fuzz_util_fail ("an import failed with another error than invalid input", error);
      if (!content_store_get_seq (store, &after, NULL) || after != seq)
        fuzz_util_fail ("a refused import changed the store", NULL);
    }
  g_unlink (path);
  return 0;
}
