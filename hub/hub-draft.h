/* hub-draft.h: saving an edited record as a draft, and showing why it was not saved. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-media.h"
#include "content-record.h"
#include "hub-html.h"
#include "hub-request.h"

G_BEGIN_DECLS

/* Saves @record (the import format of @ref's kind) as the draft of @ref through the importer,
 * as @req's officer, and audits it. When the importer refuses it, nothing is saved, each
 * problem is filed in @problems (hub_item_form_problems_new()) under the field path it names,
 * and FALSE is returned. */
gboolean hub_draft_save (HubRequest *req, const ContentRef *ref, JsonNode *record, GHashTable *problems);

/* hub_draft_save() with @blob (taken; NULL for none), a picture or sound made from an upload
 * by content_media_new() that @record names: written with the draft, in one transaction. */
gboolean hub_draft_save_with_media (HubRequest *req, const ContentRef *ref, JsonNode *record, ContentMedia *blob,
                                    GHashTable *problems);

/* Files @reason under the form field @path of @problems. */
void hub_draft_add_problem (GHashTable *problems, const char *path, const char *reason);

/* The problems filed under @path, for beside its input. */
void hub_draft_render_field_problems (HubHtml *html, GHashTable *problems, const char *path);

/* Every problem not filed under one of @shown (the paths the page shows beside inputs), as a
 * list naming each one's field. */
void hub_draft_render_other_problems (HubHtml *html, GHashTable *problems, const char *const *shown);

G_END_DECLS
