/* test-sms-conversations.c: scripted conversations with the SMS responder.
 *
 * Each file in tests/sms-conversations/ is a conversation, as RapidSMS tests responders:
 *   +84912345678 > TEXT        the number texts TEXT (the clock then moves on 5 seconds)
 *   +84912345678 < REPLY       the reply is exactly REPLY (after the encoding policy; "\n" in
 *                              REPLY or PIECE is a line break, as menus put one per choice)
 *   +84912345678 <~ PIECE      the reply contains PIECE
 *   +84912345678 <- PIECE      the reply does not contain PIECE
 *   +84912345678 <! REASON     no reply; the skip reason contains REASON
 *   +84912345678 <# N          the reply was sent in N SMS parts
 *   @ 2026-11-23T10:00:00      set the clock (UTC); "@ +600" moves it on 600 seconds
 *   % key = value              a setting of banlang-sms.ini's [sms] group, before any message
 *   # a comment
 * Every conversation runs through the same responder as the daemon and the simulator, against
 * the demo content, with a fresh state. A failing line is reported with its file and number.
 */
#include "config.h"
#include "sms-phrases.h"
#include "sms-responder.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static ContentStore *store;

static void
setup (void)
{
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
}

static void
teardown (void)
{
  g_clear_object (&store);
  test_util_dir_teardown ();
}

typedef struct {
  const char *file;
  guint line;
  GString *failures;
} Where;

static void
failed (Where *w, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
failed (Where *w, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_string_append_printf (w->failures, "\n  %s:%u: %s", w->file, w->line, msg);
}

/* Writes "% key = value" lines into an [sms] key file for sms_config_load(). */
static char *
settings_file (char **lines)
{
  g_autoptr(GString) ini = g_string_new ("[sms]\n");
  guint n = 0;

  for (gsize i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '%')
      {
        g_string_append_printf (ini, "%s\n", g_strstrip (lines[i] + 1));
        n++;
      }
  return n > 0 ? test_util_write (test_dir, "sms.ini", ini->str) : NULL;
}

/* @text with every "\n" (backslash, n) a line break. */
static char *
with_line_breaks (const char *text)
{
  g_auto(GStrv) pieces = g_strsplit (text, "\\n", -1);

  return g_strjoinv ("\n", pieces);
}

static void
check_expectation (Where *w, const char *op, const char *written, SmsReply *last)
{
  g_autofree char *want = with_line_breaks (written);

  if (last == NULL)
    failed (w, "an expectation before any message");
  else if (g_str_equal (op, "<!"))
    {
      if (last->skip_reason == NULL || strstr (last->skip_reason, want) == NULL)
        failed (w, "expected no reply (%s), got %s%s", want,
                last->text != NULL ? "the reply: " : "the skip: ", last->text != NULL ? last->text : last->skip_reason);
    }
  else if (last->text == NULL)
    failed (w, "expected a reply, got no reply (%s)", last->skip_reason);
  else if (g_str_equal (op, "<") && !g_str_equal (last->text, want))
    failed (w, "expected exactly:\n      %s\n    got:\n      %s", want, last->text);
  else if (g_str_equal (op, "<~") && strstr (last->text, want) == NULL)
    failed (w, "expected the reply to contain “%s”, got:\n      %s", want, last->text);
  else if (g_str_equal (op, "<-") && strstr (last->text, want) != NULL)
    failed (w, "expected the reply not to contain “%s”, got:\n      %s", want, last->text);
  else if (g_str_equal (op, "<#") && last->encoded->parts->len != g_ascii_strtoull (want, NULL, 10))
    failed (w, "expected %s parts, got %u: %s", want, last->encoded->parts->len, last->text);
}

/* SMS parts sent, and replies, over every conversation: the cost a resident pays. Only
 * unaccented (GSM-7) replies count: accented ones are a choice people make knowingly. */
typedef struct {
  guint parts;
  guint replies;
} Cost;

static void
add_cost (Cost *cost, const SmsReply *reply)
{
  if (reply->encoded == NULL || reply->encoded->encoding != SMS_ENCODING_GSM7)
    return;
  cost->parts += reply->encoded->parts->len;
  cost->replies++;
}

static guint
run_conversation (const char *path, GString *failures, Cost *cost)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *ini = NULL;
  g_auto(SmsConfig) config = { 0 };
  g_autoptr(SmsResponder) responder = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sms_reply_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  Where w = { base, 0, failures };
  gint64 now = 1795000000;  /* 2026-11-19, a fixed clock */
  guint messages = 0;
  sqlite3 *db;

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  sms_config_init (&config);
  ini = settings_file (lines);
  ck_assert_msg (ini == NULL || sms_config_load (&config, ini, &error), "%s: %s", base, error ? error->message : "");
  sqlite3_open (":memory:", &db);
  responder = sms_responder_new (store, db, &config, &error);
  ck_assert_msg (responder != NULL, "%s", error ? error->message : "");
  for (gsize i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *space;

      w.line = i + 1;
      if (line[0] == '#' || line[0] == '%' || line[strspn (line, " \t\r")] == '\0')
        continue;
      if (line[0] == '@')
        {
          const char *when = g_strstrip (line + 1);
          g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
          g_autoptr(GDateTime) dt = NULL;
          if (when[0] == '+')
            now += g_ascii_strtoll (when + 1, NULL, 10);
          else if ((dt = g_date_time_new_from_iso8601 (when, utc)) != NULL)
            now = g_date_time_to_unix (dt);
          else
            failed (&w, "bad clock line");
          continue;
        }
      space = strchr (line, ' ');
      if (space == NULL)
        {
          failed (&w, "cannot read this line");
          continue;
        }
      *space = '\0';
      {
        const char *number = line;
        char *rest = space + 1;
        char *op_end = strchr (rest, ' ');
        const char *op = rest;
        const char *arg = "";
        if (op_end != NULL)
          {
            *op_end = '\0';
            arg = op_end + 1;
          }
        if (g_str_equal (op, ">"))
          {
            SmsReply *reply = sms_responder_handle (responder, number, arg, now, &error);
            ck_assert_msg (reply != NULL, "%s:%u: %s", base, w.line, error ? error->message : "");
            add_cost (cost, reply);
            g_hash_table_replace (last, g_strdup (number), reply);
            now += 5;
            messages++;
          }
        else
          check_expectation (&w, op, arg, g_hash_table_lookup (last, number));
      }
    }
  g_clear_pointer (&responder, sms_responder_free);
  sqlite3_close (db);
  ck_assert_msg (messages > 0, "%s: no messages", base);
  return messages;
}

