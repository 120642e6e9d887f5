/* test-kiosk-media.c: sound, pictures and QR codes on the kiosk, in a real window under Xvfb.
 *
 * Sound goes to a fakesink that keeps real time (BANLANG_KIOSK_AUDIO_SINK, set by meson), never
 * the sound card; "playing" means sound reached that sink. The demo content gets a fixture on
 * top: an item read aloud by a person in Vietnamese, the same with a recording gone stale, an
 * item recorded in Tày that has no Tày text, and recorded greetings. The recordings are short
 * tones made here: what is tested is which one plays, not what it says. Every page with pictures
 * is saved to kiosk-screens/ for a person to look at.
 */
#include "config.h"
#include "kiosk-attract.h"
#include "kiosk-listen-button.h"
#include "kiosk-pictures.h"
#include "kiosk-qr-code.h"
#include "kiosk-speaker.h"
#include "kiosk-speech-text.h"
#include "kiosk-window.h"
#include "kiosk-language.h"
#include "kiosk-keypad.h"
#include "kiosk-search-page.h"
#include "kiosk-widgets.h"
#include "kiosk-wizard-page.h"
#include "test-kiosk-util.h"
#include "test-util.h"

#include "content-language.h"
#include "content-replica.h"
#include "content-store-media.h"
#include "content-text.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <utime.h>

static ContentStore *store;
static KioskWindow *window;

/* A WAV file of @ms milliseconds of a tone at @hz: distinct bytes for distinct recordings. */
static GBytes *
make_tone (guint hz, guint ms)
{
  const guint rate = 16000, n = rate * ms / 1000;
  GByteArray *wav = g_byte_array_sized_new (44 + n * 2);
  guint32 v;
  guint8 header[44] = { 0 };

  memcpy (header, "RIFF", 4);
  v = GUINT32_TO_LE (36 + n * 2); memcpy (header + 4, &v, 4);
  memcpy (header + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16); memcpy (header + 16, &v, 4);
  header[20] = 1; header[22] = 1;
  v = GUINT32_TO_LE (rate); memcpy (header + 24, &v, 4);
  v = GUINT32_TO_LE (rate * 2); memcpy (header + 28, &v, 4);
  header[32] = 2; header[34] = 16;
  memcpy (header + 36, "data", 4);
  v = GUINT32_TO_LE (n * 2); memcpy (header + 40, &v, 4);
  g_byte_array_append (wav, header, 44);
  for (guint i = 0; i < n; i++)
    {
      gint16 s = GINT16_TO_LE ((gint16) (8000 * sin (2 * G_PI * hz * i / rate)));
      g_byte_array_append (wav, (const guint8 *) &s, 2);
    }
  return g_byte_array_free_to_bytes (wav);
}

/* Writes @bytes as media/<sha256>.@ext under @dir; returns the sha256. */
static char *
write_blob (const char *dir, GBytes *bytes, const char *ext)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *media = g_build_filename (dir, "media", NULL);
  g_autofree char *name = g_strconcat (sha, ".", ext, NULL);
  g_autofree char *path = g_build_filename (media, name, NULL);

  g_mkdir_with_parents (media, 0755);
  ck_assert (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  return g_steal_pointer (&sha);
}

static const char *ITEM_TEMPLATE =
  "{\"id\": \"%s\", \"kind\": \"notice\", \"status\": \"published\", \"sms_code\": \"%s\","
  " \"topics\": [\"support-health\"], \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"test\","
  " \"sources\": [{\"title\": \"test\"}], \"texts\": {\"vi\": {\"title\": \"%s\", \"summary\": \"Mức hỗ trợ 500.000 đồng từ 1/7/2025.\","
  " \"body\": \"Theo Luật số 52/2014/QH13.\"}},"
  " \"notice\": {\"valid_from\": \"2025-07-01\", \"valid_to\": null}, \"media\": [%s]}";

/* The fixture: three items with recordings and two greetings, imported over the demo. */
static void
add_recordings (void)
{
  g_autofree char *dir = g_build_filename (test_dir, "recorded", NULL);
  g_autoptr(GBytes) vi_tone = make_tone (440, 400);
  g_autoptr(GBytes) stale_tone = make_tone (550, 400);
  g_autoptr(GBytes) tyz_tone = make_tone (660, 400);
  g_autoptr(GBytes) greet_vi = make_tone (330, 300);
  g_autoptr(GBytes) greet_tyz = make_tone (770, 300);
  g_autofree char *vi_sha = write_blob (dir, vi_tone, "wav");
  g_autofree char *stale_sha = write_blob (dir, stale_tone, "wav");
  g_autofree char *tyz_sha = write_blob (dir, tyz_tone, "wav");
  g_autofree char *gvi = write_blob (dir, greet_vi, "wav");
  g_autofree char *gtyz = write_blob (dir, greet_tyz, "wav");
  g_autoptr(ContentText) text = content_text_new ("vi");
  g_autofree char *text_sha = NULL;
  g_autofree char *recorded = NULL, *stale = NULL, *tay = NULL, *greetings = NULL;
  g_autofree char *rec = NULL, *rec_stale = NULL, *rec_tyz = NULL;

  /* The hash of the text the person read: what a recording that is not stale is bound to. */
  text->title = g_strdup ("Tin có người đọc");
  text->summary = g_strdup ("Mức hỗ trợ 500.000 đồng từ 1/7/2025.");
  text->body = g_strdup ("Theo Luật số 52/2014/QH13.");
  text_sha = content_text_spoken_sha256 (text);
  rec = g_strdup_printf ("{\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\", \"text_sha256\": \"%s\"}",
                         vi_sha, text_sha);
  rec_stale = g_strdup_printf ("{\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"vi\", \"text_sha256\": \"%s\"}",
                               stale_sha, text_sha);
  rec_tyz = g_strdup_printf ("{\"sha256\": \"%s\", \"kind\": \"recording\", \"lang\": \"tyz\", \"text_sha256\": null}",
                             tyz_sha);
  recorded = g_strdup_printf (ITEM_TEMPLATE, "test-recorded", "TESTREC", "Tin có người đọc", rec);
  /* Same recording hash, other title: the text changed since it was recorded. */
  stale = g_strdup_printf (ITEM_TEMPLATE, "test-stale", "TESTSTALE", "Tin đã sửa sau khi đọc", rec_stale);
  tay = g_strdup_printf (ITEM_TEMPLATE, "test-tay", "TESTTAY", "Tin có tiếng Tày", rec_tyz);
  greetings = g_strdup_printf ("{\"greetings\": [{\"lang\": \"vi\", \"sha256\": \"%s\"}, {\"lang\": \"tyz\", \"sha256\": \"%s\"}]}",
                               gvi, gtyz);
  g_free (test_util_write (dir, "recorded.json", recorded));
  g_free (test_util_write (dir, "stale.json", stale));
  g_free (test_util_write (dir, "tay.json", tay));
  g_free (test_util_write (dir, "greetings.json", greetings));
  /* A topic of 45 notices: more than a page of them. */
  {
    g_autoptr(GString) many = g_string_new ("{\"topics\": [{\"id\": \"many\", \"parent\": \"support\", \"icon\": \"mark-location-symbolic\","
                                            " \"sms_code\": \"NHIEU\", \"names\": {\"vi\": \"Nhiều tin\"}}], \"items\": [");
    for (int i = 0; i < 45; i++)
      {
        g_autofree char *id = g_strdup_printf ("test-many-%02d", i);
        g_autofree char *code = g_strdup_printf ("NHIEU%02d", i);
        g_autofree char *title = g_strdup_printf ("Tin số %02d", i);
        g_autofree char *item = g_strdup_printf (ITEM_TEMPLATE, id, code, title, "");
        g_autofree char *filed = NULL;
        char *topic = strstr (item, "support-health");

        /* Filed under the new topic instead. */
        filed = g_strdup_printf ("%.*smany%s", (int) (topic - item), item, topic + strlen ("support-health"));
        g_string_append_printf (many, "%s%s", i > 0 ? ", " : "", filed);
      }
    g_string_append (many, "]}");
    g_free (test_util_write (dir, "many.json", many->str));
  }
  test_util_import (store, dir);
}

