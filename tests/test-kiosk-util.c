/* test-kiosk-util.c: helpers of the kiosk's GUI tests (see test-kiosk-util.h). */
#include "config.h"
#include "test-kiosk-util.h"
#include "kiosk-keypad.h"

#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

void
test_kiosk_settle (void)
{
  for (int i = 0; i < 40; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

void
test_kiosk_screenshot (KioskWindow *window, const char *name)
{
  g_autofree char *dir = g_build_filename (BANLANG_BUILD_ROOT, "kiosk-screens", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  ck_assert_msg (kiosk_window_save_png (window, path, &error), "%s", error != NULL ? error->message : "");
}

GtkWidget *
test_kiosk_find (GtkWidget *widget, TestKioskMatch match, gpointer data)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (match (widget, data))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_kiosk_find (c, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
test_kiosk_is_label_showing (GtkWidget *widget, gpointer piece)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), piece) != NULL;
}

typedef struct
{
  TestKioskButtonValue value;
  const char *wanted;
} ButtonWanted;

static gboolean
is_button_wanted (GtkWidget *widget, gpointer data)
{
  const ButtonWanted *button = data;

  return GTK_IS_BUTTON (widget) && g_strcmp0 (button->value (widget), button->wanted) == 0;
}

GtkWidget *
test_kiosk_find_button (GtkWidget *widget, TestKioskButtonValue value, const char *wanted)
{
  ButtonWanted button = { value, wanted };

  return test_kiosk_find (widget, is_button_wanted, &button);
}

void
test_kiosk_press (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  test_kiosk_settle ();
}

gboolean
test_kiosk_shows (GtkWidget *widget, const char *piece)
{
  if (test_kiosk_is_label_showing (widget, (gpointer) piece))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (test_kiosk_shows (c, piece))
      return TRUE;
  return FALSE;
}

void
test_kiosk_assert_own_icons (GtkWidget *widget, const char *where, TestKioskIconAllowed allowed)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  if (GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_ICON_NAME)
    {
      const char *name = gtk_image_get_icon_name (GTK_IMAGE (widget));
      ck_assert_msg (gtk_icon_theme_has_icon (theme, name), "icon %s does not resolve (on %s)", name, where);
      /* Shown ones: GTK's tooltip window keeps an image-missing of its own, never shown. */
      ck_assert_msg (!gtk_widget_get_mapped (widget) || g_str_has_prefix (name, "banlang-")
                     || (allowed != NULL && allowed (name)),
                     "icon %s is not the kiosk's own (on %s)", name, where);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    test_kiosk_assert_own_icons (c, where, allowed);
}

KioskWizardPage *
test_kiosk_wizard (KioskWindow *window)
{
  return KIOSK_WIZARD_PAGE (kiosk_window_get_page (window));
}

void
test_kiosk_tap_answer (KioskWindow *window, const char *answer)
{
  KioskWizardPage *wizard = test_kiosk_wizard (window);
  GtkWidget *button = test_kiosk_find_button (GTK_WIDGET (wizard), kiosk_wizard_page_button_get_answer, answer);

  ck_assert_msg (button != NULL, "no answer %s to %s", answer, kiosk_wizard_page_get_question (wizard));
  test_kiosk_press (button);
}

void
test_kiosk_answer_as_76_without_pension (KioskWindow *window, const char *question)
{
  if (g_str_equal (question, "age"))
    {
      for (const char *c = "76"; *c != '\0'; c++)
        {
          char key[2] = { *c, '\0' };
          GtkWidget *button = test_kiosk_find_button (GTK_WIDGET (test_kiosk_wizard (window)),
                                                      kiosk_keypad_button_get_key, key);

          ck_assert_ptr_nonnull (button);
          test_kiosk_press (button);
        }
      test_kiosk_tap_answer (window, "ok");
    }
  else if (g_str_equal (question, "has_pension"))
    test_kiosk_tap_answer (window, "no");
  else
    test_kiosk_tap_answer (window, "unknown");
}
