/* test-kiosk-sync.c: the kiosk taking its hub's updates, in a real GTK window under Xvfb, from a
 * real HTTP server on 127.0.0.1 serving a site the hub published.
 *
 * An update is fetched while someone reads a page and applied only once the attract screen
 * shows; the page then shows the new title. A hub that is down leaves the kiosk serving, and
 * the next round brings the update. What people open and the searches that found nothing reach
 * the hub's /usage in a signed batch. The staff panel opens only after the long press and the
 * right PIN, says which hub and seq, and applies a USB stick; stale content is marked on the
 * attract screen. Pictures of the staff panel and the attract screen go to kiosk-screens/.
 */
#include "config.h"
#include "kiosk-attract.h"
#include "kiosk-keypad.h"
#include "kiosk-language.h"
#include "kiosk-staff-page.h"
#include "kiosk-updater.h"
#include "kiosk-window.h"
#include "sync-key.h"
#include "sync-publisher.h"
#include "sync-receiver.h"
#include "sync-status.h"
#include "sync-usage.h"
#include "test-kiosk-util.h"
#include "test-sync-server.h"
#include "test-sync-util.h"

#include <string.h>

#define LAW "law-hon-nhan-gia-dinh-2014"
#define OLD_TITLE "Luật Hôn nhân và gia đình 2014"
#define NEW_TITLE "Luật Hôn nhân và gia đình (bản sửa của xã)"
#define PIN "2468"

static TestSyncServer *server;
static KioskWindow *window;
static KioskUpdater *updater;

/* The kiosk holds what the hub published, as after its first update. */
static void
setup (void)
{
  g_autoptr(SyncReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;

  kiosk_language_init ();
  gtk_init ();
  test_sync_scene_setup ();
  test_sync_publish (test_hub, &test_keys, test_site);
  server = test_sync_server_new (test_site, 0, 1);
  receiver = sync_receiver_new (test_kiosk, test_keys.root_pub, &error);
  ck_assert (receiver != NULL);
  ck_assert_msg (sync_receiver_pull (receiver, test_sync_server_get_url (server), 0, NULL, NULL, &error),
                 "%s", error != NULL ? error->message : "");
}

static void
wait_idle (void)
{
  while (kiosk_updater_is_busy (updater))
    g_main_context_iteration (NULL, TRUE);
  test_kiosk_settle ();
}

static void
teardown (void)
{
  if (updater != NULL)
    wait_idle ();
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  test_kiosk_settle ();
  window = NULL;
  g_clear_object (&updater);
  g_clear_pointer (&server, test_sync_server_free);
  test_sync_scene_teardown ();
}

/* The window on the kiosk's store, taking updates through @url (NULL: USB sticks only) and
 * posting usage to @usage_url with the key @usage_key (both NULL: none). */
static void
start (const char *url, const char *usage_url, const char *usage_key)
{
  g_autoptr(GError) error = NULL;

  updater = kiosk_updater_new (test_kiosk, test_keys.root_pub, url, usage_url, usage_key, &error);
  ck_assert_msg (updater != NULL, "%s", error != NULL ? error->message : "");
  window = kiosk_window_new (NULL, test_kiosk, "vi", "0000 000 000");
  /* Idle only when a test says so (taps here are emitted signals the idle timer does not see). */
  kiosk_window_set_idle_seconds (window, 0);
  kiosk_window_set_updater (window, updater);
  kiosk_window_set_staff_pin (window, PIN);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_kiosk_settle ();
}

/* An officer corrects the law's title on the hub, which publishes it. */
static void
hub_renames_law (void)
{
  g_autofree char *seed = g_build_filename (BANLANG_SOURCE_ROOT, "content", "seed", "law", LAW ".json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *dir = test_util_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GString) changed = NULL;

  ck_assert (g_file_get_contents (seed, &json, NULL, NULL));
  changed = g_string_new (json);
  ck_assert_uint_eq (g_string_replace (changed, "\"title\": \"" OLD_TITLE "\"", "\"title\": \"" NEW_TITLE "\"", 1), 1);
  path = test_util_write (dir, LAW ".json", changed->str);
  test_util_import (test_hub, path);
  test_util_rm_rf (dir);
  test_sync_publish (test_hub, &test_keys, test_site);
}

static void
open_page (const char *target)
{
  kiosk_window_open (window, target);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), target);
}

