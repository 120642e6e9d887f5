/* bench-sms.c: how fast the SMS responder answers, and in how much memory.
 *
 * Not a test: it prints figures to compare with the budgets (>= 2,000 messages/s, p99 <= 5 ms a
 * message, RSS <= 30 MB). It builds a content database of the demo content plus 10,000
 * synthetic items, queues 10,000 messages in a gammu schema-17 smsd.db (keywords, codes, menu
 * digits, searches, from 10,000 numbers), and answers them through the real queue path: once
 * one message per transaction (latency), once in the daemon's batches (throughput).
 *
 *   bench-sms SEED_DIR [MESSAGES]
 */
#include "content-importer.h"
#include "sms-queue.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const texts[] = {
  "LUAT", "TRO GIUP", "HONNHAN", "hon nhan", "TIM dat dai", "1", "HOTRO", "BHYTQN", "tuoi ket hon",
  "OCOP", "DULICH", "mien dong", "LUAT 2", "THEM", "EN", "bao luc gia dinh", "HONHAN", "tro cap",
};

static void
write_items (const char *path, guint n)
{
  FILE *f = fopen (path, "w");

  fprintf (f, "{\"items\": [\n");
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s{\"id\": \"notice-bench-%u\", \"kind\": \"notice\", \"status\": \"published\", \"topics\": [],"
                " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"bench\", \"sources\": [{\"title\": \"s\"}],"
                " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null},"
                " \"texts\": {\"vi\": {\"title\": \"Thông báo số %u về đất đai và hỗ trợ\","
                " \"body\": \"Nội dung thông báo %u: hộ nghèo, bảo hiểm y tế, hôn nhân, giao thông.\"}}}\n",
             i ? "," : "", i, i, i);
  fprintf (f, "]}\n");
  fclose (f);
}

static void
queue_messages (sqlite3 *db, guint n)
{
  sqlite3_stmt *stmt;

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID) "
                          "VALUES (?1, ?2, '', '', 'bench')", -1, &stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("+8490%07u", i);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, texts[i % G_N_ELEMENTS (texts)], -1, SQLITE_STATIC);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
}

static long
rss_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return -1;
  return strtol (p + strlen (field), NULL, 10);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("banlang-bench-sms-XXXXXX", NULL);
  g_autofree char *content_path = g_build_filename (dir, "content.db", NULL);
  g_autofree char *items = g_build_filename (dir, "items.json", NULL);
  g_autofree char *smsd = g_build_filename (dir, "smsd.db", NULL);
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 10000;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentImporter) importer = NULL;
  g_autoptr(SmsResponder) responder = NULL;
  g_auto(SmsConfig) config = { 0 };
  g_autofree double *latency = g_new (double, n);
  sqlite3 *db;
  gint64 t0, now = 1795000000;
  guint handled, done = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-sms SEED_DIR [MESSAGES]\n");
      return 2;
    }
  /* The content database is built by a child process, so the figures below are the
   * responder's own memory, as the daemon would have it, not the importer's. */
  if (fork () == 0)
    {
      store = content_store_open (content_path, CONTENT_STORE_OPEN_CREATE, &error);
      write_items (items, 10000);
      importer = content_importer_new (store);
      if (!content_importer_add_path (importer, argv[1], &error) || !content_importer_add_path (importer, items, &error)
          || !content_importer_commit (importer, NULL, NULL, &error))
        g_error ("%s", error->message);
      _exit (0);
    }
  wait (NULL);
  store = content_store_open (content_path, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  sms_config_init (&config);
  if (!sms_queue_init (smsd, &error) || (db = sms_queue_open (smsd, &error)) == NULL
      || (responder = sms_responder_new (store, db, &config, &error)) == NULL)
    g_error ("%s", error->message);
  printf ("content: demo + 10000 items; RSS before answering %ld kB\n", rss_kb ("VmRSS:"));

  queue_messages (db, n);
  for (guint i = 0; i < n; i++)
    {
      t0 = g_get_monotonic_time ();
      if (!sms_queue_process (responder, 1, now, &handled, &error))
        g_error ("%s", error->message);
      latency[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (latency, n, sizeof (double), compare_doubles);
  printf ("one message a transaction: median %.3f ms, p99 %.3f ms, max %.3f ms\n",
          latency[n / 2], latency[n * 99 / 100], latency[n - 1]);

  sqlite3_exec (db, "UPDATE inbox SET Processed = 'false'; DELETE FROM banlang_received; DELETE FROM banlang_replies;", NULL, NULL, NULL);
  t0 = g_get_monotonic_time ();
  do
    {
      if (!sms_queue_process (responder, 20, now + 7200, &handled, &error))
        g_error ("%s", error->message);
      done += handled;
    }
  while (handled > 0);
  printf ("batches of 20: %u messages in %.2f s = %.0f messages/s\n", done,
          (g_get_monotonic_time () - t0) / 1e6, done / ((g_get_monotonic_time () - t0) / 1e6));
  printf ("RSS now %ld kB, peak %ld kB\n", rss_kb ("VmRSS:"), rss_kb ("VmHWM:"));
  g_clear_pointer (&responder, sms_responder_free);
  sqlite3_close (db);
  return 0;
}