/* A 320×240 picture in @format ("jpeg", "webp", as GdkPixbuf names its writers): orange, with a
 * blue band across its middle third. */
static GBytes *
make_picture (const char *format)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GdkPixbuf) band = gdk_pixbuf_new_subpixbuf (pixbuf, 0, 80, 320, 80);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0xf08020ff);
  gdk_pixbuf_fill (band, 0x2050c0ff);
  ck_assert_msg (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL),
                 "GdkPixbuf cannot write %s: %s", format, error->message);
  return g_bytes_new_take (buffer, size);
}

/* Two notices with a picture each, one JPEG and one WebP (the demo's are PNG and SVG). */
static void
add_pictures (void)
{
  const char *formats[][2] = { { "jpeg", "jpg" }, { "webp", "webp" } };
  g_autofree char *dir = g_build_filename (test_dir, "pictured", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) bytes = make_picture (formats[i][0]);
      g_autofree char *sha = write_blob (dir, bytes, formats[i][1]);
      g_autofree char *id = g_strconcat ("test-", formats[i][0], NULL);
      g_autofree char *code = g_ascii_strup (id + 5, -1);
      g_autofree char *title = g_strdup_printf ("Tin có ảnh %s", formats[i][0]);
      g_autofree char *media = g_strdup_printf ("{\"sha256\": \"%s\", \"kind\": \"picture\","
                                                " \"caption\": {\"vi\": \"Ảnh thử %s\"}}", sha, formats[i][0]);
      g_autofree char *item = g_strdup_printf (ITEM_TEMPLATE, id, code, title, media);
      g_autofree char *file = g_strconcat (id, ".json", NULL);

      g_free (test_util_write (dir, file, item));
    }
  test_util_import (store, dir);
}

/* The household question worded in Tày too (a test's wording, marked as such): what a Tày
 * reader sees then has no voice, and Listen must fall back to the Vietnamese wording. */
static void
add_tay_question (void)
{
  g_autofree char *root = g_build_filename (test_dir, "worded", NULL);
  g_autofree char *dir = g_build_filename (root, "rules", NULL);
  g_autofree char *path = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", "rules", "questions.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonArray *questions;

  ck_assert (json_parser_load_from_file (parser, path, NULL));
  questions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "questions");
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);

      if (!g_str_equal (json_object_get_string_member (q, "id"), "household"))
        continue;
      json_object_set_string_member (json_object_get_object_member (q, "text"), "tyz", "[tyz] Hộ nhà bạn là hộ gì?");
      for (guint j = 0; j < json_array_get_length (json_object_get_array_member (q, "choices")); j++)
        {
          JsonObject *label = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (q, "choices"), j), "label");
          g_autofree char *tay = g_strconcat ("[tyz] ", json_object_get_string_member (label, "vi"), NULL);
          json_object_set_string_member (label, "tyz", tay);
        }
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  g_free (test_util_write (dir, "questions.json", text));
  test_util_import (store, root);
}

