/* test-kiosk.c: the kiosk as a villager meets it, in a real GTK window under Xvfb.
 *
 * Each test taps its way through the real window on the demo content, checks what a person
 * would see, walks the widget tree for touch targets under 64 px, and saves a PNG of the page
 * it reached into the build directory (kiosk-screens/) for a person to look at.
 */
#include "config.h"
#include "kiosk-language.h"
#include "kiosk-window.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static ContentStore *store;
static KioskWindow *window;

static void
settle (void)
{
  /* Let GTK lay out and draw: a few frames' worth of main-loop work. */
  for (int i = 0; i < 40; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
setup (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  kiosk_language_init ();
  gtk_init ();
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  gtk_css_provider_load_from_resource (css, "/org/banlang/kiosk/kiosk.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_clear_object (&store);
  test_util_dir_teardown ();
}

/* Saves what the window shows to build/kiosk-screens/@name.png. */
static void
screenshot (const char *name)
{
  g_autofree char *dir = g_build_filename (BANLANG_BUILD_ROOT, "kiosk-screens", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  ck_assert_ptr_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (dir, 0755);
  ck_assert (gdk_texture_save_to_png (texture, path));
}

/* The first button under @widget whose target is @target. */
static GtkWidget *
find_button (GtkWidget *widget, const char *target)
{
  const char *t = g_object_get_data (G_OBJECT (widget), "kiosk-target");

  if (GTK_IS_BUTTON (widget) && g_strcmp0 (t, target) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
tap (const char *target)
{
  GtkWidget *button = find_button (kiosk_window_get_page (window), target);

  ck_assert_msg (button != NULL, "no button for %s on %s", target, kiosk_window_get_current (window));
  g_signal_emit_by_name (button, "clicked");
  settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), target);
}

/* Every visible button of the window must be at least 64 px both ways. */
static void
check_touch_targets (GtkWidget *widget, GString *small)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget)
      && (gtk_widget_get_width (widget) < 64 || gtk_widget_get_height (widget) < 64))
    g_string_append_printf (small, "\n  %s %dx%d", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_touch_targets (c, small);
}

static void
assert_touch_targets (void)
{
  g_autoptr(GString) small = g_string_new (NULL);

  check_touch_targets (GTK_WIDGET (window), small);
  ck_assert_msg (small->len == 0, "touch targets under 64 px on %s:%s", kiosk_window_get_current (window), small->str);
}

/* TRUE when some label under @widget shows text containing @piece. */
static gboolean
shows (GtkWidget *widget, const char *piece)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), piece) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows (c, piece))
      return TRUE;
  return FALSE;
}

START_TEST (test_home_section_topic_item)
{
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
  ck_assert (shows (kiosk_window_get_page (window), "Pháp luật"));
  assert_touch_targets ();
  screenshot ("home");
  tap ("topic:law");
  assert_touch_targets ();
  screenshot ("section-law");
  tap ("topic:law-family");
  assert_touch_targets ();
  tap ("item:law-hon-nhan-gia-dinh-2014");
  ck_assert (shows (kiosk_window_get_page (window), "52/2014/QH13"));
  ck_assert (shows (kiosk_window_get_page (window), "Nhắn HONNHAN tới"));
  ck_assert (shows (kiosk_window_get_page (window), "0000 000 000"));
  assert_touch_targets ();
  screenshot ("item-law");
  kiosk_window_back (window);
  settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "topic:law-family");
  kiosk_window_home (window);
  settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
}
END_TEST

START_TEST (test_every_section_reaches_an_item)
{
  static const char *const paths[][3] = {
    { "topic:support", "topic:support-allowance", "item:social-pension" },
    { "topic:ocop-tourism", "topic:tourism", "topic:tourism-highland" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      kiosk_window_home (window);
      settle ();
      for (gsize j = 0; j < 3; j++)
        tap (paths[i][j]);
      assert_touch_targets ();
    }
  tap ("item:place-hoanh-mo");
  screenshot ("item-place");
  assert_touch_targets ();
}
END_TEST

START_TEST (test_language_switch)
{
  ck_assert (shows (GTK_WIDGET (window), "Trang chủ"));
  ck_assert (shows (kiosk_window_get_page (window), "Bạn muốn tìm hiểu điều gì?"));
  tap ("topic:law");
  kiosk_window_open (window, "lang:en");
  settle ();
  /* Every visible string follows, and the page open stays open. */
  ck_assert_str_eq (kiosk_window_get_current (window), "topic:law");
  ck_assert (shows (GTK_WIDGET (window), "Home"));
  ck_assert (shows (kiosk_window_get_page (window), "Marriage and family"));
  screenshot ("section-law-en");
  kiosk_window_home (window);
  settle ();
  kiosk_window_open (window, "lang:tyz");
  settle ();
  tap ("topic:law");
  tap ("topic:law-family");
  tap ("item:law-hon-nhan-gia-dinh-2014");
  /* No Tày text yet: the Vietnamese is shown, and the page says so. */
  ck_assert (shows (kiosk_window_get_page (window), "Tiếng Việt"));
  screenshot ("item-law-tyz");
  assert_touch_targets ();
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk");
  TCase *tc = tcase_create ("kiosk");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_home_section_topic_item);
  tcase_add_test (tc, test_every_section_reaches_an_item);
  tcase_add_test (tc, test_language_switch);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
