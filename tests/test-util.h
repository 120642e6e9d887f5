/* test-util.h: fixtures shared by the check suites: temporary directories and databases. */
#pragma once

#include <check.h>
#include <glib.h>

#include "content-replica.h"
#include "content-store.h"

/* A new empty directory under the system's temp dir; removed by test_util_rm_rf(). */
char *test_util_tmpdir (void);

/* Removes @path and everything below it. */
void test_util_rm_rf (const char *path);

/* Writes @text to @dir/@name (creating folders); returns the path. */
char *test_util_write (const char *dir, const char *name, const char *text);

/* The per-test directory of test_util_dir_setup(), removed by test_util_dir_teardown(). */
extern char *test_dir;
void test_util_dir_setup (void);
void test_util_dir_teardown (void);

/* Imports @path (file or directory) into @store; the test fails if anything is refused. */
void test_util_import (ContentStore *store, const char *path);

/* A new database in @dir holding the sample content of content/seed/. */
ContentStore *test_util_seed_store (const char *dir);

/* Runs @suite and returns the process exit status. */
int test_util_run (Suite *suite);

/* Every live record of @store, one line each: kind, id, seq, position and the record (or the
 * blob's checksum): two stores with the same live content give the same text. */
char *test_util_describe_live (ContentStore *store);

/* Fails the test unless SQLite's integrity check of @store passes. */
void test_util_assert_integrity (ContentStore *store);

/* The first column of the first row @sql gives on @store (a PRAGMA or a count); the test
 * fails if there is none. */
gint64 test_util_pragma (ContentStore *store, const char *sql);

/* @store's seq (content_store_get_seq()) / today (content_store_today(), to be freed); the
 * test fails when the store cannot say. */
gint64 test_util_seq (ContentStore *store);
char *test_util_today (ContentStore *store);

/* The member "important" of item @id's record as content_store_foreach_change() gives it
 * (TRUE or FALSE), or -1 when the record has none; the test fails when there is no record. */
int test_util_change_important (ContentStore *store, const char *id);

/* Applies @records (ContentReplicaRecord; blobs carry their bytes) to @store as @batch, through
 * a stage as sync does (content_store_apply_replica() with @progress). */
gboolean test_util_apply_records (ContentStore *store, const ContentReplicaBatch *batch, GPtrArray *records,
                                  ContentStoreProgressFunc progress, GError **error);
