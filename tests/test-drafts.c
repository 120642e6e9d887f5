/* test-drafts.c: drafts beside live content, publishing, archiving, deleting, revisions, diff,
 * restore, derived translation state and the migration from schema 2. */
#include "content-diff.h"
#include "content-drafts.h"
#include "content-error.h"
#include "content-importer.h"
#include "content-resources.h"
#include "content-search.h"
#include "content-store-private.h"
#include "test-util.h"

#include <string.h>

#define TOPICS "{\"topics\": [{\"id\": \"law\", \"parent\": null, \"icon\": \"scale\", \"sms_code\": \"LUAT\"," \
  " \"names\": {\"vi\": \"Pháp luật\"}}]}"

/* A notice with Vietnamese and English text; @status, @vi and @en vary. */
#define NOTICE(id, status, vi, en) \
  "{\"id\": \"" id "\", \"kind\": \"notice\", \"status\": \"" status "\", \"topics\": [\"law\"]," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"Phòng Tư pháp\", \"sources\": [{\"title\": \"s\"}]," \
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null}," \
  " \"texts\": {\"vi\": {\"title\": \"" vi "\", \"body\": \"Dòng một.\\n\\nDòng hai.\"}," \
  " \"en\": {\"title\": \"" en "\"}}}"

static ContentStore *store;

static void
setup (void)
{
  g_autofree char *db = NULL, *topics = NULL, *item = NULL;
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  db = g_build_filename (test_dir, "c.db", NULL);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  topics = test_util_write (test_dir, "in/topics.json", TOPICS);
  item = test_util_write (test_dir, "in/notice/notice-dat.json",
                          NOTICE ("notice-dat", "published", "Họp dân về đất đai", "Village meeting on land"));
  test_util_import (store, topics);
  test_util_import (store, item);
}

static void
teardown (void)
{
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* Imports @json as drafts (or published when @draft is FALSE) by @author; returns success. */
static gboolean
import_as (const char *json, gboolean draft, const char *author, GError **error)
{
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autofree char *path = test_util_write (test_dir, "edit.json", json);
  ContentChange change = { author, draft };

  content_importer_set_change (importer, &change);
  return content_importer_add_path (importer, path, error) && content_importer_commit (importer, NULL, NULL, error);
}

static void
save_draft (const char *json)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (import_as (json, TRUE, "officer-1", &error), "%s", error ? error->message : "");
}

static char *
live_title (const char *id)
{
  g_autoptr(ContentItem) item = content_store_get_item (store, id, NULL);

  return item != NULL ? g_strdup (content_item_get_text (item, "vi")->title) : NULL;
}

static guint
hits (const char *query)
{
  g_autoptr(GPtrArray) r = content_store_search (store, query, NULL, NULL);

  return r != NULL ? r->len : 0;
}

static const ContentRef notice = { CONTENT_RECORD_ITEM, (char *) "notice-dat" };

/* A correction published marked important: its revision keeps the mark and its change record
 * says so; a plain publication says nothing. */
START_TEST (test_important_publication_marked)
{
  g_autoptr(GError) error = NULL;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về đất đai (sửa giờ)", "Village meeting on land"));
  ck_assert_msg (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_IMPORTANT, &error), "%s",
                 error ? error->message : "");
  ck_assert_int_eq (test_util_change_important (store, "notice-dat"), TRUE);
  ck_assert_int_eq (test_util_pragma (store, "SELECT important FROM revisions WHERE what = 'item' AND id = "
                                             "'notice-dat' ORDER BY rev DESC LIMIT 1"), 1);
}
END_TEST

START_TEST (test_plain_publication_unmarked)
{
  g_autoptr(GError) error = NULL;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về đất đai (sửa giờ)", "Village meeting on land"));
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert_int_eq (test_util_change_important (store, "notice-dat"), -1);
}
END_TEST

/* A first publication may not be marked important (it alerts followers anyway): refused,
 * nothing published. */
START_TEST (test_important_first_publication_refused)
{
  g_autoptr(GError) error = NULL;
  const ContentRef fresh = { CONTENT_RECORD_ITEM, (char *) "notice-moi" };
  gint64 seq = test_util_seq (store);
  g_autoptr(JsonNode) draft = NULL;

  save_draft (NOTICE ("notice-moi", "published", "Thông báo mới", "New notice"));
  ck_assert (!content_store_publish (store, &fresh, 1, "publisher-1", CONTENT_PUBLISH_IMPORTANT, &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT));
  ck_assert_int_eq (test_util_seq (store), seq);
  draft = content_store_get_draft (store, &fresh, NULL);
  ck_assert_ptr_nonnull (draft);
}
END_TEST

