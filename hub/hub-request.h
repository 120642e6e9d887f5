/* hub-request.h: one HTTP request to the hub, as its handlers see it. */
#pragma once

#include <libsoup/soup.h>

#include "hub-account.h"
#include "hub-db.h"
#include "hub-html.h"

G_BEGIN_DECLS

typedef struct _HubServer HubServer;

typedef struct {
  HubServer *server;
  SoupServerMessage *msg;
  const char *method;
  const char *path;
  GHashTable *query;       /* the URI's query, decoded; never NULL */
  GHashTable *form;        /* a POSTed form, decoded; never NULL */
  GBytes *upload;          /* a multipart form's "file" part, or NULL */
  char *upload_name;       /* the name the browser gave that file, or NULL */
  char **args;             /* what the route's '*' segments matched, in order */
  HubAccount *account;     /* the officer logged in, or NULL */
  HubSession *session;     /* their session, or NULL */
  char *token;             /* their session's token, or NULL */
  char *lang;              /* the interface language: "vi" or "en" */
  char *address;           /* the client's address, for throttling and the audit log */
  gboolean paused;         /* a handler answers later, through hub_request_resume() */
} HubRequest;

/* A value of the query, or NULL. */
const char *hub_request_query (HubRequest *req, const char *name);

/* A value of the posted form, or NULL. */
const char *hub_request_field (HubRequest *req, const char *name);

/* The opaque id content.db records as the author of this request's changes. */
char *hub_request_author (HubRequest *req);

/* Answers with a whole page: @body inside the hub's layout, titled @title. */
void hub_request_page (HubRequest *req, guint status, const char *title, HubHtml *body);

/* Answers with a short page saying @message (already translated). */
void hub_request_message (HubRequest *req, guint status, const char *title, const char *message);

/* Answers 500 for @error (the database or the system failed): the details go to the log, the
 * officer reads that the hub could not do it, never SQLite's words. */
void hub_request_failure (HubRequest *req, const char *title, const GError *error);

/* Answers 303 See Other to @location (a path on this hub). */
void hub_request_redirect (HubRequest *req, const char *location);

/* Adds to the audit log as this request's officer; a failure to log is itself logged. */
void hub_request_audit (HubRequest *req, const char *action, const char *target, const char *detail);

/* Keeps the request open after its handler returns; hub_request_resume() answers it. */
void hub_request_pause (HubRequest *req);
void hub_request_resume (HubRequest *req);

void hub_request_free (HubRequest *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubRequest, hub_request_free)

G_END_DECLS
