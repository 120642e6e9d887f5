/* banlang-kiosk.c: the touchscreen kiosk's entry point.
 *
 * One GtkApplication (org.banlang.Kiosk) with one window, locked full-screen unless --windowed.
 * Settings come from /etc/banlang/kiosk.ini ([kiosk] database, lang, sms_number, idle_seconds,
 * staff_pin; [sync] url, trust, usage_url, usage_key, interval) when present, or --config FILE;
 * options override them. A key the kiosk does not know is an error naming file and key: a
 * misspelt setting must not silently leave a kiosk without updates.
 *
 * With [sync] trust, the kiosk takes its hub's updates (kiosk-updater.c) and writes its
 * database (updates, usage counts); its database is created empty when missing, and the first
 * update fills it.
 */
#include "config.h"
#include "kiosk-language.h"
#include "kiosk-updater.h"
#include "kiosk-watchdog.h"
#include "kiosk-widgets.h"
#include "kiosk-window.h"

#include "content-language.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define SYSTEM_CONFIG "/etc/banlang/kiosk.ini"
#define DEFAULT_DB "/var/lib/banlang/content.db"
/* Obviously not a real number: the demo must not send people's texts anywhere. */
#define DEMO_SMS_NUMBER "0000 000 000"
/* Beyond a day an idle timeout is a mistake in the settings, not a choice. */
#define MAX_IDLE_SECONDS 86400
/* More often than a minute only loads the hub; beyond a day a kiosk hears too late. */
#define MIN_SYNC_INTERVAL 60
#define MAX_SYNC_INTERVAL 86400
#define UNSET G_MININT

typedef struct {
  char *db;
  char *lang;
  char *config;
  char *sms_number;
  int idle_seconds;       /* UNSET until set */
  char *staff_pin;
  char *sync_url;
  char *sync_trust;
  char *usage_url;
  char *usage_key;
  int sync_interval;      /* UNSET until set */
  gboolean windowed;
  char *screenshot;
  gboolean report_first_frame;
  ContentStore *store;
  KioskUpdater *updater;
} Options;

/* The keys kiosk.ini may hold, group by group. */
static const char *const kiosk_keys[] = { "database", "lang", "sms_number", "idle_seconds", "staff_pin", NULL };
static const char *const sync_keys[] = { "url", "trust", "usage_url", "usage_key", "interval", NULL };

/* Fails naming @path and the first group or key of @file the kiosk does not know. */
static gboolean
check_keys (GKeyFile *file, const char *path, GError **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);

  for (gsize g = 0; groups[g] != NULL; g++)
    {
      const char *const *known = g_str_equal (groups[g], "kiosk") ? kiosk_keys
                                 : g_str_equal (groups[g], "sync") ? sync_keys : NULL;
      g_auto(GStrv) keys = NULL;

      if (known == NULL)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                       "%s: unknown group [%s] (known: [kiosk], [sync])", path, groups[g]);
          return FALSE;
        }
      keys = g_key_file_get_keys (file, groups[g], NULL, NULL);
      for (gsize k = 0; keys[k] != NULL; k++)
        if (!g_strv_contains (known, keys[k]))
          {
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                         "%s: unknown key “%s” in [%s]", path, keys[k], groups[g]);
            return FALSE;
          }
    }
  return TRUE;
}

