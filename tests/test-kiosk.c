/* test-kiosk.c: the kiosk as a villager meets it, in a real GTK window under Xvfb.
 *
 * Each test taps its way through the real window on the demo content, checks what a person
 * would see, walks the widget tree for touch targets under 64 px, and saves a PNG of the page
 * it reached into the build directory (kiosk-screens/) for a person to look at.
 */
#include "config.h"
#include "content-language.h"
#include "kiosk-attract.h"
#include "kiosk-keypad.h"
#include "kiosk-language.h"
#include "kiosk-markup.h"
#include "kiosk-search-page.h"
#include "kiosk-widgets.h"
#include "kiosk-window.h"
#include "kiosk-wizard-page.h"
#include "test-kiosk-util.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static ContentStore *store;
static KioskWindow *window;

static void
setup (void)
{
  kiosk_language_init ();
  gtk_init ();
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  /* Taps here are emitted signals, which the idle timer does not see: no idle unless a test
   * asks for it, however slowly the tests run. */
  kiosk_window_set_idle_seconds (window, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_kiosk_settle ();
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  test_kiosk_settle ();
  g_clear_object (&store);
  test_util_dir_teardown ();
}


/* Taps the link to @target on the page on top, which must then be open. */
static void
tap (const char *target)
{
  GtkWidget *button = test_kiosk_find_button (kiosk_window_get_page (window), kiosk_link_button_get_target, target);

  ck_assert_msg (button != NULL, "no button for %s on %s", target, kiosk_window_get_current (window));
  test_kiosk_press (button);
  ck_assert_str_eq (kiosk_window_get_current (window), target);
}

/* Taps the keypad's key @key ("a", "7", "space", "backspace", "clear"). */
static void
tap_key (const char *key)
{
  GtkWidget *button = test_kiosk_find_button (kiosk_window_get_page (window), kiosk_keypad_button_get_key, key);

  ck_assert_msg (button != NULL, "no key %s on %s", key, kiosk_window_get_current (window));
  test_kiosk_press (button);
}

/* Types @text on the keypad, key by key. */
static void
type (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      char key[2] = { *c, '\0' };
      tap_key (*c == ' ' ? "space" : key);
    }
}

/* Runs the main loop until @done says so, for at most @seconds; returns what @done says last. */
static gboolean
wait_for (gboolean (*done) (void), double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done () && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return done ();
}

typedef struct
{
  const char *piece;
  guint count;
} ShownCount;

/* Counts @widget when it is a label showing the piece, and looks on: it matches nothing. */
static gboolean
count_label_showing (GtkWidget *widget, gpointer data)
{
  ShownCount *shown = data;

  if (test_kiosk_is_label_showing (widget, (gpointer) shown->piece))
    shown->count++;
  return FALSE;
}

/* How many labels on screen under @widget show text containing @piece. */
static guint
count_shown (GtkWidget *widget, const char *piece)
{
  ShownCount shown = { piece, 0 };

  test_kiosk_find (widget, count_label_showing, &shown);
  return shown.count;
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

START_TEST (test_home_section_topic_item)
{
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Pháp luật"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "home");
  tap ("topic:law");
  assert_touch_targets ();
  test_kiosk_screenshot (window, "section-law");
  tap ("topic:law-family");
  assert_touch_targets ();
  tap ("item:law-hon-nhan-gia-dinh-2014");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "52/2014/QH13"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Nhắn HONNHAN tới"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "0000 000 000"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "item-law");
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "topic:law-family");
  kiosk_window_home (window);
  test_kiosk_settle ();
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
      test_kiosk_settle ();
      for (gsize j = 0; j < 3; j++)
        tap (paths[i][j]);
      assert_touch_targets ();
    }
  tap ("item:place-hoanh-mo");
  test_kiosk_screenshot (window, "item-place");
  assert_touch_targets ();
}
END_TEST

