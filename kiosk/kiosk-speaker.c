/* kiosk-speaker.c: the kiosk's one voice.
 *
 * GTK 4.8's GStreamer media backend cannot play a GtkMediaFile made from a GInputStream, and
 * blobs live in content.db, so sound is played from files: a cache holds each recording played
 * (written once from the store, named by its sha256) and each sentence synthesized (named by
 * the sha256 of voice and words, so a page heard twice is synthesized once). Playback drives
 * GStreamer's playbin directly, which lets tests send sound to a fakesink or a file instead of
 * the sound card (KIOSK_SPEAKER_SINK_ENV) and lets the kiosk know when sound first reaches the
 * sink, the moment a person hears it.
 *
 * What is said is a list of parts, each a recording or text with its own voice (a page shows
 * pieces in several languages). Text is spoken sentence by sentence: the first is synthesized at
 * once, on the main thread (espeak-ng takes milliseconds for a sentence), and plays while a worker
 * thread synthesizes the rest; playbin's about-to-finish takes each next file without a gap.
 * espeak-ng is one global engine, so every synthesis holds one lock.
 *
 * The cache is bounded (kiosk_speaker_set_cache_limit): every use of a file stamps its
 * modification time, and when a new file takes the cache over its limit, the files used longest
 * ago go first, down to three quarters of it (so that one sentence more does not scan the
 * folder again). A file used in the last minute stays even then, and so do the file playing and
 * those queued after it, however long ago they were synthesized: a long page can take more than
 * a minute to synthesize, and playbin cannot play a file that is gone. A file half written when
 * the kiosk stopped (its temporary name) goes once it is a minute old: no writer is still at it.
 *
 * Signals: "started" when sound first reaches the sink, "finished" when it stops (at the end
 * or stopped).
 */
#include "config.h"
#include "kiosk-speaker.h"
#include "kiosk-speech-text.h"

#include "content-error.h"
#include "content-media.h"
#include "content-store-media.h"

#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <gst/gst.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

struct _KioskSpeaker {
  GObject parent_instance;

  char *cache_dir;
  guint64 cache_limit;      /* bytes */
  GstElement *playbin;      /* made at the first sound: a kiosk nobody listens to pays nothing */
  guint bus_watch;
  gpointer owner;
  char *last_file;
  guint sounds_started;
  gboolean heard;           /* sound reached the sink since the last play */

  /* Shared with GStreamer's streaming thread (about-to-finish) and the synthesis thread. */
  GMutex lock;
  char *playing;            /* the path playbin was given last */
  GPtrArray *files;         /* every file of this sound so far, in order (for tests) */
  GQueue next_files;        /* paths still to play, in order */
  guint generation;         /* bumped by every play and stop: late synthesis is dropped */
  gboolean synthesizing;    /* sentences still to come */
  gboolean starved;         /* playback ended before the next sentence was ready */
  gint probe_armed;         /* the sink's next buffer is the first sound of a play */
  GThreadPool *synthesis;   /* one thread: the sentences after the first */
};

enum { STARTED, FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KioskSpeaker, kiosk_speaker, G_TYPE_OBJECT)

static void speak_rest (gpointer data, gpointer user_data);

/* A file used this recently is never pruned: it may be the sentence playing, or the next. */
#define CACHE_KEEP_RECENT_S 60

/* Guards the cache's size and its files: pruning may run on the main thread or the synthesis
 * thread, and a file found in the cache is stamped under it, so no prune removes it between. */
static GMutex cache_lock;
static gboolean cache_size_known;
static guint64 cache_size;

/* Long enough for the first frame to be painted before GStreamer and espeak-ng start. */
#define START_DELAY_MS 1500

static GMutex espeak_lock;
static gboolean espeak_ready;
static int espeak_rate;

static gboolean ensure_espeak (GError **error);

static void
kiosk_speaker_finalize (GObject *object)
{
  KioskSpeaker *self = KIOSK_SPEAKER (object);

  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_clear_object (&self->playbin);
  g_thread_pool_free (self->synthesis, TRUE, TRUE);
  g_queue_clear_full (&self->next_files, g_free);
  g_free (self->playing);
  g_ptr_array_unref (self->files);
  g_mutex_clear (&self->lock);
  g_free (self->cache_dir);
  g_free (self->last_file);
  G_OBJECT_CLASS (kiosk_speaker_parent_class)->finalize (object);
}

