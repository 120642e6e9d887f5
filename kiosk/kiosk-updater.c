/* kiosk-updater.c: the kiosk's side of sync (see kiosk-updater.h).
 *
 * An update reaches the screen in two steps because the two have different constraints. Fetching
 * may take minutes on weak mobile data and can happen while someone reads: every round pulls
 * with SYNC_RECEIVE_FETCH_ONLY in a worker thread, which checks everything and leaves the files
 * in the cache beside the database. Applying changes what pages show, so it waits until nobody
 * is there (the window says when it is quiet); it is then a second pull, also in a worker
 * thread, that takes the files from the cache and fetches only the manifest and certificate
 * again (so a newer manifest published meanwhile is not applied a round late, and the cache is
 * emptied of what was applied). The window shows the new content once it is written.
 *
 * A hub that does not answer costs nothing but a message: the next round tries again, and the
 * kiosk serves what it holds. The status (hub, seq, expiry, stale) is read from the store after
 * every step, so a kiosk that hears nothing becomes stale on time, without a successful pull.
 *
 * Usage goes the other way: every round, the running totals counted in the store (items looked
 * at and searches that found nothing) since the day of the last batch the hub took are sealed
 * with the kiosk's own key and posted from a worker thread. Totals, not increments, so a batch
 * sent twice, or lost, never counts anything twice or loses anything.
 */
#include "config.h"
#include "kiosk-updater.h"

#include "content-replica.h"
#include "sync-error.h"
#include "sync-key.h"
#include "sync-usage.h"

struct _KioskUpdater {
  GObject parent_instance;

  ContentStore *store;
  char *trust;
  char *url;
  char *usage_url;
  SyncKey *usage_key;
  char *usage_state;      /* the batch numbers' state file, beside the key (KEY.batch) */
  char *usage_since;      /* the day of the last batch the hub took; NULL: send everything */

  guint timer;
  gboolean pulling;       /* a fetch-only pull runs */
  gboolean applying;      /* an apply (pull or folder) runs */
  gboolean posting;       /* a usage batch is on its way */
  gboolean pending;       /* something was fetched and waits for a quiet moment */
  gboolean quiet;
  SyncStatus *status;
  char *last_error;
};

enum { PROP_STALE = 1, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskUpdater, kiosk_updater, G_TYPE_OBJECT)

static void
kiosk_updater_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  if (id == PROP_STALE)
    g_value_set_boolean (value, kiosk_updater_get_stale (KIOSK_UPDATER (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
kiosk_updater_dispose (GObject *object)
{
  KioskUpdater *self = KIOSK_UPDATER (object);

  /* Work in a thread holds a reference until it ends: only the timer can outlive us. */
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kiosk_updater_parent_class)->dispose (object);
}

static void
kiosk_updater_finalize (GObject *object)
{
  KioskUpdater *self = KIOSK_UPDATER (object);

  g_clear_pointer (&self->usage_key, sync_key_free);
  g_clear_pointer (&self->status, sync_status_free);
  g_free (self->trust);
  g_free (self->url);
  g_free (self->usage_url);
  g_free (self->usage_state);
  g_free (self->usage_since);
  g_free (self->last_error);
  G_OBJECT_CLASS (kiosk_updater_parent_class)->finalize (object);
}

static void
kiosk_updater_class_init (KioskUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kiosk_updater_get_property;
  object_class->dispose = kiosk_updater_dispose;
  object_class->finalize = kiosk_updater_finalize;
  props[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  /* The store's content changed: pages built before show old content. */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_updater_init (KioskUpdater *self)
{
}

/* Reads the store's status again, telling listeners when staleness changed. */
static void
refresh_status (KioskUpdater *self)
{
  gboolean was_stale = kiosk_updater_get_stale (self);

  g_clear_pointer (&self->status, sync_status_free);
  self->status = sync_status_read (self->store, NULL);
  if (kiosk_updater_get_stale (self) != was_stale)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STALE]);
}

KioskUpdater *
kiosk_updater_new (ContentStore *store,
                   const char   *trust,
                   const char   *url,
                   const char   *usage_url,
                   const char   *usage_key,
                   GError      **error)
{
  g_autoptr(SyncKey) root = sync_key_load (trust, error);
  g_autoptr(SyncKey) key = NULL;
  KioskUpdater *self;

  g_return_val_if_fail ((usage_url == NULL) == (usage_key == NULL), NULL);
  if (root == NULL || (usage_key != NULL && (key = sync_key_load (usage_key, error)) == NULL))
    return NULL;
  if (key != NULL && !sync_key_has_secret (key))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "%s: not a secret key: usage batches "
                   "are signed with the kiosk's own secret key (banlang-sync keygen --name kiosk)", usage_key);
      return NULL;
    }
  self = g_object_new (KIOSK_TYPE_UPDATER, NULL);
  self->store = g_object_ref (store);
  self->trust = g_strdup (trust);
  self->url = g_strdup (url);
  self->usage_url = g_strdup (usage_url);
  self->usage_key = g_steal_pointer (&key);
  self->usage_state = usage_key != NULL ? g_strconcat (usage_key, ".batch", NULL) : NULL;
  refresh_status (self);
  return self;
}

