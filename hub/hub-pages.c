/* hub-pages.c: every route of the hub, group by group. */
#include "hub-pages.h"

void
hub_pages_register (HubServer *server)
{
  hub_login_register (server);
  hub_items_register (server);
  hub_history_register (server);
  hub_topics_register (server);
  hub_rules_register (server);
  hub_dashboard_register (server);
  hub_accounts_register (server);
  hub_files_register (server);
  hub_media_register (server);
}