/* Fetched while a person reads the law, nothing on the page changes, not even when the fetch
 * is done; once the attract screen shows, the update is applied and the law's page, opened by
 * the next person, shows the new title. */
START_TEST (test_update_waits_for_attract)
{
  start (test_sync_server_get_url (server), NULL, NULL);
  open_page ("item:" LAW);
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), OLD_TITLE));

  hub_renames_law ();
  kiosk_updater_run (updater);
  wait_idle ();
  ck_assert (kiosk_updater_get_pending (updater));
  ck_assert_int_lt (test_util_seq (test_kiosk), test_util_seq (test_hub));
  ck_assert_str_eq (kiosk_window_get_current (window), "item:" LAW);
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), OLD_TITLE));
  ck_assert (!test_kiosk_shows (kiosk_window_get_page (window), NEW_TITLE));

  kiosk_window_idle (window);
  wait_idle ();
  ck_assert (!kiosk_updater_get_pending (updater));
  ck_assert_int_eq (test_util_seq (test_kiosk), test_util_seq (test_hub));
  ck_assert (kiosk_window_is_idle (window));
  g_signal_emit_by_name (kiosk_window_get_attract (window), "dismissed");
  test_kiosk_settle ();
  open_page ("item:" LAW);
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), NEW_TITLE));
}
END_TEST

/* The hub does not answer: while the pull waits and retries, people still go from page to page;
 * the content stays as it was. Back at its address, the next round brings the update. */
START_TEST (test_hub_down_kiosk_serves)
{
  g_autofree char *url = g_strdup (test_sync_server_get_url (server));
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  gint64 seq = test_util_seq (test_kiosk);

  g_clear_pointer (&server, test_sync_server_free);
  start (url, NULL, NULL);
  hub_renames_law ();
  kiosk_updater_run (updater);
  ck_assert (kiosk_updater_is_busy (updater));
  open_page ("topic:law");
  open_page ("item:" LAW);
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), OLD_TITLE));
  wait_idle ();
  ck_assert_ptr_nonnull (kiosk_updater_get_last_error (updater));
  ck_assert (!kiosk_updater_get_pending (updater));
  ck_assert_int_eq (test_util_seq (test_kiosk), seq);
  ck_assert_str_eq (kiosk_window_get_current (window), "item:" LAW);

  server = test_sync_server_new_full (test_site, 0, 1, g_uri_get_port (uri));
  kiosk_updater_run (updater);
  wait_idle ();
  ck_assert_ptr_null (kiosk_updater_get_last_error (updater));
  ck_assert (kiosk_updater_get_pending (updater));
  kiosk_window_idle (window);
  wait_idle ();
  ck_assert_int_eq (test_util_seq (test_kiosk), test_util_seq (test_hub));
}
END_TEST

