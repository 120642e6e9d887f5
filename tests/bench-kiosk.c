/* bench-kiosk.c: the kiosk's start-up time, memory, and keystroke-to-results latency.
 *
 * Not a test: it prints figures for a person to compare with the budgets (first frame ≤ 1.0 s,
 * RSS ≤ 150 MB, ≤ 50 ms from a keystroke to updated results at 10k items). It builds its
 * databases in a temp dir: the demo (`banlang demo`, as scripts/demo makes it); the demo plus N
 * synthetic notices in force (bench-util's zipf vocabulary, the data bench-search uses) imported
 * through the real import path; and a copy of that one with the notices expired, since the home
 * page lists every notice in force.
 *
 * Start-up spawns the real program, `banlang-kiosk --windowed --report-first-frame`, which prints
 * the monotonic time of its first painted frame and its memory then, and quits: the figure is
 * from just before the spawn to that frame (both clocks are CLOCK_MONOTONIC). One cold run (the
 * page cache dropped first, when this process may) and 7 warm ones per database.
 *
 * Keystrokes run in this process: the real KioskWindow on the large database, search open,
 * queries tapped key by key on the real keypad buttons. For each tap: the time to the first frame
 * painted after it (what a person sees), and the time spent inside the click alone (the search
 * and the rebuilt results).
 *
 * Sound and pictures run in this process too, on the large database (whose demo part has the
 * demo's pictures): the time from a tap on Listen to the first sound reaching the sink (cold:
 * nothing synthesized yet; warm: the sentence in the cache; a recording), and the memory that
 * opening every page with pictures and listening to each adds to the window's. Sound goes to
 * "fakesink sync=true" unless BANLANG_KIOSK_AUDIO_SINK says otherwise (a sound card adds its
 * own buffer to what a person hears).
 *
 * Run it under Xvfb, with the environment of the kiosk tests:
 *   GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_A11Y=test \
 *     xvfb-run -a -s '-screen 0 1280x800x24' build/tests/bench-kiosk [N]     (N default 10000)
 * Xvfb's only GL is Mesa's software rasterizer, which GTK picks by default and which adds memory
 * and paint time a kiosk's GPU would not; GSK_RENDERER=cairo in the environment shows the
 * figures without it (the spawned kiosks inherit it too).
 */
#include "config.h"
#include "bench-util.h"
#include "kiosk-keypad.h"
#include "kiosk-language.h"
#include "kiosk-listen-button.h"
#include "kiosk-pictures.h"
#include "kiosk-search-page.h"
#include "kiosk-speaker.h"
#include "kiosk-window.h"

#include "content-fold.h"
#include "content-importer.h"
#include "content-search.h"
#include "content-store-private.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BANLANG_CLI BANLANG_BUILD_ROOT "/content/banlang"
#define KIOSK_PROGRAM BANLANG_BUILD_ROOT "/kiosk/banlang-kiosk"

#define BUDGET_FIRST_FRAME_MS 1000.0
#define BUDGET_RSS_MB 150.0
#define BUDGET_KEYSTROKE_MS 50.0
#define BUDGET_FIRST_SOUND_MS 300.0
#define BUDGET_MEDIA_MB 30.0

#define WARM_RUNS 7
/* What kiosk_search_page asks for; the "search alone" row repeats its searches. */
#define KIOSK_MAX_RESULTS 20
/* A tap waits this long for a frame before it asks for one itself. */
#define FRAME_TIMEOUT_MS 500
/* Between taps, as a quick typist leaves; it also lets idle work of the last tap finish. */
#define PAUSE_BETWEEN_TAPS_MS 40
/* Long enough for a window to be laid out and drawn (test-kiosk waits as long). */
#define SETTLE_MS 200

/* What a villager types (no accents; '<' is the backspace key), besides words drawn from the
 * synthetic vocabulary (see add_vocabulary_queries()). */
static const char *const typed_queries[] = {
  "hon nhan", "bao hiem y te", "dat rung", "2014", "tro giup phap ly", "tuoi ket hon",
  "bao luc gia dinh", "dat daii<", "ocop", "mien dong", "2024",
};

