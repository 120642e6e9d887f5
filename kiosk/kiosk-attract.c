/* kiosk-attract.c: what the kiosk shows while nobody uses it.
 *
 * Passers-by see, in turn, the notices in force, the best-rated OCOP products and the places
 * that welcome visitors, and an invitation to touch. A tap anywhere starts; a tap on the featured
 * item opens that item, which is what the person came closer for. Featured items turn only while
 * the screen is shown, so an idle timer does not run behind a person using the kiosk.
 *
 * It fits the smallest screen of a cultural house (1024×600): the picture gives up height before
 * anything else does, and title and summary are cut to a few lines (the item's page has them
 * whole).
 *
 * When the hub no longer vouches for the content (stale), a small date in the corner tells staff
 * passing by, in words that do not alarm anyone: the content is as it was on that day.
 *
 * Each featured item shows its first picture, so the screen speaks to people who do not read;
 * and when the screen appears it greets, one after another, in every language that has a
 * recorded greeting (content media, greetings.json): a Dao or Tày speaker passing by hears that
 * the kiosk has something in their language. It greets once each time it appears, not all
 * night: a cultural house is also a meeting room.
 */
#include "config.h"
#include "kiosk-attract.h"
#include "kiosk-pictures.h"
#include "kiosk-speaker.h"
#include "kiosk-widgets.h"
#include "content-replica.h"
#include "content-store-media.h"

#include <glib/gi18n.h>


/* Long enough to read a title and a summary standing in front of the screen. */
#define TURN_SECONDS 8
/* A passer-by sees a few turns at most; the newest notices matter most. */
#define FEATURED_NOTICES 5
/* Pictures are drawn this wide, the largest the style sheet shows them. */
#define PICTURE_SIZE 200
/* The products shown are those with the most stars. */
#define FEATURED_STARS 5

struct _KioskAttract {
  GtkWidget parent_instance;

  GtkWidget *screen;
  GtkWidget *card_column;
  GtkWidget *card;
  GtkWidget *start;
  GtkBox *picture_slot;
  GtkLabel *kind;
  GtkLabel *title;
  GtkLabel *summary;
  GtkLabel *stale;

  ContentStore *store;
  char *lang;
  GPtrArray *featured;  /* item ids */
  guint shown;
  guint turn_source;
  GPtrArray *greetings;  /* sha256 of each recorded greeting, in the registry's order */
  guint greeted;         /* how many greetings played since the screen appeared */
  guint greetings_played;
  gulong finished_handler;
};

enum { DISMISSED, OPEN_ITEM, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskAttract, kiosk_attract, GTK_TYPE_WIDGET)

static void
on_start_clicked (KioskAttract *self)
{
  g_signal_emit (self, signals[DISMISSED], 0);
}

static void
on_card_clicked (KioskAttract *self)
{
  const char *id = kiosk_attract_get_shown (self);

  if (id != NULL)
    g_signal_emit (self, signals[OPEN_ITEM], 0, id);
}

/* A tap on the screen around the buttons starts too; the buttons answer their own taps. */
static void
on_screen_released (GtkGestureClick *gesture, int n_press, double x, double y, KioskAttract *self)
{
  GtkWidget *picked = gtk_widget_pick (self->screen, x, y, GTK_PICK_DEFAULT);

  if (picked != NULL && (GTK_IS_BUTTON (picked) || gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON) != NULL))
    return;
  on_start_clicked (self);
}

static gboolean
on_turn (gpointer user_data)
{
  kiosk_attract_next (KIOSK_ATTRACT (user_data));
  return G_SOURCE_CONTINUE;
}

/* The next recorded greeting, when there is one left to play since the screen appeared. */
static void
greet_next (KioskAttract *self)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();

  /* Whatever still sounds stops first, while no greeting is counted as started: its "finished"
   * must not start a greeting from within this one. */
  if (self->greeted == 0)
    kiosk_speaker_stop (speaker);
  while (self->greeted < self->greetings->len)
    {
      g_autoptr(GError) error = NULL;
      const char *sha256 = g_ptr_array_index (self->greetings, self->greeted++);
      g_autofree char *path = kiosk_speaker_cache_blob (speaker, self->store, sha256, &error);

      if (path == NULL)
        {
          g_warning ("greeting %s: %s", sha256, error->message);
          continue;
        }
      kiosk_speaker_play_file (speaker, self, path);
      self->greetings_played++;
      return;
    }
}

