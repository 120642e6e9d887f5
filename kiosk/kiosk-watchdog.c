/* kiosk-watchdog.c: readiness and liveness pings to systemd (sd_notify).
 *
 * The kiosk runs as `cage -- banlang-kiosk` in a Type=notify unit with WatchdogSec=. "Ready"
 * means a villager can see something, so READY=1 goes out after the window's first frame has been
 * painted, not when the process starts. WATCHDOG=1 then comes from a timeout on the GTK main loop
 * itself, never from a thread: a main loop stuck in a query or a deadlock stops the pings and
 * systemd restarts the kiosk, while a kiosk that merely has nothing to do keeps pinging.
 *
 * systemd addresses the watchdog (WATCHDOG_PID) to the unit's main process, which under cage is
 * the compositor, our parent, so sd_watchdog_enabled() answers "not for you". The unit sets
 * NotifyAccess=all so that any of its processes may ping; a watchdog addressed to our parent is
 * therefore taken as ours.
 */
#include "kiosk-watchdog.h"
#include "kiosk-widgets.h"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#define WATCHDOG_KEY "kiosk-watchdog"

typedef struct {
  guint64 interval_usec; /* the service's watchdog timeout; 0 when it has none */
  guint ping_id;         /* the main-loop timeout that sends WATCHDOG=1 */
  gboolean ready;        /* READY=1 has been sent */
} KioskWatchdog;

static void
kiosk_watchdog_free (KioskWatchdog *self)
{
  g_clear_handle_id (&self->ping_id, g_source_remove);
  g_free (self);
}

/* The watchdog timeout systemd expects pings within, in µs, or 0 when there is none for us. */
static guint64
watchdog_interval (void)
{
  uint64_t usec = 0;
  const char *pid = g_getenv ("WATCHDOG_PID");
  const char *timeout = g_getenv ("WATCHDOG_USEC");
  guint64 parent = 0;
  guint64 value = 0;

  if (sd_watchdog_enabled (FALSE, &usec) > 0)
    return usec;
  /* Not addressed to us: only our parent (cage, the unit's main process) may lend us its own. */
  if (pid == NULL || timeout == NULL
      || !g_ascii_string_to_unsigned (pid, 10, 1, G_MAXINT, &parent, NULL)
      || (pid_t) parent != getppid ()
      || !g_ascii_string_to_unsigned (timeout, 10, 1, G_MAXUINT64, &value, NULL))
    return 0;
  return value;
}

static gboolean
ping (gpointer user_data)
{
  /* Not checked: a lost ping is retried in half an interval, and one warning per ping would
   * flood the journal of a kiosk that runs for months. */
  sd_notify (0, "WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

static void
on_first_frame (GtkWidget *window, gpointer unused)
{
  KioskWatchdog *self = g_object_get_data (G_OBJECT (window), WATCHDOG_KEY);
  int r;

  if (self == NULL || self->ready)
    return;
  self->ready = TRUE;
  r = sd_notify (0, "READY=1");
  if (r < 0)
    g_warning ("kiosk-watchdog: cannot tell systemd the kiosk is ready: %s", g_strerror (-r));
  if (self->interval_usec == 0)
    return;
  /* Half the interval, as sd_watchdog_enabled(3) advises: one late ping is not yet a restart.
   * Default priority, like the pages' own work, so a saturated main loop counts as frozen. */
  self->ping_id = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (self->interval_usec / 2000, 1),
                                      ping, NULL, NULL);
  g_source_set_name_by_id (self->ping_id, "[banlang] kiosk watchdog");
}

void
kiosk_watchdog_start (GtkWidget *window)
{
  KioskWatchdog *self;

  g_return_if_fail (GTK_IS_WIDGET (window));

  /* Not started by systemd (a developer running it --windowed): nothing to tell anyone. */
  if (g_getenv ("NOTIFY_SOCKET") == NULL)
    return;
  self = g_new0 (KioskWatchdog, 1);
  self->interval_usec = watchdog_interval ();
  /* The window owns the state: when it goes, so do the pings, and systemd restarts a kiosk that
   * lingers without a window. */
  g_object_set_data_full (G_OBJECT (window), WATCHDOG_KEY, self,
                          (GDestroyNotify) kiosk_watchdog_free);
  kiosk_widgets_after_first_frame (window, on_first_frame, NULL);
}
