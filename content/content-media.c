/* content-media.c: pictures and sounds as content-addressed blobs, typed by their bytes.
 *
 * A blob is named by the SHA-256 of its bytes (GLib's GChecksum), so one picture used by ten
 * items is stored and shipped once, and a kiosk asks only for the names it lacks. Its type is
 * read from the bytes, never from a file name: the kiosk decodes what the bytes are, and a
 * name can lie. Only the few types every kiosk decodes are taken (JPEG, PNG, WebP, SVG; Ogg
 * Opus, Ogg Vorbis, WAV), SVG only when it can neither run script nor fetch anything
 * (content-svg.c), and each class has a size limit, since every kiosk downloads and holds
 * every blob.
 */
#include "content-media.h"
#include "content-error.h"
#include "content-svg.h"

#include <string.h>

typedef struct {
  const char *type;        /* MIME type, as stored */
  const char *name;        /* as people know it */
  const char *extension;   /* of its file in an export */
  ContentMediaClass klass;
} MediaType;

/* Ogg's MIME type is the same for every codec; the codecs parameter (RFC 7845) tells a
 * player, and the hub's Content-Type, which one it is. */
static const MediaType media_types[] = {
  { "image/jpeg", "JPEG", "jpg", CONTENT_MEDIA_PICTURE },
  { "image/png", "PNG", "png", CONTENT_MEDIA_PICTURE },
  { "image/webp", "WebP", "webp", CONTENT_MEDIA_PICTURE },
  { "image/svg+xml", "SVG", "svg", CONTENT_MEDIA_PICTURE },
  { "audio/ogg; codecs=opus", "Ogg Opus", "opus", CONTENT_MEDIA_SOUND },
  { "audio/ogg; codecs=vorbis", "Ogg Vorbis", "ogg", CONTENT_MEDIA_SOUND },
  { "audio/wav", "WAV", "wav", CONTENT_MEDIA_SOUND },
};

#define JPEG (&media_types[0])
#define PNG (&media_types[1])
#define WEBP (&media_types[2])
#define SVG (&media_types[3])
#define OGG_OPUS (&media_types[4])
#define OGG_VORBIS (&media_types[5])
#define WAV (&media_types[6])

static const MediaType *
find_type (const char *type)
{
  for (gsize i = 0; type != NULL && i < G_N_ELEMENTS (media_types); i++)
    if (g_str_equal (media_types[i].type, type))
      return &media_types[i];
  return NULL;
}

static const MediaType *
find_extension (const char *extension)
{
  for (gsize i = 0; i < G_N_ELEMENTS (media_types); i++)
    if (g_str_equal (media_types[i].extension, extension))
      return &media_types[i];
  return NULL;
}

const char *
content_media_type_extension (const char *type)
{
  const MediaType *t = find_type (type);

  return t != NULL ? t->extension : NULL;
}

const char *
content_media_type_name (const char *type)
{
  const MediaType *t = find_type (type);

  return t != NULL ? t->name : NULL;
}

gboolean
content_media_type_class (const char *type, ContentMediaClass *klass)
{
  const MediaType *t = find_type (type);

  if (t != NULL)
    *klass = t->klass;
  return t != NULL;
}

const char *
content_media_class_to_string (ContentMediaClass klass)
{
  return klass == CONTENT_MEDIA_PICTURE ? "picture" : "sound";
}

gboolean
content_media_is_sha256 (const char *s)
{
  gsize n = 0;

  for (; s != NULL && s[n] != '\0'; n++)
    if (!g_ascii_isdigit (s[n]) && !(s[n] >= 'a' && s[n] <= 'f'))
      return FALSE;
  return n == 64;
}

char *
content_media_format_size (guint64 bytes)
{
  static const struct { guint64 unit; const char *name; } units[] = {
    { 1000000, "MB" }, { 1000, "kB" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (bytes >= units[i].unit)
      {
        guint64 tenths = (bytes * 10 + units[i].unit / 2) / units[i].unit;
        if (tenths % 10 == 0)
          return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", tenths / 10, units[i].name);
        return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " %s",
                                tenths / 10, tenths % 10, units[i].name);
      }
  return g_strdup_printf ("%" G_GUINT64_FORMAT " byte%s", bytes, bytes == 1 ? "" : "s");
}

static gboolean
has_at (const guint8 *data, gsize len, gsize at, const char *magic)
{
  gsize n = strlen (magic);

  return len >= at + n && memcmp (data + at, magic, n) == 0;
}

/* An Ogg stream's first page (RFC 3533): "OggS", version 0, the beginning-of-stream flag, a
 * segment table, then the first packet, which names the codec. */
static const MediaType *
sniff_ogg (const guint8 *data, gsize len, GError **error)
{
  gsize packet;

  if (len < 27 || data[4] != 0 || !(data[5] & 0x02) || (packet = 27 + (gsize) data[26]) > len)
    {
      g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                           "an Ogg file whose first page is damaged");
      return NULL;
    }
  if (has_at (data, len, packet, "OpusHead"))
    return OGG_OPUS;
  if (has_at (data, len, packet, "\x01vorbis"))
    return OGG_VORBIS;
  g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                       "an Ogg file holding neither Opus nor Vorbis sound");
  return NULL;
}