static void
on_speaker_finished (KioskAttract *self)
{
  /* Only after a greeting of ours ended by itself: never over someone else's sound. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && kiosk_speaker_get_owner (kiosk_speaker_get_default ()) == NULL &&
      self->greeted > 0)
    greet_next (self);
}

static void
kiosk_attract_map (GtkWidget *widget)
{
  KioskAttract *self = KIOSK_ATTRACT (widget);

  GTK_WIDGET_CLASS (kiosk_attract_parent_class)->map (widget);
  if (self->turn_source == 0)
    self->turn_source = g_timeout_add_seconds (TURN_SECONDS, on_turn, self);
  self->greeted = 0;
  greet_next (self);
  /* Staff with a keyboard start with Enter. */
  gtk_widget_grab_focus (self->start);
}

static void
kiosk_attract_unmap (GtkWidget *widget)
{
  KioskAttract *self = KIOSK_ATTRACT (widget);

  /* Somebody touched the screen: the greeting stops and the rest are not played. */
  self->greeted = self->greetings->len;
  kiosk_speaker_stop_owner (kiosk_speaker_get_default (), self);
  g_clear_handle_id (&self->turn_source, g_source_remove);
  GTK_WIDGET_CLASS (kiosk_attract_parent_class)->unmap (widget);
}

static void
kiosk_attract_dispose (GObject *object)
{
  KioskAttract *self = KIOSK_ATTRACT (object);

  g_clear_handle_id (&self->turn_source, g_source_remove);
  kiosk_speaker_stop_owner (kiosk_speaker_get_default (), self);
  g_clear_signal_handler (&self->finished_handler, kiosk_speaker_get_default ());
  g_clear_object (&self->store);
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_ATTRACT);
  G_OBJECT_CLASS (kiosk_attract_parent_class)->dispose (object);
}

static void
kiosk_attract_finalize (GObject *object)
{
  KioskAttract *self = KIOSK_ATTRACT (object);

  g_clear_pointer (&self->featured, g_ptr_array_unref);
  g_clear_pointer (&self->greetings, g_ptr_array_unref);
  g_free (self->lang);
  G_OBJECT_CLASS (kiosk_attract_parent_class)->finalize (object);
}

static void
kiosk_attract_class_init (KioskAttractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_attract_dispose;
  object_class->finalize = kiosk_attract_finalize;
  widget_class->map = kiosk_attract_map;
  widget_class->unmap = kiosk_attract_unmap;
  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The featured item was tapped: its id. */
  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  kiosk_widgets_set_template (widget_class, "kiosk-attract.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, screen);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, card_column);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, card);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, start);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, picture_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, kind);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, title);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, summary);
  gtk_widget_class_bind_template_child (widget_class, KioskAttract, stale);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_card_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_attract_init (KioskAttract *self)
{
  GtkGesture *tap;

  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->card_column);
  tap = gtk_gesture_click_new ();
  g_signal_connect (tap, "released", G_CALLBACK (on_screen_released), self);
  gtk_widget_add_controller (self->screen, GTK_EVENT_CONTROLLER (tap));
  self->featured = g_ptr_array_new_with_free_func (g_free);
  self->greetings = g_ptr_array_new_with_free_func (g_free);
  self->finished_handler = g_signal_connect_swapped (kiosk_speaker_get_default (), "finished",
                                                     G_CALLBACK (on_speaker_finished), self);
}

/* Notices in force, then products with the most stars and places to visit, in turn. */
static void
collect_featured (KioskAttract *self)
{
  g_autofree char *today = content_store_today (self->store, NULL);
  g_autoptr(GPtrArray) notices = content_store_list_current_notices (self->store, today, FEATURED_NOTICES, NULL);
  g_autoptr(GPtrArray) products = content_store_list_products_with_stars (self->store, FEATURED_STARS, NULL);
  g_autoptr(GPtrArray) places = content_store_list_kind (self->store, CONTENT_KIND_PLACE, NULL);

  for (guint i = 0; notices != NULL && i < notices->len; i++)
    g_ptr_array_add (self->featured, g_strdup (g_ptr_array_index (notices, i)));
  for (guint i = 0; (products != NULL && i < products->len) || (places != NULL && i < places->len); i++)
    {
      if (products != NULL && i < products->len)
        g_ptr_array_add (self->featured, g_strdup (g_ptr_array_index (products, i)));
      if (places != NULL && i < places->len)
        g_ptr_array_add (self->featured, g_strdup (g_ptr_array_index (places, i)));
    }
}

static void
collect_greetings (KioskAttract *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) greetings = content_store_list_greetings (self->store, &error);
  JsonArray *array = greetings != NULL && JSON_NODE_HOLDS_ARRAY (greetings) ? json_node_get_array (greetings) : NULL;

  if (greetings == NULL)
    g_warning ("greetings: %s", error->message);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *sha256 = json_object_get_string_member_with_default (json_array_get_object_element (array, i),
                                                                       "sha256", NULL);
      if (sha256 != NULL)
        g_ptr_array_add (self->greetings, g_strdup (sha256));
    }
}

