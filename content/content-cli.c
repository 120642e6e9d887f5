/* content-cli.c: subcommand dispatch for the command-line programs.
 *
 * `PROGRAM COMMAND [OPTION...]`: each command parses its own options, so `PROGRAM COMMAND --help`
 * says exactly what it takes; this file only picks the command and lists them.
 */
#include "config.h"
#include "content-cli.h"

#include <locale.h>
#include <stdio.h>

static void
usage (FILE *out, const char *program, const ContentCliCommand *commands, gsize n)
{
  fprintf (out, "Usage: %s COMMAND [OPTION...]\n\nCommands:\n", program);
  for (gsize i = 0; i < n; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun %s COMMAND --help for a command's options.\n", program);
}

int
content_cli_main (const char *program, const ContentCliCommand *commands, gsize n, int argc, char **argv)
{
  g_autofree char *prog = NULL;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      usage (stderr, program, commands, n);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout, program, commands, n);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("%s %s\n", program, BANLANG_VERSION);
      return 0;
    }
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        prog = g_strdup_printf ("%s %s", program, commands[i].name);
        argv[1] = prog;
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "%s: unknown command “%s”\n\n", program, argv[1]);
  usage (stderr, program, commands, n);
  return 2;
}
