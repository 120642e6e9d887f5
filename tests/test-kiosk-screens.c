/* test-kiosk-screens.c: every page of the kiosk on every screen a cultural house may have.
 *
 * Run once per size (KIOSK_SIZE=WIDTHxHEIGHT, with an Xvfb screen of that size), one window for
 * all pages so that every size stays quick. On each page: the window still fits the screen (a
 * control that does not fit would push it past the edge, where nobody can reach it), every
 * button lies inside the window or inside the scrolled content of a scroller that does, every
 * button is at least 64 px both ways and has a name for screen readers, and no line of text is
 * longer than about 90 characters. The attract screen is checked with every item it features.
 * A picture of each page is saved as SIZE-PAGE.png in build/kiosk-screens/ for a person to look
 * at.
 */
#include "config.h"
#include "kiosk-attract.h"
#include "kiosk-language.h"
#include "kiosk-search-page.h"
#include "kiosk-keypad.h"
#include "kiosk-widgets.h"
#include "kiosk-window.h"
#include "kiosk-wizard-page.h"
#include "test-kiosk-util.h"
#include "test-util.h"

#include <string.h>

static ContentStore *store;
static KioskWindow *window;
static int width = 1280, height = 800;
static GString *failures;   /* every page's problems, told together at the end */

/* The longest line a page of long text may have, in characters (issue 13: "about 90"). */
#define LINE_CHARS 90

static void
setup (void)
{
  const char *size = g_getenv ("KIOSK_SIZE");

  if (size != NULL)
    ck_assert (sscanf (size, "%dx%d", &width, &height) == 2);
  kiosk_language_init ();
  gtk_init ();
  test_util_dir_setup ();
  store = test_util_seed_store (test_dir);
  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  kiosk_window_set_idle_seconds (window, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
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

static gboolean
has_name (GtkWidget *button)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL)
         || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* TRUE when @widget can be brought into the window: it lies inside the window, or inside the
 * content of its nearest scroller (which scrolls to it) while that scroller can be reached. */
static gboolean
reachable (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scroller == NULL)
    {
      if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
        return FALSE;
      return bounds.origin.x >= -0.5 && bounds.origin.y >= -0.5
             && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (window)) + 0.5
             && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (window)) + 0.5;
    }
  {
    GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    if (!gtk_widget_compute_bounds (widget, content, &bounds))
      return FALSE;
    if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (scroller) + 0.5)
      return FALSE;
    if (bounds.origin.y < -0.5 || bounds.origin.y + bounds.size.height > gtk_adjustment_get_upper (v) + 0.5)
      return FALSE;
    return reachable (scroller);
  }
}

static void
check_widget (GtkWidget *widget, GString *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    {
      const char *what = G_OBJECT_TYPE_NAME (widget);

      if (gtk_widget_get_width (widget) < 64 || gtk_widget_get_height (widget) < 64)
        g_string_append_printf (problems, "\n  %s %dx%d: under 64 px", what,
                                gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      if (!has_name (widget))
        g_string_append_printf (problems, "\n  %s with no accessible name", what);
      if (!reachable (widget))
        g_string_append_printf (problems, "\n  %s cannot be reached", what);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_widget (c, problems);
}

/* Checks what the window shows as @name, without a picture. */
static void
check_fit (const char *name)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  test_kiosk_settle ();
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width || gtk_widget_get_height (GTK_WIDGET (window)) > height)
    g_string_append_printf (problems, "\n  the window grew to %dx%d: something does not fit",
                            gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  check_widget (GTK_WIDGET (window), problems);
  if (problems->len > 0)
    g_string_append_printf (failures, "\n%s at %dx%d:%s", name, width, height, problems->str);
}

/* The most characters on one line of @label as laid out (the space a line breaks at is not
 * read, and not counted). */
static guint
longest_line (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  guint longest = 0;

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      g_autofree char *shown = g_strndup (text + line->start_index, line->length);

      longest = MAX (longest, (guint) g_utf8_strlen (g_strchomp (shown), -1));
    }
  return longest;
}

static void
check_line_lengths (GtkWidget *widget, GString *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) && longest_line (GTK_LABEL (widget)) > LINE_CHARS)
    {
      /* Whole characters: a byte count would cut a Vietnamese letter in half. */
      g_autofree char *start = g_utf8_substring (gtk_label_get_text (GTK_LABEL (widget)), 0, 40);

      g_string_append_printf (problems, "\n  a line of %u characters in “%s…”", longest_line (GTK_LABEL (widget)), start);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_line_lengths (c, problems);
}

/* Checks that no line under @widget, shown as @name, is longer than people read without
 * losing their place. */
static void
check_lines (const char *name, GtkWidget *widget)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  check_line_lengths (widget, problems);
  if (problems->len > 0)
    g_string_append_printf (failures, "\n%s at %dx%d:%s", name, width, height, problems->str);
}

/* Checks the page on screen and the length of its lines, and saves its picture as
 * SIZE-@name.png. */