static void
setup (void)
{
  kiosk_language_init ();
  gtk_init ();
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  add_recordings ();
  add_pictures ();
  add_tay_question ();
  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  kiosk_window_set_idle_seconds (window, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_kiosk_settle ();
}

static void
teardown (void)
{
  kiosk_speaker_stop (kiosk_speaker_get_default ());
  gtk_window_destroy (GTK_WINDOW (window));
  test_kiosk_settle ();
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* Saves what the window shows to kiosk-screens/@name.png. Sound starting or stopping redraws
 * the Listen button from another main-loop turn, and a window caught between two frames has
 * nothing to save: it is tried again after GTK has drawn. */
static void
screenshot (const char *name)
{
  g_autofree char *dir = g_build_filename (BANLANG_BUILD_ROOT, "kiosk-screens", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  for (int i = 0; i < 20; i++)
    {
      g_clear_error (&error);
      test_kiosk_settle ();
      if (kiosk_window_save_png (window, path, &error))
        return;
    }
  ck_abort_msg ("%s", error->message);
}

/* Runs the main loop until sound has reached the sink @before+1 times (or 5 s pass). */
static gboolean
wait_for_sound (guint before)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (kiosk_speaker_get_sounds_started (speaker) <= before && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return kiosk_speaker_get_sounds_started (speaker) > before;
}

static KioskListenButton *
listen_on_page (void)
{
  KioskListenButton *listen = kiosk_listen_button_find (kiosk_window_get_page (window));

  ck_assert_msg (listen != NULL, "no Listen button on %s", kiosk_window_get_current (window));
  return listen;
}

/* Taps Listen on the page on top; sound must reach the sink. */
static KioskListenButton *
tap_listen (void)
{
  KioskListenButton *listen = listen_on_page ();
  guint before = kiosk_speaker_get_sounds_started (kiosk_speaker_get_default ());

  kiosk_listen_button_toggle (listen);
  ck_assert_msg (kiosk_listen_button_is_playing (listen), "Listen does not play on %s", kiosk_window_get_current (window));
  ck_assert_msg (wait_for_sound (before), "no sound reached the sink on %s", kiosk_window_get_current (window));
  return listen;
}

/* Taps Listen for a reader whose language no voice speaks: Vietnamese is heard, and the button
 * says so. */
static void
tap_listen_hears_vietnamese (void)
{
  KioskListenButton *listen = tap_listen ();

  ck_assert_str_eq (kiosk_listen_button_get_heard_lang (listen), "vi");
  ck_assert (test_kiosk_shows (GTK_WIDGET (listen), "Tiếng Việt"));
}

static guint
count_pictures (GtkWidget *widget)
{
  guint n = GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget) &&
            gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_pictures (c);
  return n;
}

static gboolean
is_qr (GtkWidget *widget, gpointer data)
{
  return KIOSK_IS_QR_CODE (widget);
}

static KioskQrCode *
find_qr (GtkWidget *widget)
{
  return (KioskQrCode *) test_kiosk_find (widget, is_qr, NULL);
}

/* TRUE when @name is a topic's icon, named by the content (the one place a desktop theme's
 * icon may still come from). */
static gboolean
is_topic_icon (const char *name)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    if (g_str_equal (((ContentTopic *) g_ptr_array_index (topics, i))->icon, name))
      return TRUE;
  return FALSE;
}

/* Every icon under @widget resolves, and each one shown is the kiosk's own or a topic's. */
static void
assert_icons_resolve (GtkWidget *widget)
{
  test_kiosk_assert_own_icons (widget, kiosk_window_get_current (window), is_topic_icon);
}

static const char *const kind_pages[] = {
  "item:product-ga-tien-yen", "item:place-ban-cau", "item:notice-bhyt-2026", "item:law-hon-nhan-gia-dinh-2014",
  "item:social-pension", "item:guide-tuoi-ket-hon", "topic:ocop-food", "topic:support", "topic:tourism",
};

/* Every page a person can reach has a Listen button that plays, and stops at a second tap:
 * Home, search, all notices, the check's first page, every topic, and items of every kind. */
START_TEST (test_listen_on_every_page)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  const char *const own[] = { "home", "search", "notices", "wizard" };

  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    g_ptr_array_add (targets, g_strdup (own[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    g_ptr_array_add (targets, g_strdup (kind_pages[i]));
  for (guint i = 0; i < topics->len; i++)
    g_ptr_array_add (targets, g_strconcat ("topic:", ((ContentTopic *) g_ptr_array_index (topics, i))->id, NULL));
  for (guint i = 0; i < targets->len; i++)
    {
      const char *target = g_ptr_array_index (targets, i);
      KioskListenButton *listen;

      kiosk_window_open (window, target);
      test_kiosk_settle ();
      ck_assert_str_eq (kiosk_window_get_current (window), target);
      listen = tap_listen ();
      ck_assert_str_eq (kiosk_listen_button_get_heard_lang (listen), "vi");
      ck_assert (!kiosk_listen_button_get_heard_recording (listen));
      /* A second tap stops it. */
      kiosk_listen_button_toggle (listen);
      ck_assert (!kiosk_listen_button_is_playing (listen));
      ck_assert_ptr_null (kiosk_speaker_get_owner (kiosk_speaker_get_default ()));
      kiosk_window_home (window);
      test_kiosk_settle ();
    }
}
END_TEST

/* TRUE when @said holds @piece (the text a Listen button has for a language). */
/* The files that say @text in @lang's voice, sentence by sentence, as the speaker makes them. */
static GPtrArray *
files_saying (const char *text, const char *lang)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  g_autofree char *words = kiosk_speech_text_normalise (text, lang);
  g_autoptr(GPtrArray) sentences = kiosk_speech_text_sentences (words);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sentences->len; i++)
    {
      char *path = kiosk_speaker_synthesize (speaker, g_ptr_array_index (sentences, i),
                                             content_language_lookup (lang)->voice, NULL);
      ck_assert_ptr_nonnull (path);
      g_ptr_array_add (files, path);
    }
  return files;
}

/* Runs the main loop until the sound playing has @path among its files ready (or 10 s pass);
 * returns them. */
static char **
wait_for_file (const char *path)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  char **files = kiosk_speaker_list_files (speaker);

  while (!g_strv_contains ((const char *const *) files, path) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_strfreev (files);
      files = kiosk_speaker_list_files (speaker);
    }
  return files;
}

static gboolean
says (const char *said, const char *piece)
{
  return said != NULL && strstr (said, piece) != NULL;
}

/* Home's Listen says the greeting, each section and the actions; a Tày reader hears them in
 * Vietnamese, and is told. */
START_TEST (test_home_listen_says_sections)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  KioskListenButton *listen = listen_on_page ();
  const char *said = kiosk_listen_button_get_text (listen, "vi");

  ck_assert_msg (says (said, "Bạn muốn tìm hiểu điều gì?"), "home says: %s", said);
  ck_assert_msg (says (said, "Tìm kiếm") && says (said, "Kiểm tra bạn được hỗ trợ gì"), "home says: %s", said);
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      if (topic->parent_id == NULL)
        ck_assert_msg (says (said, content_topic_get_name (topic, "vi", NULL)), "home does not say %s", topic->id);
    }
  kiosk_window_set_lang (window, "tyz");
  test_kiosk_settle ();
  tap_listen_hears_vietnamese ();
  screenshot ("media-home-listen-tay");
}
END_TEST

/* Search's Listen says what is typed and the titles found; new results silence the old. */
START_TEST (test_search_listen_says_results)
{
  KioskSearchPage *page;
  KioskListenButton *listen;
  const char *said;

  kiosk_window_open (window, "search");
  test_kiosk_settle ();
  page = KIOSK_SEARCH_PAGE (kiosk_window_get_page (window));
  kiosk_keypad_set_text (kiosk_search_page_get_keypad (page), "hon nhan");
  test_kiosk_settle ();
  ck_assert_uint_gt (kiosk_search_page_get_n_results (page), 0);
  listen = tap_listen ();
  said = kiosk_listen_button_get_text (listen, "vi");
  ck_assert_msg (says (said, "hon nhan"), "search says: %s", said);
  ck_assert_msg (says (said, "Luật Hôn nhân và gia đình"), "search says: %s", said);
  screenshot ("media-search-listen");
  kiosk_keypad_set_text (kiosk_search_page_get_keypad (page), "ocop");
  test_kiosk_settle ();
  ck_assert (!kiosk_listen_button_is_playing (listen));
  ck_assert_msg (!says (kiosk_listen_button_get_text (listen, "vi"), "hon nhan"), "the old query is still said");
  /* A Tày reader hears the results in Vietnamese, and is told. */
  kiosk_window_set_lang (window, "tyz");
  test_kiosk_settle ();
  page = KIOSK_SEARCH_PAGE (kiosk_window_get_page (window));
  kiosk_keypad_set_text (kiosk_search_page_get_keypad (page), "hon nhan");
  test_kiosk_settle ();
  tap_listen_hears_vietnamese ();
  screenshot ("media-search-listen-tay");
}
END_TEST