START_TEST (test_language_switch)
{
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Trang chủ"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Bạn muốn tìm hiểu điều gì?"));
  tap ("topic:law");
  kiosk_window_open (window, "lang:en");
  test_kiosk_settle ();
  /* Every visible string follows, and the page open stays open. */
  ck_assert_str_eq (kiosk_window_get_current (window), "topic:law");
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Home"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Marriage and family"));
  test_kiosk_screenshot (window, "section-law-en");
  kiosk_window_home (window);
  test_kiosk_settle ();
  kiosk_window_open (window, "lang:tyz");
  test_kiosk_settle ();
  /* Nothing is in Tày yet: the bar above the home page says so, in the fallback's words. */
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Chưa có bản dịch sang Tày"));
  test_kiosk_screenshot (window, "home-tyz");
  tap ("topic:law");
  tap ("topic:law-family");
  tap ("item:law-hon-nhan-gia-dinh-2014");
  /* No Tày text yet: the Vietnamese is shown, and the page says so, once, in the bar's words. */
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Chưa có bản dịch sang Tày; đang hiển thị bằng Tiếng Việt."));
  ck_assert_uint_eq (count_shown (GTK_WIDGET (window), "đang hiển thị bằng Tiếng Việt"), 1);
  test_kiosk_screenshot (window, "item-law-tyz");
  assert_touch_targets ();
  /* Back on the topic, the bar says it again. */
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_uint_eq (count_shown (GTK_WIDGET (window), "Chưa có bản dịch sang Tày"), 1);
}
END_TEST

/* The search a villager makes: "hon nhan" tapped on the kiosk's keys, without accents, finds the
 * Marriage and Family law, and the keys correct and clear what was typed. */
START_TEST (test_search_by_keypad)
{
  KioskSearchPage *page;
  KioskKeypad *keypad;

  tap ("search");
  page = KIOSK_SEARCH_PAGE (kiosk_window_get_page (window));
  keypad = kiosk_search_page_get_keypad (page);
  ck_assert_uint_eq (kiosk_search_page_get_n_results (page), 0);
  assert_touch_targets ();
  type ("hon");
  ck_assert_str_eq (kiosk_keypad_get_text (keypad), "hon");
  /* Results follow every key, before the word is finished. */
  ck_assert_uint_gt (kiosk_search_page_get_n_results (page), 0);
  type (" nhanx");
  tap_key ("backspace");
  ck_assert_str_eq (kiosk_keypad_get_text (keypad), "hon nhan");
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Luật Hôn nhân và gia đình"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "search-hon-nhan");
  tap ("item:law-hon-nhan-gia-dinh-2014");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "52/2014/QH13"));
  /* Back finds the search as it was left. */
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_keypad_get_text (keypad), "hon nhan");
  tap_key ("clear");
  ck_assert_str_eq (kiosk_keypad_get_text (keypad), "");
  ck_assert_uint_eq (kiosk_search_page_get_n_results (page), 0);
  type ("qqqzzz");
  ck_assert_uint_eq (kiosk_search_page_get_n_results (page), 0);
  ck_assert (test_kiosk_shows (GTK_WIDGET (page), "Không tìm thấy"));
}
END_TEST

/* The result card of @benefit: the box holding the link to its page. */
static GtkWidget *
result_card (const char *benefit)
{
  g_autofree char *target = g_strconcat ("item:", benefit, NULL);
  GtkWidget *link = test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_link_button_get_target, target);

  return link != NULL ? gtk_widget_get_parent (link) : NULL;
}

