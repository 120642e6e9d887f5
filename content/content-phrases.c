/* content-phrases.c: fixed phrases in the reader's language, from the gettext catalogs.
 *
 * The engine's reasons and the SMS replies are read by people in Vietnamese or English, but the
 * processes that make them (banlang-sms, the command line) run in whatever locale they were
 * started in and serve every reader at once. So a table of phrases is looked up in the
 * Vietnamese catalog once, under a locale where gettext honours LANGUAGE, and the process's
 * locale and LANGUAGE are put back; the reader's chain then picks English or Vietnamese.
 */
#include "config.h"
#include "content-phrases.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

extern int _nl_msg_cat_cntr;

const char *
content_catalog_dir (void)
{
  static gsize once;
  static const char *dir;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      dir = exe != NULL && g_str_has_prefix (exe, BANLANG_BUILD_ROOT "/") ? BANLANG_BUILD_ROOT "/locales/po"
                                                                          : BANLANG_LOCALEDIR;
      g_once_init_leave (&once, 1);
    }
  return dir;
}

/* gettext reads LANGUAGE only outside the C locale: the lookup runs under C.UTF-8 when the
 * process has no locale; both are put back after. */
static void
load_vietnamese (ContentPhrases *self)
{
  g_autofree char *old_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));

  bindtextdomain (GETTEXT_PACKAGE, content_catalog_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (old_locale == NULL || g_str_equal (old_locale, "C") || g_str_equal (old_locale, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  g_setenv ("LANGUAGE", "vi", TRUE);
  ++_nl_msg_cat_cntr;
  self->vi = g_new0 (char *, self->n + 1);
  for (gsize i = 0; i < self->n; i++)
    self->vi[i] = g_strdup (dgettext (GETTEXT_PACKAGE, self->msgids[i]));
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  if (old_locale != NULL)
    setlocale (LC_MESSAGES, old_locale);
  ++_nl_msg_cat_cntr;
}

const char *
content_phrases_get (ContentPhrases *self, char **chain, gsize id)
{
  g_return_val_if_fail (id < self->n, "");
  if (g_once_init_enter (&self->loaded))
    {
      load_vietnamese (self);
      g_once_init_leave (&self->loaded, 1);
    }
  for (gsize i = 0; chain != NULL && chain[i] != NULL; i++)
    {
      if (g_str_equal (chain[i], "en"))
        return self->msgids[id];
      if (g_str_equal (chain[i], "vi"))
        return self->vi[id];
    }
  return self->vi[id];
}
