/* banlang-sms-run.c: `banlang-sms init` and `banlang-sms run`, the daemon.
 *
 * run polls gammu's inbox every 50 ms: a plain indexed read that takes no lock, so an idle
 * responder costs next to nothing and never holds up gammu-smsd, and a reply is queued well within 100 ms of its message arriving. Each batch is one
 * transaction (sms-queue.c). SIGTERM and SIGINT stop it between batches. When sms.ini names
 * the hub's /usage, the counts of what people asked are posted there every usage_interval, and
 * once more when it stops. Every ALERTS_SECONDS a round of alerts (sms-alerts.h) runs in
 * transactions of its own. --now fixes the clock, as simulate's does, so tests can stand at
 * 06:59 and 07:00.
 *
 * smsd.db busy or on a full disk (SMS_ERROR_TEMPORARY) is waited out, at start as while
 * running: the service starts answering once it clears, rather than staying down until someone
 * restarts it. Anything else (no such file, not gammu's, damaged) stops it with the reason.
 * --once never waits: it reports and fails.
 */
#include "config.h"
#include "banlang-sms-commands.h"
#include "sms-error.h"
#include "sms-queue.h"
#include "sms-queue-pg.h"
#include "sms-usage.h"

#include <signal.h>
#include <stdio.h>

#define POLL_USEC (50 * 1000)
/* Alerts (new content for followers, those due after the quiet hours) are looked at this often. */
#define ALERTS_SECONDS 10
#define BATCH 20  /* messages per transaction: short, so gammu-smsd never waits long for the lock */
#define SYSTEM_CONFIG "/etc/banlang/sms.ini"

static volatile sig_atomic_t stopping;

static void
on_signal (int sig)
{
  stopping = 1;
}

