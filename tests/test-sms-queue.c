/* test-sms-queue.c: smsd.db failures said for what they are, and the daemon's start.
 *
 * A full disk is made without mounting anything: in this process an SQLite auto-extension caps
 * every new connection at the pages its file already has (PRAGMA max_page_count); for the
 * daemon, a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) it inherits and this test later
 * lifts with prlimit(2).
 */
#define _GNU_SOURCE
#include "config.h"
#include "sms-error.h"
#include "sms-queue.h"
#include "test-util.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static char *smsd_path;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  test_util_dir_setup ();
  smsd_path = g_build_filename (test_dir, "smsd.db", NULL);
  ck_assert_msg (sms_queue_init (smsd_path, &error), "%s", error ? error->message : "");
}

static void
teardown (void)
{
  sqlite3_reset_auto_extension ();
  g_clear_pointer (&smsd_path, g_free);
  test_util_dir_teardown ();
}

/* Runs @sql on a connection of its own to @path. */
static void
exec_on (const char *path, const char *sql)
{
  sqlite3 *db;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  sqlite3_close (db);
}

/* A text waiting in gammu's inbox, as gammu-smsd writes one. */
static void
queue_message (void)
{
  exec_on (smsd_path, "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID) "
                      "VALUES ('0912345678', 'TRO GIUP', '', '', 'test')");
}

static int
no_new_pages (sqlite3 *db, const char **message, const struct sqlite3_api_routines *api)
{
  /* Raised to the file's own size: it may keep what it has, and gets no page more. */
  return sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL);
}

/* The first start writes (gammu's inbox gets an index): on a full disk that is said, and is
 * worth waiting out; it is not "not a gammu-smsd database". */
START_TEST (test_full_disk_is_said_and_temporary)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  sqlite3_auto_extension ((void (*) (void)) no_new_pages);
  db = sms_queue_open (smsd_path, &error);
  ck_assert_ptr_null (db);
  ck_assert_msg (g_error_matches (error, SMS_ERROR, SMS_ERROR_TEMPORARY), "%s", error->message);
  ck_assert_ptr_nonnull (strstr (error->message, "the disk is full"));
  ck_assert_ptr_nonnull (strstr (error->message, smsd_path));
  ck_assert_ptr_null (strstr (error->message, "not a gammu-smsd database"));
  sqlite3_reset_auto_extension ();
  db = sms_queue_open (smsd_path, NULL);
  ck_assert_ptr_nonnull (db);
  sqlite3_close (db);
}
END_TEST

START_TEST (test_damaged_file_is_said)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  /* Page 1 past the file header: the b-tree page that holds the schema. */
  ck_assert (g_file_get_contents (smsd_path, &bytes, &len, NULL));
  ck_assert_uint_gt (len, 4096);
  memset (bytes + 100, 0xa5, 4096 - 100);
  ck_assert (g_file_set_contents (smsd_path, bytes, (gssize) len, NULL));
  ck_assert_ptr_null (sms_queue_open (smsd_path, &error));
  ck_assert_msg (g_error_matches (error, SMS_ERROR, SMS_ERROR_DATABASE), "%s", error->message);
  ck_assert_ptr_nonnull (strstr (error->message, "the file is damaged"));
  ck_assert_ptr_null (strstr (error->message, "not a gammu-smsd database"));
}
END_TEST

