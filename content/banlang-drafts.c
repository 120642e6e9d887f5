/* banlang-drafts.c: the banlang commands for drafts, publishing and revisions.
 *
 * They make the officers' content model usable before the hub exists, and test it from the
 * outside: the hub calls the same library functions (content-drafts.h). Records are named as
 * content_ref_parse() reads them: "ID" for an item, "topic:ID", "rule:ID", ... for the rest.
 */
#include "config.h"
#include "banlang-commands.h"

#include "content-diff.h"
#include "content-drafts.h"
#include "content-error.h"
#include "content-exporter.h"

#include <stdio.h>
#include <stdlib.h>

static char *opt_author;

static const GOptionEntry author_entry[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &opt_author,
    "The account id the revision carries (default: cli)", "ID" },
  { NULL }
};

static const char *
author (void)
{
  return opt_author != NULL ? opt_author : "cli";
}

/* Parses the record names argv[first..] into refs; FALSE after printing why. */
static gboolean
parse_refs (const char *prog, int argc, char **argv, int first, GArray *refs)
{
  for (int i = first; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      ContentRef ref;

      if (!content_ref_parse (argv[i], &ref, &error))
        {
          banlang_fail (prog, error);
          return FALSE;
        }
      g_array_append_val (refs, ref);
    }
  return TRUE;
}

static void
clear_ref (gpointer data)
{
  g_free (((ContentRef *) data)->id);
}

static GArray *
new_refs (void)
{
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (ContentRef));

  g_array_set_clear_func (refs, clear_ref);
  return refs;
}

static ContentStore *
open_store (const char *prog, int *rc)
{
  g_autoptr(GError) error = NULL;
  ContentStore *store = content_store_open (banlang_db (), CONTENT_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    *rc = banlang_fail (prog, error);
  return store;
}

static gboolean opt_important;

static const GOptionEntry publish_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &opt_author,
    "The account id the revision carries (default: cli)", "ID" },
  { "important", 0, 0, G_OPTION_ARG_NONE, &opt_important,
    "Mark the publication important: followers of its topic are told of the correction by SMS "
    "(only a correction of a published notice, law or benefit)", NULL },
  { NULL }
};

int
banlang_publish (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = new_refs ();
  g_autoptr(GError) error = NULL;
  gint64 seq;
  int rc = banlang_parse (&argc, &argv, "ID...", "Publishes drafts: each is checked as an import "
                          "is, then replaces what readers see and takes the next seq. All or "
                          "nothing. ID names an item; topic:ID, question:ID, parameter:ID, "
                          "condition:ID, rule:ID and cases:ID name the rest.", publish_entries, 1, -1);

  if (rc >= 0 || !parse_refs (argv[0], argc, argv, 1, refs) || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  if (!content_store_publish (store, (ContentRef *) refs->data, refs->len, author (),
                              opt_important ? CONTENT_PUBLISH_IMPORTANT : CONTENT_PUBLISH_DEFAULT, &error)
      || !content_store_get_seq (store, &seq, &error))
    return banlang_fail (argv[0], error);
  printf ("published %u record%s (seq %" G_GINT64_FORMAT ")\n", refs->len, refs->len == 1 ? "" : "s", seq);
  return EXIT_OK;
}

/* Runs @op on each record argv[1..], stopping at the first failure. */
static int
each_ref (int argc, char **argv, const char *summary,
          gboolean (*op) (ContentStore *, const ContentRef *, GError **), const char *done)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = new_refs ();
  int rc = banlang_parse (&argc, &argv, "ID...", summary, author_entry, 1, -1);

  if (rc >= 0 || !parse_refs (argv[0], argc, argv, 1, refs) || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  for (guint i = 0; i < refs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const ContentRef *ref = &g_array_index (refs, ContentRef, i);
      gint64 seq;

      if (!op (store, ref, &error) || !content_store_get_seq (store, &seq, &error))
        return banlang_fail (argv[0], error);
      printf ("%s %s %s (seq %" G_GINT64_FORMAT ")\n", done, content_record_kind_to_string (ref->kind),
              ref->id, seq);
    }
  return EXIT_OK;
}

static gboolean
archive_one (ContentStore *store, const ContentRef *ref, GError **error)
{
  if (ref->kind == CONTENT_RECORD_ITEM)
    return content_store_archive (store, ref->id, author (), error);
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
               "%s %s: only items are archived; delete other records (their revisions remain)",
               content_record_kind_to_string (ref->kind), ref->id);
  return FALSE;
}

int
banlang_archive (int argc, char **argv)
{
  return each_ref (argc, argv, "Archives published items: readers stop seeing them; each takes "
                   "the next seq.", archive_one, "archived");
}

static gboolean
delete_one (ContentStore *store, const ContentRef *ref, GError **error)
{
  return content_store_delete (store, ref, author (), error);
}

