/* sync-bundle.c: writing and reading bundle files (see sync-bundle.h and FORMAT.md).
 *
 * A bundle is JSON lines, so that neither side ever holds the whole text: the hub writes a
 * 10,000-item snapshot record by record and a kiosk parses it line by line. A header line
 * names the hub and the seqs, a trailer line counts the records (a cut file fails its hash
 * anyway; the trailer makes a hub bug that drops records fail loudly too). zstd compresses the
 * stream as one frame, so the many similar records of a delta share one dictionary.
 * Blobs are not inside: they are content-addressed files of their own, fetched by a kiosk only
 * when it lacks them, and shared by every bundle that names them.
 */
#include "sync-bundle.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-hash.h"
#include "sync-json.h"
#include "content-media.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#define BUNDLE_TYPE "banlang-sync-bundle"
#define BUNDLE_FORMAT 1

/* Good compression of small deltas at a speed that still writes a large snapshot in seconds. */
#define ZSTD_LEVEL 12

/* A longer line is not something a hub writes. */
#define MAX_LINE (64 * 1024 * 1024)

static gboolean
failed (GError **error, const char *what, int err)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", what, g_strerror (err));
  return FALSE;
}

/* ---- writing ---- */

typedef struct {
  const char *site_dir;
  FILE *out;
  ZSTD_CCtx *cctx;
  JsonGenerator *generator;
  gint64 records;
  guint *media_written;
} Writer;

static gboolean
compress (Writer *w, const void *data, gsize len, ZSTD_EndDirective end, GError **error)
{
  ZSTD_inBuffer in = { data, len, 0 };
  guint8 chunk[65536];
  size_t remaining;

  do
    {
      ZSTD_outBuffer out = { chunk, sizeof chunk, 0 };
      remaining = ZSTD_compressStream2 (w->cctx, &out, &in, end);
      if (ZSTD_isError (remaining))
        {
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "compressing: %s", ZSTD_getErrorName (remaining));
          return FALSE;
        }
      if (out.pos > 0 && fwrite (chunk, 1, out.pos, w->out) != out.pos)
        return failed (error, "writing a bundle", errno);
    }
  while (end == ZSTD_e_end ? remaining > 0 : in.pos < in.size);
  return TRUE;
}

static gboolean
write_line (Writer *w, JsonNode *node, GError **error)
{
  gsize len;
  g_autofree char *text = NULL;

  json_generator_set_root (w->generator, node);
  text = json_generator_to_data (w->generator, &len);
  return compress (w, text, len, ZSTD_e_continue, error) && compress (w, "\n", 1, ZSTD_e_continue, error);
}

/* Writes @bytes to @dir/@name unless a file of that name is there (its name is its hash, so it
 * is the same bytes). */
static gboolean
write_media (Writer *w, const char *sha256, GBytes *bytes, GError **error)
{
  g_autofree char *path = g_build_filename (w->site_dir, "media", sha256, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!sync_file_write (path, data, len, 0644, error))
    return FALSE;
  (*w->media_written)++;
  return TRUE;
}

