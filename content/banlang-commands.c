/* banlang-commands.c: what each banlang subcommand does.
 *
 * Commands are thin: they parse options, call the content library and print. Bad usage prints
 * the command's usage and exits 2; anything else that fails prints one message saying what and
 * where (the library's errors name the file, item and field) and exits 1.
 */
#include "config.h"
#include "banlang-commands.h"

#include "content-error.h"
#include "content-exporter.h"
#include "content-importer.h"
#include "content-language.h"
#include "content-replica.h"
#include "content-rule-cases.h"
#include "content-screening.h"
#include "content-search.h"
#include "content-stats.h"
#include "content-store.h"
#include "content-store-media.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *opt_db;

const char *
banlang_db (void)
{
  return opt_db;
}

static const GOptionEntry db_entry[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The content database", "PATH" },
  { NULL }
};

int
banlang_parse (int *argc, char ***argv, const char *args, const char *summary,
       const GOptionEntry *entries, int min_args, int max_args)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  const char *problem = NULL;

  g_set_prgname ((*argv)[0]);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, db_entry, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    problem = error->message;
  else if (opt_db == NULL)
    problem = "--db PATH is required";
  else if (*argc - 1 < min_args)
    problem = "missing arguments";
  else if (max_args >= 0 && *argc - 1 > max_args)
    problem = "too many arguments";
  if (problem == NULL)
    return -1;
  help = g_option_context_get_help (ctx, TRUE, NULL);
  fprintf (stderr, "%s: %s\n\n%s", (*argv)[0], problem, help);
  return EXIT_USAGE;
}

int
banlang_fail (const char *prog, const GError *error)
{
  fprintf (stderr, "%s: %s\n", prog, error->message);
  return EXIT_ERROR;
}

void
banlang_print_json (JsonNode *node)
{
  g_autofree char *text = content_json_pretty (node);

  fputs (text, stdout);
}

int
banlang_init (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed;
  int rc = banlang_parse (&argc, &argv, "", "Creates a content database, or brings an existing one to "
                  "the current schema.", NULL, 0, 0);

  if (rc >= 0)
    return rc;
  existed = g_file_test (opt_db, G_FILE_TEST_EXISTS);
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return banlang_fail (argv[0], error);
  printf ("%s: %s (schema version %d)\n", opt_db, existed ? "up to date" : "created",
          CONTENT_STORE_SCHEMA_VERSION);
  return EXIT_OK;
}

static void
show_progress (guint done, guint total, gpointer user_data)
{
  /* Only on a terminal, and not for every item: a long import shows it is alive. */
  if (done == total || done % 100 == 0)
    fprintf (stderr, "\rimporting: %u of %u items%s", done, total, done == total ? "\n" : "");
}

/* Imports @paths into @store as @change says (NULL: published by "import"); prints what was
 * done unless @quiet. */
static gboolean
import_paths (ContentStore *store, char **paths, int n, const ContentChange *change,
              const ContentMediaLimits *limits, gboolean quiet, GError **error)
{
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  gboolean tty = isatty (STDERR_FILENO) && !quiet;
  gint64 seq;

  if (change != NULL)
    content_importer_set_change (importer, change);
  if (limits != NULL)
    content_importer_set_media_limits (importer, limits);
  for (int i = 0; i < n; i++)
    if (!content_importer_add_path (importer, paths[i], error))
      return FALSE;
  if (!content_importer_commit (importer, tty ? show_progress : NULL, NULL, error)
      || !content_store_get_seq (store, &seq, error))
    return FALSE;
  if (!quiet)
    printf ("%s %u items and %u topics into %s (seq %" G_GINT64_FORMAT ")\n",
            change != NULL && change->draft ? "saved as drafts" : "imported",
            content_importer_get_n_items (importer), content_importer_get_n_topics (importer),
            content_store_get_path (store), seq);
  return TRUE;
}

