/* kiosk-notices-page.c: every notice in force today, newest first.
 *
 * The home page shows only the newest few notices, so that finding one's way stays easy; this
 * page, one tap from Home, lists them all, each with the date it runs from (and to), written as
 * people write dates, so a reader knows whether it concerns this week. Listen reads each
 * notice's title and summary, each in the language it is shown in.
 */
#include "config.h"
#include "kiosk-notices-page.h"
#include "kiosk-listen-button.h"
#include "kiosk-widgets.h"

#include "content-replica.h"

#include <glib/gi18n.h>

/* Listen reads the first notices only: nobody keeps more in mind from hearing them. */
#define SAID_NOTICES 12

struct _KioskNoticesPage {
  GtkWidget parent_instance;

  GtkWidget *column;
  GtkLabel *heading;
  GtkBox *listen_slot;
  GtkWidget *empty;
  GtkBox *notices;
  guint n_notices;
};

G_DEFINE_FINAL_TYPE (KioskNoticesPage, kiosk_notices_page, GTK_TYPE_WIDGET)

static void
kiosk_notices_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_NOTICES_PAGE);
  G_OBJECT_CLASS (kiosk_notices_page_parent_class)->dispose (object);
}

static void
kiosk_notices_page_class_init (KioskNoticesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_notices_page_dispose;
  kiosk_widgets_set_template (widget_class, "kiosk-notices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskNoticesPage, heading);
  gtk_widget_class_bind_template_child (widget_class, KioskNoticesPage, listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskNoticesPage, empty);
  gtk_widget_class_bind_template_child (widget_class, KioskNoticesPage, notices);
  gtk_widget_class_bind_template_child (widget_class, KioskNoticesPage, column);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_notices_page_init (KioskNoticesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->column);
}

/* "From 1/11/2026 to 31/12/2026", or only the start when the notice has no end. */
static char *
notice_dates (const ContentItem *item)
{
  JsonObject *details = item->details != NULL && JSON_NODE_HOLDS_OBJECT (item->details)
                        ? json_node_get_object (item->details) : NULL;
  g_autofree char *from = kiosk_format_date (details != NULL ? json_object_get_string_member_with_default (details, "valid_from", NULL) : NULL);
  g_autofree char *to = kiosk_format_date (details != NULL ? json_object_get_string_member_with_default (details, "valid_to", NULL) : NULL);

  if (from != NULL && to != NULL)
    /* Translators: a notice's dates, "From 1/11/2026 to 31/12/2026". */
    return g_strdup_printf (_("From %s to %s"), from, to);
  if (from != NULL)
    /* Translators: a notice's first day, "From 1/11/2026". */
    return g_strdup_printf (_("From %s"), from);
  return NULL;
}

/* A notice's title and summary for Listen, in the language the page shows them in. */
static void
say_notice (KioskListenButton *listen, const ContentText *text)
{
  g_autofree char *said = text->summary != NULL ? g_strdup_printf ("%s.\n%s", text->title, text->summary)
                                                : g_strdup (text->title);

  kiosk_listen_button_append (listen, text->lang, said);
}

GtkWidget *
kiosk_notices_page_new (const KioskPageContext *ctx)
{
  KioskNoticesPage *self = g_object_new (KIOSK_TYPE_NOTICES_PAGE, NULL);
  g_autofree char *today = content_store_today (ctx->store, NULL);
  g_autoptr(GPtrArray) ids = content_store_list_current_notices (ctx->store, today, 0, NULL);
  KioskListenButton *listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (ctx));

  gtk_box_append (self->listen_slot, GTK_WIDGET (listen));
  kiosk_listen_button_append_words (listen, gtk_label_get_text (self->heading));
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (ctx->store, g_ptr_array_index (ids, i), NULL);
      const ContentText *shown;
      g_autofree char *target = NULL;
      g_autofree char *dates = NULL;
      g_autofree char *text = NULL;
      GtkWidget *button;

      if (item == NULL)
        continue;
      shown = content_item_get_text_for (item, ctx->lang);
      target = g_strconcat ("item:", item->id, NULL);
      dates = notice_dates (item);
      text = dates != NULL ? g_strdup_printf ("%s\n%s", shown->title, dates) : g_strdup (shown->title);
      button = kiosk_link_button_new (ctx, target, "banlang-notice", text);
      gtk_widget_add_css_class (button, "notice");
      gtk_box_append (self->notices, button);
      if (self->n_notices < SAID_NOTICES)
        say_notice (listen, shown);
      self->n_notices++;
    }
  if (self->n_notices == 0)
    kiosk_listen_button_append_words (listen, gtk_label_get_text (GTK_LABEL (self->empty)));
  gtk_widget_set_visible (self->empty, self->n_notices == 0);
  return GTK_WIDGET (self);
}

guint
kiosk_notices_page_get_n_notices (KioskNoticesPage *self)
{
  return self->n_notices;
}
