/* sync-envelope.h: a signed JSON document: certificates, manifests and usage batches all
 * travel in one envelope, {"payload": TEXT, "key": HEX, "signature": HEX}. */
#pragma once

#include <json-glib/json-glib.h>

#include "sync-key.h"

G_BEGIN_DECLS

/* The envelope of @payload (a JSON object whose "type" member is @type) signed by @key (which
 * holds its secret). The signature covers "banlang-sync\n" @type "\n" and the payload's exact
 * text, so a document of one type can never pass for another. */
GBytes *sync_envelope_seal (SyncKey *key, const char *type, JsonNode *payload);

/* The payload of the envelope @bytes, after checking that it is well formed, that its payload
 * is of @type, that it is signed by @key_id (or, when @key_id is NULL, by the key the
 * envelope names) and that the signature is good. Sets *@signer (when not NULL) to the
 * signing key's id. NULL with SYNC_ERROR_REFUSED, nothing trusted, otherwise; @what names
 * the document in messages. */
JsonNode *sync_envelope_open (GBytes *bytes, const char *type, const char *key_id, const char *what,
                              char **signer, GError **error);

G_END_DECLS
