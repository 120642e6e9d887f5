/* test-util.c: fixtures shared by the check suites (see test-util.h). */
#include "config.h"
#include "test-util.h"
#include "content-changes.h"
#include "content-importer.h"
#include "content-replica-stage.h"
#include "content-store-private.h"

#include <glib/gstdio.h>
#include <stdlib.h>

char *
test_util_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("banlang-test-XXXXXX", &error);

  if (dir == NULL)
    g_error ("%s", error->message);
  return dir;
}

void
test_util_rm_rf (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        test_util_rm_rf (child);
      }
  g_remove (path);
}

char *
test_util_write (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("%s", error->message);
  return path;
}

char *test_dir;

void
test_util_dir_setup (void)
{
  test_dir = test_util_tmpdir ();
}

void
test_util_dir_teardown (void)
{
  test_util_rm_rf (test_dir);
  g_clear_pointer (&test_dir, g_free);
}

void
test_util_import (ContentStore *store, const char *path)
{
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;

  ck_assert_msg (content_importer_add_path (importer, path, &error), "%s", error ? error->message : "");
  ck_assert_msg (content_importer_commit (importer, NULL, NULL, &error), "%s", error ? error->message : "");
}

ContentStore *
test_util_seed_store (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "seed.db", NULL);
  g_autofree char *seed = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  test_util_import (store, seed);
  return g_steal_pointer (&store);
}

int
test_util_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

char *
test_util_describe_live (ContentStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 to_seq;
  g_autoptr(GPtrArray) records = content_store_list_changes (store, 0, TRUE, &to_seq, &error);
  GString *out = g_string_new (NULL);

  ck_assert_msg (records != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < records->len; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (records, i);
      g_autofree char *json = r->record != NULL ? json_to_string (r->record, FALSE) : NULL;
      g_autofree char *sum = r->bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, r->bytes) : NULL;

      g_string_append_printf (out, "%s %s %" G_GINT64_FORMAT " %d %s\n",
                              content_record_kind_to_string (r->kind), r->id, r->seq, r->position,
                              json != NULL ? json : sum);
    }
  return g_string_free (out, FALSE);
}

void
test_util_assert_integrity (ContentStore *store)
{
  sqlite3_stmt *stmt;

  ck_assert_int_eq (sqlite3_prepare_v2 (content_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL),
                    SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "ok");
  sqlite3_finalize (stmt);
}

gint64
test_util_pragma (ContentStore *store, const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  ck_assert_int_eq (sqlite3_prepare_v2 (content_store_get_db (store), sql, -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gint64
test_util_seq (ContentStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  ck_assert_msg (content_store_get_seq (store, &seq, &error), "%s", error != NULL ? error->message : "");
  return seq;
}

char *
test_util_today (ContentStore *store)
{
  g_autoptr(GError) error = NULL;
  char *today = content_store_today (store, &error);

  ck_assert_msg (today != NULL, "%s", error != NULL ? error->message : "");
  return today;
}

int
test_util_change_important (ContentStore *store, const char *id)
{
  g_autoptr(GError) error = NULL;
  gint64 to_seq;
  g_autoptr(GPtrArray) records = content_store_list_changes (store, 0, TRUE, &to_seq, &error);

  ck_assert_msg (records != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < records->len; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (records, i);
      JsonObject *obj = r->record != NULL ? json_node_get_object (r->record) : NULL;
      if (r->kind == CONTENT_RECORD_ITEM && g_str_equal (r->id, id))
        return json_object_has_member (obj, "important") ? json_object_get_boolean_member (obj, "important") : -1;
    }
  ck_abort_msg ("no record of %s", id);
  return -1;
}

/* The bytes of the blob @sha256 among the records in @user_data. */
static GBytes *
blob_of (const char *sha256, gint64 size, gpointer user_data, GError **error)
{
  GPtrArray *records = user_data;

  for (guint i = 0; i < records->len; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (records, i);
      if (r->bytes != NULL && g_str_equal (r->id, sha256))
        return g_bytes_ref (r->bytes);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no blob %s among the records", sha256);
  return NULL;
}

gboolean
test_util_apply_records (ContentStore *store, const ContentReplicaBatch *batch, GPtrArray *records,
                         ContentStoreProgressFunc progress, GError **error)
{
  g_autoptr(ContentReplicaStage) stage = content_replica_stage_new (store, batch, error);

  if (stage == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    if (!content_replica_stage_add (stage, g_ptr_array_index (records, i), error))
      return FALSE;
  return content_store_apply_replica (store, stage, blob_of, records, progress, NULL, error);
}
