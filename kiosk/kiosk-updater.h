/* kiosk-updater.h: the kiosk taking its hub's updates (by network or a USB stick) and sending
 * back its usage counts, without ever changing a page under someone reading it. */
#pragma once

#include <gio/gio.h>

#include "content-store.h"
#include "sync-receiver.h"
#include "sync-status.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_UPDATER (kiosk_updater_get_type ())
G_DECLARE_FINAL_TYPE (KioskUpdater, kiosk_updater, KIOSK, UPDATER, GObject)

/* The default time between two rounds (a pull and a usage batch). */
#define KIOSK_UPDATER_DEFAULT_INTERVAL 900

/* An updater of @store (its file, which pulls and applies open for themselves) trusting the
 * hub root key in the public key file @trust. @url is the hub's site (NULL: updates come only
 * from USB sticks); @usage_url the hub's /usage and @usage_key this kiosk's own secret key
 * file (both NULL: usage is only counted here). NULL with an error naming the file when @trust
 * or @usage_key cannot be read. Nothing happens until kiosk_updater_start(). */
KioskUpdater *kiosk_updater_new (ContentStore *store,
                                 const char   *trust,
                                 const char   *url,
                                 const char   *usage_url,
                                 const char   *usage_key,
                                 GError      **error);

/* Runs a round now and then every @interval seconds: fetches what the hub has new (applying
 * nothing) and posts a usage batch. A hub that does not answer is tried again next round; the
 * kiosk keeps serving what it has. */
void kiosk_updater_start (KioskUpdater *self, guint interval);

/* One round now, unless one is still running. */
void kiosk_updater_run (KioskUpdater *self);

/* Quiet: nobody is using the kiosk (the attract screen shows). A fetched update is applied
 * only while quiet, in a worker thread; "applied" is emitted when the content changed. */
void kiosk_updater_set_quiet (KioskUpdater *self, gboolean quiet);

/* TRUE while a pull, an apply or a usage post is under way (for tests and the staff panel). */
gboolean kiosk_updater_is_busy (KioskUpdater *self);

/* TRUE when an update was fetched and waits for a quiet moment. */
gboolean kiosk_updater_get_pending (KioskUpdater *self);

/* The store's sync status as last read (after every round, apply and USB apply); NULL while
 * the store has taken nothing from a hub. The "stale" property follows its stale flag. */
const SyncStatus *kiosk_updater_get_status (KioskUpdater *self);
gboolean kiosk_updater_get_stale (KioskUpdater *self);

/* Why the last pull or apply failed, or NULL when it succeeded (or none ran yet). */
const char *kiosk_updater_get_last_error (KioskUpdater *self);

/* Applies the site copied into the folder @dir (a USB stick), in a worker thread, with the
 * same checks as a pull. Staff ask for it, so it does not wait for a quiet moment; "applied"
 * is emitted when the content changed. SYNC_ERROR_BUSY while a pull or apply is under way. */
void kiosk_updater_apply_dir_async (KioskUpdater        *self,
                                    const char          *dir,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean kiosk_updater_apply_dir_finish (KioskUpdater      *self,
                                         GAsyncResult      *result,
                                         SyncReceiveStats  *stats,
                                         GError           **error);

/* The first folder holding a hub's site (manifest.json and certificate.json) under @root, up
 * to three levels down (/media/LABEL, /media/USER/LABEL, and one folder inside the stick),
 * in name order; NULL when there is none. */
char *kiosk_updater_find_site (const char *root);

G_END_DECLS
