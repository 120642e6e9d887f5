/* test-hub-media.c: an item's pictures and recordings in the hub, against a real HubServer on
 * 127.0.0.1 holding the sample content.
 *
 * Uploads are what an officer's browser sends (multipart/form-data), and what is checked is
 * what matters: an upload saves a draft with its blob, served sandboxed; a file the content
 * library refuses (an SVG with script) is refused with its reason and nothing saved; a body over
 * the limit is refused from its headers before it is sent; a form without its token is refused;
 * villagers see nothing until a publisher publishes; a recording is bound to its text and known
 * as stale once that text changes.
 */
#include "test-util.h"
#include "test-hub-util.h"

#include "content-drafts.h"
#include "content-store-media.h"
#include "hub-i18n.h"

#define ITEM "law-hon-nhan-gia-dinh-2014"

static ContentStore *store;
static HubDb *db;
static HubTestServer *server;
static HubTestOfficer *publisher;
static HubTestOfficer *editor;

static void
setup (void)
{
  HubTestScene scene = { 0 };

  test_util_dir_setup ();
  hub_test_scene_start (&scene);
  store = scene.store;
  db = scene.db;
  server = scene.server;
  publisher = scene.publisher;
  editor = scene.editor;
}

static void
teardown (void)
{
  HubTestScene scene = { store, db, server, publisher, editor };

  hub_test_scene_stop (&scene);
  store = NULL;
  db = NULL;
  server = NULL;
  publisher = editor = NULL;
  test_util_dir_teardown ();
}