int
banlang_import (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  gboolean draft = FALSE;
  ContentMediaLimits limits = CONTENT_MEDIA_LIMITS_INIT;
  const GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      "Save as drafts beside the live content (publish them with banlang publish)", NULL },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      "The account id the revisions carry (default: import)", "ID" },
    { "max-picture-bytes", 0, 0, G_OPTION_ARG_INT64, &limits.max_picture_bytes,
      "Refuse pictures larger than this (default 1000000)", "N" },
    { "max-sound-bytes", 0, 0, G_OPTION_ARG_INT64, &limits.max_sound_bytes,
      "Refuse sound files larger than this (default 3000000)", "N" },
    { NULL }
  };
  ContentChange change = { NULL, FALSE };
  int rc = banlang_parse (&argc, &argv, "FILE|DIR...", "Imports items and topics from JSON files or "
                  "directories (see content/FORMAT.md) into a database banlang init made. Everything is checked first; with any "
                  "problem nothing is written.", entries, 1, -1);

  if (rc >= 0)
    return rc;
  /* Read as signed: "-1" would otherwise become a limit of 18 exabytes. */
  if ((gint64) limits.max_picture_bytes <= 0 || (gint64) limits.max_sound_bytes <= 0)
    {
      fprintf (stderr, "%s: --max-picture-bytes and --max-sound-bytes must be positive\n", argv[0]);
      return EXIT_USAGE;
    }
  change.author = author != NULL ? author : "import";
  change.draft = draft;
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !import_paths (store, argv + 1, argc - 1, &change, &limits, FALSE, &error))
    return banlang_fail (argv[0], error);
  return EXIT_OK;
}

int
banlang_export (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Directory to write (new or empty)", "DIR" },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "", "Writes every topic and item as JSON files, in the layout "
                  "import reads.", entries, 0, 0);

  if (rc >= 0)
    return rc;
  if (out == NULL)
    {
      fprintf (stderr, "%s: --out DIR is required\n", argv[0]);
      return EXIT_USAGE;
    }
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || !content_store_export (store, out, &error))
    return banlang_fail (argv[0], error);
  printf ("exported %s to %s\n", opt_db, out);
  return EXIT_OK;
}

/* The sample content: beside the sources when running from the build tree, else installed. */
static char *
seed_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BANLANG_BUILD_ROOT "/"))
    return g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", NULL);
  return g_strdup (BANLANG_SEED_DIR);
}

/* Builds the demo database in a temporary file beside @path, then renames it into place, so
 * a failure leaves whatever was at @path untouched. */
static gboolean
build_demo (const char *path, GError **error)
{
  g_autofree char *seed = seed_dir ();
  g_autofree char *tmp = g_strdup_printf ("%s.new-%d", path, (int) getpid ());
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  char *paths[] = { seed, NULL };
  gboolean ok;

  {
    g_autoptr(ContentStore) store = content_store_open (tmp, CONTENT_STORE_OPEN_CREATE, error);
    ok = store != NULL && import_paths (store, paths, 1, NULL, NULL, TRUE, error);
  }
  if (ok)
    {
      /* The old database's journal must not be replayed onto the new one. */
      g_unlink (wal);
      g_unlink (shm);
      ok = g_rename (tmp, path) == 0;
      if (!ok)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                     "%s: cannot move the new database into place: %s", path, g_strerror (errno));
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

int
banlang_demo (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Replace an existing file", NULL },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "", "Creates a fresh demo database from the sample content.",
                  entries, 0, 0);

  if (rc >= 0)
    return rc;
  if (g_file_test (opt_db, G_FILE_TEST_EXISTS) && !force)
    {
      fprintf (stderr, "%s: %s already exists; use --force to replace it\n", argv[0], opt_db);
      return EXIT_ERROR;
    }
  if (!build_demo (opt_db, &error))
    return banlang_fail (argv[0], error);
  printf ("demo database ready: %s\n", opt_db);
  return EXIT_OK;
}

