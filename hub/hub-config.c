/* hub-config.c: the hub's settings, from hub.ini under the command line's options.
 *
 * A typo in a key is an error, not a silently ignored line: a hub that quietly ignores
 * "sync_kye" would publish unsigned content nowhere and nobody would know.
 */
#include "hub-config.h"
#include "hub-error.h"

static const char *const string_keys[] = { "database", "hub_database", "listen", "sync_key", "sync_dir" };

void
hub_config_init (HubConfig *config)
{
  config->database = g_strdup ("/var/lib/banlang/content.db");
  config->hub_database = g_strdup ("/var/lib/banlang/hub.db");
  config->listen = g_strdup ("127.0.0.1:8080");
  config->sync_key = NULL;
  config->sync_dir = NULL;
  config->secure = FALSE;
}

void
hub_config_clear (HubConfig *config)
{
  g_clear_pointer (&config->database, g_free);
  g_clear_pointer (&config->hub_database, g_free);
  g_clear_pointer (&config->listen, g_free);
  g_clear_pointer (&config->sync_key, g_free);
  g_clear_pointer (&config->sync_dir, g_free);
}

static char **
slot (HubConfig *config, const char *key)
{
  char **slots[] = { &config->database, &config->hub_database, &config->listen, &config->sync_key, &config->sync_dir };

  for (guint i = 0; i < G_N_ELEMENTS (string_keys); i++)
    if (g_str_equal (key, string_keys[i]))
      return slots[i];
  return NULL;
}

gboolean
hub_config_load (HubConfig *config, const char *path, GError **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_str_equal (groups[i], "hub"))
      {
        g_set_error (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT, "%s: [%s]: unknown group (the hub reads [hub])", path, groups[i]);
        return FALSE;
      }
  keys = g_key_file_get_keys (file, "hub", NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      char **target = slot (config, keys[i]);
      g_autoptr(GError) local = NULL;

      if (target != NULL)
        {
          g_free (*target);
          *target = g_key_file_get_string (file, "hub", keys[i], NULL);
          continue;
        }
      if (!g_str_equal (keys[i], "secure"))
        {
          g_set_error (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT, "%s: [hub] %s: unknown key", path, keys[i]);
          return FALSE;
        }
      config->secure = g_key_file_get_boolean (file, "hub", "secure", &local);
      if (local != NULL)
        {
          g_set_error (error, HUB_ERROR, HUB_ERROR_INVALID_INPUT, "%s: [hub] secure: must be true or false", path);
          return FALSE;
        }
    }
  return TRUE;
}
