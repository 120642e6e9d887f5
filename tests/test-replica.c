/* test-replica.c: a kiosk's store taking a hub's published records: deltas, snapshots,
 * tombstones, refusals, a process killed at every record of an apply, "today" and usage, the
 * important mark kept beside the items, a state that cannot be read. */
#include "content-drafts.h"
#include "content-error.h"
#include "content-replica.h"
#include "content-replica-stage.h"
#include "content-store-private.h"
#include "test-util.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOPICS "{\"topics\": [{\"id\": \"law\", \"parent\": null, \"icon\": \"scale\", \"sms_code\": \"LUAT\"," \
  " \"names\": {\"vi\": \"Pháp luật\"}}]}"

#define NOTICE(id, title) \
  "{\"id\": \"" id "\", \"kind\": \"notice\", \"status\": \"published\", \"topics\": [\"law\"]," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"Phòng Tư pháp\", \"sources\": [{\"title\": \"s\"}]," \
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null}," \
  " \"texts\": {\"vi\": {\"title\": \"" title "\"}}}"

static ContentStore *hub;
static ContentStore *kiosk;
static char *kiosk_path;

static void
setup (void)
{
  g_autofree char *hub_path = NULL;
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  hub_path = g_build_filename (test_dir, "hub.db", NULL);
  kiosk_path = g_build_filename (test_dir, "kiosk.db", NULL);
  hub = content_store_open (hub_path, CONTENT_STORE_OPEN_CREATE, &error);
  kiosk = content_store_open (kiosk_path, CONTENT_STORE_OPEN_CREATE, &error);
  ck_assert_msg (hub != NULL && kiosk != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&hub);
  g_clear_object (&kiosk);
  g_clear_pointer (&kiosk_path, g_free);
  test_util_dir_teardown ();
}

static void
hub_import (const char *name, const char *json)
{
  g_autofree char *path = test_util_write (test_dir, name, json);

  test_util_import (hub, path);
}

/* The hub's live records changed after @from_seq, as sync would carry them. */
static GPtrArray *
records_since (gint64 from_seq)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) content_replica_record_free);
  g_autoptr(GPtrArray) topics = content_store_list_topics (hub, NULL);
  g_autoptr(GPtrArray) ids = content_store_list_item_ids (hub, NULL);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (topics, i);
      ContentReplicaRecord *r;
      if (t->seq <= from_seq)
        continue;
      r = content_replica_record_new (CONTENT_RECORD_TOPIC, t->id, t->seq);
      r->record = content_topic_to_json (t);
      r->position = t->position;
      g_ptr_array_add (records, r);
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (hub, g_ptr_array_index (ids, i), NULL);
      ContentReplicaRecord *r;
      if (item->seq <= from_seq)
        continue;
      r = content_replica_record_new (CONTENT_RECORD_ITEM, item->id, item->seq);
      r->record = content_item_to_json (item);
      g_ptr_array_add (records, r);
    }
  sqlite3_prepare_v2 (content_store_get_db (hub), "SELECT what, id, seq FROM tombstones WHERE seq > ?1",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, from_seq);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ContentRecordKind kind;
      content_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind);
      g_ptr_array_add (records, content_replica_record_new (kind, (const char *) sqlite3_column_text (stmt, 1),
                                                            sqlite3_column_int64 (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  return records;
}

static gboolean
apply (gint64 from_seq, gboolean snapshot, const char *issued_at, GError **error)
{
  g_autoptr(GPtrArray) records = records_since (snapshot ? 0 : from_seq);
  ContentReplicaBatch batch = { "hub-qn", "manifest-1", issued_at, from_seq,
                                test_util_seq (hub), snapshot };

  return test_util_apply_records (kiosk, &batch, records, NULL, error);
}

static char *
kiosk_title (const char *id)
{
  g_autoptr(ContentItem) item = content_store_get_item (kiosk, id, NULL);

  return item != NULL ? g_strdup (content_item_get_text (item, "vi")->title) : NULL;
}

START_TEST (test_delta_keeps_hub_seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentItem) item = NULL;
  g_autoptr(ContentReplicaState) state = NULL;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert_msg (apply (0, FALSE, "2026-11-20T08:00:00Z", &error), "%s", error ? error->message : "");
  item = content_store_get_item (kiosk, "n-a", NULL);
  ck_assert_ptr_nonnull (item);
  ck_assert_int_eq (item->seq, 2);
  ck_assert_int_eq (test_util_seq (kiosk), test_util_seq (hub));
  state = content_store_get_replica_state (kiosk, &error);
  ck_assert_str_eq (state->hub, "hub-qn");
  ck_assert_int_eq (state->seq, 2);
  ck_assert_str_eq (state->issued_at, "2026-11-20T08:00:00Z");
}
END_TEST

START_TEST (test_tombstone_deletes)
{
  g_autoptr(GError) error = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "n-a" };
  gint64 seq;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  seq = test_util_seq (kiosk);
  ck_assert (content_store_delete (hub, &ref, "publisher-1", &error));
  ck_assert_msg (apply (seq, FALSE, "2026-11-21T08:00:00Z", &error), "%s", error ? error->message : "");
  ck_assert (!content_store_has_item (kiosk, "n-a", NULL));
}
END_TEST

