/* kiosk-watchdog.h: telling systemd that the kiosk is on screen and still answering. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once @window has drawn its first frame, sends READY=1 to systemd; then, when the service has a
 * watchdog (WatchdogSec=), sends WATCHDOG=1 from the main loop every half interval for as long
 * as @window lives, so a frozen main loop gets the kiosk restarted. Outside systemd
 * (NOTIFY_SOCKET unset) it does nothing. Call it once per window, before or after presenting it. */
void kiosk_watchdog_start (GtkWidget *window);

G_END_DECLS
