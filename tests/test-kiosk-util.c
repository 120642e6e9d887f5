/* test-kiosk-util.c: helpers of the kiosk's GUI tests (see test-kiosk-util.h). */
#include "config.h"
#include "test-kiosk-util.h"

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
test_kiosk_find (GtkWidget *widget, gboolean (*match) (GtkWidget *widget))
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (match (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_kiosk_find (c, match);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
test_kiosk_find_button (GtkWidget *widget, TestKioskButtonValue value, const char *wanted)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (value (widget), wanted) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_kiosk_find_button (c, value, wanted);
      if (found != NULL)
        return found;
    }
  return NULL;
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
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), piece) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (test_kiosk_shows (c, piece))
      return TRUE;
  return FALSE;
}
