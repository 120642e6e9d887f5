/* test-media.c: pictures and sounds in the content store: typed by their bytes, within their
 * limits, safe when SVG, imported and exported as files beside the items, collected when
 * nothing needs them, and a recording known as stale once its text changes. */
#include "content-store-private.h"
#include "content-error.h"
#include "content-exporter.h"
#include "content-importer.h"
#include "content-media.h"
#include "content-store-media.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

static ContentStore *store;

/* Bytes that start like each type (only sniffed here, never decoded). */
static GBytes *
bytes_of (const char *head, gsize head_len, gsize size)
{
  guint8 *data = g_malloc0 (MAX (size, head_len));

  memcpy (data, head, head_len);
  return g_bytes_new_take (data, MAX (size, head_len));
}

#define BYTES(head, size) bytes_of (head, sizeof (head) - 1, size)
#define JPEG_HEAD "\xff\xd8\xff\xe0\0\x10JFIF"
#define PNG_HEAD "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
#define WEBP_HEAD "RIFF\x24\0\0\0WEBPVP8 "

/* The first packets of Opus, Vorbis and Theora streams. */
static const char opus_head[] = "OpusHead\x01\x01\x38\x01\x80\xbb\0\0\0\0\0";
static const char vorbis_head[] = "\x01vorbis\0\0\0\0\x01\x44\xac\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xb8\x01";
static const char theora_head[] = "\x80theora\x03\x02\x01";

/* An Ogg stream's first page whose one packet is @packet. */
#define OGG(packet) ogg_page (packet, sizeof (packet) - 1)
static GBytes *
ogg_page (const char *packet, gsize len)
{
  GByteArray *page = g_byte_array_new ();
  const guint8 header[27] = { 'O', 'g', 'g', 'S', 0, 0x02, [26] = 1 };
  guint8 segment = (guint8) len;

  g_byte_array_append (page, header, sizeof header);
  g_byte_array_append (page, &segment, 1);
  g_byte_array_append (page, (const guint8 *) packet, len);
  return g_byte_array_free_to_bytes (page);
}

/* A real WAV file: @n_samples of 16-bit mono silence at 8 kHz. */
static GBytes *
make_wav (guint32 n_samples)
{
  guint32 data_len = n_samples * 2, riff_len = 36 + data_len;
  guint8 *wav = g_malloc0 (44 + data_len);
  const guint8 fmt[16] = { 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0 };

  memcpy (wav, "RIFF", 4);
  memcpy (wav + 4, &riff_len, 4);  /* little-endian, as the machines this runs on */
  memcpy (wav + 8, "WAVEfmt \x10\0\0\0", 12);
  memcpy (wav + 20, fmt, sizeof fmt);
  memcpy (wav + 36, "data", 4);
  memcpy (wav + 40, &data_len, 4);
  return g_bytes_new_take (wav, 44 + data_len);
}

static const char good_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a test picture -->\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 64 64\">"
  "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>"
  "<style><![CDATA[ circle { fill: url(#g) } ]]></style>"
  "<circle cx=\"32\" cy=\"32\" r=\"20\" style=\"stroke: url('#g')\"/>"
  "<use xlink:href=\"#g\"/><image href=\"data:image/png;base64,iVBORw0KGgo=\"/></svg>";

static GBytes *
svg (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The media type content_media_new() reads from @bytes, or NULL (with the reason in *@why). */
static char *
sniffed (GBytes *bytes, char **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentMedia) media = content_media_new (bytes, NULL, &error);

  if (media == NULL)
    {
      ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT));
      if (why != NULL)
        *why = g_strdup (error->message);
      return NULL;
    }
  return g_strdup (media->type);
}

/* Asserts that @bytes sniff as @type, with the file extension @ext. */
static void
assert_type (GBytes *bytes, const char *type, const char *ext)
{
  g_autoptr(GBytes) owned = bytes;
  g_autofree char *why = NULL;
  g_autofree char *got = sniffed (owned, &why);

  ck_assert_msg (got != NULL, "%s: %s", type, why);
  ck_assert_str_eq (got, type);
  ck_assert_str_eq (content_media_type_extension (got), ext);
}

/* Asserts that @bytes are refused with a reason containing @reason. */
static void
assert_refused (GBytes *bytes, const char *reason)
{
  g_autoptr(GBytes) owned = bytes;
  g_autofree char *why = NULL;
  g_autofree char *got = sniffed (owned, &why);

  ck_assert_msg (got == NULL, "taken as %s, expected refused with “%s”", got, reason);
  ck_assert_msg (strstr (why, reason) != NULL, "“%s” does not say “%s”", why, reason);
}