START_TEST (test_wizard_social_pension)
{
  const char *question;
  guint asked = 0;
  GtkWidget *card;

  tap ("topic:support");
  tap ("wizard");
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  assert_touch_targets ();
  test_kiosk_screenshot (window, "wizard-first-question");
  while ((question = kiosk_wizard_page_get_question (test_kiosk_wizard (window))) != NULL)
    {
      g_autofree char *before = g_strdup (question);

      ck_assert_uint_lt (++asked, 20);
      if (g_str_equal (before, "age"))
        {
          type ("76");
          assert_touch_targets ();
          test_kiosk_screenshot (window, "wizard-age");
          /* Back returns to the question before, and forward again asks this one. */
          if (asked > 1)
            {
              kiosk_window_back (window);
              test_kiosk_settle ();
              ck_assert_str_ne (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), "age");
              test_kiosk_answer_as_76_without_pension (window, kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
              ck_assert_str_eq (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), "age");
              type ("76");
            }
          test_kiosk_tap_answer (window, "ok");
        }
      else
        test_kiosk_answer_as_76_without_pension (window, before);
      ck_assert_str_eq (kiosk_window_get_current (window), "wizard");
    }
  ck_assert_uint_gt (asked, 1);
  card = result_card ("social-pension");
  ck_assert_msg (card != NULL, "no social pension among the results");
  ck_assert (gtk_widget_has_css_class (card, "eligible"));
  ck_assert (test_kiosk_shows (card, "75"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "wizard-results");
  /* Back from the results goes to the last question, with its answer forgotten. */
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_ptr_nonnull (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
  ck_assert_str_eq (kiosk_window_get_current (window), "wizard");
}
END_TEST

/* A number out of the question's bounds is said on the screen; the question stays. */
START_TEST (test_wizard_refuses_bad_number)
{
  tap ("topic:support");
  tap ("wizard");
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  while (g_strcmp0 (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), "age") != 0)
    {
      ck_assert_ptr_nonnull (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
      test_kiosk_tap_answer (window, "unknown");
    }
  type ("999");
  test_kiosk_tap_answer (window, "ok");
  ck_assert_str_eq (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), "age");
  ck_assert (test_kiosk_shows (GTK_WIDGET (test_kiosk_wizard (window)), "kiểm tra lại số"));
}
END_TEST

static gboolean
is_idle (void)
{
  return kiosk_window_is_idle (window);
}

/* After the idle time nothing of the last person is left: pages, search text, language. */
START_TEST (test_idle_forgets_everything)
{
  KioskKeypad *keypad;

  kiosk_window_open (window, "lang:en");
  test_kiosk_settle ();
  tap ("search");
  type ("rung");
  kiosk_window_set_idle_seconds (window, 1);
  ck_assert (!kiosk_window_is_idle (window));
  ck_assert (wait_for (is_idle, 5));
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_lang (window), "vi");
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
  ck_assert (test_kiosk_shows (kiosk_window_get_attract (window), "Chạm vào màn hình để bắt đầu"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "attract");
  /* Featured items take turns: the current notices first, then products and places. */
  {
    KioskAttract *attract = KIOSK_ATTRACT (kiosk_window_get_attract (window));
    g_autofree char *first = g_strdup (kiosk_attract_get_shown (attract));

    ck_assert (g_str_has_prefix (first, "notice-"));
    kiosk_attract_next (attract);
    ck_assert_str_ne (kiosk_attract_get_shown (attract), first);
  }
  kiosk_window_set_idle_seconds (window, 0);
  /* A tap anywhere but on the featured item starts again, on the home page in Vietnamese. */
  test_kiosk_press (test_kiosk_find_button (kiosk_window_get_attract (window), kiosk_attract_button_get_item, NULL));
  ck_assert (!kiosk_window_is_idle (window));
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Trang chủ"));
  tap ("search");
  keypad = kiosk_search_page_get_keypad (KIOSK_SEARCH_PAGE (kiosk_window_get_page (window)));
  ck_assert_str_eq (kiosk_keypad_get_text (keypad), "");
}
END_TEST

