/* hub-password.c: argon2id password hashes, checked off the main loop.
 *
 * crypto_pwhash_str() at libsodium's interactive limits costs tens of milliseconds and 64 MiB;
 * the hub serves every officer from one main loop, so hashing runs on a pool of two threads
 * (bounding the memory many logins at once can take) and answers through a GTask.
 * Hashes made with weaker limits are replaced at the next good login
 * (crypto_pwhash_str_needs_rehash).
 */
#include "hub-password.h"
#include "hub-error.h"

#include <sodium.h>
#include <string.h>

#define MIN_LENGTH 10

/* Hashes at once, at most: each takes 64 MiB, so twenty officers (or an attacker) logging in
 * together must queue rather than take gigabytes. */
#define MAX_HASHING 2

typedef struct {
  GTask *task;
  GTaskThreadFunc func;
} Job;

static void
run_job (gpointer data, gpointer user_data)
{
  Job *job = data;

  job->func (job->task, NULL, g_task_get_task_data (job->task), g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

/* Runs @func for @task on the hashing pool (GTask's own pool has no such bound). */
static void
run_bounded (GTask *task, GTaskThreadFunc func)
{
  static gsize once;
  static GThreadPool *pool;
  Job *job = g_new0 (Job, 1);

  if (g_once_init_enter (&once))
    {
      pool = g_thread_pool_new (run_job, NULL, MAX_HASHING, FALSE, NULL);
      g_once_init_leave (&once, 1);
    }
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pool, job, NULL);
}

char *
hub_password_hash (const char *password, GError **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (out, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_FAILED, "not enough memory to hash a password");
      return NULL;
    }
  return g_strdup (out);
}

static void
hash_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  char *hash = hub_password_hash (data, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
password_free (char *password)
{
  sodium_memzero (password, strlen (password));
  g_free (password);
}

void
hub_password_hash_async (const char *password, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (password), (GDestroyNotify) password_free);
  g_task_set_source_tag (task, hub_password_hash_async);
  run_bounded (task, hash_thread);
}

char *
hub_password_hash_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
hub_password_read_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  char *end;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (g_utf8_strlen (contents, -1) < MIN_LENGTH)
    {
      g_set_error (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT,
                   "%s: a password needs at least %d characters", path, MIN_LENGTH);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

typedef struct {
  char *hash;
  char *password;
  char *new_hash;
} Verify;

static void
verify_free (Verify *v)
{
  g_free (v->hash);
  if (v->password != NULL)
    sodium_memzero (v->password, strlen (v->password));
  g_free (v->password);
  g_free (v->new_hash);
  g_free (v);
}

/* A hash of nothing anyone knows, made once, for accounts that do not exist. */
static const char *
throwaway_hash (void)
{
  static gsize once;
  static char *hash;

  if (g_once_init_enter (&once))
    {
      guchar secret[32];
      char hex[sizeof secret * 2 + 1];

      randombytes_buf (secret, sizeof secret);
      sodium_bin2hex (hex, sizeof hex, secret, sizeof secret);
      hash = hub_password_hash (hex, NULL);
      g_once_init_leave (&once, 1);
    }
  return hash;
}

static void
verify_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Verify *v = data;
  const char *hash = v->hash != NULL ? v->hash : throwaway_hash ();
  gboolean ok = hash != NULL && crypto_pwhash_str_verify (hash, v->password, strlen (v->password)) == 0;

  if (ok && v->hash != NULL
      && crypto_pwhash_str_needs_rehash (v->hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    v->new_hash = hub_password_hash (v->password, NULL);
  g_task_return_boolean (task, ok && v->hash != NULL);
}

void
hub_password_verify_async (const char *hash, const char *password, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Verify *v = g_new0 (Verify, 1);

  v->hash = g_strdup (hash);
  v->password = g_strdup (password);
  g_task_set_task_data (task, v, (GDestroyNotify) verify_free);
  g_task_set_source_tag (task, hub_password_verify_async);
  run_bounded (task, verify_thread);
}

gboolean
hub_password_verify_finish (GAsyncResult *result, char **new_hash)
{
  Verify *v = g_task_get_task_data (G_TASK (result));

  if (new_hash != NULL)
    *new_hash = g_steal_pointer (&v->new_hash);
  return g_task_propagate_boolean (G_TASK (result), NULL);
}