START_TEST (test_sniffing_each_type)
{
  assert_type (BYTES (JPEG_HEAD, 100), "image/jpeg", "jpg");
  assert_type (BYTES (PNG_HEAD, 100), "image/png", "png");
  assert_type (BYTES (WEBP_HEAD, 100), "image/webp", "webp");
  assert_type (svg (good_svg), "image/svg+xml", "svg");
  assert_type (OGG (opus_head), "audio/ogg; codecs=opus", "opus");
  assert_type (OGG (vorbis_head), "audio/ogg; codecs=vorbis", "ogg");
  assert_type (make_wav (800), "audio/wav", "wav");
  /* A type is read from the bytes only: text, a GIF, another Ogg codec are not taken. */
  assert_refused (svg ("just some text"), "not a kind of file the store takes");
  assert_refused (BYTES ("GIF89a", 100), "not a kind of file the store takes");
  assert_refused (OGG (theora_head), "neither Opus nor Vorbis");
  assert_refused (svg ("<html><body/></html>"), "must have <svg> as its root");
  assert_refused (svg ("<svg><circle/></svg>"), "must declare the SVG namespace");
  assert_refused (svg ("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle></svg>"), "not a well-formed XML");
}
END_TEST

/* Writes @bytes to @dir/media/ named "<sha256>.<ext>" (the right name unless told otherwise);
 * returns the sha256. */
static char *
write_media (const char *dir, GBytes *bytes, const char *ext)
{
  char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *name = g_strdup_printf ("%s.%s", sha256, ext);
  g_autofree char *media = g_build_filename (dir, "media", NULL);
  g_autofree char *path = g_build_filename (media, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_mkdir_with_parents (media, 0755);
  ck_assert (g_file_set_contents (path, data, len, NULL));
  return sha256;
}

/* What content_media_new_from_file() says of @bytes written as "<sha256>.<ext>" (renamed to
 * @new_name when not NULL), or NULL when it takes the file. */
static char *
file_problem (GBytes *bytes, const char *ext, const char *new_name)
{
  g_autofree char *sha256 = write_media (test_dir, bytes, ext);
  g_autofree char *name = g_strdup_printf ("%s.%s", sha256, ext);
  g_autofree char *path = g_build_filename (test_dir, "media", name, NULL);
  g_autofree char *renamed = new_name != NULL ? g_build_filename (test_dir, "media", new_name, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentMedia) media = NULL;

  if (renamed != NULL)
    ck_assert_int_eq (g_rename (path, renamed), 0);
  media = content_media_new_from_file (renamed != NULL ? renamed : path, NULL, &error);
  return media != NULL ? NULL : g_strdup (error->message);
}

START_TEST (test_renamed_file_refused)
{
  g_autoptr(GBytes) jpeg = BYTES (JPEG_HEAD, 200);
  g_autoptr(GBytes) png = BYTES (PNG_HEAD, 200);
  g_autofree char *ok = file_problem (png, "png", NULL);
  g_autofree char *as_png = file_problem (jpeg, "png", NULL);
  g_autofree char *changed = file_problem (png, "png", "0000000000000000000000000000000000000000000000000000000000000000.png");
  g_autofree char *no_ext = file_problem (png, "png", "picture");

  ck_assert_msg (ok == NULL, "%s", ok);
  ck_assert_msg (strstr (as_png, ".png: a PNG file’s name but JPEG bytes") != NULL, "%s", as_png);
  ck_assert_msg (strstr (changed, "its bytes have the SHA-256") != NULL, "%s", changed);
  ck_assert_msg (strstr (no_ext, "picture: not a media file name") != NULL, "%s", no_ext);
}
END_TEST

START_TEST (test_svg_that_could_run_script_or_fetch_refused)
{
  static const struct { const char *body, *reason; } bad[] = {
    { "<script>alert(1)</script>", "<script> element" },
    { "<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT> element" },
    { "<circle onclick=\"alert(1)\"/>", "event attribute (onclick on <circle>)" },
    { "<foreignObject><div/></foreignObject>", "<foreignObject> element" },
    { "<image href=\"https://example.org/x.png\"/>", "referring outside itself" },
    { "<a xlink:href=\" java\tscript:alert(1)\"><circle/></a>", "referring outside itself" },
    { "<use href=\"other.svg#x\"/>", "referring outside itself" },
    { "<circle style=\"fill: url(https://example.org/p.svg#g)\"/>", "referring outside itself" },
    { "<style>@import url(#x);</style>", "style sheet referring outside" },
    { "<style><![CDATA[ circle { fill: url(http://x/y) } ]]></style>", "style sheet referring outside" },
    { "<set attributeName=\"xlink:href\" to=\"#a\"/>", "animating xlink:href" },
  };
  static const char *const prologues[] = {
    "<!DOCTYPE svg [<!ENTITY x \"y\">]>", "<?xml-stylesheet href=\"x.css\"?>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *doc = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                              "xmlns:xlink=\"http://www.w3.org/1999/xlink\">%s</svg>",
                                              bad[i].body);
      assert_refused (svg (doc), bad[i].reason);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (prologues); i++)
    {
      g_autofree char *doc = g_strdup_printf ("%s<svg xmlns=\"http://www.w3.org/2000/svg\"/>", prologues[i]);
      assert_refused (svg (doc), i == 0 ? "DOCTYPE" : "instruction");
    }
}
END_TEST

