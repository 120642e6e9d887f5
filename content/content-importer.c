/* content-importer.c: JSON files into the store, validated first, written all at once.
 *
 * An officer's import either lands whole or not at all. Files are read and each object checked
 * on its own (content-validator.c) as they are added; only at commit, when everything is known,
 * are references checked: that topics and the laws a guide explains exist (in this import or
 * already stored), that no id comes twice, that SMS codes stay one namespace across items and
 * topics, that the topic tree has no cycle. Every problem is reported, not just the first.
 */
#include "content-importer.h"
#include "content-error.h"
#include "content-store-media.h"
#include "content-rule-cases.h"
#include "content-rule-set.h"
#include "content-validator.h"

#include <string.h>

/* More problems than this are summarised: nobody reads a thousand lines. */
#define MAX_REPORTED 60

typedef struct ImportedMedia ImportedMedia;
static ImportedMedia *imported_media_new (void);
static void imported_media_free (ImportedMedia *media);

struct _ContentImporter {
  ContentStore *store;
  GPtrArray *items;        /* ContentItem */
  GPtrArray *item_files;   /* char *, the file each item came from */
  GPtrArray *topics;       /* ContentTopic */
  GPtrArray *topic_files;
  GHashTable *item_index;  /* id → its index in items, plus one */
  GHashTable *topic_index; /* id → ContentTopic (borrowed) */
  GPtrArray *rule_parts;   /* ContentRulePart */
  GPtrArray *problems;
  char *author;            /* see content_importer_set_change() */
  gboolean draft;
  ImportedMedia *media;    /* blobs and greetings: see "Media" below */
  GError *failure;         /* the database failed while checking: the import fails with it */
};

ContentImporter *
content_importer_new (ContentStore *store)
{
  ContentImporter *self = g_new0 (ContentImporter, 1);

  self->store = g_object_ref (store);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) content_item_free);
  self->item_files = g_ptr_array_new_with_free_func (g_free);
  self->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) content_topic_free);
  self->topic_files = g_ptr_array_new_with_free_func (g_free);
  self->item_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rule_parts = g_ptr_array_new_with_free_func ((GDestroyNotify) content_rule_part_free);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->author = g_strdup ("import");
  self->media = imported_media_new ();
  return self;
}

void
content_importer_free (ContentImporter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->item_index);
  g_hash_table_unref (self->topic_index);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->item_files);
  g_ptr_array_unref (self->topics);
  g_ptr_array_unref (self->topic_files);
  g_ptr_array_unref (self->rule_parts);
  g_ptr_array_unref (self->problems);
  g_free (self->author);
  imported_media_free (self->media);
  g_clear_error (&self->failure);
  g_object_unref (self->store);
  g_free (self);
}

void
content_importer_set_change (ContentImporter *self, const ContentChange *change)
{
  g_free (self->author);
  self->author = g_strdup (change->author);
  self->draft = change->draft;
}

guint
content_importer_get_n_items (ContentImporter *self)
{
  return self->items->len;
}

guint
content_importer_get_n_topics (ContentImporter *self)
{
  return self->topics->len;
}

static void
problem (ContentImporter *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (ContentImporter *self, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
add_item (ContentImporter *self, ContentValidation *v, JsonNode *node, int expected_kind,
          const char *expected_id)
{
  ContentItem *item = content_validator_item (v, node, expected_kind);
  const char *earlier;
  gboolean keep = TRUE;
  guint index;

  if (item == NULL)
    return;
  if (expected_id != NULL && !g_str_equal (item->id, expected_id))
    {
      content_validation_add (v, "id", "is “%s” but the file is named %s.json", item->id, expected_id);
      keep = FALSE;
    }
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_index, item->id));
  earlier = index > 0 ? g_ptr_array_index (self->item_files, index - 1) : NULL;
  if (earlier != NULL)
    {
      content_validation_add (v, "id", "the same id is also given in %s", earlier);
      keep = FALSE;
    }
  if (!keep)
    {
      content_item_free (item);
      return;
    }
  g_ptr_array_add (self->items, item);
  g_ptr_array_add (self->item_files, g_strdup (v->file));
  g_hash_table_insert (self->item_index, item->id, GUINT_TO_POINTER (self->items->len));
}

