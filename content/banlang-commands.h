/* banlang-commands.h: the subcommands of the banlang tool (banlang-commands.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 an error (message printed), 2 bad usage (usage printed). */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Each takes the arguments after the command name (argv[0] is "banlang COMMAND"). */
int banlang_init (int argc, char **argv);
int banlang_import (int argc, char **argv);
int banlang_export (int argc, char **argv);
int banlang_demo (int argc, char **argv);
int banlang_stats (int argc, char **argv);
int banlang_search (int argc, char **argv);
int banlang_show (int argc, char **argv);
int banlang_eligibility (int argc, char **argv);
int banlang_rules_test (int argc, char **argv);

G_END_DECLS