/* The notices page's Listen says each notice's title and summary. */
START_TEST (test_notices_listen_says_titles_and_summaries)
{
  g_autofree char *today = test_util_today (store);
  g_autoptr(GPtrArray) newest = content_store_list_current_notices (store, today, 1, NULL);
  g_autoptr(ContentItem) item = NULL;
  const ContentText *text;
  KioskListenButton *listen;
  const char *said;

  ck_assert (newest != NULL && newest->len == 1);
  item = content_store_get_item (store, g_ptr_array_index (newest, 0), NULL);
  text = content_item_get_text (item, "vi");
  ck_assert (text->summary != NULL);
  kiosk_window_open (window, "notices");
  test_kiosk_settle ();
  listen = tap_listen ();
  said = kiosk_listen_button_get_text (listen, "vi");
  ck_assert_msg (says (said, text->title) && says (said, text->summary), "notices say: %s", said);
  screenshot ("media-notices-listen");
}
END_TEST

/* An English reader hears every notice on the page, in page order: those in English, and those
 * shown in Vietnamese (not yet translated) in the Vietnamese voice; the button says so. */
START_TEST (test_notices_listen_says_every_language)
{
  g_autofree char *today = test_util_today (store);
  /* Listed as the page lists them; it says the first twelve. */
  g_autoptr(GPtrArray) ids = content_store_list_current_notices (store, today, 0, NULL);
  KioskListenButton *listen;
  int previous = 0;
  guint in_vi = 0, in_en = 0;

  kiosk_window_set_lang (window, "en");
  test_kiosk_settle ();
  kiosk_window_open (window, "notices");
  test_kiosk_settle ();
  listen = tap_listen ();
  for (guint i = 0; i < ids->len && i < 12; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (store, g_ptr_array_index (ids, i), NULL);
      const ContentText *shown = content_item_get_text_for (item, "en");
      /* As the page says a notice: its title, then its summary. */
      g_autofree char *said = shown->summary != NULL ? g_strdup_printf ("%s.\n%s", shown->title, shown->summary)
                                                     : g_strdup (shown->title);
      g_autoptr(GPtrArray) sentences = files_saying (said, shown->lang);
      g_auto(GStrv) files = wait_for_file (g_ptr_array_index (sentences, sentences->len - 1));

      for (guint j = 0; j < sentences->len; j++)
        {
          int at = -1;
          for (int k = 0; files[k] != NULL && at < 0; k++)
            if (k > previous && g_str_equal (files[k], g_ptr_array_index (sentences, j)))
              at = k;
          ck_assert_msg (at > previous, "notice %s (%s), sentence %u, is not heard after what comes before it "
                         "(%u files ready, %s)", item->id, shown->lang, j, g_strv_length (files),
                         kiosk_listen_button_is_playing (listen) ? "playing" : "stopped");
          previous = at;
        }
      in_vi += g_str_equal (shown->lang, "vi");
      in_en += g_str_equal (shown->lang, "en");
    }
  ck_assert (in_vi > 0 && in_en > 0);
  ck_assert_str_eq (kiosk_listen_button_get_heard_lang (listen), "en");
  ck_assert (test_kiosk_shows (GTK_WIDGET (listen), "Some of this is heard in Tiếng Việt."));
  screenshot ("media-notices-listen-english");
}
END_TEST

START_TEST (test_page_change_and_idle_stop_sound)
{
  KioskListenButton *listen;

  kiosk_window_open (window, "topic:law-family");
  test_kiosk_settle ();
  kiosk_window_open (window, "item:law-hon-nhan-gia-dinh-2014");
  test_kiosk_settle ();
  listen = tap_listen ();
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_ptr_null (kiosk_speaker_get_owner (kiosk_speaker_get_default ()));

  kiosk_window_open (window, "item:law-hon-nhan-gia-dinh-2014");
  test_kiosk_settle ();
  listen = tap_listen ();
  kiosk_window_idle (window);
  test_kiosk_settle ();
  ck_assert (!kiosk_listen_button_is_playing (listen) || !gtk_widget_get_mapped (GTK_WIDGET (listen)));
  ck_assert_ptr_ne (kiosk_speaker_get_owner (kiosk_speaker_get_default ()), listen);
}
END_TEST

START_TEST (test_recording_beats_synthesis)
{
  KioskListenButton *listen;

  kiosk_window_open (window, "item:test-recorded");
  test_kiosk_settle ();
  listen = tap_listen ();
  ck_assert (kiosk_listen_button_get_heard_recording (listen));
  ck_assert_str_eq (kiosk_listen_button_get_heard_lang (listen), "vi");
  ck_assert (strstr (kiosk_speaker_get_last_file (kiosk_speaker_get_default ()), "/media/") != NULL);

  /* Its text changed since the recording: synthesis reads what the screen says. */
  kiosk_window_open (window, "item:test-stale");
  test_kiosk_settle ();
  listen = tap_listen ();
  ck_assert (!kiosk_listen_button_get_heard_recording (listen));
  ck_assert (strstr (kiosk_speaker_get_last_file (kiosk_speaker_get_default ()), "/speech/") != NULL);
}
END_TEST

