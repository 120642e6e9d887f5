/* kiosk-search-page.c: search as a villager does it, with the kiosk's keypad.
 *
 * What is typed shows in a large field above; the results follow every key, best first, each a
 * large button with its title and what kind of thing it is. Typing without diacritics finds
 * accented text (the content library folds both sides). The best twelve come first; "Show more"
 * adds twelve at a time, so nothing found is out of reach ("ocop" finds more products than fit).
 * In a portrait window the keys go under the results, which then have the whole width. A staff
 * member with a keyboard types on it as on the keys. Listen beside the field says what is typed,
 * how much was found and the titles found, each in the language it is shown in.
 */
#include "config.h"
#include "kiosk-search-page.h"
#include "kiosk-listen-button.h"
#include "kiosk-widgets.h"

#include "content-search.h"

#include <glib/gi18n.h>

/* Results shown at first and added by each "Show more": a screenful, best first. */
#define PAGE_RESULTS 12

struct _KioskSearchPage {
  GtkWidget parent_instance;

  GtkLabel *query;
  GtkBox *listen_slot;
  KioskListenButton *listen;
  GtkLabel *status;
  GtkBox *results;
  GtkScrolledWindow *scroller;
  GtkBox *keypad_box;
  GtkBox *layout;
  GtkWidget *column;
  GtkWidget *more;
  GtkLabel *more_label;
  KioskKeypad *keypad;
  GPtrArray *rows;          /* result buttons, made once and reused */

  const KioskPageContext *ctx;
  guint n_results;
  guint limit;              /* how many results are asked for */
};

G_DEFINE_FINAL_TYPE (KioskSearchPage, kiosk_search_page, GTK_TYPE_WIDGET)

static void update_results (KioskSearchPage *self);

static void
kiosk_search_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_SEARCH_PAGE);
  G_OBJECT_CLASS (kiosk_search_page_parent_class)->dispose (object);
}

static void
kiosk_search_page_finalize (GObject *object)
{
  g_clear_pointer (&KIOSK_SEARCH_PAGE (object)->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kiosk_search_page_parent_class)->finalize (object);
}

