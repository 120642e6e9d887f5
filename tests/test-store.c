/* test-store.c: opening, schema versions, the seq counter and language fallback. */
#include "content-store-private.h"
#include "content-resources.h"
#include "content-error.h"
#include "content-importer.h"
#include "content-language.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>


START_TEST (test_create_sets_schema_and_wal)
{
  g_autofree char *db = g_build_filename (test_dir, "c.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  sqlite3_stmt *stmt;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_pragma (store, "PRAGMA user_version"), CONTENT_STORE_SCHEMA_VERSION);
  ck_assert_int_eq (test_util_pragma (store, "PRAGMA foreign_keys"), 1);
  ck_assert_int_ne (test_util_pragma (store, "PRAGMA application_id"), 0);
  sqlite3_prepare_v2 (content_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL);
  sqlite3_step (stmt);
  ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "wal");
  sqlite3_finalize (stmt);
  ck_assert_int_eq (test_util_seq (store), 0);
}
END_TEST

/* A counter that cannot be read is a failure, never a seq of 0. */
START_TEST (test_seq_read_failure_is_not_zero)
{
  g_autofree char *db = g_build_filename (test_dir, "c.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  gint64 seq = 42;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (sqlite3_exec (content_store_get_db (store), "DROP TABLE counter", NULL, NULL, NULL), SQLITE_OK);
  ck_assert (!content_store_get_seq (store, &seq, &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_DATABASE));
  ck_assert_int_eq (seq, 42);
}
END_TEST

/* A database of schema version 1, as the first release wrote it, is brought forward. */
START_TEST (test_version_1_is_migrated)
{
  g_autofree char *db = g_build_filename (test_dir, "v1.db", NULL);
  g_autoptr(GBytes) v1 = g_resource_lookup_data (content_get_resource (), "/org/banlang/content/schema/001.sql", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  sqlite3 *raw;

  ck_assert_ptr_nonnull (v1);
  sqlite3_open (db, &raw);
  content_tokenizer_register (raw);
  ck_assert_int_eq (sqlite3_exec (raw, g_bytes_get_data (v1, NULL), NULL, NULL, NULL), SQLITE_OK);
  sqlite3_exec (raw, "PRAGMA user_version = 1; PRAGMA application_id = 1113681484", NULL, NULL, NULL);
  sqlite3_close (raw);

  store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_pragma (store, "PRAGMA user_version"), CONTENT_STORE_SCHEMA_VERSION);
  ck_assert_int_eq (test_util_pragma (store, "SELECT count (*) FROM rule_parts"), 0);
}
END_TEST

START_TEST (test_missing_file_is_not_created)
{
  g_autofree char *db = g_build_filename (test_dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);

  ck_assert_ptr_null (store);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND));
  ck_assert (!g_file_test (db, G_FILE_TEST_EXISTS));
}
END_TEST

/* A 0-byte file (a failed copy, a touch, a full disk) is not a store to any reader: the error
 * names it and the file is left as it was. Only opening to create makes it one (banlang init). */
START_TEST (test_empty_file_is_not_a_store)
{
  static const ContentStoreOpenFlags readers[] = { CONTENT_STORE_OPEN_DEFAULT, CONTENT_STORE_OPEN_READ_ONLY };
  g_autofree char *db = test_util_write (test_dir, "empty.db", "");
  g_autoptr(ContentStore) created = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ContentStore) store = content_store_open (db, readers[i], &error);
      GStatBuf st;

      ck_assert_ptr_null (store);
      ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB));
      ck_assert_ptr_nonnull (strstr (error->message, db));
      ck_assert_ptr_nonnull (strstr (error->message, "empty"));
      ck_assert_int_eq (g_stat (db, &st), 0);
      ck_assert_int_eq (st.st_size, 0);
    }
  created = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  ck_assert_ptr_nonnull (created);
  ck_assert_int_eq (test_util_pragma (created, "PRAGMA user_version"), CONTENT_STORE_SCHEMA_VERSION);
}
END_TEST

