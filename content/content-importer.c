/* content-importer.c: JSON files into the store, validated first, written all at once.
 *
 * An officer's import either lands whole or not at all. Files are read and each object checked
 * on its own (content-validator.c) as they are added; only at commit, when everything is known,
 * are references checked: that topics and the laws a guide explains exist (in this import or
 * already stored), that no id comes twice, that SMS codes stay one namespace across items and
 * topics, that the topic tree has no cycle. Every problem is reported, not just the first.
 *
 * Memory does not grow with the content: an item is kept only as what those checks need (id,
 * kind, SMS code, topics, the laws it names, its media), and at commit the files are read a
 * second time, each item validated again and written at once inside the one transaction, then
 * freed. Writing while first reading, and rolling back on a problem, would not keep the
 * contract: the checks judge the import as a whole (an SMS code moving from one item to another,
 * a topic given in a later file), which the database's constraints judge row by row, and a
 * problem must be reported with every other, not as the database's first error. A file that
 * changes between the two readings (its SHA-256 differs) fails the import. A bundle file is read
 * element by element (content-json-stream.c), never whole.
 */
#include "content-importer.h"
#include "content-error.h"
#include "content-json-stream.h"
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

/* Where items come from, to be read again at commit: a file, or a record given whole. */
typedef struct {
  char *path;              /* NULL for a record */
  int expected_kind;       /* the kind its folder implies, or -1 */
  char *digest;            /* the file's SHA-256 when first read */
  gboolean bundle;         /* read element by element (is_bundle()), judged when first read */
  JsonNode *record;
  char *origin;            /* the record's name in messages */
} ImportSource;

static void
import_source_free (ImportSource *source)
{
  g_free (source->path);
  g_free (source->digest);
  g_clear_pointer (&source->record, json_node_unref);
  g_free (source->origin);
  g_free (source);
}

/* What the checks at commit need of an item (its texts, sources and review, the bulk of it,
 * are read again when it is written). Strings are kept in the importer's chunk, each topic id
 * once, so an item costs little more than its id. */
typedef struct {
  const char *id;
  ContentKind kind;
  const char *sms_code;    /* NULL when it has none */
  const char **topics;     /* NULL-terminated */
  JsonNode *details;       /* laws and guides only: the items they name are in it */
  JsonNode *media;         /* NULL when it has none */
} ImportedItem;

static void
imported_item_free (ImportedItem *item)
{
  g_free (item->topics);
  g_clear_pointer (&item->details, json_node_unref);
  g_clear_pointer (&item->media, json_node_unref);
  g_free (item);
}

struct _ContentImporter {
  ContentStore *store;
  GPtrArray *items;        /* ImportedItem */
  GStringChunk *strings;   /* the ImportedItems' strings */
  GPtrArray *item_files;   /* const char *, the file each item came from (in file_names) */
  GHashTable *file_names;  /* the files' names, each kept once */
  GPtrArray *sources;      /* ImportSource, in the order read */
  GPtrArray *topics;       /* ContentTopic */
  GPtrArray *topic_files;
  GHashTable *item_index;  /* id → its index in items, plus one */
  GHashTable *topic_index; /* id → ContentTopic (borrowed) */
  GPtrArray *rule_parts;   /* ContentRulePart */
  GPtrArray *problems;
  char *author;            /* see content_importer_set_change() */
  gboolean draft;
  gboolean important;
  ImportedMedia *media;    /* blobs and greetings: see "Media" below */
  GError *failure;         /* the database failed while checking or writing: the import
                            * fails with it */
  ContentApply *apply;     /* at commit, while items are written: add_item() writes them */
  guint written;           /* items written so far */
  ContentStoreProgressFunc progress;
  gpointer progress_data;
};

ContentImporter *
content_importer_new (ContentStore *store)
{
  ContentImporter *self = g_new0 (ContentImporter, 1);

  self->store = g_object_ref (store);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) imported_item_free);
  self->strings = g_string_chunk_new (65536);
  self->item_files = g_ptr_array_new ();
  self->file_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) import_source_free);
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
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->file_names);
  g_ptr_array_unref (self->sources);
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
  self->important = change->important;
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