int
banlang_delete (int argc, char **argv)
{
  return each_ref (argc, argv, "Deletes records, live and draft, leaving a tombstone (next seq) "
                   "so replicas delete them too. Revisions remain: restore brings one back.",
                   delete_one, "deleted");
}

int
banlang_drafts (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = NULL;
  g_autoptr(GError) error = NULL;
  int rc = banlang_parse (&argc, &argv, "", "Lists the drafts waiting to be published.", NULL, 0, 0);

  if (rc >= 0 || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  refs = content_store_list_drafts (store, &error);
  if (refs == NULL)
    return banlang_fail (argv[0], error);
  for (guint i = 0; i < refs->len; i++)
    {
      const ContentRef *ref = &g_array_index (refs, ContentRef, i);
      if (ref->kind == CONTENT_RECORD_ITEM)
        printf ("%s\n", ref->id);
      else
        printf ("%s:%s\n", content_record_kind_to_string (ref->kind), ref->id);
    }
  return EXIT_OK;
}

static JsonNode *
revisions_to_json (GPtrArray *revisions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < revisions->len; i++)
    {
      const ContentRevision *r = g_ptr_array_index (revisions, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rev");
      json_builder_add_int_value (b, r->rev);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, r->action);
      json_builder_set_member_name (b, "author");
      json_builder_add_string_value (b, r->author);
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, r->at);
      json_builder_set_member_name (b, "status");
      if (r->status != NULL)
        json_builder_add_string_value (b, r->status);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

int
banlang_history (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = new_refs ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "ID", "Lists a record's revisions: number, action, "
                          "author (an account id), time (UTC) and status.", entries, 1, 1);

  if (rc >= 0 || !parse_refs (argv[0], argc, argv, 1, refs) || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  revisions = content_store_list_revisions (store, &g_array_index (refs, ContentRef, 0), &error);
  if (revisions == NULL)
    return banlang_fail (argv[0], error);
  if (revisions->len == 0)
    {
      fprintf (stderr, "%s: %s has no revisions\n", argv[0], argv[1]);
      return EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = revisions_to_json (revisions);
      banlang_print_json (node);
      return EXIT_OK;
    }
  printf ("%-5s %-8s %-20s %-21s %s\n", "rev", "action", "author", "time (UTC)", "status");
  for (guint i = 0; i < revisions->len; i++)
    {
      const ContentRevision *r = g_ptr_array_index (revisions, i);
      printf ("%-5" G_GINT64_FORMAT " %-8s %-20s %-21s %s\n", r->rev, r->action, r->author, r->at,
              r->status != NULL ? r->status : "");
    }
  return EXIT_OK;
}

/* Reads revision number @text of @ref; FALSE after printing why. */
static gboolean
read_revision (const char *prog, ContentStore *store, const ContentRef *ref, const char *text,
               JsonNode **record)
{
  g_autoptr(GError) error = NULL;
  guint64 rev;
  gboolean found;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &rev, &error))
    {
      fprintf (stderr, "%s: revision “%s”: %s\n", prog, text, error->message);
      return FALSE;
    }
  *record = content_store_get_revision (store, ref, (gint64) rev, &found, &error);
  if (!found)
    banlang_fail (prog, error);
  return found;
}

int
banlang_diff (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = new_refs ();
  g_autoptr(JsonNode) a = NULL, b = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;
  int rc = banlang_parse (&argc, &argv, "ID REV_A REV_B", "Shows what changed from revision "
                          "REV_A to REV_B, field by field.", NULL, 3, 3);

  if (rc >= 0 || !parse_refs (argv[0], 2, argv, 1, refs) || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  if (!read_revision (argv[0], store, &g_array_index (refs, ContentRef, 0), argv[2], &a)
      || !read_revision (argv[0], store, &g_array_index (refs, ContentRef, 0), argv[3], &b))
    return EXIT_ERROR;
  entries = content_diff_records (a, b);
  if (entries->len == 0)
    {
      printf ("revisions %s and %s of %s are the same\n", argv[2], argv[3], argv[1]);
      return EXIT_OK;
    }
  text = content_diff_to_text (entries);
  fputs (text, stdout);
  return EXIT_OK;
}

int
banlang_restore (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) refs = new_refs ();
  g_autoptr(GError) error = NULL;
  guint64 rev;
  int rc = banlang_parse (&argc, &argv, "ID REV", "Saves revision REV as a new draft revision "
                          "(nothing is erased); publish it to make it live again.", author_entry, 2, 2);

  if (rc >= 0 || !parse_refs (argv[0], 2, argv, 1, refs) || (store = open_store (argv[0], &rc)) == NULL)
    return rc >= 0 ? rc : EXIT_ERROR;
  if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &rev, &error)
      || !content_store_restore (store, &g_array_index (refs, ContentRef, 0), (gint64) rev, author (), &error))
    return banlang_fail (argv[0], error);
  printf ("revision %s of %s is the draft again; publish it with: banlang publish --db %s %s\n",
          argv[2], argv[1], banlang_db (), argv[1]);
  return EXIT_OK;
}
