/* banlang-sms-commands.h: the subcommands of banlang-sms, one file each. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the arguments after the command name (argv[0] is "banlang-sms COMMAND") and
 * returns the exit status: 0 success, 1 an error (message printed), 2 bad usage. */
int banlang_sms_encode (int argc, char **argv);
int banlang_sms_simulate (int argc, char **argv);
int banlang_sms_init (int argc, char **argv);
int banlang_sms_run (int argc, char **argv);

/* --now for tests: @text (YYYY-MM-DDTHH:MM:SS, UTC) as seconds since the epoch in *@now;
 * FALSE when it is no such time. */
gboolean banlang_sms_parse_now (const char *text, gint64 *now);

G_END_DECLS