static GtkGesture *
find_drag (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkGesture *found = find_drag (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
staff_open (void)
{
  return g_strcmp0 (kiosk_window_get_current (window), "staff") == 0;
}

/* Holds the bar's corner, as staff do, until the panel opens (the check's timeout bounds it). */
static void
hold_corner (void)
{
  GtkGesture *gesture = find_drag (GTK_WIDGET (window));

  ck_assert_ptr_nonnull (gesture);
  g_signal_emit_by_name (gesture, "drag-begin", 4.0, 4.0);
  while (!staff_open ())
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (gesture, "drag-end", 0.0, 0.0);
  test_kiosk_settle ();
}

/* Taps the keys of @keys on the page's keypad. */
static void
type_keys (const char *keys)
{
  GtkWidget *page = kiosk_window_get_page (window);

  for (const char *c = keys; *c != '\0'; c++)
    {
      char key[2] = { *c, '\0' };
      GtkWidget *button = test_kiosk_find_button (page, kiosk_keypad_button_get_key, key);
      ck_assert_msg (button != NULL, "no key %s", key);
      test_kiosk_press (button);
    }
}

static const char *
button_label (GtkWidget *button)
{
  return gtk_button_get_label (GTK_BUTTON (button));
}

/* A button with a label showing @text (a string). */
static gboolean
is_button_showing (GtkWidget *widget, gpointer text)
{
  return GTK_IS_BUTTON (widget) && test_kiosk_shows (widget, text);
}

/* No PIN set, the long press opens nothing; with one, a wrong PIN shows nothing of the panel
 * and the right one shows the hub and the seq. */
START_TEST (test_staff_panel_pin)
{
  g_autoptr(SyncStatus) status = sync_status_read (test_kiosk, NULL);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, status->seq);
  KioskStaffPage *page;

  start (NULL, NULL, NULL);
  kiosk_window_set_staff_pin (window, NULL);
  kiosk_window_open (window, "staff");
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "home");

  kiosk_window_set_staff_pin (window, PIN);
  hold_corner ();
  page = KIOSK_STAFF_PAGE (kiosk_window_get_page (window));
  ck_assert (!test_kiosk_shows (GTK_WIDGET (page), status->hub));
  test_kiosk_screenshot (window, "staff-pin");

  type_keys ("1357");
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (page), button_label, "Xong"));
  ck_assert (!kiosk_staff_page_is_unlocked (page));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Sai mã PIN"));
  ck_assert (!test_kiosk_shows (GTK_WIDGET (page), status->hub));
  test_kiosk_screenshot (window, "staff-wrong-pin");

  type_keys (PIN);
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (page), button_label, "Xong"));
  ck_assert (kiosk_staff_page_is_unlocked (page));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), status->hub));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), seq));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Nội dung là bản mới nhất"));
  test_kiosk_assert_own_icons (GTK_WIDGET (window), "staff", NULL);
  test_kiosk_screenshot (window, "staff-panel");

  /* Left alone, the panel goes with everything else. */
  kiosk_window_idle (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
}
END_TEST

static gboolean
shows_usb_result (GtkWidget *page)
{
  return test_kiosk_shows (page, "Đã cập nhật") || test_kiosk_shows (page, "không được áp dụng");
}

/* Content the hub stopped vouching for: a small date on the attract screen, and the panel
 * says since when. A USB stick with newer content (found under /media/USER/LABEL) is applied
 * from the panel, and the mark goes. */
START_TEST (test_stale_and_usb_stick)
{
  SyncPublishOptions brief = { .lifetime = 1 };
  g_autoptr(SyncReceiver) receiver = sync_receiver_new (test_kiosk, test_keys.root_pub, NULL);
  g_autofree char *media = g_build_filename (test_dir, "media", NULL);
  g_autofree char *stick = g_build_filename (media, "staff", "USB", NULL);
  g_autoptr(GError) error = NULL;
  KioskStaffPage *page;
  GtkWidget *usb;

  test_sync_add_notices (test_hub, "short", 1);
  ck_assert (sync_publisher_publish_with_options (test_hub, test_keys.signing_key, test_site, &brief, NULL, &error));
  ck_assert (sync_receiver_pull (receiver, test_sync_server_get_url (server), 0, NULL, NULL, &error));
  /* Past the manifest's one-second life. */
  g_usleep (2 * G_USEC_PER_SEC);
  start (NULL, NULL, NULL);
  ck_assert (kiosk_updater_get_stale (updater));

  kiosk_window_idle (window);
  test_kiosk_settle ();
  ck_assert (kiosk_attract_get_stale (KIOSK_ATTRACT (kiosk_window_get_attract (window))));
  ck_assert (test_kiosk_shows (kiosk_window_get_attract (window), "Nội dung ngày"));
  test_kiosk_screenshot (window, "attract-stale");
  g_signal_emit_by_name (kiosk_window_get_attract (window), "dismissed");
  test_kiosk_settle ();

  open_page ("staff");
  page = KIOSK_STAFF_PAGE (kiosk_window_get_page (window));
  kiosk_staff_page_set_usb_root (page, media);
  type_keys (PIN);
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (page), button_label, "Xong"));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Cũ từ"));
  usb = test_kiosk_find (GTK_WIDGET (page), is_button_showing, "USB");
  ck_assert_ptr_nonnull (usb);
  test_kiosk_press (usb);
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Không tìm thấy USB"));
  test_kiosk_screenshot (window, "staff-stale");

  /* The stick carries a copy of the hub's site, as staff make it. */
  hub_renames_law ();
  {
    const char *argv[] = { "cp", "-r", test_site, stick, NULL };
    g_autofree char *user = g_path_get_dirname (stick);
    int status;

    g_mkdir_with_parents (user, 0755);
    ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
    ck_assert (g_spawn_check_wait_status (status, &error));
  }
  test_kiosk_press (usb);
  while (!shows_usb_result (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Đã cập nhật"));
  ck_assert_int_eq (test_util_seq (test_kiosk), test_util_seq (test_hub));
  ck_assert (!kiosk_updater_get_stale (updater));
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Nội dung là bản mới nhất"));
  test_kiosk_screenshot (window, "staff-usb-applied");

  /* The next person sees the new title, and no mark. */
  kiosk_window_idle (window);
  test_kiosk_settle ();
  ck_assert (!kiosk_attract_get_stale (KIOSK_ATTRACT (kiosk_window_get_attract (window))));
  g_signal_emit_by_name (kiosk_window_get_attract (window), "dismissed");
  test_kiosk_settle ();
  open_page ("item:" LAW);
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), NEW_TITLE));
}
END_TEST

