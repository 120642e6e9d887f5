/* sync-lock.h: one writer at a time: a publisher per site, an applier per kiosk database. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SyncLock SyncLock;

/* Takes the lock file @path (created when missing). With @wait it waits for another holder
 * to let go; without, it fails at once with SYNC_ERROR_BUSY. The lock is held until
 * sync_lock_release(), or until the process dies: the kernel drops it then, so a kiosk killed
 * mid-apply never leaves a stale lock behind. */
SyncLock *sync_lock_take (const char *path, gboolean wait, GError **error);

void sync_lock_release (SyncLock *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncLock, sync_lock_release)

G_END_DECLS
