/* kiosk-item-page.c: the page of one item, with the facts its kind carries.
 *
 * A law shows its number, issuer, dates and a status badge, then the guides that explain it in
 * plain words; a guide links back to its laws. A benefit says what it gives, where to apply and
 * what to bring; a product its stars, producer, commune, price and phone; a place its commune,
 * peoples, season, festivals and whom to call. Every page ends with its SMS code, so a person can
 * take it home on a phone, and a QR code that opens that SMS on the phone. Where the body names
 * another item (its SMS code, id or law number), that word is a link to it.
 *
 * For people who do not read, the page can be heard (a Listen button under the title) and shows
 * the item's pictures with their captions. A reader whose language has a recording of the item
 * but no text is told, with a picture and not only words, that the writing is in Vietnamese
 * while the sound is in their language.
 */
#include "config.h"
#include "kiosk-item-page.h"
#include "kiosk-listen-button.h"
#include "kiosk-markup.h"
#include "kiosk-pictures.h"
#include "kiosk-qr-code.h"
#include "kiosk-widgets.h"

#include "content-language.h"
#include "content-replica.h"

#include <glib/gi18n.h>

struct _KioskItemPage {
  GtkWidget parent_instance;

  GtkWidget *column;
  GtkLabel *title;
  GtkBox *listen_slot;
  GtkWidget *fallback_row;
  GtkLabel *fallback;
  GtkFlowBox *pictures;
  GtkBox *take_home;
  GtkBox *facts;
  GtkLabel *summary;
  GtkBox *body;
  GtkLabel *related_title;
  GtkBox *related;
  GtkLabel *sms_hint;

  const KioskPageContext *ctx;
  ContentItem *item;
};

G_DEFINE_FINAL_TYPE (KioskItemPage, kiosk_item_page, GTK_TYPE_WIDGET)

static void
kiosk_item_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_ITEM_PAGE);
  G_OBJECT_CLASS (kiosk_item_page_parent_class)->dispose (object);
}

static void
kiosk_item_page_finalize (GObject *object)
{
  g_clear_pointer (&KIOSK_ITEM_PAGE (object)->item, content_item_free);
  G_OBJECT_CLASS (kiosk_item_page_parent_class)->finalize (object);
}

static void
kiosk_item_page_class_init (KioskItemPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_item_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_item_page_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-item-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, column);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, title);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, fallback_row);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, fallback);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, pictures);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, take_home);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, facts);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, summary);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, body);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, related_title);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, related);
  gtk_widget_class_bind_template_child (widget_class, KioskItemPage, sms_hint);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_item_page_init (KioskItemPage *self)
{
  kiosk_pictures_add_icons (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->column);
}

/* "Label: value", the label in bold; nothing when there is no value. */
static void
add_fact (KioskItemPage *self, const char *label, const char *value)
{
  g_autofree char *markup = NULL;
  GtkWidget *fact;

  if (value == NULL || *value == '\0')
    return;
  markup = g_markup_printf_escaped ("<b>%s:</b> %s", label, value);
  fact = kiosk_label_new (NULL, "fact");
  gtk_label_set_markup (GTK_LABEL (fact), markup);
  gtk_box_append (self->facts, fact);
}

static void
add_date_fact (KioskItemPage *self, const char *label, const char *member)
{
  g_autofree char *date = kiosk_format_date (content_item_get_detail (self->item, member));

  add_fact (self, label, date);
}

/* The commune, ward or special zone a product or place is in: the value says which ("xã Lục
 * Hồn", "phường Quang Hanh"), so its label does not ("Xã: xã Lục Hồn"). */
static void
add_commune_fact (KioskItemPage *self)
{
  /* Translators: before the commune, ward or special zone a product or place is in, which
   * names its own kind ("xã Lục Hồn", "đặc khu Cô Tô"). */
  add_fact (self, _("Where"), content_item_get_detail (self->item, "commune"));
}

/* A localized text of the item's kind object, in the reader's language or its fallback. */
static const char *
localized_detail (KioskItemPage *self, const char *member)
{
  JsonNode *node = content_localized (content_item_get_detail_node (self->item, member), self->ctx->lang);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* The strings of @node (an array), joined by @separator; NULL when there are none. */
static char *
join_array (JsonNode *node, const char *separator)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      if (s == NULL)
        continue;
      if (joined->len > 0)
        g_string_append (joined, separator);
      g_string_append (joined, s);
    }
  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
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
add_law_facts (KioskItemPage *self)
{
  g_autofree char *today = content_store_today (self->ctx->store, NULL);
  const char *status = content_item_law_status (self->item, today);
  GtkWidget *badge = gtk_label_new (law_status_label (status));

  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, status);
  gtk_box_append (self->facts, badge);
  add_fact (self, _("Number"), content_item_get_detail (self->item, "number"));
  add_fact (self, _("Issued by"), content_item_get_detail (self->item, "issuer"));
  add_date_fact (self, _("Issued on"), "issued_on");
  add_date_fact (self, _("In force from"), "effective_from");
  add_date_fact (self, _("In force until"), "effective_to");
}

