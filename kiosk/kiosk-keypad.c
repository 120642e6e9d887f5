/* kiosk-keypad.c: the on-screen keys of the kiosk.
 *
 * Cage and other kiosk compositors cannot show a system keyboard, so the kiosk brings its own.
 * Search folds diacritics, so plain Latin letters are enough to find accented text: "hon nhan"
 * finds "hôn nhân". Keys are large, in the order people know from phones and computers, and
 * labelled in capitals as on a keyboard; what they type is lower case. The keypad keeps the
 * text itself, so a page only listens to notify::text.
 */
#include "config.h"
#include "kiosk-keypad.h"
#include "kiosk-widgets.h"

#include <glib/gi18n.h>

#define KEY_DATA "kiosk-key"
/* Longer than any search anyone types on a kiosk; a bound, so a stuck key cannot grow it forever. */
#define MAX_TEXT 64

struct _KioskKeypad {
  GtkWidget parent_instance;

  GtkGrid *grid;
  GString *text;
};

enum { PROP_TEXT = 1, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (KioskKeypad, kiosk_keypad, GTK_TYPE_WIDGET)

static void
kiosk_keypad_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  KioskKeypad *self = KIOSK_KEYPAD (object);

  if (id == PROP_TEXT)
    g_value_set_string (value, self->text->str);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
kiosk_keypad_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  if (id == PROP_TEXT)
    kiosk_keypad_set_text (KIOSK_KEYPAD (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
kiosk_keypad_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_KEYPAD);
  G_OBJECT_CLASS (kiosk_keypad_parent_class)->dispose (object);
}

static void
kiosk_keypad_finalize (GObject *object)
{
  g_string_free (KIOSK_KEYPAD (object)->text, TRUE);
  G_OBJECT_CLASS (kiosk_keypad_parent_class)->finalize (object);
}

static void
kiosk_keypad_class_init (KioskKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kiosk_keypad_get_property;
  object_class->set_property = kiosk_keypad_set_property;
  object_class->dispose = kiosk_keypad_dispose;
  object_class->finalize = kiosk_keypad_finalize;
  props[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "",
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  kiosk_widgets_set_template (widget_class, "kiosk-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskKeypad, grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_keypad_init (KioskKeypad *self)
{
  self->text = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_key_clicked (GtkButton *button, KioskKeypad *self)
{
  const char *key = kiosk_keypad_button_get_key (GTK_WIDGET (button));
  g_autoptr(GString) text = g_string_new (self->text->str);

  if (g_str_equal (key, "clear"))
    g_string_truncate (text, 0);
  else if (g_str_equal (key, "backspace"))
    {
      /* Keys only type ASCII, but the text may have been set from elsewhere: drop a character. */
      const char *last = text->len > 0 ? g_utf8_find_prev_char (text->str, text->str + text->len) : NULL;
      g_string_truncate (text, last != NULL ? (gsize) (last - text->str) : 0);
    }
  else if (text->len < MAX_TEXT)
    g_string_append (text, g_str_equal (key, "space") ? " " : key);
  kiosk_keypad_set_text (self, text->str);
}

/* Adds a key at (@column, @row) spanning @width columns, labelled @label, after @icon if any. */
static void
add_key (KioskKeypad *self, const char *key, const char *label, const char *icon, int column, int row, int width)
{
  GtkWidget *button = gtk_button_new ();

  if (icon != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
      gtk_box_append (GTK_BOX (box), gtk_label_new (label));
      gtk_button_set_child (GTK_BUTTON (button), box);
    }
  else
    gtk_button_set_label (GTK_BUTTON (button), label);
  /* Named for screen readers as it is labelled: "Q", "Delete". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "key");
  if (g_utf8_strlen (label, -1) > 1)
    gtk_widget_add_css_class (button, "word");
  g_object_set_data_full (G_OBJECT (button), KEY_DATA, g_strdup (key), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked), self);
  gtk_grid_attach (self->grid, button, column, row, width, 1);
}

/* One row of single-character keys from @keys, starting at column 0. */
static void
add_row (KioskKeypad *self, const char *keys, int row)
{
  for (int i = 0; keys[i] != '\0'; i++)
    {
      char key[2] = { keys[i], '\0' };
      char label[2] = { g_ascii_toupper (keys[i]), '\0' };

      add_key (self, key, label, NULL, i, row, 1);
    }
}

static void
add_letter_keys (KioskKeypad *self)
{
  add_row (self, "1234567890", 0);
  add_row (self, "qwertyuiop", 1);
  add_row (self, "asdfghjkl", 2);
  add_row (self, "zxcvbnm", 3);
  /* Keys with words span several columns, so letter keys stay as narrow as a finger needs and
   * leave the screen's width to the results. */
  add_key (self, "backspace", _("Delete"), "banlang-delete-symbolic", 7, 3, 3);
  add_key (self, "clear", _("Clear all"), NULL, 0, 4, 3);
  add_key (self, "space", _("Space"), NULL, 3, 4, 7);
}

/* A phone's layout: 1 2 3 on top, 0 at the bottom. */
static void
add_digit_keys (KioskKeypad *self)
{
  static const char *const rows[] = { "123", "456", "789" };

  for (int r = 0; r < 3; r++)
    add_row (self, rows[r], r);
  add_key (self, "backspace", _("Delete"), "banlang-delete-symbolic", 0, 3, 1);
  add_key (self, "0", "0", NULL, 1, 3, 1);
  add_key (self, "clear", _("Clear all"), NULL, 2, 3, 1);
}

GtkWidget *
kiosk_keypad_new (gboolean digits_only)
{
  KioskKeypad *self = g_object_new (KIOSK_TYPE_KEYPAD, NULL);

  if (digits_only)
    {
      add_digit_keys (self);
      gtk_widget_add_css_class (GTK_WIDGET (self), "digits");
    }
  else
    add_letter_keys (self);
  return GTK_WIDGET (self);
}

const char *
kiosk_keypad_get_text (KioskKeypad *self)
{
  return self->text->str;
}

void
kiosk_keypad_set_text (KioskKeypad *self, const char *text)
{
  if (g_str_equal (self->text->str, text != NULL ? text : ""))
    return;
  g_string_assign (self->text, text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TEXT]);
}

const char *
kiosk_keypad_button_get_key (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), KEY_DATA);
}