START_TEST (test_oversize_refused)
{
  const ContentMediaLimits small = { 1000, 2000 };
  g_autoptr(GBytes) picture = BYTES (PNG_HEAD, 2400000);
  g_autoptr(GBytes) just_over = BYTES (PNG_HEAD, 1000001);
  g_autoptr(GBytes) sound = make_wav (1700000);  /* 3,400,044 bytes */
  g_autoptr(GBytes) fits = BYTES (PNG_HEAD, 1000000);
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  g_autoptr(ContentMedia) m1 = content_media_new (picture, NULL, &e1);
  g_autoptr(ContentMedia) m2 = content_media_new (just_over, NULL, &e2);
  g_autoptr(ContentMedia) m3 = content_media_new (sound, NULL, &e3);
  g_autoptr(ContentMedia) m4 = content_media_new (fits, NULL, NULL);
  g_autoptr(ContentMedia) m5 = content_media_new (fits, &small, &e4);

  ck_assert (m1 == NULL && m2 == NULL && m3 == NULL && m5 == NULL);
  ck_assert_str_eq (e1->message, "2.4 MB is over the 1 MB limit for pictures");
  ck_assert_str_eq (e2->message, "1000001 bytes is over the 1000000-byte limit for pictures");
  ck_assert_str_eq (e3->message, "3.4 MB is over the 3 MB limit for sound");
  ck_assert_str_eq (e4->message, "1 MB is over the 1 kB limit for pictures");
  ck_assert_ptr_nonnull (m4);
}
END_TEST

static void
setup (void)
{
  g_autofree char *db = NULL;

  test_util_dir_setup ();
  db = g_build_filename (test_dir, "content.db", NULL);
  store = content_store_open (db, CONTENT_STORE_OPEN_CREATE, NULL);
  ck_assert_ptr_nonnull (store);
}

static void
teardown (void)
{
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* The hash a recording of @title and @body in Vietnamese is bound to. */
static char *
text_hash (const char *title, const char *body)
{
  g_autoptr(ContentText) text = content_text_new ("vi");

  text->title = g_strdup (title);
  text->body = g_strdup (body);
  return content_text_spoken_sha256 (text);
}

/* A notice in topic "law" titled "Họp thôn" with @body, and @media (a JSON array, or NULL). */
static char *
notice_json (const char *id, const char *body, const char *media)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"kind\": \"notice\", \"status\": \"published\", \"topics\": [\"law\"],"
    " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"sample\","
    " \"sources\": [{\"title\": \"UBND xã\"}],"
    " \"notice\": {\"valid_from\": \"2026-11-01\", \"valid_to\": null},"
    " \"texts\": {\"vi\": {\"title\": \"Họp thôn\", \"body\": \"%s\"}}%s%s}",
    id, body, media != NULL ? ", \"media\": " : "", media != NULL ? media : "");
}

/* The blobs of a directory to import: a pictogram, a photo-like PNG, two WAVs. */
typedef struct {
  char *pictogram, *picture, *recording, *greeting;
} Blobs;

