/* kiosk-search-page.c: search as a villager does it, with the kiosk's keypad.
 *
 * What is typed shows in a large field above; the results follow every key, best first, each a
 * large button with its title and what kind of thing it is. Typing without diacritics finds
 * accented text (the content library folds both sides).
 */
#include "config.h"
#include "kiosk-search-page.h"
#include "kiosk-widgets.h"

#include "content-search.h"

#include <glib/gi18n.h>

/* Enough to find what one looks for on a screen; more is scrolling nobody does. */
#define MAX_RESULTS 12

struct _KioskSearchPage {
  GtkWidget parent_instance;

  GtkLabel *query;
  GtkLabel *status;
  GtkBox *results;
  GtkScrolledWindow *scroller;
  GtkBox *keypad_box;
  KioskKeypad *keypad;
  GtkWidget *rows[MAX_RESULTS];

  const KioskPageContext *ctx;
  guint n_results;
};

G_DEFINE_FINAL_TYPE (KioskSearchPage, kiosk_search_page, GTK_TYPE_WIDGET)

static void
kiosk_search_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_SEARCH_PAGE);
  G_OBJECT_CLASS (kiosk_search_page_parent_class)->dispose (object);
}

static void
kiosk_search_page_class_init (KioskSearchPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_search_page_dispose;
  kiosk_widgets_set_template (widget_class, "kiosk-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, query);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, status);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, results);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskSearchPage, keypad_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_search_page_init (KioskSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
      count = g_strdup_printf (_("The best %u results; type more to narrow them down."), found);
      gtk_label_set_text (self->status, count);
    }
  else
    {
      count = g_strdup_printf (ngettext ("%u result", "%u results", found), found);
      gtk_label_set_text (self->status, count);
    }
}

/* Runs the search for what the keypad holds and shows the results, best first. */
static void
update_results (KioskSearchPage *self)
{
  const char *query = kiosk_keypad_get_text (self->keypad);
  /* One more than shown, to know when there are more. */
  ContentSearchOptions options = { .lang = self->ctx->lang, .kind = -1, .limit = MAX_RESULTS + 1,
                                   .no_snippets = TRUE };
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
  self->n_results = results != NULL ? MIN (results->len, MAX_RESULTS) : 0;
  /* The rows are made once and only change their words: building and styling new buttons on
   * every key costs more than the search itself. */
  for (guint i = 0; i < MAX_RESULTS; i++)
    if (i < self->n_results)
      show_result (self->rows[i], g_ptr_array_index (results, i));
    else
      gtk_widget_set_visible (self->rows[i], FALSE);
  show_status (self, query, self->n_results, results != NULL && results->len > MAX_RESULTS);
  kiosk_scroll_to_top (self->scroller);
}

GtkWidget *
kiosk_search_page_new (const KioskPageContext *ctx)
{
  KioskSearchPage *self = g_object_new (KIOSK_TYPE_SEARCH_PAGE, NULL);

  self->ctx = ctx;
  for (guint i = 0; i < MAX_RESULTS; i++)
    {
      self->rows[i] = kiosk_link_button_new (ctx, "", NULL, "");
      gtk_widget_set_visible (self->rows[i], FALSE);
      gtk_box_append (self->results, self->rows[i]);
    }
  self->keypad = KIOSK_KEYPAD (kiosk_keypad_new (FALSE));
  gtk_box_append (self->keypad_box, GTK_WIDGET (self->keypad));
  g_signal_connect_swapped (self->keypad, "notify::text", G_CALLBACK (update_results), self);
  update_results (self);
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
