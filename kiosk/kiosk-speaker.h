/* kiosk-speaker.h: the kiosk's one voice: plays recordings and speaks text through espeak-ng,
 * from files in a cache, through GStreamer. */
#pragma once

#include <glib-object.h>

#include "content-store.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SPEAKER (kiosk_speaker_get_type ())
G_DECLARE_FINAL_TYPE (KioskSpeaker, kiosk_speaker, KIOSK, SPEAKER, GObject)

/* The environment variable naming the GStreamer sink sound goes to, as gst-launch writes it
 * ("fakesink sync=true", "filesink location=out.raw"); unset: the sound card (autoaudiosink).
 * Tests set it so that nothing ever reaches a loudspeaker. */
#define KIOSK_SPEAKER_SINK_ENV "BANLANG_KIOSK_AUDIO_SINK"

/* The environment variable naming the folder of the sound cache; unset: banlang-kiosk in the
 * user's cache folder. */
#define KIOSK_SPEAKER_CACHE_ENV "BANLANG_KIOSK_CACHE"

/* How many bytes the sound cache holds at most: a few hundred pages' worth of speech and
 * recordings. Not a setting: only tests change it (kiosk_speaker_set_cache_limit()). */
#define KIOSK_SPEAKER_CACHE_LIMIT (G_GUINT64_CONSTANT (128) * 1024 * 1024)

/* The process's speaker (one pair of loudspeakers: one sound at a time). */
KioskSpeaker *kiosk_speaker_get_default (void);

/* The file of the blob @sha256 in the cache, written from @store the first time (GStreamer
 * plays files: GTK 4.8's media backend cannot play from a stream). NULL with @error when the
 * store has no such blob or the cache cannot be written. Free with g_free(). */
char *kiosk_speaker_cache_blob (KioskSpeaker *self, ContentStore *store, const char *sha256, GError **error);

/* Stops whatever plays, then plays the file @path for @owner (a widget, say, that shows a Stop
 * button while kiosk_speaker_get_owner() is itself). */
void kiosk_speaker_play_file (KioskSpeaker *self, gpointer owner, const char *path);

/* Plays @store's recorded greeting in @lang for @owner, when there is one: a person who taps
 * their language hears it answered in that language. FALSE when there is none. */
gboolean kiosk_speaker_greet (KioskSpeaker *self, ContentStore *store, const char *lang, gpointer owner);

/* One part of what is said: a recording's file, or text spoken with an espeak-ng voice. */
typedef struct {
  char *lang;    /* the language heard: a text's numbers, dates and law numbers in its words */
  char *voice;   /* with text: the espeak-ng voice */
  char *text;    /* or NULL */
  char *file;    /* or NULL */
} KioskSpeakerPart;

KioskSpeakerPart *kiosk_speaker_part_new_text (const char *lang, const char *voice, const char *text);
KioskSpeakerPart *kiosk_speaker_part_new_file (const char *lang, const char *path);
void kiosk_speaker_part_free (KioskSpeakerPart *part);

/* Stops whatever plays, then plays @parts (KioskSpeakerPart) one after another for @owner: the
 * first sentence or recording at once, the rest synthesized meanwhile in a thread, each text
 * with its own voice. FALSE with @error when the first cannot be said (espeak-ng has no such
 * voice, a recording left the cache). */
gboolean kiosk_speaker_speak (KioskSpeaker *self, gpointer owner, GPtrArray *parts, GError **error);

/* Silence; "finished" is emitted when something was playing. */
void kiosk_speaker_stop (KioskSpeaker *self);

/* Stops only when @owner is the one playing (a page going away silences its own sound). */
void kiosk_speaker_stop_owner (KioskSpeaker *self, gpointer owner);

/* Whom the sound playing is for, or NULL when silent. */
gpointer kiosk_speaker_get_owner (KioskSpeaker *self);

/* The file started last (a recording or a synthesized sentence), for tests; NULL before any. */
const char *kiosk_speaker_get_last_file (KioskSpeaker *self);

/* The files of the sound playing, in order, as far as they are ready: those played, the one
 * playing and those queued (for tests); empty when silent. Free with g_strfreev(). */
char **kiosk_speaker_list_files (KioskSpeaker *self);

/* How many times sound reached the sink since the process started (for tests). */
guint kiosk_speaker_get_sounds_started (KioskSpeaker *self);

/* Bounds the sound cache to @bytes: whenever a new file takes it over, the files used longest
 * ago are removed (those used in the last minute stay, as they may be playing, and so do the
 * file playing and those queued to play). Prunes now, removing partial files left a minute
 * ago or more. */
void kiosk_speaker_set_cache_limit (KioskSpeaker *self, guint64 bytes);

/* The bytes of complete files in the sound cache (for tests and the benchmark). */
guint64 kiosk_speaker_get_cache_size (KioskSpeaker *self);

/* Synthesizes @text with @voice into a WAV file in the cache (reused when already there);
 * NULL with @error when espeak-ng cannot. Thread-safe. Free with g_free(). */
char *kiosk_speaker_synthesize (KioskSpeaker *self, const char *text, const char *voice, GError **error);

G_END_DECLS