static JsonNode *
record_line (const ContentReplicaRecord *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sync_json_add_string (b, "kind", content_record_kind_to_string (r->kind));
  sync_json_add_string (b, "id", r->id);
  sync_json_add_int (b, "seq", r->seq);
  if (r->position != 0)
    sync_json_add_int (b, "position", r->position);
  if (r->bytes != NULL)
    sync_json_add_int (b, "size", g_bytes_get_size (r->bytes));
  else if (r->record != NULL)
    {
      json_builder_set_member_name (b, "record");
      json_builder_add_value (b, json_node_copy (r->record));
    }
  else
    {
      json_builder_set_member_name (b, "tombstone");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
write_record (const ContentReplicaRecord *r, gpointer user_data, GError **error)
{
  Writer *w = user_data;
  g_autoptr(JsonNode) line = record_line (r);

  if (r->bytes != NULL && !write_media (w, r->id, r->bytes, error))
    return FALSE;
  w->records++;
  return write_line (w, line, error);
}

static JsonNode *
header_line (const char *hub, gint64 from_seq, gboolean snapshot)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sync_json_add_string (b, "type", BUNDLE_TYPE);
  sync_json_add_int (b, "format", BUNDLE_FORMAT);
  sync_json_add_string (b, "hub", hub);
  sync_json_add_int (b, "from", from_seq);
  json_builder_set_member_name (b, "snapshot");
  json_builder_add_boolean_value (b, snapshot);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
trailer_line (gint64 to_seq, gint64 records)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "end");
  json_builder_add_boolean_value (b, TRUE);
  sync_json_add_int (b, "to", to_seq);
  sync_json_add_int (b, "records", records);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Writes the whole stream into @w->out; sets *@to_seq. */
static gboolean
write_stream (Writer *w, ContentStore *store, const char *hub, gint64 after_seq, gboolean snapshot,
              gint64 *to_seq, GError **error)
{
  gint64 from_seq = snapshot ? 0 : after_seq;
  g_autoptr(JsonNode) header = header_line (hub, from_seq, snapshot);
  g_autoptr(JsonNode) trailer = NULL;

  if (!write_line (w, header, error)
      || !content_store_foreach_change (store, after_seq, snapshot, write_record, w, to_seq, error))
    return FALSE;
  trailer = trailer_line (*to_seq, w->records);
  if (!write_line (w, trailer, error) || !compress (w, NULL, 0, ZSTD_e_end, error))
    return FALSE;
  if (fflush (w->out) != 0 || fsync (fileno (w->out)) != 0)
    return failed (error, "writing a bundle", errno);
  return TRUE;
}

/* Names the finished temporary file @tmp by its hash and describes it in *@bundle. */
static gboolean
name_bundle (const char *site_dir, const char *tmp, gint64 from_seq, gint64 to_seq, gint64 records,
             SyncManifestBundle **bundle, GError **error)
{
  g_autofree char *sha256 = sync_hash_file (tmp, error);
  g_autofree char *path = NULL;
  GStatBuf st;

  if (sha256 == NULL)
    return FALSE;
  path = g_build_filename (site_dir, "bundles", sha256, NULL);
  if (g_stat (tmp, &st) != 0 || g_rename (tmp, path) != 0)
    return failed (error, path, errno);
  *bundle = g_new0 (SyncManifestBundle, 1);
  (*bundle)->name = g_strconcat ("bundles/", sha256, NULL);
  (*bundle)->sha256 = g_steal_pointer (&sha256);
  (*bundle)->size = st.st_size;
  (*bundle)->from_seq = from_seq;
  (*bundle)->to_seq = to_seq;
  (*bundle)->records = records;
  return TRUE;
}

static gboolean
make_dirs (const char *site_dir, GError **error)
{
  g_autofree char *bundles = g_build_filename (site_dir, "bundles", NULL);
  g_autofree char *media = g_build_filename (site_dir, "media", NULL);

  if (g_mkdir_with_parents (bundles, 0755) != 0)
    return failed (error, bundles, errno);
  if (g_mkdir_with_parents (media, 0755) != 0)
    return failed (error, media, errno);
  return TRUE;
}

gboolean
sync_bundle_write (ContentStore *store, const char *hub, gint64 after_seq, gboolean snapshot,
                   const char *site_dir, SyncManifestBundle **bundle, guint *media_written,
                   GError **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  Writer w = { site_dir, NULL, NULL, generator, 0, media_written };
  gint64 to_seq = 0;
  gboolean ok;
  int fd;

  *bundle = NULL;
  if (!make_dirs (site_dir, error))
    return FALSE;
  tmp = g_build_filename (site_dir, "bundles", ".new-XXXXXX", NULL);
  if ((fd = g_mkstemp (tmp)) < 0)
    return failed (error, tmp, errno);
  /* mkstemp makes it readable by its owner only: a web server must read it. */
  if (fchmod (fd, 0644) != 0 || (w.out = fdopen (fd, "wb")) == NULL)
    {
      close (fd);
      g_unlink (tmp);
      return failed (error, tmp, errno);
    }
  w.cctx = ZSTD_createCCtx ();
  ZSTD_CCtx_setParameter (w.cctx, ZSTD_c_compressionLevel, ZSTD_LEVEL);
  ok = write_stream (&w, store, hub, after_seq, snapshot, &to_seq, error);
  ZSTD_freeCCtx (w.cctx);
  if (fclose (w.out) != 0 && ok)
    ok = failed (error, tmp, errno);
  if (ok && (snapshot || to_seq > after_seq))
    ok = name_bundle (site_dir, tmp, snapshot ? 0 : after_seq, to_seq, w.records, bundle, error);
  g_unlink (tmp);
  return ok;
}

/* ---- reading ---- */

typedef struct {
  const SyncManifestBundle *bundle;
  const char *hub;
  const char *path;
  SyncBundleFunc func;
  gpointer user_data;
  gint64 lines;            /* lines read so far, the header included */
  gboolean ended;          /* the trailer was read */
} Reader;

static gboolean
refuse (Reader *r, GError **error, const char *why)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s (line %" G_GINT64_FORMAT "): %s",
               r->bundle->name, r->lines, why);
  return FALSE;
}