/* @file as kept once for every item read from it. */
static const char *
file_name (ContentImporter *self, const char *file)
{
  char *kept = g_hash_table_lookup (self->file_names, file);

  if (kept == NULL)
    {
      kept = g_strdup (file);
      g_hash_table_add (self->file_names, kept);
    }
  return kept;
}

/* What the checks at commit need of @item (which is freed). */
static ImportedItem *
imported_item_new (ContentImporter *self, ContentItem *item)
{
  ImportedItem *kept = g_new0 (ImportedItem, 1);
  guint n = g_strv_length (item->topics);

  kept->id = g_string_chunk_insert (self->strings, item->id);
  kept->kind = item->kind;
  kept->sms_code = item->sms_code != NULL ? g_string_chunk_insert_const (self->strings, item->sms_code) : NULL;
  kept->topics = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    kept->topics[i] = g_string_chunk_insert_const (self->strings, item->topics[i]);
  if (item->kind == CONTENT_KIND_LAW || item->kind == CONTENT_KIND_GUIDE)
    kept->details = g_steal_pointer (&item->details);
  kept->media = g_steal_pointer (&item->media);
  content_item_free (item);
  return kept;
}

/* At commit: writes @node, read again, when it is still the item the checks passed (the next
 * one read the first time); a difference is a problem, which fails the import. */
static void
write_item (ContentImporter *self, ContentValidation *v, JsonNode *node, int expected_kind)
{
  g_autoptr(ContentItem) item = NULL;
  ImportedItem *checked;

  if (self->failure != NULL)
    return;
  v->again = TRUE;  /* a file changed since fails the import whole (write_sources()) */
  item = content_validator_item (v, node, expected_kind);
  checked = self->written < self->items->len ? g_ptr_array_index (self->items, self->written) : NULL;
  if (item == NULL || checked == NULL || !g_str_equal (item->id, checked->id))
    {
      problem (self, "%s: changed while it was being imported", v->file);
      return;
    }
  if (!content_apply_item (self->apply, item, &self->failure))
    return;
  self->written++;
  if (self->progress != NULL)
    self->progress (self->written, self->items->len, self->progress_data);
}

static void
add_item (ContentImporter *self, ContentValidation *v, JsonNode *node, int expected_kind,
          const char *expected_id)
{
  ContentItem *item;
  ImportedItem *kept;
  const char *earlier;
  gboolean keep = TRUE;
  guint index;

  if (self->apply != NULL)
    {
      write_item (self, v, node, expected_kind);
      return;
    }
  item = content_validator_item (v, node, expected_kind);
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
  kept = imported_item_new (self, item);
  g_ptr_array_add (self->items, kept);
  g_ptr_array_add (self->item_files, (gpointer) file_name (self, v->file));
  g_hash_table_insert (self->item_index, (gpointer) kept->id, GUINT_TO_POINTER (self->items->len));
}

