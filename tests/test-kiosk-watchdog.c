/* test-kiosk-watchdog.c: what systemd hears from the kiosk, on a real notify socket.
 *
 * Each test binds its own Unix datagram socket, points NOTIFY_SOCKET (and WATCHDOG_USEC,
 * WATCHDOG_PID as systemd would) at it, opens a real GTK window under Xvfb and reads what
 * sd_notify() sends: READY=1 only once the window has been painted, then WATCHDOG=1 from the
 * main loop every half interval, and nothing while the main loop is stuck or once the window is
 * gone.
 */
#include "kiosk-watchdog.h"
#include "test-util.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* 200 ms: pings every 100 ms, so the tests take well under a second each. */
#define INTERVAL_USEC "200000"

static int sock = -1;
static GtkWidget *window;
static guint n_ready;
static guint n_watchdog;
static guint n_other;
static gboolean watchdog_before_ready;

static void
setup (void)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  g_autofree char *path = NULL;

  gtk_init ();
  test_util_dir_setup ();
  path = g_build_filename (test_dir, "notify", NULL);
  ck_assert_uint_lt (strlen (path), sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  sock = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  ck_assert_int_ge (sock, 0);
  ck_assert_int_eq (bind (sock, (struct sockaddr *) &addr, sizeof addr), 0);
  g_setenv ("NOTIFY_SOCKET", path, TRUE);
  g_setenv ("WATCHDOG_USEC", INTERVAL_USEC, TRUE);
  g_unsetenv ("WATCHDOG_PID");
  n_ready = n_watchdog = n_other = 0;
  watchdog_before_ready = FALSE;
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Bản Làng"));
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 200);
}

static void
teardown (void)
{
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  close (sock);
  sock = -1;
  test_util_dir_teardown ();
}

/* Reads every datagram waiting on the socket and counts what it says. */
static void
drain (void)
{
  char buf[256];
  ssize_t n;

  while ((n = recv (sock, buf, sizeof buf - 1, 0)) >= 0)
    {
      buf[n] = '\0';
      /* sd_notify() may put several assignments in one datagram, one per line. */
      for (char *line = strtok (buf, "\n"); line != NULL; line = strtok (NULL, "\n"))
        if (g_str_equal (line, "READY=1"))
          n_ready++;
        else if (g_str_equal (line, "WATCHDOG=1"))
          {
            watchdog_before_ready |= n_ready == 0;
            n_watchdog++;
          }
        else
          n_other++;
    }
  ck_assert_int_eq (errno, EAGAIN);
}

/* Runs the main loop for up to @msec, returning early once READY=1 and at least @watchdogs pings
 * have arrived; TRUE if they have. */
static gboolean
run_until (guint watchdogs, guint msec)
{
  gint64 deadline = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      drain ();
      if (n_ready > 0 && n_watchdog >= watchdogs)
        return TRUE;
      g_usleep (2000);
    }
  return FALSE;
}

/* The main loop for @msec, whatever arrives. */
static void
run_for (guint msec)
{
  run_until (G_MAXUINT, msec);
}

/* As the kiosk does: the watchdog on the window, then the window on screen. */
static void
start_and_present (void)
{
  kiosk_watchdog_start (window);
  gtk_window_present (GTK_WINDOW (window));
}

/* WATCHDOG_PID as systemd sets it: the pid its watchdog is meant for. */
static void
set_watchdog_pid (pid_t pid)
{
  g_autofree char *text = g_strdup_printf ("%d", (int) pid);

  g_setenv ("WATCHDOG_PID", text, TRUE);
}

/* READY=1 once, then at least two pings, within 5 s. */
static void
assert_ready_then_pings (void)
{
  ck_assert_msg (run_until (2, 5000), "READY=1 %u, WATCHDOG=1 %u", n_ready, n_watchdog);
  ck_assert_uint_eq (n_ready, 1);
  ck_assert (!watchdog_before_ready);
  ck_assert_uint_eq (n_other, 0);
}

/* READY=1 and, for four would-be intervals, no ping. */
static void
assert_ready_only (void)
{
  run_for (800);
  ck_assert_uint_eq (n_ready, 1);
  ck_assert_uint_eq (n_watchdog, 0);
}

START_TEST (test_ready_after_first_frame_then_pings)
{
  kiosk_watchdog_start (window);
  /* Not on screen yet: nothing to announce, and no pings before READY=1. */
  run_for (400);
  ck_assert_uint_eq (n_ready, 0);
  ck_assert_uint_eq (n_watchdog, 0);
  gtk_window_present (GTK_WINDOW (window));
  assert_ready_then_pings ();
}
END_TEST

START_TEST (test_started_after_present)
{
  /* The kiosk may call it on a window already realized and shown. */
  gtk_window_present (GTK_WINDOW (window));
  run_for (100);
  kiosk_watchdog_start (window);
  gtk_widget_queue_draw (window);
  assert_ready_then_pings ();
}
END_TEST

START_TEST (test_watchdog_pid_is_self)
{
  set_watchdog_pid (getpid ());
  start_and_present ();
  assert_ready_then_pings ();
}
END_TEST

START_TEST (test_watchdog_pid_is_parent)
{
  /* Under cage: systemd's watchdog is addressed to cage, the kiosk's parent. */
  set_watchdog_pid (getppid ());
  start_and_present ();
  assert_ready_then_pings ();
}
END_TEST

START_TEST (test_watchdog_pid_is_another_process)
{
  /* Some other process's watchdog (pid 1 is neither this process nor its parent here). */
  ck_assert_int_ne (getppid (), 1);
  set_watchdog_pid (1);
  start_and_present ();
  assert_ready_only ();
}
END_TEST

START_TEST (test_no_watchdog)
{
  g_unsetenv ("WATCHDOG_USEC");
  start_and_present ();
  assert_ready_only ();
}
END_TEST

START_TEST (test_without_systemd)
{
  g_unsetenv ("NOTIFY_SOCKET");
  start_and_present ();
  run_for (500);
  ck_assert_uint_eq (n_ready + n_watchdog + n_other, 0);
  ck_assert_ptr_null (g_object_get_data (G_OBJECT (window), "kiosk-watchdog"));
}
END_TEST

START_TEST (test_frozen_main_loop_stops_pings)
{
  start_and_present ();
  ck_assert (run_until (1, 5000));
  /* Three intervals with the main loop stuck: systemd would hear nothing. */
  g_usleep (3 * 200 * 1000);
  n_watchdog = 0;
  drain ();
  ck_assert_uint_eq (n_watchdog, 0);
  /* And the pings come back when it runs again. */
  ck_assert (run_until (1, 2000));
}
END_TEST

START_TEST (test_window_gone_stops_pings)
{
  start_and_present ();
  ck_assert (run_until (1, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  run_for (50);
  n_watchdog = 0;
  run_for (600);
  ck_assert_uint_eq (n_watchdog, 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kiosk-watchdog");
  TCase *tc = tcase_create ("watchdog");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_ready_after_first_frame_then_pings);
  tcase_add_test (tc, test_started_after_present);
  tcase_add_test (tc, test_watchdog_pid_is_self);
  tcase_add_test (tc, test_watchdog_pid_is_parent);
  tcase_add_test (tc, test_watchdog_pid_is_another_process);
  tcase_add_test (tc, test_no_watchdog);
  tcase_add_test (tc, test_without_systemd);
  tcase_add_test (tc, test_frozen_main_loop_stops_pings);
  tcase_add_test (tc, test_window_gone_stops_pings);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