static void
print_counts (JsonObject *stats, const char *member, const char *heading)
{
  JsonObject *counts = json_object_get_object_member (stats, member);
  g_autoptr(GList) names = json_object_get_members (counts);

  printf ("%s:\n", heading);
  for (GList *l = names; l != NULL; l = l->next)
    printf ("  %-10s %5" G_GINT64_FORMAT "\n", (const char *) l->data,
            json_object_get_int_member (counts, l->data));
}

int
banlang_stats (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "", "Counts items per kind, per language and per status.",
                  entries, 0, 0);
  JsonObject *obj;

  if (rc >= 0)
    return rc;
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (stats = content_store_stats (store, &error)) == NULL)
    return banlang_fail (argv[0], error);
  if (json)
    {
      banlang_print_json (stats);
      return EXIT_OK;
    }
  obj = json_node_get_object (stats);
  printf ("%s: %" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " topics, seq %" G_GINT64_FORMAT "\n",
          opt_db, json_object_get_int_member (obj, "items"),
          json_object_get_int_member (obj, "topics"), json_object_get_int_member (obj, "seq"));
  print_counts (obj, "kinds", "per kind");
  print_counts (obj, "languages", "per language (items with text in it)");
  print_counts (obj, "statuses", "per status");
  return EXIT_OK;
}

/* Checks --lang; prints the problem and returns FALSE when it is not in the registry. */
static gboolean
check_lang (const char *prog, const char *lang)
{
  const GPtrArray *list;

  if (content_language_lookup (lang) != NULL)
    return TRUE;
  list = content_language_list ();
  fprintf (stderr, "%s: --lang: “%s” is not a known language; known:", prog, lang);
  for (guint i = 0; i < list->len; i++)
    fprintf (stderr, " %s", ((const ContentLanguage *) g_ptr_array_index (list, i))->code);
  fprintf (stderr, "\n");
  return FALSE;
}

