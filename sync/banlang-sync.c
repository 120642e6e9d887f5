/* banlang-sync.c: the sync tool: keys for a hub, publishing its site, and a kiosk's pull,
 * apply, status and usage upload, all through the banlang-sync library the hub and the kiosk
 * call too. A developer's and administrator's tool: messages are in English here; anything
 * villagers or officers read lives in locales/. */
#include "content-cli.h"
#include "content-media.h"
#include "sync-certificate.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-publisher.h"
#include "sync-receiver.h"
#include "sync-status.h"
#include "sync-usage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static char *opt_db, *opt_out, *opt_name, *opt_root, *opt_hub, *opt_key, *opt_trust, *opt_from,
            *opt_to, *opt_since;
static char **opt_revoke;
static gint64 opt_epoch = 1, opt_expires_days;
static gboolean opt_fetch_only, opt_json;

/* Parses the options of one command; returns -1 to go on, or the exit status. Every option in
 * @required must have been given. */
static int
parse (int *argc, char ***argv, const char *params, const char *summary, const GOptionEntry *entries,
       char **const required[], int n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (params);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "%s: %s\n", (*argv)[0], error->message);
      return EXIT_USAGE;
    }
  for (guint i = 0; required != NULL && required[i] != NULL; i++)
    if (*required[i] == NULL)
      {
        g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
        fprintf (stderr, "%s", help);
        return EXIT_USAGE;
      }
  if (*argc - 1 != n_args)
    {
      fprintf (stderr, "%s: expected %d argument(s)\n", (*argv)[0], n_args);
      return EXIT_USAGE;
    }
  return -1;
}

static int
fail (const char *who, const GError *error)
{
  fprintf (stderr, "%s: %s\n", who, error->message);
  return EXIT_FAILED;
}

static char *
out_path (const char *name, const char *ext)
{
  g_autofree char *file = g_strconcat (name, ext, NULL);

  return g_build_filename (opt_out, file, NULL);
}

static gboolean
make_out_dir (GError **error)
{
  if (g_mkdir_with_parents (opt_out, 0700) == 0)
    return TRUE;
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", opt_out, g_strerror (errno));
  return FALSE;
}

static int
cmd_keygen (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "folder for NAME.key and NAME.pub", "DIR" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, "the key's name (default: root)", "NAME" },
    { NULL }
  };
  char **const required[] = { &opt_out, NULL };
  int rc = parse (&argc, &argv, "", "Makes an Ed25519 key pair: a hub's root (keep NAME.key offline) "
                  "or a kiosk's own key for usage batches (--name kiosk).", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncKey) key = NULL;
  g_autofree char *secret = NULL, *public = NULL;

  if (rc >= 0)
    return rc;
  secret = out_path (opt_name != NULL ? opt_name : "root", ".key");
  public = out_path (opt_name != NULL ? opt_name : "root", ".pub");
  if (g_file_test (secret, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s: %s exists; refusing to overwrite a key\n", argv[0], secret);
      return EXIT_FAILED;
    }
  key = sync_key_generate ();
  if (!make_out_dir (&error) || !sync_key_save (key, secret, TRUE, &error)
      || !sync_key_save (key, public, FALSE, &error))
    return fail (argv[0], error);
  printf ("%s\n%s\nkey %s\n", secret, public, sync_key_get_id (key));
  return EXIT_OK;
}

/* The online key in @path, or a new one written there. */
static SyncKey *
online_key (const char *path, gboolean *created, GError **error)
{
  g_autoptr(GError) local = NULL;
  SyncKey *key = sync_key_load (path, &local);

  *created = key == NULL && g_error_matches (local, SYNC_ERROR, SYNC_ERROR_NOT_FOUND);
  if (!*created)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return key;
    }
  key = sync_key_generate ();
  if (!sync_key_save (key, path, TRUE, error))
    g_clear_pointer (&key, sync_key_free);
  return key;
}