static gboolean
read_header (Reader *r, JsonObject *obj, GError **error)
{
  const char *type = sync_json_get_string (obj, "type", r->bundle->name, error);
  const char *hub = sync_json_get_string (obj, "hub", r->bundle->name, error);
  gint64 format, from;
  gboolean snapshot = json_object_get_boolean_member_with_default (obj, "snapshot", FALSE);

  if (type == NULL || hub == NULL || !sync_json_get_int (obj, "format", r->bundle->name, &format, error)
      || !sync_json_get_int (obj, "from", r->bundle->name, &from, error))
    return FALSE;
  if (!g_str_equal (type, BUNDLE_TYPE) || format != BUNDLE_FORMAT)
    return refuse (r, error, "not a bundle of a format this program reads");
  if (!g_str_equal (hub, r->hub) || from != r->bundle->from_seq || snapshot != (r->bundle->from_seq == 0))
    return refuse (r, error, "its header does not match the manifest");
  return TRUE;
}

static gboolean
read_trailer (Reader *r, JsonObject *obj, GError **error)
{
  gint64 to, records;

  if (!sync_json_get_int (obj, "to", r->bundle->name, &to, error)
      || !sync_json_get_int (obj, "records", r->bundle->name, &records, error))
    return FALSE;
  if (to != r->bundle->to_seq || records != r->bundle->records || records != r->lines - 2)
    return refuse (r, error, "its trailer does not match the manifest or its records");
  r->ended = TRUE;
  return TRUE;
}

/* A media line names a blob by its sha256, which a kiosk makes the name of a file in its cache,
 * and gives its size; a tombstone gives neither. Whatever else the line holds, its id must be a
 * sha256, or it could name a file anywhere. */
static gboolean
check_media (Reader *r, JsonObject *obj, const char *id, GError **error)
{
  gint64 size = 0;

  if (!content_media_is_sha256 (id))
    return refuse (r, error, "a blob's id is not a sha256");
  if (json_object_has_member (obj, "record"))
    return refuse (r, error, "a blob's line gives its size, not a record");
  if (json_object_has_member (obj, "size") && !sync_json_get_int (obj, "size", r->bundle->name, &size, error))
    return FALSE;
  if (size < 0)
    return refuse (r, error, "a blob's size is negative");
  return TRUE;
}