/* A PNG's first bytes, padded to @size (the hub reads the type; it never decodes a picture). */
static GBytes *
png_of_size (gsize size)
{
  static const char head[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  guint8 *data = g_malloc0 (MAX (size, sizeof head - 1));

  memcpy (data, head, sizeof head - 1);
  return g_bytes_new_take (data, MAX (size, sizeof head - 1));
}

/* A WAV file of @n_samples of 16-bit mono silence at 8 kHz. */
static GBytes *
wav_of (guint32 n_samples)
{
  guint32 data_len = n_samples * 2, riff_len = 36 + data_len;
  const guint8 fmt[16] = { 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0 };
  guint8 *wav = g_malloc0 (44 + data_len);

  memcpy (wav, "RIFF", 4);
  wav[4] = riff_len & 0xff, wav[5] = (riff_len >> 8) & 0xff, wav[6] = (riff_len >> 16) & 0xff, wav[7] = riff_len >> 24;
  memcpy (wav + 8, "WAVEfmt \x10\0\0\0", 12);
  memcpy (wav + 20, fmt, sizeof fmt);
  memcpy (wav + 36, "data", 4);
  wav[40] = data_len & 0xff, wav[41] = (data_len >> 8) & 0xff, wav[42] = (data_len >> 16) & 0xff, wav[43] = data_len >> 24;
  return g_bytes_new_take (wav, 44 + data_len);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* POSTs a multipart form to @path as @officer (NULL: nobody): the session's CSRF token unless
 * @with_token is FALSE, @file as the "file" part named @filename, and the NULL-terminated name,
 * value pairs. Returns the body (or "Location: PATH" for a 303) and sets *@status. */
static char *
upload (const HubTestOfficer *officer, gboolean with_token, const char *path, GBytes *file, const char *filename,
        const char *file_type, guint *status, ...) G_GNUC_NULL_TERMINATED;

static char *
upload (const HubTestOfficer *officer, gboolean with_token, const char *path, GBytes *file, const char *filename,
        const char *file_type, guint *status, ...)
{
  g_autoptr(SoupMultipart) form = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *uri = hub_test_uri (server, path);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  va_list args;

  if (officer != NULL && with_token)
    soup_multipart_append_form_string (form, "csrf", officer->csrf);
  va_start (args, status);
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    soup_multipart_append_form_string (form, name, va_arg (args, const char *));
  va_end (args);
  soup_multipart_append_form_file (form, "file", filename, file_type, file);
  msg = soup_message_new_from_multipart (uri, form);
  body = hub_test_send (server, msg, officer);
  *status = soup_message_get_status (msg);
  if (*status == SOUP_STATUS_SEE_OTHER)
    return g_strdup_printf ("Location: %s", soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Uploads @png as a picture of ITEM captioned in Vietnamese and English, as @officer. */
static char *
upload_picture (const HubTestOfficer *officer, GBytes *png, guint *status)
{
  return upload (officer, TRUE, "/items/" ITEM "/media/picture", png, "nha-van-hoa.png", "image/png", status,
                 "caption.vi", "Nhà văn hóa thôn", "caption.en", "The village cultural house", NULL);
}

static JsonNode *
draft_of_item (void)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, ITEM };

  return content_store_get_draft (store, &ref, NULL);
}

/* The media list of @record (an item in the import format), or NULL. */
static JsonArray *
media_of (JsonNode *record)
{
  JsonObject *obj = json_node_get_object (record);

  return json_object_has_member (obj, "media") ? json_object_get_array_member (obj, "media") : NULL;
}

/* Blobs, drafts and the change counter: what any save moves. */
static char *
state (void)
{
  return g_strdup_printf ("seq %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " blobs, %" G_GINT64_FORMAT " drafts",
                          test_util_seq (store), test_util_pragma (store, "SELECT count(*) FROM media"),
                          test_util_pragma (store, "SELECT count(*) FROM drafts"));
}

START_TEST (test_picture_uploaded_as_a_draft)
{
  g_autoptr(GBytes) png = png_of_size (2000);
  g_autofree char *answer = NULL, *page = NULL, *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *img = g_strdup_printf ("<img src=\"/media/%s\"", sha256);
  g_autoptr(JsonNode) draft = NULL;
  g_autoptr(ContentMedia) blob = NULL;
  g_autofree char *media_path = NULL, *media_uri = NULL;
  g_autoptr(SoupMessage) get = NULL;
  g_autoptr(GBytes) served = NULL;
  SoupMessageHeaders *headers;
  JsonObject *entry;
  guint status;

  answer = upload_picture (editor, png, &status);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  ck_assert (g_str_has_suffix (answer, "/items/" ITEM "/media?saved=1"));

  /* The draft names the picture with its captions; the blob is stored. */
  draft = draft_of_item ();
  ck_assert_ptr_nonnull (draft);
  entry = json_array_get_object_element (media_of (draft), json_array_get_length (media_of (draft)) - 1);
  ck_assert_str_eq (json_object_get_string_member (entry, "sha256"), sha256);
  ck_assert_str_eq (json_object_get_string_member (entry, "kind"), "picture");
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (entry, "caption"), "vi"), "Nhà văn hóa thôn");
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (entry, "caption"), "en"),
                    "The village cultural house");
  blob = content_store_get_media (store, sha256, NULL);
  ck_assert_ptr_nonnull (blob);
  ck_assert (g_bytes_equal (blob->bytes, png));

  /* The page shows it, and the hub serves it sandboxed. */
  page = hub_test_get (server, editor, "/items/" ITEM "/media?saved=1", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (page, img));
  ck_assert_ptr_nonnull (strstr (page, "Nhà văn hóa thôn"));
  ck_assert_ptr_nonnull (strstr (page, "enctype=\"multipart/form-data\""));
  media_path = g_strconcat ("/media/", sha256, NULL);
  media_uri = hub_test_uri (server, media_path);
  get = soup_message_new ("GET", media_uri);
  served = hub_test_send (server, get, editor);
  headers = soup_message_get_response_headers (get);
  ck_assert_uint_eq (soup_message_get_status (get), SOUP_STATUS_OK);
  ck_assert (g_bytes_equal (served, png));
  ck_assert_str_eq (soup_message_headers_get_content_type (headers, NULL), "image/png");
  ck_assert (g_str_has_prefix (soup_message_headers_get_one (headers, "Content-Security-Policy"), "sandbox"));
  ck_assert_str_eq (soup_message_headers_get_one (headers, "X-Content-Type-Options"), "nosniff");
}
END_TEST

