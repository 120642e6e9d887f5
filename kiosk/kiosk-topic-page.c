/* kiosk-topic-page.c: a topic of the tree: the way from a section down to an item.
 *
 * Subtopics come first, then the topic's items by title. A topic that leads to benefits with
 * eligibility rules also offers the wizard ("Check what you can get") at the top, where a person
 * looking for support will see it before the list of benefits.
 *
 * A person who does not read finds the way by pictures and sound: each subtopic shows its
 * pictogram (content media an officer can change), each item its first picture, and the Listen
 * button reads the topic's name and every entry of the list in order.
 */
#include "config.h"
#include "kiosk-topic-page.h"
#include "kiosk-listen-button.h"
#include "kiosk-pictures.h"
#include "kiosk-widgets.h"

#include "content-language.h"

#include <glib/gi18n.h>

struct _KioskTopicPage {
  GtkWidget parent_instance;

  GtkWidget *column;
  GtkLabel *title;
  GtkBox *listen_slot;
  GtkLabel *sms_hint;
  GtkBox *links;
  GtkWidget *empty;

  GString *said;      /* what Listen reads, while the list is built */
  GString *said_vi;
  guint said_lines;

  /* A topic may hold thousands of items (notices over the years): they come a screenful at a
   * time, so that the page opens at once and holds only what a person pages through. */
  const KioskPageContext *ctx;
  GPtrArray *ids;
  guint next_item;
  GtkWidget *more;     /* "Show more", owned here while it is not in the list */
};

#define ITEMS_AT_ONCE 40

/* The topic's name and this many entries are read aloud. */
#define MAX_SAID_LINES 12

G_DEFINE_FINAL_TYPE (KioskTopicPage, kiosk_topic_page, GTK_TYPE_WIDGET)

static void
kiosk_topic_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_TOPIC_PAGE);
  G_OBJECT_CLASS (kiosk_topic_page_parent_class)->dispose (object);
}

static void
kiosk_topic_page_finalize (GObject *object)
{
  KioskTopicPage *self = KIOSK_TOPIC_PAGE (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_object (&self->more);
  G_OBJECT_CLASS (kiosk_topic_page_parent_class)->finalize (object);
}

static void on_more_clicked (KioskTopicPage *self);

static void
kiosk_topic_page_class_init (KioskTopicPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_topic_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_topic_page_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-topic-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, column);
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, title);
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, sms_hint);
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, links);
  gtk_widget_class_bind_template_child (widget_class, KioskTopicPage, empty);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_topic_page_init (KioskTopicPage *self)
{
  kiosk_pictures_add_icons (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->column);
}

static ContentTopic *
find_topic (GPtrArray *topics, const char *id)
{
  for (guint i = 0; id != NULL && i < topics->len; i++)
    if (g_str_equal (((ContentTopic *) g_ptr_array_index (topics, i))->id, id))
      return g_ptr_array_index (topics, i);
  return NULL;
}

/* TRUE when @topic_id is @ancestor_id or lies below it. */
static gboolean
topic_is_within (GPtrArray *topics, const char *topic_id, const char *ancestor_id)
{
  /* The tree has no cycles (the importer refuses them); the bound only guards the loop. */
  for (guint depth = 0; topic_id != NULL && depth <= topics->len; depth++)
    {
      ContentTopic *topic = find_topic (topics, topic_id);

      if (g_str_equal (topic_id, ancestor_id))
        return TRUE;
      topic_id = topic != NULL ? topic->parent_id : NULL;
    }
  return FALSE;
}

/* TRUE when some benefit with an eligibility rule is filed under @topic_id. */
static gboolean
leads_to_rules (const KioskPageContext *ctx, GPtrArray *topics, const char *topic_id)
{
  GPtrArray *rules;

  if (ctx->rules == NULL)
    return FALSE;
  rules = content_rule_set_parts (ctx->rules, CONTENT_RULE_BENEFIT);
  for (guint i = 0; i < rules->len; i++)
    {
      const ContentRulePart *rule = g_ptr_array_index (rules, i);
      const ContentItem *benefit = content_rule_set_get_benefit (ctx->rules, rule->id);

      if (benefit == NULL || benefit->status != CONTENT_STATUS_PUBLISHED)
        continue;
      for (gsize j = 0; benefit->topics[j] != NULL; j++)
        if (topic_is_within (topics, benefit->topics[j], topic_id))
          return TRUE;
    }
  return FALSE;
}

