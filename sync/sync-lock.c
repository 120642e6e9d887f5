/* sync-lock.c: flock(2) on a lock file beside what it guards (see sync-lock.h). flock rather
 * than a PID file because the kernel releases it when its holder dies, and rather than
 * SQLite's own locking because the lock must also cover downloading and checking, before the
 * database is written. Each take opens the file anew, so two threads of one process exclude
 * each other too. */
#include "sync-lock.h"
#include "sync-error.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

struct _SyncLock {
  int fd;
};

SyncLock *
sync_lock_take (const char *path, gboolean wait, GError **error)
{
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  SyncLock *self;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  while (flock (fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0)
    {
      int saved = errno;
      if (saved == EINTR)
        continue;
      close (fd);
      if (saved == EWOULDBLOCK)
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_BUSY, "%s: another process is updating this "
                     "database now; try again when it is done", path);
      else
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  self = g_new (SyncLock, 1);
  self->fd = fd;
  return self;
}

void
sync_lock_release (SyncLock *self)
{
  if (self == NULL)
    return;
  close (self->fd);
  g_free (self);
}
