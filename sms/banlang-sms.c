/* banlang-sms.c: the SMS responder's entry point: picks the subcommand.
 *
 * `banlang-sms COMMAND ...`; each command parses its own options, so `banlang-sms COMMAND --help`
 * says exactly what it takes. Usage errors exit 2, other errors 1.
 */
#include "config.h"
#include "banlang-sms-commands.h"

#include <locale.h>
#include <stdio.h>

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "init", banlang_sms_init, "create gammu-smsd's tables (schema version 17)" },
  { "run", banlang_sms_run, "answer what gammu-smsd receives" },
  { "simulate", banlang_sms_simulate, "answer a text as the daemon would, without gammu" },
  { "encode", banlang_sms_encode, "show how a text would be encoded and split into SMS parts" },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: banlang-sms COMMAND [OPTION...]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun banlang-sms COMMAND --help for a command's options.\n");
}

int
main (int argc, char **argv)
{
  g_autofree char *prog = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("banlang-sms %s\n", BANLANG_VERSION);
      return 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        prog = g_strdup_printf ("banlang-sms %s", commands[i].name);
        argv[1] = prog;
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "banlang-sms: unknown command “%s”\n\n", argv[1]);
  usage (stderr);
  return 2;
}
