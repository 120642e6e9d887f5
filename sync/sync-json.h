/* sync-json.h: reading the JSON that arrives from elsewhere (manifests, certificates, bundle
 * lines, usage batches, key files) with one kind of error: SYNC_ERROR_REFUSED naming what was
 * read and which member is wrong. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @data (@len bytes, -1 when NUL-terminated) parsed as a JSON object; NULL with
 * SYNC_ERROR_REFUSED ("@what: ...") when it is not one. */
JsonNode *sync_json_parse_object (const char *data, gssize len, const char *what, GError **error);

/* Member @name of @obj as a string / an integer; NULL / FALSE with SYNC_ERROR_REFUSED naming
 * @what and @name when it is missing or of another type. */
const char *sync_json_get_string (JsonObject *obj, const char *name, const char *what, GError **error);
gboolean sync_json_get_int (JsonObject *obj, const char *name, const char *what, gint64 *value,
                            GError **error);

/* Member @name of @obj as an array of strings, NULL-terminated (free with g_strfreev()); an
 * absent member is an empty array; NULL with SYNC_ERROR_REFUSED when it is not one. */
GStrv sync_json_get_strv (JsonObject *obj, const char *name, const char *what, GError **error);

/* TRUE when @s is 2 × @n_bytes lower-case hexadecimal digits. */
gboolean sync_json_is_hex (const char *s, gsize n_bytes);


/* Adds member @name to the object @b is building: a string (null when @value is NULL) / an
 * integer. */
void sync_json_add_string (JsonBuilder *b, const char *name, const char *value);
void sync_json_add_int (JsonBuilder *b, const char *name, gint64 value);

G_END_DECLS