START_TEST (test_snapshot_replaces_everything)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "n-a" };

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  ck_assert (content_store_delete (hub, &ref, "publisher-1", &error));
  hub_import ("b.json", NOTICE ("n-b", "Hai"));
  /* A snapshot carries no tombstones of what it no longer has: what is not in it goes. */
  ck_assert_msg (apply (0, TRUE, "2026-11-22T08:00:00Z", &error), "%s", error ? error->message : "");
  ck_assert (!content_store_has_item (kiosk, "n-a", NULL));
  title = kiosk_title ("n-b");
  ck_assert_str_eq (title, "Hai");
}
END_TEST

START_TEST (test_gap_refused)
{
  g_autoptr(GError) error = NULL;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  hub_import ("b.json", NOTICE ("n-b", "Hai"));
  hub_import ("c.json", NOTICE ("n-c", "Ba"));
  /* A delta from seq 3 cannot follow a replica at seq 2. */
  ck_assert (!apply (3, FALSE, "2026-11-21T08:00:00Z", &error));
  ck_assert_msg (strstr (error->message, "continues from seq 3") != NULL, "%s", error->message);
  ck_assert (!content_store_has_item (kiosk, "n-c", NULL));
}
END_TEST

START_TEST (test_old_update_refused)
{
  g_autoptr(GError) error = NULL;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, TRUE, "2026-11-20T08:00:00Z", &error));
  /* The same snapshot again, replayed: not newer. */
  ck_assert (!apply (0, TRUE, "2026-11-20T08:00:00Z", &error));
  ck_assert_msg (strstr (error->message, "not newer") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_other_hub_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  hub_import ("t.json", TOPICS);
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  records = records_since (1);
  {
    ContentReplicaBatch batch = { "hub-other", "m", "2026-11-21T08:00:00Z", 1, 2, FALSE };
    ck_assert (!test_util_apply_records (kiosk, &batch, records, NULL, &error));
  }
  ck_assert_msg (strstr (error->message, "follows hub hub-qn") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_hub_database_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  ContentReplicaBatch batch = { "hub-qn", "m", "2026-11-21T08:00:00Z", 0, 9, TRUE };

  hub_import ("t.json", TOPICS);
  ck_assert (!test_util_apply_records (hub, &batch, records, NULL, &error));
  ck_assert_msg (strstr (error->message, "holds content of its own") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_bad_record_changes_nothing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  ContentReplicaRecord *r;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  records = records_since (0);
  r = g_ptr_array_index (records, records->len - 1);
  json_object_remove_member (json_node_get_object (r->record), "texts");
  {
    ContentReplicaBatch batch = { "hub-qn", "m", "2026-11-21T08:00:00Z", 0, 2, FALSE };
    ck_assert (!test_util_apply_records (kiosk, &batch, records, NULL, &error));
  }
  ck_assert_msg (strstr (error->message, "nothing changed") != NULL, "%s", error->message);
  ck_assert_int_eq (test_util_seq (kiosk), 0);
  ck_assert (!content_store_has_topic (kiosk, "law", NULL));
}
END_TEST

/* The hub's records after @from_seq, item @id's record marked with @mark as the hub marks an
 * important correction (content-changes.c). */
static GPtrArray *
records_marked (gint64 from_seq, const char *id, JsonNode *mark)
{
  GPtrArray *records = records_since (from_seq);

  for (guint i = 0; i < records->len; i++)
    {
      ContentReplicaRecord *r = g_ptr_array_index (records, i);
      if (r->kind == CONTENT_RECORD_ITEM && g_str_equal (r->id, id))
        json_object_set_member (json_node_get_object (r->record), "important", mark);
    }
  return records;
}

/* A replica keeps the mark of the record it applied, and drops it with the item. */
START_TEST (test_important_mark_kept_until_deleted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) "n-a" };
  ContentReplicaBatch batch = { "hub-qn", "m", "2026-11-20T08:00:00Z", 0, 0, FALSE };

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  records = records_marked (0, "n-a", json_node_init_boolean (json_node_alloc (), TRUE));
  batch.to_seq = test_util_seq (hub);
  ck_assert_msg (test_util_apply_records (kiosk, &batch, records, NULL, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_pragma (kiosk, "SELECT seq FROM replica_important WHERE item_id = 'n-a'"),
                    test_util_pragma (kiosk, "SELECT seq FROM items WHERE id = 'n-a'"));
  ck_assert (content_store_delete (hub, &ref, "publisher-1", &error));
  ck_assert_msg (apply (batch.to_seq, FALSE, "2026-11-21T08:00:00Z", &error), "%s", error ? error->message : "");
  ck_assert_int_eq (test_util_pragma (kiosk, "SELECT count(*) FROM replica_important"), 0);
}
END_TEST

/* A mark that is not a boolean is a hub's bug: the record is refused like any bad field. */
START_TEST (test_important_mark_not_boolean_refused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  ContentReplicaBatch batch = { "hub-qn", "m", "2026-11-20T08:00:00Z", 0, 0, FALSE };

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  records = records_marked (0, "n-a", json_node_init_string (json_node_alloc (), "yes"));
  batch.to_seq = test_util_seq (hub);
  ck_assert (!test_util_apply_records (kiosk, &batch, records, NULL, &error));
  ck_assert_msg (strstr (error->message, "important") != NULL, "%s", error->message);
  ck_assert (!content_store_has_item (kiosk, "n-a", NULL));
}
END_TEST

/* A replica whose state cannot be read is a failure passed on as it is, never a database
 * "holding content of its own". */
START_TEST (test_unreadable_state_is_a_failure)
{
  g_autoptr(GError) error = NULL;

  hub_import ("t.json", TOPICS);
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert_int_eq (sqlite3_exec (content_store_get_db (kiosk), "DROP TABLE replica", NULL, NULL, NULL), SQLITE_OK);
  ck_assert (!apply (1, FALSE, "2026-11-21T08:00:00Z", &error));
  ck_assert_msg (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_DATABASE), "%s", error->message);
  ck_assert_msg (strstr (error->message, "of its own") == NULL, "%s", error->message);
  ck_assert (!content_store_has_item (kiosk, "n-a", NULL));
}
END_TEST

