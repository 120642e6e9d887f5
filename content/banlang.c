/* banlang.c: the content tool's entry point: picks the subcommand (banlang-commands.c). */
#include "banlang-commands.h"
#include "content-cli.h"

static const ContentCliCommand commands[] = {
  { "init", banlang_init, "create a content database (or bring one up to date)" },
  { "import", banlang_import, "import JSON files or directories, all or nothing" },
  { "export", banlang_export, "write every topic and item as JSON files" },
  { "demo", banlang_demo, "create a fresh demo database from the sample content" },
  { "stats", banlang_stats, "count items per kind, language and status" },
  { "search", banlang_search, "search as a villager types" },
  { "show", banlang_show, "show one item" },
  { "eligibility", banlang_eligibility, "screen a household for benefits, question by question" },
  { "rules-test", banlang_rules_test, "run eligibility case tables against the rules" },
  { "drafts", banlang_drafts, "list drafts waiting to be published" },
  { "publish", banlang_publish, "publish drafts (each takes the next seq)" },
  { "archive", banlang_archive, "archive published items (readers stop seeing them)" },
  { "delete", banlang_delete, "delete records, leaving tombstones" },
  { "history", banlang_history, "list a record's revisions" },
  { "diff", banlang_diff, "show what changed between two revisions" },
  { "restore", banlang_restore, "make an old revision the draft again" },
};

int
main (int argc, char **argv)
{
  return content_cli_main ("banlang", commands, G_N_ELEMENTS (commands), argc, argv);
}
