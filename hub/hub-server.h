/* hub-server.h: the officers' web editor: routes, sessions, CSRF and limits on one SoupServer. */
#pragma once

#include <libsoup/soup.h>

#include "content-store.h"
#include "hub-db.h"
#include "hub-request.h"

G_BEGIN_DECLS

#define HUB_TYPE_SERVER (hub_server_get_type ())
G_DECLARE_FINAL_TYPE (HubServer, hub_server, HUB, SERVER, GObject)

typedef struct {
  const char *sync_key;     /* the online signing key, or NULL: publishing writes no bundles */
  const char *sync_dir;     /* where bundles are written and served from (/sync/), or NULL */
  gboolean secure;          /* behind TLS: cookies get Secure */
} HubServerOptions;

/* A hub serving @store (opened for writing) with accounts in @db. Both are borrowed: they must
 * outlive the server. */
HubServer *hub_server_new (ContentStore *store, HubDb *db, const HubServerOptions *options);

/* Listens on @address ("HOST:PORT"; port 0 picks one). */
gboolean hub_server_listen (HubServer *self, const char *address, GError **error);

/* The address it listens on, as "http://HOST:PORT/". */
char *hub_server_get_uri (HubServer *self);

ContentStore *hub_server_get_store (HubServer *self);
HubDb *hub_server_get_db (HubServer *self);
const HubServerOptions *hub_server_get_options (HubServer *self);

typedef void (*HubHandler) (HubRequest *req);

/* Who may reach a route. */
typedef enum {
  HUB_ACCESS_PUBLIC = -1,           /* anyone (login page, static files) */
  HUB_ACCESS_EDITOR = HUB_ROLE_EDITOR,
  HUB_ACCESS_PUBLISHER = HUB_ROLE_PUBLISHER,
  HUB_ACCESS_ADMIN = HUB_ROLE_ADMIN,
} HubAccess;

typedef enum {
  HUB_ROUTE_DEFAULT = 0,
  HUB_ROUTE_NO_CSRF = 1 << 0,    /* a POST that carries its own proof (signed usage batches) */
  HUB_ROUTE_LOGIN_CSRF = 1 << 1, /* a POST before any session: checked against the login cookie */
  HUB_ROUTE_UPLOAD = 1 << 2,     /* takes media files: a larger body limit */
} HubRouteFlags;

/* Routes @method requests for @pattern ("/items/ * /history": each '*' matches one path segment
 * and lands in req->args) to @handler, for @access and up. POSTs need the session's CSRF token
 * unless @flags say otherwise. */
void hub_server_route (HubServer *self, const char *method, const char *pattern, HubAccess access,
                       HubRouteFlags flags, HubHandler handler);

/* The largest request body accepted, by kind of route. */
#define HUB_MAX_FORM_BYTES (512 * 1024)
#define HUB_MAX_UPLOAD_BYTES (4 * 1024 * 1024)

/* Sets the session cookie of @token on @req's response (NULL clears it). */
void hub_server_set_session_cookie (HubServer *self, HubRequest *req, const char *token);

/* Sets the interface language cookie (@lang "vi" or "en") on @req's response. */
void hub_server_set_lang_cookie (HubServer *self, HubRequest *req, const char *lang);

/* A fresh token for the login form, set as its cookie too. */
char *hub_server_new_login_csrf (HubServer *self, HubRequest *req);

G_END_DECLS
