/* test-sync-trust.c: keys, signed envelopes, certificates and what a kiosk learns: a key file
 * whose halves disagree, a document of one type passed off as another, a certificate of an
 * older epoch, a different manifest of the same version, revocations remembered, a blank
 * document. */
#include "sync-certificate.h"
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-json.h"
#include "sync-trust.h"
#include "test-util.h"

#include <string.h>
#include <sys/stat.h>

static SyncKey *root;
static SyncKey *online;

static void
setup (void)
{
  test_util_dir_setup ();
  root = sync_key_generate ();
  online = sync_key_generate ();
}

static void
teardown (void)
{
  g_clear_pointer (&root, sync_key_free);
  g_clear_pointer (&online, sync_key_free);
  test_util_dir_teardown ();
}

static SyncCertificate *
certify (SyncKey *key, gint64 epoch, const char *const *revoked)
{
  g_autoptr(GBytes) bytes = sync_certificate_issue (root, key, NULL, epoch, revoked);
  g_autoptr(GError) error = NULL;
  SyncCertificate *cert = sync_certificate_parse (bytes, root, &error);

  ck_assert_msg (cert != NULL, "%s", error ? error->message : "");
  return cert;
}

static SyncManifest *
manifest (const SyncCertificate *cert, gint64 version, gint64 seq)
{
  SyncManifest *m = sync_manifest_new ();

  m->hub = g_strdup (cert->hub);
  m->key = g_strdup (cert->key);
  m->epoch = cert->epoch;
  m->version = version;
  m->seq = seq;
  m->issued_at = g_strdup ("2026-11-20T08:00:00Z");
  m->expires_at = g_strdup ("2026-11-27T08:00:00Z");
  m->snapshot = g_new0 (SyncManifestBundle, 1);
  m->snapshot->name = g_strdup_printf ("bundles/%064d", 0);
  m->snapshot->sha256 = g_strdup_printf ("%064d", 0);
  m->snapshot->to_seq = seq;
  return m;
}

START_TEST (test_key_files)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_build_filename (test_dir, "k.key", NULL);
  g_autofree char *public = g_build_filename (test_dir, "k.pub", NULL);
  g_autofree char *text = NULL;
  g_autoptr(SyncKey) loaded = NULL, pub = NULL, broken = NULL;
  struct stat st;
  char *at;

  ck_assert (sync_key_save (root, secret, TRUE, &error));
  ck_assert (sync_key_save (root, public, FALSE, &error));
  ck_assert_int_eq (stat (secret, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  loaded = sync_key_load (secret, &error);
  pub = sync_key_load (public, &error);
  ck_assert (sync_key_has_secret (loaded) && !sync_key_has_secret (pub));
  ck_assert_str_eq (sync_key_get_id (loaded), sync_key_get_id (root));
  ck_assert_str_eq (sync_key_get_id (pub), sync_key_get_id (root));
  /* Another public half beside this secret half: refused. */
  ck_assert (g_file_get_contents (secret, &text, NULL, NULL));
  at = strstr (text, sync_key_get_id (root));
  memcpy (at, sync_key_get_id (online), 64);
  ck_assert (g_file_set_contents (secret, text, -1, NULL));
  broken = sync_key_load (secret, &error);
  ck_assert_ptr_null (broken);
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
}
END_TEST

/* A certificate is not a manifest, even with a good signature; the wrong root is refused. */
START_TEST (test_envelope_types)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cert = sync_certificate_issue (root, online, "hub-x", 1, NULL);
  g_autoptr(JsonNode) as_manifest = sync_envelope_open (cert, SYNC_MANIFEST_TYPE, NULL, "m", NULL, &error);
  g_autoptr(SyncCertificate) by_other = NULL;

  ck_assert_ptr_null (as_manifest);
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  g_clear_error (&error);
  by_other = sync_certificate_parse (cert, online, &error);
  ck_assert_ptr_null (by_other);
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
}
END_TEST

/* Once epoch 2 is seen, epoch 1 is refused; revoked keys stay revoked, even when a later
 * certificate no longer lists them. */