static GString *over_budget;

/* ---- Databases ---------------------------------------------------------------------------- */

/* The number of published items in the database at @db. */
static guint
count_items (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  sqlite3_stmt *stmt;
  guint n = 0;

  if (store == NULL)
    g_error ("%s: %s", db, error->message);
  stmt = content_store_prepare (store, "SELECT count(*) FROM items WHERE status = 'published'", &error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* Creates the demo database at @db with the real CLI, as scripts/demo does. */
static void
make_demo_db (const char *db)
{
  const char *argv[] = { BANLANG_CLI, "demo", "--db", db, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("%s demo: %s\n%s", BANLANG_CLI, error->message, err != NULL ? err : "");
}

/* Creates @db as the demo plus @n synthetic notices, imported as one bundle through the real
 * import path, and folds the WAL into the file so the kiosk starts on a checkpointed database. */
static void
make_large_db (const char *dir, const char *db, guint n)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (20261123);
  g_autofree char *bundle = bench_write_bundle (dir, n, rng);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(ContentImporter) importer = NULL;

  make_demo_db (db);
  store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_error ("%s: %s", db, error->message);
  importer = content_importer_new (store);
  if (!content_importer_add_path (importer, bundle, &error)
      || !content_importer_commit (importer, NULL, NULL, &error))
    g_error ("import: %s", error->message);
  sqlite3_exec (content_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_unlink (bundle);
}

/* Copies @from to @to with the synthetic notices out of force, as a real database of that size
 * would have them (a few notices in force, not thousands): the home page lists every notice in
 * force, so this row tells that cost apart from the size of the database. */
static void
make_expired_copy (const char *from, const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = NULL;
  char *message = NULL;

  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error)
      || (store = content_store_open (to, CONTENT_STORE_OPEN_DEFAULT, &error)) == NULL)
    g_error ("%s: %s", to, error->message);
  if (sqlite3_exec (content_store_get_db (store),
                    "UPDATE items SET details = json_set (details, '$.valid_to', '2026-01-01') "
                    "WHERE kind = 'notice' AND id GLOB 'notice-[0-9]*';"
                    "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", to, message);
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms: GTK lays out and draws what is pending. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The renderer GTK picks on this display (the spawned kiosks pick the same, from the same
 * environment), and whether its GL is Mesa's software rasterizer: Xvfb offers no other, and it
 * costs memory and frame time that a kiosk's GPU would not. */
static char *
describe_renderer (void)
{
  GtkWidget *probe = gtk_window_new ();
  g_autofree char *maps = NULL;
  g_autofree char *name = NULL;
  gboolean software;

  /* Shown, not only realized: destroying a window that was never mapped made GTK 4.8 crash in
   * a later frame. */
  gtk_window_present (GTK_WINDOW (probe));
  run_for (SETTLE_MS);
  name = g_strdup (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (probe))));
  gtk_window_destroy (GTK_WINDOW (probe));
  run_for (SETTLE_MS);
  software = g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL)
             && (strstr (maps, "swrast_dri") != NULL || strstr (maps, "libLLVM") != NULL);
  return g_strdup_printf ("%s%s (GSK_RENDERER=%s)", name,
                          software && !g_str_equal (name, "GskCairoRenderer") ? " on Mesa's software GL" : "",
                          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "unset");
}

/* ---- Start-up ----------------------------------------------------------------------------- */

/* What the spawned kiosks wrote to stderr: the first such text, and how many runs wrote any. */
typedef struct {
  GString *first;
  guint n_runs;
} KioskStderr;

typedef struct {
  double ms;           /* spawn to first frame */
  guint64 rss_kb;      /* at the first frame */
  guint64 peak_rss_kb;
} StartupRun;

/* Empties the kernel's page cache so that the next start reads everything from disk, as after a
 * boot. FALSE when this process may not (not root, or a container that forbids it). */
static gboolean
drop_page_cache (void)
{
  FILE *f;
  gboolean ok;

  sync ();
  f = fopen ("/proc/sys/vm/drop_caches", "w");
  if (f == NULL)
    return FALSE;
  ok = fputs ("3\n", f) >= 0;
  return fclose (f) == 0 && ok;
}

