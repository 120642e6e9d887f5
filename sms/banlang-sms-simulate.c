/* banlang-sms-simulate.c: `banlang-sms simulate`, a phone on the desk.
 *
 * The same responder the daemon runs, without gammu: a text in, the reply out part by part, and
 * the number's state kept in --state (a SQLite file; in memory when not given) so a
 * conversation can go on across runs. Without TEXT it reads one message per line from standard
 * input, like an interactive phone. --now fixes the clock, for tests.
 */
#include "config.h"
#include "banlang-sms-commands.h"
#include "content-exporter.h"
#include "sms-responder.h"

#include <stdio.h>
#include <string.h>

/* Prints @reply for people, or as the JSON of `simulate --json`. */
static void
print_reply (const SmsReply *reply, gboolean json)
{
  if (json)
    {
      g_autoptr(JsonNode) root = sms_reply_json (reply->encoded, reply->skip_reason);
      g_autofree char *text = content_json_pretty (root);
      fputs (text, stdout);
      return;
    }
  if (reply->text == NULL)
    {
      printf ("(no reply: %s)\n", reply->skip_reason);
      return;
    }
  printf ("reply to %s, %s, %u part%s:\n", reply->number, sms_encoding_to_string (reply->encoded->encoding),
          reply->encoded->parts->len, reply->encoded->parts->len == 1 ? "" : "s");
  for (guint i = 0; i < reply->encoded->parts->len; i++)
    printf ("  [%u/%u] %s\n", i + 1, reply->encoded->parts->len,
            (const char *) g_ptr_array_index (reply->encoded->parts, i));
}

gboolean
banlang_sms_parse_now (const char *text, gint64 *now)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return FALSE;
  *now = g_date_time_to_unix (dt);
  return TRUE;
}

int
banlang_sms_simulate (int argc, char **argv)
{
  g_autofree char *db = NULL, *state_path = NULL, *config_path = NULL, *now_text = NULL, *from = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The content database", "PATH" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state_path, "Keep numbers' state in this SQLite file", "PATH" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "Settings (banlang-sms.ini)", "FILE" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "The clock, fixed (UTC)", "YYYY-MM-DDTHH:MM:SS" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "The sender's number", "NUMBER" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("[TEXT...]");
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(SmsResponder) responder = NULL;
  g_auto(SmsConfig) config = { 0 };
  sqlite3 *state_db = NULL;
  gint64 now = 0;
  int status = 0;

  g_set_prgname (argv[0]);
  g_option_context_set_summary (ctx, "Answers TEXT as the daemon would, without gammu, and prints "
                                "the reply part by part. Without TEXT, reads one message a line.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || db == NULL || from == NULL
      || (now_text != NULL && !banlang_sms_parse_now (now_text, &now)))
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      fprintf (stderr, "%s: %s\n\n%s", argv[0],
               error != NULL ? error->message : db == NULL ? "--db PATH is required"
               : from == NULL ? "--from NUMBER is required" : "--now: write it YYYY-MM-DDTHH:MM:SS", help);
      return 2;
    }
  sms_config_init (&config);
  if (config_path != NULL && !sms_config_load (&config, config_path, &error))
    goto fail;
  store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    goto fail;
  if (sqlite3_open (state_path != NULL ? state_path : ":memory:", &state_db) != SQLITE_OK)
    {
      fprintf (stderr, "%s: %s: %s\n", argv[0], state_path, sqlite3_errmsg (state_db));
      sqlite3_close (state_db);
      return 1;
    }
  sqlite3_busy_timeout (state_db, 5000);
  responder = sms_responder_new (store, state_db, &config, &error);
  if (responder == NULL)
    goto fail;
  if (argc > 1)
    {
      g_autofree char *text = g_strjoinv (" ", argv + 1);
      g_autoptr(SmsReply) reply = sms_responder_handle (responder, from, text,
                                                        now_text != NULL ? now : g_get_real_time () / G_USEC_PER_SEC, &error);
      if (reply == NULL)
        goto fail;
      print_reply (reply, json);
    }
  else
    {
      char line[4096];
      while (fgets (line, sizeof line, stdin) != NULL)
        {
          g_autoptr(SmsReply) reply = NULL;
          line[strcspn (line, "\n")] = '\0';
          reply = sms_responder_handle (responder, from, line,
                                        now_text != NULL ? now++ : g_get_real_time () / G_USEC_PER_SEC, &error);
          if (reply == NULL)
            goto fail;
          print_reply (reply, json);
          fflush (stdout);
        }
    }
  goto out;
fail:
  fprintf (stderr, "%s: %s\n", argv[0], error->message);
  status = 1;
out:
  g_clear_pointer (&responder, sms_responder_free);
  sqlite3_close (state_db);
  return status;
}