static JsonNode *
results_to_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, r->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, content_kind_to_string (r->kind));
      json_builder_set_member_name (b, "lang");
      json_builder_add_string_value (b, r->lang);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, r->title);
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, r->snippet != NULL ? r->snippet : "");
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, r->score);
      if (r->number != NULL)
        {
          json_builder_set_member_name (b, "number");
          json_builder_add_string_value (b, r->number);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

int
banlang_search (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *lang = NULL, *kind = NULL, *topic = NULL, *query = NULL;
  gboolean all = FALSE, json = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Show results in this language (default vi)", "L" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "Only items of this kind", "K" },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, "Only items in this topic or below it", "T" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N results (default 20)", "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Include drafts and archived items", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  ContentSearchOptions options = { NULL, -1, NULL, 0, FALSE, NULL, NULL };
  ContentKind k;
  int rc = banlang_parse (&argc, &argv, "QUERY...", "Searches every language as a villager types: "
                  "without diacritics, word starts, document numbers.", entries, 1, -1);

  if (rc >= 0)
    return rc;
  if (lang != NULL && !check_lang (argv[0], lang))
    return EXIT_USAGE;
  if (kind != NULL && !content_kind_from_string (kind, &k))
    {
      fprintf (stderr, "%s: --kind: “%s” is not one of law, guide, benefit, product, place, notice\n",
               argv[0], kind);
      return EXIT_USAGE;
    }
  if (limit < 1 || limit > 1000)
    {
      fprintf (stderr, "%s: --limit must be between 1 and 1000\n", argv[0]);
      return EXIT_USAGE;
    }
  options.lang = lang;
  options.kind = kind != NULL ? (int) k : -1;
  options.topic = topic;
  options.limit = (guint) limit;
  options.all = all;
  query = g_strjoinv (" ", argv + 1);
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return banlang_fail (argv[0], error);
  if (topic != NULL && !content_store_has_topic (store, topic, &error))
    {
      if (!g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
        return banlang_fail (argv[0], error);
      fprintf (stderr, "%s: --topic: no topic “%s” in %s\n", argv[0], topic, opt_db);
      return EXIT_ERROR;
    }
  if ((results = content_store_search (store, query, &options, &error)) == NULL)
    return banlang_fail (argv[0], error);
  if (json)
    {
      g_autoptr(JsonNode) node = results_to_json (results);
      banlang_print_json (node);
      return EXIT_OK;
    }
  for (guint i = 0; i < results->len; i++)
    {
      ContentSearchResult *r = g_ptr_array_index (results, i);
      printf ("%s\t%s\t%s\n", r->id, content_kind_to_string (r->kind), r->title);
    }
  return EXIT_OK;
}

static void
print_detail (const ContentItem *item, const char *member, const char *label)
{
  const char *value = content_item_get_detail (item, member);

  if (value != NULL)
    printf ("%-15s %s\n", label, value);
}

/* Each of @media (content_store_describe_item_media()): kind, type, size, and a picture's
 * caption or a recording's language, saying when the text has changed since it was recorded. */
static void
print_media (JsonNode *media, const char *lang)
{
  JsonArray *list = json_node_get_array (media);

  if (json_array_get_length (list) > 0)
    printf ("\nmedia:\n");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *m = json_array_get_object_element (list, i);
      const char *type = json_object_get_string_member (m, "type");
      g_autofree char *size = content_media_format_size (json_object_get_int_member (m, "size"));
      JsonNode *caption = content_localized (json_object_get_member (m, "caption"), lang);
      const char *about = caption != NULL ? json_node_get_string (caption)
                          : content_language_lookup (json_object_get_string_member (m, "lang"))->english_name;

      printf ("  %-10s %-10s %8s  %s%s\n", json_object_get_string_member (m, "kind"),
              content_media_type_name (type) != NULL ? content_media_type_name (type) : type, size, about,
              json_object_get_boolean_member_with_default (m, "stale", FALSE)
              ? " (stale: the text has changed since it was recorded)" : "");
    }
}

static void
print_item (const char *today, const ContentItem *item, JsonNode *media, const char *lang)
{
  const ContentText *text = content_item_get_text_for (item, lang);
  g_autofree char *topics = g_strjoinv (", ", item->topics);

  printf ("%s\n", text->title);
  if (!g_str_equal (text->lang, lang))
    printf ("(not yet translated into %s; shown in %s)\n",
            content_language_lookup (lang)->english_name,
            content_language_lookup (text->lang)->english_name);
  printf ("\n%-15s %s\n%-15s %s\n%-15s %s\n", "id", item->id,
          "kind", content_kind_to_string (item->kind),
          "status", content_status_to_string (item->status));
  if (item->sms_code != NULL)
    printf ("%-15s %s\n", "SMS code", item->sms_code);
  printf ("%-15s %s\n", "topics", topics);
  print_detail (item, "number", "number");
  print_detail (item, "issuer", "issued by");
  print_detail (item, "issued_on", "issued on");
  print_detail (item, "effective_from", "in force from");
  if (item->kind == CONTENT_KIND_LAW)
    printf ("%-15s %s\n", "legal status", content_item_law_status (item, today));
  printf ("%-15s %s by %s\n", "reviewed", item->reviewed_on, item->reviewed_by);
  if (text->summary != NULL)
    printf ("\n%s\n", text->summary);
  if (text->body != NULL)
    printf ("\n%s\n", text->body);
  if (text->sms != NULL)
    printf ("\nSMS: %s\n", text->sms);
  print_media (media, lang);
}

int
banlang_show (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentItem) item = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Show the text in this language (default vi)", "L" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the whole item as JSON (its media with "
      "their type, size and, for recordings, whether they are stale)", NULL },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "ID", "Shows one item, in the reader's language or the "
                  "nearest one it has.", entries, 1, 1);

  if (rc >= 0)
    return rc;
  if (lang != NULL && !check_lang (argv[0], lang))
    return EXIT_USAGE;
  store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL || (item = content_store_get_item (store, argv[1], &error)) == NULL
      || (media = content_store_describe_item_media (store, item, &error)) == NULL
      || (today = content_store_today (store, &error)) == NULL)
    return banlang_fail (argv[0], error);
  if (json)
    {
      g_autoptr(JsonNode) node = content_item_to_json (item);
      if (item->media != NULL)
        json_object_set_member (json_node_get_object (node), "media", g_steal_pointer (&media));
      banlang_print_json (node);
    }
  else
    print_item (today, item, media, lang != NULL ? lang : "vi");
  return EXIT_OK;
}