/* Starts the real kiosk on @db, reads the first-frame report it prints before quitting, and
 * fills @run. What the kiosk writes to stderr goes to @said. */
static gboolean
run_kiosk_once (const char *db, StartupRun *run, KioskStderr *said, GError **error)
{
  const char *argv[] = { KIOSK_PROGRAM, "--windowed", "--db", db, "--report-first-frame", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *report;
  gint64 frame_us = 0, start_us;

  start_us = g_get_monotonic_time ();
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, error)
      || !g_subprocess_wait_check (proc, NULL, error))
    return FALSE;
  if (err != NULL && *err != '\0' && said->n_runs++ == 0)
    g_string_append (said->first, err);
  report = out != NULL ? strstr (out, "first_frame_monotonic_us=") : NULL;
  if (report == NULL
      || sscanf (report, "first_frame_monotonic_us=%" G_GINT64_FORMAT " rss_kb=%" G_GUINT64_FORMAT
                 " peak_rss_kb=%" G_GUINT64_FORMAT, &frame_us, &run->rss_kb, &run->peak_rss_kb) != 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no first-frame report in “%s”", out ? out : "");
      return FALSE;
    }
  run->ms = (frame_us - start_us) / 1000.0;
  return TRUE;
}

static void
note_over_budget (gboolean over, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Adds a line to the summary at the end when @over. */
static void
note_over_budget (gboolean over, const char *format, ...)
{
  va_list args;

  if (!over)
    return;
  va_start (args, format);
  g_string_append (over_budget, "  ");
  g_string_append_vprintf (over_budget, format, args);
  g_string_append_c (over_budget, '\n');
  va_end (args);
}

/* Times one cold and WARM_RUNS warm starts of the kiosk on @db and prints a row of the table;
 * returns whether the page cache could be dropped. */
static gboolean
bench_startup (const char *name, const char *db, KioskStderr *said)
{
  StartupRun cold, warm[WARM_RUNS];
  double warm_ms[WARM_RUNS];
  guint64 rss_kb, peak_kb;
  g_autoptr(GError) error = NULL;
  gboolean dropped = drop_page_cache ();

  if (!run_kiosk_once (db, &cold, said, &error))
    g_error ("%s: %s", KIOSK_PROGRAM, error->message);
  rss_kb = cold.rss_kb;
  peak_kb = cold.peak_rss_kb;
  for (int i = 0; i < WARM_RUNS; i++)
    {
      if (!run_kiosk_once (db, &warm[i], said, &error))
        g_error ("%s: %s", KIOSK_PROGRAM, error->message);
      warm_ms[i] = warm[i].ms;
      rss_kb = MAX (rss_kb, warm[i].rss_kb);
      peak_kb = MAX (peak_kb, warm[i].peak_rss_kb);
    }
  bench_sort (warm_ms, WARM_RUNS);
  printf ("  %-20s %7u %8.0f ms %8.0f ms %8.0f ms %8.1f MB %8.1f MB\n", name, count_items (db), cold.ms,
          warm_ms[WARM_RUNS / 2], warm_ms[WARM_RUNS - 1], rss_kb / 1024.0, peak_kb / 1024.0);
  note_over_budget (cold.ms > BUDGET_FIRST_FRAME_MS, "%s: cold first frame %.0f ms > %.0f ms", name,
                    cold.ms, BUDGET_FIRST_FRAME_MS);
  note_over_budget (warm_ms[WARM_RUNS - 1] > BUDGET_FIRST_FRAME_MS, "%s: warm first frame up to %.0f ms > %.0f ms",
                    name, warm_ms[WARM_RUNS - 1], BUDGET_FIRST_FRAME_MS);
  note_over_budget (peak_kb / 1024.0 > BUDGET_RSS_MB, "%s: peak RSS %.1f MB > %.0f MB", name,
                    peak_kb / 1024.0, BUDGET_RSS_MB);
  return dropped;
}

/* ---- Keystrokes --------------------------------------------------------------------------- */

/* The moments of a tap, in the order they come. */
enum {
  TAP_START,
  TAP_CLICKED,         /* the click handlers returned: search done, results rebuilt */
  FRAME_START,         /* the frame clock's before-paint */
  FRAME_LAID_OUT,      /* its layout phase done (sizes measured, widgets allocated) */
  FRAME_PAINTED,       /* its after-paint: snapshot rendered and handed to the display */
  N_MOMENTS
};

/* What the table shows: a span between two moments. */
static const struct {
  const char *label;
  int from, to;
} spans[] = {
  { "tap → next frame painted", TAP_START, FRAME_PAINTED },
  { "  inside the click (search + results)", TAP_START, TAP_CLICKED },
  { "  waiting for the frame clock", TAP_CLICKED, FRAME_START },
  { "  update + layout", FRAME_START, FRAME_LAID_OUT },
  { "  paint (snapshot + render)", FRAME_LAID_OUT, FRAME_PAINTED },
};

typedef struct {
  KioskWindow *window;
  GHashTable *keys;       /* key name ("a", "space", "clear") → its button on the keypad */
  guint n_paints;         /* frames painted so far */
  gint64 moments[N_MOMENTS];  /* of the last tap and of the last frame painted */
  guint n_forced;         /* taps after which no frame came by itself */
} Typist;

typedef struct {
  GArray *ms[G_N_ELEMENTS (spans)];
  GPtrArray *texts;       /* what the keypad held after each tap, for the "search alone" row */
} Timings;

static void
timings_init (Timings *t)
{
  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    t->ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
  t->texts = g_ptr_array_new_with_free_func (g_free);
}

static void
timings_clear (Timings *t)
{
  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    g_clear_pointer (&t->ms[i], g_array_unref);
  g_clear_pointer (&t->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Timings, timings_clear)

/* Runs the main loop until @typist has seen more than @n_paints frames, or @timeout_ms passed;
 * TRUE when a frame came. Blocks in poll rather than spinning, so that Xvfb gets the CPU. */
static gboolean
wait_for_paint (Typist *typist, guint n_paints, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add (timeout_ms, set_flag, &timed_out);

  while (typist->n_paints == n_paints && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (guard);
  return typist->n_paints > n_paints;
}

/* The frame clock's phases, connected after GTK's own handlers so that each marks the end of
 * GTK's work in that phase. */
static void
on_before_paint (GdkFrameClock *clock, Typist *typist)
{
  typist->moments[FRAME_START] = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock, Typist *typist)
{
  typist->moments[FRAME_LAID_OUT] = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, Typist *typist)
{
  typist->moments[FRAME_PAINTED] = g_get_monotonic_time ();
  typist->n_paints++;
}

static void
watch_frames (Typist *typist)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (typist->window));

  g_signal_connect_after (clock, "before-paint", G_CALLBACK (on_before_paint), typist);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), typist);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), typist);
}