static void
add_topic (ContentImporter *self, ContentValidation *v, JsonNode *node)
{
  ContentTopic *topic = content_validator_topic (v, node);

  if (topic == NULL)
    return;
  if (g_hash_table_contains (self->topic_index, topic->id))
    {
      content_validation_add (v, "id", "the same topic id is given twice");
      content_topic_free (topic);
      return;
    }
  g_ptr_array_add (self->topics, topic);
  g_ptr_array_add (self->topic_files, g_strdup (v->file));
  g_hash_table_insert (self->topic_index, topic->id, topic);
}

static void
add_array (ContentImporter *self, ContentValidation *v, JsonObject *root, const char *member)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (self, "%s: %s: must be an array", v->file, member);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (g_str_equal (member, "topics"))
        add_topic (self, v, json_array_get_element (array, i));
      else
        add_item (self, v, json_array_get_element (array, i), -1, NULL);
    }
}

/* The position a rule part published alone takes: its live one, else after the others. */
static gint
rule_part_position (ContentImporter *self, ContentRulePart *part)
{
  g_autoptr(ContentRuleSet) live = content_rule_set_load (self->store, NULL);
  ContentRulePart *stored = live != NULL ? content_rule_set_get (live, part->kind, part->id) : NULL;

  if (stored != NULL)
    return stored->position;
  return live != NULL ? (gint) content_rule_set_parts (live, part->kind)->len : 0;
}

void
content_importer_add_record (ContentImporter *self, const ContentRef *ref, JsonNode *record,
                             const char *origin)
{
  ContentValidation v = { origin, "item", NULL, self->problems };
  ContentRecordKind kind = ref->kind;
  ContentRulePart *part;

  if (kind == CONTENT_RECORD_ITEM)
    {
      add_item (self, &v, record, -1, NULL);
      return;
    }
  if (kind == CONTENT_RECORD_TOPIC)
    {
      v.what = "topic";
      add_topic (self, &v, record);
      return;
    }
  part = content_rule_part_new (kind - CONTENT_RECORD_QUESTION, ref->id, record);
  part->file = g_strdup (origin);
  part->position = rule_part_position (self, part);
  g_ptr_array_add (self->rule_parts, part);
}

/* The line of byte @offset in @data, counting from 1. */
static guint
line_of (const char *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static JsonNode *
parse_file (ContentImporter *self, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  const char *bad;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  if (!g_utf8_validate (data, len, &bad))
    {
      problem (self, "%s: line %u: not valid UTF-8 (byte %" G_GSIZE_FORMAT "); save the file as UTF-8",
               path, line_of (data, bad - data), (gsize) (bad - data));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      problem (self, "%s: not valid JSON: %s", path, local->message);
      return NULL;
    }
  /* json-glib reads nothing (an empty or blank file) as a document without a root. */
  if (json_parser_get_root (parser) == NULL)
    {
      problem (self, "%s: empty: holds no JSON (an item, topics, rules or a bundle)", path);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* Reads one file of eligibility rules (rules/ in a directory), or with @cases a case table
 * (rules/cases/). */
static gboolean
add_rules_file (ContentImporter *self, const char *path, gboolean cases, GError **error)
{
  g_autoptr(JsonNode) root = parse_file (self, path, error);

  if (root != NULL && cases)
    content_rule_set_parse_cases_file (path, root, self->rule_parts, self->problems);
  else if (root != NULL)
    content_rule_set_parse_file (path, root, self->rule_parts, self->problems);
  return error == NULL || *error == NULL;
}

/* Reads one file; @expected_kind is the kind its folder implies, or -1. */
static gboolean
add_file (ContentImporter *self, const char *path, int expected_kind, GError **error)
{
  g_autoptr(JsonNode) root = parse_file (self, path, error);
  ContentValidation v = { path, "item", NULL, self->problems };
  JsonObject *obj;

  if (root == NULL)
    return error == NULL || *error == NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (self, "%s: must hold a JSON object (an item, or {\"items\": [...], \"topics\": [...]})", path);
      return TRUE;
    }
  obj = json_node_get_object (root);
  /* Items have a "topics" member too; a bundle is what has no id. */
  if (!json_object_has_member (obj, "id")
      && (json_object_has_member (obj, "items") || json_object_has_member (obj, "topics")))
    {
      g_autoptr(GList) members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "items") && !g_str_equal (l->data, "topics"))
          problem (self, "%s: %s: is not a known field of a bundle", path, (const char *) l->data);
      add_array (self, &v, obj, "topics");
      add_array (self, &v, obj, "items");
    }
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *stem = g_str_has_suffix (base, ".json")
                              ? g_strndup (base, strlen (base) - 5) : NULL;
      add_item (self, &v, root, expected_kind, expected_kind >= 0 ? stem : NULL);
    }
  return TRUE;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The .json files directly in @dir, sorted so imports are repeatable. */