static void
kiosk_speaker_class_init (KioskSpeakerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kiosk_speaker_finalize;
  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kiosk_speaker_init (KioskSpeaker *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->next_files);
  self->files = g_ptr_array_new_with_free_func (g_free);
  const char *cache = g_getenv (KIOSK_SPEAKER_CACHE_ENV);

  self->cache_dir = cache != NULL && *cache != '\0' ? g_strdup (cache)
                    : g_build_filename (g_get_user_cache_dir (), "banlang-kiosk", NULL);
  self->cache_limit = KIOSK_SPEAKER_CACHE_LIMIT;
  self->synthesis = g_thread_pool_new (speak_rest, NULL, 1, FALSE, NULL);
}

static void
init_gstreamer_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  (void) source;
  (void) task_data;
  (void) cancellable;
  gst_init (NULL, NULL);
  /* The cache is counted here, so that the first sentence written does not wait for it. */
  kiosk_speaker_get_cache_size (kiosk_speaker_get_default ());
  g_mutex_lock (&espeak_lock);
  if (!ensure_espeak (NULL))
    g_debug ("espeak-ng could not start: only recordings will play");
  g_mutex_unlock (&espeak_lock);
  g_task_return_boolean (task, TRUE);
}

static gboolean
start_in_thread (gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  (void) user_data;
  g_task_run_in_thread (task, init_gstreamer_thread);
  return G_SOURCE_REMOVE;
}

KioskSpeaker *
kiosk_speaker_get_default (void)
{
  static KioskSpeaker *speaker;

  if (speaker == NULL)
    {
      speaker = g_object_new (KIOSK_TYPE_SPEAKER, NULL);
      /* GStreamer reads its plugin registry and espeak-ng its data when they start: done in a
       * thread a moment after start-up, so that neither the kiosk's first frame nor the first
       * tap on Listen waits (a tap before then starts them itself). */
      g_timeout_add (START_DELAY_MS, start_in_thread, NULL);
    }
  return speaker;
}

static char *
cache_path (KioskSpeaker *self, const char *folder, const char *name, GError **error)
{
  g_autofree char *dir = g_build_filename (self->cache_dir, folder, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

typedef struct {
  char *path;
  guint64 size;
  gint64 used;   /* the modification time, in nanoseconds: when it was last used */
  gboolean partial;
} CacheFile;

static void
cache_file_free (CacheFile *file)
{
  g_free (file->path);
  g_free (file);
}

static int
by_oldest_use (gconstpointer a, gconstpointer b)
{
  const CacheFile *x = *(CacheFile *const *) a, *y = *(CacheFile *const *) b;

  return x->used < y->used ? -1 : x->used > y->used;
}

/* Appends the files of the cache's @folder to @files: a name with a second dot is partial, a
 * file being written (or left half written). */
static void
list_cache_folder (KioskSpeaker *self, const char *folder, GPtrArray *files)
{
  g_autofree char *dir = g_build_filename (self->cache_dir, folder, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      const char *dot = strchr (entry, '.');
      struct stat st;
      CacheFile *file;

      if (dot == NULL)
        continue;
      file = g_new0 (CacheFile, 1);
      file->partial = strchr (dot + 1, '.') != NULL;
      file->path = g_build_filename (dir, entry, NULL);
      if (stat (file->path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          cache_file_free (file);
          continue;
        }
      file->size = (guint64) st.st_size;
      file->used = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      g_ptr_array_add (files, file);
    }
}

static gboolean
remove_cache_file (const CacheFile *file)
{
  if (g_unlink (file->path) == 0)
    return TRUE;
  g_warning ("sound cache: cannot remove %s: %s", file->path, g_strerror (errno));
  return FALSE;
}

/* The files the speaker has yet to open: the one given to playbin and those queued after it. */
static GHashTable *
files_to_play (KioskSpeaker *self)
{
  GHashTable *paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->playing != NULL)
    g_hash_table_add (paths, g_strdup (self->playing));
  for (GList *l = self->next_files.head; l != NULL; l = l->next)
    g_hash_table_add (paths, g_strdup (l->data));
  return paths;
}

/* Called with cache_lock held (then taking self->lock: always in that order): counts the
 * complete files of the cache, removes partial ones a minute old, and removes the files used
 * longest ago until it holds three quarters of its limit, sparing those used in the last minute
 * and those to play. */
static void
prune_cache (KioskSpeaker *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) cache_file_free);
  g_autoptr(GHashTable) to_play = files_to_play (self);
  gint64 recent = (g_get_real_time () - CACHE_KEEP_RECENT_S * G_USEC_PER_SEC) * 1000;
  guint64 target = self->cache_limit / 4 * 3;

  list_cache_folder (self, "media", files);
  list_cache_folder (self, "speech", files);
  g_ptr_array_sort (files, by_oldest_use);
  cache_size = 0;
  for (guint i = 0; i < files->len; i++)
    {
      CacheFile *file = g_ptr_array_index (files, i);

      if (!file->partial)
        cache_size += file->size;
      else if (file->used < recent)
        remove_cache_file (file);
    }
  cache_size_known = TRUE;
  if (cache_size <= self->cache_limit)
    return;
  for (guint i = 0; i < files->len && cache_size > target; i++)
    {
      CacheFile *file = g_ptr_array_index (files, i);

      if (file->used >= recent)
        break;
      if (!file->partial && !g_hash_table_contains (to_play, file->path) && remove_cache_file (file))
        cache_size -= file->size;
    }
}

