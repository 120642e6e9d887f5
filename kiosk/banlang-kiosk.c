/* banlang-kiosk.c: the touchscreen kiosk's entry point.
 *
 * One GtkApplication (org.banlang.Kiosk) with one window, fullscreen unless --windowed. Settings
 * come from /etc/banlang/kiosk.ini ([kiosk] database, lang, sms_number) when present, or
 * --config FILE; options override them.
 */
#include "config.h"
#include "kiosk-language.h"
#include "kiosk-window.h"

#include "content-language.h"

#include <glib/gi18n.h>

#define SYSTEM_CONFIG "/etc/banlang/kiosk.ini"
#define DEFAULT_DB "/var/lib/banlang/content.db"
/* Obviously not a real number: the demo must not send people's texts anywhere. */
#define DEMO_SMS_NUMBER "0000 000 000"

typedef struct {
  char *db;
  char *lang;
  char *config;
  char *sms_number;
  gboolean windowed;
  ContentStore *store;
} Options;

static gboolean
load_config (Options *o, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  const char *path = o->config != NULL ? o->config
                     : g_file_test (SYSTEM_CONFIG, G_FILE_TEST_EXISTS) ? SYSTEM_CONFIG : NULL;

  if (path == NULL)
    return TRUE;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  if (o->db == NULL)
    o->db = g_key_file_get_string (file, "kiosk", "database", NULL);
  if (o->lang == NULL)
    o->lang = g_key_file_get_string (file, "kiosk", "lang", NULL);
  if (o->sms_number == NULL)
    o->sms_number = g_key_file_get_string (file, "kiosk", "sms_number", NULL);
  return TRUE;
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/org/banlang/kiosk/kiosk.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
on_activate (GtkApplication *app, Options *o)
{
  KioskWindow *window;

  load_css ();
  window = kiosk_window_new (app, o->store, o->lang, o->sms_number);
  if (!o->windowed)
    {
      gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
      gtk_window_fullscreen (GTK_WINDOW (window));
    }
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  Options o = { 0 };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db, "The content database", "PATH" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o.lang, "The language to start in (default vi)", "L" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &o.config, "Settings (default " SYSTEM_CONFIG ")", "FILE" },
    { "windowed", 0, 0, G_OPTION_ARG_NONE, &o.windowed, "A normal window, for development", NULL },
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
      return 1;
    }
  if (o.lang == NULL)
    o.lang = g_strdup ("vi");
  if (content_language_lookup (o.lang) == NULL)
    {
      g_printerr ("banlang-kiosk: --lang: “%s” is not a known language\n", o.lang);
      return 2;
    }
  if (o.sms_number == NULL)
    o.sms_number = g_strdup (DEMO_SMS_NUMBER);
  o.store = content_store_open (o.db != NULL ? o.db : DEFAULT_DB, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (o.store == NULL)
    {
      g_printerr ("banlang-kiosk: %s\n", error->message);
      return 1;
    }
  app = gtk_application_new ("org.banlang.Kiosk", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &o);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&o.store);
  g_free (o.db);
  g_free (o.lang);
  g_free (o.config);
  g_free (o.sms_number);
  return status;
}