/* Tapping the featured item on the attract screen opens that item, with Home under it. */
START_TEST (test_attract_opens_featured_item)
{
  KioskAttract *attract;
  g_autofree char *target = NULL;
  GtkWidget *card;

  kiosk_window_idle (window);
  test_kiosk_settle ();
  attract = KIOSK_ATTRACT (kiosk_window_get_attract (window));
  /* Not the first featured item: the one shown at the time of the tap. */
  kiosk_attract_next (attract);
  test_kiosk_settle ();
  target = g_strconcat ("item:", kiosk_attract_get_shown (attract), NULL);
  card = test_kiosk_find_button (GTK_WIDGET (attract), kiosk_attract_button_get_item, target + 5);
  ck_assert_msg (card != NULL, "no featured item to tap");
  test_kiosk_press (card);
  ck_assert (!kiosk_window_is_idle (window));
  ck_assert_str_eq (kiosk_window_get_current (window), target);
  test_kiosk_screenshot (window, "attract-opened-item");
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
}
END_TEST

static gboolean
warning_shown (void)
{
  return kiosk_window_get_idle_warning_shown (window);
}

/* "Are you still there?" comes before the reset; its button keeps the page, and large text is
 * forgotten with the reader. */
START_TEST (test_idle_warning)
{
  tap ("search");
  kiosk_window_set_large_text (window, TRUE);
  kiosk_window_set_idle_seconds (window, 3);
  ck_assert (wait_for (warning_shown, 5));
  ck_assert (!kiosk_window_is_idle (window));
  ck_assert (test_kiosk_shows (GTK_WIDGET (window), "Bạn vẫn đang xem chứ?"));
  test_kiosk_settle ();
  test_kiosk_screenshot (window, "idle-warning");
  kiosk_window_set_idle_seconds (window, 3);
  ck_assert (!kiosk_window_get_idle_warning_shown (window));
  ck_assert_str_eq (kiosk_window_get_current (window), "search");
  ck_assert (wait_for (is_idle, 6));
  ck_assert (!gtk_widget_has_css_class (GTK_WIDGET (window), "large-text"));
  kiosk_window_set_idle_seconds (window, 0);
}
END_TEST

/* Back keeps the answer given: it is shown chosen. */
START_TEST (test_wizard_back_keeps_answer)
{
  g_autofree char *first = NULL;
  GtkWidget *button;

  tap ("wizard");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "nhiều nhất"));
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Câu 1 (nhiều nhất"));
  first = g_strdup (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
  test_kiosk_tap_answer (window, "unknown");
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), first);
  button = test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_wizard_page_button_get_answer, "unknown");
  ck_assert (gtk_widget_has_css_class (button, "chosen"));
}
END_TEST

/* Locked, the kiosk cannot be closed or left. */
START_TEST (test_locked_refuses_to_close)
{
  kiosk_window_set_locked (window, TRUE);
  test_kiosk_settle ();
  ck_assert (!gtk_window_get_decorated (GTK_WINDOW (window)));
  gtk_window_close (GTK_WINDOW (window));
  test_kiosk_settle ();
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (window)));
  kiosk_window_set_locked (window, FALSE);
}
END_TEST

/* A law leads to the guides that explain it; a product shows its stars and producer. */
START_TEST (test_law_guides_and_product)
{
  tap ("topic:law");
  tap ("topic:law-family");
  tap ("item:law-hon-nhan-gia-dinh-2014");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Giải thích bằng lời dễ hiểu"));
  tap ("item:guide-tuoi-ket-hon");
  tap ("item:law-hon-nhan-gia-dinh-2014");
  kiosk_window_home (window);
  test_kiosk_settle ();
  tap ("topic:ocop-tourism");
  tap ("topic:ocop");
  tap ("topic:ocop-drink-herbal");
  tap ("item:product-che-duong-hoa");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "★★★★ (4 sao)"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Công ty TNHH Thuấn Quỳnh"));
  assert_touch_targets ();
  test_kiosk_screenshot (window, "item-product");
}
END_TEST

/* An OCOP product as an officer would write it with its price and phone (both made up: no
 * real business's number goes into a test). */