/* The store's rule set; prints why and returns NULL when there is none. */
static ContentRuleSet *
load_rules (const char *prog, ContentStore **store)
{
  g_autoptr(GError) error = NULL;
  ContentRuleSet *rules;

  *store = content_store_open (opt_db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (*store == NULL || (rules = content_rule_set_load (*store, &error)) == NULL)
    {
      banlang_fail (prog, error);
      return NULL;
    }
  if (content_rule_set_parts (rules, CONTENT_RULE_BENEFIT)->len == 0)
    {
      fprintf (stderr, "%s: %s has no eligibility rules (import a rules/ folder)\n", prog, opt_db);
      content_rule_set_free (rules);
      return NULL;
    }
  return rules;
}

static void
print_list (JsonObject *benefit, const char *member, const char *label)
{
  JsonArray *list = json_object_get_array_member (benefit, member);

  for (guint i = 0; i < json_array_get_length (list); i++)
    printf ("      %-10s %s\n", i == 0 ? label : "", json_array_get_string_element (list, i));
}

static void
print_optional (JsonObject *obj, const char *member, const char *label)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      printf ("      %-10s", label);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        printf ("%s%s", i ? "; " : " ", json_array_get_string_element (json_node_get_array (node), i));
      printf ("\n");
    }
  else
    printf ("      %-10s %s\n", label, json_node_get_string (node));
}

/* @date (YYYY-MM-DD) as people write it, 29/11/2026: what the command prints is read by people. */
static char *
people_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (date);
  return g_strdup_printf ("%d/%d/%d", day, month, year);
}

static void
print_screening (JsonObject *s)
{
  JsonArray *benefits = json_object_get_array_member (s, "benefits");
  JsonNode *next = json_object_get_member (s, "next_question");
  static const struct { const char *verdict, *mark, *label; } verdicts[] = {
    { "eligible", "+", "can get it" }, { "undecided", "?", "not known yet" }, { "not_eligible", "-", "cannot get it" },
  };

  g_autofree char *date = people_date (json_object_get_string_member (s, "date"));
  gboolean any_out = FALSE;

  printf ("Screening on %s (%s)\n", date, json_object_get_string_member (s, "lang"));
  for (gsize v = 0; v < G_N_ELEMENTS (verdicts); v++)
    for (guint i = 0; i < json_array_get_length (benefits); i++)
      {
        JsonObject *b = json_array_get_object_element (benefits, i);
        if (!g_str_equal (json_object_get_string_member (b, "verdict"), verdicts[v].verdict)
            || !json_object_get_boolean_member_with_default (b, "in_force", TRUE))
          continue;
        printf ("\n  %s %s: %s\n", verdicts[v].mark, json_object_get_string_member (b, "title"), verdicts[v].label);
        /* Each reason is worded for its outcome; the labels only group them. */
        print_list (b, "met", "met:");
        print_list (b, "not_met", "not met:");
        print_list (b, "unknown", "not known:");
        if (g_str_equal (verdicts[v].verdict, "eligible"))
          {
            print_optional (b, "amount", "amount:");
            print_optional (b, "apply_at", "apply:");
            print_optional (b, "documents", "bring:");
          }
      }
  /* A programme not in force on the date refuses nobody for who they are: listed apart. */
  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *b = json_array_get_object_element (benefits, i);

      if (json_object_get_boolean_member_with_default (b, "in_force", TRUE))
        continue;
      if (!any_out)
        printf ("\nNot in force on that date:\n");
      any_out = TRUE;
      printf ("\n  x %s\n", json_object_get_string_member (b, "title"));
      print_list (b, "not_met", "");
    }
  if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
    {
      JsonObject *q = json_node_get_object (next);
      JsonArray *choices = json_object_get_array_member (q, "choices");
      printf ("\nNext question (--answer %s=...): %s\n", json_object_get_string_member (q, "id"),
              json_object_get_string_member (q, "text"));
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          JsonObject *c = json_array_get_object_element (choices, i);
          printf ("  %s = %s\n", json_object_get_string_member (c, "value"), json_object_get_string_member (c, "label"));
        }
    }
  else
    printf ("\nNo more questions: no answer could change these results.\n");
}

