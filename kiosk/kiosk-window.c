/* kiosk-window.c: the one window of the kiosk.
 *
 * A bar that is always there (Home, Back: a person can never get lost or stuck) above a GtkStack
 * of pages. Opening a link pushes a page; Back pops it; Home drops them all. Pages are built from
 * the store when opened. After a while without a touch the window forgets the last person and
 * shows the attract screen until someone touches it.
 *
 * The window is also where the kiosk knows whether anybody is there, so it tells the updater
 * when it is quiet (the attract screen shows): updates are applied only then, and the pages are
 * built again from the new content before the next person touches the screen. It counts what
 * people open and the searches they leave with nothing found (anonymous, in the store), and it
 * opens the staff panel after a press held for seconds on the bar's corner, which nobody makes
 * by chance.
 *
 * Whoever reads slowly is asked "Are you still there?" before the kiosk forgets them, with one
 * large button to stay. Larger text and stronger contrast are switched from the bar on every page
 * and forgotten with the reader. The window's size, not the kiosk's model, decides how pages are
 * laid out: cultural houses have 1024×600 screens, full HD ones and portrait ones, and the
 * window marks itself "small" or "portrait" for the style sheet and the pages.
 */
#include "config.h"
#include "kiosk-window.h"
#include "kiosk-attract.h"
#include "kiosk-home-page.h"
#include "kiosk-item-page.h"
#include "kiosk-language.h"
#include "kiosk-keypad.h"
#include "kiosk-pictures.h"
#include "kiosk-speaker.h"
#include "kiosk-notices-page.h"
#include "kiosk-search-page.h"
#include "kiosk-staff-page.h"
#include "kiosk-topic-page.h"
#include "kiosk-widgets.h"
#include "kiosk-wizard-page.h"

#include "content-fold.h"
#include "content-language.h"
#include "content-replica.h"
#include "sync-usage.h"

#include <glib/gi18n.h>
#include <string.h>

struct _KioskWindow {
  GtkApplicationWindow parent_instance;

  GtkStack *screens;
  GtkWidget *home_label;
  GtkWidget *back_label;
  GtkWidget *large_text_label;
  GtkWidget *contrast_label;
  GtkToggleButton *large_text_button;
  GtkToggleButton *contrast_button;
  GtkWidget *fallback_bar;
  GtkLabel *fallback_label;
  gboolean falls_back;        /* the sections are not in the reader's language: the bar says so */
  GtkWidget *idle_warning;
  GtkLabel *idle_question;
  GtkLabel *idle_countdown;
  GtkLabel *still_here_label;
  GtkStack *pages;
  GtkWidget *attract;

  ContentStore *store;
  ContentRuleSet *rules;
  char *lang;
  char *default_lang;
  char *sms_number;
  KioskPageContext context;
  GPtrArray *history;   /* targets of the pages on the stack, bottom first */
  guint idle_seconds;
  guint idle_source;
  guint warn_source;          /* the "Are you still there?" question is due */
  guint countdown_source;     /* the question shows: its seconds count down */
  guint countdown;            /* seconds left before the kiosk forgets the reader */
  char *shape;                /* "small", "portrait" or "" as last laid out */
  gboolean locked;
  KioskUpdater *updater;
  char *staff_pin;
  gboolean content_changed;   /* an update was applied: pages are built again at the next idle */
  guint hold_source;          /* the bar's corner is being held */
};

/* How long staff hold the bar's corner to open their panel: longer than anyone rests a finger
 * on a screen by chance. */
#define STAFF_HOLD_SECONDS 5

/* How long before forgetting the reader the kiosk asks whether anybody is still there: long
 * enough to read the question and reach the button. */
#define IDLE_WARNING_SECONDS 15

/* How much larger the large-text mode makes every word (not the keys, which are sized for
 * fingers, not eyes, nor the bar, which must fit the narrowest screen with its switch on). */
#define LARGE_TEXT_SCALE 1.3

G_DEFINE_FINAL_TYPE (KioskWindow, kiosk_window, GTK_TYPE_APPLICATION_WINDOW)

static gboolean push_page (KioskWindow *self, const char *target);
static void show_fallback_bar (KioskWindow *self);
static void restart_idle (KioskWindow *self);