static void
check_page (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%dx%d-%s", width, height, name);

  check_fit (name);
  check_lines (name, GTK_WIDGET (window));
  test_kiosk_screenshot (window, file);
}

/* The attract screen with each featured item in turn (a picture, a long title or summary must
 * not push the rest off the screen, nor run in lines too long); the picture of the first is
 * saved. */
static void
check_attract (void)
{
  KioskAttract *attract = KIOSK_ATTRACT (kiosk_window_get_attract (window));
  g_autofree char *first = g_strdup (kiosk_attract_get_shown (attract));

  ck_assert (first != NULL);
  check_page ("attract");
  for (kiosk_attract_next (attract); g_strcmp0 (kiosk_attract_get_shown (attract), first) != 0;
       kiosk_attract_next (attract))
    {
      g_autofree char *name = g_strdup_printf ("attract-%s", kiosk_attract_get_shown (attract));

      check_fit (name);
      check_lines (name, GTK_WIDGET (attract));
    }
}

static void
open_page (const char *target)
{
  kiosk_window_open (window, target);
  test_kiosk_settle ();
}

static void
type (const char *text)
{
  KioskKeypad *keypad = kiosk_search_page_get_keypad (KIOSK_SEARCH_PAGE (kiosk_window_get_page (window)));

  kiosk_keypad_set_text (keypad, text);
  test_kiosk_settle ();
}

START_TEST (test_every_page)
{
  const char *question;
  guint asked = 0;

  failures = g_string_new (NULL);
  check_page ("home");
  open_page ("topic:law");
  check_page ("section-law");
  open_page ("topic:law-family");
  check_page ("topic-law-family");
  open_page ("item:law-hon-nhan-gia-dinh-2014");
  check_page ("item-law");
  open_page ("item:product-che-duong-hoa");
  check_page ("item-product");
  open_page ("item:place-hoanh-mo");
  check_page ("item-place");
  open_page ("topic:support");
  check_page ("section-support");
  open_page ("notices");
  check_page ("notices");
  open_page ("search");
  check_page ("search-empty");
  type ("ocop");
  check_page ("search-ocop");
  ck_assert (kiosk_search_page_show_more (KIOSK_SEARCH_PAGE (kiosk_window_get_page (window))));
  check_page ("search-ocop-more");
  open_page ("wizard");
  ck_assert_str_eq (kiosk_wizard_page_get_view (test_kiosk_wizard (window)), "start");
  check_page ("wizard-start");
  kiosk_wizard_page_start (test_kiosk_wizard (window));
  test_kiosk_settle ();
  /* Every question a person may meet: the household answers what opens the most questions. */
  while ((question = kiosk_wizard_page_get_question (test_kiosk_wizard (window))) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("wizard-%s", question);
      g_autofree char *q = g_strdup (question);

      ck_assert_uint_lt (++asked, 20);
      check_page (name);
      if (g_str_equal (q, "age"))
        {
          test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_keypad_button_get_key, "7"));
          test_kiosk_press (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_keypad_button_get_key, "0"));
          test_kiosk_tap_answer (window, "ok");
        }
      else if (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_wizard_page_button_get_answer, "ok") != NULL)
        test_kiosk_tap_answer (window, "unknown");
      else if (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_wizard_page_button_get_answer, "no") != NULL)
        test_kiosk_tap_answer (window, g_str_equal (q, "has_pension") ? "no" : "yes");
      else if (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_wizard_page_button_get_answer, "temporary") != NULL)
        test_kiosk_tap_answer (window, "temporary");
      else if (test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)), kiosk_wizard_page_button_get_answer, "near_poor") != NULL)
        test_kiosk_tap_answer (window, "near_poor");
      else
        test_kiosk_tap_answer (window, "unknown");
    }
  check_page ("wizard-results");
  kiosk_window_set_large_text (window, TRUE);
  check_page ("wizard-results-large");
  kiosk_window_home (window);
  check_page ("home-large");
  open_page ("search");
  type ("hon nhan");
  check_page ("search-large");
  open_page ("item:place-hoanh-mo");
  check_page ("item-place-large");
  kiosk_window_set_large_text (window, FALSE);
  kiosk_window_set_high_contrast (window, TRUE);
  kiosk_window_home (window);
  check_page ("home-contrast");
  open_page ("item:law-hon-nhan-gia-dinh-2014");
  check_page ("item-law-contrast");
  kiosk_window_set_high_contrast (window, FALSE);
  kiosk_window_open (window, "lang:tyz");
  test_kiosk_settle ();
  check_page ("item-law-tyz");
  kiosk_window_home (window);
  open_page ("search");
  check_page ("search-tyz");
  kiosk_window_idle (window);
  ck_assert (kiosk_window_is_idle (window));
  check_attract ();
  if (failures->len > 0)
    g_printerr ("%s\n", failures->str);
  /* check carries only a short message: the whole list is on stderr. */
  ck_assert_msg (failures->len == 0, "%.3000s", failures->str);
  g_string_free (failures, TRUE);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk-screens");
  TCase *tc = tcase_create ("screens");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_every_page);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
