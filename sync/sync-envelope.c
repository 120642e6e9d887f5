/* sync-envelope.c: signing and opening signed JSON (see sync-envelope.h).
 *
 * The payload is carried as a string, and the signature covers those exact bytes: there is no
 * JSON canonicalisation to get wrong on either side, and what is verified is exactly what is
 * parsed. The type goes into the signed text too (domain separation), because the same hub
 * key signs several kinds of document.
 */
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-json.h"

#include <string.h>

static GBytes *
signed_text (const char *type, const char *payload)
{
  return g_bytes_new_take (g_strdup_printf ("banlang-sync\n%s\n%s", type, payload), 14 + strlen (type) + strlen (payload));
}

GBytes *
sync_envelope_seal (SyncKey *key, const char *type, JsonNode *payload)
{
  g_autofree char *text = json_to_string (payload, FALSE);
  g_autoptr(GBytes) message = signed_text (type, text);
  g_autofree char *signature = sync_key_sign (key, g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *out;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, sync_key_get_id (key));
  json_builder_set_member_name (b, "signature");
  json_builder_add_string_value (b, signature);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  out = json_to_string (root, TRUE);
  return g_bytes_new_take (out, strlen (out));
}

static gboolean
refuse (GError **error, const char *what, const char *why)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: %s", what, why);
  return FALSE;
}

/* Checks the signature of @envelope; sets *@text to its payload. */
static gboolean
check_signature (JsonObject *envelope, const char *type, const char *key_id, const char *what,
                 const char **text, const char **signer, GError **error)
{
  const char *key_hex, *signature;
  g_autoptr(SyncKey) key = NULL;
  g_autoptr(GBytes) message = NULL;

  if ((*text = sync_json_get_string (envelope, "payload", what, error)) == NULL
      || (key_hex = sync_json_get_string (envelope, "key", what, error)) == NULL
      || (signature = sync_json_get_string (envelope, "signature", what, error)) == NULL)
    return FALSE;
  if (key_id != NULL && !g_str_equal (key_hex, key_id))
    return refuse (error, what, "signed by a key that is not the one trusted for it");
  if ((key = sync_key_new_public (key_hex, error)) == NULL)
    return FALSE;
  message = signed_text (type, *text);
  if (!sync_key_verify (key, g_bytes_get_data (message, NULL), g_bytes_get_size (message), signature))
    return refuse (error, what, "bad signature");
  *signer = key_hex;
  return TRUE;
}

JsonNode *
sync_envelope_open (GBytes *bytes, const char *type, const char *key_id, const char *what,
                    char **signer, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(JsonNode) envelope = sync_json_parse_object (data, len, what, error);
  g_autoptr(JsonNode) payload = NULL;
  const char *text, *signer_id, *payload_type;

  if (envelope == NULL
      || !check_signature (json_node_get_object (envelope), type, key_id, what, &text, &signer_id, error)
      || (payload = sync_json_parse_object (text, -1, what, error)) == NULL
      || (payload_type = sync_json_get_string (json_node_get_object (payload), "type", what, error)) == NULL)
    return NULL;
  if (!g_str_equal (payload_type, type))
    {
      refuse (error, what, "a document of another type");
      return NULL;
    }
  if (signer != NULL)
    *signer = g_strdup (signer_id);
  return g_steal_pointer (&payload);
}
