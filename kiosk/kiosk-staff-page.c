/* kiosk-staff-page.c: the staff panel.
 *
 * Villagers must not stumble into it, and staff must be able to use it with nothing but the
 * touchscreen: the window opens it only after a long press on the bar's corner, and it shows
 * nothing until the PIN from kiosk.ini is typed on the kiosk's own digit keys. Then it says
 * what staff need to judge whether the kiosk serves current law (which hub, which seq, when it
 * last changed, until when the hub vouches for it, stale since when, the last attempt), and
 * applies a USB stick where there is no network. The idle timeout closes it like any page.
 */
#include "config.h"
#include "kiosk-staff-page.h"
#include "kiosk-keypad.h"
#include "kiosk-widgets.h"

#include "sync-status.h"

#include <glib/gi18n.h>

/* udisks mounts sticks at /media/USER/LABEL, usbmount at /media/LABEL. */
#define DEFAULT_USB_ROOT "/media"

struct _KioskStaffPage {
  GtkWidget parent_instance;

  GtkStack *steps;
  GtkLabel *pin_prompt;
  GtkLabel *pin_dots;
  GtkBox *keypad_box;
  GtkLabel *state;
  GtkGrid *facts;
  GtkWidget *usb_button;
  GtkLabel *usb_result;
  KioskKeypad *keypad;

  const KioskPageContext *ctx;
  KioskUpdater *updater;
  char *pin;
  char *usb_root;
};

G_DEFINE_FINAL_TYPE (KioskStaffPage, kiosk_staff_page, GTK_TYPE_WIDGET)

static void on_pin_clicked (KioskStaffPage *self);
static void on_usb_clicked (KioskStaffPage *self);

static void
kiosk_staff_page_dispose (GObject *object)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (object);

  g_clear_object (&self->updater);
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_STAFF_PAGE);
  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->dispose (object);
}

static void
kiosk_staff_page_finalize (GObject *object)
{
  KioskStaffPage *self = KIOSK_STAFF_PAGE (object);

  g_free (self->pin);
  g_free (self->usb_root);
  G_OBJECT_CLASS (kiosk_staff_page_parent_class)->finalize (object);
}

static void
kiosk_staff_page_class_init (KioskStaffPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_staff_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_staff_page_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, steps);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, pin_prompt);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, pin_dots);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, keypad_box);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, state);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, facts);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, usb_button);
  gtk_widget_class_bind_template_child (widget_class, KioskStaffPage, usb_result);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_usb_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_staff_page_init (KioskStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A UTC time of sync (YYYY-MM-DDTHH:MM:SSZ) in the kiosk's local time, as people write it;
 * "—" for none. */
static char *
format_time (const char *utc)
{
  g_autoptr(GDateTime) t = utc != NULL ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr(GDateTime) local = t != NULL ? g_date_time_to_local (t) : NULL;

  if (local == NULL)
    return g_strdup (utc != NULL ? utc : "—");
  return g_date_time_format (local, "%-d/%-m/%Y %H:%M");
}

static void
add_fact (KioskStaffPage *self, int row, const char *name, const char *value)
{
  GtkWidget *name_label = kiosk_label_new (name, "fact");
  GtkWidget *value_label = kiosk_label_new (value, "fact");

  gtk_widget_add_css_class (name_label, "fact-name");
  gtk_grid_attach (self->facts, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->facts, value_label, 1, row, 1, 1);
}

/* The state in one sentence, worded so that staff know what to do. */
static char *
describe_state (const SyncStatus *status)
{
  g_autofree char *expires = NULL;

  if (status == NULL)
    return g_strdup (_("This kiosk has taken no content from a hub yet."));
  expires = format_time (status->expires_at);
  if (status->stale)
    return g_strdup_printf (_("The content is out of date: the hub has vouched for it only until %s. "
                              "Connect the kiosk to the network, or apply a USB stick."), expires);
  if (status->expires_at == NULL)
    return g_strdup (_("The content comes from the hub."));
  return g_strdup_printf (_("The content is up to date. The hub vouches for it until %s."), expires);
}

/* Reads the status again and shows it. */
static void
show_status (KioskStaffPage *self)
{
  g_autoptr(SyncStatus) status = sync_status_read (self->ctx->store, NULL);
  g_autofree char *state = describe_state (status);
  const char *error = self->updater != NULL ? kiosk_updater_get_last_error (self->updater) : NULL;
  GtkWidget *child;
  int row = 0;

  gtk_label_set_text (self->state, state);
  if (status != NULL && status->stale)
    gtk_widget_add_css_class (GTK_WIDGET (self->state), "problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state), "problem");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts))) != NULL)
    gtk_grid_remove (self->facts, child);
  if (status != NULL)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, status->seq);
      g_autofree char *applied = format_time (status->applied_at);
      g_autofree char *issued = format_time (status->issued_at);
      g_autofree char *expires = format_time (status->expires_at);
      g_autofree char *checked = format_time (status->checked_at);

      add_fact (self, row++, _("Hub"), status->hub);
      add_fact (self, row++, _("Content number (seq)"), seq);
      add_fact (self, row++, _("Last update"), applied);
      add_fact (self, row++, _("Issued by the hub"), issued);
      /* Past its expiry, the same moment is when the content went stale: said so. */
      add_fact (self, row++, status->stale ? _("Stale since") : _("Expires"), expires);
      add_fact (self, row++, _("Last check with the hub"), checked);
    }
  if (self->updater == NULL)
    add_fact (self, row++, _("Updates"), _("Not set up: [sync] in kiosk.ini has no trust key."));
  else if (error != NULL)
    add_fact (self, row++, _("Last attempt"), error);
  if (self->updater != NULL && kiosk_updater_get_pending (self->updater))
    add_fact (self, row++, _("Waiting"), _("An update has been fetched; it is applied when nobody is using the kiosk."));
  gtk_widget_set_sensitive (self->usb_button, self->updater != NULL && !kiosk_updater_is_busy (self->updater));
}