static void
show_item (KioskAttract *self, const char *id)
{
  g_autoptr(ContentItem) item = content_store_get_item (self->store, id, NULL);
  const ContentText *text;

  gtk_widget_set_visible (self->card, item != NULL);
  if (item == NULL)
    return;
  text = content_item_get_text_for (item, self->lang);
  kiosk_box_clear (self->picture_slot);
  for (guint i = 0; item->media != NULL && i < json_array_get_length (json_node_get_array (item->media)); i++)
    {
      JsonObject *entry = json_array_get_object_element (json_node_get_array (item->media), i);
      GtkWidget *picture;

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kind", NULL), "picture") != 0)
        continue;
      picture = kiosk_pictures_new_picture (self->store, json_object_get_string_member (entry, "sha256"), PICTURE_SIZE, NULL);
      if (picture != NULL)
        {
          /* The style sheet sizes it (its min-width and min-height), smaller on a low screen,
           * rather than let it push the words off; it is drawn to fit that box. */
          gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
          gtk_widget_add_css_class (picture, "attract-picture");
          gtk_box_append (self->picture_slot, picture);
        }
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->picture_slot), gtk_widget_get_first_child (GTK_WIDGET (self->picture_slot)) != NULL);
  gtk_label_set_text (self->kind, kiosk_kind_name (item->kind));
  gtk_label_set_text (self->title, text->title);
  gtk_label_set_text (self->summary, text->summary != NULL ? text->summary : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->card), GTK_ACCESSIBLE_PROPERTY_LABEL, text->title, -1);
}

GtkWidget *
kiosk_attract_new (ContentStore *store, const char *lang)
{
  KioskAttract *self = g_object_new (KIOSK_TYPE_ATTRACT, NULL);

  self->store = g_object_ref (store);
  self->lang = g_strdup (lang);
  collect_featured (self);
  collect_greetings (self);
  show_item (self, kiosk_attract_get_shown (self));
  return GTK_WIDGET (self);
}

guint
kiosk_attract_get_greetings_played (KioskAttract *self)
{
  return self->greetings_played;
}

void
kiosk_attract_next (KioskAttract *self)
{
  if (self->featured->len == 0)
    return;
  self->shown = (self->shown + 1) % self->featured->len;
  show_item (self, kiosk_attract_get_shown (self));
}

const char *
kiosk_attract_get_shown (KioskAttract *self)
{
  return self->featured->len > 0 ? g_ptr_array_index (self->featured, self->shown) : NULL;
}

const char *
kiosk_attract_button_get_item (GtkWidget *button)
{
  GtkWidget *self = gtk_widget_get_ancestor (button, KIOSK_TYPE_ATTRACT);

  return self != NULL && button == KIOSK_ATTRACT (self)->card ? kiosk_attract_get_shown (KIOSK_ATTRACT (self)) : NULL;
}

void
kiosk_attract_set_stale (KioskAttract *self, const char *date)
{
  g_autofree char *text = date != NULL ? g_strdup_printf (_("Content of %s"), date) : NULL;

  gtk_label_set_text (self->stale, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stale), date != NULL);
}

gboolean
kiosk_attract_get_stale (KioskAttract *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->stale));
}
