/* kiosk-window.c: the one window of the kiosk.
 *
 * A bar that is always there (Home, Back: a person can never get lost or stuck) above a GtkStack
 * of pages. Opening a link pushes a page; Back pops it; Home drops them all. Pages are built from
 * the store when opened (kiosk-pages.c).
 */
#include "config.h"
#include "kiosk-window.h"
#include "kiosk-language.h"
#include "kiosk-pages.h"
#include "kiosk-resources.h"

#include <glib/gi18n.h>

struct _KioskWindow {
  GtkApplicationWindow parent_instance;

  GtkWidget *home_label;
  GtkWidget *back_label;
  GtkStack *pages;

  ContentStore *store;
  char *lang;
  char *sms_number;
  KioskPageContext context;
  GPtrArray *history;   /* targets of the pages on the stack, bottom first */
};

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

static void
open_target (gpointer user_data, const char *target)
{
  kiosk_window_open (KIOSK_WINDOW (user_data), target);
}

static void
on_home_clicked (KioskWindow *self)
{
  kiosk_window_home (self);
}

static void
on_back_clicked (KioskWindow *self)
{
  kiosk_window_back (self);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);
  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_finalize (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self->lang);
  g_free (self->sms_number);
  G_OBJECT_CLASS (kiosk_window_parent_class)->finalize (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GBytes) template = NULL;

  object_class->dispose = kiosk_window_dispose;
  object_class->finalize = kiosk_window_finalize;
  /* Through the library's own resource object (not the global registry), so linking the window
   * always links its template and style sheet. */
  template = g_resource_lookup_data (kiosk_get_resource (), "/org/banlang/kiosk/kiosk-window.ui", 0, NULL);
  gtk_widget_class_set_template (widget_class, template);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, back_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, pages);
  gtk_widget_class_bind_template_callback (widget_class, on_home_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
}

static void
kiosk_window_init (KioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->history = g_ptr_array_new_with_free_func (g_free);
}

/* The bar's words, in the current language. */
static void
label_bar (KioskWindow *self)
{
  gtk_label_set_text (GTK_LABEL (self->home_label), _("Home"));
  gtk_label_set_text (GTK_LABEL (self->back_label), _("Back"));
}

KioskWindow *
kiosk_window_new (GtkApplication *app, ContentStore *store, const char *lang, const char *sms_number)
{
  KioskWindow *self = g_object_new (KIOSK_TYPE_WINDOW, "application", app, NULL);

  self->store = g_object_ref (store);
  self->lang = g_strdup (lang);
  self->sms_number = g_strdup (sms_number);
  self->context = (KioskPageContext) { self->store, self->lang, self->sms_number, open_target, self };
  kiosk_language_apply (lang);
  label_bar (self);
  kiosk_window_home (self);
  return self;
}

void
kiosk_window_set_lang (KioskWindow *self, const char *lang)
{
  g_auto(GStrv) targets = NULL;
  GtkWidget *child;

  g_ptr_array_add (self->history, NULL);
  targets = g_strdupv ((char **) self->history->pdata);
  g_ptr_array_set_size (self->history, self->history->len - 1);
  g_free (self->lang);
  self->lang = g_strdup (lang);
  self->context.lang = self->lang;
  kiosk_language_apply (lang);
  label_bar (self);
  /* Every page open is built again in the new language, so Back still leads where it did. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    gtk_stack_remove (self->pages, child);
  g_ptr_array_set_size (self->history, 0);
  for (gsize i = 0; targets[i] != NULL; i++)
    kiosk_window_open (self, targets[i]);
}


static GtkWidget *
build_page (KioskWindow *self, const char *target)
{
  if (g_str_equal (target, "home"))
    return kiosk_home_page_new (&self->context);
  if (g_str_has_prefix (target, "topic:"))
    return kiosk_topic_page_new (&self->context, target + 6);
  if (g_str_has_prefix (target, "item:"))
    return kiosk_item_page_new (&self->context, target + 5);
  return NULL;
}

void
kiosk_window_open (KioskWindow *self, const char *target)
{
  GtkWidget *page;
  g_autofree char *name = NULL;

  if (g_str_has_prefix (target, "lang:"))
    {
      kiosk_window_set_lang (self, target + 5);
      return;
    }
  page = build_page (self, target);
  if (page == NULL)
    {
      g_warning ("nothing to show for %s", target);
      return;
    }
  name = g_strdup_printf ("%u", self->history->len);
  gtk_stack_add_named (self->pages, page, name);
  gtk_stack_set_visible_child (self->pages, page);
  g_ptr_array_add (self->history, g_strdup (target));
}

void
kiosk_window_back (KioskWindow *self)
{
  GtkWidget *top;

  if (self->history->len <= 1)
    return;
  top = gtk_stack_get_visible_child (self->pages);
  g_ptr_array_set_size (self->history, self->history->len - 1);
  {
    g_autofree char *name = g_strdup_printf ("%u", self->history->len - 1);
    gtk_stack_set_visible_child_name (self->pages, name);
  }
  gtk_stack_remove (self->pages, top);
}

void
kiosk_window_home (KioskWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    gtk_stack_remove (self->pages, child);
  g_ptr_array_set_size (self->history, 0);
  kiosk_window_open (self, "home");
}

const char *
kiosk_window_get_current (KioskWindow *self)
{
  return self->history->len > 0 ? g_ptr_array_index (self->history, self->history->len - 1) : NULL;
}

GtkWidget *
kiosk_window_get_page (KioskWindow *self)
{
  return gtk_stack_get_visible_child (self->pages);
}