/* A file of @size bytes was just written into the cache: prune it when it went over its limit. */
static void
cache_grew (KioskSpeaker *self, guint64 size)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  cache_size += size;
  if (!cache_size_known || cache_size > self->cache_limit)
    prune_cache (self);
}

/* Stamps the cache file @path as used now, the last to be pruned; FALSE when it is not there
 * (never written, or pruned a moment ago): then it is not cached. */
static gboolean
cache_use (const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  if (g_utime (path, NULL) == 0)
    return TRUE;
  if (errno != ENOENT)
    g_debug ("sound cache: cannot stamp %s: %s", path, g_strerror (errno));
  return FALSE;
}

void
kiosk_speaker_set_cache_limit (KioskSpeaker *self, guint64 bytes)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  self->cache_limit = bytes;
  prune_cache (self);
}

guint64
kiosk_speaker_get_cache_size (KioskSpeaker *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache_lock);

  if (!cache_size_known)
    prune_cache (self);
  return cache_size;
}

char *
kiosk_speaker_cache_blob (KioskSpeaker *self, ContentStore *store, const char *sha256, GError **error)
{
  g_autoptr(ContentMedia) media = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  if (!content_media_is_sha256 (sha256))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "not a sha256: %s", sha256);
      return NULL;
    }
  /* Blobs never change (their name is their hash): a file already there is the blob. */
  dir = g_build_filename (self->cache_dir, "media", NULL);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (entry, sha256) && entry[64] == '.' && strchr (entry + 65, '.') == NULL)
      {
        path = g_build_filename (dir, entry, NULL);
        if (cache_use (path))
          return g_steal_pointer (&path);
        g_clear_pointer (&path, g_free);
      }
  media = content_store_get_media (store, sha256, error);
  if (media == NULL)
    return NULL;
  name = content_media_file_name (media);
  path = cache_path (self, "media", name, error);
  if (path == NULL || !g_file_set_contents (path, g_bytes_get_data (media->bytes, NULL),
                                            (gssize) g_bytes_get_size (media->bytes), error))
    return NULL;
  cache_grew (self, g_bytes_get_size (media->bytes));
  return g_steal_pointer (&path);
}

/* Where espeak-ng's samples go: straight into the file, so that a long sentence never sits in
 * memory whole (freed buffers would stay in the synthesis thread's malloc arena). */
typedef struct {
  FILE *file;
  guint32 bytes;
  gboolean failed;
} SampleSink;

/* espeak-ng hands synthesized samples here, in its own call stack. */
static int
on_samples (short *wav, int n_samples, espeak_EVENT *events)
{
  SampleSink *sink = events->user_data;

  if (wav != NULL && n_samples > 0 && !sink->failed)
    {
      if (fwrite (wav, sizeof (short), (size_t) n_samples, sink->file) != (size_t) n_samples)
        sink->failed = TRUE;
      sink->bytes += (guint32) n_samples * sizeof (short);
    }
  return 0;
}