static GBytes *
no_blob (const char *sha256, gint64 size, gpointer user_data, GError **error)
{
  ck_abort_msg ("a blob was asked for");
  return NULL;
}

/* A chain of bundles merged on the stage: the newest seq of a record wins whatever order its
 * copies were staged in, and only that one is applied. */
START_TEST (test_newest_staged_wins)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) older = NULL, newer = NULL;
  g_autoptr(ContentItem) item = NULL;
  g_autofree char *title = NULL;
  ContentReplicaBatch batch = { "hub-qn", "m", "2026-11-20T08:00:00Z", 0, 0, TRUE };
  g_autoptr(ContentReplicaStage) stage = NULL;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  older = records_since (0);
  hub_import ("b.json", NOTICE ("n-a", "Một mới"));
  newer = records_since (2);
  batch.to_seq = test_util_seq (hub);
  stage = content_replica_stage_new (kiosk, &batch, &error);
  ck_assert_msg (stage != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < newer->len; i++)
    ck_assert (content_replica_stage_add (stage, g_ptr_array_index (newer, i), &error));
  for (guint i = 0; i < older->len; i++)
    ck_assert (content_replica_stage_add (stage, g_ptr_array_index (older, i), &error));
  ck_assert_msg (content_store_apply_replica (kiosk, stage, no_blob, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  item = content_store_get_item (kiosk, "n-a", NULL);
  ck_assert_int_eq (item->seq, 3);
  title = kiosk_title ("n-a");
  ck_assert_str_eq (title, "Một mới");
}
END_TEST

static guint kill_at;

static void
die_at (guint done, guint total, gpointer user_data)
{
  if (done == kill_at)
    raise (SIGKILL);
}

/* The titles of the kiosk's items, in id order, as one string. */
static char *
kiosk_content (ContentStore *store)
{
  g_autoptr(GPtrArray) ids = content_store_list_item_ids (store, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (store, g_ptr_array_index (ids, i), NULL);
      g_string_append_printf (out, "%s=%s;", item->id, content_item_get_text (item, "vi")->title);
    }
  return g_string_free (out, FALSE);
}

/* Killed after each record of a delta in turn, the kiosk holds the old content or the new,
 * never a mix, and its database passes SQLite's integrity check. */
START_TEST (test_killed_at_every_record)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL, *after = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 from;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", "{\"items\": [" NOTICE ("n-a", "Một") "," NOTICE ("n-b", "Hai") "]}");
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  from = test_util_seq (kiosk);
  old = kiosk_content (kiosk);
  hub_import ("b.json", "{\"items\": [" NOTICE ("n-a", "Một mới") "," NOTICE ("n-b", "Hai mới") ","
              NOTICE ("n-c", "Ba") "]}");
  records = records_since (from);
  ck_assert_uint_eq (records->len, 3);
  for (kill_at = 1; kill_at <= records->len; kill_at++)
    {
      pid_t pid = fork ();
      int status;

      if (pid == 0)
        {
          /* A process of its own, as a kiosk is: its own connection, killed mid-transaction. */
          g_autoptr(ContentStore) own = content_store_open (kiosk_path, CONTENT_STORE_OPEN_DEFAULT, NULL);
          ContentReplicaBatch batch = { "hub-qn", "m2", "2026-11-21T08:00:00Z", from,
                                        test_util_seq (hub), FALSE };
          test_util_apply_records (own, &batch, records, die_at, NULL);
          _exit (0);
        }
      waitpid (pid, &status, 0);
      ck_assert (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      {
        g_autoptr(ContentStore) reopened = content_store_open (kiosk_path, CONTENT_STORE_OPEN_DEFAULT, &error);
        g_autofree char *now = kiosk_content (reopened);
        sqlite3_stmt *stmt;

        sqlite3_prepare_v2 (content_store_get_db (reopened), "PRAGMA integrity_check", -1, &stmt, NULL);
        ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
        ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "ok");
        sqlite3_finalize (stmt);
        ck_assert_str_eq (now, old);
        ck_assert_int_eq (test_util_seq (reopened), from);
      }
    }
  /* Not killed, it lands whole. */
  ck_assert_msg (apply (from, FALSE, "2026-11-21T08:00:00Z", &error), "%s", error ? error->message : "");
  after = kiosk_content (kiosk);
  ck_assert_str_eq (after, "n-a=Một mới;n-b=Hai mới;n-c=Ba;");
}
END_TEST

