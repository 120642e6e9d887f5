/* sync-status.c: a replica's state and its trust, read together (see sync-status.h). Staleness
 * is judged at read time, by the kiosk's clock floored at the manifest's issue time, because
 * a kiosk that hears nothing becomes stale without anything being written. */
#include "sync-status.h"
#include "content-error.h"
#include "content-replica.h"
#include "sync-error.h"
#include "sync-json.h"
#include "sync-trust.h"

SyncStatus *
sync_status_read (ContentStore *store, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ContentReplicaState) state = content_store_get_replica_state (store, &local);
  g_autoptr(SyncTrust) trust = NULL;
  SyncStatus *self;

  if (state == NULL)
    {
      g_set_error (error, SYNC_ERROR, g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND)
                   ? SYNC_ERROR_NOT_FOUND : SYNC_ERROR_FAILED, "%s", local->message);
      return NULL;
    }
  trust = sync_trust_from_json (state->trust);
  self = g_new0 (SyncStatus, 1);
  self->hub = g_strdup (state->hub);
  self->seq = state->seq;
  self->applied_at = g_strdup (state->applied_at);
  self->issued_at = g_strdup (trust->issued_at != NULL ? trust->issued_at : state->issued_at);
  self->expires_at = g_strdup (trust->expires_at);
  self->checked_at = g_strdup (trust->checked_at);
  self->epoch = trust->epoch;
  self->version = trust->version;
  self->stale = sync_trust_is_stale (trust);
  return self;
}

char *
sync_status_to_json (const SyncStatus *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  sync_json_add_string (b, "hub", self->hub);
  sync_json_add_int (b, "seq", self->seq);
  sync_json_add_string (b, "applied_at", self->applied_at);
  sync_json_add_string (b, "issued_at", self->issued_at);
  sync_json_add_string (b, "expires_at", self->expires_at);
  sync_json_add_string (b, "checked_at", self->checked_at);
  sync_json_add_int (b, "epoch", self->epoch);
  sync_json_add_int (b, "version", self->version);
  json_builder_set_member_name (b, "stale");
  json_builder_add_boolean_value (b, self->stale);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

void
sync_status_free (SyncStatus *self)
{
  if (self == NULL)
    return;
  g_free (self->hub);
  g_free (self->applied_at);
  g_free (self->issued_at);
  g_free (self->expires_at);
  g_free (self->checked_at);
  g_free (self);
}