/* A product's title carries its stars, so a shopper can compare without opening each one. */
static char *
item_button_text (const ContentItem *item, const char *lang)
{
  const char *title = content_item_get_text_for (item, lang)->title;
  JsonNode *stars = content_item_get_detail_node (item, "stars");

  if (item->kind == CONTENT_KIND_PRODUCT && stars != NULL && JSON_NODE_HOLDS_VALUE (stars))
    {
      g_autoptr(GString) text = g_string_new (title);

      g_string_append (text, "  ");
      for (gint64 i = 0; i < json_node_get_int (stars); i++)
        g_string_append (text, "★");
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_strdup (title);
}

/* The item's first picture, small, for its button in a list; NULL when it has none. */
static GtkWidget *
first_picture (const KioskPageContext *ctx, const ContentItem *item)
{
  JsonArray *media = item->media != NULL && JSON_NODE_HOLDS_ARRAY (item->media) ? json_node_get_array (item->media) : NULL;

  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      JsonObject *entry = json_array_get_object_element (media, i);
      JsonNode *caption;
      GtkWidget *picture;

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kind", NULL), "picture") != 0)
        continue;
      caption = content_localized (json_object_get_member (entry, "caption"), ctx->lang);
      picture = kiosk_pictures_new_picture (ctx->store, json_object_get_string_member (entry, "sha256"), 96,
                                            caption != NULL && JSON_NODE_HOLDS_VALUE (caption) ? json_node_get_string (caption) : NULL);
      if (picture != NULL)
        gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
      return picture;
    }
  return NULL;
}

/* What the Listen button says: the topic's name, then each entry of the list in order, as the
 * screen shows them and in Vietnamese (heard when the reader's language has no voice). */
static void
add_listen (KioskTopicPage *self, const KioskPageContext *ctx)
{
  GtkWidget *listen = kiosk_listen_button_new (ctx);

  kiosk_listen_button_add (KIOSK_LISTEN_BUTTON (listen), ctx->lang, self->said->str, NULL);
  if (!g_str_equal (ctx->lang, "vi"))
    kiosk_listen_button_add (KIOSK_LISTEN_BUTTON (listen), "vi", self->said_vi->str, NULL);
  gtk_box_append (self->listen_slot, listen);
}

/* One line for the Listen button, in the reader's language and in Vietnamese. Only the first
 * lines of a long list: nobody keeps more in mind from hearing them, and a topic of thousands
 * of notices must not be synthesized whole. */
static void
say (KioskTopicPage *self, const char *shown, const char *vi)
{
  if (self->said_lines++ > MAX_SAID_LINES)
    return;
  g_string_append_printf (self->said, "%s.\n", shown);
  g_string_append_printf (self->said_vi, "%s.\n", vi);
}

static guint
add_subtopics (KioskTopicPage *self, const KioskPageContext *ctx, GPtrArray *topics, const char *topic_id)
{
  guint added = 0;

  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *child = g_ptr_array_index (topics, i);
      g_autofree char *target = NULL;
      GtkWidget *picture, *button;

      if (g_strcmp0 (child->parent_id, topic_id) != 0)
        continue;
      target = g_strconcat ("topic:", child->id, NULL);
      picture = kiosk_pictures_new_topic_image (ctx->store, child, 80);
      button = kiosk_link_button_new (ctx, target, NULL, content_topic_get_name (child, ctx->lang, NULL));
      if (picture != NULL)
        gtk_box_prepend (GTK_BOX (gtk_button_get_child (GTK_BUTTON (button))), picture);
      gtk_box_append (self->links, button);
      say (self, content_topic_get_name (child, ctx->lang, NULL), content_topic_get_name (child, "vi", NULL));
      added++;
    }
  return added;
}

