/* hub-pages.h: each group of hub pages registers its routes. */
#pragma once

#include "hub-server.h"

G_BEGIN_DECLS

/* Every route of the hub, for hub_server_new(). */
void hub_pages_register (HubServer *server);

void hub_login_register (HubServer *server);
void hub_items_register (HubServer *server);
void hub_history_register (HubServer *server);
void hub_topics_register (HubServer *server);
void hub_rules_register (HubServer *server);
void hub_dashboard_register (HubServer *server);
void hub_accounts_register (HubServer *server);
void hub_files_register (HubServer *server);
void hub_media_register (HubServer *server);

G_END_DECLS
