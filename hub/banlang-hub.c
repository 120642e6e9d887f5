/* banlang-hub.c: the hub's command line: serve the web editor, and manage officers' accounts.
 *
 *   banlang-hub serve --db CONTENT_DB --hub-db HUB_DB [--listen HOST:PORT] [--config hub.ini]
 *                     [--sync-key KEY --sync-dir DIR]
 *   banlang-hub user add --hub-db HUB_DB --name NAME --role editor|publisher|admin --password-file FILE
 *   banlang-hub user list|disable|enable|password ...
 *
 * Passwords come from files, never from the command line (which other users can read in ps).
 */
#include "config.h"
#include "content-cli.h"
#include "content-store.h"
#include "hub-config.h"
#include "hub-db.h"
#include "hub-i18n.h"
#include "hub-password.h"
#include "hub-publish.h"
#include "hub-server.h"
#include "hub-usage.h"
#include "sync-key.h"

#include <glib-unix.h>
#include <stdio.h>

#define SYSTEM_CONFIG "/etc/banlang/hub.ini"

/* How often the signed site is written again while nothing is published: well within half of
 * a manifest's lifetime, so kiosks never see it expire while the hub runs. */
#define RESIGN_SECONDS (6 * 3600)

static int
usage_error (GOptionContext *ctx, const char *program, const char *problem)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  fprintf (stderr, "%s: %s\n\n%s", program, problem, help);
  return 2;
}

static gboolean
on_stop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_resign (gpointer server)
{
  hub_publish_site (server, 0, NULL);
  return G_SOURCE_CONTINUE;
}