/* The mark belongs to the publication: the next one, unmarked, or an archive, drops it. */
START_TEST (test_important_mark_not_inherited)
{
  g_autoptr(GError) error = NULL;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân (sửa một)", "Village meeting on land"));
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_IMPORTANT, &error));
  save_draft (NOTICE ("notice-dat", "published", "Họp dân (sửa hai)", "Village meeting on land"));
  ck_assert_int_eq (test_util_change_important (store, "notice-dat"), TRUE);  /* a saved draft is not live */
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert_int_eq (test_util_change_important (store, "notice-dat"), -1);
}
END_TEST

START_TEST (test_draft_invisible_until_published)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 seq;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng", "Village meeting on forest"));
  before = live_title ("notice-dat");
  ck_assert_str_eq (before, "Họp dân về đất đai");
  ck_assert_uint_eq (hits ("rung"), 0);
  ck_assert_uint_eq (hits ("dat dai"), 1);
  seq = test_util_seq (store);
  ck_assert_msg (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error), "%s", error ? error->message : "");
  after = live_title ("notice-dat");
  ck_assert_str_eq (after, "Họp dân về rừng");
  ck_assert_int_eq (test_util_seq (store), seq + 1);
  ck_assert_uint_eq (hits ("rung"), 1);
  ck_assert_uint_eq (hits ("dat dai"), 0);
  /* The draft is gone once published. */
  ck_assert_ptr_null (content_store_get_draft (store, &notice, NULL));
}
END_TEST

START_TEST (test_new_draft_item_not_live)
{
  g_autoptr(GArray) drafts = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "notice-moi" };
  g_autoptr(JsonNode) draft = NULL;

  save_draft (NOTICE ("notice-moi", "published", "Thông báo mới", "New notice"));
  ck_assert (!content_store_has_item (store, "notice-moi", NULL));
  drafts = content_store_list_drafts (store, NULL);
  ck_assert_uint_eq (drafts->len, 1);
  ck_assert_str_eq (g_array_index (drafts, ContentRef, 0).id, "notice-moi");
  draft = content_store_get_draft (store, &ref, NULL);
  ck_assert_ptr_nonnull (draft);
}
END_TEST

/* An item imported with status "draft" is saved as a draft even by a live import. */
START_TEST (test_draft_status_saved_as_draft)
{
  g_autoptr(GError) error = NULL;

  ck_assert (import_as (NOTICE ("notice-nhap", "draft", "Bản nháp", "Draft"), FALSE, "import", &error));
  ck_assert (!content_store_has_item (store, "notice-nhap", NULL));
}
END_TEST

START_TEST (test_publish_checks_like_import)
{
  g_autoptr(GError) error = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "notice-moi" };
  g_autofree char *bad = g_strdup (NOTICE ("notice-moi", "published", "Mới", "New"));
  gint64 seq;
  char *topic = strstr (bad, "[\"law\"]");

  /* A draft may name a topic that does not exist yet only if it is a draft too: here it
   * names one that exists nowhere, which the draft import already refuses. */
  memcpy (topic, "[\"xyz\"]", 7);
  ck_assert (!import_as (bad, TRUE, "officer-1", &error));
  ck_assert (strstr (error->message, "no topic “xyz”") != NULL);
  g_clear_error (&error);
  /* A draft of a topic and an item in it: publishing the item alone is refused. */
  save_draft ("{\"topics\": [{\"id\": \"xyz\", \"parent\": null, \"icon\": \"scale\", \"sms_code\": \"XYZ\", \"names\": {\"vi\": \"X\"}}]}");
  save_draft (bad);
  seq = test_util_seq (store);
  ck_assert (!content_store_publish (store, &ref, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert_msg (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT), "%s", error->message);
  ck_assert (strstr (error->message, "xyz") != NULL);
  ck_assert_int_eq (test_util_seq (store), seq);
  ck_assert (!content_store_has_item (store, "notice-moi", NULL));
  g_clear_error (&error);
  /* Published together, they land. */
  {
    ContentRef both[] = { { CONTENT_RECORD_TOPIC, (char *) "xyz" }, ref };
    ck_assert_msg (content_store_publish (store, both, 2, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error), "%s", error ? error->message : "");
  }
  ck_assert_int_eq (test_util_seq (store), seq + 2);
}
END_TEST

