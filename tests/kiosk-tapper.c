/* kiosk-tapper: a visitor's hand for the kiosk as deployed, from outside its process.
 *
 * Debian 12's cage (0.1.4) offers no virtual pointer or keyboard, so nothing can inject a real
 * touch into it. What can reach the running kiosk from outside is the accessibility bus, the
 * way assistive technology presses a button: this program finds controls by their accessible
 * name among what is on screen, and activates them. It also checks a screenshot of the output.
 *
 *   kiosk-tapper wait NAME SECONDS   until a control on screen named NAME is there
 *   kiosk-tapper gone NAME SECONDS   until no control on screen is named NAME
 *   kiosk-tapper tap NAME SECONDS    waits for NAME, then activates it
 *   kiosk-tapper fill PNG W H        the screenshot is W×H and the kiosk covers it (cage paints
 *                                    black where no window is)
 * Exits 0 when done, 1 with a message saying what was missing. */
#include <atspi/atspi.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <stdlib.h>

#define KIOSK_APP_NAME "banlang-kiosk"
#define POLL_MS 250
/* A page is far smaller than this; the bound keeps a runaway tree from hanging the test. */
#define MAX_NODES 20000

/* at-spi2-core 2.46 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAction, g_object_unref)

/* The kiosk's application on the accessibility bus, or NULL while it has not registered. */
static AtspiAccessible *
find_app (void)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  gint n = atspi_accessible_get_child_count (desktop, NULL);

  for (gint i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);
      g_autofree char *name = app != NULL ? atspi_accessible_get_name (app, NULL) : NULL;

      if (g_strcmp0 (name, KIOSK_APP_NAME) == 0)
        return g_steal_pointer (&app);
    }
  return NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiComponent, g_object_unref)

/* Whether @node takes room on the screen. GTK 4.8 marks only the window "showing" and the
 * pages of a stack that are not shown still "visible": what tells them apart is their extents,
 * empty while a widget is not mapped. Nodes without extents (a stack's page records) pass. */
static gboolean
on_screen (AtspiAccessible *node)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (node);
  g_autoptr(AtspiComponent) component = NULL;
  g_autofree AtspiRect *box = NULL;

  if (states == NULL || !atspi_state_set_contains (states, ATSPI_STATE_VISIBLE))
    return FALSE;
  component = atspi_accessible_get_component_iface (node);
  if (component == NULL)
    return TRUE;
  box = atspi_component_get_extents (component, ATSPI_COORD_TYPE_WINDOW, NULL);
  return box == NULL || (box->width > 0 && box->height > 0);
}

/* The first node on screen named @name under @node, depth first, skipping subtrees not on
 * screen (the pages of a stack that are not shown). */
