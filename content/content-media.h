/* content-media.h: a picture or a sound, as bytes whose type was read from the bytes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a blob is for: pictures are shown, sounds are played. */
typedef enum {
  CONTENT_MEDIA_PICTURE,
  CONTENT_MEDIA_SOUND,
} ContentMediaClass;

/* The largest blob of each class an import takes, in bytes. */
typedef struct {
  guint64 max_picture_bytes;
  guint64 max_sound_bytes;
} ContentMediaLimits;

#define CONTENT_MEDIA_MAX_PICTURE_BYTES 1000000   /* 1 MB */
#define CONTENT_MEDIA_MAX_SOUND_BYTES   3000000   /* 3 MB */

/* The limits an import applies unless told otherwise. */
#define CONTENT_MEDIA_LIMITS_INIT { CONTENT_MEDIA_MAX_PICTURE_BYTES, CONTENT_MEDIA_MAX_SOUND_BYTES }

typedef struct {
  char *sha256;    /* of the bytes: 64 lower-case hexadecimal digits */
  char *type;      /* the MIME type read from the bytes (content_media_new()) */
  GBytes *bytes;
} ContentMedia;

/* A blob made from @bytes: its type read from the bytes themselves (JPEG, PNG, WebP, SVG;
 * Ogg Opus, Ogg Vorbis, WAV), its size within @limits (NULL: the defaults), its SHA-256
 * computed. Fails with CONTENT_ERROR_INVALID_INPUT saying what is wrong: an unknown type, an
 * SVG that could run script or fetch something, a size over the limit. */
ContentMedia *content_media_new (GBytes *bytes, const ContentMediaLimits *limits, GError **error);

/* Reads the file @path, as content_media_new() does, and checks its name: it must be
 * "<sha256>.<extension>" with the SHA-256 of its bytes and the extension of its type. Every
 * message starts with @path. */
ContentMedia *content_media_new_from_file (const char *path, const ContentMediaLimits *limits,
                                           GError **error);

/* A blob the store already checked when it took it in: nothing is read again. */
ContentMedia *content_media_new_checked (const char *sha256, const char *type, GBytes *bytes);

void content_media_free (ContentMedia *media);

/* The name of @media's file in an export: "<sha256>.<extension>". Free with g_free(). */
char *content_media_file_name (const ContentMedia *media);

/* For each type content_media_new() gives: its file extension ("png"), the name people know
 * it by ("PNG", "Ogg Opus") and its class. NULL / FALSE for a type it never gives. */
const char *content_media_type_extension (const char *type);
const char *content_media_type_name (const char *type);
gboolean content_media_type_class (const char *type, ContentMediaClass *klass);

/* "picture" or "sound". */
const char *content_media_class_to_string (ContentMediaClass klass);

/* TRUE when @s is a SHA-256 as this store writes it: 64 lower-case hexadecimal digits. */
gboolean content_media_is_sha256 (const char *s);

/* @bytes for people: "840 bytes", "12.5 kB", "2.4 MB", "3 MB" (powers of 1000, to the nearest
 * tenth). Free with g_free(). */
char *content_media_format_size (guint64 bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentMedia, content_media_free)

G_END_DECLS