int
banlang_eligibility (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentRuleSet) rules = NULL;
  g_autoptr(ContentScreening) screening = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *date = NULL, *lang = NULL;
  g_auto(GStrv) answers = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Screen at this date (default today)", "YYYY-MM-DD" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Reasons and wording in this language (default vi)", "L" },
    { "answer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &answers, "An answer: yes, no, unknown, a choice or digits", "ID=VALUE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  int rc = banlang_parse (&argc, &argv, "", "Screens a household for every benefit with a rule: which it "
                  "can get, which not and why, and the question to ask next.", entries, 0, 0);

  if (rc >= 0)
    return rc;
  if (lang != NULL && !check_lang (argv[0], lang))
    return EXIT_USAGE;
  for (gsize i = 0; answers != NULL && answers[i] != NULL; i++)
    if (strchr (answers[i], '=') == NULL)
      {
        fprintf (stderr, "%s: --answer “%s”: write it as ID=VALUE, e.g. age=76\n", argv[0], answers[i]);
        return EXIT_USAGE;
      }
  rules = load_rules (argv[0], &store);
  if (rules == NULL)
    return EXIT_ERROR;
  screening = content_screening_new (rules, date, lang, &error);
  if (screening == NULL)
    return banlang_fail (argv[0], error);
  for (gsize i = 0; answers != NULL && answers[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (answers[i], "=", 2);
      if (!content_screening_answer (screening, kv[0], kv[1], &error))
        return banlang_fail (argv[0], error);
    }
  state = content_screening_to_json (screening);
  if (json)
    banlang_print_json (state);
  else
    print_screening (json_node_get_object (state));
  return EXIT_OK;
}

int
banlang_rules_test (int argc, char **argv)
{
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentRuleSet) rules = NULL;
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  guint total = 0;
  int rc = banlang_parse (&argc, &argv, "[FILE...]", "Runs eligibility case tables (answers and the "
                  "expected verdicts) against the rules, and reports each failing case: the "
                  "tables stored with the rules, or those in the files given.", NULL, 0, -1);

  if (rc >= 0)
    return rc;
  rules = load_rules (argv[0], &store);
  if (rules == NULL)
    return EXIT_ERROR;
  if (argc == 1 && content_rule_set_parts (rules, CONTENT_RULE_CASES)->len == 0)
    {
      fprintf (stderr, "%s: %s has no case tables (import a rules/cases/ folder, or name files)\n",
               argv[0], opt_db);
      return EXIT_ERROR;
    }
  if (argc == 1)
    content_rule_set_check_cases (rules, failures, &total);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      guint n;
      if (!content_rule_cases_run (rules, argv[i], failures, &n, &error))
        return banlang_fail (argv[0], error);
      total += n;
    }
  for (guint i = 0; i < failures->len; i++)
    printf ("FAIL %s\n", (const char *) g_ptr_array_index (failures, i));
  printf ("%u cases, %u failure%s\n", total, failures->len, failures->len == 1 ? "" : "s");
  return failures->len == 0 ? EXIT_OK : EXIT_ERROR;
}
