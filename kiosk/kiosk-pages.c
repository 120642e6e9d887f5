/* kiosk-pages.c: the pages a villager moves through: home, topics, items.
 *
 * Every page is built fresh from the content store when it is opened (the store is the truth,
 * and pages are cheap), in the reader's language along its fallback chain, saying so when the
 * text is a fallback. Everything tappable is a large button with words; nothing needs hover,
 * long press or a keyboard.
 */
#include "config.h"
#include "kiosk-pages.h"
#include "kiosk-markup.h"

#include "content-language.h"

#include <glib/gi18n.h>

static void
on_link_clicked (GtkButton *button, const KioskPageContext *ctx)
{
  ctx->open (ctx->user_data, g_object_get_data (G_OBJECT (button), "kiosk-target"));
}

/* A large button with an icon and a label that opens @target. */
static GtkWidget *
link_button (const KioskPageContext *ctx, const char *target, const char *icon, const char *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *label = gtk_label_new (text);

  if (icon != NULL && *icon != '\0')
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);
      gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
      gtk_box_append (GTK_BOX (box), image);
    }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "link");
  g_object_set_data_full (G_OBJECT (button), "kiosk-target", g_strdup (target), g_free);
  /* The context outlives every page: the window owns it. */
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_clicked), (gpointer) ctx);
  return button;
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);

  gtk_widget_add_css_class (box, "page");
  return box;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  return sw;
}

static GtkWidget *
title_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "page-title");
  return label;
}

/* Every language of the registry by its own name; a language without content yet still works
 * through its fallback chain, and pages say so. */
static GtkWidget *
language_bar (const KioskPageContext *ctx)
{
  const GPtrArray *languages = content_language_list ();
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_widget_add_css_class (flow, "language-bar");
  for (guint i = 0; i < languages->len; i++)
    {
      const ContentLanguage *lang = g_ptr_array_index (languages, i);
      g_autofree char *target = g_strconcat ("lang:", lang->code, NULL);
      GtkWidget *button = link_button (ctx, target, NULL, lang->native_name);

      gtk_widget_add_css_class (button, "language");
      if (g_str_equal (lang->code, ctx->lang))
        gtk_widget_add_css_class (button, "current");
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  return flow;
}

GtkWidget *
kiosk_home_page_new (const KioskPageContext *ctx)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (ctx->store, NULL);
  GtkWidget *box = page_box ();

  gtk_box_append (GTK_BOX (box), title_label (_("What would you like to know?")));
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      g_autofree char *target = NULL;
      GtkWidget *button;

      if (topic->parent_id != NULL)
        continue;
      target = g_strconcat ("topic:", topic->id, NULL);
      button = link_button (ctx, target, topic->icon, content_topic_get_name (topic, ctx->lang, NULL));
      gtk_widget_add_css_class (button, "section");
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (GTK_BOX (box), language_bar (ctx));
  return scrolled (box);
}

GtkWidget *
kiosk_topic_page_new (const KioskPageContext *ctx, const char *topic_id)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (ctx->store, NULL);
  g_autoptr(GPtrArray) items = NULL;
  ContentTopic *topic = NULL;
  GtkWidget *box;
  guint children = 0;

  for (guint i = 0; topics != NULL && i < topics->len && topic == NULL; i++)
    if (g_str_equal (((ContentTopic *) g_ptr_array_index (topics, i))->id, topic_id))
      topic = g_ptr_array_index (topics, i);
  if (topic == NULL)
    return NULL;
  box = page_box ();
  gtk_box_append (GTK_BOX (box), title_label (content_topic_get_name (topic, ctx->lang, NULL)));
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *child = g_ptr_array_index (topics, i);
      g_autofree char *target = NULL;

      if (g_strcmp0 (child->parent_id, topic_id) != 0)
        continue;
      target = g_strconcat ("topic:", child->id, NULL);
      gtk_box_append (GTK_BOX (box), link_button (ctx, target, child->icon,
                                                  content_topic_get_name (child, ctx->lang, NULL)));
      children++;
    }
  items = content_store_list_topic_items (ctx->store, topic_id, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (ctx->store, g_ptr_array_index (items, i), NULL);
      g_autofree char *target = NULL;

      if (item == NULL)
        continue;
      target = g_strconcat ("item:", item->id, NULL);
      gtk_box_append (GTK_BOX (box), link_button (ctx, target, NULL,
                                                  content_item_get_text_for (item, ctx->lang)->title));
      children++;
    }
  if (children == 0)
    gtk_box_append (GTK_BOX (box), gtk_label_new (_("Nothing here yet.")));
  return scrolled (box);
}