static void
set_last_error (KioskUpdater *self, const GError *error)
{
  g_free (self->last_error);
  self->last_error = error != NULL ? g_strdup (error->message) : NULL;
  if (error != NULL)
    g_message ("updates: %s", error->message);
}

/* What every pull and apply does at its end, in the main thread. */
static void
finish_step (KioskUpdater *self, const SyncReceiveStats *stats, const GError *error)
{
  set_last_error (self, error);
  refresh_status (self);
  if (error == NULL && stats->updated)
    {
      g_message ("updates: seq %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT ", %u records",
                 stats->from_seq, stats->to_seq, stats->records);
      g_signal_emit (self, signals[APPLIED], 0);
    }
}

static void
on_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KioskUpdater) self = user_data;
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats = { 0 };

  sync_receiver_pull_finish (result, &stats, &error);
  self->applying = FALSE;
  /* Failed, it stays pending: the next round fetches again and a quiet moment retries. */
  if (error == NULL)
    self->pending = FALSE;
  finish_step (self, &stats, error);
}

/* Applies what waits, if anything does and nobody is there. */
static void
maybe_apply (KioskUpdater *self)
{
  if (!self->pending || !self->quiet || self->pulling || self->applying)
    return;
  self->applying = TRUE;
  sync_receiver_pull_async (content_store_get_path (self->store), self->trust, self->url,
                            SYNC_RECEIVE_DEFAULT, NULL, on_applied, g_object_ref (self));
}

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KioskUpdater) self = user_data;
  g_autoptr(GError) error = NULL;
  SyncReceiveStats stats = { 0 };

  sync_receiver_pull_finish (result, &stats, &error);
  self->pulling = FALSE;
  if (error == NULL)
    self->pending = stats.pending;
  finish_step (self, &stats, error);
  maybe_apply (self);
}

/* ---- usage batches ---- */

static void
post_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KioskUpdater *self = source;
  GError *error = NULL;

  if (sync_usage_post (task_data, self->usage_url, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_posted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KioskUpdater *self = KIOSK_UPDATER (source);
  g_autofree char *day = user_data;
  g_autoptr(GError) error = NULL;

  self->posting = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The totals go again next round, in a batch with a newer number. */
      g_message ("usage: %s", error->message);
      return;
    }
  /* Days before this one were final when the hub took them. */
  g_free (self->usage_since);
  self->usage_since = g_steal_pointer (&day);
}

/* Adds the store's searches that found nothing from @since to @batch. */
static gboolean
add_misses (KioskUpdater *self, SyncUsageBatch *batch, const char *since, GError **error)
{
  g_autoptr(JsonNode) misses = content_store_list_misses (self->store, since, error);
  JsonArray *rows;

  if (misses == NULL)
    return FALSE;
  rows = json_node_get_array (misses);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      sync_usage_batch_add_miss (batch, json_object_get_string_member (row, "query"),
                                 json_object_get_string_member (row, "day"),
                                 json_object_get_string_member (row, "lang"),
                                 json_object_get_string_member (row, "channel"),
                                 json_object_get_int_member (row, "count"));
    }
  return TRUE;
}

/* Seals the totals counted since the last batch the hub took and posts them in a thread. The
 * store is read here, in the main thread, where it lives: two small queries. */
static void
post_usage (KioskUpdater *self)
{
  g_autofree char *today = content_store_today (self->store, NULL);
  g_autoptr(SyncUsageBatch) batch = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  gint64 number;

  if (!sync_usage_next_number (self->usage_state, &number, &error))
    {
      g_message ("usage: %s", error->message);
      return;
    }
  batch = sync_usage_batch_new (number);
  if (!sync_usage_batch_add_usage (batch, self->store, self->usage_since, &error)
      || !add_misses (self, batch, self->usage_since, &error))
    {
      g_message ("usage: %s", error->message);
      return;
    }
  if (json_array_get_length (sync_usage_batch_get_rows (batch)) == 0
      && json_array_get_length (sync_usage_batch_get_misses (batch)) == 0)
    return;
  sealed = sync_usage_batch_seal (batch, self->usage_key);
  self->posting = TRUE;
  task = g_task_new (self, NULL, on_posted, g_steal_pointer (&today));
  g_task_set_source_tag (task, post_usage);
  g_task_set_task_data (task, g_steal_pointer (&sealed), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, post_thread);
}