START_TEST (test_publish_without_draft_not_found)
{
  g_autoptr(GError) error = NULL;

  ck_assert (!content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND));
}
END_TEST

START_TEST (test_archive_takes_seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentItem) item = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 seq = test_util_seq (store);

  ck_assert (content_store_archive (store, "notice-dat", "publisher-1", &error));
  item = content_store_get_item (store, "notice-dat", NULL);
  ck_assert_int_eq (item->status, CONTENT_STATUS_ARCHIVED);
  ck_assert_int_eq (item->seq, seq + 1);
  listed = content_store_list_kind (store, CONTENT_KIND_NOTICE, NULL);
  ck_assert_uint_eq (listed->len, 0);
  ck_assert_uint_eq (hits ("dat dai"), 0);
}
END_TEST

static gint64
tombstone_seq (const char *what, const char *id)
{
  sqlite3_stmt *stmt;
  gint64 seq = -1;

  sqlite3_prepare_v2 (content_store_get_db (store), "SELECT seq FROM tombstones WHERE what = ?1 AND id = ?2",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, what, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return seq;
}

START_TEST (test_delete_leaves_tombstone_and_restores)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 seq = test_util_seq (store);
  ContentRevision *last;

  ck_assert (content_store_delete (store, &notice, "publisher-1", &error));
  ck_assert (!content_store_has_item (store, "notice-dat", NULL));
  ck_assert_int_eq (tombstone_seq ("item", "notice-dat"), seq + 1);
  revisions = content_store_list_revisions (store, &notice, NULL);
  last = g_ptr_array_index (revisions, revisions->len - 1);
  ck_assert_str_eq (last->action, "delete");
  /* Deleting again: nothing there. */
  ck_assert (!content_store_delete (store, &notice, "publisher-1", &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND));
  g_clear_error (&error);
  /* The first revision comes back as a draft; published, its tombstone goes. */
  ck_assert_msg (content_store_restore (store, &notice, 1, "publisher-1", &error), "%s", error ? error->message : "");
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert (content_store_has_item (store, "notice-dat", NULL));
  ck_assert_int_eq (tombstone_seq ("item", "notice-dat"), -1);
}
END_TEST

START_TEST (test_topic_in_use_not_deleted)
{
  g_autoptr(GError) error = NULL;
  ContentRef topic = { CONTENT_RECORD_TOPIC, (char *) "law" };

  ck_assert (!content_store_delete (store, &topic, "publisher-1", &error));
  ck_assert_msg (strstr (error->message, "still holds 1 items") != NULL, "%s", error->message);
  ck_assert (content_store_has_topic (store, "law", NULL));
}
END_TEST

START_TEST (test_revisions_record_author_and_action)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  const ContentRevision *r;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng", "Village meeting on forest"));
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  revisions = content_store_list_revisions (store, &notice, NULL);
  ck_assert_uint_eq (revisions->len, 3);
  r = g_ptr_array_index (revisions, 0);
  ck_assert_str_eq (r->action, "publish");
  ck_assert_str_eq (r->author, "import");
  r = g_ptr_array_index (revisions, 1);
  ck_assert_int_eq (r->rev, 2);
  ck_assert_str_eq (r->action, "save");
  ck_assert_str_eq (r->author, "officer-1");
  r = g_ptr_array_index (revisions, 2);
  ck_assert_str_eq (r->action, "publish");
  ck_assert_str_eq (r->author, "publisher-1");
  ck_assert_str_eq (r->status, "published");
}
END_TEST

/* content.db goes to every kiosk: an author must be an account id, never a person's name. */
START_TEST (test_author_name_refused)
{
  g_autoptr(GError) error = NULL;

  ck_assert (!import_as (NOTICE ("notice-dat", "published", "X", "Y"), TRUE, "Nguyễn Văn A", &error));
  ck_assert (strstr (error->message, "account id") != NULL);
  ck_assert_uint_eq (content_store_list_revisions (store, &notice, NULL)->len, 1);
}
END_TEST