static void
unwatch_frames (Typist *typist)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (typist->window));

  g_signal_handlers_disconnect_by_data (clock, typist);
}

/* Adds the spans of the tap just made, and the query it left, to @timings. */
static void
record_tap (Typist *typist, Timings *timings)
{
  KioskSearchPage *page = KIOSK_SEARCH_PAGE (kiosk_window_get_page (typist->window));

  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      double ms = (typist->moments[spans[i].to] - typist->moments[spans[i].from]) / 1000.0;
      g_array_append_val (timings->ms[i], ms);
    }
  g_ptr_array_add (timings->texts, g_strdup (kiosk_keypad_get_text (kiosk_search_page_get_keypad (page))));
}

/* Taps the keypad's @key, waits for the next painted frame, and records the tap in @timings. */
static void
tap (Typist *typist, const char *key, Timings *timings)
{
  GtkWidget *button = g_hash_table_lookup (typist->keys, key);
  guint n_paints = typist->n_paints;

  if (button == NULL)
    g_error ("the keypad has no key “%s”", key);
  typist->moments[TAP_START] = g_get_monotonic_time ();
  g_signal_emit_by_name (button, "clicked");
  typist->moments[TAP_CLICKED] = g_get_monotonic_time ();
  /* Every tap changes the query field, so a frame should follow by itself; if none does,
   * ask for one rather than wait forever, and count it. */
  if (!wait_for_paint (typist, n_paints, FRAME_TIMEOUT_MS))
    {
      typist->n_forced++;
      gtk_widget_queue_draw (GTK_WIDGET (typist->window));
      if (!wait_for_paint (typist, n_paints, FRAME_TIMEOUT_MS))
        g_error ("no frame painted after the key “%s”", key);
    }
  record_tap (typist, timings);
  run_for (PAUSE_BETWEEN_TAPS_MS);
}