/* A page's link, Home and Back are someone reading on: the idle count starts again however
 * they were pressed. A touch or a key restarts it already; a screen reader's or switch
 * device's press reaches the button without any event the window sees. */
static void
open_target (gpointer user_data, const char *target)
{
  restart_idle (KIOSK_WINDOW (user_data));
  kiosk_window_open (KIOSK_WINDOW (user_data), target);
}

static void
on_home_clicked (KioskWindow *self)
{
  restart_idle (self);
  kiosk_window_home (self);
}

static void
on_back_clicked (KioskWindow *self)
{
  restart_idle (self);
  kiosk_window_back (self);
}

/* The corner held long enough: the staff panel, which asks for its PIN. */
static gboolean
on_corner_held (gpointer user_data)
{
  KioskWindow *self = KIOSK_WINDOW (user_data);

  self->hold_source = 0;
  if (self->staff_pin == NULL)
    g_message ("staff panel: no staff_pin in [kiosk] of kiosk.ini, so it stays closed");
  else
    kiosk_window_open (self, "staff");
  return G_SOURCE_REMOVE;
}

static void
on_corner_pressed (KioskWindow *self)
{
  g_clear_handle_id (&self->hold_source, g_source_remove);
  self->hold_source = g_timeout_add_seconds (STAFF_HOLD_SECONDS, on_corner_held, self);
}

static void
on_corner_released (KioskWindow *self)
{
  g_clear_handle_id (&self->hold_source, g_source_remove);
}

static gboolean
on_idle_timeout (gpointer user_data)
{
  KioskWindow *self = KIOSK_WINDOW (user_data);

  self->idle_source = 0;
  kiosk_window_idle (self);
  return G_SOURCE_REMOVE;
}

/* The seconds of warning before the reset: IDLE_WARNING_SECONDS, or a third of a short idle time
 * (none when it is under 3 s, as the tests set it). */
static guint
warning_seconds (KioskWindow *self)
{
  return MIN (IDLE_WARNING_SECONDS, self->idle_seconds / 3);
}

static void
hide_idle_warning (KioskWindow *self)
{
  g_clear_handle_id (&self->warn_source, g_source_remove);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  gtk_widget_set_visible (self->idle_warning, FALSE);
}

static void
show_countdown (KioskWindow *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("The screen starts again for the next person in %u second.",
                                                     "The screen starts again for the next person in %u seconds.",
                                                     self->countdown),
                                           self->countdown);

  gtk_label_set_text (self->idle_countdown, text);
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  KioskWindow *self = KIOSK_WINDOW (user_data);

  if (self->countdown > 1)
    self->countdown--;
  show_countdown (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_warn_timeout (gpointer user_data)
{
  KioskWindow *self = KIOSK_WINDOW (user_data);

  self->warn_source = 0;
  if (kiosk_window_is_idle (self))
    return G_SOURCE_REMOVE;
  self->countdown = warning_seconds (self);
  show_countdown (self);
  gtk_widget_set_visible (self->idle_warning, TRUE);
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (self->still_here_label)));
  self->countdown_source = g_timeout_add_seconds (1, on_countdown_tick, self);
  return G_SOURCE_REMOVE;
}

/* Starts the idle count again from now. */
static void
restart_idle (KioskWindow *self)
{
  guint warning = warning_seconds (self);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  hide_idle_warning (self);
  if (self->idle_seconds == 0)
    return;
  self->idle_source = g_timeout_add_seconds (self->idle_seconds, on_idle_timeout, self);
  if (warning > 0)
    self->warn_source = g_timeout_add_seconds (self->idle_seconds - warning, on_warn_timeout, self);
}

static void
on_still_here_clicked (KioskWindow *self)
{
  restart_idle (self);
}

/* The large-text mode: the kiosk's style sheet once more, every word's size scaled, above the
 * sheet itself. Keys keep their size: they fit fingers and the screen already. */