static GPtrArray *
json_files_in (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_strings);
  return g_steal_pointer (&files);
}

/* ---- Media: blobs from a directory's media/ folder, greetings from its greetings.json ----
 *
 * A blob is read and checked when its file is added (content_media_new_from_file(): its type
 * from its bytes, its name from its hash and type, its size within the limits); whether every
 * blob an item, topic or greeting names is in the import or the store, and of the right class
 * (a picture for a picture, sound for a recording or greeting), is checked at commit. */

struct ImportedMedia {
  ContentMediaLimits limits;
  GPtrArray *blobs;           /* ContentMedia, each once (sorted by sha256 at commit): what
                               * content_store_put_media_blobs() writes */
  GHashTable *index;          /* sha256 → ContentMedia in blobs (borrowed) */
  JsonArray *greetings;       /* {"lang", "sha256"}, validated: what
                               * content_store_put_greetings() writes */
  GPtrArray *greeting_files;  /* char *, the file each greeting came from */
};

static ImportedMedia *
imported_media_new (void)
{
  ImportedMedia *media = g_new0 (ImportedMedia, 1);
  const ContentMediaLimits defaults = CONTENT_MEDIA_LIMITS_INIT;

  media->limits = defaults;
  media->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) content_media_free);
  media->index = g_hash_table_new (g_str_hash, g_str_equal);
  media->greetings = json_array_new ();
  media->greeting_files = g_ptr_array_new_with_free_func (g_free);
  return media;
}

static void
imported_media_free (ImportedMedia *media)
{
  g_hash_table_unref (media->index);
  g_ptr_array_unref (media->blobs);
  json_array_unref (media->greetings);
  g_ptr_array_unref (media->greeting_files);
  g_free (media);
}

void
content_importer_set_media_limits (ContentImporter *self, const ContentMediaLimits *limits)
{
  self->media->limits = *limits;
}

static gint
compare_media (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(ContentMedia *const *) a)->sha256, (*(ContentMedia *const *) b)->sha256);
}

static void
add_media_file (ContentImporter *self, const char *path)
{
  g_autoptr(GError) local = NULL;
  ContentMedia *media;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      problem (self, "%s: a folder in media/, which holds only files named <sha256>.<extension>", path);
      return;
    }
  media = content_media_new_from_file (path, &self->media->limits, &local);
  if (media == NULL)
    problem (self, "%s", local->message);
  else
    content_importer_add_media (self, media);
}

void
content_importer_add_media (ContentImporter *self, ContentMedia *media)
{
  if (g_hash_table_contains (self->media->index, media->sha256))
    content_media_free (media);  /* the same bytes from another directory or upload */
  else
    {
      g_ptr_array_add (self->media->blobs, media);
      g_hash_table_insert (self->media->index, media->sha256, media);
    }
}

/* Reads every file of @folder (a directory's media/) as a blob. */
static gboolean
add_media_folder (ContentImporter *self, const char *folder, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, error);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      add_media_file (self, path);
    }
  return TRUE;
}