/* Types @query key by key ('<' is backspace), then clears the field; every tap is timed. */
static void
type_query (Typist *typist, const char *query, Timings *timings)
{
  for (const char *c = query; *c != '\0'; c++)
    {
      char key[2] = { *c, '\0' };

      tap (typist, *c == ' ' ? "space" : *c == '<' ? "backspace" : key, timings);
    }
  tap (typist, "clear", timings);
}

/* Collects the keypad's buttons under @widget by their key. */
static void
collect_keys (GtkWidget *widget, GHashTable *keys)
{
  const char *key = GTK_IS_BUTTON (widget) ? kiosk_keypad_button_get_key (widget) : NULL;

  if (key != NULL)
    g_hash_table_insert (keys, g_strdup (key), widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_keys (c, keys);
}

/* Shows the real window on @store at the kiosk's size (it brings its own style), with search open. */
static KioskWindow *
open_search_window (ContentStore *store)
{
  KioskWindow *window;

  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  /* Emitted clicks are not input events: without this the attract screen would come mid-run. */
  kiosk_window_set_idle_seconds (window, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_for (SETTLE_MS);
  kiosk_window_open (window, "search");
  run_for (SETTLE_MS);
  return window;
}

/* Adds to @queries what people would type from the synthetic items' own words: the two most
 * frequent words together (results everywhere), a common one, a rare one, folded as typed. */
static void
add_vocabulary_queries (GPtrArray *queries)
{
  g_autofree char *pair = g_strconcat (bench_vocabulary_word (0), " ", bench_vocabulary_word (1), NULL);
  const char *words[] = { pair, bench_vocabulary_word (30), bench_vocabulary_word (1500) };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    g_ptr_array_add (queries, content_fold (words[i], -1, NULL));
}

static void
print_percentiles (const char *what, GArray *ms)
{
  double *v = (double *) ms->data;

  bench_sort (v, ms->len);
  printf ("  %-38s %8.1f ms %8.1f ms %8.1f ms\n", what, v[ms->len / 2], v[ms->len * 95 / 100], v[ms->len - 1]);
}

/* The searches of @texts alone, as the search page makes them, in ms each. */
static GArray *
time_searches_alone (ContentStore *store, GPtrArray *texts)
{
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));
  ContentSearchOptions options = { .lang = "vi", .kind = -1, .limit = KIOSK_MAX_RESULTS, .no_snippets = TRUE };

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(GPtrArray) results = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double t;

      results = content_store_search (store, g_ptr_array_index (texts, i), &options, NULL);
      t = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (ms, t);
    }
  return ms;
}

/* Prints the keystroke table for @timings (the first taps of the session in @first) and notes
 * what is over budget. */
static void
print_keystrokes (Timings *timings, Timings *first, GArray *search_ms)
{
  GArray *frame_ms = timings->ms[0];
  double p95, max;

  printf ("  %-38s %11s %11s %11s\n", "", "p50", "p95", "max");
  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    print_percentiles (spans[i].label, timings->ms[i]);
  print_percentiles ("the same searches alone (no GTK)", search_ms);
  printf ("  first taps of the session (\"thu\", clear), to the frame:");
  for (guint i = 0; i < first->ms[0]->len; i++)
    printf (" %.1f", g_array_index (first->ms[0], double, i));
  printf (" ms\n");
  printf ("  budget ≤ %.0f ms a keystroke; percentiles are of each row alone (they do not add up)\n",
          BUDGET_KEYSTROKE_MS);
  /* print_percentiles() sorted the rows. */
  p95 = g_array_index (frame_ms, double, frame_ms->len * 95 / 100);
  max = g_array_index (frame_ms, double, frame_ms->len - 1);
  note_over_budget (p95 > BUDGET_KEYSTROKE_MS, "keystroke to frame p95 %.1f ms > %.0f ms", p95, BUDGET_KEYSTROKE_MS);
  note_over_budget (max > BUDGET_KEYSTROKE_MS, "keystroke to frame max %.1f ms > %.0f ms", max, BUDGET_KEYSTROKE_MS);
}

