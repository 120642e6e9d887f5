/* kiosk-pictures.c: pictures from the content store, and the kiosk's own pictogram set.
 *
 * Pictures are blobs in content.db (JPEG, PNG, WebP, SVG). They are decoded through
 * GdkPixbuf's loaders at the size they are shown: an SVG pictogram drawn at 96 px stays sharp,
 * where a texture made from its own 64 px would be blurred up. Decoded textures are kept by
 * blob and size because topic lists show the same pictograms page after page. What is kept is
 * bounded (KIOSK_PICTURES_KEEP_BYTES), the pictures shown longest ago forgotten first: a day of
 * visitors opening every product and place would otherwise keep every photo decoded. A blob
 * never changes (its name is its hash), so a picture kept is never out of date.
 */
#include "config.h"
#include "kiosk-pictures.h"

#include "content-media.h"
#include "content-store-media.h"

typedef struct {
  char *key;              /* "sha256:size" */
  GdkTexture *texture;
  gsize bytes;
} Kept;

static GHashTable *kept;      /* key → the GList link of its Kept in recent */
static GQueue recent;         /* Kept, the picture shown last first */
static gsize kept_bytes;

static void
kept_free (Kept *entry)
{
  g_free (entry->key);
  g_object_unref (entry->texture);
  g_free (entry);
}

/* The texture kept for @key, now the one shown last; NULL when none is kept. */
static GdkTexture *
find_kept (const char *key)
{
  GList *link = kept != NULL ? g_hash_table_lookup (kept, key) : NULL;

  if (link == NULL)
    return NULL;
  g_queue_unlink (&recent, link);
  g_queue_push_head_link (&recent, link);
  return g_object_ref (((Kept *) link->data)->texture);
}

/* Keeps @texture for @key, forgetting the pictures shown longest ago beyond the bound (never the
 * one just kept). */
static void
keep (const char *key, GdkTexture *texture)
{
  Kept *entry = g_new0 (Kept, 1);

  if (kept == NULL)
    kept = g_hash_table_new (g_str_hash, g_str_equal);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  entry->bytes = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  g_queue_push_head (&recent, entry);
  g_hash_table_insert (kept, entry->key, recent.head);
  kept_bytes += entry->bytes;
  while (kept_bytes > KIOSK_PICTURES_KEEP_BYTES && recent.length > 1)
    {
      Kept *oldest = g_queue_pop_tail (&recent);

      g_hash_table_remove (kept, oldest->key);
      kept_bytes -= oldest->bytes;
      kept_free (oldest);
    }
}

void
kiosk_pictures_add_icons (GdkDisplay *display)
{
  GtkIconTheme *theme;

  if (display == NULL)
    display = gdk_display_get_default ();
  if (display == NULL)
    return;
  theme = gtk_icon_theme_get_for_display (display);
  if (g_object_get_data (G_OBJECT (theme), "banlang-icons") != NULL)
    return;
  gtk_icon_theme_add_resource_path (theme, "/org/banlang/kiosk/icons");
  g_object_set_data (G_OBJECT (theme), "banlang-icons", GINT_TO_POINTER (1));
}

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  int size = GPOINTER_TO_INT (user_data);

  if (width > 0 && height > 0)
    gdk_pixbuf_loader_set_size (loader, size, MAX (1, height * size / width));
}

GdkTexture *
kiosk_pictures_load (ContentStore *store, const char *sha256, int size, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s:%d", sha256, size);
  g_autoptr(ContentMedia) media = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  ContentMediaClass klass;
  GdkTexture *texture;
  GdkPixbuf *pixbuf;

  texture = find_kept (key);
  if (texture != NULL)
    return texture;
  media = content_store_get_media (store, sha256, error);
  if (media == NULL)
    return NULL;
  if (!content_media_type_class (media->type, &klass) || klass != CONTENT_MEDIA_PICTURE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a picture", sha256);
      return NULL;
    }
  loader = gdk_pixbuf_loader_new_with_mime_type (media->type, error);
  if (loader == NULL)
    return NULL;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), GINT_TO_POINTER (size));
  if (!gdk_pixbuf_loader_write_bytes (loader, media->bytes, error) || !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s could not be decoded", sha256);
      return NULL;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  keep (key, texture);
  return texture;
}

GtkWidget *
kiosk_pictures_new_picture (ContentStore *store, const char *sha256, int size, const char *caption)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = kiosk_pictures_load (store, sha256, size, &error);
  GtkWidget *picture;

  if (texture == NULL)
    {
      g_warning ("picture %s: %s", sha256, error->message);
      return NULL;
    }
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), caption);
  gtk_widget_add_css_class (picture, "content-picture");
  return picture;
}

GtkWidget *
kiosk_pictures_new_topic_image (ContentStore *store, const ContentTopic *topic, int size)
{
  if (topic->pictogram != NULL)
    {
      GtkWidget *picture = kiosk_pictures_new_picture (store, topic->pictogram, size, NULL);
      if (picture != NULL)
        {
          gtk_widget_set_size_request (picture, size, size);
          gtk_widget_add_css_class (picture, "pictogram");
          return picture;
        }
    }
  if (topic->icon != NULL && *topic->icon != '\0')
    {
      GtkWidget *image = gtk_image_new_from_icon_name (topic->icon);
      gtk_image_set_pixel_size (GTK_IMAGE (image), size);
      return image;
    }
  return NULL;
}

gsize
kiosk_pictures_kept_bytes (void)
{
  return kept_bytes;
}
