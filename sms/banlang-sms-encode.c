/* banlang-sms-encode.c: `banlang-sms encode`: what the responder would send for a text.
 *
 * It runs the very codec the responder uses (sms-codec.c), so an officer can see before
 * publishing what an answer costs in SMS parts and how it reads on a basic phone, and tests can
 * check the codec from the shell. With --json it prints the reply in the shape the responder's
 * reply-producing commands share ({"reply", "encoding", "parts", "skip_reason"}); here nothing
 * is ever skipped, so skip_reason is null.
 */
#include "config.h"
#include "banlang-sms-commands.h"

#include "content-exporter.h"
#include "sms-responder.h"

#include <stdio.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

typedef struct {
  SmsPolicy policy;
  gboolean json;
  char *text;
} EncodeArgs;

static void
encode_args_clear (EncodeArgs *a)
{
  g_clear_pointer (&a->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EncodeArgs, encode_args_clear)

static int
usage_error (GOptionContext *ctx, const char *prog, const char *problem)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  fprintf (stderr, "%s: %s\n\n%s", prog, problem, help);
  return EXIT_USAGE;
}

/* Removes the "--" that ended the options ("encode -- -5 do"): GOption leaves it in @argv. */
static void
drop_separator (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (argv + i, argv + i + 1, (*argc - i) * sizeof *argv);  /* with the final NULL */
        (*argc)--;
        return;
      }
}

/* Parses the command line into @args. Returns -1 on success, else the exit status after printing
 * why (and, for bad usage, the usage) to stderr. TEXT is taken from argv as bytes rather than
 * through GOption's locale conversion, so that it is UTF-8 whatever the locale, and checked. */
static int
parse_args (int argc, char **argv, EncodeArgs *args)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("TEXT...");
  g_autoptr(GError) error = NULL;
  g_autofree char *policy = NULL;
  const char *end = NULL;
  const GOptionEntry entries[] = {
    { "policy", 0, 0, G_OPTION_ARG_STRING, &policy,
      "unaccented (fold to GSM-7, the default) or accented (keep the text)", "POLICY" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json,
      "Print {\"reply\", \"encoding\", \"parts\", \"skip_reason\"} as JSON", NULL },
    { NULL }
  };

  g_set_prgname (argv[0]);
  g_option_context_set_summary (ctx, "Shows how a reply is encoded (GSM-7 or UCS-2) and split "
                                "into SMS parts. The TEXT words are joined by spaces. Without "
                                "--json, newlines inside a part are shown as \\n.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  args->policy = SMS_POLICY_UNACCENTED;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error (ctx, argv[0], error->message);
  if (policy != NULL && !sms_policy_from_string (policy, &args->policy))
    return usage_error (ctx, argv[0], "--policy must be “unaccented” or “accented”");
  drop_separator (&argc, argv);
  if (argc < 2)
    return usage_error (ctx, argv[0], "missing TEXT");
  args->text = g_strjoinv (" ", argv + 1);
  if (!g_utf8_validate (args->text, -1, &end))
    {
      fprintf (stderr, "%s: TEXT is not valid UTF-8 (at byte %td)\n", argv[0], end - args->text);
      return EXIT_ERROR;
    }
  return -1;
}

/* @part with backslashes, newlines, carriage returns and tabs escaped, so it takes one line. */
static char *
one_line (const char *part)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (part) + 8);

  for (const char *p = part; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default: g_string_append_c (out, *p); break;
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_text (const SmsEncoded *e)
{
  const char *unit = e->encoding == SMS_ENCODING_GSM7 ? "septets" : "units";

  printf ("encoding: %s\n", sms_encoding_to_string (e->encoding));
  printf ("parts: %u\n", e->parts->len);
  for (guint i = 0; i < e->parts->len; i++)
    {
      const char *part = g_ptr_array_index (e->parts, i);
      g_autofree char *shown = one_line (part);

      printf ("part %u/%u (%u %s): %s\n", i + 1, e->parts->len,
              sms_codec_length (part, e->encoding), unit, shown);
    }
}

static void
print_json (const SmsEncoded *e)
{
  g_autoptr(JsonNode) root = sms_reply_json (e, NULL);
  g_autofree char *out = content_json_pretty (root);

  fputs (out, stdout);
}

int
banlang_sms_encode (int argc, char **argv)
{
  g_auto(EncodeArgs) args = { SMS_POLICY_UNACCENTED, FALSE, NULL };
  g_autoptr(SmsEncoded) e = NULL;
  int rc = parse_args (argc, argv, &args);

  if (rc >= 0)
    return rc;
  e = sms_codec_encode (args.text, args.policy);
  if (args.json)
    print_json (e);
  else
    print_text (e);
  return EXIT_OK;
}