static void
blobs_clear (Blobs *b)
{
  g_clear_pointer (&b->pictogram, g_free);
  g_clear_pointer (&b->picture, g_free);
  g_clear_pointer (&b->recording, g_free);
  g_clear_pointer (&b->greeting, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Blobs, blobs_clear)

/* The Vietnamese body the recordings of write_media_dir() read. */
#define RECORDED_BODY "Họp lúc **8 giờ**."

/* Writes under @dir a topic with a pictogram, a notice whose Vietnamese body is @body with a
 * captioned picture and a recording of RECORDED_BODY (and one in Tày: a recording with no Tày
 * text to bind to), a greeting, and their media files. @b's hashes are replaced (and freed). */
static void
write_media_dir (const char *dir, Blobs *b, const char *body)
{
  g_autoptr(GBytes) pictogram = svg (good_svg);
  g_autoptr(GBytes) picture = BYTES (PNG_HEAD, 3000);
  g_autoptr(GBytes) recording = make_wav (4000);
  g_autoptr(GBytes) greeting = make_wav (2000);
  g_autofree char *hash = text_hash ("Họp thôn", RECORDED_BODY);
  g_autofree char *media = NULL, *notice = NULL, *topics = NULL, *greetings = NULL;

  blobs_clear (b);
  b->pictogram = write_media (dir, pictogram, "svg");
  b->picture = write_media (dir, picture, "png");
  b->recording = write_media (dir, recording, "wav");
  b->greeting = write_media (dir, greeting, "wav");
  media = g_strdup_printf (
    "[{\"sha256\": \"%s\", \"kind\": \"picture\", \"caption\": {\"vi\": \"Nhà văn hóa\", \"en\": \"Cultural house\"}},"
    " {\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\", \"text_sha256\": \"%s\"},"
    " {\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"tyz\", \"text_sha256\": null}]",
    b->picture, b->recording, hash, b->greeting);
  notice = notice_json ("notice-hop-thon", body, media);
  topics = g_strdup_printf ("{\"topics\": [{\"id\": \"law\", \"parent\": null, \"icon\": \"x\", \"sms_code\": \"LUAT\","
                            " \"pictogram\": \"%s\", \"names\": {\"vi\": \"Pháp luật\"}}]}", b->pictogram);
  greetings = g_strdup_printf ("{\"greetings\": [{\"lang\": \"tyz\", \"sha256\": \"%s\"}]}", b->greeting);
  g_free (test_util_write (dir, "topics.json", topics));
  g_free (test_util_write (dir, "notice/notice-hop-thon.json", notice));
  g_free (test_util_write (dir, "greetings.json", greetings));
}

/* Imports @dir into the store; returns NULL, or the problems when it is refused. */
static char *
import (const char *dir, gboolean draft)
{
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;
  ContentChange change = { "test", draft };

  content_importer_set_change (importer, &change);
  if (content_importer_add_path (importer, dir, &error) && content_importer_commit (importer, NULL, NULL, &error))
    return NULL;
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT));
  return g_strdup (error->message);
}

static void
assert_blob_is (const char *sha256, GBytes *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentMedia) media = content_store_get_media (store, sha256, &error);

  ck_assert_msg (media != NULL, "%s", error->message);
  ck_assert (g_bytes_equal (media->bytes, expected));
}

START_TEST (test_import_items_with_media)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_auto(Blobs) b = { 0 };
  g_autofree char *problems = NULL;
  g_autoptr(ContentItem) item = NULL;
  g_autoptr(ContentTopic) topic = NULL;
  g_autoptr(JsonNode) greetings = NULL, described = NULL;
  g_autoptr(GBytes) recording = make_wav (4000);
  g_autoptr(GError) error = NULL;
  JsonArray *list;

  write_media_dir (dir, &b, RECORDED_BODY);
  problems = import (dir, FALSE);
  ck_assert_msg (problems == NULL, "%s", problems);
  assert_blob_is (b.recording, recording);
  item = content_store_get_item (store, "notice-hop-thon", &error);
  topic = content_store_get_topic (store, "law", &error);
  ck_assert_str_eq (topic->pictogram, b.pictogram);
  ck_assert_uint_eq (json_array_get_length (json_node_get_array (item->media)), 3);
  greetings = content_store_list_greetings (store, &error);
  list = json_node_get_array (greetings);
  ck_assert_uint_eq (json_array_get_length (list), 1);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (list, 0), "sha256"), b.greeting);

  described = content_store_describe_item_media (store, item, &error);
  list = json_node_get_array (described);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (list, 0), "type"), "image/png");
  ck_assert_int_eq (json_object_get_int_member (json_array_get_object_element (list, 0), "size"), 3000);
  ck_assert (!json_object_has_member (json_array_get_object_element (list, 0), "stale"));
  ck_assert (!json_object_get_boolean_member (json_array_get_object_element (list, 1), "stale"));
  ck_assert (!json_object_get_boolean_member (json_array_get_object_element (list, 2), "stale"));
}
END_TEST

