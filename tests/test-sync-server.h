/* test-sync-server.h: a real HTTP server on 127.0.0.1 for the sync tests: it serves a site
 * folder (libsoup answering Range requests itself, as the hub's will), can cut connections at
 * random bytes on purpose, sends one file without end on purpose, counts the bytes it sends,
 * and takes POSTs to /usage. */
#pragma once

#include <glib.h>

typedef struct _TestSyncServer TestSyncServer;

/* Serves @site_dir on a port of its own, in a thread of its own. With @cut_rate > 0, that
 * fraction of the answers carrying more than one byte is cut after a random number of bytes
 * (from @seed: reproducible). */
TestSyncServer *test_sync_server_new (const char *site_dir, double cut_rate, guint32 seed);

/* The same on @port (0: a free one), so that a hub can come back at the address it had. */
TestSyncServer *test_sync_server_new_full (const char *site_dir, double cut_rate, guint32 seed, guint port);

/* From now on, answers @path ("/manifest.json") with a body that never ends: chunk after chunk
 * for as long as the client reads (the bytes count like any others). */
void test_sync_server_set_endless (TestSyncServer *self, const char *path);

/* "http://127.0.0.1:PORT/". */
const char *test_sync_server_get_url (TestSyncServer *self);

/* Body bytes sent for paths starting with @prefix ("" for all: "/bundles/", "/media/"). */
guint64 test_sync_server_get_bytes (TestSyncServer *self, const char *prefix);

/* How many answers were cut. */
guint test_sync_server_get_cuts (TestSyncServer *self);

/* Every body POSTed to /usage so far, oldest first (GBytes); answered with @status. */
GPtrArray *test_sync_server_get_posted (TestSyncServer *self);
void test_sync_server_set_post_status (TestSyncServer *self, guint status);

void test_sync_server_free (TestSyncServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestSyncServer, test_sync_server_free)
