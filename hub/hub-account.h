/* hub-account.h: an officer's account and what its role allows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each role may do what the ones before it may. */
typedef enum {
  HUB_ROLE_EDITOR,     /* writes drafts and translations */
  HUB_ROLE_PUBLISHER,  /* also publishes, archives and reverts */
  HUB_ROLE_ADMIN,      /* also manages accounts and senders */
} HubRole;

typedef struct {
  gint64 id;
  char *name;
  HubRole role;
  char *password_hash;
  gboolean disabled;
} HubAccount;

void hub_account_free (HubAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubAccount, hub_account_free)

/* TRUE when @name may name an account: 2 to 40 ASCII letters, digits, '.', '-' or '_'. A
 * login giving anything else is refused before it is written anywhere. */
gboolean hub_account_name_is_valid (const char *name);

/* "editor", "publisher", "admin". */
const char *hub_role_to_string (HubRole role);
/* The role as officers read it, in the interface language. */
const char *hub_role_label (HubRole role);

/* FALSE when @s names no role. */
gboolean hub_role_from_string (const char *s, HubRole *role);

/* TRUE when @account may do what @needed may. */
gboolean hub_account_can (const HubAccount *account, HubRole needed);

/* The opaque id content.db records as a revision's author ("hub:ID"): never a person's name,
 * because content.db is copied to every kiosk. */
char *hub_account_author (const HubAccount *account);

G_END_DECLS