/* The change counter and the number of blobs and items: what any write moves. */
static char *
state (void)
{
  gint64 seq = test_util_seq (store);
  sqlite3_stmt *stmt;
  char *out;

  ck_assert_int_eq (sqlite3_prepare_v2 (content_store_get_db (store),
      "SELECT (SELECT count(*) FROM media), (SELECT count(*) FROM items), (SELECT count(*) FROM drafts)",
      -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  out = g_strdup_printf ("seq %" G_GINT64_FORMAT ", %d blobs, %d items, %d drafts", seq,
                         sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
  sqlite3_finalize (stmt);
  return out;
}

START_TEST (test_missing_or_bad_blob_refused_with_nothing_written)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_auto(Blobs) b = { 0 };
  g_autofree char *before = NULL, *problems = NULL, *after = NULL, *media_dir = NULL;
  g_autofree char *missing = NULL, *problems2 = NULL, *after2 = NULL;
  g_autoptr(GBytes) jpeg = BYTES (JPEG_HEAD, 300);

  write_media_dir (dir, &b, RECORDED_BODY);
  before = state ();
  /* The recording's file is not there. */
  media_dir = g_build_filename (dir, "media", NULL);
  missing = g_strdup_printf ("%s/%s.wav", media_dir, b.recording);
  ck_assert_int_eq (g_unlink (missing), 0);
  problems = import (dir, FALSE);
  after = state ();
  ck_assert_ptr_nonnull (problems);
  ck_assert_msg (strstr (problems, "notice-hop-thon.json: item notice-hop-thon: media[1]: no blob ") != NULL, "%s", problems);
  ck_assert_str_eq (before, after);

  /* A JPEG named as a PNG beside the others: the whole import is refused. */
  write_media_dir (dir, &b, RECORDED_BODY);
  g_free (write_media (dir, jpeg, "png"));
  problems2 = import (dir, FALSE);
  after2 = state ();
  ck_assert_msg (problems2 != NULL && strstr (problems2, "a PNG file’s name but JPEG bytes") != NULL, "%s", problems2);
  ck_assert_str_eq (before, after2);
}
END_TEST

START_TEST (test_media_fields_validated)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_auto(Blobs) b = { 0 };
  g_autofree char *media = NULL, *notice = NULL, *problems = NULL;
  static const char *const expected[] = {
    "media[0]: a picture needs “caption”",
    "media[0]: “lang” is not a field of a picture",
    "media[1].sha256: must be a SHA-256",
    "media[2].lang: must be a language of the registry",
    "media[3]: a recording needs “text_sha256”",
    "media[4]: a second recording in “vi”",
  };

  write_media_dir (dir, &b, RECORDED_BODY);
  media = g_strdup_printf (
    "[{\"sha256\": \"%s\", \"kind\": \"picture\", \"lang\": \"vi\"},"
    " {\"sha256\": \"ABC\", \"kind\": \"picture\", \"caption\": {\"vi\": \"x\"}},"
    " {\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"daz\", \"text_sha256\": null},"
    " {\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\"},"
    " {\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\", \"text_sha256\": null}]",
    b.picture, b.recording, b.recording, b.recording);
  notice = notice_json ("notice-hop-thon", "x", media);
  g_free (test_util_write (dir, "notice/notice-hop-thon.json", notice));
  problems = import (dir, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    ck_assert_msg (problems != NULL && strstr (problems, expected[i]) != NULL, "no “%s” in %s", expected[i], problems);

  /* Well-formed, but a picture's blob where a recording's must be. */
  g_free (media);
  g_free (notice);
  g_free (problems);
  media = g_strdup_printf ("[{\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\", \"text_sha256\": null}]",
                           b.picture);
  notice = notice_json ("notice-hop-thon", "x", media);
  g_free (test_util_write (dir, "notice/notice-hop-thon.json", notice));
  problems = import (dir, FALSE);
  ck_assert_msg (problems != NULL && strstr (problems, "media[0]: blob ") != NULL
                 && strstr (problems, " is a picture, not a sound") != NULL, "%s", problems);
}
END_TEST

/* Asserts that every file under @a is in @b with the same bytes. */
static void
assert_same_files (const char *a, const char *b)
{
  g_autoptr(GDir) d = g_dir_open (a, 0, NULL);
  const char *name;

  ck_assert_ptr_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *ca = NULL, *cb = NULL;
      gsize la, lb;

      if (g_file_test (pa, G_FILE_TEST_IS_DIR))
        {
          assert_same_files (pa, pb);
          continue;
        }
      ck_assert_msg (g_file_get_contents (pb, &cb, &lb, NULL), "%s is missing", pb);
      ck_assert (g_file_get_contents (pa, &ca, &la, NULL));
      ck_assert_msg (la == lb && memcmp (ca, cb, la) == 0, "%s differs from %s", pa, pb);
    }
}

START_TEST (test_export_import_round_trip_byte_for_byte)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_autofree char *out1 = g_build_filename (test_dir, "out1", NULL);
  g_autofree char *out2 = g_build_filename (test_dir, "out2", NULL);
  g_autofree char *in_media = g_build_filename (dir, "media", NULL);
  g_autofree char *out_media = g_build_filename (out1, "media", NULL);
  g_autofree char *db2 = g_build_filename (test_dir, "copy.db", NULL);
  g_autofree char *problems = NULL;
  g_auto(Blobs) b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) copy = NULL;
  g_autoptr(ContentImporter) importer = NULL;

  write_media_dir (dir, &b, RECORDED_BODY);
  problems = import (dir, FALSE);
  ck_assert_msg (problems == NULL, "%s", problems);
  ck_assert_msg (content_store_export (store, out1, &error), "%s", error ? error->message : "");
  /* Every file given is exported as it was, and nothing else is. */
  assert_same_files (in_media, out_media);
  assert_same_files (out_media, in_media);

  copy = content_store_open (db2, CONTENT_STORE_OPEN_CREATE, &error);
  importer = content_importer_new (copy);
  ck_assert (content_importer_add_path (importer, out1, &error));
  ck_assert_msg (content_importer_commit (importer, NULL, NULL, &error), "%s", error ? error->message : "");
  ck_assert (content_store_export (copy, out2, &error));
  assert_same_files (out1, out2);
  assert_same_files (out2, out1);
}
END_TEST