static const ContentFieldSpec greeting_fields[] = {
  { "lang", CONTENT_FIELD_LANG, CONTENT_FIELD_REQUIRED, NULL, 0, 0, NULL },
  { "sha256", CONTENT_FIELD_SHA256, CONTENT_FIELD_REQUIRED, NULL, 0, 0, NULL },
  { NULL, 0, 0, NULL, 0, 0, NULL }
};

static void
add_greeting (ContentImporter *self, ContentValidation *v, JsonNode *node)
{
  JsonArray *greetings = self->media->greetings;
  guint before = self->problems->len;

  v->id = JSON_NODE_HOLDS_OBJECT (node)
          ? content_validator_member_string (json_node_get_object (node), "lang") : NULL;
  content_validator_check (v, node, greeting_fields, "");
  if (self->problems->len > before)
    return;
  for (guint i = 0; i < json_array_get_length (greetings); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (greetings, i), "lang"), v->id))
      {
        content_validation_add (v, "lang", "given again (also in %s): one greeting per language",
                                (const char *) g_ptr_array_index (self->media->greeting_files, i));
        return;
      }
  json_array_add_element (greetings, json_node_copy (node));
  g_ptr_array_add (self->media->greeting_files, g_strdup (v->file));
}

/* greetings.json: {"greetings": [{"lang": ..., "sha256": ...}, ...]}. */
static gboolean
add_greetings_file (ContentImporter *self, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = parse_file (self, path, error);
  ContentValidation v = { path, "greeting", NULL, self->problems };
  JsonObject *obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *list = obj != NULL ? json_object_get_member (obj, "greetings") : NULL;

  if (root == NULL)
    return error == NULL || *error == NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || json_object_get_size (obj) != 1)
    {
      problem (self, "%s: must hold {\"greetings\": [{\"lang\": ..., \"sha256\": ...}, ...]} and nothing else", path);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    add_greeting (self, &v, json_array_get_element (json_node_get_array (list), i));
  return TRUE;
}

/* A directory's media/ folder and greetings.json, when it has them. */
static gboolean
add_directory_media (ContentImporter *self, const char *dir, GError **error)
{
  g_autofree char *folder = g_build_filename (dir, "media", NULL);
  g_autofree char *greetings = g_build_filename (dir, "greetings.json", NULL);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR) && !add_media_folder (self, folder, error))
    return FALSE;
  return !g_file_test (greetings, G_FILE_TEST_EXISTS) || add_greetings_file (self, greetings, error);
}

/* The class of blob @sha256 after this import (from the import, else the store); FALSE when
 * neither holds it. */
static gboolean
media_class_after_import (ContentImporter *self, const char *sha256, ContentMediaClass *klass)
{
  ContentMedia *media = g_hash_table_lookup (self->media->index, sha256);
  g_autoptr(GError) local = NULL;
  g_autofree char *type = NULL;
  gboolean found = FALSE;

  if (media != NULL)
    return content_media_type_class (media->type, klass);
  if (!content_store_has_media (self->store, sha256, &found, &type, NULL, &local))
    problem (self, "%s", local->message);
  return found && content_media_type_class (type, klass);
}

/* Blob @sha256, which @where uses as a @wanted, must be in the import or the store, and be one. */
static void
check_blob (ContentImporter *self, const char *where, const char *sha256, ContentMediaClass wanted)
{
  ContentMediaClass klass;

  if (!media_class_after_import (self, sha256, &klass))
    problem (self, "%s: no blob %s in this import (media/%s.<extension>) or the database",
             where, sha256, sha256);
  else if (klass != wanted)
    problem (self, "%s: blob %s is a %s, not a %s", where, sha256,
             content_media_class_to_string (klass), content_media_class_to_string (wanted));
}

static void
check_item_media (ContentImporter *self, ContentItem *item, const char *file)
{
  JsonArray *list = item->media != NULL ? json_node_get_array (item->media) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      g_autofree char *where = g_strdup_printf ("%s: item %s: media[%u]", file, item->id, i);
      gboolean picture = g_str_equal (json_object_get_string_member (entry, "kind"), "picture");

      check_blob (self, where, json_object_get_string_member (entry, "sha256"),
                  picture ? CONTENT_MEDIA_PICTURE : CONTENT_MEDIA_SOUND);
    }
}