/* Called with espeak_lock held. */
static gboolean
ensure_espeak (GError **error)
{
  espeak_ng_ERROR_CONTEXT context = NULL;
  espeak_ng_STATUS status;

  if (espeak_ready)
    return TRUE;
  espeak_ng_InitializePath (NULL);
  status = espeak_ng_Initialize (&context);
  if (status == ENS_OK)
    status = espeak_ng_InitializeOutput (ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
  if (status != ENS_OK)
    {
      char message[512];
      espeak_ng_GetStatusCodeMessage (status, message, sizeof message);
      espeak_ng_ClearErrorContext (&context);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "espeak-ng: %s", message);
      return FALSE;
    }
  espeak_SetSynthCallback (on_samples);
  espeak_rate = espeak_ng_GetSampleRate ();
  espeak_ready = TRUE;
  return TRUE;
}

/* A RIFF WAV header for 16-bit mono samples at @rate. */
static void
write_wav_header (guint8 header[44], guint32 data_bytes, guint32 rate)
{
  guint32 v;

  memcpy (header, "RIFF", 4);
  v = GUINT32_TO_LE (36 + data_bytes); memcpy (header + 4, &v, 4);
  memcpy (header + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16); memcpy (header + 16, &v, 4);
  header[20] = 1; header[21] = 0;   /* PCM */
  header[22] = 1; header[23] = 0;   /* mono */
  v = GUINT32_TO_LE (rate); memcpy (header + 24, &v, 4);
  v = GUINT32_TO_LE (rate * 2); memcpy (header + 28, &v, 4);
  header[32] = 2; header[33] = 0;   /* bytes per frame */
  header[34] = 16; header[35] = 0;  /* bits per sample */
  memcpy (header + 36, "data", 4);
  v = GUINT32_TO_LE (data_bytes); memcpy (header + 40, &v, 4);
}

char *
kiosk_speaker_synthesize (KioskSpeaker *self, const char *text, const char *voice, GError **error)
{
  g_autofree char *key = g_strconcat (voice, "\n", text, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strconcat (hash, ".wav", NULL);
  g_autofree char *path = cache_path (self, "speech", name, error);
  g_autofree char *partial = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  guint8 header[44] = { 0 };
  SampleSink sink = { 0 };
  espeak_ng_STATUS status;
  int fd;

  if (path == NULL)
    return NULL;
  if (cache_use (path))
    return g_steal_pointer (&path);
  locker = g_mutex_locker_new (&espeak_lock);
  if (!ensure_espeak (error))
    return NULL;
  status = espeak_ng_SetVoiceByName (voice);
  if (status != ENS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "espeak-ng has no voice %s", voice);
      return NULL;
    }
  /* Written beside its name and renamed when whole: a file in the cache is always complete. */
  partial = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp (partial);
  sink.file = fd >= 0 ? fdopen (fd, "wb") : NULL;
  if (sink.file == NULL || fwrite (header, 1, sizeof header, sink.file) != sizeof header)
    {
      int saved = errno;
      if (sink.file != NULL)
        fclose (sink.file);
      else if (fd >= 0)
        close (fd);
      g_unlink (partial);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", partial, g_strerror (saved));
      return NULL;
    }
  status = espeak_ng_Synthesize (text, strlen (text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &sink);
  if (status == ENS_OK)
    status = espeak_ng_Synchronize ();
  g_clear_pointer (&locker, g_mutex_locker_free);
  write_wav_header (header, sink.bytes, (guint32) espeak_rate);
  if (status != ENS_OK || sink.failed || fseek (sink.file, 0, SEEK_SET) != 0 ||
      fwrite (header, 1, sizeof header, sink.file) != sizeof header)
    sink.failed = TRUE;
  if (fclose (sink.file) != 0 || sink.failed || g_rename (partial, path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "espeak-ng could not speak with voice %s into %s", voice, path);
      return NULL;
    }
  cache_grew (self, sizeof header + sink.bytes);
  return g_steal_pointer (&path);
}

static gboolean
emit_started (gpointer user_data)
{
  KioskSpeaker *self = user_data;

  if (self->owner != NULL && !self->heard)
    {
      self->heard = TRUE;
      self->sounds_started++;
      g_signal_emit (self, signals[STARTED], 0);
    }
  return G_SOURCE_REMOVE;
}

/* On the streaming thread: the first buffer reaching the sink is the first sound heard. */
static GstPadProbeReturn
on_sink_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  KioskSpeaker *self = user_data;

  (void) pad;
  (void) info;
  if (g_atomic_int_compare_and_exchange (&self->probe_armed, TRUE, FALSE))
    g_main_context_invoke (NULL, emit_started, self);
  return GST_PAD_PROBE_OK;
}

