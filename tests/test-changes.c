/* test-changes.c: what a hub sends its replicas (content-changes.c): a snapshot of the sample
 * content applied to an empty kiosk gives the same live content; a delta holds only what
 * changed, tombstones included; drafts never leave the hub. */
#include "content-changes.h"
#include "content-drafts.h"
#include "content-error.h"
#include "content-importer.h"
#include "content-replica-stage.h"
#include "test-util.h"

#include <string.h>

#define NOTICE(id, status, title) \
  "{\"id\": \"" id "\", \"kind\": \"notice\", \"status\": \"" status "\", \"topics\": [\"law-family\"]," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"Phòng Tư pháp\", \"sources\": [{\"title\": \"s\"}]," \
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null}," \
  " \"texts\": {\"vi\": {\"title\": \"" title "\"}}}"

static ContentStore *hub;
static ContentStore *kiosk;

static void
setup (void)
{
  g_autofree char *kiosk_path = NULL;
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  hub = test_util_seed_store (test_dir);
  kiosk_path = g_build_filename (test_dir, "kiosk.db", NULL);
  kiosk = content_store_open (kiosk_path, CONTENT_STORE_OPEN_CREATE, &error);
  ck_assert_msg (kiosk != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&hub);
  g_clear_object (&kiosk);
  test_util_dir_teardown ();
}

static void
hub_import (const char *name, const char *json)
{
  g_autofree char *path = test_util_write (test_dir, name, json);

  test_util_import (hub, path);
}

static gboolean
apply (GPtrArray *records, gint64 from_seq, gint64 to_seq, gboolean snapshot, const char *issued_at,
       GError **error)
{
  ContentReplicaBatch batch = { "hub-qn", "m", issued_at, from_seq, to_seq, snapshot, NULL };

  return test_util_apply_records (kiosk, &batch, records, NULL, error);
}

static guint
count_kind (GPtrArray *records, ContentRecordKind kind, gboolean tombstones)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (records, i);
      if (r->kind == kind && (r->record == NULL && r->bytes == NULL) == tombstones)
        n++;
    }
  return n;
}

/* The sample content (items of every kind, topics with pictograms, rules with case tables,
 * greetings) goes from the hub to an empty kiosk whole. */
START_TEST (test_snapshot_round_trip)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_hub = NULL, *on_kiosk = NULL;
  gint64 to_seq = 0;
  g_autoptr(GPtrArray) records = content_store_list_changes (hub, 0, TRUE, &to_seq, &error);

  ck_assert_msg (records != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (to_seq, test_util_seq (hub));
  ck_assert_uint_gt (count_kind (records, CONTENT_RECORD_ITEM, FALSE), 10);
  ck_assert_uint_gt (count_kind (records, CONTENT_RECORD_MEDIA, FALSE), 0);
  ck_assert_uint_gt (count_kind (records, CONTENT_RECORD_CASES, FALSE), 0);
  ck_assert_msg (apply (records, 0, to_seq, TRUE, "2026-11-20T08:00:00Z", &error), "%s", error->message);
  on_hub = test_util_describe_live (hub);
  on_kiosk = test_util_describe_live (kiosk);
  ck_assert_str_eq (on_kiosk, on_hub);
}
END_TEST

static GBytes *
count_blob (const char *sha256, gint64 size, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no bytes here");
  return NULL;
}

/* A snapshot (of a new history) to a kiosk that holds its blobs keeps them: their bytes are
 * neither asked for nor copied, and each takes the snapshot's seq. */