/* Types every query twice on the real window over @db and prints the keystroke table. */
static void
bench_keystrokes (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) search_ms = NULL;
  g_auto(Timings) timings = { 0 }, first = { 0 };
  Typist typist = { .keys = keys };

  if (store == NULL)
    g_error ("%s: %s", db, error->message);
  for (gsize i = 0; i < G_N_ELEMENTS (typed_queries); i++)
    g_ptr_array_add (queries, g_strdup (typed_queries[i]));
  add_vocabulary_queries (queries);
  timings_init (&timings);
  timings_init (&first);

  typist.window = open_search_window (store);
  collect_keys (kiosk_window_get_page (typist.window), keys);
  watch_frames (&typist);
  /* The first keys of a session pay for cold caches (SQLite pages, glyphs): shown apart. */
  type_query (&typist, "thu", &first);
  for (int round = 0; round < 2; round++)
    for (guint i = 0; i < queries->len; i++)
      type_query (&typist, g_ptr_array_index (queries, i), &timings);
  unwatch_frames (&typist);
  search_ms = time_searches_alone (store, timings.texts);

  printf ("\nKeystroke → updated results, %u items: %u taps (%u queries typed twice, each then cleared)\n",
          count_items (db), timings.texts->len, queries->len);
  print_keystrokes (&timings, &first, search_ms);
  if (typist.n_forced > 0)
    printf ("  %u taps painted no frame by themselves within %d ms (a draw was queued)\n", typist.n_forced,
            FRAME_TIMEOUT_MS);
  gtk_window_destroy (GTK_WINDOW (typist.window));
  run_for (SETTLE_MS);
}

/* ---- Sound and pictures ------------------------------------------------------------------ */

/* This process's resident memory now, in kB (0 when /proc cannot say). */
static guint64
current_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kb = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  sscanf (line, "VmRSS: %" G_GUINT64_FORMAT, &kb);
  return kb;
}

/* Taps Listen on the page on top and returns the milliseconds until sound reached the sink
 * (-1 when none did within 5 s), then stops it. */
static double
time_listen (KioskWindow *window)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  KioskListenButton *listen = kiosk_listen_button_find (kiosk_window_get_page (window));
  guint before = kiosk_speaker_get_sounds_started (speaker);
  gint64 start, end;
  double ms = -1;

  if (listen == NULL)
    return -1;
  start = g_get_monotonic_time ();
  end = start + 5 * G_USEC_PER_SEC;
  kiosk_listen_button_toggle (listen);
  while (kiosk_speaker_get_sounds_started (speaker) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  if (kiosk_speaker_get_sounds_started (speaker) > before)
    ms = (g_get_monotonic_time () - start) / 1000.0;
  kiosk_speaker_stop (speaker);
  return ms;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_latencies (const char *what, GArray *ms)
{
  if (ms->len == 0)
    {
      printf ("  %-44s no sound reached the sink\n", what);
      note_over_budget (TRUE, "%s: no sound", what);
      return;
    }
  g_array_sort (ms, compare_doubles);
  printf ("  %-44s n=%-3u p50 %6.1f ms   max %6.1f ms\n", what, ms->len, g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, ms->len - 1));
  note_over_budget (g_array_index (ms, double, ms->len - 1) > BUDGET_FIRST_SOUND_MS,
                    "%s: tap to first sound max %.1f ms > %.0f ms", what, g_array_index (ms, double, ms->len - 1),
                    BUDGET_FIRST_SOUND_MS);
}

/* Opens each of @targets in turn (and taps Listen on it twice when @listen, adding the times to
 * first sound to @cold and @warm), going home after each. */