/* On the streaming thread: the next sentence follows without a gap when it is ready. */
static void
on_about_to_finish (GstElement *playbin, gpointer user_data)
{
  KioskSpeaker *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  char *path = g_queue_pop_head (&self->next_files);

  if (path != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_object_set (playbin, "uri", uri, NULL);
      g_free (self->playing);
      self->playing = path;
    }
}

static void
start_file (KioskSpeaker *self, const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  g_free (self->last_file);
  self->last_file = g_strdup (path);
  g_mutex_lock (&self->lock);
  g_free (self->playing);
  self->playing = g_strdup (path);
  g_mutex_unlock (&self->lock);
  gst_element_set_state (self->playbin, GST_STATE_READY);
  if (!self->heard)
    g_atomic_int_set (&self->probe_armed, TRUE);
  g_object_set (self->playbin, "uri", uri, NULL);
  gst_element_set_state (self->playbin, GST_STATE_PLAYING);
}

/* Starts @path, the first file of a sound. */
static void
start_first_file (KioskSpeaker *self, gpointer owner, const char *path)
{
  self->owner = owner;
  self->heard = FALSE;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->files, g_strdup (path));
  g_mutex_unlock (&self->lock);
  start_file (self, path);
}

static void
finish (KioskSpeaker *self)
{
  gboolean was_playing = self->owner != NULL;

  g_mutex_lock (&self->lock);
  self->generation++;
  self->synthesizing = FALSE;
  self->starved = FALSE;
  g_queue_clear_full (&self->next_files, g_free);
  g_clear_pointer (&self->playing, g_free);
  g_ptr_array_set_size (self->files, 0);
  g_mutex_unlock (&self->lock);
  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  self->owner = NULL;
  if (was_playing)
    g_signal_emit (self, signals[FINISHED], 0);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  KioskSpeaker *self = user_data;

  (void) bus;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      gst_message_parse_error (message, &error, NULL);
      g_warning ("sound: %s", error->message);
      finish (self);
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      g_autofree char *next = NULL;
      gboolean waiting;

      g_mutex_lock (&self->lock);
      next = g_queue_pop_head (&self->next_files);
      waiting = next == NULL && self->synthesizing;
      self->starved = waiting;
      g_mutex_unlock (&self->lock);
      if (next != NULL)
        start_file (self, next);
      else if (!waiting)
        finish (self);
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_STREAM_START)
    {
      /* about-to-finish moved on to the next file. */
      g_autofree char *uri = NULL;
      g_object_get (self->playbin, "current-uri", &uri, NULL);
      if (uri != NULL)
        {
          g_free (self->last_file);
          self->last_file = g_filename_from_uri (uri, NULL, NULL);
        }
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
ensure_playbin (KioskSpeaker *self)
{
  const char *description = g_getenv (KIOSK_SPEAKER_SINK_ENV);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstPad) pad = NULL;
  GstElement *sink;

  if (self->playbin != NULL)
    return TRUE;
  /* Waits for the thread's gst_init() when it has not finished yet (GStreamer locks it). */
  gst_init (NULL, NULL);
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      g_warning ("sound: GStreamer's playbin is missing (gstreamer1.0-plugins-base)");
      return FALSE;
    }
  gst_object_ref_sink (self->playbin);
  if (description != NULL && *description != '\0')
    {
      g_autoptr(GError) error = NULL;
      sink = gst_parse_bin_from_description (description, TRUE, &error);
      if (sink == NULL)
        g_warning ("sound: %s “%s”: %s", KIOSK_SPEAKER_SINK_ENV, description, error->message);
    }
  else
    sink = gst_element_factory_make ("autoaudiosink", NULL);
  if (sink == NULL)
    sink = gst_element_factory_make ("fakesink", NULL);
  pad = gst_element_get_static_pad (sink, "sink");
  if (pad != NULL)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_sink_buffer, self, NULL);
  /* Sound only: no window for video, no subtitles. */
  g_object_set (self->playbin, "audio-sink", sink, "flags", 0x2 /* audio */, NULL);
  g_signal_connect (self->playbin, "about-to-finish", G_CALLBACK (on_about_to_finish), self);
  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  return TRUE;
}