static int
cmd_delegate (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &opt_root, "the root's secret key file", "ROOT.key" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "folder for signing.key and signing.cert", "DIR" },
    { "epoch", 0, 0, G_OPTION_ARG_INT64, &opt_epoch, "the epoch (default 1; a hub restored from a "
      "backup needs a higher one)", "N" },
    { "hub", 0, 0, G_OPTION_ARG_STRING, &opt_hub, "the hub's id (default: hub- and the root's id)", "ID" },
    { "revoke", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_revoke, "an online key no kiosk may trust "
      "again (repeatable)", "KEY-ID" },
    { NULL }
  };
  char **const required[] = { &opt_root, &opt_out, NULL };
  int rc = parse (&argc, &argv, "", "Certifies the hub's online signing key with the root: "
                  "DIR/signing.key (made when missing) and DIR/signing.cert.", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncKey) root = NULL, key = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autofree char *key_path = NULL, *cert_path = NULL;
  gboolean created;

  if (rc >= 0)
    return rc;
  key_path = out_path ("signing", ".key");
  cert_path = sync_publisher_certificate_path (key_path);
  if ((root = sync_key_load (opt_root, &error)) == NULL || !make_out_dir (&error)
      || (key = online_key (key_path, &created, &error)) == NULL)
    return fail (argv[0], error);
  if (!sync_key_has_secret (root) || opt_epoch < 1)
    {
      fprintf (stderr, "%s: needs the root's secret key file and an epoch of at least 1\n", argv[0]);
      return EXIT_USAGE;
    }
  cert = sync_certificate_issue (root, key, opt_hub, opt_epoch, (const char *const *) opt_revoke);
  if (!sync_file_write (cert_path, g_bytes_get_data (cert, NULL), g_bytes_get_size (cert), 0644, &error))
    return fail (argv[0], error);
  printf ("%s (%s)\n%s (epoch %" G_GINT64_FORMAT ")\n", key_path, created ? "new" : "kept", cert_path, opt_epoch);
  return EXIT_OK;
}

static int
cmd_publish (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "the hub's content database", "CONTENT_DB" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &opt_key, "the online signing key (its .cert beside it)", "signing.key" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "the site folder", "SITE" },
    { "expires-in", 0, 0, G_OPTION_ARG_INT64, &opt_expires_days, "days a manifest may be trusted (default 7)", "DAYS" },
    { NULL }
  };
  char **const required[] = { &opt_db, &opt_key, &opt_out, NULL };
  int rc = parse (&argc, &argv, "", "Writes what is new on the hub into its site: bundles, media, "
                  "certificate and a signed manifest.", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  SyncPublishOptions options = { opt_expires_days * 24 * 3600 };
  SyncPublishStats stats;

  if (rc >= 0)
    return rc;
  if ((store = content_store_open (opt_db, CONTENT_STORE_OPEN_READ_ONLY, &error)) == NULL
      || !sync_publisher_publish_with_options (store, opt_key, opt_out, &options, &stats, &error))
    return fail (argv[0], error);
  if (stats.manifest_written)
    printf ("%s: seq %" G_GINT64_FORMAT ", manifest version %" G_GINT64_FORMAT ", %u bundle(s)%s, "
            "%u blob(s) written\n", opt_out, stats.seq, stats.version, stats.bundles_written,
            stats.snapshot_written ? " with a snapshot" : "", stats.media_written);
  else
    printf ("%s: up to date (seq %" G_GINT64_FORMAT ", manifest version %" G_GINT64_FORMAT ")\n",
            opt_out, stats.seq, stats.version);
  return EXIT_OK;
}

/* A bar of @width cells, @done of @total filled. */
static void
print_bar (const char *label, guint64 done, guint64 total, const char *figures)
{
  const int width = 30;
  int filled = total > 0 ? (int) (MIN (done, total) * width / total) : 0;

  fprintf (stderr, "\r%-9s [%.*s%*s] %3d%% %s   ", label, filled, "##############################",
           width - filled, "", total > 0 ? (int) (MIN (done, total) * 100 / total) : 0, figures);
}

