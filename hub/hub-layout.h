/* hub-layout.h: the frame around every hub page, and the pieces pages share. */
#pragma once

#include "hub-html.h"
#include "hub-request.h"

#include "content-record.h"

G_BEGIN_DECLS

/* The whole document: head, the menu for @req's officer (what their role may open), @title and
 * @body. */
HubHtml *hub_layout_render (HubRequest *req, const char *title, HubHtml *body);

/* Opens a POST form to @action carrying the session's CSRF token. Close it with "</form>". */
void hub_layout_form (HubHtml *html, HubRequest *req, const char *action, const char *css_class);

/* Opens a POST form to @action that uploads a file (multipart/form-data: its file input is
 * named "file"), carrying the session's CSRF token. Close it with "</form>". */
void hub_layout_upload_form (HubHtml *html, HubRequest *req, const char *action, const char *css_class);

/* A one-button form posting to @action (publish, archive, log out...). */
void hub_layout_button (HubHtml *html, HubRequest *req, const char *action, const char *label,
                        const char *css_class);

/* The actions on a topic or rule part's page: its history, and for a publisher, publishing its
 * draft (when @is_draft) and removing it from the kiosks. */
void hub_layout_record_actions (HubHtml *html, HubRequest *req, const ContentRef *ref, gboolean is_draft);

G_END_DECLS