static void
on_more_clicked (KioskSearchPage *self)
{
  double position = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));

  self->limit += PAGE_RESULTS;
  update_results (self);
  /* The reader stays where they were: the new results follow below. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), position);
}

/* A keyboard (staff have one) types as the keys do: letters, digits, space and Backspace. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                KioskSearchPage *self)
{
  guint32 c = gdk_keyval_to_unicode (keyval);
  g_autoptr(GString) text = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  text = g_string_new (kiosk_keypad_get_text (self->keypad));
  if (keyval == GDK_KEY_BackSpace)
    {
      const char *last = text->len > 0 ? g_utf8_find_prev_char (text->str, text->str + text->len) : NULL;
      g_string_truncate (text, last != NULL ? (gsize) (last - text->str) : 0);
    }
  else if (c != 0 && (g_unichar_isalnum (c) || c == ' '))
    g_string_append_unichar (text, g_unichar_tolower (c));
  else
    return GDK_EVENT_PROPAGATE;
  kiosk_keypad_set_text (self->keypad, text->str);
  return GDK_EVENT_STOP;
}

static void
kiosk_search_page_class_init (KioskSearchPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_search_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_search_page_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, query);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, status);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, results);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, keypad_box);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, layout);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, column);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, more);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_search_page_init (KioskSearchPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_clamp_to_reading_width (self->column);
  self->rows = g_ptr_array_new ();
  self->limit = PAGE_RESULTS;
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Shows @result in the result row @row. */
static void
show_result (GtkWidget *row, const ContentSearchResult *result)
{
  g_autofree char *target = g_strconcat ("item:", result->id, NULL);
  g_autofree char *text = NULL;

  if (result->number != NULL)
    text = g_strdup_printf ("%s\n%s · %s", result->title, kiosk_kind_name (result->kind), result->number);
  else
    text = g_strdup_printf ("%s\n%s", result->title, kiosk_kind_name (result->kind));
  kiosk_link_button_set (row, target, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_visible (row, TRUE);
}

static void
show_status (KioskSearchPage *self, const char *query, guint found, gboolean more)
{
  g_autofree char *count = NULL;

  if (*query == '\0')
    gtk_label_set_text (self->status, _("Type a word with the keys. No accents needed: “hon nhan” finds “hôn nhân”."));
  else if (found == 0)
    gtk_label_set_text (self->status, _("Nothing found. Check the spelling, or type fewer letters."));
  else if (more)
    {
      count = g_strdup_printf (_("The best %u results, and more below; type more to narrow them down."), found);
      gtk_label_set_text (self->status, count);
    }
  else
    {
      count = g_strdup_printf (ngettext ("%u result", "%u results", found), found);
      gtk_label_set_text (self->status, count);
    }
}

/* What Listen says: what is typed, how much was found, then the titles shown. New results
 * silence the old ones. */
static void
say_results (KioskSearchPage *self, const char *query, GPtrArray *results)
{
  kiosk_listen_button_clear (self->listen);
  kiosk_listen_button_append_words (self->listen, query);
  kiosk_listen_button_append_words (self->listen, gtk_label_get_text (self->status));
  for (guint i = 0; i < self->n_results; i++)
    {
      const ContentSearchResult *result = g_ptr_array_index (results, i);

      kiosk_listen_button_append (self->listen, result->lang != NULL ? result->lang : "vi", result->title);
    }
}

/* Runs the search for what the keypad holds and shows the results, best first. */
static void
update_results (KioskSearchPage *self)
{
  const char *query = kiosk_keypad_get_text (self->keypad);
  /* One more than shown, to know when there are more. */
  ContentSearchOptions options = { .lang = self->ctx->lang, .kind = -1, .limit = self->limit + 1,
                                   .no_snippets = TRUE };
  gboolean more;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* A trailing bar stands for the cursor: the field shows where the next letter goes. */
  {
    g_autofree char *shown = g_strconcat (query, "▏", NULL);
    gtk_label_set_text (self->query, shown);
  }
  results = content_store_search (self->ctx->store, query, &options, &error);
  if (results == NULL)
    g_warning ("search for “%s”: %s", query, error->message);
  self->n_results = results != NULL ? MIN (results->len, self->limit) : 0;
  more = results != NULL && results->len > self->limit;
  /* The rows are made once and only change their words: building and styling new buttons on
   * every key costs more than the search itself. */
  while (self->rows->len < self->limit)
    {
      GtkWidget *row = kiosk_link_button_new (self->ctx, "", NULL, "");

      gtk_widget_set_visible (row, FALSE);
      gtk_box_append (self->results, row);
      g_ptr_array_add (self->rows, row);
    }
  for (guint i = 0; i < self->rows->len; i++)
    if (i < self->n_results)
      show_result (g_ptr_array_index (self->rows, i), g_ptr_array_index (results, i));
    else
      gtk_widget_set_visible (g_ptr_array_index (self->rows, i), FALSE);
  gtk_widget_set_visible (self->more, more);
  show_status (self, query, self->n_results, more);
  say_results (self, query, results);
}

/* What is typed changed: the best results again, from the top. */
static void
on_text_changed (KioskSearchPage *self)
{
  self->limit = PAGE_RESULTS;
  update_results (self);
  kiosk_scroll_to_top (self->scroller);
}

GtkWidget *
kiosk_search_page_new (const KioskPageContext *ctx)
{
  KioskSearchPage *self = g_object_new (KIOSK_TYPE_SEARCH_PAGE, NULL);

  self->ctx = ctx;
  self->listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (ctx));
  gtk_box_append (self->listen_slot, GTK_WIDGET (self->listen));
  gtk_label_set_text (self->more_label, _("Show more results"));
  self->keypad = KIOSK_KEYPAD (kiosk_keypad_new (FALSE));
  gtk_box_append (self->keypad_box, GTK_WIDGET (self->keypad));
  g_signal_connect_swapped (self->keypad, "notify::text", G_CALLBACK (on_text_changed), self);
  on_text_changed (self);
  return GTK_WIDGET (self);
}

KioskKeypad *
kiosk_search_page_get_keypad (KioskSearchPage *self)
{
  return self->keypad;
}

guint
kiosk_search_page_get_n_results (KioskSearchPage *self)
{
  return self->n_results;
}

void
kiosk_search_page_set_portrait (KioskSearchPage *self, gboolean portrait)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->layout),
                                  portrait ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->keypad_box), portrait ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
}

gboolean
kiosk_search_page_show_more (KioskSearchPage *self)
{
  if (!gtk_widget_get_visible (self->more))
    return FALSE;
  on_more_clicked (self);
  return TRUE;
}