START_TEST (test_snapshot_keeps_blobs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_hub = NULL, *on_kiosk = NULL;
  gint64 to_seq = 0;
  g_autoptr(GPtrArray) records = content_store_list_changes (hub, 0, TRUE, &to_seq, &error);
  ContentReplicaBatch batch = { "hub-qn", "m2", "2026-11-21T08:00:00Z", 0, 0, TRUE, NULL, TRUE };
  g_autoptr(ContentReplicaStage) stage = NULL;
  guint asked = 0;

  ck_assert_msg (apply (records, 0, to_seq, TRUE, "2026-11-20T08:00:00Z", &error), "%s", error->message);
  g_clear_pointer (&records, g_ptr_array_unref);
  hub_import ("n.json", NOTICE ("notice-new", "published", "Mới"));
  records = content_store_list_changes (hub, 0, TRUE, &to_seq, &error);
  batch.to_seq = to_seq;
  stage = content_replica_stage_new (kiosk, &batch, &error);
  for (guint i = 0; i < records->len; i++)
    ck_assert (content_replica_stage_add (stage, g_ptr_array_index (records, i), &error));
  ck_assert_msg (content_store_apply_replica (kiosk, stage, count_blob, &asked, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  ck_assert_uint_eq (asked, 0);
  on_hub = test_util_describe_live (hub);
  on_kiosk = test_util_describe_live (kiosk);
  ck_assert_str_eq (on_kiosk, on_hub);
}
END_TEST

/* Publishes on the hub, with @flags, the correction of notice-fix that @json (written to file
 * @name) holds. */
static void
hub_correct (const char *name, const char *json, ContentPublishFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentImporter) importer = content_importer_new (hub);
  g_autofree char *path = test_util_write (test_dir, name, json);
  ContentChange change = { "officer-1", TRUE };
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "notice-fix" };

  content_importer_set_change (importer, &change);
  ck_assert_msg (content_importer_add_path (importer, path, &error)
                 && content_importer_commit (importer, NULL, NULL, &error), "%s", error->message);
  ck_assert_msg (content_store_publish (hub, &ref, 1, "publisher-1", flags, &error), "%s", error->message);
}

/* An item published marked important reaches a kiosk, whose validator takes the record (the
 * mark is not content), and whose own changes carry the mark as the hub's did: an SMS
 * responder may read a replica. */
START_TEST (test_important_mark_kept_by_kiosk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(ContentItem) item = NULL;
  gint64 to_seq;

  hub_import ("n.json", NOTICE ("notice-fix", "published", "Họp"));
  hub_correct ("fix.json", NOTICE ("notice-fix", "published", "Họp (sửa)"), CONTENT_PUBLISH_IMPORTANT);
  records = content_store_list_changes (hub, 0, TRUE, &to_seq, &error);
  ck_assert_msg (apply (records, 0, to_seq, TRUE, "2026-11-20T08:00:00Z", &error), "%s", error->message);
  item = content_store_get_item (kiosk, "notice-fix", &error);
  ck_assert_ptr_nonnull (item);
  ck_assert_str_eq (content_item_get_text (item, "vi")->title, "Họp (sửa)");
  ck_assert_int_eq (test_util_change_important (kiosk, "notice-fix"), TRUE);
  ck_assert_int_eq (test_util_pragma (kiosk, "SELECT count(*) FROM replica_important"), 1);
}
END_TEST

/* Whether the changes after @after_seq that @store gives hold item @id, and with the mark: -1
 * when they do not hold it, else whether its record says "important": true. */
static int
delta_important (ContentStore *store, gint64 after_seq, const char *id)
{
  g_autoptr(GError) error = NULL;
  gint64 to_seq;
  g_autoptr(GPtrArray) records = content_store_list_changes (store, after_seq, FALSE, &to_seq, &error);

  ck_assert_msg (records != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < records->len; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (records, i);
      if (r->kind == CONTENT_RECORD_ITEM && r->record != NULL && g_str_equal (r->id, id))
        return json_object_get_boolean_member_with_default (json_node_get_object (r->record), "important", FALSE);
    }
  return -1;
}

/* Applies to the kiosk the hub's changes after @from_seq as a delta; returns the new seq. */
static gint64
apply_delta (gint64 from_seq, const char *issued_at)
{
  g_autoptr(GError) error = NULL;
  gint64 to_seq;
  g_autoptr(GPtrArray) records = content_store_list_changes (hub, from_seq, FALSE, &to_seq, &error);

  ck_assert_msg (records != NULL && apply (records, from_seq, to_seq, FALSE, issued_at, &error), "%s",
                 error->message);
  return to_seq;
}

/* What an SMS responder reading a replica sees, delta by delta: an important correction comes
 * marked from the replica's changes as from the hub's; a plain correction after it does not,
 * and the replica keeps no mark for it. */
START_TEST (test_replica_changes_say_important)
{
  gint64 first, second, third;

  hub_import ("n.json", NOTICE ("notice-fix", "published", "Họp"));
  first = apply_delta (0, "2026-11-20T08:00:00Z");
  hub_correct ("fix.json", NOTICE ("notice-fix", "published", "Họp (sửa)"), CONTENT_PUBLISH_IMPORTANT);
  second = apply_delta (first, "2026-11-21T08:00:00Z");
  ck_assert_int_eq (delta_important (hub, first, "notice-fix"), TRUE);
  ck_assert_int_eq (delta_important (kiosk, first, "notice-fix"), TRUE);
  hub_correct ("fix2.json", NOTICE ("notice-fix", "published", "Họp (sửa lần hai)"), CONTENT_PUBLISH_DEFAULT);
  third = apply_delta (second, "2026-11-22T08:00:00Z");
  ck_assert_int_gt (third, second);
  ck_assert_int_eq (delta_important (hub, second, "notice-fix"), FALSE);
  ck_assert_int_eq (delta_important (kiosk, second, "notice-fix"), FALSE);
  ck_assert_int_eq (test_util_pragma (kiosk, "SELECT count(*) FROM replica_important"), 0);
}
END_TEST