static void
open_all (KioskWindow *window, GPtrArray *targets, gboolean listen, GArray *cold, GArray *warm)
{
  for (guint i = 0; i < targets->len; i++)
    {
      kiosk_window_open (window, g_ptr_array_index (targets, i));
      run_for (20);
      if (listen)
        {
          double ms = time_listen (window);
          if (ms >= 0)
            g_array_append_val (cold, ms);
          ms = time_listen (window);
          if (ms >= 0)
            g_array_append_val (warm, ms);
        }
      kiosk_window_home (window);
    }
  run_for (SETTLE_MS);
}

/* Opens every page with pictures and listens to each on the real window over @db. */
static void
bench_media (const char *db)
{
  static const char *const kinds[] = { "product", "place", "notice", "law" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ContentStore) store = content_store_open (db, CONTENT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) topics = NULL;
  KioskWindow *window;
  guint64 start_kb, pictures_kb, control_kb, before_sound_kb, sound_kb;
  gint64 page_noise_kb, sound_added_kb;

  if (store == NULL)
    g_error ("%s: %s", db, error->message);
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      ContentKind kind;
      g_autoptr(GPtrArray) ids = NULL;

      content_kind_from_string (kinds[k], &kind);
      ids = content_store_list_kind (store, kind, NULL);
      for (guint i = 0; ids != NULL && i < ids->len && i < 20; i++)
        g_ptr_array_add (targets, g_strconcat ("item:", (char *) g_ptr_array_index (ids, i), NULL));
    }
  topics = content_store_list_topics (store, NULL);
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    g_ptr_array_add (targets, g_strconcat ("topic:", ((ContentTopic *) g_ptr_array_index (topics, i))->id, NULL));

  window = kiosk_window_new (NULL, store, "vi", "0000 000 000");
  kiosk_window_set_idle_seconds (window, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_for (SETTLE_MS);
  /* Every page is opened in rounds; building pages has a cost of its own (GTK's caches, the
   * software renderer's), so what sound adds is read against a round that only opens them. */
  start_kb = current_rss_kb ();
  open_all (window, targets, FALSE, NULL, NULL);
  pictures_kb = current_rss_kb ();
  open_all (window, targets, FALSE, NULL, NULL);
  open_all (window, targets, FALSE, NULL, NULL);
  control_kb = current_rss_kb ();
  open_all (window, targets, FALSE, NULL, NULL);
  before_sound_kb = current_rss_kb ();
  open_all (window, targets, TRUE, cold, warm);
  sound_kb = current_rss_kb ();

  printf ("\nSound and pictures, %u items: %u pages (items with pictures first, then every topic), sink %s\n",
          count_items (db), targets->len,
          g_getenv (KIOSK_SPEAKER_SINK_ENV) != NULL ? g_getenv (KIOSK_SPEAKER_SINK_ENV) : "(default)");
  print_latencies ("tap on Listen → first sound, nothing cached", cold);
  print_latencies ("tap on Listen → first sound, sentence cached", warm);
  page_noise_kb = (gint64) before_sound_kb - (gint64) control_kb;
  sound_added_kb = (gint64) sound_kb - (gint64) before_sound_kb - MAX (page_noise_kb, 0);
  printf ("  RSS %.1f MB with the window open; %+.1f MB after the first round of pages (pages built and\n"
          "  %.1f MB of pictures decoded and kept); a round of only opening pages adds %+.1f MB;\n"
          "  a round opening them and listening to each %+.1f MB: sound adds %+.1f MB\n",
          start_kb / 1024.0, ((double) pictures_kb - start_kb) / 1024.0, kiosk_pictures_kept_bytes () / 1e6,
          page_noise_kb / 1024.0, ((double) sound_kb - before_sound_kb) / 1024.0, sound_added_kb / 1024.0);
  note_over_budget (kiosk_pictures_kept_bytes () / 1e6 + sound_added_kb / 1024.0 > BUDGET_MEDIA_MB,
                    "sound and pictures add %.1f MB > %.0f MB",
                    kiosk_pictures_kept_bytes () / 1e6 + sound_added_kb / 1024.0, BUDGET_MEDIA_MB);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (SETTLE_MS);
}