static void
show_progress (const SyncProgress *progress, gpointer user_data)
{
  if (progress->stage == SYNC_STAGE_FETCHING)
    {
      g_autofree char *done = content_media_format_size (progress->bytes_done);
      g_autofree char *total = content_media_format_size (progress->bytes_total);
      g_autofree char *figures = g_strdup_printf ("%s of %s", done, total);
      print_bar ("fetching", progress->bytes_done, progress->bytes_total, figures);
    }
  else if (progress->items_done == progress->items_total || progress->items_done % 50 == 0)
    {
      g_autofree char *figures = g_strdup_printf ("%u of %u records", progress->items_done, progress->items_total);
      print_bar ("applying", progress->items_done, progress->items_total, figures);
    }
}

static void
print_result (const SyncReceiveStats *stats)
{
  g_autofree char *received = content_media_format_size (stats->bytes_received);

  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\n");
  if (stats->updated)
    printf ("%s: seq %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT ", %u records applied, %u blob(s) "
            "fetched, %s received\n", opt_db, stats->from_seq, stats->to_seq, stats->records,
            stats->media_fetched, received);
  else
    printf ("%s: %s at seq %" G_GINT64_FORMAT " (%s received)\n", opt_db,
            opt_fetch_only ? "fetched, not applied," : "up to date", stats->to_seq, received);
  if (stats->stale)
    printf ("%s: STALE: the hub's newest manifest has expired; run status\n", opt_db);
}

/* Opens (creating) the kiosk database and a receiver trusting opt_trust. */
static SyncReceiver *
open_receiver (GError **error)
{
  g_autoptr(ContentStore) store = content_store_open (opt_db, CONTENT_STORE_OPEN_CREATE, error);
  SyncReceiver *receiver;

  if (store == NULL || (receiver = sync_receiver_new (store, opt_trust, error)) == NULL)
    return NULL;
  if (isatty (STDERR_FILENO))
    sync_receiver_set_progress (receiver, show_progress, NULL);
  return receiver;
}

static int
cmd_pull (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "the kiosk's database (created when missing)", "KIOSK_DB" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &opt_trust, "the hub's root public key", "root.pub" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "the hub's site", "URL" },
    { "fetch-only", 0, 0, G_OPTION_ARG_NONE, &opt_fetch_only, "fetch and check, apply later", NULL },
    { NULL }
  };
  char **const required[] = { &opt_db, &opt_trust, &opt_from, NULL };
  int rc = parse (&argc, &argv, "", "Fetches what the kiosk lacks from the hub's site, checks it "
                  "and applies it in one transaction.", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncReceiver) receiver = NULL;
  SyncReceiveStats stats;

  if (rc >= 0)
    return rc;
  if ((receiver = open_receiver (&error)) == NULL
      || !sync_receiver_pull (receiver, opt_from, opt_fetch_only ? SYNC_RECEIVE_FETCH_ONLY : SYNC_RECEIVE_DEFAULT,
                              &stats, NULL, &error))
    return fail (argv[0], error);
  print_result (&stats);
  return EXIT_OK;
}

static int
cmd_apply (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "the kiosk's database (created when missing)", "KIOSK_DB" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &opt_trust, "the hub's root public key", "root.pub" },
    { NULL }
  };
  char **const required[] = { &opt_db, &opt_trust, NULL };
  int rc = parse (&argc, &argv, "SITE", "Applies a copy of the hub's site (a USB stick, any folder) "
                  "with the same checks as pull.", entries, required, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncReceiver) receiver = NULL;
  SyncReceiveStats stats;

  if (rc >= 0)
    return rc;
  if ((receiver = open_receiver (&error)) == NULL
      || !sync_receiver_apply_dir (receiver, argv[1], &stats, &error))
    return fail (argv[0], error);
  print_result (&stats);
  return EXIT_OK;
}