static gboolean
has_blob (const char *sha256)
{
  gboolean found = FALSE;

  ck_assert (content_store_has_media (store, sha256, &found, NULL, NULL, NULL));
  return found;
}

static gboolean
has_tombstone (const char *sha256)
{
  sqlite3_stmt *stmt;
  gboolean found;

  ck_assert_int_eq (sqlite3_prepare_v2 (content_store_get_db (store),
      "SELECT 1 FROM tombstones WHERE what = 'media' AND id = ?1", -1, &stmt, NULL), SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Imports @dir with notice @id (with @media, a JSON array or NULL) as its only item, and the
 * media files written there so far. */
static void
import_notice (const char *dir, const char *id, const char *media, gboolean draft)
{
  g_autofree char *json = notice_json (id, "x", media);
  g_autofree char *name = g_strdup_printf ("notice/%s.json", id);
  g_autofree char *notices = g_build_filename (dir, "notice", NULL);
  g_autofree char *problems = NULL;

  test_util_rm_rf (notices);
  g_free (test_util_write (dir, "topics.json", "{\"topics\": [{\"id\": \"law\", \"parent\": null, "
                           "\"icon\": \"x\", \"sms_code\": \"LUAT\", \"names\": {\"vi\": \"Pháp luật\"}}]}"));
  g_free (test_util_write (dir, name, json));
  problems = import (dir, draft);
  ck_assert_msg (problems == NULL, "%s", problems);
}

static char *
picture_entry (const char *sha256)
{
  return g_strdup_printf ("[{\"sha256\": \"%s\", \"kind\": \"picture\", \"caption\": {\"vi\": \"Ảnh\"}}]", sha256);
}

START_TEST (test_collection_keeps_what_drafts_and_revisions_need)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_autoptr(GBytes) live = BYTES (PNG_HEAD, 100), old = BYTES (PNG_HEAD, 101);
  g_autoptr(GBytes) drafted = BYTES (PNG_HEAD, 102), unused = BYTES (PNG_HEAD, 1234);
  g_autofree char *s_live = NULL, *s_old = NULL, *s_drafted = NULL, *s_unused = NULL;
  g_autofree char *m_live = NULL, *m_old = NULL, *m_drafted = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 99;
  guint64 bytes = 99;
  gint64 seq;

  /* A notice published with one picture, then with another: its first revision still has
   * the first. A draft has a third. A fourth came with an import and nothing uses it. */
  s_old = write_media (dir, old, "png");
  m_old = picture_entry (s_old);
  import_notice (dir, "notice-a", m_old, FALSE);
  s_live = write_media (dir, live, "png");
  m_live = picture_entry (s_live);
  import_notice (dir, "notice-a", m_live, FALSE);
  s_drafted = write_media (dir, drafted, "png");
  m_drafted = picture_entry (s_drafted);
  import_notice (dir, "notice-b", m_drafted, TRUE);
  s_unused = write_media (dir, unused, "png");
  import_notice (dir, "notice-c", NULL, FALSE);
  ck_assert (has_blob (s_old) && has_blob (s_live) && has_blob (s_drafted) && has_blob (s_unused));

  seq = test_util_seq (store);
  ck_assert_msg (content_store_collect_media (store, &n, &bytes, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (n, 1);
  ck_assert_uint_eq (bytes, 1234);
  ck_assert (!has_blob (s_unused) && has_tombstone (s_unused));
  ck_assert_int_eq (test_util_seq (store), seq + 1);
  ck_assert (has_blob (s_old) && has_blob (s_live) && has_blob (s_drafted));
  ck_assert (!has_tombstone (s_old));

  /* Nothing more to collect. */
  ck_assert (content_store_collect_media (store, &n, &bytes, &error));
  ck_assert_uint_eq (n, 0);
  ck_assert_int_eq (test_util_seq (store), seq + 1);
}
END_TEST

/* Saves @record as the draft of item @id through the importer, with @blob (taken, or NULL)
 * added as an upload is; returns NULL, or the problems when it is refused. */
static char *
save_draft_with (const char *id, JsonNode *record, ContentMedia *blob)
{
  g_autoptr(ContentImporter) importer = content_importer_new (store);
  g_autoptr(GError) error = NULL;
  ContentChange change = { "test", TRUE };
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) id };

  content_importer_set_change (importer, &change);
  content_importer_add_record (importer, &ref, record, "form");
  if (blob != NULL)
    content_importer_add_media (importer, blob);
  if (content_importer_commit (importer, NULL, NULL, &error))
    return NULL;
  return g_strdup (error->message);
}

START_TEST (test_record_with_an_added_blob)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_autoptr(GBytes) png = BYTES (PNG_HEAD, 500);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentMedia) blob = content_media_new (png, NULL, &error);
  g_autofree char *entry = NULL, *json = NULL, *refused = NULL, *saved = NULL, *before = NULL, *after = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JsonNode) record = NULL, draft = NULL;
  g_autoptr(ContentItem) live = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, "notice-a" };

  ck_assert_msg (blob != NULL, "%s", error ? error->message : "");
  sha256 = g_strdup (blob->sha256);
  import_notice (dir, "notice-a", NULL, FALSE);
  entry = picture_entry (sha256);
  json = notice_json ("notice-a", "x", entry);
  record = json_from_string (json, &error);
  ck_assert_ptr_nonnull (record);

  /* Without the blob, the record names one the store lacks: refused, nothing written. */
  before = state ();
  refused = save_draft_with ("notice-a", record, NULL);
  ck_assert_msg (refused != NULL && strstr (refused, "media[0]: no blob ") != NULL, "%s", refused);
  after = state ();
  ck_assert_str_eq (before, after);

  /* With it, the draft and the blob land together; the live item is unchanged. */
  saved = save_draft_with ("notice-a", record, g_steal_pointer (&blob));
  ck_assert_msg (saved == NULL, "%s", saved);
  assert_blob_is (sha256, png);
  draft = content_store_get_draft (store, &ref, &error);
  ck_assert_ptr_nonnull (draft);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (
                      json_object_get_array_member (json_node_get_object (draft), "media"), 0), "sha256"), sha256);
  live = content_store_get_item (store, "notice-a", &error);
  ck_assert_ptr_null (live->media);
}
END_TEST

