/* banlang.c: the content tool's entry point: picks the subcommand.
 *
 * Officers and scripts run `banlang COMMAND --db PATH ...`; each command parses its own options
 * (banlang-commands.c) so that `banlang COMMAND --help` says exactly what that command takes.
 */
#include "config.h"
#include "banlang-commands.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "init", banlang_init, "create a content database (or bring one up to date)" },
  { "import", banlang_import, "import JSON files or directories, all or nothing" },
  { "export", banlang_export, "write every topic and item as JSON files" },
  { "demo", banlang_demo, "create a fresh demo database from the sample content" },
  { "stats", banlang_stats, "count items per kind, language and status" },
  { "search", banlang_search, "search as a villager types" },
  { "show", banlang_show, "show one item" },
  { "eligibility", banlang_eligibility, "screen a household for benefits, question by question" },
  { "rules-test", banlang_rules_test, "run eligibility case tables against the rules" },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: banlang COMMAND [OPTION...]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun banlang COMMAND --help for a command's options.\n");
}

int
main (int argc, char **argv)
{
  g_autofree char *prog = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("banlang %s\n", BANLANG_VERSION);
      return EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        prog = g_strdup_printf ("banlang %s", commands[i].name);
        argv[1] = prog;
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "banlang: unknown command “%s”\n\n", argv[1]);
  usage (stderr);
  return EXIT_USAGE;
}