START_TEST (test_epochs_and_revocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncTrust) trust = sync_trust_new ();
  g_autoptr(SyncKey) third = sync_key_generate ();
  const char *revoked[] = { sync_key_get_id (online), NULL };
  g_autoptr(SyncCertificate) first = certify (online, 1, NULL);
  g_autoptr(SyncCertificate) second = certify (third, 2, revoked);
  g_autoptr(SyncCertificate) again = certify (online, 3, NULL);
  g_autoptr(SyncManifest) m = manifest (second, 1, 10);
  g_autoptr(SyncTrust) reread = NULL;
  g_autoptr(JsonNode) json = NULL;

  ck_assert (sync_trust_check_certificate (trust, first, &error));
  ck_assert (sync_trust_check_certificate (trust, second, &error));
  sync_trust_learn (trust, second, m, "id-1");
  json = sync_trust_to_json (trust);
  reread = sync_trust_from_json (json);
  ck_assert (!sync_trust_check_certificate (reread, first, &error));
  ck_assert_msg (strstr (error->message, "older epoch") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!sync_trust_check_certificate (reread, again, &error));
  ck_assert_msg (strstr (error->message, "revoked") != NULL, "%s", error->message);
}
END_TEST

/* Older versions are rollbacks; the same version must be the same manifest. */
START_TEST (test_rollback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncTrust) trust = sync_trust_new ();
  g_autoptr(SyncCertificate) cert = certify (online, 1, NULL);
  g_autoptr(SyncManifest) v1 = manifest (cert, 1, 10), v2 = manifest (cert, 2, 12);
  gboolean same;

  ck_assert (sync_trust_check_manifest (trust, cert, v2, "id-2", &same, &error));
  ck_assert (!same);
  sync_trust_learn (trust, cert, v2, "id-2");
  ck_assert (sync_trust_check_manifest (trust, cert, v2, "id-2", &same, &error));
  ck_assert (same);
  ck_assert (!sync_trust_check_manifest (trust, cert, v1, "id-1", &same, &error));
  ck_assert_msg (strstr (error->message, "rollback") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!sync_trust_check_manifest (trust, cert, v2, "id-other", &same, &error));
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
}
END_TEST

/* A manifest sealed and parsed back says the same; signed by another key than it names, or
 * read with another key expected, it is refused. */
START_TEST (test_manifest_signature)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncCertificate) cert = certify (online, 1, NULL);
  g_autoptr(SyncManifest) m = manifest (cert, 4, 33);
  g_autoptr(GBytes) sealed = sync_manifest_seal (m, online);
  g_autoptr(GBytes) by_root = sync_manifest_seal (m, root);
  g_autoptr(SyncManifest) back = sync_manifest_parse (sealed, sync_key_get_id (online), &error);
  g_autoptr(SyncManifest) wrong = NULL, misnamed = NULL;

  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (back->version, 4);
  ck_assert_int_eq (back->seq, 33);
  ck_assert_str_eq (back->snapshot->sha256, m->snapshot->sha256);
  wrong = sync_manifest_parse (sealed, sync_key_get_id (root), &error);
  ck_assert_ptr_null (wrong);
  g_clear_error (&error);
  misnamed = sync_manifest_parse (by_root, NULL, &error);
  ck_assert_ptr_null (misnamed);
  ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
}
END_TEST

/* An empty or blank document (or file) is refused cleanly, without a critical warning (made fatal here). */
START_TEST (test_blank_document)
{
  const char *const blanks[] = { "", " \n\t " };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sync_json_parse_object (blanks[i], -1, "blank", &error);
      ck_assert_ptr_null (node);
      ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
    }
  /* An empty file's bytes: a GBytes of none, whose data is NULL (found by fuzz-sync-envelope). */
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(SyncManifest) manifest = sync_manifest_parse (empty, NULL, &error);
    ck_assert_ptr_null (manifest);
    ck_assert (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_REFUSED));
  }
}
END_TEST

static Suite *
trust_suite (void)
{
  Suite *s = suite_create ("sync-trust");
  TCase *tc = tcase_create ("trust");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_key_files);
  tcase_add_test (tc, test_envelope_types);
  tcase_add_test (tc, test_epochs_and_revocation);
  tcase_add_test (tc, test_rollback);
  tcase_add_test (tc, test_manifest_signature);
  tcase_add_test (tc, test_blank_document);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return test_util_run (trust_suite ());
}