/* A notice with @body in Vietnamese and a recording in @lang bound to @bound (or null). */
static ContentItem *
recorded_item (const char *body, const char *lang, const char *bound)
{
  g_autofree char *media = g_strdup_printf (
    "[{\"sha256\": \"%064d\", \"kind\": \"recording\", \"lang\": \"%s\", \"text_sha256\": %s%s%s}]",
    0, lang, bound ? "\"" : "", bound ? bound : "null", bound ? "\"" : "");
  ContentItem *item = content_item_new ();
  ContentText *text = content_text_new ("vi");

  text->title = g_strdup ("Họp thôn");
  text->body = g_strdup (body);
  g_ptr_array_add (item->texts, text);
  item->media = json_from_string (media, NULL);
  return item;
}

START_TEST (test_stale_recording_after_the_text_changes)
{
  g_autofree char *hash = text_hash ("Họp thôn", "Họp lúc **8 giờ** sáng.");
  g_autoptr(ContentItem) same = recorded_item ("Họp lúc **8 giờ** sáng.", "vi", hash);
  g_autoptr(ContentItem) markup = recorded_item ("Họp lúc *8 giờ*\nsáng.", "vi", hash);
  g_autoptr(ContentItem) changed = recorded_item ("Họp lúc **9 giờ** sáng.", "vi", hash);
  g_autoptr(ContentItem) no_text = recorded_item ("x", "tyz", NULL);
  g_autoptr(ContentItem) text_came = recorded_item ("x", "tyz", NULL);
  ContentText *tyz = content_text_new ("tyz");

  ck_assert (!content_item_recording_is_stale (same, content_item_get_recording (same, "vi")));
  /* What a listener cannot hear (markup, line breaks) does not make it stale. */
  ck_assert (!content_item_recording_is_stale (markup, content_item_get_recording (markup, "vi")));
  ck_assert (content_item_recording_is_stale (changed, content_item_get_recording (changed, "vi")));
  /* A recording in a language with no text is bound to none; text written later makes it stale. */
  ck_assert (!content_item_recording_is_stale (no_text, content_item_get_recording (no_text, "tyz")));
  tyz->title = g_strdup ("Hội thôn");
  g_ptr_array_add (text_came->texts, tyz);
  ck_assert (content_item_recording_is_stale (text_came, content_item_get_recording (text_came, "tyz")));
  ck_assert_ptr_null (content_item_get_recording (same, "en"));
}
END_TEST