static void
show_usb_result (KioskStaffPage *self, const char *text, gboolean problem)
{
  gtk_label_set_text (self->usb_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->usb_result), TRUE);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->usb_result), "problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->usb_result), "problem");
}

static void
on_pin_changed (KioskStaffPage *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);

  for (const char *c = kiosk_keypad_get_text (self->keypad); *c != '\0'; c++)
    g_string_append (dots, "●");
  gtk_label_set_text (self->pin_dots, dots->str);
}

static void
on_pin_clicked (KioskStaffPage *self)
{
  if (g_strcmp0 (kiosk_keypad_get_text (self->keypad), self->pin) != 0)
    {
      gtk_label_set_text (self->pin_prompt, _("Wrong PIN. Type it again, then OK."));
      gtk_widget_add_css_class (GTK_WIDGET (self->pin_prompt), "problem");
      kiosk_keypad_set_text (self->keypad, "");
      return;
    }
  kiosk_keypad_set_text (self->keypad, "");
  show_status (self);
  gtk_stack_set_visible_child_name (self->steps, "status");
}

static void
on_usb_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KioskStaffPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SyncReceiveStats stats;

  if (!kiosk_updater_apply_dir_finish (KIOSK_UPDATER (source), result, &stats, &error))
    text = g_strdup_printf (_("The stick's updates were not applied: %s"), error->message);
  else if (stats.updated)
    {
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, stats.from_seq);
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, stats.to_seq);

      text = g_strdup_printf (ngettext ("Updated: content number %s → %s, %u record.",
                                        "Updated: content number %s → %s, %u records.", stats.records),
                              from, to, stats.records);
    }
  else
    text = g_strdup (_("The stick holds nothing newer than this kiosk."));
  /* The page may have been closed meanwhile (its window with it): the result goes to the log. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      g_message ("USB stick: %s", text);
      return;
    }
  show_usb_result (self, text, error != NULL);
  show_status (self);
}

static void
on_usb_clicked (KioskStaffPage *self)
{
  g_autofree char *site = kiosk_updater_find_site (self->usb_root != NULL ? self->usb_root : DEFAULT_USB_ROOT);

  if (site == NULL)
    {
      show_usb_result (self, _("No USB stick with updates was found. Plug it in, wait a moment, and try again."),
                       TRUE);
      return;
    }
  gtk_widget_set_sensitive (self->usb_button, FALSE);
  {
    g_autofree char *applying = g_strdup_printf (_("Applying the updates from %s…"), site);
    show_usb_result (self, applying, FALSE);
  }
  kiosk_updater_apply_dir_async (self->updater, site, NULL, on_usb_applied, g_object_ref (self));
}

GtkWidget *
kiosk_staff_page_new (const KioskPageContext *ctx, KioskUpdater *updater, const char *pin)
{
  KioskStaffPage *self;

  g_return_val_if_fail (pin != NULL && *pin != '\0', NULL);
  self = g_object_new (KIOSK_TYPE_STAFF_PAGE, NULL);
  self->ctx = ctx;
  self->updater = updater != NULL ? g_object_ref (updater) : NULL;
  self->pin = g_strdup (pin);
  self->keypad = KIOSK_KEYPAD (kiosk_keypad_new (TRUE));
  gtk_box_append (self->keypad_box, GTK_WIDGET (self->keypad));
  g_signal_connect_swapped (self->keypad, "notify::text", G_CALLBACK (on_pin_changed), self);
  return GTK_WIDGET (self);
}

gboolean
kiosk_staff_page_is_unlocked (KioskStaffPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->steps), "status") == 0;
}

void
kiosk_staff_page_set_usb_root (KioskStaffPage *self, const char *root)
{
  g_free (self->usb_root);
  self->usb_root = g_strdup (root);
}