static void
set_large_text (KioskWindow *self, gboolean large)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GtkCssProvider *larger = g_object_get_data (G_OBJECT (display), "kiosk-large-text");

  if (!large)
    {
      if (larger != NULL)
        {
          gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (larger));
          g_object_set_data (G_OBJECT (display), "kiosk-large-text", NULL);
        }
      return;
    }
  if (larger == NULL)
    {
      g_autoptr(GBytes) css = g_resources_lookup_data ("/org/banlang/kiosk/kiosk.css", 0, NULL);
      g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (css, NULL), "\n", -1);
      g_autoptr(GString) scaled = g_string_new (NULL);
      g_autoptr(GRegex) size = g_regex_new ("font-size: *([0-9]+)px", 0, 0, NULL);

      for (gsize i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(GMatchInfo) match = NULL;
          const char *line = lines[i];

          if (strstr (line, "key") == NULL && strstr (line, "kiosk-bar") == NULL && g_regex_match (size, line, 0, &match))
            {
              g_autofree char *px = g_match_info_fetch (match, 1);
              g_autofree char *larger_px = g_strdup_printf ("font-size: %dpx", (int) (g_ascii_strtod (px, NULL) * LARGE_TEXT_SCALE + 0.5));
              g_autofree char *replaced = g_regex_replace_literal (size, line, -1, 0, larger_px, 0, NULL);

              g_string_append_printf (scaled, "%s\n", replaced);
            }
          else
            g_string_append_printf (scaled, "%s\n", line);
        }
      larger = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (larger, scaled->str, -1);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (larger),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      g_object_set_data_full (G_OBJECT (display), "kiosk-large-text", larger, g_object_unref);
    }
}

static void
on_large_text_toggled (KioskWindow *self)
{
  gboolean on = gtk_toggle_button_get_active (self->large_text_button);

  set_large_text (self, on);
  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}

static void
on_contrast_toggled (KioskWindow *self)
{
  if (gtk_toggle_button_get_active (self->contrast_button))
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
}

/* The layout follows the window's size: "small" below 1200×700 (tighter margins), "portrait"
 * when taller than wide (a page's keys go under what they find, not beside it). Pages that
 * lay out differently read it from their window (kiosk_window_get_shape). */
static const char *
shape_of (int width, int height)
{
  if (height > width)
    return "portrait";
  if (width < 1200 || height < 700)
    return "small";
  return "";
}

static void apply_shape (KioskWindow *self);

static gboolean
on_shape_changed (gpointer user_data)
{
  apply_shape (KIOSK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
kiosk_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  GTK_WIDGET_CLASS (kiosk_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* Classes change style, and style changes layout: never in the middle of one. */
  if (g_strcmp0 (self->shape, shape_of (width, height)) != 0)
    {
      g_free (self->shape);
      self->shape = g_strdup (shape_of (width, height));
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_shape_changed, g_object_ref (self), g_object_unref);
    }
}

/* Every touch, click, key or scroll anywhere in the window counts as someone being there. It is
 * seen before any widget gets it and always passed on. */
static gboolean
on_any_event (GtkEventControllerLegacy *controller, GdkEvent *event, KioskWindow *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
      restart_idle (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* While locked, key combinations and function keys never reach GTK's own shortcuts (closing,
 * the inspector, menus): a kiosk has no keyboard, but a plugged-in one must not escape it. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                KioskWindow *self)
{
  /* Staff with a keyboard: Tab and Enter reach every button, Escape goes back as Back does. */
  if (keyval == GDK_KEY_Escape && (state & gtk_accelerator_get_default_mod_mask ()) == 0 && !kiosk_window_is_idle (self))
    {
      kiosk_window_back (self);
      return GDK_EVENT_STOP;
    }
  if (!self->locked)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return GDK_EVENT_STOP;
  if ((keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35) || keyval == GDK_KEY_Escape || keyval == GDK_KEY_Menu)
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
kiosk_window_close_request (GtkWindow *window)
{
  /* Locked, nothing closes the kiosk but stopping its service. */
  if (KIOSK_WINDOW (window)->locked)
    return TRUE;
  return GTK_WINDOW_CLASS (kiosk_window_parent_class)->close_request (window);
}

static void
kiosk_window_dispose (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->hold_source, g_source_remove);
  g_clear_handle_id (&self->warn_source, g_source_remove);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_WINDOW);
  G_OBJECT_CLASS (kiosk_window_parent_class)->dispose (object);
}

static void
kiosk_window_finalize (GObject *object)
{
  KioskWindow *self = KIOSK_WINDOW (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->rules, content_rule_set_free);
  g_free (self->lang);
  g_free (self->default_lang);
  g_free (self->sms_number);
  g_free (self->staff_pin);
  g_free (self->shape);
  G_OBJECT_CLASS (kiosk_window_parent_class)->finalize (object);
}

