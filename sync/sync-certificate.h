/* sync-certificate.h: the root's word that an online key signs for a hub, from an epoch on,
 * and which older online keys it has revoked. */
#pragma once

#include <glib.h>

#include "sync-key.h"

G_BEGIN_DECLS

#define SYNC_CERTIFICATE_TYPE "banlang-sync-certificate"

typedef struct {
  char *root;        /* the root key's id, which signed it */
  char *hub;         /* the hub's id, the name replicas follow */
  char *key;         /* the online signing key's id */
  gint64 epoch;      /* ≥ 1; a hub restored from a backup is given a higher one */
  char *issued_at;   /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  GStrv revoked;     /* ids of online keys no replica may trust again */
} SyncCertificate;

/* A certificate for @key signed by @root (which holds its secret): @hub (NULL: the default
 * hub id of @root, sync_certificate_default_hub()), @epoch, and @revoked (NULL-terminated,
 * may be NULL). Returns the signed document's bytes. */
GBytes *sync_certificate_issue (SyncKey *root, SyncKey *key, const char *hub, gint64 epoch,
                                const char *const *revoked);

/* "hub-" and the first 16 hexadecimal digits of @root's id: a hub's name when none is given,
 * so that replicas of two hubs under different roots never mistake one for the other. Free
 * with g_free(). */
char *sync_certificate_default_hub (SyncKey *root);

/* The certificate in @bytes, after checking that @root signed it (NULL: that the key it names
 * did, which proves only that it is intact: for a publisher reading its own) and that its
 * fields are well formed; NULL with SYNC_ERROR_REFUSED otherwise. */
SyncCertificate *sync_certificate_parse (GBytes *bytes, SyncKey *root, GError **error);

/* TRUE when the certificate revokes key @key_id. */
gboolean sync_certificate_revokes (const SyncCertificate *self, const char *key_id);

void sync_certificate_free (SyncCertificate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncCertificate, sync_certificate_free)

G_END_DECLS