START_TEST (test_fallback_voice_announced)
{
  KioskListenButton *listen;

  kiosk_window_set_lang (window, "tyz");
  test_kiosk_settle ();
  /* No Tày text, no Tày voice: Vietnamese is heard, and the screen says so. */
  kiosk_window_open (window, "item:law-hon-nhan-gia-dinh-2014");
  test_kiosk_settle ();
  tap_listen_hears_vietnamese ();
  screenshot ("media-tay-reader-hears-vietnamese");

  /* A Tày recording without Tày text: the recording plays, and the page says (with a picture)
   * that the writing is Vietnamese. */
  kiosk_window_open (window, "item:test-tay");
  test_kiosk_settle ();
  listen = tap_listen ();
  ck_assert_str_eq (kiosk_listen_button_get_heard_lang (listen), "tyz");
  ck_assert (kiosk_listen_button_get_heard_recording (listen));
  ck_assert (!test_kiosk_shows (GTK_WIDGET (listen), "Tiếng Việt"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Tiếng Việt"));
  screenshot ("media-tay-recording");
}
END_TEST

/* Tapping Tày, which has a recorded greeting, answers in Tày; the home page says (with a
 * picture) that the writing is Vietnamese. */
START_TEST (test_language_button_greets)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  guint before = kiosk_speaker_get_sounds_started (speaker);
  GtkWidget *button = test_kiosk_find_button (kiosk_window_get_page (window), kiosk_link_button_get_target, "lang:tyz");

  ck_assert_msg (button != NULL, "no Tày button on the home page");
  test_kiosk_press (button);
  ck_assert_str_eq (kiosk_window_get_lang (window), "tyz");
  ck_assert (wait_for_sound (before));
  ck_assert (strstr (kiosk_speaker_get_last_file (speaker), "/media/") != NULL);
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Tiếng Việt"));
  screenshot ("media-home-tay");
  /* English has no recorded greeting: nothing plays. */
  kiosk_speaker_stop (speaker);
  before = kiosk_speaker_get_sounds_started (speaker);
  kiosk_window_open (window, "lang:en");
  test_kiosk_settle ();
  ck_assert_ptr_null (kiosk_speaker_get_owner (speaker));
}
END_TEST

static guint
count_item_links (GtkWidget *widget)
{
  const char *target = GTK_IS_BUTTON (widget) ? kiosk_link_button_get_target (widget) : NULL;
  guint n = target != NULL && g_str_has_prefix (target, "item:") ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_item_links (c);
  return n;
}

static const char *
button_label (GtkWidget *button)
{
  return gtk_button_get_label (GTK_BUTTON (button));
}

/* Finds the button under @widget showing exactly @text. */
static GtkWidget *
find_button_with_label (GtkWidget *widget, const char *text)
{
  return test_kiosk_find_button (widget, button_label, text);
}

/* A long topic shows 40 items, then Show more adds the rest. */
START_TEST (test_long_topic_shows_more)
{
  GtkWidget *more;

  kiosk_window_open (window, "topic:many");
  test_kiosk_settle ();
  ck_assert_uint_eq (count_item_links (kiosk_window_get_page (window)), 40);
  more = find_button_with_label (kiosk_window_get_page (window), "Xem thêm");
  ck_assert_ptr_nonnull (more);
  test_kiosk_press (more);
  ck_assert_uint_eq (count_item_links (kiosk_window_get_page (window)), 45);
  ck_assert_ptr_null (find_button_with_label (kiosk_window_get_page (window), "Xem thêm"));
}
END_TEST

static const char *const picture_pages[] = {
  "item:product-ga-tien-yen", "item:product-tra-hoa-vang-ba-che", "item:place-co-to", "item:place-ban-cau",
  "item:notice-ghe-tre-em-o-to", "topic:ocop-food", "topic:ocop-drink-herbal", "topic:tourism-highland",
  "topic:support", "topic:law", "topic:tourism",
};

START_TEST (test_pages_show_pictures)
{
  for (gsize i = 0; i < G_N_ELEMENTS (picture_pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("media-%s", strchr (picture_pages[i], ':') + 1);

      kiosk_window_open (window, picture_pages[i]);
      test_kiosk_settle ();
      ck_assert_msg (count_pictures (kiosk_window_get_page (window)) >= 1, "no picture on %s", picture_pages[i]);
      assert_icons_resolve (GTK_WIDGET (window));
      screenshot (name);
      kiosk_window_home (window);
      test_kiosk_settle ();
    }
}
END_TEST

/* A picture from the store, not a QR code. */
static gboolean
is_content_picture (GtkWidget *widget, gpointer data)
{
  return GTK_IS_PICTURE (widget) && gtk_widget_has_css_class (widget, "content-picture");
}

/* TRUE when the pixel of @pixels (rows of @stride bytes as gdk_texture_download() writes them:
 * a 32-bit ARGB word each, in the machine's byte order) at @x,@y is near #@rgb (JPEG is lossy). */
static gboolean
pixel_near (const guint8 *pixels, gsize stride, int x, int y, guint32 rgb)
{
  guint32 argb;

  memcpy (&argb, pixels + (gsize) y * stride + (gsize) x * 4, 4);
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) (argb >> shift & 0xff) - (int) (rgb >> shift & 0xff)) >= 24)
      return FALSE;
  return TRUE;
}

/* JPEG and WebP pictures are decoded and shown, as PNG and SVG are: on a notice's page, orange
 * above, the blue band across the middle. */
START_TEST (test_jpeg_and_webp_pictures_show)
{
  const char *formats[] = { "jpeg", "webp" };

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *target = g_strconcat ("item:test-", formats[i], NULL);
      g_autofree char *name = g_strconcat ("media-picture-", formats[i], NULL);
      g_autofree guint8 *pixels = NULL;
      GtkPicture *picture;
      GdkTexture *texture;
      int width, height;

      kiosk_window_open (window, target);
      test_kiosk_settle ();
      picture = (GtkPicture *) test_kiosk_find (kiosk_window_get_page (window), is_content_picture, NULL);
      ck_assert_msg (picture != NULL, "no %s picture on %s", formats[i], target);
      ck_assert (GDK_IS_TEXTURE (gtk_picture_get_paintable (picture)));
      texture = GDK_TEXTURE (gtk_picture_get_paintable (picture));
      width = gdk_texture_get_width (texture);
      height = gdk_texture_get_height (texture);
      /* Drawn at the page's size, in the picture's own proportions. */
      ck_assert_int_gt (width, 0);
      ck_assert_int_eq (height, width * 240 / 320);
      pixels = g_malloc ((gsize) width * height * 4);
      gdk_texture_download (texture, pixels, (gsize) width * 4);
      ck_assert_msg (pixel_near (pixels, (gsize) width * 4, width / 2, height / 6, 0xf08020), "%s: not orange above", formats[i]);
      ck_assert_msg (pixel_near (pixels, (gsize) width * 4, width / 2, height / 2, 0x2050c0), "%s: no blue band", formats[i]);
      screenshot (name);
      kiosk_window_home (window);
      test_kiosk_settle ();
    }
}
END_TEST

/* Every icon named in the kiosk's templates resolves, shown or not yet (the Stop of Listen). */
static void
assert_template_icons_resolve (GtkIconTheme *theme)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/org/banlang/kiosk/", 0, NULL);
  g_autoptr(GRegex) icon = g_regex_new ("<property name=\"icon-name\">([^<]+)</property>", 0, 0, NULL);
  guint checked = 0;

  ck_assert_ptr_nonnull (names);
  for (gsize i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/org/banlang/kiosk/", names[i], NULL);
      g_autoptr(GBytes) ui = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_suffix (names[i], ".ui"))
        continue;
      ui = g_resources_lookup_data (path, 0, NULL);
      ck_assert_ptr_nonnull (ui);
      for (g_regex_match (icon, g_bytes_get_data (ui, NULL), 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          ck_assert_msg (gtk_icon_theme_has_icon (theme, name), "%s: icon %s does not resolve", names[i], name);
          checked++;
        }
    }
  ck_assert_uint_gt (checked, 0);
}

/* Opens @target and checks every icon on the page it shows. */
static void
assert_page_icons_resolve (const char *target)
{
  kiosk_window_open (window, target);
  test_kiosk_settle ();
  assert_icons_resolve (GTK_WIDGET (window));
}

/* Every icon the kiosk uses resolves: in its templates, on every page a person reaches (the
 * check's questions and results included), and every topic's pictogram decodes (a missing one
 * would fall back to a theme icon). */
