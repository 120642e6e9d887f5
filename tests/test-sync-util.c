/* test-sync-util.c: fixtures of the sync tests (see test-sync-util.h). */
#include "test-sync-util.h"
#include "sync-certificate.h"
#include "sync-file.h"
#include "sync-publisher.h"

#include <glib/gstdio.h>

#define NOTICE \
  "{\"id\": \"%s\", \"kind\": \"notice\", \"status\": \"published\", \"topics\": [\"law-family\"]," \
  " \"reviewed_on\": \"2026-11-01\", \"reviewed_by\": \"Phòng Tư pháp\", \"sources\": [{\"title\": \"s\"}]," \
  " \"notice\": {\"valid_from\": \"2026-01-01\", \"valid_to\": null}," \
  " \"texts\": {\"vi\": {\"title\": \"Thông báo %s\", \"body\": \"Nội dung của thông báo %s: %s\"}}}"

void
test_sync_make_keys (const char *dir, TestSyncKeys *keys)
{
  g_autoptr(SyncKey) root = sync_key_generate ();
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  keys->root_key = g_build_filename (dir, "root.key", NULL);
  keys->root_pub = g_build_filename (dir, "root.pub", NULL);
  keys->signing_key = NULL;
  ck_assert_msg (sync_key_save (root, keys->root_key, TRUE, &error), "%s", error ? error->message : "");
  ck_assert (sync_key_save (root, keys->root_pub, FALSE, &error));
  test_sync_delegate (keys, dir, "online", 1, NULL);
}

void
test_sync_delegate (TestSyncKeys *keys, const char *dir, const char *name, gint64 epoch,
                    const char *const *revoked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncKey) root = sync_key_load (keys->root_key, &error);
  g_autoptr(SyncKey) key = sync_key_generate ();
  g_autofree char *key_dir = g_build_filename (dir, name, NULL);
  g_autofree char *cert_path = NULL;
  g_autoptr(GBytes) cert = NULL;

  ck_assert_msg (root != NULL, "%s", error ? error->message : "");
  g_mkdir_with_parents (key_dir, 0700);
  g_free (keys->signing_key);
  keys->signing_key = g_build_filename (key_dir, "signing.key", NULL);
  cert_path = sync_publisher_certificate_path (keys->signing_key);
  cert = sync_certificate_issue (root, key, NULL, epoch, revoked);
  ck_assert (sync_key_save (key, keys->signing_key, TRUE, &error));
  ck_assert (sync_file_write (cert_path, g_bytes_get_data (cert, NULL), g_bytes_get_size (cert), 0644, &error));
}

char *
test_sync_signing_key_id (const TestSyncKeys *keys)
{
  g_autoptr(SyncKey) key = sync_key_load (keys->signing_key, NULL);

  ck_assert_ptr_nonnull (key);
  return g_strdup (sync_key_get_id (key));
}

void
test_sync_keys_clear (TestSyncKeys *keys)
{
  g_clear_pointer (&keys->root_key, g_free);
  g_clear_pointer (&keys->root_pub, g_free);
  g_clear_pointer (&keys->signing_key, g_free);
}

void
test_sync_publish (ContentStore *hub, const TestSyncKeys *keys, const char *site)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (sync_publisher_publish (hub, keys->signing_key, site, NULL, &error), "%s",
                 error ? error->message : "");
}

void
test_sync_resign (const TestSyncKeys *keys, const char *site, TestSyncEdit edit, gpointer user_data)
{
  g_autofree char *path = g_build_filename (site, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncKey) key = sync_key_load (keys->signing_key, &error);
  g_autoptr(GBytes) bytes = sync_file_read (path, &error);
  g_autoptr(SyncManifest) m = bytes != NULL ? sync_manifest_parse (bytes, NULL, &error) : NULL;
  g_autoptr(GBytes) sealed = NULL;

  ck_assert_msg (key != NULL && m != NULL, "%s", error ? error->message : "");
  m->version++;
  if (edit != NULL)
    edit (m, user_data);
  sealed = sync_manifest_seal (m, key);
  ck_assert (sync_file_write (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), 0644, &error));
}

/* @n random letters: a body that does not compress away, as real text mostly does not. */
static char *
random_text (guint n)
{
  char *text = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    text[i] = "abcdefghijklmnopqrstuvwxyz "[g_random_int_range (0, 27)];
  text[n] = '\0';
  return text;
}

void
test_sync_add_notices (ContentStore *hub, const char *prefix, guint n)
{
  g_autofree char *dir = test_util_tmpdir ();

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *noise = random_text (400);
      g_autofree char *json = g_strdup_printf (NOTICE, id, id, id, noise);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *path = test_util_write (dir, name, json);
      test_util_import (hub, path);
    }
  test_util_rm_rf (dir);
}

void
test_sync_flip_byte (const char *path, gsize offset)
{
  g_autofree char *data = NULL;
  gsize len;

  ck_assert (g_file_get_contents (path, &data, &len, NULL));
  ck_assert_uint_lt (offset, len);
  data[offset] ^= 0x01;
  ck_assert (g_file_set_contents (path, data, len, NULL));
}

char *
test_sync_find_bundle (const char *site, const char *except)
{
  g_autofree char *dir_path = g_build_filename (site, "bundles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      if (name[0] != '.' && g_strcmp0 (path, except) != 0)
        return g_steal_pointer (&path);
    }
  return NULL;
}

ContentStore *
test_sync_new_kiosk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr(GError) error = NULL;
  ContentStore *store = content_store_open (path, CONTENT_STORE_OPEN_CREATE, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  return store;
}

ContentStore *test_hub;
ContentStore *test_kiosk;
TestSyncKeys test_keys;
char *test_site;

void
test_sync_scene_setup (void)
{
  g_autofree char *keys_dir = NULL;

  test_util_dir_setup ();
  test_hub = test_util_seed_store (test_dir);
  test_kiosk = test_sync_new_kiosk (test_dir);
  keys_dir = g_build_filename (test_dir, "keys", NULL);
  test_sync_make_keys (keys_dir, &test_keys);
  test_site = g_build_filename (test_dir, "site", NULL);
}

void
test_sync_scene_teardown (void)
{
  g_clear_object (&test_hub);
  g_clear_object (&test_kiosk);
  test_sync_keys_clear (&test_keys);
  g_clear_pointer (&test_site, g_free);
  test_util_dir_teardown ();
}
