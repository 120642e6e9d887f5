/* banlang-sms.c: the SMS responder's entry point: picks the subcommand (one file each). */
#include "banlang-sms-commands.h"
#include "content-cli.h"

static const ContentCliCommand commands[] = {
  { "init", banlang_sms_init, "create gammu-smsd's tables (schema version 17)" },
  { "run", banlang_sms_run, "answer what gammu-smsd receives" },
  { "simulate", banlang_sms_simulate, "answer a text as the daemon would, without gammu" },
  { "encode", banlang_sms_encode, "show how a text would be encoded and split into SMS parts" },
};

int
main (int argc, char **argv)
{
  return content_cli_main ("banlang-sms", commands, G_N_ELEMENTS (commands), argc, argv);
}