START_TEST (test_every_icon_resolves)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  const char *own[] = { "banlang-listen", "banlang-stop", "banlang-phone", "banlang-text-vietnamese",
                        "banlang-next-symbolic" };
  const char *question;

  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    ck_assert_msg (gtk_icon_theme_has_icon (theme, own[i]), "icon %s does not resolve", own[i]);
  assert_template_icons_resolve (theme);
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *target = g_strconcat ("topic:", topic->id, NULL);

      ck_assert_msg (topic->icon[0] == '\0' || gtk_icon_theme_has_icon (theme, topic->icon),
                     "topic %s: icon %s does not resolve", topic->id, topic->icon);
      if (topic->pictogram != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GdkTexture) pictogram = kiosk_pictures_load (store, topic->pictogram, 64, &error);
          ck_assert_msg (pictogram != NULL, "topic %s: pictogram %s: %s", topic->id, topic->pictogram, error->message);
        }
      assert_page_icons_resolve (target);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (kind_pages); i++)
    assert_page_icons_resolve (kind_pages[i]);
  assert_page_icons_resolve ("notices");
  assert_page_icons_resolve ("search");
  kiosk_keypad_set_text (kiosk_search_page_get_keypad (KIOSK_SEARCH_PAGE (kiosk_window_get_page (window))), "ocop");
  test_kiosk_settle ();
  assert_icons_resolve (GTK_WIDGET (window));
  assert_page_icons_resolve ("wizard");
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  while ((question = kiosk_wizard_page_get_question (test_kiosk_wizard (window))) != NULL)
    {
      g_autofree char *before = g_strdup (question);

      test_kiosk_settle ();
      assert_icons_resolve (GTK_WIDGET (window));
      test_kiosk_answer_as_76_without_pension (window, before);
    }
  test_kiosk_settle ();
  assert_icons_resolve (GTK_WIDGET (window));
  kiosk_window_home (window);
  test_kiosk_settle ();
  assert_icons_resolve (GTK_WIDGET (window));
  kiosk_window_idle (window);
  test_kiosk_settle ();
  assert_icons_resolve (kiosk_window_get_attract (window));
}
END_TEST

/* Home's section tiles show the topics' own pictograms, not theme icons. */
START_TEST (test_home_sections_show_pictograms)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (store, NULL);
  GtkWidget *page = kiosk_window_get_page (window);

  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *target = g_strconcat ("topic:", topic->id, NULL);
      GtkWidget *tile;

      if (topic->parent_id != NULL)
        continue;
      tile = test_kiosk_find_button (page, kiosk_link_button_get_target, target);
      ck_assert_msg (tile != NULL, "no tile for %s on Home", topic->id);
      ck_assert_msg (count_pictures (tile) == 1, "the tile of %s shows no pictogram", topic->id);
    }
  screenshot ("media-home");
}
END_TEST

