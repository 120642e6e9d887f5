/* hub-item-form.h: an item's fields as an HTML form, and the posted form back as a record. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-store.h"
#include "hub-html.h"
#include "hub-request.h"

G_BEGIN_DECLS

/* Problems by form field (char * path → GPtrArray of char * reasons). */
GHashTable *hub_item_form_problems_new (void);

/* Renders the inputs for every field of @record (an item in the import format): its members,
 * its kind's object, and its texts in Vietnamese beside @lang. @problems are shown beside their
 * fields. */
void hub_item_form_render (HubHtml *html, ContentStore *store, JsonObject *record, const char *lang,
                           GHashTable *problems);

/* Writes the posted fields of @req onto @record (members the form does not show are kept).
 * Values that cannot even be read (a JSON field that does not parse) go to @problems. */
void hub_item_form_read (HubRequest *req, JsonObject *record, const char *lang, GHashTable *problems);

/* Files each problem of a content import error @message about @what @id ("item", "topic")
 * under the form field it names (the longest field path it starts with), else under "". */
void hub_item_form_file_problems (GHashTable *problems, const char *message, const char *what, const char *id);

/* Renders the problems filed under "" (those of no one field). */
void hub_item_form_render_general (HubHtml *html, GHashTable *problems);

G_END_DECLS