/* Runs banlang show on the store's database; returns its output. */
static char *
show (const char *option)
{
  const char *argv[] = { g_getenv ("BANLANG_CLI"), "show", "--db", content_store_get_path (store),
                         "notice-hop-thon", option, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  ck_assert_msg (argv[0] != NULL, "BANLANG_CLI is not set (run through meson test)");
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                           &out, NULL, &status, &error));
  ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

START_TEST (test_show_lists_media)
{
  g_autofree char *dir = g_build_filename (test_dir, "in", NULL);
  g_auto(Blobs) b = { 0 };
  g_autofree char *problems = NULL, *text = NULL, *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *media;

  /* The Vietnamese text has changed since it was recorded. */
  write_media_dir (dir, &b, "Họp lúc **9 giờ**.");
  problems = import (dir, FALSE);
  ck_assert_msg (problems == NULL, "%s", problems);
  text = show ("--lang=en");
  ck_assert_msg (g_regex_match_simple ("\n  picture +PNG +3 kB  Cultural house\n", text, 0, 0), "%s", text);
  ck_assert_msg (g_regex_match_simple ("\n  recording +WAV +8 kB  Vietnamese \\(stale: the text has "
                                       "changed since it was recorded\\)\n", text, 0, 0), "%s", text);
  ck_assert_msg (g_regex_match_simple ("\n  recording +WAV +4 kB  Tày\n", text, 0, 0), "%s", text);
  json = show ("--json");
  node = json_from_string (json, NULL);
  media = json_object_get_array_member (json_node_get_object (node), "media");
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (media, 1), "type"), "audio/wav");
  ck_assert_int_eq (json_object_get_int_member (json_array_get_object_element (media, 1), "size"), 8044);
  ck_assert (json_object_get_boolean_member (json_array_get_object_element (media, 1), "stale"));
  ck_assert (!json_object_get_boolean_member (json_array_get_object_element (media, 2), "stale"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("media");
  TCase *bytes = tcase_create ("bytes");
  TCase *stored = tcase_create ("store");

  tcase_add_checked_fixture (bytes, test_util_dir_setup, test_util_dir_teardown);
  tcase_add_test (bytes, test_sniffing_each_type);
  tcase_add_test (bytes, test_renamed_file_refused);
  tcase_add_test (bytes, test_svg_that_could_run_script_or_fetch_refused);
  tcase_add_test (bytes, test_oversize_refused);
  tcase_add_test (bytes, test_stale_recording_after_the_text_changes);
  suite_add_tcase (s, bytes);
  tcase_add_checked_fixture (stored, setup, teardown);
  tcase_add_test (stored, test_import_items_with_media);
  tcase_add_test (stored, test_missing_or_bad_blob_refused_with_nothing_written);
  tcase_add_test (stored, test_media_fields_validated);
  tcase_add_test (stored, test_export_import_round_trip_byte_for_byte);
  tcase_add_test (stored, test_collection_keeps_what_drafts_and_revisions_need);
  tcase_add_test (stored, test_record_with_an_added_blob);
  tcase_add_test (stored, test_show_lists_media);
  suite_add_tcase (s, stored);
  return test_util_run (s);
}