/* What zbarimg reads in the PNG @path, or NULL when it reads nothing. */
static char *
decode_png (const char *path)
{
  const char *zbarimg = g_getenv ("ZBARIMG");
  const char *argv[] = { zbarimg, "--raw", "-q", path, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strchomp (g_steal_pointer (&out));
}

START_TEST (test_qr_codes_decode)
{
  const char *one[] = { "GATIENYEN", NULL };
  const char *several[] = { "BHYT", "HUUTRI", NULL };
  g_autofree char *p1 = kiosk_qr_code_payload ("0000 000 000", one);
  g_autofree char *p2 = kiosk_qr_code_payload ("8079", several);
  KioskQrCode *qr;

  ck_assert_str_eq (p1, "SMSTO:0000000000:GATIENYEN");
  ck_assert_str_eq (p2, "SMSTO:8079:BHYT HUUTRI");
  if (g_getenv ("ZBARIMG") == NULL)
    {
      ck_abort_msg ("zbarimg is missing (zbar-tools): the QR codes cannot be checked");
      return;
    }
  /* The code on the page itself, as drawn, decodes to the item's SMS. */
  kiosk_window_open (window, "item:product-ga-tien-yen");
  test_kiosk_settle ();
  qr = find_qr (kiosk_window_get_page (window));
  ck_assert_ptr_nonnull (qr);
  ck_assert_str_eq (kiosk_qr_code_get_payload (qr), p1);
  ck_assert (test_kiosk_shows (GTK_WIDGET (qr), "GATIENYEN"));
  for (int i = 0; i < 2; i++)
    {
      const char *payload = i == 0 ? p1 : p2;
      g_autoptr(GdkTexture) texture = kiosk_qr_code_render (payload, 6);
      g_autofree char *path = g_build_filename (test_dir, "qr.png", NULL);
      g_autofree char *read = NULL;

      ck_assert (gdk_texture_save_to_png (texture, path));
      read = decode_png (path);
      ck_assert_msg (read != NULL, "zbarimg read nothing in the QR code of %s", payload);
      ck_assert_str_eq (read, payload);
    }
  /* And the window's own picture of the page: what a phone's camera would see. */
  {
    g_autofree char *dir = g_build_filename (BANLANG_BUILD_ROOT, "kiosk-screens", NULL);
    g_autofree char *path = NULL;
    g_autofree char *read = NULL;
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (qr), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    test_kiosk_settle ();
    screenshot ("media-qr-on-item-page");
    path = g_build_filename (dir, "media-qr-on-item-page.png", NULL);
    read = decode_png (path);
    ck_assert_msg (read != NULL, "zbarimg read nothing on the item page");
    ck_assert_str_eq (read, p1);
  }
}
END_TEST

/* Every question and the results can be heard; the results carry a QR code of what the person
 * may get. */
START_TEST (test_wizard_listen_and_take_home)
{
  const char *question;
  guint asked = 0;
  KioskQrCode *qr;

  kiosk_window_open (window, "wizard");
  test_kiosk_settle ();
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  while ((question = kiosk_wizard_page_get_question (test_kiosk_wizard (window))) != NULL)
    {
      g_autofree char *before = g_strdup (question);

      ck_assert_uint_lt (++asked, 20);
      tap_listen ();
      test_kiosk_answer_as_76_without_pension (window, before);
    }
  /* A new question stopped the last one's sound. */
  tap_listen ();
  qr = find_qr (kiosk_window_get_page (window));
  ck_assert_msg (qr != NULL, "no QR code on the results");
  ck_assert (g_str_has_prefix (kiosk_qr_code_get_payload (qr), "SMSTO:0000000000:"));
  ck_assert (strstr (kiosk_qr_code_get_payload (qr), "HUUTRI") != NULL);
  screenshot ("media-wizard-results");
  if (g_getenv ("ZBARIMG") != NULL)
    {
      g_autoptr(GdkTexture) texture = kiosk_qr_code_render (kiosk_qr_code_get_payload (qr), 6);
      g_autofree char *path = g_build_filename (test_dir, "results-qr.png", NULL);
      g_autofree char *read = NULL;

      ck_assert (gdk_texture_save_to_png (texture, path));
      read = decode_png (path);
      ck_assert_ptr_nonnull (read);
      ck_assert_str_eq (read, kiosk_qr_code_get_payload (qr));
    }
}
END_TEST

/* A Tày reader hears every question in Vietnamese, and is told: those worded only in Vietnamese,
 * and the household question, shown in its Tày wording, which no voice speaks (its Vietnamese
 * wording and choices are heard instead). The results too. */
START_TEST (test_wizard_in_fallback_language)
{
  const char *question;
  gboolean household = FALSE;

  kiosk_window_set_lang (window, "tyz");
  test_kiosk_settle ();
  kiosk_window_open (window, "wizard");
  test_kiosk_settle ();
  tap_listen_hears_vietnamese ();
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  while ((question = kiosk_wizard_page_get_question (test_kiosk_wizard (window))) != NULL)
    {
      g_autofree char *before = g_strdup (question);

      tap_listen_hears_vietnamese ();
      if (g_str_equal (before, "household"))
        {
          const char *said = kiosk_listen_button_get_text (listen_on_page (), "vi");

          household = TRUE;
          ck_assert (test_kiosk_shows (GTK_WIDGET (test_kiosk_wizard (window)), "[tyz] Hộ nhà bạn là hộ gì?"));
          ck_assert_msg (says (said, "Hộ gia đình bạn hiện được xã công nhận là hộ gì?") && says (said, "Hộ cận nghèo"),
                         "the household question says: %s", said);
          ck_assert_msg (!says (said, "[tyz]"), "the Tày wording is said with a Vietnamese voice");
          screenshot ("media-wizard-question-tay");
        }
      test_kiosk_answer_as_76_without_pension (window, before);
    }
  ck_assert_msg (household, "the household question was not asked");
  tap_listen_hears_vietnamese ();
  screenshot ("media-wizard-results-tay");
}
END_TEST

START_TEST (test_attract_greets_and_shows_pictures)
{
  KioskAttract *attract;
  guint before = kiosk_speaker_get_sounds_started (kiosk_speaker_get_default ());
  gint64 end;

  kiosk_window_idle (window);
  test_kiosk_settle ();
  attract = KIOSK_ATTRACT (kiosk_window_get_attract (window));
  ck_assert (wait_for_sound (before));
  ck_assert_uint_ge (kiosk_attract_get_greetings_played (attract), 1);
  /* Both greetings, one after the other. */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (kiosk_attract_get_greetings_played (attract) < 2 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  ck_assert_uint_eq (kiosk_attract_get_greetings_played (attract), 2);
  /* Featured items in turn until one with a picture shows. */
  for (int i = 0; i < 40 && count_pictures (GTK_WIDGET (attract)) == 0; i++)
    {
      kiosk_attract_next (attract);
      test_kiosk_settle ();
    }
  ck_assert_uint_ge (count_pictures (GTK_WIDGET (attract)), 1);
  screenshot ("media-attract");
}
END_TEST

/* Decoded pictures kept for the next page stay within their bound, the ones shown longest ago
 * forgotten first: a pictogram shown again and again stays kept while large pictures come and go. */
START_TEST (test_pictures_kept_are_bounded)
{
  const char *pictogram = "b1a55724152b27775da63ced00a755eb01e7f4181eb3887a94af5aa830dac7e8";
  g_autoptr(GdkTexture) small = kiosk_pictures_load (store, pictogram, 96, NULL);
  g_autoptr(GdkTexture) first_large = kiosk_pictures_load (store, pictogram, 600, NULL);
  g_autoptr(GdkTexture) large_again = NULL;
  gsize added = 0;

  ck_assert_ptr_nonnull (small);
  ck_assert_ptr_nonnull (first_large);
  /* Kept: the same texture again, not decoded anew. */
  large_again = kiosk_pictures_load (store, pictogram, 600, NULL);
  ck_assert_ptr_eq (large_again, first_large);
  g_clear_object (&large_again);
  for (int size = 700; added <= 2 * KIOSK_PICTURES_KEEP_BYTES; size += 100)
    {
      g_autoptr(GdkTexture) large = kiosk_pictures_load (store, pictogram, size, NULL);
      g_autoptr(GdkTexture) small_again = kiosk_pictures_load (store, pictogram, 96, NULL);

      ck_assert_ptr_nonnull (large);
      added += (gsize) size * size * 4;
      ck_assert_uint_le (kiosk_pictures_kept_bytes (), KIOSK_PICTURES_KEEP_BYTES);
      ck_assert_ptr_eq (small_again, small);
    }
  large_again = kiosk_pictures_load (store, pictogram, 600, NULL);
  ck_assert_ptr_ne (large_again, first_large);
}
END_TEST

/* Marks the file @path as last used @minutes ago. */
static void
used_minutes_ago (const char *path, int minutes)
{
  struct utimbuf when;

  when.actime = when.modtime = time (NULL) - minutes * 60;
  ck_assert_msg (g_utime (path, &when) == 0, "%s: %s", path, g_strerror (errno));
}

/* The bytes of the files in the cache's folders, as the disk has them; with @minutes set, every
 * file is first marked as last used that long ago. */
static guint64
cache_on_disk (int minutes)
{
  const char *folders[] = { "media", "speech" };
  guint64 bytes = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *dir = g_build_filename (g_getenv (KIOSK_SPEAKER_CACHE_ENV), folders[i], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *entry;

      while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, entry, NULL);
          GStatBuf st;

          if (minutes > 0)
            used_minutes_ago (path, minutes);
          ck_assert (g_stat (path, &st) == 0);
          bytes += (guint64) st.st_size;
        }
    }
  return bytes;
}

static char *
sentence (int i)
{
  return g_strdup_printf ("Đây là câu thử số %d, để xem bộ nhớ đệm âm thanh có giới hạn.", i);
}

/* The sound cache stays under its limit: when a new file takes it over, the files used longest
 * ago go first; a file used again is kept; one used in the last minute is never removed. */