static void
kiosk_window_class_init (KioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_window_dispose;
  object_class->finalize = kiosk_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = kiosk_window_close_request;
  widget_class->size_allocate = kiosk_window_size_allocate;
  kiosk_widgets_set_template (widget_class, "kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, home_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, back_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, large_text_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, contrast_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, large_text_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, contrast_button);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, fallback_bar);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, fallback_label);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, idle_warning);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, idle_question);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, idle_countdown);
  gtk_widget_class_bind_template_child (widget_class, KioskWindow, still_here_label);
  gtk_widget_class_bind_template_callback (widget_class, on_still_here_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_large_text_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_contrast_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_home_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_corner_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_corner_released);
}

/* Marks every page of @stack but the one shown as hidden to assistive technology. GtkStack
 * in GTK 4.8 only unmaps the others, so a screen reader walking the tree would read out (and
 * could press) the pages a visitor left behind as if they were on screen. */
static void
hide_unseen_pages (GtkStack *stack)
{
  GtkWidget *shown = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != shown, -1);
}

static void
on_visible_page (GtkStack *stack, GParamSpec *pspec, gpointer unused)
{
  hide_unseen_pages (stack);
}

static void
kiosk_window_init (KioskWindow *self)
{
  GtkEventController *events = gtk_event_controller_legacy_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* The kiosk's own pictograms, before any page names one. */
  kiosk_pictures_add_icons (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not bound as a template child: GtkWindow's own dispose unparents its child, and a bound
   * child would already be gone by then. */
  self->screens = GTK_STACK (gtk_window_get_child (GTK_WINDOW (self)));
  g_signal_connect (self->screens, "notify::visible-child", G_CALLBACK (on_visible_page), NULL);
  g_signal_connect (self->pages, "notify::visible-child", G_CALLBACK (on_visible_page), NULL);
  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (show_fallback_bar), self);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->idle_seconds = KIOSK_DEFAULT_IDLE_SECONDS;
  gtk_event_controller_set_propagation_phase (events, GTK_PHASE_CAPTURE);
  g_signal_connect (events, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), events);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The kiosk's style sheet on @display, once: every window needs it, whoever made the window
 * (the program, the tests, the benchmark). */
static void
load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) css = NULL;

  if (g_object_get_data (G_OBJECT (display), "kiosk-style") != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/banlang/kiosk/kiosk.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "kiosk-style", g_steal_pointer (&css), g_object_unref);
}

/* An item's page says itself whether its text is in another language than the reader's (it
 * knows the item's own translations, the bar only the sections'): over it the bar would say
 * so twice, or wrongly of an item already translated. */
static void
show_fallback_bar (KioskWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);

  gtk_widget_set_visible (self->fallback_bar, self->falls_back && !(page != NULL && KIOSK_IS_ITEM_PAGE (page)));
}

/* A reader whose language has no content yet reads on in its fallback, and every page says so
 * under the bar. Whether it has content is judged by the names of the sections, which
 * translators write first. */
static void
say_fallback (KioskWindow *self)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (self->store, NULL);
  const ContentLanguage *wanted = content_language_lookup (self->lang);
  const char *shown_lang = self->lang;

  for (guint i = 0; topics != NULL && i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);

      if (topic->parent_id == NULL)
        {
          content_topic_get_name (topic, self->lang, &shown_lang);
          break;
        }
    }
  if (wanted != NULL && !g_str_equal (shown_lang, self->lang) && content_language_lookup (shown_lang) != NULL)
    {
      /* Translators: "Not yet translated into Tày; shown in Tiếng Việt." Both are the languages' own names. */
      g_autofree char *note = g_strdup_printf (_("Not yet translated into %s; shown in %s."), wanted->native_name,
                                               content_language_lookup (shown_lang)->native_name);
      gtk_label_set_text (self->fallback_label, note);
      self->falls_back = TRUE;
    }
  else
    self->falls_back = FALSE;
  show_fallback_bar (self);
}

/* The bar's words, in the current language. */
static void
label_bar (KioskWindow *self)
{
  gtk_label_set_text (GTK_LABEL (self->home_label), _("Home"));
  gtk_label_set_text (GTK_LABEL (self->back_label), _("Back"));
  gtk_label_set_text (GTK_LABEL (self->large_text_label), _("Larger text"));
  gtk_label_set_text (GTK_LABEL (self->contrast_label), _("Contrast"));
  gtk_label_set_text (self->idle_question, _("Are you still there?"));
  gtk_label_set_text (self->still_here_label, _("Yes, I am still reading"));
  say_fallback (self);
}