/* Removes @dir and everything in it (the databases, their journals, the sound cache). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      /* The sound cache has folders of its own. */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* ---- Main --------------------------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("banlang-bench-kiosk-XXXXXX", NULL);
  g_autofree char *demo_db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *large_db = g_build_filename (dir, "large.db", NULL);
  g_autofree char *expired_db = g_build_filename (dir, "expired.db", NULL);
  g_autofree char *large_name = g_strdup_printf ("demo + %u", n);
  g_autofree char *expired_name = g_strdup_printf ("demo + %u expired", n);
  g_autoptr(GString) first_stderr = g_string_new (NULL);
  KioskStderr said = { first_stderr, 0 };
  g_autofree char *renderer = NULL;
  const char *only = g_getenv ("BENCH_KIOSK_ONLY");
  gboolean dropped;
  gint64 start_us;

  if (n == 0)
    {
      g_printerr ("usage: bench-kiosk [N]   (N synthetic items, default 10000)\n");
      return 2;
    }
  /* A run takes minutes: show each figure as it comes. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  /* Nothing synthesized before the run, and nothing to a loudspeaker unless asked. */
  {
    g_autofree char *cache = g_build_filename (dir, "cache", NULL);
    g_setenv (KIOSK_SPEAKER_CACHE_ENV, cache, TRUE);
    g_setenv (KIOSK_SPEAKER_SINK_ENV, "fakesink sync=true", FALSE);
  }
  kiosk_language_init ();
  gtk_init ();
  over_budget = g_string_new (NULL);
  bench_vocabulary_init (TRUE);

  renderer = describe_renderer ();
  start_us = g_get_monotonic_time ();
  make_demo_db (demo_db);
  make_large_db (dir, large_db, n);
  make_expired_copy (large_db, expired_db);
  printf ("Kiosk benchmark: budgets first frame ≤ %.0f ms, RSS ≤ %.0f MB, keystroke ≤ %.0f ms at 10k items\n"
          "renderer: %s\n"
          "databases built in %.1f s: the demo, and the demo + %u synthetic notices (zipf vocabulary),\n"
          "  in force (each one listed on the home page), and a copy with them expired\n\n",
          BUDGET_FIRST_FRAME_MS, BUDGET_RSS_MB, BUDGET_KEYSTROKE_MS, renderer,
          (g_get_monotonic_time () - start_us) / 1e6, n);

  /* BENCH_KIOSK_ONLY=media or keystrokes: those figures alone, for working on them. */
  if (g_strcmp0 (only, "media") == 0 || g_strcmp0 (only, "keystrokes") == 0)
    {
      if (g_str_equal (only, "media"))
        bench_media (large_db);
      else
        bench_keystrokes (large_db);
      printf ("\nOver budget:\n%s", over_budget->len > 0 ? over_budget->str : "  nothing\n");
      remove_dir (dir);
      return 0;
    }
  printf ("Start-up: spawn → first frame painted (banlang-kiosk --windowed), 1 cold + %d warm runs\n", WARM_RUNS);
  printf ("  %-20s %7s %11s %11s %11s %11s %11s\n", "database", "items", "cold", "warm p50", "warm max",
          "RSS max", "peak RSS");
  dropped = bench_startup ("demo", demo_db, &said);
  dropped = bench_startup (large_name, large_db, &said) && dropped;
  dropped = bench_startup (expired_name, expired_db, &said) && dropped;
  printf ("  %s\n", dropped ? "page cache dropped before each cold run"
                            : "page cache not dropped (no write access to /proc/sys/vm/drop_caches): "
                              "the cold run is only the first");
  if (said.n_runs > 0)
    printf ("  the kiosk wrote to stderr in %u runs; the first time:\n%s", said.n_runs, said.first->str);

  bench_keystrokes (large_db);
  bench_media (large_db);

  printf ("\nOver budget:\n%s", over_budget->len > 0 ? over_budget->str : "  nothing\n");
  g_string_free (over_budget, TRUE);
  remove_dir (dir);
  return 0;
}