/* Every blob an imported item, topic or greeting names. */
static void
check_media_references (ContentImporter *self)
{
  JsonArray *greetings = self->media->greetings;

  for (guint i = 0; i < self->items->len; i++)
    check_item_media (self, g_ptr_array_index (self->items, i), g_ptr_array_index (self->item_files, i));
  for (guint i = 0; i < self->topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (self->topics, i);
      g_autofree char *where = g_strdup_printf ("%s: topic %s: pictogram",
                                                (const char *) g_ptr_array_index (self->topic_files, i), topic->id);
      if (topic->pictogram != NULL)
        check_blob (self, where, topic->pictogram, CONTENT_MEDIA_PICTURE);
    }
  for (guint i = 0; i < json_array_get_length (greetings); i++)
    {
      JsonObject *g = json_array_get_object_element (greetings, i);
      g_autofree char *where = g_strdup_printf ("%s: greeting %s: sha256",
                                                (const char *) g_ptr_array_index (self->media->greeting_files, i),
                                                json_object_get_string_member (g, "lang"));
      check_blob (self, where, json_object_get_string_member (g, "sha256"), CONTENT_MEDIA_SOUND);
    }
}

/* ---- end of media ---- */

static gboolean
add_directory (ContentImporter *self, const char *dir, GError **error)
{
  g_autofree char *topics = g_build_filename (dir, "topics.json", NULL);
  g_autoptr(GPtrArray) top = NULL;
  g_autofree char *rules = g_build_filename (dir, "rules", NULL);

  if (g_file_test (topics, G_FILE_TEST_EXISTS) && !add_file (self, topics, -1, error))
    return FALSE;
  for (int kind = 0; kind < CONTENT_N_KINDS; kind++)
    {
      g_autofree char *sub = g_build_filename (dir, content_kind_to_string (kind), NULL);
      g_autoptr(GPtrArray) files = NULL;

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        continue;
      files = json_files_in (sub, error);
      if (files == NULL)
        return FALSE;
      for (guint i = 0; i < files->len; i++)
        if (!add_file (self, g_ptr_array_index (files, i), kind, error))
          return FALSE;
    }
  for (int cases = 0; cases <= 1; cases++)
    {
      g_autofree char *folder = cases ? g_build_filename (rules, "cases", NULL) : g_strdup (rules);
      g_autoptr(GPtrArray) files = NULL;

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;
      files = json_files_in (folder, error);
      if (files == NULL)
        return FALSE;
      for (guint i = 0; i < files->len; i++)
        if (!add_rules_file (self, g_ptr_array_index (files, i), cases, error))
          return FALSE;
    }
  top = json_files_in (dir, error);
  if (top == NULL || !add_directory_media (self, dir, error))
    return FALSE;
  for (guint i = 0; i < top->len; i++)
    if (!g_str_equal (g_ptr_array_index (top, i), topics)
        && !g_str_has_suffix (g_ptr_array_index (top, i), G_DIR_SEPARATOR_S "greetings.json")
        && !add_file (self, g_ptr_array_index (top, i), -1, error))
      return FALSE;
  return TRUE;
}

/* The kind implied by the folder @path sits in ("law/x.json" is a law), or -1. */
static int
folder_kind (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (dir);
  ContentKind kind;

  return content_kind_from_string (name, &kind) ? (int) kind : -1;
}

/* TRUE when @path sits in a folder named rules, or in rules/cases (then *@cases is TRUE). */
static gboolean
in_rules_folder (const char *path, gboolean *cases)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (dir);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *parent_name = g_path_get_basename (parent);

  *cases = g_str_equal (name, "cases") && g_str_equal (parent_name, "rules");
  return *cases || g_str_equal (name, "rules");
}

gboolean
content_importer_add_path (ContentImporter *self, const char *path, GError **error)
{
  gboolean cases;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return add_directory (self, path, error);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "%s: no such file or directory", path);
      return FALSE;
    }
  if (in_rules_folder (path, &cases))
    return add_rules_file (self, path, cases, error);
  return add_file (self, path, folder_kind (path), error);
}