static int
hub_serve (int argc, char **argv)
{
  g_auto(HubConfig) config = { 0 };
  g_autofree char *db = NULL, *hub_db = NULL, *listen = NULL, *config_path = NULL, *sync_key = NULL, *sync_dir = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The content database", "PATH" },
    { "hub-db", 0, 0, G_OPTION_ARG_FILENAME, &hub_db, "The hub's own database (accounts, sessions, audit)", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Where to listen (default 127.0.0.1:8080)", "HOST:PORT" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "Settings (default " SYSTEM_CONFIG " when present)", "FILE" },
    { "sync-key", 0, 0, G_OPTION_ARG_FILENAME, &sync_key, "The online signing key: publishing writes signed bundles", "KEY" },
    { "sync-dir", 0, 0, G_OPTION_ARG_FILENAME, &sync_dir, "Where signed bundles are written and served from (/sync/)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(HubDb) hdb = NULL;
  g_autoptr(HubServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  HubServerOptions options;

  g_option_context_set_summary (ctx, "Serves the officers' web editor.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc > 1)
    return usage_error (ctx, argv[0], error != NULL ? error->message : "unexpected arguments");
  hub_config_init (&config);
  if (config_path == NULL && g_file_test (SYSTEM_CONFIG, G_FILE_TEST_EXISTS))
    config_path = g_strdup (SYSTEM_CONFIG);
  if (config_path != NULL && !hub_config_load (&config, config_path, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
#define OVERRIDE(field, value) if (value != NULL) { g_free (config.field); config.field = g_steal_pointer (&value); }
  OVERRIDE (database, db);
  OVERRIDE (hub_database, hub_db);
  OVERRIDE (listen, listen);
  OVERRIDE (sync_key, sync_key);
  OVERRIDE (sync_dir, sync_dir);
#undef OVERRIDE
  if ((config.sync_key == NULL) != (config.sync_dir == NULL))
    return usage_error (ctx, argv[0], "--sync-key and --sync-dir go together");
  hub_i18n_init ();
  store = content_store_open (config.database, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (hdb = hub_db_open (config.hub_database, &error)) == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  options = (HubServerOptions) { config.sync_key, config.sync_dir, config.secure };
  server = hub_server_new (store, hdb, &options);
  if (!hub_server_listen (server, config.listen, &error))
    {
      fprintf (stderr, "%s: cannot listen on %s: %s\n", argv[0], config.listen, error->message);
      return 1;
    }
  uri = hub_server_get_uri (server);
  printf ("banlang-hub: serving %s on %s\n", config.database, uri);
  if (config.sync_dir != NULL)
    {
      printf ("banlang-hub: signed site in %s, served at %ssync/\n", config.sync_dir, uri);
      on_resign (server);
      g_timeout_add_seconds (RESIGN_SECONDS, on_resign, server);
    }
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_stop, loop);
  g_unix_signal_add (SIGTERM, on_stop, loop);
  g_main_loop_run (loop);
  return 0;
}

/* `user add|list|disable|enable|password`: account management, for the first admin and for
 * scripts. */
static int
hub_user (int argc, char **argv)
{
  g_autofree char *hub_db = NULL, *name = NULL, *role_name = NULL, *password_file = NULL;
  const GOptionEntry entries[] = {
    { "hub-db", 0, 0, G_OPTION_ARG_FILENAME, &hub_db, "The hub's database", "PATH" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "The account's name", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, "editor, publisher or admin", "ROLE" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "A file whose first line is the password", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("add|list|disable|enable|password");
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDb) db = NULL;
  g_autofree char *password = NULL, *hash = NULL;
  const char *action;
  HubRole role = HUB_ROLE_EDITOR;

  g_option_context_set_summary (ctx, "Manages officers' accounts.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || hub_db == NULL)
    return usage_error (ctx, argv[0], error != NULL ? error->message : "give an action and --hub-db");
  action = argv[1];
  if (!g_str_equal (action, "list") && !hub_account_name_is_valid (name))
    return usage_error (ctx, argv[0], "--name is required: 2 to 40 letters, digits, '.', '-' or '_'");
  if (g_str_equal (action, "add") && (role_name == NULL || !hub_role_from_string (role_name, &role)))
    return usage_error (ctx, argv[0], "--role must be editor, publisher or admin");
  if ((g_str_equal (action, "add") || g_str_equal (action, "password")) && password_file == NULL)
    return usage_error (ctx, argv[0], "--password-file is required");
  db = hub_db_open (hub_db, &error);
  if (db == NULL)
    goto failed;
  if (g_str_equal (action, "list"))
    {
      g_autoptr(GPtrArray) accounts = hub_db_list_accounts (db, &error);
      if (accounts == NULL)
        goto failed;
      for (guint i = 0; i < accounts->len; i++)
        {
          HubAccount *a = g_ptr_array_index (accounts, i);
          printf ("%s\t%s%s\n", a->name, hub_role_to_string (a->role), a->disabled ? "\tdisabled" : "");
        }
      return 0;
    }
  if (g_str_equal (action, "disable") || g_str_equal (action, "enable"))
    {
      if (!hub_db_set_disabled (db, name, g_str_equal (action, "disable"), &error)
          || !hub_db_audit (db, 0, "command line", action, name, NULL, &error))
        goto failed;
      printf ("%s: %sd\n", name, action);
      return 0;
    }
  if (!g_str_equal (action, "add") && !g_str_equal (action, "password"))
    return usage_error (ctx, argv[0], "the action must be add, list, disable, enable or password");
  if ((password = hub_password_read_file (password_file, &error)) == NULL
      || (hash = hub_password_hash (password, &error)) == NULL)
    goto failed;
  if (g_str_equal (action, "add"))
    {
      if (!hub_db_add_account (db, name, role, hash, NULL, &error))
        goto failed;
    }
  else
    {
      g_autoptr(HubAccount) account = hub_db_find_account (db, name, &error);
      if (account == NULL || !hub_db_set_password_hash (db, account->id, hash, NULL, &error))
        goto failed;
    }
  if (!hub_db_audit (db, 0, "command line", g_str_equal (action, "add") ? "account-add" : "account-password", name,
                     role_name, &error))
    goto failed;
  printf ("%s: %s\n", name, g_str_equal (action, "add") ? "added" : "password changed");
  return 0;

failed:
  fprintf (stderr, "%s: %s\n", argv[0], error->message);
  return 1;
}

/* `sender add|list`: the kiosks and SMS responders whose signed usage batches /usage takes. */
static int
hub_sender (int argc, char **argv)
{
  g_autofree char *hub_db = NULL, *name = NULL, *key_path = NULL;
  const GOptionEntry entries[] = {
    { "hub-db", 0, 0, G_OPTION_ARG_FILENAME, &hub_db, "The hub's database", "PATH" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "The sender's name (e.g. kiosk-binh-lieu)", "NAME" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, "The sender's public key file (banlang-sync keygen)", "FILE.pub" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("add|list");
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDb) db = NULL;
  g_autoptr(SyncKey) key = NULL;

  g_option_context_set_summary (ctx, "Registers the kiosks and SMS responders that post usage counts.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || hub_db == NULL)
    return usage_error (ctx, argv[0], error != NULL ? error->message : "give an action and --hub-db");
  if (g_str_equal (argv[1], "add") && (!hub_account_name_is_valid (name) || key_path == NULL))
    return usage_error (ctx, argv[0], "--name (2 to 40 letters, digits, '.', '-', '_') and --key are required");
  if (!g_str_equal (argv[1], "add") && !g_str_equal (argv[1], "list"))
    return usage_error (ctx, argv[0], "the action must be add or list");
  if ((db = hub_db_open (hub_db, &error)) == NULL)
    goto failed;
  if (g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) senders = hub_usage_list_senders (db, &error);
      if (senders == NULL)
        goto failed;
      for (guint i = 0; i < senders->len; i += 2)
        printf ("%s\t%s\n", (const char *) g_ptr_array_index (senders, i), (const char *) g_ptr_array_index (senders, i + 1));
      return 0;
    }
  if ((key = sync_key_load (key_path, &error)) == NULL
      || !hub_usage_add_sender (db, name, sync_key_get_id (key), &error)
      || !hub_db_audit (db, 0, "command line", "sender-add", name, sync_key_get_id (key), &error))
    goto failed;
  printf ("%s: may post usage counts (key %s)\n", name, sync_key_get_id (key));
  return 0;

failed:
  fprintf (stderr, "%s: %s\n", argv[0], error->message);
  return 1;
}

static const ContentCliCommand commands[] = {
  { "serve", hub_serve, "serve the officers' web editor" },
  { "user", hub_user, "add, list, disable, enable officers' accounts or change a password" },
  { "sender", hub_sender, "register a kiosk or SMS responder that posts usage counts, or list them" },
};

int
main (int argc, char **argv)
{
  return content_cli_main ("banlang-hub", commands, G_N_ELEMENTS (commands), argc, argv);
}
