/* kiosk-language.c: switching gettext's language while the kiosk runs.
 *
 * A villager taps "Tày" and every string on the screen must follow. gettext reads LANGUAGE
 * (a chain such as tyz:vi:en, message by message) but caches translations: glibc's
 * _nl_msg_cat_cntr must be bumped so the next _() looks again. Catalogs for tyz or ium work
 * without a glibc locale of that name, as long as the locale itself is not "C".
 */
#include "config.h"
#include "kiosk-language.h"

#include "content-language.h"
#include "content-phrases.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

extern int _nl_msg_cat_cntr;

void
kiosk_language_init (void)
{
  const char *messages = setlocale (LC_ALL, "");

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, content_catalog_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides once, at the first g_dgettext(), whether to translate at all, and says no when
   * the catalog has no header in the language of that moment (see g_dgettext). GtkBuilder
   * translates the .ui templates through g_dgettext, and GTK calls it at start-up before any
   * language is chosen: let that first call happen now, in Vietnamese, which always has a
   * catalog. kiosk_language_apply() sets the reader's language afterwards. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  ++_nl_msg_cat_cntr;
  g_dgettext (GETTEXT_PACKAGE, "");
}

void
kiosk_language_apply (const char *code)
{
  g_auto(GStrv) chain = content_language_chain (code);
  g_autofree char *language = NULL;

  if (chain == NULL)
    return;
  /* The messages are written in English: the chain ends there, or English readers would get
   * the Vietnamese catalog after "en" (for which there is no catalog) in the chain. */
  for (gsize i = 0; chain[i] != NULL; i++)
    if (g_str_equal (chain[i], "en"))
      for (gsize j = i + 1; chain[j] != NULL; j++)
        g_clear_pointer (&chain[j], g_free);
  language = g_strjoinv (":", chain);
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}
