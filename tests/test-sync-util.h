/* test-sync-util.h: fixtures of the sync tests: a hub's keys, its site, content changes. */
#pragma once

#include "content-store.h"
#include "sync-manifest.h"
#include "test-util.h"

/* A hub's root key pair and an online signing key certified by it, under @dir:
 * @dir/root.key, @dir/root.pub, @dir/NAME/signing.key and signing.cert. */
typedef struct {
  char *root_key;
  char *root_pub;
  char *signing_key;
} TestSyncKeys;

/* Makes the root and a first online key ("online", epoch 1) under @dir. */
void test_sync_make_keys (const char *dir, TestSyncKeys *keys);

/* Certifies a new online key in @dir/@name with @epoch, revoking @revoked (may be NULL), and
 * makes it the keys' signing key. */
void test_sync_delegate (TestSyncKeys *keys, const char *dir, const char *name, gint64 epoch,
                         const char *const *revoked);

/* The id of the signing key. Free with g_free(). */
char *test_sync_signing_key_id (const TestSyncKeys *keys);

void test_sync_keys_clear (TestSyncKeys *keys);

/* Publishes @hub's content into @site with @keys; the test fails if it cannot. */
void test_sync_publish (ContentStore *hub, const TestSyncKeys *keys, const char *site);

/* Changes the manifest of @site with @edit (NULL: no change), gives it the next version and
 * signs it again with @keys' signing key: what a hub would never publish, but could sign. */
typedef void (*TestSyncEdit) (SyncManifest *m, gpointer user_data);
void test_sync_resign (const TestSyncKeys *keys, const char *site, TestSyncEdit edit, gpointer user_data);

/* Publishes @n new notices (ids @prefix-1 ... @prefix-N) on @hub, each a change of its own. */
void test_sync_add_notices (ContentStore *hub, const char *prefix, guint n);

/* Changes the byte at @offset of the file @path (a bit flipped). */
void test_sync_flip_byte (const char *path, gsize offset);

/* The path of the only bundle file in @site that is not @except (NULL: any), or NULL. */
char *test_sync_find_bundle (const char *site, const char *except);

/* A new, empty kiosk database in @dir. */
ContentStore *test_sync_new_kiosk (const char *dir);

/* The usual scene of a sync test, made by test_sync_scene_setup() in test_dir: a hub holding
 * the sample content, an empty kiosk database, the hub's keys, and the path of its site (not
 * yet published). */
extern ContentStore *test_hub;
extern ContentStore *test_kiosk;
extern TestSyncKeys test_keys;
extern char *test_site;
void test_sync_scene_setup (void);
void test_sync_scene_teardown (void);
