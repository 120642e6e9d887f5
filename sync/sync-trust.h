/* sync-trust.h: what a kiosk has learned about its hub's keys and manifests, kept in its own
 * database (the replica's trust column), never in its trust file, and the checks made with it. */
#pragma once

#include <json-glib/json-glib.h>

#include "sync-certificate.h"
#include "sync-manifest.h"

G_BEGIN_DECLS

typedef struct {
  gint64 epoch;        /* the newest certificate epoch seen (0: none yet) */
  gint64 version;      /* the newest manifest version of that epoch */
  char *key;           /* the online key that signed it */
  GStrv revoked;       /* every key a certificate has revoked: never trusted again */
  char *manifest;      /* the sha256 of that manifest's file */
  char *issued_at;     /* its issue time: the floor of "now" */
  char *expires_at;    /* its expiry: past it, the content is stale */
  char *checked_at;    /* when a manifest was last fetched and verified (the kiosk's clock) */
} SyncTrust;

/* Nothing learned yet (a new kiosk). */
SyncTrust *sync_trust_new (void);

/* What sync_trust_to_json() wrote; a node of another shape (an empty object) is a new trust. */
SyncTrust *sync_trust_from_json (JsonNode *node);
JsonNode *sync_trust_to_json (const SyncTrust *self);

/* Refuses (SYNC_ERROR_REFUSED) a certificate of an older epoch than one already seen, or for
 * a key that any certificate seen (this one included) has revoked. Its root signature is the
 * caller's to check (sync_certificate_parse()). */
gboolean sync_trust_check_certificate (const SyncTrust *self, const SyncCertificate *cert, GError **error);

/* Checks @manifest (file hash @manifest_id), already verified as signed by @cert's key:
 * it must be of @cert's hub and epoch, and not older than the newest one trusted, ordered by
 * (epoch, version): an older one is a rollback, and so is a different manifest of the same
 * version, and one issued before the newest one trusted. Sets *@same when it is the very
 * manifest already trusted. SYNC_ERROR_REFUSED otherwise. */
gboolean sync_trust_check_manifest (const SyncTrust *self, const SyncCertificate *cert,
                                    const SyncManifest *manifest, const char *manifest_id,
                                    gboolean *same, GError **error);

/* Remembers @cert and @manifest as the newest trusted, and now as the time of the check. */
void sync_trust_learn (SyncTrust *self, const SyncCertificate *cert, const SyncManifest *manifest,
                       const char *manifest_id);

/* TRUE when the newest manifest trusted has expired: now (never earlier than its issue time)
 * is past its expiry. */
gboolean sync_trust_is_stale (const SyncTrust *self);

void sync_trust_free (SyncTrust *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTrust, sync_trust_free)

G_END_DECLS
