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

G_END_DECLS