static void
add_benefit_facts (KioskItemPage *self)
{
  g_autofree char *documents = join_array (content_localized (content_item_get_detail_node (self->item, "documents"),
                                                              self->ctx->lang), "; ");

  add_fact (self, _("What you get"), localized_detail (self, "amount"));
  add_fact (self, _("Where to apply"), localized_detail (self, "apply_at"));
  add_fact (self, _("What to bring"), documents);
}

static void
add_product_facts (KioskItemPage *self)
{
  JsonNode *stars = content_item_get_detail_node (self->item, "stars");

  if (stars != NULL && JSON_NODE_HOLDS_VALUE (stars))
    {
      int n = (int) json_node_get_int (stars);
      /* Translators: how many stars an OCOP product has, shown after the stars themselves. */
      g_autofree char *count = g_strdup_printf (ngettext ("%d star", "%d stars", n), n);
      g_autoptr(GString) shown = g_string_new (NULL);

      for (int i = 0; i < n; i++)
        g_string_append (shown, "★");
      g_string_append_printf (shown, " (%s)", count);
      add_fact (self, _("OCOP rating"), shown->str);
    }
  add_fact (self, _("Producer"), content_item_get_detail (self->item, "producer"));
  add_commune_fact (self);
  add_fact (self, _("Price"), localized_detail (self, "price"));
  add_fact (self, _("Phone"), content_item_get_detail (self->item, "phone"));
}

/* Festivals as "name (when)", one after another. */
static char *
festivals_text (KioskItemPage *self)
{
  JsonNode *node = content_item_get_detail_node (self->item, "festivals");
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *festivals;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  festivals = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (festivals); i++)
    {
      JsonObject *festival = json_array_get_object_element (festivals, i);
      JsonNode *name = content_localized (json_object_get_member (festival, "name"), self->ctx->lang);
      JsonNode *when = content_localized (json_object_get_member (festival, "when"), self->ctx->lang);

      if (name == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, json_node_get_string (name));
      if (when != NULL)
        g_string_append_printf (text, " (%s)", json_node_get_string (when));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
add_contacts (KioskItemPage *self)
{
  JsonNode *node = content_item_get_detail_node (self->item, "contacts");
  JsonArray *contacts;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  contacts = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      JsonNode *role = content_localized (json_object_get_member (contact, "role"), self->ctx->lang);
      const char *phone = json_object_get_string_member_with_default (contact, "phone", NULL);
      g_autoptr(GString) text = g_string_new (json_object_get_string_member_with_default (contact, "name", ""));

      if (role != NULL)
        g_string_append_printf (text, " (%s)", json_node_get_string (role));
      if (phone != NULL)
        g_string_append_printf (text, ": %s", phone);
      add_fact (self, _("Contact"), text->str);
    }
}

static void
add_place_facts (KioskItemPage *self)
{
  g_autofree char *peoples = join_array (content_item_get_detail_node (self->item, "ethnic_groups"), ", ");
  g_autofree char *festivals = festivals_text (self);

  add_commune_fact (self);
  add_fact (self, _("Ethnic groups"), peoples);
  add_fact (self, _("Best season"), localized_detail (self, "season"));
  add_fact (self, _("Festivals"), festivals);
  add_contacts (self);
}

static void
add_notice_facts (KioskItemPage *self)
{
  add_date_fact (self, _("From"), "valid_from");
  add_date_fact (self, _("Until"), "valid_to");
}

static void
add_facts (KioskItemPage *self)
{
  switch (self->item->kind)
    {
    case CONTENT_KIND_LAW:
      add_law_facts (self);
      break;
    case CONTENT_KIND_BENEFIT:
      add_benefit_facts (self);
      break;
    case CONTENT_KIND_PRODUCT:
      add_product_facts (self);
      break;
    case CONTENT_KIND_PLACE:
      add_place_facts (self);
      break;
    case CONTENT_KIND_NOTICE:
      add_notice_facts (self);
      break;
    case CONTENT_KIND_GUIDE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->facts), gtk_widget_get_first_child (GTK_WIDGET (self->facts)) != NULL);
}

/* Links to the items with @ids (published ones only) under @heading. */
static void
add_related (KioskItemPage *self, const char *heading, GPtrArray *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(ContentItem) other = content_store_get_item (self->ctx->store, g_ptr_array_index (ids, i), NULL);
      g_autofree char *target = NULL;

      if (other == NULL || other->status != CONTENT_STATUS_PUBLISHED)
        continue;
      target = g_strconcat ("item:", other->id, NULL);
      gtk_box_append (self->related, kiosk_link_button_new (self->ctx, target, "banlang-next-symbolic",
                                                            content_item_get_text_for (other, self->ctx->lang)->title));
      gtk_label_set_text (self->related_title, heading);
      gtk_widget_set_visible (GTK_WIDGET (self->related_title), TRUE);
    }
}

