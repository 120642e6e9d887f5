/* kiosk-qr-code.h: a QR code that carries a page home on a phone: an SMS to the service number
 * with the codes to ask for, its code printed beside it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_TYPE_QR_CODE (kiosk_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (KioskQrCode, kiosk_qr_code, KIOSK, QR_CODE, GtkWidget)

/* "SMSTO:<number>:<codes>": @sms_number without its spaces, @codes joined by spaces (the SMS
 * side answers several codes with a menu of them). Free with g_free(). */
char *kiosk_qr_code_payload (const char *sms_number, const char *const *codes);

/* A QR code of kiosk_qr_code_payload() beside the codes in large print and a line telling
 * people to point their phone's camera at it. */
GtkWidget *kiosk_qr_code_new (const char *sms_number, const char *const *codes);

/* The text the code carries (for tests). */
const char *kiosk_qr_code_get_payload (KioskQrCode *self);

/* The code as a texture, @module_px pixels a module, with the quiet zone around it; NULL when
 * @payload cannot be encoded. */
GdkTexture *kiosk_qr_code_render (const char *payload, int module_px);

G_END_DECLS
