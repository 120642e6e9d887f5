/* kiosk-qr-code.c: a page taken home on a phone.
 *
 * A person who cannot copy an SMS code from the screen can still point a phone's camera at a
 * QR code: it opens a ready SMS to the service number with the code in it, and the reply is the
 * page itself, which someone at home can read out. The code stays printed beside it, large, for
 * phones without a camera app that reads QR codes. libqrencode makes the modules; they are drawn
 * here into a texture, black on white with the four-module quiet zone readers need, each module
 * a whole number of pixels so that nothing is blurred.
 */
#include "config.h"
#include "kiosk-qr-code.h"
#include "kiosk-pictures.h"
#include "kiosk-widgets.h"

#include <qrencode.h>
#include <string.h>

#define QUIET_MODULES 4

struct _KioskQrCode {
  GtkWidget parent_instance;

  GtkPicture *picture;
  GtkLabel *codes;

  char *payload;
};

G_DEFINE_FINAL_TYPE (KioskQrCode, kiosk_qr_code, GTK_TYPE_WIDGET)

static void
kiosk_qr_code_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_QR_CODE);
  G_OBJECT_CLASS (kiosk_qr_code_parent_class)->dispose (object);
}

static void
kiosk_qr_code_finalize (GObject *object)
{
  g_free (KIOSK_QR_CODE (object)->payload);
  G_OBJECT_CLASS (kiosk_qr_code_parent_class)->finalize (object);
}

static void
kiosk_qr_code_class_init (KioskQrCodeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_qr_code_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_qr_code_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-qr-code.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskQrCode, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskQrCode, codes);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_qr_code_init (KioskQrCode *self)
{
  kiosk_pictures_add_icons (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

char *
kiosk_qr_code_payload (const char *sms_number, const char *const *codes)
{
  g_autoptr(GString) payload = g_string_new ("SMSTO:");

  for (const char *c = sms_number; c != NULL && *c != '\0'; c++)
    if (*c != ' ')
      g_string_append_c (payload, *c);
  g_string_append_c (payload, ':');
  for (int i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (payload, ' ');
      g_string_append (payload, codes[i]);
    }
  return g_string_free (g_steal_pointer (&payload), FALSE);
}

GdkTexture *
kiosk_qr_code_render (const char *payload, int module_px)
{
  QRcode *code = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels;
  int side, stride;

  if (code == NULL)
    return NULL;
  side = (code->width + 2 * QUIET_MODULES) * module_px;
  stride = side * 3;
  pixels = g_malloc ((gsize) stride * side);
  memset (pixels, 0xff, (gsize) stride * side);
  for (int y = 0; y < code->width; y++)
    for (int x = 0; x < code->width; x++)
      {
        if ((code->data[y * code->width + x] & 1) == 0)
          continue;
        for (int dy = 0; dy < module_px; dy++)
          memset (pixels + (gsize) ((y + QUIET_MODULES) * module_px + dy) * stride + (gsize) (x + QUIET_MODULES) * module_px * 3,
                  0, (gsize) module_px * 3);
      }
  QRcode_free (code);
  bytes = g_bytes_new_take (pixels, (gsize) stride * side);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
}

GtkWidget *
kiosk_qr_code_new (const char *sms_number, const char *const *codes)
{
  KioskQrCode *self = g_object_new (KIOSK_TYPE_QR_CODE, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *shown = NULL;

  self->payload = kiosk_qr_code_payload (sms_number, codes);
  /* 6 px a module: about 200 px for an SMS payload, which a phone reads from arm's length. */
  texture = kiosk_qr_code_render (self->payload, 6);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  shown = g_strjoinv (" ", (char **) codes);
  gtk_label_set_text (self->codes, shown);
  return GTK_WIDGET (self);
}

const char *
kiosk_qr_code_get_payload (KioskQrCode *self)
{
  return self->payload;
}