/* Passes on @found, the answer of a lookup in the store that set @local when it found nothing.
 * A failure of the database (rather than "not found") is kept, and the import fails with it:
 * what could not be read must not be judged absent. */
static gboolean
store_found (ContentImporter *self, gboolean found, GError *local)
{
  if (!found && !g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND) && self->failure == NULL)
    self->failure = g_error_copy (local);
  return found;
}

/* The draft of @kind/@id in the store, when this import is of drafts (they may refer to one
 * another), else NULL. */
static JsonNode *
stored_draft (ContentImporter *self, ContentRecordKind kind, const char *id)
{
  ContentRef ref = { kind, (char *) id };
  g_autoptr(GError) local = NULL;
  JsonNode *draft;

  if (!self->draft)
    return NULL;
  draft = content_store_get_draft (self->store, &ref, &local);
  store_found (self, draft != NULL, local);
  return draft;
}

static gboolean
topic_known (ContentImporter *self, const char *id)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) draft = NULL;

  if (g_hash_table_contains (self->topic_index, id)
      || store_found (self, content_store_has_topic (self->store, id, &local), local))
    return TRUE;
  draft = stored_draft (self, CONTENT_RECORD_TOPIC, id);
  return draft != NULL;
}

/* The parent of topic @id after this import: the imported one wins over the stored one. */
static char *
parent_after_import (ContentImporter *self, const char *id, GHashTable *stored_parents)
{
  ContentTopic *topic = g_hash_table_lookup (self->topic_index, id);

  if (topic != NULL)
    return topic->parent_id;
  return g_hash_table_lookup (stored_parents, id);
}

static void
check_topics (ContentImporter *self)
{
  g_autoptr(GPtrArray) stored = content_store_list_topics (self->store, NULL);
  g_autoptr(GHashTable) stored_parents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) siblings = g_hash_table_new (g_str_hash, g_str_equal);
  guint limit = self->topics->len + (stored != NULL ? stored->len : 0);

  for (guint i = 0; stored != NULL && i < stored->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (stored, i);
      g_hash_table_insert (stored_parents, t->id, t->parent_id);
    }
  for (guint i = 0; i < self->topics->len; i++)
    {
      ContentTopic *t = g_ptr_array_index (self->topics, i);
      const char *file = g_ptr_array_index (self->topic_files, i);
      const char *at = t->parent_id;
      guint steps = 0;
      gpointer n;

      if (t->parent_id != NULL && !topic_known (self, t->parent_id))
        problem (self, "%s: topic %s: parent: no topic “%s” in this import or the database",
                 file, t->id, t->parent_id);
      gboolean cycle = FALSE;

      for (; at != NULL && !cycle && steps++ <= limit; at = parent_after_import (self, at, stored_parents))
        cycle = g_str_equal (at, t->id);
      if (cycle || steps > limit)
        problem (self, "%s: topic %s: parent: the topic tree would have a cycle", file, t->id);
      /* Order among siblings is the order in the file. */
      n = g_hash_table_lookup (siblings, t->parent_id ? t->parent_id : "");
      t->position = GPOINTER_TO_INT (n);
      g_hash_table_insert (siblings, t->parent_id ? t->parent_id : "", GINT_TO_POINTER (t->position + 1));
    }
}

/* The kind item @id will have after this import, or FALSE when it exists nowhere. */
static gboolean
kind_after_import (ContentImporter *self, const char *id, ContentKind *kind)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_index, id));
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) draft = NULL;

  if (index > 0)
    {
      *kind = ((ContentItem *) g_ptr_array_index (self->items, index - 1))->kind;
      return TRUE;
    }
  if (store_found (self, content_store_get_item_kind (self->store, id, kind, &local), local))
    return TRUE;
  draft = stored_draft (self, CONTENT_RECORD_ITEM, id);
  return draft != NULL
         && content_kind_from_string (json_object_get_string_member_with_default (
                json_node_get_object (draft), "kind", NULL), kind);
}

