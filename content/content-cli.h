/* content-cli.h: the subcommand dispatch that banlang and banlang-sms share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);  /* argv[0] is "PROGRAM COMMAND"; returns the exit status */
  const char *summary;
} ContentCliCommand;

/* Runs the command argv[1] names from @commands (@n of them), with the arguments after it;
 * prints the list for --help/-h/help, the version for --version. No command or an unknown one
 * prints the list to standard error and returns 2. */
int content_cli_main (const char *program, const ContentCliCommand *commands, gsize n,
                      int argc, char **argv);

G_END_DECLS