/* A look at an item and a search left with nothing found (its digits masked) reach the hub's
 * /usage in a batch signed by the kiosk's key; changing language rebuilds the page without
 * counting it again. */
START_TEST (test_usage_reaches_hub)
{
  g_autofree char *usage_url = g_strconcat (test_sync_server_get_url (server), "usage", NULL);
  g_autofree char *key_path = g_build_filename (test_dir, "kiosk.key", NULL);
  g_autoptr(SyncKey) key = sync_key_generate ();
  g_autoptr(SyncUsageBatch) batch = NULL;
  g_autoptr(GPtrArray) posted = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *row;

  ck_assert (sync_key_save (key, key_path, TRUE, &error));
  start (NULL, usage_url, key_path);
  open_page ("item:" LAW);
  kiosk_window_open (window, "lang:en");
  test_kiosk_settle ();
  kiosk_window_home (window);
  open_page ("search");
  type_keys ("0912");
  kiosk_window_back (window);
  test_kiosk_settle ();

  kiosk_updater_run (updater);
  wait_idle ();
  posted = test_sync_server_get_posted (server);
  ck_assert_uint_eq (posted->len, 1);
  batch = sync_usage_batch_parse_verified (g_ptr_array_index (posted, 0), &error);
  ck_assert_msg (batch != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (sync_usage_batch_get_sender (batch), sync_key_get_id (key));
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_rows (batch)), 1);
  row = json_array_get_object_element (sync_usage_batch_get_rows (batch), 0);
  ck_assert_str_eq (json_object_get_string_member (row, "item"), LAW);
  ck_assert_str_eq (json_object_get_string_member (row, "lang"), "vi");
  ck_assert_int_eq (json_object_get_int_member (row, "count"), 1);
  ck_assert_uint_eq (json_array_get_length (sync_usage_batch_get_misses (batch)), 1);
  row = json_array_get_object_element (sync_usage_batch_get_misses (batch), 0);
  ck_assert_str_eq (json_object_get_string_member (row, "query"), "####");
  ck_assert_str_eq (json_object_get_string_member (row, "lang"), "en");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk-sync");
  TCase *tc = tcase_create ("kiosk-sync");

  tcase_add_checked_fixture (tc, setup, teardown);
  /* A hub that is down is retried with backoff inside one pull (about 16 s). */
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_update_waits_for_attract);
  tcase_add_test (tc, test_hub_down_kiosk_serves);
  tcase_add_test (tc, test_staff_panel_pin);
  tcase_add_test (tc, test_stale_and_usb_stick);
  tcase_add_test (tc, test_usage_reaches_hub);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