START_TEST (test_newer_schema_is_refused)
{
  g_autofree char *db = g_build_filename (test_dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) reopened = NULL;

  {
    g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
    sqlite3_exec (content_store_get_db (store), "PRAGMA user_version = 99", NULL, NULL, NULL);
  }
  reopened = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  ck_assert_ptr_null (reopened);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_SCHEMA_TOO_NEW));
  ck_assert_ptr_nonnull (strstr (error->message, "99"));
  ck_assert_ptr_nonnull (strstr (error->message, db));
}
END_TEST

START_TEST (test_other_sqlite_file_is_refused)
{
  g_autofree char *db = g_build_filename (test_dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  sqlite3 *raw;

  sqlite3_open (db, &raw);
  sqlite3_exec (raw, "CREATE TABLE inbox (id INTEGER)", NULL, NULL, NULL);
  sqlite3_close (raw);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  ck_assert_ptr_null (store);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB));
  /* ...and it was left alone: still no schema of ours in it. */
  sqlite3_open (db, &raw);
  ck_assert_int_eq (sqlite3_exec (raw, "SELECT * FROM items", NULL, NULL, NULL), SQLITE_ERROR);
  sqlite3_close (raw);
}
END_TEST

START_TEST (test_text_file_is_refused)
{
  g_autofree char *db = test_util_write (test_dir, "notes.txt", "these are not the droids\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  g_autofree char *after = NULL;

  ck_assert_ptr_null (store);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_CONTENT_DB));
  g_file_get_contents (db, &after, NULL, NULL);
  ck_assert_str_eq (after, "these are not the droids\n");
}
END_TEST

static const char item_json[] =
  "{\"id\": \"notice-%s\", \"kind\": \"notice\", \"status\": \"published\", \"topics\": [],"
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"test\", \"sources\": [{\"title\": \"t\"}],"
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null},"
  " \"texts\": {\"vi\": {\"title\": \"Thông báo %s\"}}}";

static void
import_text (ContentStore *store, const char *name, const char *text)
{
  g_autofree char *path = test_util_write (test_dir, name, text);

  test_util_import (store, path);
}

START_TEST (test_seq_counts_every_change)
{
  g_autofree char *db = g_build_filename (test_dir, "seq.db", NULL);
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  g_autofree char *a = g_strdup_printf (item_json, "a", "A");
  g_autofree char *b = g_strdup_printf (item_json, "b", "B");
  g_autofree char *bundle = g_strdup_printf ("{\"items\": [%s, %s]}", a, b);
  g_autoptr(ContentItem) item = NULL;

  import_text (store, "bundle.json", bundle);
  ck_assert_int_eq (test_util_seq (store), 2);
  item = content_store_get_item (store, "notice-b", NULL);
  ck_assert_int_eq (item->seq, 2);
  /* Importing an existing id updates it and takes a new value. */
  import_text (store, "again.json", a);
  g_clear_pointer (&item, content_item_free);
  item = content_store_get_item (store, "notice-a", NULL);
  ck_assert_int_eq (item->seq, 3);
  ck_assert_int_eq (test_util_seq (store), 3);
}
END_TEST

static int
interrupt (void *data)
{
  return 1;
}

/* Each lookup tells "there is none" (CONTENT_ERROR_NOT_FOUND) from "the database failed"
 * (here every statement is interrupted: CONTENT_ERROR_DATABASE). */
