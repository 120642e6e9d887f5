/* sms-config.c: the responder's settings, from banlang-sms.ini over built-in defaults.
 *
 * Every limit that protects people's phone credit and the modem (parts per reply, replies per
 * hour, duplicate and loop windows) is a setting, because a province may need other values than
 * the demo; a typo in a key is an error, not a silently ignored line.
 */
#include "sms-config.h"
#include "sms-error.h"

#include "content-language.h"

void
sms_config_init (SmsConfig *config)
{
  config->lang = g_strdup ("vi");
  config->policy = SMS_POLICY_UNACCENTED;
  config->max_parts = 3;
  config->replies_per_hour = 20;
  config->duplicate_seconds = 30;
  config->loop_count = 5;
  config->loop_seconds = 600;
  config->session_seconds = 1800;
  config->usage_url = NULL;
  config->usage_key = NULL;
  config->usage_interval = 3600;
  config->alerts_per_day = 2;
  config->time_zone = g_strdup ("Asia/Ho_Chi_Minh");
}

void
sms_config_clear (SmsConfig *config)
{
  g_clear_pointer (&config->lang, g_free);
  g_clear_pointer (&config->usage_url, g_free);
  g_clear_pointer (&config->usage_key, g_free);
  g_clear_pointer (&config->time_zone, g_free);
}

/* usage_url and usage_key: where the counts go and the key that signs them, both or neither. */
static gboolean
read_usage (SmsConfig *config, GKeyFile *file, const char *path, GError **error)
{
  g_autofree char *url = g_key_file_get_string (file, "sms", "usage_url", NULL);
  g_autofree char *key = g_key_file_get_string (file, "sms", "usage_key", NULL);

  if ((url == NULL) != (key == NULL))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: [sms] %s: needs %s too", path,
                   url != NULL ? "usage_url" : "usage_key", url != NULL ? "usage_key" : "usage_url");
      return FALSE;
    }
  if (url != NULL && !g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: [sms] usage_url: “%s” is not an http(s) address",
                   path, url);
      return FALSE;
    }
  g_free (config->usage_url);
  config->usage_url = g_steal_pointer (&url);
  g_free (config->usage_key);
  config->usage_key = g_steal_pointer (&key);
  return TRUE;
}

static gboolean
read_number (GKeyFile *file, const char *path, const char *key, gint64 min, gint64 max, gint64 *out,
             GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 v = g_key_file_get_int64 (file, "sms", key, &local);

  if (local != NULL || v < min || v > max)
    {
      g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT,
                   "%s: [sms] %s: must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                   path, key, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
sms_config_load (SmsConfig *config, const char *path, GError **error)
{
  static const char *const numbers[] = { "max_parts", "replies_per_hour", "duplicate_seconds",
                                         "loop_count", "loop_seconds", "session_seconds", "usage_interval",
                                         "alerts_per_day" };
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;
  gint64 values[G_N_ELEMENTS (numbers)];

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  keys = g_key_file_get_keys (file, "sms", NULL, NULL);
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      gboolean known = g_str_equal (keys[i], "lang") || g_str_equal (keys[i], "policy")
                       || g_str_equal (keys[i], "sms_number") || g_str_equal (keys[i], "database")
                       || g_str_equal (keys[i], "usage_url") || g_str_equal (keys[i], "usage_key")
                       || g_str_equal (keys[i], "time_zone");
      for (gsize k = 0; k < G_N_ELEMENTS (numbers); k++)
        known |= g_str_equal (keys[i], numbers[k]);
      if (!known)
        {
          g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: [sms] %s: unknown key", path, keys[i]);
          return FALSE;
        }
    }
  if (g_key_file_has_key (file, "sms", "lang", NULL))
    {
      g_autofree char *lang = g_key_file_get_string (file, "sms", "lang", NULL);
      if (content_language_lookup (lang) == NULL)
        {
          g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: [sms] lang: “%s” is not a known language", path, lang);
          return FALSE;
        }
      g_free (config->lang);
      config->lang = g_steal_pointer (&lang);
    }
  if (g_key_file_has_key (file, "sms", "policy", NULL))
    {
      g_autofree char *policy = g_key_file_get_string (file, "sms", "policy", NULL);
      if (!sms_policy_from_string (policy, &config->policy))
        {
          g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT,
                       "%s: [sms] policy: “%s” is not unaccented or accented", path, policy);
          return FALSE;
        }
    }
  values[0] = config->max_parts;
  values[1] = config->replies_per_hour;
  values[2] = config->duplicate_seconds;
  values[3] = config->loop_count;
  values[4] = config->loop_seconds;
  values[5] = config->session_seconds;
  values[6] = config->usage_interval;
  values[7] = config->alerts_per_day;
  for (gsize k = 0; k < G_N_ELEMENTS (numbers); k++)
    if (g_key_file_has_key (file, "sms", numbers[k], NULL)
        && !read_number (file, path, numbers[k], k == 0 ? 1 : 0, k == 0 ? 10 : 86400 * 7, &values[k], error))
      return FALSE;
  config->max_parts = (guint) values[0];
  config->replies_per_hour = (guint) values[1];
  config->duplicate_seconds = values[2];
  config->loop_count = (guint) values[3];
  config->loop_seconds = values[4];
  config->session_seconds = values[5];
  config->usage_interval = values[6];
  config->alerts_per_day = (guint) values[7];
  if (g_key_file_has_key (file, "sms", "time_zone", NULL))
    {
      g_autofree char *zone = g_key_file_get_string (file, "sms", "time_zone", NULL);
      g_autoptr(GTimeZone) tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
      if (tz == NULL)
        {
          g_set_error (error, SMS_ERROR, SMS_ERROR_INVALID_INPUT, "%s: [sms] time_zone: “%s” is not a time zone",
                       path, zone != NULL ? zone : "");
          return FALSE;
        }
      g_free (config->time_zone);
      config->time_zone = g_steal_pointer (&zone);
    }
  return read_usage (config, file, path, error);
}
