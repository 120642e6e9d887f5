/* kiosk-widgets.c: the building blocks of kiosk pages: link buttons, labels, templates.
 *
 * Everything tappable on the kiosk is a large button with words (and often an icon) that opens a
 * target through the window; nothing needs hover, long press or a keyboard.
 */
#include "config.h"
#include "kiosk-widgets.h"
#include "kiosk-resources.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#define TARGET_KEY "kiosk-target"

void
kiosk_widgets_set_template (GtkWidgetClass *widget_class, const char *name)
{
  g_autofree char *path = g_strconcat ("/org/banlang/kiosk/", name, NULL);
  g_autoptr(GBytes) template = NULL;

  /* Through the library's own resource object (not the global registry), so linking a page
   * always links its template. */
  template = g_resource_lookup_data (kiosk_get_resource (), path, 0, NULL);
  g_assert (template != NULL);
  /* The one libadwaita type templates use (kiosk_clamp_to_reading_width), known by name. */
  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_class_set_template (widget_class, template);
}

void
kiosk_widgets_dispose_template (GtkWidget *widget, GType type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  /* GTK 4.8 leaves a template's unnamed top-level child in place; a widget must unparent it. */
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static void
on_link_clicked (GtkButton *button, const KioskPageContext *ctx)
{
  ctx->open (ctx->user_data, kiosk_link_button_get_target (GTK_WIDGET (button)));
}

GtkWidget *
kiosk_link_button_new (const KioskPageContext *ctx, const char *target, const char *icon,
                       const char *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *label = kiosk_label_new (NULL, NULL);

  /* The icon's size comes from the style sheet (-gtk-icon-size): larger on section tiles. */
  if (icon != NULL && *icon != '\0')
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tile");
  kiosk_link_button_set (button, target, text);
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_clicked), (gpointer) ctx);
  return button;
}

void
kiosk_link_button_center (GtkWidget *button, GtkOrientation orientation)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_last_child (box));

  /* The label keeps all the width it is given (a centered, shrunk label would wrap letter by
   * letter); its lines are centered within it. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), orientation);
  gtk_label_set_xalign (label, 0.5);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
}

void
kiosk_link_button_set (GtkWidget *button, const char *target, const char *text)
{
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));

  g_object_set_data_full (G_OBJECT (button), TARGET_KEY, g_strdup (target), g_free);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), text);
  /* Its name for screen readers is its words (GTK 4.8 does not take them from a box inside). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

const char *
kiosk_link_button_get_target (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), TARGET_KEY);
}

GtkWidget *
kiosk_label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* About 90 characters of body text (22 px Noto Sans, about 11 px a letter of Vietnamese): in
 * pixels, as AdwClamp of libadwaita 1.2 measures. A label's max-width-chars cannot do it in GTK
 * 4.8: a wrapped label asked its width for a height answers its whole text's width. */
#define READING_WIDTH 1000

void
kiosk_clamp_to_reading_width (GtkWidget *clamp)
{
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), READING_WIDTH);
  /* Not narrower than the screen on smaller screens: no margins are wasted there. */
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), READING_WIDTH);
}

const char *
kiosk_kind_name (ContentKind kind)
{
  switch (kind)
    {
    case CONTENT_KIND_LAW:
      return _("Law");
    case CONTENT_KIND_GUIDE:
      return _("Plain-words guide");
    case CONTENT_KIND_BENEFIT:
      return _("Support");
    case CONTENT_KIND_PRODUCT:
      return _("OCOP product");
    case CONTENT_KIND_PLACE:
      return _("Place to visit");
    case CONTENT_KIND_NOTICE:
      return _("Notice");
    default:
      return "";
    }
}

char *
kiosk_sms_hint (const KioskPageContext *ctx, const char *code)
{
  /* Translators: "Text HONNHAN to 0000 000 000": how to take this page home on a phone. */
  return g_strdup_printf (_("Text %s to %s"), code, ctx->sms_number);
}

void
kiosk_scroll_to_top (GtkScrolledWindow *scroller)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
}

void
kiosk_box_clear (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

char *
kiosk_format_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (date);
  return g_strdup_printf ("%d/%d/%d", day, month, year);
}

typedef struct {
  GWeakRef widget;
  void (*callback) (GtkWidget *, gpointer);
  gpointer user_data;
} FirstFrame;

static void
first_frame_free (gpointer data, GClosure *closure)
{
  FirstFrame *first = data;

  g_weak_ref_clear (&first->widget);
  g_free (first);
}

static void
on_after_paint (GdkFrameClock *clock, FirstFrame *first)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&first->widget);

  /* Disconnecting frees @first: take what is needed first. */
  void (*callback) (GtkWidget *, gpointer) = first->callback;
  gpointer user_data = first->user_data;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, first);
  if (widget != NULL)
    callback (widget, user_data);
}

static void
on_realize (GtkWidget *widget, FirstFrame *first)
{
  g_signal_handlers_disconnect_by_func (widget, on_realize, first);
  g_signal_connect_data (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_after_paint),
                         first, first_frame_free, 0);
}

void
kiosk_widgets_after_first_frame (GtkWidget *widget, void (*callback) (GtkWidget *, gpointer),
                                 gpointer user_data)
{
  FirstFrame *first = g_new0 (FirstFrame, 1);

  g_weak_ref_init (&first->widget, widget);
  first->callback = callback;
  first->user_data = user_data;
  /* The frame clock exists once the widget is realized; it paints first when it is mapped. */
  if (gtk_widget_get_realized (widget))
    on_realize (widget, first);
  else
    g_signal_connect (widget, "realize", G_CALLBACK (on_realize), first);
}