/* A search page being left: what it holds, if it found nothing, is counted for the officers
 * (the next content to write), folded as search folds it and with its digits masked, so no
 * phone or ID number typed there is ever kept. */
static void
note_search (KioskWindow *self, GtkWidget *page)
{
  g_autofree char *folded = NULL;
  g_autofree char *masked = NULL;
  g_autoptr(GError) error = NULL;

  if (!KIOSK_IS_SEARCH_PAGE (page) || kiosk_search_page_get_n_results (KIOSK_SEARCH_PAGE (page)) > 0)
    return;
  folded = content_fold (kiosk_keypad_get_text (kiosk_search_page_get_keypad (KIOSK_SEARCH_PAGE (page))), -1, NULL);
  if (folded == NULL || *folded == '\0')
    return;
  masked = sync_usage_mask_digits (folded);
  if (!content_store_count_miss (self->store, masked, self->lang, CONTENT_CHANNEL_KIOSK, &error))
    g_warning ("counting a search that found nothing: %s", error->message);
}

static void
clear_pages (KioskWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    {
      note_search (self, child);
      gtk_stack_remove (self->pages, child);
    }
  g_ptr_array_set_size (self->history, 0);
}

/* Tells the updater whether anybody is there. */
static void
set_quiet (KioskWindow *self, gboolean quiet)
{
  if (self->updater != NULL)
    kiosk_updater_set_quiet (self->updater, quiet);
}

static void
on_attract_dismissed (KioskWindow *self)
{
  set_quiet (self, FALSE);
  /* Built now, not when the kiosk went idle: the attract screen may have shown all night, and
   * the notices in force change with the date. */
  kiosk_window_home (self);
  gtk_stack_set_visible_child_name (self->screens, "main");
  restart_idle (self);
}

/* The featured item tapped on the attract screen: its page, above Home so Back leads there. */
static void
on_attract_open_item (KioskWindow *self, const char *id)
{
  g_autofree char *target = g_strconcat ("item:", id, NULL);

  on_attract_dismissed (self);
  kiosk_window_open (self, target);
}

/* The attract screen's discreet mark for staff: the date of content the hub no longer vouches
 * for, or none while it is current. */
static void
mark_stale (KioskWindow *self)
{
  const SyncStatus *status = self->updater != NULL ? kiosk_updater_get_status (self->updater) : NULL;
  g_autofree char *issued = status != NULL && status->stale ? g_strndup (status->issued_at, 10) : NULL;
  g_autofree char *date = kiosk_format_date (issued);

  kiosk_attract_set_stale (KIOSK_ATTRACT (self->attract), date);
}

/* The attract screen, built again in the language every new person starts in. */
static void
build_attract (KioskWindow *self)
{
  if (self->attract != NULL)
    gtk_stack_remove (self->screens, self->attract);
  self->attract = kiosk_attract_new (self->store, self->lang);
  g_signal_connect_swapped (self->attract, "dismissed", G_CALLBACK (on_attract_dismissed), self);
  g_signal_connect_swapped (self->attract, "open-item", G_CALLBACK (on_attract_open_item), self);
  gtk_stack_add_named (self->screens, self->attract, "attract");
  hide_unseen_pages (self->screens);
  mark_stale (self);
}

/* The eligibility rules, read again from the store. */
static void
load_rules (KioskWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->rules, content_rule_set_free);
  /* Without rules the kiosk still serves everything else; the wizard is simply not offered. */
  self->rules = content_rule_set_load (self->store, &error);
  if (self->rules == NULL)
    g_warning ("eligibility rules: %s", error->message);
  self->context.rules = self->rules;
}

KioskWindow *
kiosk_window_new (GtkApplication *app, ContentStore *store, const char *lang, const char *sms_number)
{
  KioskWindow *self = g_object_new (KIOSK_TYPE_WINDOW, "application", app, NULL);

  load_style (gtk_widget_get_display (GTK_WIDGET (self)));
  self->store = g_object_ref (store);
  self->lang = g_strdup (lang);
  self->default_lang = g_strdup (lang);
  self->sms_number = g_strdup (sms_number);
  self->context = (KioskPageContext) { self->store, NULL, self->lang, self->sms_number, open_target, self };
  load_rules (self);
  kiosk_language_apply (lang);
  label_bar (self);
  build_attract (self);
  kiosk_window_home (self);
  restart_idle (self);
  return self;
}