static void
add_topic (ContentImporter *self, ContentValidation *v, JsonNode *node)
{
  ContentTopic *topic;

  if (self->apply != NULL)
    return;  /* kept whole from the first reading, and written before the items */
  topic = content_validator_topic (v, node);
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
      ImportSource *source = g_new0 (ImportSource, 1);

      source->expected_kind = -1;
      source->record = json_node_ref (record);
      source->origin = g_strdup (origin);
      g_ptr_array_add (self->sources, source);
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

/* Parses the whole file @path (an item, rules or greetings: small files); sets *@digest to
 * its SHA-256 when @digest is not NULL. */
static JsonNode *
parse_file (ContentImporter *self, const char *path, char **digest, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  const char *bad;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  if (digest != NULL)
    *digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
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
  g_autoptr(JsonNode) root = parse_file (self, path, NULL, error);

  if (root != NULL && cases)
    content_rule_set_parse_cases_file (path, root, self->rule_parts, self->problems);
  else if (root != NULL)
    content_rule_set_parse_file (path, root, self->rule_parts, self->problems);
  return error == NULL || *error == NULL;
}

/* Reads a file holding one item (or something else, which is a problem) whole. */
static gboolean
read_item_file (ContentImporter *self, const char *path, int expected_kind, char **digest,
                GError **error)
{
  g_autoptr(JsonNode) root = parse_file (self, path, digest, error);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : NULL;
  ContentValidation v = { path, "item", NULL, self->problems };

  if (root == NULL)
    return error == NULL || *error == NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    problem (self, "%s: must hold a JSON object (an item, or {\"items\": [...], \"topics\": [...]})", path);
  else
    add_item (self, &v, root, expected_kind, expected_kind >= 0 ? stem : NULL);
  return TRUE;
}

/* One element of a bundle's @member ("items" or "topics"), its text starting on @line. */
static void
add_bundle_element (ContentImporter *self, ContentValidation *v, const char *member,
                    const GString *text, guint line)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  const char *bad;

  if (!g_utf8_validate (text->str, text->len, &bad))
    problem (self, "%s: line %u: not valid UTF-8 (byte %" G_GSIZE_FORMAT " of an element of %s); "
             "save the file as UTF-8", v->file, line + line_of (text->str, bad - text->str) - 1,
             (gsize) (bad - text->str), member);
  else if (!json_parser_load_from_data (parser, text->str, text->len, &local))
    problem (self, "%s: line %u: not valid JSON (an element of %s): %s", v->file, line, member,
             local->message);
  else if (g_str_equal (member, "topics"))
    add_topic (self, v, json_parser_get_root (parser));
  else
    add_item (self, v, json_parser_get_root (parser), -1, NULL);
}

/* Reads the value of the bundle's member @key from @stream. */
static gboolean
read_bundle_member (ContentImporter *self, ContentValidation *v, ContentJsonStream *stream,
                    const char *key, GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean list = g_str_equal (key, "items") || g_str_equal (key, "topics");
  guint line;

  if (!list)
    problem (self, "%s: %s: is not a known field of a bundle", v->file, key);
  else if (content_json_stream_enter_array (stream, error))
    {
      while (content_json_stream_next_element (stream, text, &line, error))
        {
          add_bundle_element (self, v, key, text, line);
          g_string_truncate (text, 0);
        }
      return *error == NULL;
    }
  else if (*error == NULL)
    problem (self, "%s: %s: must be an array", v->file, key);
  return *error == NULL && content_json_stream_read_value (stream, NULL, &line, error);
}