int
banlang_sms_init (int argc, char **argv)
{
  g_autofree char *smsd_db = NULL;
  const GOptionEntry entries[] = {
    { "smsd-db", 0, 0, G_OPTION_ARG_FILENAME, &smsd_db, "gammu-smsd's database to create: a file, or PostgreSQL's postgresql://... or conninfo", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("");
  g_autoptr(GError) error = NULL;

  g_set_prgname (argv[0]);
  g_option_context_set_summary (ctx, "Creates gammu-smsd's tables (schema version 17) for the SQL "
                                "service, or checks an existing database is of that version.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || smsd_db == NULL || argc > 1)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      fprintf (stderr, "%s: %s\n\n%s", argv[0], error ? error->message : "--smsd-db PATH is required", help);
      return 2;
    }
  if (!(sms_queue_pg_is_pg (smsd_db) ? sms_queue_pg_init (smsd_db, &error) : sms_queue_init (smsd_db, &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  printf ("%s: gammu-smsd schema version 17 ready\n", smsd_db);
  return 0;
}

/* Opens smsd.db and the responder on it (which adds its tables), trying again every second while
 * the failure is temporary and the daemon is not stopping (never with @once). */
static gboolean
start (const char *smsd_db, ContentStore *store, const SmsConfig *config, gboolean once,
       sqlite3 **db, SmsQueuePg **pg, SmsResponder **responder, GError **error)
{
  gboolean on_pg = sms_queue_pg_is_pg (smsd_db);

  for (;;)
    {
      if (on_pg && (*pg = sms_queue_pg_open (smsd_db, error)) != NULL
          && (*responder = sms_responder_new_sql (store, sms_queue_pg_get_sql (*pg), config, error)) != NULL)
        return TRUE;
      if (!on_pg && (*db = sms_queue_open (smsd_db, error)) != NULL
          && (*responder = sms_responder_new (store, *db, config, error)) != NULL)
        return TRUE;
      g_clear_pointer (db, sqlite3_close);
      g_clear_pointer (pg, sms_queue_pg_free);
      if (once || stopping || !g_error_matches (*error, SMS_ERROR, SMS_ERROR_TEMPORARY))
        return FALSE;
      g_warning ("%s (trying again)", (*error)->message);
      g_clear_error (error);
      g_usleep (G_USEC_PER_SEC);
    }
}

/* What posting counts to the hub needs: the counts, the responder's own key, where its batch
 * numbers are kept, and when the next post is due. */
typedef struct {
  SmsUsage *usage;
  SyncKey *key;
  char *state_path;
  gint64 next;
} UsagePoster;

static void
usage_poster_clear (UsagePoster *poster)
{
  g_clear_pointer (&poster->usage, sms_usage_free);
  g_clear_pointer (&poster->key, sync_key_free);
  g_clear_pointer (&poster->state_path, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UsagePoster, usage_poster_clear)

/* Sets @poster up when sms.ini names a hub (usage_url) and the key to sign with (usage_key),
 * its counts read through @sql; the first post is due one interval after @now. */
static gboolean
usage_poster_init (UsagePoster *poster, SmsSql *sql, const SmsConfig *config, gint64 now, GError **error)
{
  if (config->usage_url == NULL)
    return TRUE;
  if ((poster->key = sync_key_load (config->usage_key, error)) == NULL)
    return FALSE;
  if (!sync_key_has_secret (poster->key))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: not a secret key: usage batches are signed "
                   "with the responder's own secret key (banlang-sync keygen)", config->usage_key);
      return FALSE;
    }
  poster->state_path = g_strconcat (config->usage_key, ".batch", NULL);
  poster->next = now + config->usage_interval;
  poster->usage = sms_usage_new (sql, error);
  return poster->usage != NULL;
}

/* Posts the counts when usage_interval has passed (with @force, now). A hub that does not
 * answer is tried at the next interval: totals are running and the hub takes a batch once, so
 * nothing is lost or counted twice. */
static void
usage_poster_run (UsagePoster *poster, const SmsConfig *config, gint64 now, gboolean force)
{
  g_autoptr(GError) error = NULL;

  if (poster->usage == NULL || (!force && now < poster->next))
    return;
  poster->next = now + config->usage_interval;
  if (!sms_usage_post (poster->usage, poster->key, poster->state_path, config->usage_url, now, &error))
    g_warning ("usage: %s", error->message);
}

/* The responder's clock: @fixed (--now) or the time. */
static gint64
clock_now (gint64 fixed)
{
  return fixed != 0 ? fixed : g_get_real_time () / G_USEC_PER_SEC;
}

/* A round of alerts at @now, when ALERTS_SECONDS have passed since the last (with @force, now).
 * A busy database leaves the rest of the round to the next time: a batch is done whole or not. */
static void
alerts_round (SmsResponder *responder, gint64 now, gint64 *next, gboolean force)
{
  g_autoptr(GError) error = NULL;
  gint64 real = g_get_real_time () / G_USEC_PER_SEC;
  guint queued = 0;

  if (!force && real < *next)
    return;
  *next = real + ALERTS_SECONDS;
  if (!sms_queue_alerts (responder, now, &queued, &error))
    g_warning ("alerts: %s", error->message);
  else if (queued > 0)
    g_message ("%u alert%s queued", queued, queued == 1 ? "" : "s");
}

int
banlang_sms_run (int argc, char **argv)
{
  g_autofree char *smsd_db = NULL, *content_db = NULL, *config_path = NULL, *now_text = NULL;
  gboolean once = FALSE;
  gint64 fixed_now = 0, alerts_at = 0;
  const GOptionEntry entries[] = {
    { "smsd-db", 0, 0, G_OPTION_ARG_FILENAME, &smsd_db, "gammu-smsd's database", "PATH" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &content_db, "The content database", "PATH" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "Settings (default " SYSTEM_CONFIG " when present)", "FILE" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "Answer what is queued, send the alerts due, then exit", NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "The clock, fixed (UTC), for tests", "YYYY-MM-DDTHH:MM:SS" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(SmsResponder) responder = NULL;
  g_auto(SmsConfig) config = { 0 };
  g_auto(UsagePoster) poster = { 0 };
  sqlite3 *db = NULL;
  SmsQueuePg *pg = NULL;
  guint total = 0;
  int status = 0;

  g_set_prgname (argv[0]);
  g_option_context_set_summary (ctx, "Answers the messages gammu-smsd receives: takes unprocessed "
                                "inbox rows, queues the replies in the outbox, one transaction a batch.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || smsd_db == NULL || content_db == NULL || argc > 1
      || (now_text != NULL && !banlang_sms_parse_now (now_text, &fixed_now)))
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      fprintf (stderr, "%s: %s\n\n%s", argv[0],
               error ? error->message : now_text != NULL && fixed_now == 0 ? "--now: not a time"
                                      : "--smsd-db PATH and --db PATH are required", help);
      return 2;
    }
  sms_config_init (&config);
  if (config_path == NULL && g_file_test (SYSTEM_CONFIG, G_FILE_TEST_EXISTS))
    config_path = g_strdup (SYSTEM_CONFIG);
  signal (SIGTERM, on_signal);
  signal (SIGINT, on_signal);
  if ((config_path != NULL && !sms_config_load (&config, config_path, &error))
      || (store = content_store_open (content_db, CONTENT_STORE_OPEN_DEFAULT, &error)) == NULL
      || !start (smsd_db, store, &config, once, &db, &pg, &responder, &error)
      || !usage_poster_init (&poster, sms_responder_get_sql (responder), &config, clock_now (fixed_now), &error))
    goto fail;
  while (!stopping)
    {
      guint handled = 0;
      if (!(pg != NULL ? sms_queue_pg_process (pg, responder, BATCH, clock_now (fixed_now), &handled, &error)
                       : sms_queue_process (responder, BATCH, clock_now (fixed_now), &handled, &error)))
        {
          /* smsd.db busy or failing: nothing was half done; say so and try again shortly. */
          if (once)
            goto fail;
          g_warning ("%s", error->message);
          g_clear_error (&error);
          g_usleep (G_USEC_PER_SEC);
          continue;
        }
      total += handled;
      if (handled == 0)
        {
          if (once)
            break;
          usage_poster_run (&poster, &config, clock_now (fixed_now), FALSE);
          alerts_round (responder, clock_now (fixed_now), &alerts_at, FALSE);
          g_usleep (POLL_USEC);
        }
    }
  /* With --once, the alerts due go now; what was counted goes to the hub before the responder
   * stops. */
  if (once)
    alerts_round (responder, clock_now (fixed_now), &alerts_at, TRUE);
  usage_poster_run (&poster, &config, clock_now (fixed_now), TRUE);
  if (once)
    printf ("%u message%s taken from the inbox\n", total, total == 1 ? "" : "s");
  goto out;
fail:
  fprintf (stderr, "%s: %s\n", argv[0], error->message);
  status = 1;
out:
  g_clear_pointer (&responder, sms_responder_free);
  usage_poster_clear (&poster);
  sqlite3_close (db);
  sms_queue_pg_free (pg);
  return status;
}