/* A kiosk whose clock is behind the newest manifest it holds takes the manifest's date. */
START_TEST (test_today_never_before_manifest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_util_today (kiosk);
  g_autofree char *after = NULL;

  ck_assert_int_eq (strlen (before), 10);
  hub_import ("t.json", TOPICS);
  ck_assert (apply (0, FALSE, "2999-01-02T03:04:05Z", &error));
  after = test_util_today (kiosk);
  ck_assert_str_eq (after, "2999-01-02");
}
END_TEST

/* A replica state that cannot be read is a failure, never the clock's date. */
START_TEST (test_today_read_failure_is_not_a_date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  ck_assert_int_eq (sqlite3_exec (content_store_get_db (kiosk), "DROP TABLE replica", NULL, NULL, NULL), SQLITE_OK);
  today = content_store_today (kiosk, &error);
  ck_assert_ptr_null (today);
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_DATABASE));
  ck_assert (!content_store_count_usage (kiosk, "n-a", "vi", CONTENT_CHANNEL_KIOSK, NULL));
}
END_TEST

START_TEST (test_usage_counted_and_kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) usage = NULL;
  JsonObject *row;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  ck_assert (content_store_count_usage (kiosk, "n-a", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_usage (kiosk, "n-a", "vi", CONTENT_CHANNEL_KIOSK, &error));
  hub_import ("b.json", NOTICE ("n-b", "Hai"));
  ck_assert (apply (2, FALSE, "2026-11-21T08:00:00Z", &error));
  usage = content_store_list_usage (kiosk, NULL, &error);
  ck_assert_uint_eq (json_array_get_length (json_node_get_array (usage)), 1);
  row = json_array_get_object_element (json_node_get_array (usage), 0);
  ck_assert_str_eq (json_object_get_string_member (row, "item"), "n-a");
  ck_assert_str_eq (json_object_get_string_member (row, "channel"), "kiosk");
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 2);
}
END_TEST