static int
cmd_status (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "the kiosk's database", "KIOSK_DB" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "print JSON", NULL },
    { NULL }
  };
  char **const required[] = { &opt_db, NULL };
  int rc = parse (&argc, &argv, "", "Says which hub the kiosk follows, its seq, when it was last "
                  "updated and whether its content is stale.", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(SyncStatus) status = NULL;
  g_autofree char *json = NULL;

  if (rc >= 0)
    return rc;
  if ((store = content_store_open (opt_db, CONTENT_STORE_OPEN_READ_ONLY, &error)) == NULL
      || (status = sync_status_read (store, &error)) == NULL)
    return fail (argv[0], error);
  if (opt_json)
    {
      json = sync_status_to_json (status);
      printf ("%s\n", json);
      return EXIT_OK;
    }
  printf ("hub:          %s (key epoch %" G_GINT64_FORMAT ", manifest version %" G_GINT64_FORMAT ")\n"
          "seq:          %" G_GINT64_FORMAT "\nlast update:  %s\nissued:       %s\n"
          "last checked: %s\n", status->hub, status->epoch, status->version, status->seq,
          status->applied_at, status->issued_at, status->checked_at != NULL ? status->checked_at : "unknown");
  if (status->stale)
    printf ("STALE since %s: nothing newer has come from the hub\n", status->expires_at);
  else
    printf ("fresh until: %s\n", status->expires_at != NULL ? status->expires_at : "unknown");
  return EXIT_OK;
}

static int
cmd_usage (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "the kiosk's database", "KIOSK_DB" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &opt_key, "this kiosk's own secret key (keygen --name kiosk)", "kiosk.key" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, "the hub's usage address", "URL" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &opt_since, "counts from this day on (default: all)", "YYYY-MM-DD" },
    { NULL }
  };
  char **const required[] = { &opt_db, &opt_key, &opt_to, NULL };
  int rc = parse (&argc, &argv, "", "Posts the kiosk's usage counts to the hub, signed with its own "
                  "key (the batch number is kept in KEY.batch).", entries, required, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(SyncKey) key = NULL;
  g_autoptr(SyncUsageBatch) batch = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *state = NULL;
  gint64 number;

  if (rc >= 0)
    return rc;
  state = g_strconcat (opt_key, ".batch", NULL);
  if ((store = content_store_open (opt_db, CONTENT_STORE_OPEN_READ_ONLY, &error)) == NULL
      || (key = sync_key_load (opt_key, &error)) == NULL || !sync_usage_next_number (state, &number, &error))
    return fail (argv[0], error);
  batch = sync_usage_batch_new (number);
  if (!sync_usage_batch_add_usage (batch, store, opt_since, &error))
    return fail (argv[0], error);
  sealed = sync_usage_batch_seal (batch, key);
  if (!sync_usage_post (sealed, opt_to, NULL, &error))
    return fail (argv[0], error);
  printf ("batch %" G_GINT64_FORMAT ": %u row(s) posted\n", number,
          json_array_get_length (sync_usage_batch_get_rows (batch)));
  return EXIT_OK;
}

static const ContentCliCommand commands[] = {
  { "keygen", cmd_keygen, "make a root key pair (or a kiosk's own)" },
  { "delegate", cmd_delegate, "certify the hub's online signing key with the root" },
  { "publish", cmd_publish, "write the hub's new content into its site" },
  { "pull", cmd_pull, "bring a kiosk database up to date from a hub's site" },
  { "apply", cmd_apply, "the same from a folder (a USB stick)" },
  { "status", cmd_status, "which hub, which seq, when, stale or not" },
  { "usage", cmd_usage, "post the kiosk's usage counts to the hub" },
};

int
main (int argc, char **argv)
{
  return content_cli_main ("banlang-sync", commands, G_N_ELEMENTS (commands), argc, argv);
}
