/* hub-publish.h: publishing drafts, and carrying what is published to the sync folder. */
#pragma once

#include "content-drafts.h"
#include "content-record.h"
#include "hub-request.h"

G_BEGIN_DECLS

/* Publishes the drafts of @refs (@n) in one transaction as @req's officer with @flags, then
 * writes the signed bundles when the hub has a signing key, and answers: back to the first
 * record's page, or a page listing why nothing was published (a failing case table, an
 * invalid draft). The audit log says "publish-important" for a publication so marked. */
void hub_publish_refs (HubRequest *req, const ContentRef *refs, guint n, ContentPublishFlags flags);

/* Starts writing the signed site for what is now live, in a worker thread, when the hub has a
 * signing key and a sync folder; the outcome is audited as @account from @address (0, NULL:
 * the hub itself). A failure is logged: the content stays published and the next run writes
 * the site again. */
void hub_publish_site (HubServer *server, gint64 account, const char *address);

/* hub_publish_site() as @req's officer. */
void hub_publish_sync (HubRequest *req);

/* The history page of @ref ("/items/ID/history", "/records/KIND/ID/history"). */
char *hub_history_page_of (const ContentRef *ref);

/* The hub page of @ref ("/items/ID", "/topics/ID", "/rules/KIND/ID"). */
char *hub_publish_page_of (const ContentRef *ref);

G_END_DECLS