START_TEST (test_unsafe_svg_refused_with_its_reason)
{
  g_autoptr(GBytes) svg = text_bytes ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                                      "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>");
  g_autofree char *before = state (), *page = NULL, *after = NULL;
  g_autoptr(GBytes) wav = wav_of (100);
  g_autofree char *sound_page = NULL;
  guint status;

  page = upload (editor, TRUE, "/items/" ITEM "/media/picture", svg, "bieu-tuong.svg", "image/svg+xml", &status,
                 "caption.vi", "Biểu tượng", NULL);
  after = state ();
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  /* The content library's own reason, naming the file, at the top of the page. */
  ck_assert_msg (strstr (page, "bieu-tuong.svg: ") != NULL && strstr (page, "script") != NULL, "%s", page);
  ck_assert_ptr_nonnull (strstr (page, "Nothing was saved"));
  ck_assert_ptr_null (strstr (page, "<script>"));
  ck_assert_str_eq (before, after);

  /* A sound offered as a picture is refused too. */
  sound_page = upload (editor, TRUE, "/items/" ITEM "/media/picture", wav, "doc.wav", "audio/wav", &status,
                       "caption.vi", "Âm thanh", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  ck_assert_ptr_nonnull (strstr (sound_page, "This is a sound file"));
  g_free (after);
  after = state ();
  ck_assert_str_eq (before, after);
}
END_TEST

/* Sends only the headers of a POST announcing @length bytes to @path, as @officer, waiting for
 * "100 Continue" as a large upload does, and returns the status line the hub answers with:
 * not a byte of the body is sent. */
static char *
status_for_headers_only (const HubTestOfficer *officer, const char *path, guint64 length)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *root = hub_test_uri (server, "/");

  connection = g_socket_client_connect_to_uri (client, root, 80, NULL, &error);
  ck_assert_msg (connection != NULL, "%s", error ? error->message : "");
  request = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\n"
                             "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: %" G_GUINT64_FORMAT "\r\n"
                             "Expect: 100-continue\r\n\r\n",
                             path, officer->cookie, length);
  ck_assert (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                                        strlen (request), NULL, NULL, &error));
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  return g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
}

START_TEST (test_oversized_upload_refused_before_its_body)
{
  g_autofree char *before = state ();
  g_autofree char *line = status_for_headers_only (editor, "/items/" ITEM "/media/picture", HUB_MAX_UPLOAD_BYTES + 1);
  g_autofree char *within = status_for_headers_only (editor, "/items/" ITEM "/media/remove", HUB_MAX_FORM_BYTES + 1);
  g_autofree char *after = state ();
  g_autoptr(GBytes) big = png_of_size (CONTENT_MEDIA_MAX_PICTURE_BYTES + 1);
  g_autofree char *page = NULL;
  guint status;

  ck_assert_msg (line != NULL && g_str_has_prefix (line, "HTTP/1.1 413"), "%s", line);
  /* A route that takes no files keeps the form limit. */
  ck_assert_msg (within != NULL && g_str_has_prefix (within, "HTTP/1.1 413"), "%s", within);
  ck_assert_str_eq (before, after);

  /* Within the body limit but over the limit for pictures: the content library says so. */
  page = upload_picture (editor, big, &status);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  ck_assert_msg (strstr (page, "is over the 1000000-byte limit for pictures") != NULL, "%s", page);
}
END_TEST

START_TEST (test_upload_without_token_refused)
{
  g_autoptr(GBytes) png = png_of_size (300);
  g_autofree char *before = state (), *page = NULL, *after = NULL;
  guint status;

  page = upload (editor, FALSE, "/items/" ITEM "/media/picture", png, "a.png", "image/png", &status,
                 "caption.vi", "Ảnh", NULL);
  after = state ();
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  ck_assert_str_eq (before, after);
}
END_TEST

START_TEST (test_villagers_see_nothing_until_published)
{
  g_autoptr(GBytes) png = png_of_size (1200);
  g_autofree char *answer = NULL, *published = NULL, *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autoptr(ContentItem) before = content_store_get_item (store, ITEM, NULL);
  g_autoptr(ContentItem) during = NULL, after = NULL;
  g_autoptr(JsonNode) live_before = content_item_to_json (before);
  g_autoptr(JsonNode) live_during = NULL;
  JsonArray *list;
  guint status;

  answer = upload_picture (editor, png, &status);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  during = content_store_get_item (store, ITEM, NULL);
  live_during = content_item_to_json (during);
  ck_assert (json_node_equal (live_before, live_during));

  /* The editor cannot publish; a publisher can, and then the picture is live. */
  g_free (answer);
  answer = hub_test_post (server, editor, "/items/" ITEM "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  published = hub_test_post (server, publisher, "/items/" ITEM "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  after = content_store_get_item (store, ITEM, NULL);
  ck_assert_ptr_nonnull (after->media);
  list = json_node_get_array (after->media);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (list, json_array_get_length (list) - 1),
                                                   "sha256"), sha256);
}
END_TEST