/* Searches that found nothing are running totals per query, day, language and channel, kept
 * apart from usage and untouched by an apply. */
START_TEST (test_misses_counted_and_kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) misses = NULL;
  g_autoptr(JsonNode) usage = NULL;
  g_autofree char *today = NULL;
  JsonArray *rows;

  hub_import ("t.json", TOPICS);
  hub_import ("a.json", NOTICE ("n-a", "Một"));
  ck_assert (apply (0, FALSE, "2026-11-20T08:00:00Z", &error));
  ck_assert (content_store_count_miss (kiosk, "so do", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_miss (kiosk, "so do", "vi", CONTENT_CHANNEL_KIOSK, &error));
  ck_assert (content_store_count_miss (kiosk, "so do", "en", CONTENT_CHANNEL_KIOSK, &error));
  hub_import ("b.json", NOTICE ("n-b", "Hai"));
  ck_assert (apply (2, FALSE, "2026-11-21T08:00:00Z", &error));
  misses = content_store_list_misses (kiosk, NULL, &error);
  rows = json_node_get_array (misses);
  ck_assert_uint_eq (json_array_get_length (rows), 2);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (rows, 0), "lang"), "en");
  ck_assert_int_eq (json_object_get_int_member (json_array_get_object_element (rows, 0), "count"), 1);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (rows, 1), "query"), "so do");
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (rows, 1), "channel"), "kiosk");
  ck_assert_int_eq (json_object_get_int_member (json_array_get_object_element (rows, 1), "count"), 2);
  today = test_util_today (kiosk);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (rows, 1), "day"), today);
  /* A later day holds none of them; usage is another table. */
  g_clear_pointer (&misses, json_node_unref);
  misses = content_store_list_misses (kiosk, "2999-12-31", &error);
  ck_assert_uint_eq (json_array_get_length (json_node_get_array (misses)), 0);
  usage = content_store_list_usage (kiosk, NULL, &error);
  ck_assert_uint_eq (json_array_get_length (json_node_get_array (usage)), 0);
}
END_TEST

static Suite *
replica_suite (void)
{
  Suite *s = suite_create ("replica");
  TCase *tc = tcase_create ("replica");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_delta_keeps_hub_seq);
  tcase_add_test (tc, test_tombstone_deletes);
  tcase_add_test (tc, test_snapshot_replaces_everything);
  tcase_add_test (tc, test_gap_refused);
  tcase_add_test (tc, test_old_update_refused);
  tcase_add_test (tc, test_other_hub_refused);
  tcase_add_test (tc, test_hub_database_refused);
  tcase_add_test (tc, test_bad_record_changes_nothing);
  tcase_add_test (tc, test_important_mark_kept_until_deleted);
  tcase_add_test (tc, test_important_mark_not_boolean_refused);
  tcase_add_test (tc, test_unreadable_state_is_a_failure);
  tcase_add_test (tc, test_newest_staged_wins);
  tcase_add_test (tc, test_killed_at_every_record);
  tcase_add_test (tc, test_today_never_before_manifest);
  tcase_add_test (tc, test_today_read_failure_is_not_a_date);
  tcase_add_test (tc, test_usage_counted_and_kept);
  tcase_add_test (tc, test_misses_counted_and_kept);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (replica_suite ());
}