static void
check_item_references (ContentImporter *self, ContentItem *item, const char *file)
{
  JsonArray *refs;
  const char *member = item->kind == CONTENT_KIND_GUIDE ? "laws" : "relations";

  for (gsize j = 0; item->topics[j] != NULL; j++)
    if (g_strv_contains ((const char *const *) item->topics + j + 1, item->topics[j]))
      problem (self, "%s: item %s: topics[%" G_GSIZE_FORMAT "]: “%s” is listed twice",
               file, item->id, j, item->topics[j]);
    else if (!topic_known (self, item->topics[j]))
      problem (self, "%s: item %s: topics[%" G_GSIZE_FORMAT "]: no topic “%s” in this import or the database",
               file, item->id, j, item->topics[j]);
  if (item->kind != CONTENT_KIND_GUIDE && item->kind != CONTENT_KIND_LAW)
    return;
  if (!json_object_has_member (json_node_get_object (item->details), member))
    return;
  refs = json_object_get_array_member (json_node_get_object (item->details), member);
  for (guint j = 0; j < json_array_get_length (refs); j++)
    {
      JsonNode *e = json_array_get_element (refs, j);
      const char *target = item->kind == CONTENT_KIND_GUIDE
                           ? json_node_get_string (e)
                           : json_object_get_string_member_with_default (json_node_get_object (e), "item", NULL);
      ContentKind kind;

      if (target == NULL)
        continue;
      if (!kind_after_import (self, target, &kind))
        problem (self, "%s: item %s: %s.%s[%u]: no item “%s” in this import or the database",
                 file, item->id, content_kind_to_string (item->kind), member, j, target);
      else if (kind != CONTENT_KIND_LAW)
        problem (self, "%s: item %s: %s.%s[%u]: “%s” is a %s, not a law",
                 file, item->id, content_kind_to_string (item->kind), member, j, target,
                 content_kind_to_string (kind));
    }
}

/* SMS codes are one namespace across items and topics, in this import and in the store. */
static void
check_sms_codes (ContentImporter *self)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = self->topics->len + self->items->len;

  for (guint i = 0; i < n; i++)
    {
      gboolean is_topic = i < self->topics->len;
      ContentTopic *t = is_topic ? g_ptr_array_index (self->topics, i) : NULL;
      ContentItem *it = is_topic ? NULL : g_ptr_array_index (self->items, i - self->topics->len);
      const char *file = is_topic ? g_ptr_array_index (self->topic_files, i)
                                  : g_ptr_array_index (self->item_files, i - self->topics->len);
      const char *what = is_topic ? "topic" : "item";
      const char *id = is_topic ? t->id : it->id;
      const char *code = is_topic ? t->sms_code : it->sms_code;
      g_autofree char *owner_what = NULL, *owner_id = NULL;
      g_autoptr(GError) local = NULL;
      const char *earlier;

      if (code == NULL)
        continue;
      earlier = g_hash_table_lookup (codes, code);
      if (earlier != NULL)
        problem (self, "%s: %s %s: sms_code: “%s” is also the code of %s in this import",
                 file, what, id, code, earlier);
      else
        g_hash_table_insert (codes, (gpointer) code, g_strdup_printf ("%s %s", what, id));
      if (!store_found (self, content_store_find_sms_code (self->store, code, &owner_what, &owner_id, &local),
                        local))
        continue;
      if (g_str_equal (owner_what, what) && g_str_equal (owner_id, id))
        continue;
      /* The stored owner gives the code up if this import gives it another one. */
      if (g_str_equal (owner_what, "item") ? g_hash_table_contains (self->item_index, owner_id)
                                           : g_hash_table_contains (self->topic_index, owner_id))
        continue;
      problem (self, "%s: %s %s: sms_code: “%s” already belongs to %s %s in the database",
               file, what, id, code, owner_what, owner_id);
    }
}