/* A delta brings what changed after the kiosk's seq and its tombstones; a draft stays home. */
START_TEST (test_delta_only_changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL, delta = NULL;
  g_autofree char *on_hub = NULL, *on_kiosk = NULL;
  ContentRef gone = { CONTENT_RECORD_ITEM, NULL };
  gint64 first, second;

  all = content_store_list_changes (hub, 0, TRUE, &first, &error);
  ck_assert (apply (all, 0, first, TRUE, "2026-11-20T08:00:00Z", &error));
  gone.id = ((ContentReplicaRecord *) g_ptr_array_index (all, all->len - 1))->id;
  for (guint i = 0; i < all->len && gone.kind == CONTENT_RECORD_ITEM; i++)
    {
      const ContentReplicaRecord *r = g_ptr_array_index (all, i);
      if (r->kind == CONTENT_RECORD_ITEM && g_str_has_prefix (r->id, "product-"))
        {
          gone.id = r->id;
          break;
        }
    }
  ck_assert (content_store_delete (hub, &gone, "publisher-1", &error));
  hub_import ("new.json", NOTICE ("notice-new", "published", "Mới"));
  hub_import ("draft.json", NOTICE ("notice-draft", "draft", "Nháp"));

  delta = content_store_list_changes (hub, first, FALSE, &second, &error);
  ck_assert_msg (delta != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (delta->len, 2);
  ck_assert_uint_eq (count_kind (delta, CONTENT_RECORD_ITEM, TRUE), 1);
  ck_assert_str_eq (((ContentReplicaRecord *) g_ptr_array_index (delta, 1))->id, "notice-new");
  ck_assert_msg (apply (delta, first, second, FALSE, "2026-11-21T08:00:00Z", &error), "%s", error->message);
  ck_assert (!content_store_has_item (kiosk, gone.id, NULL));
  ck_assert (!content_store_has_item (kiosk, "notice-draft", NULL));
  on_hub = test_util_describe_live (hub);
  on_kiosk = test_util_describe_live (kiosk);
  ck_assert_str_eq (on_kiosk, on_hub);
}
END_TEST

/* A topic without an icon (the format allows none) reaches the kiosk as it is. */
START_TEST (test_topic_without_icon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *on_hub = NULL, *on_kiosk = NULL;
  gint64 to_seq;

  hub_import ("t.json", "{\"topics\": [{\"id\": \"plain\", \"parent\": null, \"sms_code\": \"TRON\","
              " \"names\": {\"vi\": \"Trơn\"}}]}");
  records = content_store_list_changes (hub, 0, TRUE, &to_seq, &error);
  ck_assert_msg (apply (records, 0, to_seq, TRUE, "2026-11-20T08:00:00Z", &error), "%s", error->message);
  ck_assert (content_store_has_topic (kiosk, "plain", NULL));
  on_hub = test_util_describe_live (hub);
  on_kiosk = test_util_describe_live (kiosk);
  ck_assert_str_eq (on_kiosk, on_hub);
}
END_TEST

static gboolean
stop_at_first (const ContentReplicaRecord *record, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_EXISTS, "enough");
  return FALSE;
}

/* A callback that says stop stops the walk, with its error. */
START_TEST (test_callback_stops)
{
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  gint64 to_seq;

  ck_assert (!content_store_foreach_change (hub, 0, TRUE, stop_at_first, &calls, &to_seq, &error));
  ck_assert_uint_eq (calls, 1);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_EXISTS));
}
END_TEST

static Suite *
changes_suite (void)
{
  Suite *s = suite_create ("changes");
  TCase *tc = tcase_create ("changes");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_snapshot_round_trip);
  tcase_add_test (tc, test_delta_only_changes);
  tcase_add_test (tc, test_snapshot_keeps_blobs);
  tcase_add_test (tc, test_important_mark_kept_by_kiosk);
  tcase_add_test (tc, test_replica_changes_say_important);
  tcase_add_test (tc, test_topic_without_icon);
  tcase_add_test (tc, test_callback_stops);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (changes_suite ());
}