START_TEST (test_diff_names_changed_fields)
{
  g_autoptr(JsonNode) a = NULL, b = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  gboolean found;
  const ContentDiffEntry *e;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng", "Village meeting on land"));
  a = content_store_get_revision (store, &notice, 1, &found, NULL);
  b = content_store_get_revision (store, &notice, 2, &found, NULL);
  entries = content_diff_records (a, b);
  ck_assert_uint_eq (entries->len, 1);
  e = g_ptr_array_index (entries, 0);
  ck_assert_str_eq (e->path, "texts.vi.title");
  ck_assert_str_eq (e->before, "Họp dân về đất đai");
  ck_assert_str_eq (e->after, "Họp dân về rừng");
  text = content_diff_to_text (entries);
  ck_assert_str_eq (text, "texts.vi.title\n  - Họp dân về đất đai\n  + Họp dân về rừng\n");
  g_ptr_array_unref (entries);
  entries = content_diff_records (a, a);
  ck_assert_uint_eq (entries->len, 0);
}
END_TEST

START_TEST (test_diff_body_line_by_line)
{
  JsonNode *a = json_from_string ("{\"body\": \"one\\ntwo\\nthree\\nfour\\nfive\\nsix\\nseven\"}", NULL);
  JsonNode *b = json_from_string ("{\"body\": \"one\\ntwo\\nthree\\nfour\\nfive\\nSIX\\nseven\"}", NULL);
  g_autoptr(GPtrArray) entries = content_diff_records (a, b);
  g_autofree char *text = content_diff_to_text (entries);

  ck_assert_str_eq (text, "body\n    …\n    four\n    five\n  - six\n  + SIX\n    seven\n");
  json_node_unref (a);
  json_node_unref (b);
}
END_TEST

START_TEST (test_restore_is_new_revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = NULL, draft = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gboolean found;

  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng", "Village meeting on forest"));
  ck_assert (content_store_restore (store, &notice, 1, "publisher-1", &error));
  revisions = content_store_list_revisions (store, &notice, NULL);
  ck_assert_uint_eq (revisions->len, 3);
  ck_assert_str_eq (((ContentRevision *) g_ptr_array_index (revisions, 2))->action, "restore");
  first = content_store_get_revision (store, &notice, 1, &found, NULL);
  draft = content_store_get_draft (store, &notice, NULL);
  ck_assert (json_node_equal (first, draft));
  ck_assert (!content_store_restore (store, &notice, 9, "publisher-1", &error));
}
END_TEST

static gboolean
needs_review (const char *id, const char *lang)
{
  g_autoptr(GPtrArray) states = content_store_list_translation_states (store, id, NULL);

  for (guint i = 0; i < states->len; i++)
    {
      ContentTranslationState *s = g_ptr_array_index (states, i);
      if (g_str_equal (s->lang, lang))
        return s->needs_review;
    }
  ck_abort_msg ("no %s translation", lang);
  return FALSE;
}

START_TEST (test_translation_needs_review_after_vi_changes)
{
  g_autoptr(GError) error = NULL;

  ck_assert (!needs_review ("notice-dat", "en"));
  /* The Vietnamese changes, the English does not: it needs review. */
  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng", "Village meeting on land"));
  ck_assert (needs_review ("notice-dat", "en"));
  /* Publishing does not change that. */
  ck_assert (content_store_publish (store, &notice, 1, "publisher-1", CONTENT_PUBLISH_DEFAULT, &error));
  ck_assert (needs_review ("notice-dat", "en"));
  /* A translator confirms it. */
  ck_assert (content_store_confirm_translation (store, "notice-dat", "en", &error));
  ck_assert (!needs_review ("notice-dat", "en"));
  /* A changed translation is made from the Vietnamese of its revision. */
  save_draft (NOTICE ("notice-dat", "published", "Họp dân về rừng núi", "Village meeting on forests"));
  ck_assert (!needs_review ("notice-dat", "en"));
  ck_assert (!content_store_confirm_translation (store, "notice-dat", "zh", &error));
}
END_TEST

/* A database as schema 2 left it, with a published and a draft item, comes forward with a
 * first revision for each record and the draft moved out of the live tables. */