/* Buttons for the next ITEMS_AT_ONCE items of the topic, then "Show more" when some are left. */
static void
add_item_buttons (KioskTopicPage *self)
{
  const KioskPageContext *ctx = self->ctx;
  guint end = MIN (self->ids->len, self->next_item + ITEMS_AT_ONCE);

  for (; self->next_item < end; self->next_item++)
    {
      g_autoptr(ContentItem) item = content_store_get_item (ctx->store, g_ptr_array_index (self->ids, self->next_item), NULL);
      g_autofree char *target = NULL;
      g_autofree char *text = NULL;
      GtkWidget *button, *picture;

      if (item == NULL)
        continue;
      target = g_strconcat ("item:", item->id, NULL);
      text = item_button_text (item, ctx->lang);
      button = kiosk_link_button_new (ctx, target, NULL, text);
      picture = first_picture (ctx, item);
      if (picture != NULL)
        gtk_box_prepend (GTK_BOX (gtk_button_get_child (GTK_BUTTON (button))), picture);
      gtk_box_append (self->links, button);
      if (self->said != NULL)
        say (self, content_item_get_text_for (item, ctx->lang)->title, content_item_get_text_for (item, "vi")->title);
    }
  if (self->next_item < self->ids->len)
    gtk_box_append (self->links, self->more);
}

static void
on_more_clicked (KioskTopicPage *self)
{
  gtk_box_remove (self->links, self->more);
  add_item_buttons (self);
}

static guint
add_items (KioskTopicPage *self, const KioskPageContext *ctx, const char *topic_id)
{
  self->ids = content_store_list_topic_items (ctx->store, topic_id, NULL);
  if (self->ids == NULL)
    self->ids = g_ptr_array_new_with_free_func (g_free);
  add_item_buttons (self);
  return self->ids->len;
}

GtkWidget *
kiosk_topic_page_new (const KioskPageContext *ctx, const char *topic_id)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (ctx->store, NULL);
  ContentTopic *topic = topics != NULL ? find_topic (topics, topic_id) : NULL;
  KioskTopicPage *self;
  guint shown = 0;

  if (topic == NULL)
    return NULL;
  self = g_object_new (KIOSK_TYPE_TOPIC_PAGE, NULL);
  self->ctx = ctx;
  self->more = g_object_ref_sink (gtk_button_new_with_label (_("Show more")));
  gtk_widget_add_css_class (self->more, "tile");
  g_signal_connect_swapped (self->more, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_label_set_text (self->title, content_topic_get_name (topic, ctx->lang, NULL));
  self->said = g_string_new (NULL);
  self->said_vi = g_string_new (NULL);
  say (self, content_topic_get_name (topic, ctx->lang, NULL), content_topic_get_name (topic, "vi", NULL));
  {
    g_autofree char *sms = kiosk_sms_hint (ctx, topic->sms_code);
    gtk_label_set_text (self->sms_hint, sms);
  }
  if (leads_to_rules (ctx, topics, topic_id))
    {
      GtkWidget *wizard = kiosk_link_button_new (ctx, "wizard", "banlang-check",
                                                 _("Check what you can get"));
      gtk_widget_add_css_class (wizard, "primary");
      gtk_box_append (self->links, wizard);
      /* The Vietnamese is the catalog's own (locales/po/vi.po), needed here whatever the
       * interface's language is. */
      say (self, _("Check what you can get"), "Xem bạn được hưởng hỗ trợ gì");
    }
  shown += add_subtopics (self, ctx, topics, topic_id);
  shown += add_items (self, ctx, topic_id);
  gtk_widget_set_visible (self->empty, shown == 0);
  add_listen (self, ctx);
  g_string_free (g_steal_pointer (&self->said), TRUE);
  g_string_free (g_steal_pointer (&self->said_vi), TRUE);
  return GTK_WIDGET (self);
}