START_TEST (test_recording_bound_to_its_text)
{
  g_autoptr(GBytes) wav = wav_of (800);
  g_autofree char *answer = NULL, *page = NULL, *stale_page = NULL, *saved = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, wav);
  g_autofree char *audio = g_strdup_printf ("<audio controls preload=\"none\" src=\"/media/%s\"", sha256);
  g_autoptr(ContentItem) item = content_store_get_item (store, ITEM, NULL);
  g_autofree char *bound = content_text_spoken_sha256 (content_item_get_text (item, "vi"));
  g_autoptr(JsonNode) draft = NULL;
  JsonArray *list;
  JsonObject *entry = NULL;
  guint status;

  answer = upload (editor, TRUE, "/items/" ITEM "/media/recording", wav, "doc.wav", "audio/wav", &status,
                   "lang", "vi", NULL);
  ck_assert_msg (status == SOUP_STATUS_SEE_OTHER, "%u %s", status, answer);
  draft = draft_of_item ();
  list = media_of (draft);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "sha256"), sha256) == 0)
      entry = json_array_get_object_element (list, i);
  ck_assert_ptr_nonnull (entry);
  ck_assert_str_eq (json_object_get_string_member (entry, "lang"), "vi");
  ck_assert_str_eq (json_object_get_string_member (entry, "text_sha256"), bound);
  page = hub_test_get (server, editor, "/items/" ITEM "/media", &status);
  ck_assert_ptr_nonnull (strstr (page, audio));
  ck_assert_ptr_nonnull (strstr (page, "reads the current text"));

  /* The Vietnamese summary changes: the recording no longer reads it. */
  saved = hub_test_post (server, editor, "/items/" ITEM, &status, "action", "save",
                         "texts.vi.summary", "Một tóm tắt mới.", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  stale_page = hub_test_get (server, editor, "/items/" ITEM "/media", &status);
  ck_assert_ptr_nonnull (strstr (stale_page, "Out of date"));
}
END_TEST

START_TEST (test_remove_saves_a_draft_without_it)
{
  g_autoptr(GBytes) png = png_of_size (700);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *answer = NULL, *removed = NULL, *stale = NULL, *index = NULL;
  g_autoptr(JsonNode) draft = NULL, after = NULL;
  guint status, n;

  answer = upload_picture (editor, png, &status);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  draft = draft_of_item ();
  n = json_array_get_length (media_of (draft));
  index = g_strdup_printf ("%u", n - 1);
  /* A position that no longer holds that blob (the list changed): refused. */
  stale = hub_test_post (server, editor, "/items/" ITEM "/media/remove", &status, "index", "0",
                         "sha256", "0000000000000000000000000000000000000000000000000000000000000000", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  removed = hub_test_post (server, editor, "/items/" ITEM "/media/remove", &status, "index", index, "sha256", sha256, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_SEE_OTHER);
  after = draft_of_item ();
  ck_assert_uint_eq (media_of (after) != NULL ? json_array_get_length (media_of (after)) : 0, n - 1);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("hub-media");
  struct { const char *name; const TTest *test; } cases[] = {
    { "picture", test_picture_uploaded_as_a_draft },
    { "unsafe-svg", test_unsafe_svg_refused_with_its_reason },
    { "too-big", test_oversized_upload_refused_before_its_body },
    { "csrf", test_upload_without_token_refused },
    { "draft-until-published", test_villagers_see_nothing_until_published },
    { "recording", test_recording_bound_to_its_text },
    { "remove", test_remove_saves_a_draft_without_it },
  };

  hub_i18n_init ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      tcase_set_timeout (tc, 60);
      _tcase_add_test (tc, cases[i].test, 0, 0, 0, 1);
      suite_add_tcase (s, tc);
    }
  return test_util_run (s);
}