static AtspiAccessible *
find_on_screen (AtspiAccessible *node, const char *name, guint *budget)
{
  g_autofree char *own = NULL;
  gint n;

  if (*budget == 0 || !on_screen (node))
    return NULL;
  (*budget)--;
  own = atspi_accessible_get_name (node, NULL);
  if (g_strcmp0 (own, name) == 0)
    return g_object_ref (node);
  n = atspi_accessible_get_child_count (node, NULL);
  for (gint i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (node, i, NULL);
      AtspiAccessible *found = child != NULL ? find_on_screen (child, name, budget) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Looks once, on fresh state (the library caches names and states between calls). Returns
 * FALSE when the kiosk is not on the accessibility bus (nothing can be said of its screen);
 * else TRUE, with *@found the control on screen named @name, or NULL. */
static gboolean
look (const char *name, AtspiAccessible **found)
{
  g_autoptr(AtspiAccessible) app = find_app ();
  guint budget = MAX_NODES;
  gint n;

  *found = NULL;
  if (app == NULL)
    return FALSE;
  atspi_accessible_clear_cache (app);
  /* The application itself has no state of its own: its windows do. */
  n = atspi_accessible_get_child_count (app, NULL);
  if (n < 1)
    return FALSE;
  for (gint i = 0; i < n && *found == NULL; i++)
    {
      g_autoptr(AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);

      *found = window != NULL ? find_on_screen (window, name, &budget) : NULL;
    }
  return TRUE;
}

/* Polls until @name is on screen (@present) or is not, for at most @seconds; a kiosk missing
 * from the bus is neither. Returns whether it came to that; *@found (when not NULL) gets the
 * control found. */
static gboolean
poll_for (const char *name, gboolean present, double seconds, AtspiAccessible **found)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  for (;;)
    {
      g_autoptr(AtspiAccessible) node = NULL;

      if (look (name, &node) && (node != NULL) == present)
        {
          if (found != NULL)
            *found = g_steal_pointer (&node);
          return TRUE;
        }
      if (g_get_monotonic_time () >= until)
        {
          g_autoptr(AtspiAccessible) app = find_app ();

          if (app == NULL)
            g_printerr ("kiosk-tapper: the kiosk is not on the accessibility bus\n");
          return FALSE;
        }
      g_usleep (POLL_MS * 1000);
    }
}

static int
wait_for (const char *name, double seconds)
{
  if (!poll_for (name, TRUE, seconds, NULL))
    {
      g_printerr ("kiosk-tapper: nothing named “%s” came on screen within %.0f s\n", name, seconds);
      return 1;
    }
  return 0;
}

static int
wait_gone (const char *name, double seconds)
{
  if (!poll_for (name, FALSE, seconds, NULL))
    {
      g_printerr ("kiosk-tapper: “%s” was still on screen after %.0f s\n", name, seconds);
      return 1;
    }
  return 0;
}

static int
tap (const char *name, double seconds)
{
  g_autoptr(AtspiAccessible) found = NULL;
  g_autoptr(AtspiAction) action = NULL;
  g_autoptr(GError) error = NULL;

  if (!poll_for (name, TRUE, seconds, &found))
    {
      g_printerr ("kiosk-tapper: no control named “%s” came on screen within %.0f s\n", name, seconds);
      return 1;
    }
  action = atspi_accessible_get_action_iface (found);
  if (action == NULL || atspi_action_get_n_actions (action, NULL) < 1)
    {
      g_printerr ("kiosk-tapper: “%s” is on screen but cannot be pressed\n", name);
      return 1;
    }
  if (!atspi_action_do_action (action, 0, &error))
    {
      g_printerr ("kiosk-tapper: pressing “%s”: %s\n", name, error != NULL ? error->message : "refused");
      return 1;
    }
  return 0;
}

/* The share of pure black pixels, where cage shows no window. */
static double
black_share (GdkPixbuf *shot)
{
  int width = gdk_pixbuf_get_width (shot), height = gdk_pixbuf_get_height (shot);
  int stride = gdk_pixbuf_get_rowstride (shot), channels = gdk_pixbuf_get_n_channels (shot);
  const guchar *pixels = gdk_pixbuf_read_pixels (shot);
  gint64 black = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * channels;
        black += p[0] == 0 && p[1] == 0 && p[2] == 0;
      }
  return (double) black / ((double) width * height);
}

static int
check_fill (const char *path, int width, int height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) shot = gdk_pixbuf_new_from_file (path, &error);
  double black;

  if (shot == NULL)
    {
      g_printerr ("kiosk-tapper: %s: %s\n", path, error->message);
      return 1;
    }
  if (gdk_pixbuf_get_width (shot) != width || gdk_pixbuf_get_height (shot) != height)
    {
      g_printerr ("kiosk-tapper: %s is %d×%d, not the output's %d×%d\n", path,
                  gdk_pixbuf_get_width (shot), gdk_pixbuf_get_height (shot), width, height);
      return 1;
    }
  /* Text and outlines may be dark, never a black band: a kiosk short of the output leaves
   * whole rows or columns of cage's background. */
  black = black_share (shot);
  if (black > 0.02)
    {
      g_printerr ("kiosk-tapper: %s is %.0f%% black: the kiosk does not fill the output\n", path,
                  black * 100);
      return 1;
    }
  return 0;
}

static int
usage (void)
{
  g_printerr ("usage: kiosk-tapper wait|gone|tap NAME SECONDS | fill PNG WIDTH HEIGHT\n");
  return 2;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc != 4 && argc != 5)
    return usage ();
  if (argc == 5 && g_str_equal (argv[1], "fill"))
    return check_fill (argv[2], atoi (argv[3]), atoi (argv[4]));
  if (argc != 4)
    return usage ();
  if (atspi_init () < 0)
    {
      g_printerr ("kiosk-tapper: cannot reach the accessibility bus\n");
      return 1;
    }
  if (g_str_equal (argv[1], "wait"))
    return wait_for (argv[2], g_ascii_strtod (argv[3], NULL));
  if (g_str_equal (argv[1], "gone"))
    return wait_gone (argv[2], g_ascii_strtod (argv[3], NULL));
  if (g_str_equal (argv[1], "tap"))
    return tap (argv[2], g_ascii_strtod (argv[3], NULL));
  return usage ();
}