/* ---- rounds ---- */

void
kiosk_updater_run (KioskUpdater *self)
{
  g_return_if_fail (KIOSK_IS_UPDATER (self));
  /* Expiry passes whether or not the hub answers. */
  refresh_status (self);
  if (self->url != NULL && !self->pulling && !self->applying)
    {
      self->pulling = TRUE;
      sync_receiver_pull_async (content_store_get_path (self->store), self->trust, self->url,
                                SYNC_RECEIVE_FETCH_ONLY, NULL, on_fetched, g_object_ref (self));
    }
  if (self->usage_url != NULL && !self->posting)
    post_usage (self);
}

static gboolean
on_timer (gpointer user_data)
{
  kiosk_updater_run (KIOSK_UPDATER (user_data));
  return G_SOURCE_CONTINUE;
}

void
kiosk_updater_start (KioskUpdater *self, guint interval)
{
  g_return_if_fail (KIOSK_IS_UPDATER (self) && interval > 0);
  g_clear_handle_id (&self->timer, g_source_remove);
  self->timer = g_timeout_add_seconds (interval, on_timer, self);
  kiosk_updater_run (self);
}

void
kiosk_updater_set_quiet (KioskUpdater *self, gboolean quiet)
{
  g_return_if_fail (KIOSK_IS_UPDATER (self));
  self->quiet = quiet;
  maybe_apply (self);
}

gboolean
kiosk_updater_is_busy (KioskUpdater *self)
{
  return self->pulling || self->applying || self->posting;
}

gboolean
kiosk_updater_get_pending (KioskUpdater *self)
{
  return self->pending;
}

const SyncStatus *
kiosk_updater_get_status (KioskUpdater *self)
{
  return self->status;
}

gboolean
kiosk_updater_get_stale (KioskUpdater *self)
{
  return self->status != NULL && self->status->stale;
}

const char *
kiosk_updater_get_last_error (KioskUpdater *self)
{
  return self->last_error;
}

/* ---- a USB stick ---- */

static void
apply_dir_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KioskUpdater *self = source;
  g_autoptr(GError) error = NULL;
  /* A connection of the thread's own: a store is used by one thread at a time. */
  g_autoptr(ContentStore) store = content_store_open (content_store_get_path (self->store),
                                                      CONTENT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SyncReceiver) receiver = NULL;
  g_autofree SyncReceiveStats *stats = g_new0 (SyncReceiveStats, 1);

  if (store != NULL && (receiver = sync_receiver_new (store, self->trust, &error)) != NULL
      && sync_receiver_apply_dir (receiver, task_data, stats, &error))
    g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
kiosk_updater_apply_dir_async (KioskUpdater        *self,
                               const char          *dir,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kiosk_updater_apply_dir_async);
  /* Once started, its result is what happened to the store, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->pulling || self->applying)
    {
      g_task_return_new_error (task, SYNC_ERROR, SYNC_ERROR_BUSY,
                               "an update is being fetched or applied: try again in a minute");
      return;
    }
  self->applying = TRUE;
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, apply_dir_thread);
}

gboolean
kiosk_updater_apply_dir_finish (KioskUpdater      *self,
                                GAsyncResult      *result,
                                SyncReceiveStats  *stats,
                                GError           **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree SyncReceiveStats *out = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  out = g_task_propagate_pointer (G_TASK (result), &local);
  /* A refusal for being busy ran nothing, and must not end the apply that is running. */
  if (!g_error_matches (local, SYNC_ERROR, SYNC_ERROR_BUSY))
    {
      self->applying = FALSE;
      finish_step (self, out, local);
    }
  if (out == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (stats != NULL)
    *stats = *out;
  return TRUE;
}

/* Whether @dir holds a hub's site. */
static gboolean
is_site (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *certificate = g_build_filename (dir, "certificate.json", NULL);

  return g_file_test (manifest, G_FILE_TEST_IS_REGULAR) && g_file_test (certificate, G_FILE_TEST_IS_REGULAR);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The first folder at or below @dir (when @self_too) holding a site, @depth levels down. */
static char *
find_site (const char *dir, gboolean self_too, guint depth)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (self_too && is_site (dir))
    return g_strdup (dir);
  if (depth == 0 || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      char *found = g_file_test (child, G_FILE_TEST_IS_DIR) ? find_site (child, TRUE, depth - 1) : NULL;
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
kiosk_updater_find_site (const char *root)
{
  /* The root itself is where sticks are mounted, not a stick. */
  return find_site (root, FALSE, 3);
}