/* A law leads to the guides that explain it; a guide back to its laws. */
static void
add_related_items (KioskItemPage *self)
{
  if (self->item->kind == CONTENT_KIND_LAW)
    {
      g_autoptr(GPtrArray) guides = content_store_list_guides_of (self->ctx->store, self->item->id, NULL);
      add_related (self, _("Explained in plain words"), guides);
    }
  else if (self->item->kind == CONTENT_KIND_GUIDE)
    {
      g_autoptr(GPtrArray) laws = g_ptr_array_new_with_free_func (g_free);
      JsonNode *node = content_item_get_detail_node (self->item, "laws");
      JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        g_ptr_array_add (laws, g_strdup (json_array_get_string_element (array, i)));
      add_related (self, _("The law it explains"), laws);
    }
}

/* A word of the body names another published item (its id, SMS code or law number): it links
 * there. The item's own code stays text: a page does not link to itself. */
static char *
link_word (const char *word, gpointer user_data)
{
  KioskItemPage *self = user_data;
  g_autofree char *id = content_body_lookup_item (word, self->ctx->store);

  return g_strcmp0 (id, self->item->id) != 0 ? g_steal_pointer (&id) : NULL;
}

static void
show_text (KioskItemPage *self, const ContentText *text)
{
  g_autoptr(ContentBody) body = content_body_parse (text->body, link_word, self);

  gtk_label_set_text (self->title, text->title);
  if (!g_str_equal (text->lang, self->ctx->lang))
    {
      const ContentLanguage *shown = content_language_lookup (text->lang);
      const ContentLanguage *reader = content_language_lookup (self->ctx->lang);
      const char *reader_name = reader != NULL ? reader->native_name : self->ctx->lang;
      JsonObject *recording = content_item_get_recording (self->item, self->ctx->lang);
      g_autofree char *note = NULL;

      if (recording != NULL && !content_item_recording_is_stale (self->item, recording))
        /* Translators: the first %s is the reader's language, the second the one written. */
        note = g_strdup_printf (_("Listen in %s. The writing is in %s."), reader_name, shown->native_name);
      else
        /* The words of the bar other pages show: the same note in the same place. */
        note = g_strdup_printf (_("Not yet translated into %s; shown in %s."), reader_name, shown->native_name);
      gtk_label_set_text (self->fallback, note);
      gtk_widget_set_visible (self->fallback_row, TRUE);
    }
  gtk_label_set_text (self->summary, text->summary != NULL ? text->summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary), text->summary != NULL);
  kiosk_markup_append (self->body, body, self->ctx);
}

/* The item's pictures, each with its caption in the reader's language. */
static void
add_pictures (KioskItemPage *self)
{
  JsonArray *media = self->item->media != NULL && JSON_NODE_HOLDS_ARRAY (self->item->media)
                     ? json_node_get_array (self->item->media) : NULL;

  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      JsonObject *entry = json_array_get_object_element (media, i);
      JsonNode *caption_node;
      const char *caption;
      GtkWidget *picture, *box;

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kind", NULL), "picture") != 0)
        continue;
      caption_node = content_localized (json_object_get_member (entry, "caption"), self->ctx->lang);
      caption = caption_node != NULL && JSON_NODE_HOLDS_VALUE (caption_node) ? json_node_get_string (caption_node) : NULL;
      /* 240 px: a picture a person sees from a step back that leaves the text in view. */
      picture = kiosk_pictures_new_picture (self->ctx->store, json_object_get_string_member (entry, "sha256"), 240, caption);
      if (picture == NULL)
        continue;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      gtk_widget_set_halign (box, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), picture);
      if (caption != NULL)
        {
          GtkWidget *label = kiosk_label_new (caption, "caption");
          gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_flow_box_append (self->pictures, box);
      gtk_widget_set_visible (GTK_WIDGET (self->pictures), TRUE);
    }
}

GtkWidget *
kiosk_item_page_new (const KioskPageContext *ctx, const char *item_id)
{
  g_autoptr(ContentItem) item = content_store_get_item (ctx->store, item_id, NULL);
  KioskItemPage *self;
  GtkWidget *listen;

  if (item == NULL || item->status != CONTENT_STATUS_PUBLISHED)
    return NULL;
  self = g_object_new (KIOSK_TYPE_ITEM_PAGE, NULL);
  self->ctx = ctx;
  self->item = g_steal_pointer (&item);
  show_text (self, content_item_get_text_for (self->item, ctx->lang));
  listen = kiosk_listen_button_new (ctx);
  kiosk_listen_button_add_item (KIOSK_LISTEN_BUTTON (listen), self->item);
  gtk_box_append (self->listen_slot, listen);
  add_pictures (self);
  add_facts (self);
  add_related_items (self);
  if (self->item->sms_code != NULL)
    {
      g_autofree char *sms = kiosk_sms_hint (ctx, self->item->sms_code);
      const char *codes[] = { self->item->sms_code, NULL };

      gtk_label_set_text (self->sms_hint, sms);
      gtk_widget_set_visible (GTK_WIDGET (self->sms_hint), TRUE);
      gtk_box_append (self->take_home, kiosk_qr_code_new (ctx->sms_number, codes));
    }
  return GTK_WIDGET (self);
}