/* The type of @data, read from its first bytes (and for SVG, the whole document). */
static const MediaType *
sniff (const guint8 *data, gsize len, GError **error)
{
  if (has_at (data, len, 0, "\xff\xd8\xff"))
    return JPEG;
  if (has_at (data, len, 0, "\x89PNG\r\n\x1a\n") && has_at (data, len, 12, "IHDR"))
    return PNG;
  if (has_at (data, len, 0, "RIFF") && has_at (data, len, 8, "WEBPVP8"))
    return WEBP;
  if (has_at (data, len, 0, "RIFF") && has_at (data, len, 8, "WAVE"))
    return WAV;
  if (has_at (data, len, 0, "OggS"))
    return sniff_ogg (data, len, error);
  if (content_svg_looks_like_xml ((const char *) data, len))
    return content_svg_check ((const char *) data, len, error) ? SVG : NULL;
  g_set_error_literal (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                       "not a kind of file the store takes: pictures are JPEG, PNG, WebP or SVG, "
                       "sound Ogg Opus, Ogg Vorbis or WAV");
  return NULL;
}

static gboolean
check_size (const MediaType *type, gsize size, const ContentMediaLimits *limits, GError **error)
{
  guint64 max = type->klass == CONTENT_MEDIA_PICTURE ? limits->max_picture_bytes
                                                      : limits->max_sound_bytes;
  g_autofree char *shown = NULL, *shown_max = NULL;

  if (size <= max)
    return TRUE;
  shown = content_media_format_size (size);
  shown_max = content_media_format_size (max);
  /* Just over the limit, rounded sizes read alike; a limit under a kilobyte is a count of
   * bytes anyway: then say both in bytes. */
  if (g_str_equal (shown, shown_max) || max < 1000)
    {
      g_free (shown);
      g_free (shown_max);
      shown = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", size);
      shown_max = g_strdup_printf ("%" G_GUINT64_FORMAT "-byte", max);
    }
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "%s is over the %s limit for %s",
               shown, shown_max, type->klass == CONTENT_MEDIA_PICTURE ? "pictures" : "sound");
  return FALSE;
}

ContentMedia *
content_media_new_checked (const char *sha256, const char *type, GBytes *bytes)
{
  ContentMedia *media = g_new0 (ContentMedia, 1);

  media->sha256 = g_strdup (sha256);
  media->type = g_strdup (type);
  media->bytes = g_bytes_ref (bytes);
  return media;
}

ContentMedia *
content_media_new (GBytes *bytes, const ContentMediaLimits *limits, GError **error)
{
  static const ContentMediaLimits defaults = CONTENT_MEDIA_LIMITS_INIT;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const MediaType *type = sniff (data, len, error);
  g_autofree char *sha256 = NULL;

  if (type == NULL || !check_size (type, len, limits != NULL ? limits : &defaults, error))
    return NULL;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return content_media_new_checked (sha256, type->type, bytes);
}

/* A file is named "<sha256>.<extension>": the name says what the bytes must be. */
static gboolean
check_file_name (const char *path, const ContentMedia *media, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *expected = content_media_file_name (media);
  const char *dot = strrchr (base, '.');
  const MediaType *named = dot != NULL ? find_extension (dot + 1) : NULL;

  if (named == NULL)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "%s: not a media file name: name it after the SHA-256 of its bytes and its "
                 "type (%s)", path, expected);
  else if (!g_str_equal (named->type, media->type))
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "%s: a %s file’s name but %s bytes", path, named->name,
                 content_media_type_name (media->type));
  else if (strlen (media->sha256) != (gsize) (dot - base) || strncmp (base, media->sha256, dot - base) != 0)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                 "%s: its bytes have the SHA-256 %s, not the one in its name (a changed or "
                 "damaged file?)", path, media->sha256);
  else
    return TRUE;
  return FALSE;
}

ContentMedia *
content_media_new_from_file (const char *path, const ContentMediaLimits *limits, GError **error)
{
  /* Mapped, not read: an import may carry hundreds of megabytes of pictures and sound. */
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ContentMedia) media = NULL;

  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  media = content_media_new (bytes, limits, error);
  if (media == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!check_file_name (path, media, error))
    return NULL;
  return g_steal_pointer (&media);
}

void
content_media_free (ContentMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->sha256);
  g_free (media->type);
  g_bytes_unref (media->bytes);
  g_free (media);
}

char *
content_media_file_name (const ContentMedia *media)
{
  return g_strconcat (media->sha256, ".", content_media_type_extension (media->type), NULL);
}