START_TEST (test_migration_from_schema_2)
{
  g_autofree char *db = g_build_filename (test_dir, "v2.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) migrated = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  ContentRef draft_ref = { CONTENT_RECORD_ITEM, (char *) "n-draft" };
  g_autoptr(JsonNode) draft = NULL;
  sqlite3 *raw;
  const char *rows =
    "INSERT INTO counter VALUES ('seq', 3) ON CONFLICT DO UPDATE SET value = 3;"
    "INSERT INTO topics VALUES ('law', NULL, 0, '', 'LUAT', 1);"
    "INSERT INTO topic_names VALUES ('law', 'vi', 'Pháp luật');"
    "INSERT INTO items VALUES ('n-pub', 'notice', 'published', NULL, '2026-01-01', 'x', '[{\"title\":\"s\"}]',"
    " '{\"valid_from\":\"2026-01-01\",\"valid_to\":null}', 2);"
    "INSERT INTO item_texts VALUES ('n-pub', 'vi', 'Công khai', NULL, NULL, NULL, '[]');"
    "INSERT INTO items VALUES ('n-draft', 'notice', 'draft', NULL, '2026-01-01', 'x', '[{\"title\":\"s\"}]',"
    " '{\"valid_from\":\"2026-01-01\",\"valid_to\":null}', 3);"
    "INSERT INTO item_texts VALUES ('n-draft', 'vi', 'Nháp', NULL, NULL, NULL, '[]');"
    "PRAGMA user_version = 2; PRAGMA application_id = 1113681484;";

  sqlite3_open (db, &raw);
  content_tokenizer_register (raw);
  for (int v = 1; v <= 2; v++)
    {
      g_autofree char *name = g_strdup_printf ("/org/banlang/content/schema/%03d.sql", v);
      g_autoptr(GBytes) sql = g_resource_lookup_data (content_get_resource (), name, 0, NULL);
      ck_assert_int_eq (sqlite3_exec (raw, g_bytes_get_data (sql, NULL), NULL, NULL, NULL), SQLITE_OK);
    }
  ck_assert_int_eq (sqlite3_exec (raw, rows, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (raw);

  migrated = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  ck_assert_msg (migrated != NULL, "%s", error ? error->message : "");
  ck_assert (content_store_has_item (migrated, "n-pub", NULL));
  ck_assert (!content_store_has_item (migrated, "n-draft", NULL));
  draft = content_store_get_draft (migrated, &draft_ref, NULL);
  ck_assert_ptr_nonnull (draft);
  revisions = content_store_list_revisions (migrated, &draft_ref, NULL);
  ck_assert_uint_eq (revisions->len, 1);
  ck_assert_str_eq (((ContentRevision *) g_ptr_array_index (revisions, 0))->author, "migration");
  g_ptr_array_unref (revisions);
  {
    ContentRef topic = { CONTENT_RECORD_TOPIC, (char *) "law" };
    revisions = content_store_list_revisions (migrated, &topic, NULL);
  }
  ck_assert_uint_eq (revisions->len, 1);
  ck_assert_int_eq (test_util_seq (migrated), 3);
}
END_TEST

static Suite *
drafts_suite (void)
{
  Suite *s = suite_create ("drafts");
  TCase *tc = tcase_create ("drafts");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_draft_invisible_until_published);
  tcase_add_test (tc, test_new_draft_item_not_live);
  tcase_add_test (tc, test_draft_status_saved_as_draft);
  tcase_add_test (tc, test_publish_checks_like_import);
  tcase_add_test (tc, test_publish_without_draft_not_found);
  tcase_add_test (tc, test_archive_takes_seq);
  tcase_add_test (tc, test_delete_leaves_tombstone_and_restores);
  tcase_add_test (tc, test_topic_in_use_not_deleted);
  tcase_add_test (tc, test_revisions_record_author_and_action);
  tcase_add_test (tc, test_author_name_refused);
  tcase_add_test (tc, test_diff_names_changed_fields);
  tcase_add_test (tc, test_diff_body_line_by_line);
  tcase_add_test (tc, test_restore_is_new_revision);
  tcase_add_test (tc, test_translation_needs_review_after_vi_changes);
  tcase_add_test (tc, test_migration_from_schema_2);
  tcase_add_test (tc, test_important_publication_marked);
  tcase_add_test (tc, test_plain_publication_unmarked);
  tcase_add_test (tc, test_important_mark_not_inherited);
  tcase_add_test (tc, test_important_first_publication_refused);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (drafts_suite ());
}