START_TEST (test_conversations)
{
  g_autofree char *dir = g_build_filename (BANLANG_SOURCE_ROOT, "tests", "sms-conversations", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) failures = g_string_new (NULL);
  const char *name;
  guint files = 0;
  Cost cost = { 0, 0 };

  ck_assert_ptr_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      run_conversation (path, failures, &cost);
      files++;
    }
  ck_assert_uint_ge (files, 30);
  g_print ("%u unaccented replies in %u SMS parts: %.2f parts a reply\n", cost.replies, cost.parts,
           (double) cost.parts / cost.replies);
  /* Every reply earns its cost: an answer that fits one SMS takes one. */
  ck_assert_msg (cost.parts <= 1.3 * cost.replies, "%.2f parts a reply", (double) cost.parts / cost.replies);
  /* check carries only short messages from the forked test: the lines go to standard error. */
  if (failures->len > 0)
    g_printerr ("conversations that went wrong:%s\n", failures->str);
  ck_assert_msg (failures->len == 0, "conversations went wrong (listed above)");
}
END_TEST

/* Menus of topics the content does not have (an empty store, or topics removed since the menu
 * was sent) get a clean reply, never a crash. */
START_TEST (test_menus_without_topics)
{
  g_autofree char *path = g_build_filename (test_dir, "empty.db", NULL);
  g_autoptr(ContentStore) empty = content_store_open (path, CONTENT_STORE_OPEN_CREATE, NULL);
  static const char *const texts[] = { "LUAT 1", "LUAT", "1", "HOTRO 2", "TIM dat dai", "?" };
  g_auto(SmsConfig) config = { 0 };
  g_autoptr(SmsResponder) responder = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  sms_config_init (&config);
  sqlite3_open (":memory:", &db);
  responder = sms_responder_new (empty, db, &config, &error);
  ck_assert_ptr_nonnull (responder);
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(SmsReply) reply = sms_responder_handle (responder, "0912345678", texts[i], 1795000000 + 60 * i, &error);
      ck_assert_msg (reply != NULL, "%s: %s", texts[i], error ? error->message : "");
      ck_assert_msg (reply->text != NULL && *reply->text != '\0', "%s: no reply", texts[i]);
    }
  g_clear_pointer (&responder, sms_responder_free);
  sqlite3_close (db);
}
END_TEST

/* Every phrase of the responder, in each language it speaks, is GSM-7 once folded (so it costs
 * a 160-character part, not a 70-character one), and HELP fits one SMS. */
START_TEST (test_phrases_fit_gsm7)
{
  char *vi[] = { "vi", NULL }, *en[] = { "en", NULL };
  char **chains[] = { vi, en };

  for (gsize c = 0; c < G_N_ELEMENTS (chains); c++)
    {
      for (int id = 0; id < SMS_N_PHRASES; id++)
        {
          g_autofree char *folded = sms_codec_apply_policy (sms_phrase (chains[c], id), SMS_POLICY_UNACCENTED);
          ck_assert_msg (sms_codec_is_gsm7 (folded), "%s phrase %d: %s", chains[c][0], id, folded);
        }
      ck_assert_uint_eq (sms_codec_count_parts (sms_phrase (chains[c], SMS_PHRASE_HELP), SMS_POLICY_UNACCENTED), 1);
      /* The catalog answers: Vietnamese is not the English msgid. */
      ck_assert_str_ne (sms_phrase (vi, SMS_PHRASE_HELP), sms_phrase (en, SMS_PHRASE_HELP));
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sms-conversations");
  TCase *tc = tcase_create ("conversations");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_conversations);
  tcase_add_test (tc, test_menus_without_topics);
  tcase_add_test (tc, test_phrases_fit_gsm7);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