START_TEST (test_sound_cache_is_bounded)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *again = NULL, *newest = NULL, *newer = NULL;
  g_autofree char *text0 = sentence (0), *text8 = sentence (8), *text9 = sentence (9);
  guint64 full;
  GStatBuf st;

  /* What other tests left, all long unused, goes when the limit is nothing. */
  cache_on_disk (24 * 60);
  kiosk_speaker_set_cache_limit (speaker, 0);
  ck_assert_uint_eq (cache_on_disk (0), 0);
  ck_assert_uint_eq (kiosk_speaker_get_cache_size (speaker), 0);

  /* Eight sentences heard 100, 99, ... 93 minutes ago; the first heard again since. */
  kiosk_speaker_set_cache_limit (speaker, G_GUINT64_CONSTANT (1) << 30);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *text = sentence (i);
      char *path = kiosk_speaker_synthesize (speaker, text, "vi", NULL);

      ck_assert_ptr_nonnull (path);
      used_minutes_ago (path, 100 - i);
      g_ptr_array_add (paths, path);
    }
  again = kiosk_speaker_synthesize (speaker, text0, "vi", NULL);
  ck_assert_str_eq (again, g_ptr_array_index (paths, 0));
  ck_assert (g_stat (again, &st) == 0 && st.st_mtime >= time (NULL) - 5);
  used_minutes_ago (again, 30);
  full = cache_on_disk (0);
  ck_assert_uint_eq (kiosk_speaker_get_cache_size (speaker), full);

  /* One more sentence takes the cache over its limit. */
  kiosk_speaker_set_cache_limit (speaker, full + 1);
  newest = kiosk_speaker_synthesize (speaker, text8, "vi", NULL);
  ck_assert_ptr_nonnull (newest);
  ck_assert_uint_le (cache_on_disk (0), full + 1);
  ck_assert_uint_eq (kiosk_speaker_get_cache_size (speaker), cache_on_disk (0));
  ck_assert_msg (!g_file_test (g_ptr_array_index (paths, 1), G_FILE_TEST_EXISTS), "the sentence used longest ago is kept");
  ck_assert_msg (g_file_test (g_ptr_array_index (paths, 7), G_FILE_TEST_EXISTS), "more was removed than needed");
  ck_assert_msg (g_file_test (again, G_FILE_TEST_EXISTS), "the sentence used again was removed");
  ck_assert (g_file_test (newest, G_FILE_TEST_EXISTS));

  /* Nothing used in the last minute goes, even over the limit: it may be playing. */
  newer = kiosk_speaker_synthesize (speaker, text9, "vi", NULL);
  kiosk_speaker_set_cache_limit (speaker, 0);
  ck_assert (g_file_test (newest, G_FILE_TEST_EXISTS) && g_file_test (newer, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (again, G_FILE_TEST_EXISTS));
}
END_TEST

/* The sentences synthesized for a long page and queued to play stay in the cache, however long
 * ago they were made (the rest of a long page can take over a minute to synthesize): playbin
 * cannot play a file that is gone. */
START_TEST (test_sound_cache_keeps_what_is_queued)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_speaker_part_free);
  g_autoptr(GPtrArray) sentences = NULL;
  g_auto(GStrv) files = NULL;
  const char *playing;
  gboolean after_playing = FALSE;
  int owner;

  for (int i = 20; i < 28; i++)
    {
      g_autofree char *text = sentence (i);
      g_string_append_printf (page, "%s\n", text);
    }
  g_ptr_array_add (parts, kiosk_speaker_part_new_text ("vi", "vi", page->str));
  ck_assert (kiosk_speaker_speak (speaker, &owner, parts, NULL));
  sentences = files_saying (page->str, "vi");
  files = wait_for_file (g_ptr_array_index (sentences, 7));
  ck_assert_uint_eq (g_strv_length (files), 8);
  ck_assert_ptr_eq (kiosk_speaker_get_owner (speaker), &owner);
  cache_on_disk (24 * 60);
  kiosk_speaker_set_cache_limit (speaker, 0);
  playing = kiosk_speaker_get_last_file (speaker);
  for (int i = 0; files[i] != NULL; i++)
    {
      ck_assert_msg (!after_playing || g_file_test (files[i], G_FILE_TEST_EXISTS), "sentence %d, still to play, was removed", i);
      after_playing = after_playing || g_str_equal (files[i], playing);
    }
  ck_assert_msg (!g_str_equal (files[7], playing), "the page was heard to its end before the test looked");
  kiosk_speaker_stop (speaker);
  kiosk_speaker_set_cache_limit (speaker, KIOSK_SPEAKER_CACHE_LIMIT);
}
END_TEST

/* A file left half written (the kiosk stopped while writing it) goes once it is a minute old;
 * one being written now stays. Neither counts as cached. */
START_TEST (test_sound_cache_removes_partial_files)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  g_autofree char *dir = g_build_filename (g_getenv (KIOSK_SPEAKER_CACHE_ENV), "speech", NULL);
  g_autofree char *left = NULL, *writing = NULL;
  guint64 complete;

  g_mkdir_with_parents (dir, 0700);
  left = test_util_write (dir, "left.wav.AbC123", "half a sentence");
  writing = test_util_write (dir, "writing.wav.XyZ789", "a sentence being written");
  used_minutes_ago (left, 2);
  kiosk_speaker_set_cache_limit (speaker, KIOSK_SPEAKER_CACHE_LIMIT);
  ck_assert_msg (!g_file_test (left, G_FILE_TEST_EXISTS), "a partial file left two minutes ago is kept");
  ck_assert_msg (g_file_test (writing, G_FILE_TEST_EXISTS), "a file being written was removed");
  complete = cache_on_disk (0) - strlen ("a sentence being written");
  ck_assert_uint_eq (kiosk_speaker_get_cache_size (speaker), complete);
  g_unlink (writing);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk-media");
  TCase *tc = tcase_create ("kiosk-media");

  /* The sound cache goes into a folder of the test's own, empty at the start. */
  g_autofree char *cache = g_build_filename (g_get_tmp_dir (), "banlang-kiosk-media-cache-XXXXXX", NULL);
  g_setenv (KIOSK_SPEAKER_CACHE_ENV, g_mkdtemp (cache), TRUE);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_listen_on_every_page);
  tcase_add_test (tc, test_page_change_and_idle_stop_sound);
  tcase_add_test (tc, test_recording_beats_synthesis);
  tcase_add_test (tc, test_fallback_voice_announced);
  tcase_add_test (tc, test_pages_show_pictures);
  tcase_add_test (tc, test_every_icon_resolves);
  tcase_add_test (tc, test_home_sections_show_pictograms);
  tcase_add_test (tc, test_qr_codes_decode);
  tcase_add_test (tc, test_attract_greets_and_shows_pictures);
  tcase_add_test (tc, test_wizard_listen_and_take_home);
  tcase_add_test (tc, test_language_button_greets);
  tcase_add_test (tc, test_wizard_in_fallback_language);
  tcase_add_test (tc, test_home_listen_says_sections);
  tcase_add_test (tc, test_search_listen_says_results);
  tcase_add_test (tc, test_notices_listen_says_titles_and_summaries);
  tcase_add_test (tc, test_notices_listen_says_every_language);
  tcase_add_test (tc, test_long_topic_shows_more);
  tcase_add_test (tc, test_sound_cache_is_bounded);
  tcase_add_test (tc, test_sound_cache_keeps_what_is_queued);
  tcase_add_test (tc, test_sound_cache_removes_partial_files);
  tcase_add_test (tc, test_jpeg_and_webp_pictures_show);
  tcase_add_test (tc, test_pictures_kept_are_bounded);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
