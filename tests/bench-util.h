/* bench-util.h: synthetic Vietnamese-like content shared by the benchmarks, the same every run. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Chooses the vocabulary words are drawn from: when @zipf, syllables built from Vietnamese
 * onsets, rimes and tones with Zipf frequencies; else about 150 common words of legal text, so
 * nearly every item contains every common word. */
void bench_vocabulary_init (gboolean zipf);

/* How many words the vocabulary has. */
guint bench_vocabulary_size (void);

/* The vocabulary's word of frequency rank @rank (0 the most frequent), accented (NFC). */
const char *bench_vocabulary_word (guint rank);

/* Appends @n words drawn from the vocabulary with @rng, separated by spaces, to @s. */
void bench_append_words (GString *s, GRand *rng, int n);

/* Writes @dir/bundle.json: a topic "bench" and @n published notices (notice-0 ...) in force
 * from 2026-01-01, with titles and bodies drawn with @rng; returns its path. */
char *bench_write_bundle (const char *dir, guint n, GRand *rng);

/* This process's peak resident memory (VmHWM) in KiB, or -1 when it cannot be read. */
gint64 bench_peak_kib (void);

/* Sorts @n values in increasing order (for percentiles). */
void bench_sort (double *values, gsize n);

G_END_DECLS