void
kiosk_speaker_play_file (KioskSpeaker *self, gpointer owner, const char *path)
{
  kiosk_speaker_stop (self);
  if (!ensure_playbin (self))
    return;
  start_first_file (self, owner, path);
}

gboolean
kiosk_speaker_greet (KioskSpeaker *self, ContentStore *store, const char *lang, gpointer owner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) greetings = content_store_list_greetings (store, &error);
  JsonArray *array = greetings != NULL && JSON_NODE_HOLDS_ARRAY (greetings) ? json_node_get_array (greetings) : NULL;

  if (greetings == NULL)
    g_warning ("greetings: %s", error->message);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *greeting = json_array_get_object_element (array, i);
      g_autofree char *path = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (greeting, "lang", NULL), lang) != 0)
        continue;
      path = kiosk_speaker_cache_blob (self, store, json_object_get_string_member (greeting, "sha256"), &error);
      if (path == NULL)
        {
          g_warning ("greeting in %s: %s", lang, error->message);
          return FALSE;
        }
      kiosk_speaker_play_file (self, owner, path);
      return TRUE;
    }
  return FALSE;
}

KioskSpeakerPart *
kiosk_speaker_part_new_text (const char *lang, const char *voice, const char *text)
{
  KioskSpeakerPart *part = g_new0 (KioskSpeakerPart, 1);

  part->lang = g_strdup (lang);
  part->voice = g_strdup (voice);
  part->text = g_strdup (text);
  return part;
}

KioskSpeakerPart *
kiosk_speaker_part_new_file (const char *lang, const char *path)
{
  KioskSpeakerPart *part = g_new0 (KioskSpeakerPart, 1);

  part->lang = g_strdup (lang);
  part->file = g_strdup (path);
  return part;
}

void
kiosk_speaker_part_free (KioskSpeakerPart *part)
{
  g_free (part->lang);
  g_free (part->voice);
  g_free (part->text);
  g_free (part->file);
  g_free (part);
}

typedef struct {
  KioskSpeaker *self;
  GPtrArray *parts;       /* the sentences and recordings after the first */
  guint generation;
} SpeakRest;

static void
speak_rest_free (SpeakRest *rest)
{
  g_ptr_array_unref (rest->parts);
  g_free (rest);
}

typedef struct {
  KioskSpeaker *self;
  char *path;             /* NULL: synthesis is over */
  guint generation;
} SentenceReady;

/* On the main thread: a starved playback goes on with the sentence that has come, or ends when
 * no more will. */
static gboolean
on_sentence_ready (gpointer user_data)
{
  SentenceReady *ready = user_data;
  KioskSpeaker *self = ready->self;
  g_autofree char *next = NULL;
  gboolean ended = FALSE;

  g_mutex_lock (&self->lock);
  if (ready->generation == self->generation && self->starved)
    {
      next = g_queue_pop_head (&self->next_files);
      ended = next == NULL && !self->synthesizing;
      self->starved = next == NULL && !ended;
    }
  g_mutex_unlock (&self->lock);
  if (next != NULL)
    start_file (self, next);
  else if (ended)
    finish (self);
  g_free (ready->path);
  g_free (ready);
  return G_SOURCE_REMOVE;
}

/* TRUE while @generation is the speaker's: nothing has been played or stopped since. */
static gboolean
is_current (KioskSpeaker *self, guint generation)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return generation == self->generation;
}

/* The file that says @part: its recording (still in the cache), or its sentence synthesized. */
static char *
part_file (KioskSpeaker *self, const KioskSpeakerPart *part, GError **error)
{
  if (part->file == NULL)
    return kiosk_speaker_synthesize (self, part->text, part->voice, error);
  if (cache_use (part->file))
    return g_strdup (part->file);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: removed from the cache", part->file);
  return NULL;
}

/* The one synthesis thread: one job at a time, each dropped at its next sentence once a new
 * play or a stop made it stale (a person tapping from page to page queues no backlog). */
