/* test-sync-faults.c: a kiosk killed (SIGKILL) at many points of an apply, and a disk that
 * fills up during one: afterwards the database passes SQLite's integrity check and holds the
 * old content or the new, never a mix, and a later apply completes.
 *
 * The full disk is SQLite's own per-connection limit, PRAGMA max_page_count, set just above
 * the database's size: the apply then fails exactly as on a full disk (SQLITE_FULL, "database
 * or disk is full") at the point where the file would grow, without a small tmpfs or a loop
 * device (which need root) and without filling the real disk. */
#include "sync-error.h"
#include "sync-receiver.h"
#include "test-sync-util.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static ContentStore *hub;
static TestSyncKeys keys;
static char *site;
static char *kiosk_path;

static void
setup (void)
{
  g_autofree char *keys_dir = NULL;
  g_autoptr(ContentStore) kiosk = NULL;

  test_util_dir_setup ();
  hub = test_util_seed_store (test_dir);
  kiosk = test_sync_new_kiosk (test_dir);
  kiosk_path = g_strdup (content_store_get_path (kiosk));
  keys_dir = g_build_filename (test_dir, "keys", NULL);
  test_sync_make_keys (keys_dir, &keys);
  site = g_build_filename (test_dir, "site", NULL);
}

static void
teardown (void)
{
  g_clear_object (&hub);
  test_sync_keys_clear (&keys);
  g_clear_pointer (&site, g_free);
  g_clear_pointer (&kiosk_path, g_free);
  test_util_dir_teardown ();
}

static ContentStore *
open_kiosk (void)
{
  g_autoptr(GError) error = NULL;
  ContentStore *store = content_store_open (kiosk_path, CONTENT_STORE_OPEN_DEFAULT, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  return store;
}

static gboolean
apply_site (ContentStore *store, SyncProgressFunc progress, gpointer data, GError **error)
{
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (store, keys.root_pub, error);

  if (receiver == NULL)
    return FALSE;
  sync_receiver_set_progress (receiver, progress, data);
  return sync_receiver_apply_dir (receiver, site, NULL, error);
}

static void
die_at (const SyncProgress *progress, gpointer user_data)
{
  if (progress->stage == SYNC_STAGE_APPLYING && progress->items_done == GPOINTER_TO_UINT (user_data))
    raise (SIGKILL);
}

/* Applies the site in a child process killed after record @kill_at; the child must die. */
static void
apply_and_die (guint kill_at)
{
  pid_t pid = fork ();
  int status;

  if (pid == 0)
    {
      g_autoptr(ContentStore) own = content_store_open (kiosk_path, CONTENT_STORE_OPEN_DEFAULT, NULL);
      apply_site (own, die_at, GUINT_TO_POINTER (kill_at), NULL);
      _exit (0);
    }
  ck_assert_int_gt (pid, 0);
  waitpid (pid, &status, 0);
  ck_assert_msg (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL, "the apply ran to its end");
}

static void
check_killed_everywhere (const char *old, guint n_records)
{
  guint points[] = { 1, 2, n_records / 4, n_records / 2, 3 * n_records / 4, n_records - 1, n_records };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(ContentStore) reopened = NULL;
      g_autofree char *now = NULL;

      if (points[i] == 0)
        continue;
      apply_and_die (points[i]);
      reopened = open_kiosk ();
      test_util_assert_integrity (reopened);
      now = test_util_describe_live (reopened);
      ck_assert_str_eq (now, old);
    }
}

/* Killed at many points of the first apply (a snapshot) and of a later delta: the old
 * content each time; not killed, the new. */
START_TEST (test_killed_during_apply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) kiosk = NULL;
  g_autofree char *empty = NULL, *first = NULL, *on_hub = NULL, *now = NULL;

  test_sync_publish (hub, &keys, site);
  kiosk = open_kiosk ();
  empty = test_util_describe_live (kiosk);
  check_killed_everywhere (empty, test_util_seq (hub));
  ck_assert_msg (apply_site (kiosk, NULL, NULL, &error), "%s", error ? error->message : "");
  first = test_util_describe_live (kiosk);

  test_sync_add_notices (hub, "new", 12);
  test_sync_publish (hub, &keys, site);
  check_killed_everywhere (first, 12);
  ck_assert_msg (apply_site (kiosk, NULL, NULL, &error), "%s", error ? error->message : "");
  now = test_util_describe_live (kiosk);
  on_hub = test_util_describe_live (hub);
  ck_assert_str_eq (now, on_hub);
}
END_TEST

/* The disk fills during the apply of a delta: a clean error, the old content intact; with
 * room again, the same update applies. */
START_TEST (test_disk_full)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) kiosk = open_kiosk ();
  g_autofree char *old = NULL, *now = NULL, *on_hub = NULL, *limit = NULL;
  gint64 pages;

  test_sync_publish (hub, &keys, site);
  ck_assert (apply_site (kiosk, NULL, NULL, &error));
  old = test_util_describe_live (kiosk);
  test_sync_add_notices (hub, "big", 40);
  test_sync_publish (hub, &keys, site);

  pages = test_util_pragma (kiosk, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
  test_util_pragma (kiosk, limit);
  ck_assert (!apply_site (kiosk, NULL, NULL, &error));
  ck_assert_msg (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_FAILED), "%s", error->message);
  ck_assert_msg (strstr (error->message, "full") != NULL, "%s", error->message);
  g_clear_error (&error);
  test_util_assert_integrity (kiosk);
  now = test_util_describe_live (kiosk);
  ck_assert_str_eq (now, old);

  test_util_pragma (kiosk, "PRAGMA max_page_count = 1073741823");
  ck_assert_msg (apply_site (kiosk, NULL, NULL, &error), "%s", error ? error->message : "");
  g_free (now);
  now = test_util_describe_live (kiosk);
  on_hub = test_util_describe_live (hub);
  ck_assert_str_eq (now, on_hub);
}
END_TEST

static Suite *
faults_suite (void)
{
  Suite *s = suite_create ("sync-faults");
  TCase *tc = tcase_create ("faults");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_killed_during_apply);
  tcase_add_test (tc, test_disk_full);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (faults_suite ());
}
