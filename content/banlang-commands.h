/* banlang-commands.h: the subcommands of the banlang tool (banlang-commands.c). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 an error (message printed), 2 bad usage (usage printed). */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Parses @argv with @entries plus --db. Returns -1 when parsing succeeded, else the exit status
 * (EXIT_USAGE after printing why and the usage). With @min_args, that many arguments must
 * remain; with @max_args >= 0, no more than that. */
int banlang_parse (int *argc, char ***argv, const char *args, const char *summary,
                   const GOptionEntry *entries, int min_args, int max_args);

/* The --db value banlang_parse() read. */
const char *banlang_db (void);

/* Prints "PROG: message" to standard error; returns EXIT_ERROR. */
int banlang_fail (const char *prog, const GError *error);

/* Prints @node as pretty JSON on standard output. */
void banlang_print_json (JsonNode *node);

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

/* banlang-drafts.c: drafts, publishing and revisions. */
int banlang_publish (int argc, char **argv);
int banlang_archive (int argc, char **argv);
int banlang_delete (int argc, char **argv);
int banlang_drafts (int argc, char **argv);
int banlang_history (int argc, char **argv);
int banlang_diff (int argc, char **argv);
int banlang_restore (int argc, char **argv);

G_END_DECLS