/* Reads a bundle ({"items": [...], "topics": [...]}) element by element; sets *@digest. */
static gboolean
read_bundle (ContentImporter *self, const char *path, char **digest, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(ContentJsonStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  ContentValidation v = { path, "item", NULL, self->problems };
  char *key;

  if (input == NULL)
    return FALSE;
  stream = content_json_stream_new (G_INPUT_STREAM (input), checksum);
  content_json_stream_enter_object (stream, &local);
  while (local == NULL && (key = content_json_stream_next_key (stream, &local)) != NULL)
    {
      read_bundle_member (self, &v, stream, key, &local);
      g_free (key);
    }
  if (local == NULL)
    content_json_stream_finish (stream, &local);
  if (local != NULL)
    problem (self, "%s: not valid JSON: %s", path, local->message);
  *digest = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

/* Whether @path holds a bundle: an object with "items" or "topics" and no "id" (an item has
 * "topics" too), judged from its members' names without keeping their values. A file that is
 * not an object, or that breaks off before naming "items" or "topics", is not judged a bundle:
 * it is read whole, which reports what is wrong with it. */
static gboolean
is_bundle (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, error);
  g_autoptr(ContentJsonStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  gboolean id = FALSE, lists = FALSE;
  char *key;
  guint line;

  if (input == NULL)
    return FALSE;
  stream = content_json_stream_new (G_INPUT_STREAM (input), NULL);
  if (!content_json_stream_enter_object (stream, NULL))
    return FALSE;
  while ((key = content_json_stream_next_key (stream, &local)) != NULL)
    {
      id = id || g_str_equal (key, "id");
      lists = lists || g_str_equal (key, "items") || g_str_equal (key, "topics");
      g_free (key);
      if (!content_json_stream_read_value (stream, NULL, &line, &local))
        break;
    }
  return lists && !id;
}

/* Reads @source: the first time to check it, at commit to write it. */
static gboolean
read_source (ContentImporter *self, ImportSource *source, char **digest, GError **error)
{
  ContentValidation v = { source->origin, "item", NULL, self->problems };

  if (source->record != NULL)
    {
      add_item (self, &v, source->record, -1, NULL);
      return TRUE;
    }
  if (source->bundle)
    return read_bundle (self, source->path, digest, error);
  return read_item_file (self, source->path, source->expected_kind, digest, error);
}

/* Reads one file; @expected_kind is the kind its folder implies, or -1. */
static gboolean
add_file (ContentImporter *self, const char *path, int expected_kind, GError **error)
{
  ImportSource *source = g_new0 (ImportSource, 1);

  source->path = g_strdup (path);
  source->expected_kind = expected_kind;
  g_ptr_array_add (self->sources, source);
  source->bundle = is_bundle (path, error);
  return (error == NULL || *error == NULL) && read_source (self, source, &source->digest, error);
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
  g_autoptr(JsonNode) root = parse_file (self, path, NULL, error);
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
check_item_media (ContentImporter *self, ImportedItem *item, const char *file)
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

/* Passes on @found, the answer of a lookup in the store that set *@local when it found nothing.
 * A failure of the database (rather than "not found") is kept, and the import fails with it:
 * what could not be read must not be judged absent. @local is passed by address because C
 * leaves the order of a call's arguments unspecified: read as a value beside the lookup, it
 * could be read before the lookup set it. */
static gboolean
store_found (ContentImporter *self, gboolean found, GError **local)
{
  if (!found && *local != NULL && !g_error_matches (*local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND)
      && self->failure == NULL)
    self->failure = g_error_copy (*local);
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
  store_found (self, draft != NULL, &local);
  return draft;
}

static gboolean
topic_known (ContentImporter *self, const char *id)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) draft = NULL;

  if (g_hash_table_contains (self->topic_index, id)
      || store_found (self, content_store_has_topic (self->store, id, &local), &local))
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
      *kind = ((ImportedItem *) g_ptr_array_index (self->items, index - 1))->kind;
      return TRUE;
    }
  if (store_found (self, content_store_get_item_kind (self->store, id, kind, &local), &local))
    return TRUE;
  draft = stored_draft (self, CONTENT_RECORD_ITEM, id);
  return draft != NULL
         && content_kind_from_string (json_object_get_string_member_with_default (
                json_node_get_object (draft), "kind", NULL), kind);
}

static void
check_item_references (ContentImporter *self, ImportedItem *item, const char *file)
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
      ImportedItem *it = is_topic ? NULL : g_ptr_array_index (self->items, i - self->topics->len);
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
                        &local))
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

/* At commit, inside the transaction: reads every source again and writes its items. A
 * problem now means a file changed since it was checked. */
static gboolean
write_sources (ContentApply *apply, gpointer data, GError **error)
{
  ContentImporter *self = data;

  self->apply = apply;
  self->written = 0;
  for (guint i = 0; i < self->sources->len && self->failure == NULL && self->problems->len == 0; i++)
    {
      ImportSource *source = g_ptr_array_index (self->sources, i);
      g_autofree char *digest = NULL;

      if (!read_source (self, source, &digest, error))
        {
          self->apply = NULL;
          return FALSE;
        }
      if (g_strcmp0 (digest, source->digest) != 0)
        problem (self, "%s: changed while it was being imported", source->path);
    }
  self->apply = NULL;
  if (self->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->failure));
      return FALSE;
    }
  if (self->problems->len == 0 && self->written < self->items->len)
    problem (self, "the files changed while they were being imported");
  if (self->problems->len == 0)
    return TRUE;
  report (self, error);
  return FALSE;
}

gboolean
content_importer_commit (ContentImporter           *self,
                         ContentStoreProgressFunc   progress,
                         gpointer                   user_data,
                         GError                   **error)
{
  ContentChange change = { self->author, self->draft, self->important };

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
  self->progress = progress;
  self->progress_data = user_data;
  return content_store_apply (self->store, self->topics, write_sources, self, self->rule_parts,
                              self->media->blobs, self->media->greetings, &change, error);
}
