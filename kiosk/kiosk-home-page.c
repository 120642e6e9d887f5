/* kiosk-home-page.c: the first page a villager sees.
 *
 * Languages come first, each by its own name, because a reader who does not read Vietnamese
 * must find their language before anything else. Then the three sections as large tiles with a
 * picture and words, the eligibility check (many come for it, so it is here and not only under
 * Support), search, the newest notices in force today and a way to all of them.
 */
#include "config.h"
#include "kiosk-home-page.h"
#include "kiosk-widgets.h"

#include "content-language.h"
#include "content-replica.h"

#include <glib/gi18n.h>

/* The newest notices only: a home page is for finding one's way, and a long list would push
 * everything else off it (older notices are found by search and under their topics). */
#define HOME_NOTICES 3

struct _KioskHomePage {
  GtkWidget parent_instance;

  GtkFlowBox *languages;
  GtkLabel *fallback;
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
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, fallback);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, sections);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, actions);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, notices_title);
  gtk_widget_class_bind_template_child (widget_class, KioskHomePage, notices);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_home_page_init (KioskHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Every language of the registry by its own name; one without content yet still works through
 * its fallback chain, and pages say so. */
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
    }
}

/* A reader whose language has no content yet reads on in its fallback, and is told so. */
static void
say_fallback (KioskHomePage *self, const KioskPageContext *ctx, const char *shown_lang)
{
  const ContentLanguage *wanted = content_language_lookup (ctx->lang);
  const ContentLanguage *shown = content_language_lookup (shown_lang);
  g_autofree char *note = NULL;

  if (wanted == NULL || shown == NULL || g_str_equal (ctx->lang, shown_lang))
    return;
  /* Translators: "Not yet translated into Tày; shown in Tiếng Việt." Both are the languages' own names. */
  note = g_strdup_printf (_("Not yet translated into %s; shown in %s."), wanted->native_name, shown->native_name);
  gtk_label_set_text (self->fallback, note);
  gtk_widget_set_visible (GTK_WIDGET (self->fallback), TRUE);
}

/* The top-level topics as tiles: a large picture above the words. */
static void
add_sections (KioskHomePage *self, const KioskPageContext *ctx)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (ctx->store, NULL);
  const char *shown_lang = ctx->lang;

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *target = NULL;
      GtkWidget *button;

      if (topic->parent_id != NULL)
        continue;
      target = g_strconcat ("topic:", topic->id, NULL);
      button = kiosk_link_button_new (ctx, target, topic->icon,
                                      content_topic_get_name (topic, ctx->lang, &shown_lang));
      kiosk_link_button_center (button, GTK_ORIENTATION_VERTICAL);
      gtk_widget_add_css_class (button, "section");
      gtk_box_append (self->sections, button);
    }
  say_fallback (self, ctx, shown_lang);
}

static void
add_notices (KioskHomePage *self, const KioskPageContext *ctx)
{
  g_autofree char *today = content_store_today (ctx->store);
  g_autoptr(GPtrArray) ids = content_store_list_current_notices (ctx->store, today, HOME_NOTICES, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (ctx->store, g_ptr_array_index (ids, i), NULL);
      g_autofree char *target = NULL;
      GtkWidget *button;

      if (item == NULL)
        continue;
      target = g_strconcat ("item:", item->id, NULL);
      button = kiosk_link_button_new (ctx, target, "dialog-information-symbolic",
                                      content_item_get_text_for (item, ctx->lang)->title);
      gtk_widget_add_css_class (button, "notice");
      gtk_box_append (self->notices, button);
    }
  gtk_widget_set_visible (self->notices_title, ids != NULL && ids->len > 0);
  if (ids != NULL && ids->len > 0)
    gtk_box_append (self->notices, kiosk_link_button_new (ctx, "notices", "view-list-symbolic", _("All notices")));
}

GtkWidget *
kiosk_home_page_new (const KioskPageContext *ctx)
{
  KioskHomePage *self = g_object_new (KIOSK_TYPE_HOME_PAGE, NULL);

  add_languages (self, ctx);
  add_sections (self, ctx);
  if (ctx->rules != NULL)
    {
      GtkWidget *wizard = kiosk_link_button_new (ctx, "wizard", "emblem-ok-symbolic",
                                                 _("Check what support you can get"));
      gtk_widget_add_css_class (wizard, "primary");
      gtk_box_append (self->actions, wizard);
    }
  gtk_box_append (self->actions,
                  kiosk_link_button_new (ctx, "search", "system-search-symbolic", _("Search")));
  add_notices (self, ctx);
  return GTK_WIDGET (self);
}
