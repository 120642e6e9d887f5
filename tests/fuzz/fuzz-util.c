/* fuzz-util.c: helpers shared by the libFuzzer targets (see fuzz-util.h). */
#include "config.h"
#include "fuzz-util.h"
#include "content-importer.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

static char *tmpdir;

static GLogWriterOutput
writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_util_init (void)
{
  g_log_set_writer_func (writer, NULL, NULL);
}

void
fuzz_util_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        fuzz_util_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_tmpdir (void)
{
  fuzz_util_rm_rf (tmpdir);
}

const char *
fuzz_util_tmpdir (void)
{
  g_autoptr(GError) error = NULL;

  if (tmpdir != NULL)
    return tmpdir;
  tmpdir = g_dir_make_tmp ("banlang-fuzz-XXXXXX", &error);
  if (tmpdir == NULL)
    fuzz_util_fail ("a scratch directory", error);
  atexit (remove_tmpdir);
  return tmpdir;
}

ContentStore *
fuzz_util_seed_store (const char *name)
{
  g_autofree char *db = g_build_filename (fuzz_util_tmpdir (), name, NULL);
  g_autofree char *seed = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  g_autoptr(ContentImporter) importer = NULL;

  if (store == NULL)
    fuzz_util_fail ("the seed store", error);
  importer = content_importer_new (store);
  if (!content_importer_add_path (importer, seed, &error)
      || !content_importer_commit (importer, NULL, NULL, &error))
    fuzz_util_fail ("importing content/seed", error);
  return g_steal_pointer (&store);
}

char *
fuzz_util_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *) data, size);
}

void
fuzz_util_fail (const char *what, const GError *error)
{
  fprintf (stderr, "fuzz: %s%s%s\n", what, error != NULL ? ": " : "", error != NULL ? error->message : "");
  abort ();
}