static const char example_product[] =
  "{\"id\": \"product-vi-du\", \"kind\": \"product\", \"status\": \"published\", \"topics\": [\"ocop-drink-herbal\"],"
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"sample\", \"sources\": [{\"title\": \"test\"}],"
  " \"texts\": {\"vi\": {\"title\": \"Sản phẩm ví dụ\", \"body\": \"Chỉ để thử.\"}},"
  " \"product\": {\"stars\": 3, \"year_rated\": null, \"producer\": \"Cơ sở ví dụ\", \"commune\": \"xã Đường Hoa\","
  " \"category\": \"drink\", \"price\": {\"vi\": \"120.000 đồng một hộp\"}, \"phone\": \"0000 000 001\"}}";

/* A product's page shows its price and phone where the content knows them, and no such line
 * where it does not; a place's page shows whom to contact and where it is. */
START_TEST (test_product_price_and_place_contacts)
{
  g_autofree char *path = test_util_write (test_dir, "example/product/product-vi-du.json", example_product);

  kiosk_window_open (window, "item:product-che-duong-hoa");
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Nơi sản xuất:"));
  ck_assert (!test_kiosk_shows (kiosk_window_get_page (window), "Giá:"));
  ck_assert (!test_kiosk_shows (kiosk_window_get_page (window), "Điện thoại:"));
  test_util_import (store, path);
  kiosk_window_open (window, "item:product-vi-du");
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Giá: 120.000 đồng một hộp"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Điện thoại: 0000 000 001"));
  kiosk_window_open (window, "item:place-ban-cau");
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Liên hệ: Lý Thị Hoàng (Trưởng bản Bản Càu)"));
  /* The place names its own kind of commune: not "Xã: xã Lục Hồn". */
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Địa phương: xã Lục Hồn"));
  test_kiosk_screenshot (window, "item-place-contacts");
}
END_TEST

static char *opened;

static void
record_open (gpointer user_data, const char *target)
{
  g_free (opened);
  opened = g_strdup (target);
}

/* Every word worth a lookup names the item of that id. */
static char *
echo_word (const char *word, gpointer user_data)
{
  return g_strdup (word);
}

/* The label on screen under @widget whose text contains @piece, or NULL. */
static GtkWidget *
find_label (GtkWidget *widget, const char *piece)
{
  return test_kiosk_find (widget, test_kiosk_is_label_showing, (gpointer) piece);
}

/* Numbered steps keep their numbers, nested lists their place, code its text; a linked word
 * opens its item. */
START_TEST (test_markup_lists_and_code)
{
  const KioskPageContext ctx = { .open = record_open };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *holder = GTK_WINDOW (gtk_window_new ());
  g_autoptr(ContentBody) body = content_body_parse ("3. ba\n4. bốn\n\n- a\n  - b\n\n  đoạn hai\n\n```\nx < y\n```\n\nxem law-x\n",
                                                    echo_word, NULL);
  gboolean handled = FALSE;

  kiosk_markup_append (GTK_BOX (box), body, &ctx);
  /* On screen: find_label, like a person, looks only at what is shown. */
  gtk_window_set_child (holder, box);
  gtk_window_present (holder);
  ck_assert (test_kiosk_shows (box, "3.  ba"));
  ck_assert (test_kiosk_shows (box, "4.  bốn"));
  ck_assert_int_eq (gtk_widget_get_margin_start (find_label (box, "•  a")), 0);
  ck_assert_int_gt (gtk_widget_get_margin_start (find_label (box, "•  b")), 0);
  ck_assert_int_eq (gtk_widget_get_margin_start (find_label (box, "đoạn hai")),
                    gtk_widget_get_margin_start (find_label (box, "•  b")));
  ck_assert (!test_kiosk_shows (box, "ađoạn"));
  ck_assert (test_kiosk_shows (box, "x < y"));
  ck_assert (strstr (gtk_label_get_label (GTK_LABEL (find_label (box, "xem"))), "href=\"item:law-x\"") != NULL);
  g_signal_emit_by_name (find_label (box, "xem"), "activate-link", "item:law-x", &handled);
  ck_assert (handled);
  ck_assert_str_eq (opened, "item:law-x");
  g_clear_pointer (&opened, g_free);
  gtk_window_destroy (holder);
}
END_TEST

