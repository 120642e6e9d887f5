/* fuzz-util.h: what the libFuzzer targets share: a scratch directory, the seed store, quiet
 * logs that still stop on a programming error, and the input as a C string. */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "content-store.h"

G_BEGIN_DECLS

/* Once per process: logs below critical are dropped (bad input is expected to be logged), while a
 * critical (a g_return_if_fail tripped) or an error aborts, so libFuzzer reports it as a crash. */
void fuzz_util_init (void);

/* A directory of this process under $TMPDIR, made on the first call and removed at exit. */
const char *fuzz_util_tmpdir (void);

/* A new content database at @dir/@name holding content/seed; aborts when it cannot be made. */
ContentStore *fuzz_util_seed_store (const char *name);

/* The input as a NUL-terminated string (cut at its first NUL, as a C caller would see it). */
char *fuzz_util_string (const uint8_t *data, size_t size);

/* Prints @what and aborts: a broken promise of the code under test. */
G_NORETURN void fuzz_util_fail (const char *what, const GError *error);

/* Removes @path and everything below it. */
void fuzz_util_rm_rf (const char *path);

G_END_DECLS