/* A database that reads fine but is someone else's is still called so. */
START_TEST (test_other_database_is_not_gammu)
{
  g_autofree char *other = g_build_filename (test_dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;

  exec_on (other, "CREATE TABLE notes (text TEXT)");
  ck_assert_ptr_null (sms_queue_open (other, &error));
  ck_assert (g_error_matches (error, SMS_ERROR, SMS_ERROR_NOT_SMSD_DB));
  ck_assert_ptr_nonnull (strstr (error->message, "not a gammu-smsd database of schema version 17"));
}
END_TEST

START_TEST (test_busy_is_temporary)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *holder, *db;

  ck_assert_int_eq (sqlite3_open (smsd_path, &holder), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_open (smsd_path, &db), SQLITE_OK);
  ck_assert_int_ne (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  ck_assert (!sms_error_set_from_db (&error, db, "starting a batch"));
  ck_assert (g_error_matches (error, SMS_ERROR, SMS_ERROR_TEMPORARY));
  ck_assert_ptr_nonnull (strstr (error->message, "busy"));
  sqlite3_close (db);
  sqlite3_close (holder);
}
END_TEST

/* Runs banlang-sms with @args (NULL-terminated, after the command name) to its end; returns
 * its exit status and its standard error in *@err. */
static int
banlang_sms (char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("BANLANG_SMS");
  int status;
  va_list ap;

  ck_assert_msg (exe != NULL, "BANLANG_SMS is not set (run through meson test)");
  g_ptr_array_add (argv, (char *) exe);
  va_start (ap, err);
  for (char *a = va_arg (ap, char *); a != NULL; a = va_arg (ap, char *))
    g_ptr_array_add (argv, a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                           NULL, err, &status, &error));
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* An empty content database is an error naming it, never a store answering from nothing. */
START_TEST (test_empty_content_db_is_refused)
{
  g_autofree char *empty = test_util_write (test_dir, "content.db", "");
  g_autofree char *err = NULL;

  queue_message ();
  ck_assert_int_eq (banlang_sms (&err, "run", "--once", "--db", empty, "--smsd-db", smsd_path, NULL), 1);
  ck_assert_ptr_nonnull (strstr (err, empty));
  ck_assert_ptr_nonnull (strstr (err, "empty"));
}
END_TEST

/* In the daemon's child, before exec: files may not grow past one byte. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 1, RLIM_INFINITY };

  signal (SIGXFSZ, SIG_IGN);  /* a write past the limit fails with EFBIG instead of killing */
  setrlimit (RLIMIT_FSIZE, &limit);
}

static gint64
count (const char *path, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The daemon started on a full disk says so, waits, and answers once there is room. */
START_TEST (test_daemon_waits_out_a_full_disk)
{
  g_autoptr(ContentStore) content = test_util_seed_store (test_dir);
  const char *exe = g_getenv ("BANLANG_SMS");
  char *argv[] = { (char *) exe, "run", "--db", (char *) content_store_get_path (content),
                   "--smsd-db", smsd_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) err_channel = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
  GPid pid;
  int err_fd, status;

  ck_assert_msg (exe != NULL, "BANLANG_SMS is not set (run through meson test)");
  /* The seeded store stays open here, so its WAL index exists and the daemon only reads it. */
  queue_message ();
  ck_assert (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                       limit_file_size, NULL, &pid, NULL, NULL, &err_fd, &error));
  err_channel = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (err_channel, TRUE);
  /* Its first words: it cannot write, and it is trying again rather than giving up. */
  while (strstr (said->str, "(trying again)") == NULL)
    {
      g_autofree char *line = NULL;
      ck_assert_int_eq (g_io_channel_read_line (err_channel, &line, NULL, NULL, NULL), G_IO_STATUS_NORMAL);
      g_string_append (said, line);
    }
  ck_assert_msg (strstr (said->str, "the disk is full") != NULL, "%s", said->str);
  ck_assert_int_eq (count (smsd_path, "SELECT count (*) FROM outbox"), 0);
  ck_assert_int_eq (prlimit (pid, RLIMIT_FSIZE, &unlimited, NULL), 0);
  while (count (smsd_path, "SELECT count (*) FROM inbox WHERE Processed = 'true'") < 1)
    g_usleep (20 * 1000);
  ck_assert_int_eq (count (smsd_path, "SELECT count (*) FROM outbox"), 1);
  kill (pid, SIGTERM);
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_spawn_close_pid (pid);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sms-queue");
  TCase *tc = tcase_create ("sms-queue");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_full_disk_is_said_and_temporary);
  tcase_add_test (tc, test_damaged_file_is_said);
  tcase_add_test (tc, test_other_database_is_not_gammu);
  tcase_add_test (tc, test_busy_is_temporary);
  tcase_add_test (tc, test_empty_content_db_is_refused);
  tcase_add_test (tc, test_daemon_waits_out_a_full_disk);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