START_TEST (test_not_found_is_not_a_failure)
{
  g_autoptr(ContentStore) seeded = test_util_seed_store (test_dir);
  const char *ids[] = { "law-hon-nhan-gia-dinh-2014", "no-such-id" };

  for (int failing = 0; failing <= 1; failing++)
    {
      GQuark domain = CONTENT_ERROR;
      int code = failing ? CONTENT_ERROR_DATABASE : CONTENT_ERROR_NOT_FOUND;
      g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;
      g_autofree char *what = NULL, *id = NULL, *linked = NULL;
      ContentKind kind;

      sqlite3_progress_handler (content_store_get_db (seeded), 1, failing ? interrupt : NULL, NULL);
      ck_assert (!content_store_has_item (seeded, ids[!failing], &e1));
      ck_assert (g_error_matches (e1, domain, code));
      ck_assert (!content_store_has_topic (seeded, failing ? "law" : "no-such-topic", &e2));
      ck_assert (g_error_matches (e2, domain, code));
      ck_assert (!content_store_find_sms_code (seeded, failing ? "HONNHAN" : "NOSUCHCODE", &what, &id, &e3));
      ck_assert (g_error_matches (e3, domain, code));
      linked = content_store_find_item_code (seeded, failing ? "HONNHAN" : "NOSUCHCODE", &e4);
      ck_assert_ptr_null (linked);
      ck_assert (g_error_matches (e4, domain, code));
      ck_assert (!content_store_get_item_kind (seeded, ids[!failing], &kind, &e5));
      ck_assert (g_error_matches (e5, domain, code));
    }
  sqlite3_progress_handler (content_store_get_db (seeded), 0, NULL, NULL);
  ck_assert (content_store_has_item (seeded, ids[0], NULL));
}
END_TEST

START_TEST (test_language_chain)
{
  g_auto(GStrv) tyz = content_language_chain ("tyz");
  g_auto(GStrv) en = content_language_chain ("en");
  g_autofree char *tyz_s = g_strjoinv (",", tyz);
  g_autofree char *en_s = g_strjoinv (",", en);

  ck_assert_str_eq (tyz_s, "tyz,vi,en");
  ck_assert_str_eq (en_s, "en,vi");
  ck_assert_ptr_null (content_language_chain ("daz"));
  ck_assert_ptr_null (content_language_lookup ("yao"));
  ck_assert_str_eq (content_language_lookup ("vi")->native_name, "Tiếng Việt");
  ck_assert_ptr_null (content_language_lookup ("ium")->voice);
}
END_TEST

START_TEST (test_text_follows_fallback_chain)
{
  g_autoptr(ContentItem) item = content_item_new ();
  ContentText *vi = content_text_new ("vi"), *en = content_text_new ("en");

  g_ptr_array_add (item->texts, vi);
  g_ptr_array_add (item->texts, en);
  ck_assert_ptr_eq (content_item_get_text_for (item, "tyz"), vi);
  ck_assert_ptr_eq (content_item_get_text_for (item, "en"), en);
  g_ptr_array_remove (item->texts, vi);
  /* Vietnamese reader, no Vietnamese text: the chain vi → en finds English. */
  ck_assert_ptr_eq (content_item_get_text_for (item, "vi"), en);
}
END_TEST

START_TEST (test_law_not_yet_in_force)
{
  g_autoptr(ContentItem) item = content_item_new ();

  item->kind = CONTENT_KIND_LAW;
  item->details = json_from_string ("{\"effective_from\": \"2027-01-01\", \"status\": \"in_force\"}", NULL);
  ck_assert_str_eq (content_item_law_status (item, "2026-11-23"), "not_yet_in_force");
  ck_assert_str_eq (content_item_law_status (item, "2027-01-01"), "in_force");
}
END_TEST

START_TEST (test_plain_body_drops_markup)
{
  g_autoptr(ContentText) text = content_text_new ("vi");
  g_autofree char *plain = NULL;

  text->body = g_strdup ("## Tuổi kết hôn\n\nNam **đủ 20 tuổi**, nữ *đủ 18*.\n\n- một\n- hai");
  plain = content_text_body_plain (text);
  ck_assert_str_eq (plain, "Tuổi kết hôn\nNam đủ 20 tuổi, nữ đủ 18.\nmột\nhai");
}
END_TEST

