/* fuzz-sms-responder.c: libFuzzer target for the SMS responder answering what a phone sends.
 *
 * The input is one to eight messages from one number, one a line (a menu digit after a search,
 * THEM after a long answer: the grammar's state matters). The responder answers from a store
 * made once from content/seed, keeping per-number state in an in-memory database; each input
 * runs inside a transaction rolled back at its end, so no input's state leaks into the next.
 * sms-responder.h promises never to fail on what a phone can send: any error is a finding,
 * as is a reply that is neither a text nor a skip with its reason, or not UTF-8.
 */
#include "sms-responder.h"
#include "fuzz-util.h"

#include <string.h>

static ContentStore *store;
static sqlite3 *state_db;
static SmsResponder *responder;
static SmsConfig config;

/* 15 November 2026, 08:00 UTC: a fixed clock, so that an input always gets the same answers. */
#define NOW G_GINT64_CONSTANT (1794729600)

static void
exec (const char *sql)
{
  if (sqlite3_exec (state_db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", sql, sqlite3_errmsg (state_db));
      fuzz_util_fail ("the state database", NULL);
    }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_util_init ();
  store = fuzz_util_seed_store ("content.db");
  if (sqlite3_open (":memory:", &state_db) != SQLITE_OK)
    fuzz_util_fail ("an in-memory state database", NULL);
  sms_config_init (&config);
  responder = sms_responder_new (store, state_db, &config, &error);
  if (responder == NULL)
    fuzz_util_fail ("the responder", error);
  return 0;
}

static void
check_reply (const SmsReply *reply)
{
  if ((reply->text == NULL) == (reply->skip_reason == NULL))
    fuzz_util_fail ("a reply that is both or neither a text and a skip", NULL);
  if ((reply->text == NULL) != (reply->encoded == NULL))
    fuzz_util_fail ("a reply text without its parts, or parts without it", NULL);
  if (reply->text != NULL && !g_utf8_validate (reply->text, -1, NULL))
    fuzz_util_fail ("a reply that is not UTF-8", NULL);
  if (reply->encoded != NULL && reply->encoded->parts->len == 0)
    fuzz_util_fail ("a reply of no parts", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *input = fuzz_util_string (data, size);
  g_auto(GStrv) messages = g_strsplit (input, "\n", 8);

  exec ("BEGIN");
  for (guint i = 0; messages[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      /* A minute apart: past the duplicate window, inside a menu's session. */
      g_autoptr(SmsReply) reply = sms_responder_handle (responder, "0912345678", messages[i],
                                                        NOW + 60 * i, &error);
      if (reply == NULL)
        fuzz_util_fail ("the responder failed on a message", error);
      check_reply (reply);
    }
  exec ("ROLLBACK");
  return 0;
}