static const char *
law_status_label (const char *status)
{
  if (g_strcmp0 (status, "in_force") == 0)
    return _("In force");
  if (g_strcmp0 (status, "partly_expired") == 0)
    return _("Partly expired");
  if (g_strcmp0 (status, "expired") == 0)
    return _("Expired");
  if (g_strcmp0 (status, "not_yet_in_force") == 0)
    return _("Not yet in force");
  return status;
}

static void
add_fact (GtkWidget *box, const char *label, const char *value)
{
  g_autofree char *text = NULL;
  GtkWidget *fact;

  if (value == NULL)
    return;
  text = g_strdup_printf ("%s: %s", label, value);
  fact = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (fact), 0);
  gtk_label_set_wrap (GTK_LABEL (fact), TRUE);
  gtk_widget_add_css_class (fact, "fact");
  gtk_box_append (GTK_BOX (box), fact);
}

static void
add_law_facts (GtkWidget *box, const ContentItem *item)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  GtkWidget *badge = gtk_label_new (law_status_label (content_item_law_status (item, today)));

  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "badge");
  gtk_box_append (GTK_BOX (box), badge);
  add_fact (box, _("Number"), content_item_get_detail (item, "number"));
  add_fact (box, _("Issued by"), content_item_get_detail (item, "issuer"));
  add_fact (box, _("Issued on"), content_item_get_detail (item, "issued_on"));
  add_fact (box, _("In force from"), content_item_get_detail (item, "effective_from"));
}

GtkWidget *
kiosk_item_page_new (const KioskPageContext *ctx, const char *item_id)
{
  g_autoptr(ContentItem) item = content_store_get_item (ctx->store, item_id, NULL);
  const ContentText *text;
  GtkWidget *box;

  if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
    return NULL;
  text = content_item_get_text_for (item, ctx->lang);
  box = page_box ();
  gtk_box_append (GTK_BOX (box), title_label (text->title));
  if (!g_str_equal (text->lang, ctx->lang))
    {
      const ContentLanguage *shown = content_language_lookup (text->lang);
      g_autofree char *note = g_strdup_printf (_("Not yet translated; shown in %s."), shown->native_name);
      GtkWidget *label = gtk_label_new (note);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "fallback");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (item->kind == CONTENT_KIND_LAW)
    add_law_facts (box, item);
  if (text->summary != NULL)
    {
      GtkWidget *summary = gtk_label_new (text->summary);
      gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
      gtk_label_set_xalign (GTK_LABEL (summary), 0);
      gtk_widget_add_css_class (summary, "summary");
      gtk_box_append (GTK_BOX (box), summary);
    }
  kiosk_markup_append (GTK_BOX (box), text->body);
  if (item->sms_code != NULL)
    {
      /* Translators: "Text HONNHAN to 0000 000 000" — how to take this page home on a phone. */
      g_autofree char *sms = g_strdup_printf (_("Text %s to %s"), item->sms_code, ctx->sms_number);
      GtkWidget *label = gtk_label_new (sms);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "sms-hint");
      gtk_box_append (GTK_BOX (box), label);
    }
  return scrolled (box);
}