/* A code in a body is a link to its item, but never to the page it is on; headings and lists
 * keep their form on a real page. */
START_TEST (test_body_links_items)
{
  GtkWidget *label;
  gboolean handled = FALSE;

  kiosk_window_open (window, "item:law-hon-nhan-gia-dinh-2014");
  test_kiosk_settle ();
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Điều kiện kết hôn (Điều 8)"));
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "•  Nam từ đủ 20 tuổi"));
  label = find_label (kiosk_window_get_page (window), "52/2014/QH13 được");
  ck_assert (strstr (gtk_label_get_label (GTK_LABEL (label)), "href") == NULL);
  test_kiosk_screenshot (window, "item-law-body");
  kiosk_window_open (window, "item:place-ba-che");
  test_kiosk_settle ();
  label = find_label (kiosk_window_get_page (window), "xem TRAHOAVANG");
  ck_assert (strstr (gtk_label_get_label (GTK_LABEL (label)), "href=\"item:product-tra-hoa-vang-ba-che\"") != NULL);
  test_kiosk_screenshot (window, "item-place-links");
  g_signal_emit_by_name (label, "activate-link", "item:product-tra-hoa-vang-ba-che", &handled);
  test_kiosk_settle ();
  ck_assert (handled);
  ck_assert_str_eq (kiosk_window_get_current (window), "item:product-tra-hoa-vang-ba-che");
}
END_TEST

/* Presses @keyval on the keyboard, as far as the window's own key handlers see it. */
static void
press_key (guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  ck_assert_msg (handled, "nothing took the key %s", gdk_keyval_name (keyval));
  test_kiosk_settle ();
}

static gboolean
is_started (void)
{
  return !kiosk_window_is_idle (window);
}

/* TRUE once the page on top is the only one shown (a stack's crossfade shows two: the
 * attract screen and the pages, or two pages). */
static gboolean
page_alone (void)
{
  return !gtk_stack_get_transition_running (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))))
         && !gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_parent (kiosk_window_get_page (window))));
}

/* Presses Tab @times times; every stop must be something that can be pressed (a button, or a
 * link in the text, which Enter opens), and is added to @stops. Returns the last link stopped
 * at, or NULL. */