static gboolean
read_record (Reader *r, JsonObject *obj, GError **error)
{
  const char *kind_name = sync_json_get_string (obj, "kind", r->bundle->name, error);
  const char *id = sync_json_get_string (obj, "id", r->bundle->name, error);
  ContentRecordKind kind;
  gint64 seq;
  ContentReplicaRecord *record;

  if (kind_name == NULL || id == NULL || !sync_json_get_int (obj, "seq", r->bundle->name, &seq, error))
    return FALSE;
  if (!content_record_kind_from_string (kind_name, &kind))
    return refuse (r, error, "unknown record kind");
  if (seq <= r->bundle->from_seq || seq > r->bundle->to_seq)
    return refuse (r, error, "a record's seq lies outside the bundle");
  if (kind == CONTENT_RECORD_MEDIA && !check_media (r, obj, id, error))
    return FALSE;
  record = content_replica_record_new (kind, id, seq);
  record->position = json_object_get_int_member_with_default (obj, "position", 0);
  if (json_object_has_member (obj, "record"))
    record->record = json_node_copy (json_object_get_member (obj, "record"));
  else if (kind == CONTENT_RECORD_MEDIA && json_object_has_member (obj, "size"))
    record->record = json_node_copy (json_object_get_member (obj, "size"));
  return r->func (record, r->user_data, error);
}

static gboolean
read_line (Reader *r, const char *line, gsize len, GError **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  r->lines++;
  if (r->ended)
    return refuse (r, error, "lines after its trailer");
  if ((node = sync_json_parse_object (line, len, r->bundle->name, error)) == NULL)
    return FALSE;
  obj = json_node_get_object (node);
  if (r->lines == 1)
    return read_header (r, obj, error);
  if (json_object_has_member (obj, "end"))
    return read_trailer (r, obj, error);
  return read_record (r, obj, error);
}

/* Hands every complete line of @text to read_line() and keeps the rest. */
static gboolean
read_lines (Reader *r, GString *text, GError **error)
{
  gsize start = 0;
  const char *nl;

  while ((nl = memchr (text->str + start, '\n', text->len - start)) != NULL)
    {
      gsize end = nl - text->str;
      if (!read_line (r, text->str + start, end - start, error))
        return FALSE;
      start = end + 1;
    }
  g_string_erase (text, 0, start);
  if (text->len > MAX_LINE)
    return refuse (r, error, "a line too long");
  return TRUE;
}

static gboolean
decompress (Reader *r, FILE *f, ZSTD_DCtx *dctx, GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint8 in_chunk[65536], out_chunk[131072];
  size_t n, last = 0;

  while ((n = fread (in_chunk, 1, sizeof in_chunk, f)) > 0)
    {
      ZSTD_inBuffer in = { in_chunk, n, 0 };
      while (in.pos < in.size)
        {
          ZSTD_outBuffer out = { out_chunk, sizeof out_chunk, 0 };
          last = ZSTD_decompressStream (dctx, &out, &in);
          if (ZSTD_isError (last))
            return refuse (r, error, ZSTD_getErrorName (last));
          g_string_append_len (text, (const char *) out_chunk, out.pos);
          if (!read_lines (r, text, error))
            return FALSE;
        }
    }
  if (ferror (f))
    return failed (error, r->path, errno);
  if (last != 0 || text->len > 0 || !r->ended)
    return refuse (r, error, "it ends before its trailer");
  return TRUE;
}

gboolean
sync_bundle_read (const char *path, const SyncManifestBundle *bundle, const char *hub,
                  SyncBundleFunc func, gpointer user_data, GError **error)
{
  Reader r = { bundle, hub, path, func, user_data, 0, FALSE };
  FILE *f = fopen (path, "rb");
  ZSTD_DCtx *dctx;
  gboolean ok;

  if (f == NULL)
    return failed (error, path, errno);
  dctx = ZSTD_createDCtx ();
  ok = decompress (&r, f, dctx, error);
  ZSTD_freeDCtx (dctx);
  fclose (f);
  return ok;
}