/* Sets *@value from the integer @group/@key of @file unless set already (by an option). */
static gboolean
get_int (GKeyFile *file, const char *path, const char *group, const char *key, int *value, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (*value != UNSET || !g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  *value = g_key_file_get_integer (file, group, key, &local);
  if (local != NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: [%s] %s: %s", path, group, key, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Sets *@value from the string @group/@key of @file unless set already (by an option). */
static void
get_string (GKeyFile *file, const char *group, const char *key, char **value)
{
  if (*value == NULL)
    *value = g_key_file_get_string (file, group, key, NULL);
}

static gboolean
load_config (Options *o, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  const char *path = o->config != NULL ? o->config
                     : g_file_test (SYSTEM_CONFIG, G_FILE_TEST_EXISTS) ? SYSTEM_CONFIG : NULL;
  g_autoptr(GError) local = NULL;

  if (path == NULL)
    return TRUE;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
      return FALSE;
    }
  if (!check_keys (file, path, error))
    return FALSE;
  get_string (file, "kiosk", "database", &o->db);
  get_string (file, "kiosk", "lang", &o->lang);
  get_string (file, "kiosk", "sms_number", &o->sms_number);
  get_string (file, "kiosk", "staff_pin", &o->staff_pin);
  get_string (file, "sync", "url", &o->sync_url);
  get_string (file, "sync", "trust", &o->sync_trust);
  get_string (file, "sync", "usage_url", &o->usage_url);
  get_string (file, "sync", "usage_key", &o->usage_key);
  return get_int (file, path, "kiosk", "idle_seconds", &o->idle_seconds, error)
         && get_int (file, path, "sync", "interval", &o->sync_interval, error);
}

/* Reads "Name: value kB" from /proc/self/status, in kB; 0 when it is not there. */
static guint64
status_kb (const char *name)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, name)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (name), NULL, 10);
}

/* For the benchmark: when the first frame was painted (the system's monotonic clock, which the
 * parent shares) and the memory used then; and the kiosk quits. */