static GtkWidget *
tab_through (int times, GHashTable *stops)
{
  GtkWidget *link = NULL;

  for (int i = 0; i < times; i++)
    {
      GtkWidget *focus;

      ck_assert (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      ck_assert_msg (GTK_IS_BUTTON (focus) || (GTK_IS_LABEL (focus) && strstr (gtk_label_get_label (GTK_LABEL (focus)), "href") != NULL),
                     "Tab stopped on a %s, which does nothing", G_OBJECT_TYPE_NAME (focus));
      if (GTK_IS_LABEL (focus))
        link = focus;
      g_hash_table_add (stops, focus);
    }
  return link;
}

/* How many of @stops are language buttons. */
static guint
count_languages (GHashTable *stops)
{
  GHashTableIter iter;
  gpointer widget;
  guint n = 0;

  g_hash_table_iter_init (&iter, stops);
  while (g_hash_table_iter_next (&iter, &widget, NULL))
    n += gtk_widget_has_css_class (widget, "language");
  return n;
}

/* Staff with a keyboard alone: Enter starts from the attract screen; Tab stops only at what
 * can be pressed, once for each tile of Home (not first at the cell of the languages' flow box
 * around it); Escape goes back. */
START_TEST (test_keyboard_alone)
{
  g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
  GtkWidget *focus, *link;

  kiosk_window_idle (window);
  test_kiosk_settle ();
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  ck_assert_msg (focus != NULL && GTK_IS_BUTTON (focus), "nothing to press Enter on");
  /* A button pressed by key shows itself pressed a moment before it acts. */
  gtk_widget_activate (focus);
  ck_assert (wait_for (is_started, 5));
  ck_assert_str_eq (kiosk_window_get_current (window), "home");
  ck_assert (wait_for (page_alone, 5));
  /* Round Home and its bar (about 22 stops), and on. */
  tab_through (30, stops);
  ck_assert_uint_eq (count_languages (stops), content_language_list ()->len);
  kiosk_window_open (window, "item:place-ba-che");
  ck_assert (wait_for (page_alone, 5));
  /* Twice round the page and its bar. */
  link = tab_through (16, stops);
  ck_assert_msg (link != NULL, "Tab never reached the link to TRAHOAVANG");
  gtk_widget_grab_focus (link);
  g_signal_emit_by_name (link, "activate-current-link");
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "item:product-tra-hoa-vang-ba-che");
  press_key (GDK_KEY_Escape);
  ck_assert_str_eq (kiosk_window_get_current (window), "item:place-ba-che");
}
END_TEST

static const char *
button_label (GtkWidget *button)
{
  return gtk_button_get_label (GTK_BUTTON (button));
}

/* "See the results now" shows what is known so far; Back returns to the same question, and
 * "Start again" forgets every answer. */
START_TEST (test_wizard_results_early_and_again)
{
  g_autofree char *first = NULL;

  tap ("topic:support");
  ck_assert (test_kiosk_shows (kiosk_window_get_page (window), "Nhắn HOTRO tới 0000 000 000"));
  tap ("wizard");
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  first = g_strdup (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
  test_kiosk_tap_answer (window, "unknown");
  ck_assert_str_ne (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), first);
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), button_label, "Xem kết quả ngay"));
  ck_assert_ptr_null (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
  ck_assert (test_kiosk_shows (GTK_WIDGET (test_kiosk_wizard (window)), "Cần hỏi thêm"));
  /* Undecided cards say where to ask and what to take along. */
  ck_assert (test_kiosk_shows (result_card ("free-legal-aid"), "Cần mang theo:"));
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_ptr_nonnull (kiosk_wizard_page_get_question (test_kiosk_wizard (window)));
  ck_assert_str_ne (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), first);
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), button_label, "Xem kết quả ngay"));
  test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), button_label, "Làm lại từ đầu"));
  ck_assert_str_eq (kiosk_wizard_page_get_question (test_kiosk_wizard (window)), first);
  /* Back on the first question goes to the start page, and from there out of the wizard. */
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_wizard_page_get_view (test_kiosk_wizard (window)), "start");
  kiosk_window_back (window);
  test_kiosk_settle ();
  ck_assert_str_eq (kiosk_window_get_current (window), "topic:support");
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
  tcase_add_test (tc, test_search_by_keypad);
  tcase_add_test (tc, test_wizard_social_pension);
  tcase_add_test (tc, test_wizard_refuses_bad_number);
  tcase_add_test (tc, test_idle_forgets_everything);
  tcase_add_test (tc, test_locked_refuses_to_close);
  tcase_add_test (tc, test_law_guides_and_product);
  tcase_add_test (tc, test_product_price_and_place_contacts);
  tcase_add_test (tc, test_markup_lists_and_code);
  tcase_add_test (tc, test_body_links_items);
  tcase_add_test (tc, test_wizard_results_early_and_again);
  tcase_add_test (tc, test_idle_warning);
  tcase_add_test (tc, test_attract_opens_featured_item);
  tcase_add_test (tc, test_keyboard_alone);
  tcase_add_test (tc, test_wizard_back_keeps_answer);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
