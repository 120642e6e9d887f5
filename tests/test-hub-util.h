/* test-hub-util.h: a real HubServer for check suites, and an HTTP client for it. */
#pragma once

#include "hub-server.h"

/* A HubServer on 127.0.0.1 (a port of its own), serving @store and @db from a thread with its
 * own GMainContext, so the test's client can block on requests. Both stay borrowed. */
typedef struct _HubTestServer HubTestServer;

HubTestServer *hub_test_server_start (ContentStore *store, HubDb *db);

/* Stops the server, joins its thread and frees it. */
void hub_test_server_stop (HubTestServer *self);

/* An officer logged in: the session is made in @db directly, so no password is hashed. */
typedef struct {
  char *cookie;   /* the Cookie header to send */
  char *csrf;     /* the session's form token */
} HubTestOfficer;

HubTestOfficer *hub_test_officer_new (HubDb *db, const char *name, HubRole role);
void hub_test_officer_free (HubTestOfficer *officer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubTestOfficer, hub_test_officer_free)

/* The absolute URI of @path ("/items") on the server. Free with g_free(). */
char *hub_test_uri (HubTestServer *self, const char *path);

/* Sends @msg as @officer (NULL: nobody), not following redirects; returns the body (the status
 * and headers stay on @msg). The test fails if nothing comes back. */
GBytes *hub_test_send (HubTestServer *self, SoupMessage *msg, const HubTestOfficer *officer);

/* GETs @path as @officer (NULL: nobody); returns the body and sets *@status. Redirects are not
 * followed: a 303's target is in the body as "Location: PATH". */
char *hub_test_get (HubTestServer *self, const HubTestOfficer *officer, const char *path, guint *status);

/* POSTs the form of NULL-terminated name, value pairs to @path as @officer, with the session's
 * CSRF token added; as hub_test_get() otherwise. */
char *hub_test_post (HubTestServer *self, const HubTestOfficer *officer, const char *path, guint *status,
                     ...) G_GNUC_NULL_TERMINATED;

/* A hub on the sample content in test_dir (after test_util_dir_setup()): the store, hub.db, a
 * publisher "lan" and an editor "minh", and the server; hub_test_scene_stop() ends it all. */
typedef struct {
  ContentStore *store;
  HubDb *db;
  HubTestServer *server;
  HubTestOfficer *publisher;
  HubTestOfficer *editor;
} HubTestScene;

void hub_test_scene_start (HubTestScene *scene);
void hub_test_scene_stop (HubTestScene *scene);