static void
report_first_frame (GtkWidget *window, gpointer user_data)
{
  printf ("first_frame_monotonic_us=%" G_GINT64_FORMAT " rss_kb=%" G_GUINT64_FORMAT
          " peak_rss_kb=%" G_GUINT64_FORMAT "\n",
          g_get_monotonic_time (), status_kb ("VmRSS:"), status_kb ("VmHWM:"));
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
save_screenshot (GtkWidget *window, gpointer user_data)
{
  const char *path = user_data;
  g_autoptr(GError) error = NULL;

  if (kiosk_window_save_png (KIOSK_WINDOW (window), path, &error))
    g_print ("banlang-kiosk: the screen is saved in %s\n", path);
  else
    g_printerr ("banlang-kiosk: %s\n", error->message);
}

static void
on_activate (GtkApplication *app, Options *o)
{
  KioskWindow *window;

  window = kiosk_window_new (app, o->store, o->lang, o->sms_number);
  kiosk_window_set_idle_seconds (window, o->idle_seconds != UNSET ? (guint) o->idle_seconds
                                                              : KIOSK_DEFAULT_IDLE_SECONDS);
  kiosk_window_set_locked (window, !o->windowed);
  kiosk_window_set_staff_pin (window, o->staff_pin);
  if (o->updater != NULL)
    {
      kiosk_window_set_updater (window, o->updater);
      kiosk_updater_start (o->updater, o->sync_interval != UNSET ? (guint) o->sync_interval
                                                                 : KIOSK_UPDATER_DEFAULT_INTERVAL);
    }
  if (o->report_first_frame)
    kiosk_widgets_after_first_frame (GTK_WIDGET (window), report_first_frame, NULL);
  if (o->screenshot != NULL)
    kiosk_widgets_after_first_frame (GTK_WIDGET (window), save_screenshot, o->screenshot);
  kiosk_watchdog_start (GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* Checks and completes the options once settings are read; FALSE with a message on a bad one. */
static gboolean
check_options (Options *o)
{
  if (o->lang == NULL)
    o->lang = g_strdup ("vi");
  if (content_language_lookup (o->lang) == NULL)
    {
      g_printerr ("banlang-kiosk: --lang: “%s” is not a known language\n", o->lang);
      return FALSE;
    }
  if (o->idle_seconds != UNSET && (o->idle_seconds < 0 || o->idle_seconds > MAX_IDLE_SECONDS))
    {
      g_printerr ("banlang-kiosk: idle seconds: %d is not between 0 (never) and %d (a day)\n",
                  o->idle_seconds, MAX_IDLE_SECONDS);
      return FALSE;
    }
  if (o->sms_number == NULL)
    o->sms_number = g_strdup (DEMO_SMS_NUMBER);
  if (o->sync_url != NULL && o->sync_trust == NULL)
    {
      g_printerr ("banlang-kiosk: [sync] url needs trust, the hub's root public key file\n");
      return FALSE;
    }
  if ((o->usage_url == NULL) != (o->usage_key == NULL))
    {
      g_printerr ("banlang-kiosk: [sync] usage_url and usage_key go together: where to post usage "
                  "counts, and the kiosk's own key to sign them\n");
      return FALSE;
    }
  if (o->usage_url != NULL && o->sync_trust == NULL)
    {
      g_printerr ("banlang-kiosk: [sync] usage_url needs trust as well: the kiosk posts usage with its updates\n");
      return FALSE;
    }
  if (o->sync_interval != UNSET && (o->sync_interval < MIN_SYNC_INTERVAL || o->sync_interval > MAX_SYNC_INTERVAL))
    {
      g_printerr ("banlang-kiosk: [sync] interval: %d is not between %d and %d seconds\n",
                  o->sync_interval, MIN_SYNC_INTERVAL, MAX_SYNC_INTERVAL);
      return FALSE;
    }
  return TRUE;
}

static void
options_clear (Options *o)
{
  g_clear_object (&o->updater);
  g_clear_object (&o->store);
  g_free (o->db);
  g_free (o->lang);
  g_free (o->config);
  g_free (o->sms_number);
  g_free (o->screenshot);
  g_free (o->staff_pin);
  g_free (o->sync_url);
  g_free (o->sync_trust);
  g_free (o->usage_url);
  g_free (o->usage_key);
}

int
main (int argc, char **argv)
{
  Options o = { .idle_seconds = UNSET, .sync_interval = UNSET };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db, "The content database", "PATH" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o.lang, "The language to start in (default vi)", "L" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &o.config, "Settings (default " SYSTEM_CONFIG ")", "FILE" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &o.idle_seconds,
      "Show the attract screen after this long without a touch (default 90; 0 never)", "N" },
    { "windowed", 0, 0, G_OPTION_ARG_NONE, &o.windowed, "A normal window, for development", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &o.screenshot,
      "Save the first screen to this PNG file (and go on running)", "FILE" },
    { "report-first-frame", 0, 0, G_OPTION_ARG_NONE, &o.report_first_frame,
      "Print when the first frame was drawn and the memory used, then quit (for benchmarks)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) app = NULL;
  int status;

  kiosk_language_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("banlang-kiosk: %s\n", error->message);
      return 2;
    }
  if (!load_config (&o, &error))
    {
      g_printerr ("banlang-kiosk: %s\n", error->message);
      options_clear (&o);
      return 1;
    }
  if (!check_options (&o))
    {
      options_clear (&o);
      return 2;
    }
  /* A kiosk that takes updates starts from nothing; one that does not needs its database. */
  o.store = content_store_open (o.db != NULL ? o.db : DEFAULT_DB,
                                o.sync_trust != NULL ? CONTENT_STORE_OPEN_CREATE : CONTENT_STORE_OPEN_DEFAULT,
                                &error);
  if (o.store == NULL)
    {
      g_printerr ("banlang-kiosk: %s\n", error->message);
      options_clear (&o);
      return 1;
    }
  /* A key file that cannot be read stops updates, never the kiosk: it serves what it holds. */
  if (o.sync_trust != NULL
      && (o.updater = kiosk_updater_new (o.store, o.sync_trust, o.sync_url, o.usage_url, o.usage_key, &error)) == NULL)
    {
      g_printerr ("banlang-kiosk: updates are off: %s\n", error->message);
      g_clear_error (&error);
    }
  app = gtk_application_new ("org.banlang.Kiosk", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &o);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  options_clear (&o);
  return status;
}
