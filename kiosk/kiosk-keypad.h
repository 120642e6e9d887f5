/* kiosk-keypad.h: the kiosk's own on-screen keys: kiosk compositors offer no system keyboard. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_KEYPAD (kiosk_keypad_get_type ())
G_DECLARE_FINAL_TYPE (KioskKeypad, kiosk_keypad, KIOSK, KEYPAD, GtkWidget)

/* Latin letters, digits, space, backspace and clear; or, when @digits_only, a phone's number
 * keys with backspace and clear. */
GtkWidget *kiosk_keypad_new (gboolean digits_only);

/* What has been typed ("" at first). It changes with every key: connect to notify::text. */
const char *kiosk_keypad_get_text (KioskKeypad *self);
void kiosk_keypad_set_text (KioskKeypad *self, const char *text);

/* The key of a button of the keypad: "a"–"z", "0"–"9", "space", "backspace" or "clear";
 * NULL for other widgets. For tests, which tap keys as a person would. */
const char *kiosk_keypad_button_get_key (GtkWidget *button);

G_END_DECLS