static void
speak_rest (gpointer data, gpointer user_data)
{
  SpeakRest *rest = data;
  KioskSpeaker *self = rest->self;
  SentenceReady *done;

  (void) user_data;
  for (guint i = 0; i < rest->parts->len && is_current (self, rest->generation); i++)
    {
      g_autoptr(GError) error = NULL;
      char *path = part_file (self, g_ptr_array_index (rest->parts, i), &error);
      SentenceReady *ready;
      gboolean current;

      if (path == NULL)
        {
          g_warning ("sound: %s", error->message);
          continue;
        }
      g_mutex_lock (&self->lock);
      current = rest->generation == self->generation;
      if (current)
        {
          g_queue_push_tail (&self->next_files, path);
          g_ptr_array_add (self->files, g_strdup (path));
        }
      else
        g_free (path);
      g_mutex_unlock (&self->lock);
      if (!current)
        break;
      ready = g_new0 (SentenceReady, 1);
      ready->self = self;
      ready->generation = rest->generation;
      g_main_context_invoke (NULL, on_sentence_ready, ready);
    }
  g_mutex_lock (&self->lock);
  if (rest->generation == self->generation)
    self->synthesizing = FALSE;
  g_mutex_unlock (&self->lock);
  done = g_new0 (SentenceReady, 1);
  done->self = self;
  done->generation = rest->generation;
  g_main_context_invoke (NULL, on_sentence_ready, done);
  speak_rest_free (rest);
}

/* @parts as they are played: each recording, and each sentence of each text in words of its
 * language. */
static GPtrArray *
split_parts (GPtrArray *parts)
{
  GPtrArray *said = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_speaker_part_free);

  for (guint i = 0; i < parts->len; i++)
    {
      const KioskSpeakerPart *part = g_ptr_array_index (parts, i);
      g_autofree char *words = NULL;
      g_autoptr(GPtrArray) sentences = NULL;

      if (part->file != NULL)
        {
          g_ptr_array_add (said, kiosk_speaker_part_new_file (part->lang, part->file));
          continue;
        }
      words = kiosk_speech_text_normalise (part->text, part->lang);
      sentences = kiosk_speech_text_sentences (words);
      for (guint j = 0; j < sentences->len; j++)
        g_ptr_array_add (said, kiosk_speaker_part_new_text (part->lang, part->voice, g_ptr_array_index (sentences, j)));
    }
  return said;
}

gboolean
kiosk_speaker_speak (KioskSpeaker *self, gpointer owner, GPtrArray *parts, GError **error)
{
  g_autoptr(GPtrArray) said = split_parts (parts);
  g_autofree char *first = NULL;
  SpeakRest *rest;

  kiosk_speaker_stop (self);
  if (said->len == 0)
    return TRUE;
  first = part_file (self, g_ptr_array_index (said, 0), error);
  if (first == NULL || !ensure_playbin (self))
    return first != NULL;
  g_ptr_array_remove_index (said, 0);
  /* Started before the rest is pushed: it is first among the sound's files. */
  start_first_file (self, owner, first);
  if (said->len > 0)
    {
      rest = g_new0 (SpeakRest, 1);
      rest->self = self;
      rest->parts = g_ptr_array_ref (said);
      g_mutex_lock (&self->lock);
      rest->generation = self->generation;
      self->synthesizing = TRUE;
      g_mutex_unlock (&self->lock);
      g_thread_pool_push (self->synthesis, rest, NULL);
    }
  return TRUE;
}

void
kiosk_speaker_stop (KioskSpeaker *self)
{
  finish (self);
}

void
kiosk_speaker_stop_owner (KioskSpeaker *self, gpointer owner)
{
  if (owner != NULL && self->owner == owner)
    finish (self);
}

gpointer
kiosk_speaker_get_owner (KioskSpeaker *self)
{
  return self->owner;
}

const char *
kiosk_speaker_get_last_file (KioskSpeaker *self)
{
  return self->last_file;
}

guint
kiosk_speaker_get_sounds_started (KioskSpeaker *self)
{
  return self->sounds_started;
}

char **
kiosk_speaker_list_files (KioskSpeaker *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **files;

  for (guint i = 0; i < self->files->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->files, i));
  files = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return files;
}