void
kiosk_window_set_idle_seconds (KioskWindow *self, guint seconds)
{
  self->idle_seconds = seconds;
  restart_idle (self);
}

void
kiosk_window_set_locked (KioskWindow *self, gboolean locked)
{
  self->locked = locked;
  gtk_window_set_decorated (GTK_WINDOW (self), !locked);
  gtk_window_set_deletable (GTK_WINDOW (self), !locked);
  if (locked)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

void
kiosk_window_set_lang (KioskWindow *self, const char *lang)
{
  g_auto(GStrv) targets = NULL;

  g_ptr_array_add (self->history, NULL);
  targets = g_strdupv ((char **) self->history->pdata);
  g_ptr_array_set_size (self->history, self->history->len - 1);
  /* Left in the language they were made in. */
  clear_pages (self);
  g_free (self->lang);
  self->lang = g_strdup (lang);
  self->context.lang = self->lang;
  kiosk_language_apply (lang);
  label_bar (self);
  /* Every page open is built again in the new language, so Back still leads where it did; the
   * same pages are not counted as looked at twice. */
  for (gsize i = 0; targets[i] != NULL; i++)
    push_page (self, targets[i]);
}

static GtkWidget *
build_page (KioskWindow *self, const char *target)
{
  if (g_str_equal (target, "home"))
    return kiosk_home_page_new (&self->context);
  if (g_str_equal (target, "search"))
    return kiosk_search_page_new (&self->context);
  if (g_str_equal (target, "wizard"))
    return kiosk_wizard_page_new (&self->context);
  if (g_str_equal (target, "notices"))
    return kiosk_notices_page_new (&self->context);
  if (g_str_has_prefix (target, "topic:"))
    return kiosk_topic_page_new (&self->context, target + 6);
  if (g_str_has_prefix (target, "item:"))
    return kiosk_item_page_new (&self->context, target + 5);
  if (g_str_equal (target, "staff") && self->staff_pin != NULL)
    return kiosk_staff_page_new (&self->context, self->updater, self->staff_pin);
  return NULL;
}

/* Builds the page of @target on top of the others; FALSE when there is nothing to show. */
static gboolean
push_page (KioskWindow *self, const char *target)
{
  GtkWidget *page = build_page (self, target);
  g_autofree char *name = NULL;

  if (page == NULL)
    {
      g_warning ("nothing to show for %s", target);
      return FALSE;
    }
  name = g_strdup_printf ("%u", self->history->len);
  gtk_stack_add_named (self->pages, page, name);
  gtk_stack_set_visible_child (self->pages, page);
  g_ptr_array_add (self->history, g_strdup (target));
  apply_shape (self);
  return TRUE;
}

void
kiosk_window_open (KioskWindow *self, const char *target)
{
  g_autoptr(GError) error = NULL;

  if (g_str_has_prefix (target, "lang:"))
    {
      kiosk_window_set_lang (self, target + 5);
      /* Answered in the language tapped, where a greeting was recorded: for people who do not
       * read it, the sign that the kiosk has something in their language. */
      kiosk_speaker_greet (kiosk_speaker_get_default (), self->store, target + 5, self);
      return;
    }
  if (push_page (self, target) && g_str_has_prefix (target, "item:")
      && !content_store_count_usage (self->store, target + 5, self->lang, CONTENT_CHANNEL_KIOSK, &error))
    g_warning ("counting a look at %s: %s", target + 5, error->message);
}

void
kiosk_window_back (KioskWindow *self)
{
  GtkWidget *top = gtk_stack_get_visible_child (self->pages);
  g_autofree char *name = NULL;

  if (KIOSK_IS_WIZARD_PAGE (top) && kiosk_wizard_page_back (KIOSK_WIZARD_PAGE (top)))
    return;
  if (self->history->len <= 1)
    return;
  g_ptr_array_set_size (self->history, self->history->len - 1);
  name = g_strdup_printf ("%u", self->history->len - 1);
  gtk_stack_set_visible_child_name (self->pages, name);
  note_search (self, top);
  gtk_stack_remove (self->pages, top);
}

void
kiosk_window_home (KioskWindow *self)
{
  clear_pages (self);
  kiosk_window_open (self, "home");
}

void
kiosk_window_idle (KioskWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  /* Dropping every page drops what it held: search text, wizard answers, scroll positions. */
  clear_pages (self);
  if (self->content_changed)
    {
      self->content_changed = FALSE;
      load_rules (self);
    }
  hide_idle_warning (self);
  gtk_toggle_button_set_active (self->large_text_button, FALSE);
  gtk_toggle_button_set_active (self->contrast_button, FALSE);
  if (!g_str_equal (self->lang, self->default_lang))
    kiosk_window_set_lang (self, self->default_lang);
  kiosk_window_home (self);
  build_attract (self);
  gtk_stack_set_visible_child_name (self->screens, "attract");
  set_quiet (self, TRUE);
}

gboolean
kiosk_window_is_idle (KioskWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->screens), "attract") == 0;
}

