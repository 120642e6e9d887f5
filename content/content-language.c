/* content-language.c: the language registry.
 *
 * The registry is a small key file in locales/ (translators and officers can read it), compiled
 * into the library as a resource so a program never depends on finding it at run time. It is
 * parsed once, on first use, and lives for the process.
 */
#include "content-language.h"
#include "content-resources.h"

#include <gio/gio.h>

#define REGISTRY_RESOURCE "/org/banlang/content/languages.ini"

static ContentLanguage *
language_from_group (GKeyFile *file, const char *group)
{
  ContentLanguage *lang = g_new0 (ContentLanguage, 1);
  g_autofree char *voice = g_key_file_get_string (file, group, "voice", NULL);

  lang->code = g_strdup (group);
  lang->native_name = g_key_file_get_string (file, group, "native", NULL);
  lang->english_name = g_key_file_get_string (file, group, "english", NULL);
  lang->fallback = g_key_file_get_string_list (file, group, "fallback", NULL, NULL);
  if (lang->fallback == NULL)
    lang->fallback = g_new0 (char *, 1);
  lang->voice = voice != NULL && *voice != '\0' ? g_steal_pointer (&voice) : NULL;
  if (lang->native_name == NULL || lang->english_name == NULL)
    g_error ("language registry: [%s] lacks native= or english=", group);
  return lang;
}

static GPtrArray *
registry_load (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  GPtrArray *list = g_ptr_array_new ();

  bytes = g_resource_lookup_data (content_get_resource (), REGISTRY_RESOURCE, 0, &error);
  /* The registry is compiled in: failing here is a broken build, not a user error. */
  if (bytes == NULL
      || !g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &error))
    g_error ("language registry: %s", error->message);
  groups = g_key_file_get_groups (file, NULL);
  for (gsize i = 0; groups[i] != NULL; i++)
    g_ptr_array_add (list, language_from_group (file, groups[i]));
  return list;
}

const GPtrArray *
content_language_list (void)
{
  static GPtrArray *registry;

  if (g_once_init_enter (&registry))
    g_once_init_leave (&registry, registry_load ());
  return registry;
}

const ContentLanguage *
content_language_lookup (const char *code)
{
  const GPtrArray *list = content_language_list ();

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      const ContentLanguage *lang = g_ptr_array_index (list, i);
      if (g_str_equal (lang->code, code))
        return lang;
    }
  return NULL;
}

char **
content_language_chain (const char *code)
{
  const ContentLanguage *lang = content_language_lookup (code);
  g_autoptr(GStrvBuilder) chain = NULL;
  g_autoptr(GPtrArray) seen = NULL;

  if (lang == NULL)
    return NULL;
  chain = g_strv_builder_new ();
  seen = g_ptr_array_new ();
  g_ptr_array_add (seen, lang->code);
  for (gsize i = 0; lang->fallback[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (seen, lang->fallback[i], g_str_equal, NULL))
      g_ptr_array_add (seen, lang->fallback[i]);
  if (!g_ptr_array_find_with_equal_func (seen, "vi", g_str_equal, NULL))
    g_ptr_array_add (seen, (char *) "vi");
  for (guint i = 0; i < seen->len; i++)
    g_strv_builder_add (chain, g_ptr_array_index (seen, i));
  return g_strv_builder_end (chain);
}
