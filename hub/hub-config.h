/* hub-config.h: the hub's settings, from hub.ini under the command line's options. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *database;       /* content.db */
  char *hub_database;   /* hub.db */
  char *listen;         /* HOST:PORT */
  char *sync_key;       /* the online signing key, or NULL */
  char *sync_dir;       /* the site bundles are written to and served from, or NULL */
  gboolean secure;      /* behind TLS */
} HubConfig;

/* The defaults of DESIGN's table of paths. */
void hub_config_init (HubConfig *config);
void hub_config_clear (HubConfig *config);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HubConfig, hub_config_clear)

/* Reads the [hub] group of @path over @config; an unknown key, or a value of the wrong type, is
 * an error naming the file and the key. */
gboolean hub_config_load (HubConfig *config, const char *path, GError **error);

G_END_DECLS