GtkWidget *
kiosk_window_get_attract (KioskWindow *self)
{
  return self->attract;
}

const char *
kiosk_window_get_current (KioskWindow *self)
{
  return self->history->len > 0 ? g_ptr_array_index (self->history, self->history->len - 1) : NULL;
}

const char *
kiosk_window_get_lang (KioskWindow *self)
{
  return self->lang;
}

GtkWidget *
kiosk_window_get_page (KioskWindow *self)
{
  return gtk_stack_get_visible_child (self->pages);
}

gboolean
kiosk_window_save_png (KioskWindow *self, const char *path, GError **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: the window has not been drawn yet", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: could not write the picture", path);
      return FALSE;
    }
  return TRUE;
}

/* The updater applied new content. Nobody is there: everything is built again from it now.
 * Somebody is: what they read stays as it is, and is built again when they have gone. */
static void
on_content_applied (KioskWindow *self)
{
  self->content_changed = TRUE;
  if (kiosk_window_is_idle (self))
    kiosk_window_idle (self);
}

void
kiosk_window_set_updater (KioskWindow *self, KioskUpdater *updater)
{
  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_set_object (&self->updater, updater);
  if (updater == NULL)
    return;
  g_signal_connect_swapped (updater, "applied", G_CALLBACK (on_content_applied), self);
  g_signal_connect_swapped (updater, "notify::stale", G_CALLBACK (mark_stale), self);
  mark_stale (self);
  set_quiet (self, kiosk_window_is_idle (self));
}

void
kiosk_window_set_staff_pin (KioskWindow *self, const char *pin)
{
  g_free (self->staff_pin);
  self->staff_pin = pin != NULL && *pin != '\0' ? g_strdup (pin) : NULL;
}

/* Marks the window with its shape for the style sheet, and tells the page on top, which may lay
 * itself out anew (the search page puts its keys under the results in portrait). */
static void
apply_shape (KioskWindow *self)
{
  static const char *const shapes[] = { "small", "portrait" };
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);
  const char *shape = self->shape != NULL ? self->shape : "";

  for (gsize i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_str_equal (shape, shapes[i]))
      gtk_widget_add_css_class (GTK_WIDGET (self), shapes[i]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self), shapes[i]);
  if (page != NULL && KIOSK_IS_SEARCH_PAGE (page))
    kiosk_search_page_set_portrait (KIOSK_SEARCH_PAGE (page), g_str_equal (shape, "portrait"));
  if (page != NULL && KIOSK_IS_WIZARD_PAGE (page))
    kiosk_wizard_page_set_portrait (KIOSK_WIZARD_PAGE (page), g_str_equal (shape, "portrait"));
}

const char *
kiosk_window_get_shape (KioskWindow *self)
{
  return self->shape != NULL ? self->shape : "";
}

gboolean
kiosk_window_get_idle_warning_shown (KioskWindow *self)
{
  return gtk_widget_get_visible (self->idle_warning);
}

void
kiosk_window_set_large_text (KioskWindow *self, gboolean large)
{
  gtk_toggle_button_set_active (self->large_text_button, large);
}

void
kiosk_window_set_high_contrast (KioskWindow *self, gboolean high)
{
  gtk_toggle_button_set_active (self->contrast_button, high);
}