/* Notices show from their first day through their last, newest first; drafts never. */
START_TEST (test_current_notices)
{
  g_autoptr(ContentStore) seeded = test_util_seed_store (test_dir);
  g_autoptr(GPtrArray) before = content_store_list_current_notices (seeded, "2025-12-31", 0, NULL);
  g_autoptr(GPtrArray) both = content_store_list_current_notices (seeded, "2026-07-01", 0, NULL);
  g_autoptr(GPtrArray) last = content_store_list_current_notices (seeded, "2026-12-31", 0, NULL);
  g_autoptr(GPtrArray) after = content_store_list_current_notices (seeded, "2027-01-01", 0, NULL);

  ck_assert_uint_eq (before->len, 0);
  ck_assert_uint_eq (both->len, 2);
  ck_assert_str_eq (g_ptr_array_index (both, 0), "notice-ghe-tre-em-o-to");
  ck_assert_str_eq (g_ptr_array_index (both, 1), "notice-bhyt-2026");
  ck_assert_uint_eq (last->len, 2);
  ck_assert_uint_eq (after->len, 0);
  {
    g_autoptr(GPtrArray) newest = content_store_list_current_notices (seeded, "2026-07-01", 1, NULL);

    ck_assert_uint_eq (newest->len, 1);
    ck_assert_str_eq (g_ptr_array_index (newest, 0), "notice-ghe-tre-em-o-to");
  }
}
END_TEST

START_TEST (test_guides_of_a_law)
{
  g_autoptr(ContentStore) seeded = test_util_seed_store (test_dir);
  g_autoptr(GPtrArray) guides = content_store_list_guides_of (seeded, "law-hon-nhan-gia-dinh-2014", NULL);
  g_autoptr(GPtrArray) none = content_store_list_guides_of (seeded, "guide-tuoi-ket-hon", NULL);

  ck_assert_uint_eq (guides->len, 5);
  ck_assert (g_ptr_array_find_with_equal_func (guides, "guide-tuoi-ket-hon", g_str_equal, NULL));
  ck_assert (g_ptr_array_find_with_equal_func (guides, "guide-ep-cuoi-thach-cuoi", g_str_equal, NULL));
  ck_assert_uint_eq (none->len, 0);
}
END_TEST

START_TEST (test_kind_and_stars)
{
  g_autoptr(ContentStore) seeded = test_util_seed_store (test_dir);
  g_autoptr(GPtrArray) places = content_store_list_kind (seeded, CONTENT_KIND_PLACE, NULL);
  g_autoptr(GPtrArray) best = content_store_list_products_with_stars (seeded, 5, NULL);
  g_autoptr(GPtrArray) good = content_store_list_products_with_stars (seeded, 4, NULL);

  ck_assert_uint_eq (places->len, 13);
  ck_assert (g_ptr_array_find_with_equal_func (places, "place-hoanh-mo", g_str_equal, NULL));
  ck_assert_uint_gt (best->len, 0);
  ck_assert_uint_gt (good->len, best->len);
  for (guint i = 0; i < good->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (seeded, g_ptr_array_index (good, i), NULL);
      JsonNode *stars = content_item_get_detail_node (item, "stars");

      ck_assert_int_eq (item->kind, CONTENT_KIND_PRODUCT);
      ck_assert_int_ge (json_node_get_int (stars), i < best->len ? 5 : 4);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("store");
  TCase *tc = tcase_create ("store");

  tcase_add_checked_fixture (tc, test_util_dir_setup, test_util_dir_teardown);
  tcase_add_test (tc, test_create_sets_schema_and_wal);
  tcase_add_test (tc, test_missing_file_is_not_created);
  tcase_add_test (tc, test_version_1_is_migrated);
  tcase_add_test (tc, test_empty_file_is_not_a_store);
  tcase_add_test (tc, test_newer_schema_is_refused);
  tcase_add_test (tc, test_other_sqlite_file_is_refused);
  tcase_add_test (tc, test_text_file_is_refused);
  tcase_add_test (tc, test_seq_counts_every_change);
  tcase_add_test (tc, test_not_found_is_not_a_failure);
  tcase_add_test (tc, test_language_chain);
  tcase_add_test (tc, test_text_follows_fallback_chain);
  tcase_add_test (tc, test_law_not_yet_in_force);
  tcase_add_test (tc, test_plain_body_drops_markup);
  tcase_add_test (tc, test_current_notices);
  tcase_add_test (tc, test_guides_of_a_law);
  tcase_add_test (tc, test_kind_and_stars);
  tcase_add_test (tc, test_seq_read_failure_is_not_zero);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
