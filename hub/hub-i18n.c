/* hub-i18n.c: the hub's interface language, per request.
 *
 * The hub speaks Vietnamese and English (msgids are English). Each request may come from an
 * officer with another preference, so the language is chosen per request: gettext reads
 * LANGUAGE message by message, and glibc caches translations until _nl_msg_cat_cntr changes.
 */
#include "config.h"
#include "hub-i18n.h"

#include "content-phrases.h"

#include <glib/gi18n.h>
#include <locale.h>

extern int _nl_msg_cat_cntr;

void
hub_i18n_init (void)
{
  const char *locale = setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE in the C locale. */
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, content_catalog_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  hub_i18n_use ("vi");
  /* GLib decides at its first g_dgettext() whether to translate at all: let it decide while a
   * catalog exists for the language of the moment. */
  g_dgettext (GETTEXT_PACKAGE, "");
}

void
hub_i18n_use (const char *lang)
{
  g_setenv ("LANGUAGE", hub_i18n_known (lang) != NULL ? lang : "vi", TRUE);
  ++_nl_msg_cat_cntr;
}

const char *
hub_i18n_known (const char *lang)
{
  if (g_strcmp0 (lang, "vi") == 0)
    return "vi";
  if (g_strcmp0 (lang, "en") == 0)
    return "en";
  return NULL;
}
