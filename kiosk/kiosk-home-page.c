/* kiosk-home-page.c: the first page a villager sees.
 *
 * Languages come first, each by its own name, because a reader who does not read Vietnamese
 * must find their language before anything else. Then the three sections as large tiles with a
 * picture and words, the eligibility check (many come for it, so it is here and not only under
 * Support), search, the newest notices in force today and a way to all of them. Each has a
 * picture (the topics' own pictograms, the kiosk's for the rest), and Listen beside the greeting
 * says the greeting and what each tile is, for those who cannot read the words.
 */
#include "config.h"
#include "kiosk-home-page.h"
#include "kiosk-listen-button.h"
#include "kiosk-pictures.h"
#include "kiosk-widgets.h"

#include "content-language.h"
#include "content-replica.h"

#include <glib/gi18n.h>

/* Section pictograms are drawn this wide: large enough to tell apart at a glance. */
#define SECTION_PICTURE 96

/* The newest notices only: a home page is for finding one's way, and a long list would push
 * everything else off it (older notices are found by search and under their topics). */
#define HOME_NOTICES 3

struct _KioskHomePage {
  GtkWidget parent_instance;

  GtkWidget *column;
  GtkFlowBox *languages;
  GtkLabel *greeting;
  GtkBox *listen_slot;
  KioskListenButton *listen;
  GtkBox *sections;
  GtkBox *actions;
  GtkWidget *notices_title;
  GtkBox *notices;
};

G_DEFINE_FINAL_TYPE (KioskHomePage, kiosk_home_page, GTK_TYPE_WIDGET)

static void
kiosk_home_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_HOME_PAGE);
  G_OBJECT_CLASS (kiosk_home_page_parent_class)->dispose (object);
}

static void
kiosk_home_page_class_init (KioskHomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_home_page_dispose;
  kiosk_widgets_set_template (widget_class, "kiosk-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, languages);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, greeting);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, sections);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, actions);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, notices_title);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, notices);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, column);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_home_page_init (KioskHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->column);
}

/* Every language of the registry by its own name; one without content yet still works through
 * its fallback chain, and the window's bar says so. */
static void
add_languages (KioskHomePage *self, const KioskPageContext *ctx)
{
  const GPtrArray *languages = content_language_list ();

  for (guint i = 0; i < languages->len; i++)
    {
      const ContentLanguage *lang = g_ptr_array_index (languages, i);
      g_autofree char *target = g_strconcat ("lang:", lang->code, NULL);
      GtkWidget *button = kiosk_link_button_new (ctx, target, NULL, lang->native_name);

      kiosk_link_button_center (button, GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_add_css_class (button, "language");
      if (g_str_equal (lang->code, ctx->lang))
        gtk_widget_add_css_class (button, "current");
      gtk_flow_box_append (self->languages, button);
      /* The flow box's cell around the button does nothing when pressed: Tab stops at the
       * button alone. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

/* The top-level topics as tiles: a large picture above the words. */
static void
add_sections (KioskHomePage *self, const KioskPageContext *ctx)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (ctx->store, NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      const char *shown_lang = ctx->lang;
      g_autofree char *target = NULL;
      const char *name;
      GtkWidget *button, *picture;

      if (topic->parent_id != NULL)
        continue;
      target = g_strconcat ("topic:", topic->id, NULL);
      name = content_topic_get_name (topic, ctx->lang, &shown_lang);
      button = kiosk_link_button_new (ctx, target, NULL, name);
      picture = kiosk_pictures_new_topic_image (ctx->store, topic, SECTION_PICTURE);
      if (picture != NULL)
        {
          /* In a row of its own: a picture measured for the tile's whole width would grow to
           * fill the height the tallest tile leaves, and the three would differ in size. */
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (row), picture);
          gtk_box_prepend (GTK_BOX (gtk_button_get_child (GTK_BUTTON (button))), row);
        }
      kiosk_link_button_center (button, GTK_ORIENTATION_VERTICAL);
      gtk_widget_add_css_class (button, "section");
      gtk_box_append (self->sections, button);
      kiosk_listen_button_append (self->listen, shown_lang, name);
    }
}

/* One of the home page's own actions (the check, search), said after the sections. */
static void
add_action (KioskHomePage *self, const KioskPageContext *ctx, const char *target, const char *icon,
            const char *text, gboolean primary)
{
  GtkWidget *button = kiosk_link_button_new (ctx, target, icon, text);

  if (primary)
    gtk_widget_add_css_class (button, "primary");
  gtk_box_append (self->actions, button);
  kiosk_listen_button_append_words (self->listen, text);
}

static void
add_notices (KioskHomePage *self, const KioskPageContext *ctx)
{
  g_autofree char *today = content_store_today (ctx->store, NULL);
  g_autoptr(GPtrArray) ids = content_store_list_current_notices (ctx->store, today, HOME_NOTICES, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (ctx->store, g_ptr_array_index (ids, i), NULL);
      g_autofree char *target = NULL;
      GtkWidget *button;

      if (item == NULL)
        continue;
      target = g_strconcat ("item:", item->id, NULL);
      button = kiosk_link_button_new (ctx, target, "banlang-notice",
                                      content_item_get_text_for (item, ctx->lang)->title);
      gtk_widget_add_css_class (button, "notice");
      gtk_box_append (self->notices, button);
    }
  gtk_widget_set_visible (self->notices_title, ids != NULL && ids->len > 0);
  if (ids != NULL && ids->len > 0)
    gtk_box_append (self->notices, kiosk_link_button_new (ctx, "notices", "banlang-notices", _("All notices")));
}

GtkWidget *
kiosk_home_page_new (const KioskPageContext *ctx)
{
  KioskHomePage *self = g_object_new (KIOSK_TYPE_HOME_PAGE, NULL);

  self->listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (ctx));
  gtk_box_append (self->listen_slot, GTK_WIDGET (self->listen));
  kiosk_listen_button_append_words (self->listen, gtk_label_get_text (self->greeting));
  add_languages (self, ctx);
  add_sections (self, ctx);
  if (ctx->rules != NULL)
    add_action (self, ctx, "wizard", "banlang-check", _("Check what support you can get"), TRUE);
  add_action (self, ctx, "search", "banlang-search", _("Search"), FALSE);
  add_notices (self, ctx);
  return GTK_WIDGET (self);
}