static void
report (ContentImporter *self, GError **error)
{
  g_autoptr(GString) msg = g_string_new (NULL);
  guint n = self->problems->len;

  g_string_printf (msg, "nothing was imported: %u problem%s found", n, n == 1 ? "" : "s");
  for (guint i = 0; i < n && i < MAX_REPORTED; i++)
    g_string_append_printf (msg, "\n  %s", (const char *) g_ptr_array_index (self->problems, i));
  if (n > MAX_REPORTED)
    g_string_append_printf (msg, "\n  ... and %u more", n - MAX_REPORTED);
  g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, msg->str);
}

/* Drafts of rule parts join the rule set a draft import is checked against. */
static void
add_draft_rules (ContentImporter *self, ContentRuleSet *merged)
{
  g_autoptr(GArray) drafts = content_store_list_drafts (self->store, NULL);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      ContentRef *ref = &g_array_index (drafts, ContentRef, i);
      g_autoptr(JsonNode) record = NULL;
      ContentRulePart *part;

      if (ref->kind < CONTENT_RECORD_QUESTION || ref->kind >= CONTENT_RECORD_QUESTION + CONTENT_N_RULE_KINDS)
        continue;
      record = content_store_get_draft (self->store, ref, NULL);
      if (record == NULL)
        continue;
      part = content_rule_part_new (ref->kind - CONTENT_RECORD_QUESTION, ref->id, record);
      part->file = g_strdup_printf ("draft of %s %s", content_record_kind_to_string (ref->kind), ref->id);
      part->position = rule_part_position (self, part);
      content_rule_set_add (merged, part);
    }
}

/* The rule set as it will be after this import, checked whole; and each benefit rule must be
 * about a benefit item, stored or imported. */
static void
check_rules (ContentImporter *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentRuleSet) merged = content_rule_set_load (self->store, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (merged == NULL)
    {
      problem (self, "%s", error->message);
      return;
    }
  if (self->draft)
    add_draft_rules (self, merged);
  for (guint i = 0; i < self->rule_parts->len; i++)
    {
      ContentRulePart *part = g_ptr_array_index (self->rule_parts, i);
      ContentRulePart *copy = content_rule_part_new (part->kind, part->id, part->definition);
      g_autofree char *key = g_strdup_printf ("%s %s", content_rule_kind_to_string (part->kind), part->id);
      ContentKind kind;

      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        problem (self, "%s: %s %s: given twice in this import", part->file,
                 content_rule_kind_to_string (part->kind), part->id);
      if (part->kind == CONTENT_RULE_BENEFIT
          && (!kind_after_import (self, part->id, &kind) || kind != CONTENT_KIND_BENEFIT))
        problem (self, "%s: rule %s: benefit: no benefit item “%s” in this import or the database",
                 part->file, part->id, part->id);
      copy->position = part->position;
      copy->file = g_strdup (part->file);
      content_rule_set_add (merged, copy);
    }
  if (self->rule_parts->len == 0 || !content_rule_set_validate (merged, self->problems) || self->draft)
    return;
  /* Published rules must still decide every case of their tables as the tables say. */
  {
    g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
    guint n_cases;

    content_rule_set_check_cases (merged, failures, &n_cases);
    for (guint i = 0; i < failures->len; i++)
      problem (self, "a case of the rules' tables fails: %s", (const char *) g_ptr_array_index (failures, i));
  }
}

gboolean
content_importer_commit (ContentImporter           *self,
                         ContentStoreProgressFunc   progress,
                         gpointer                   user_data,
                         GError                   **error)
{
  check_topics (self);
  for (guint i = 0; i < self->items->len; i++)
    check_item_references (self, g_ptr_array_index (self->items, i),
                           g_ptr_array_index (self->item_files, i));
  check_sms_codes (self);
  check_rules (self);
  check_media_references (self);
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->failure));
      return FALSE;
    }
  if (self->problems->len > 0)
    {
      report (self, error);
      return FALSE;
    }
  /* Blobs take their seqs in this order: the same whatever order they were added in. */
  g_ptr_array_sort (self->media->blobs, compare_media);
  {
    ContentChange change = { self->author, self->draft };
    return content_store_apply (self->store, self->topics, self->items, self->rule_parts,
                                self->media->blobs, self->media->greetings,
                                &change, progress, user_data, error);
  }
}
