/* hub-account.c: an officer's account and what its role allows.
 *
 * Roles are ordered: a publisher can do all an editor can, an admin all a publisher can. Every
 * handler asks hub_account_can() on the server; menus only hide what would be refused anyway.
 */
#include "hub-account.h"

#include <string.h>

#include <glib/gi18n.h>

static const char *const role_names[] = { "editor", "publisher", "admin" };
static const char *const role_labels[] = { N_("editor"), N_("publisher"), N_("administrator") };

void
hub_account_free (HubAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->password_hash);
  g_free (account);
}

gboolean
hub_account_name_is_valid (const char *name)
{
  gsize n = name != NULL ? strlen (name) : 0;

  if (n < 2 || n > 40)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (name[i]) && strchr ("._-", name[i]) == NULL)
      return FALSE;
  return TRUE;
}

const char *
hub_role_to_string (HubRole role)
{
  return role_names[role];
}

const char *
hub_role_label (HubRole role)
{
  return _(role_labels[role]);
}

gboolean
hub_role_from_string (const char *s, HubRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (s != NULL && g_str_equal (s, role_names[i]))
      {
        *role = (HubRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hub_account_can (const HubAccount *account, HubRole needed)
{
  return account != NULL && !account->disabled && account->role >= needed;
}

char *
hub_account_author (const HubAccount *account)
{
  return g_strdup_printf ("hub:%" G_GINT64_FORMAT, account->id);
}
