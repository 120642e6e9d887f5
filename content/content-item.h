/* content-item.h: one unit of content (a law, guide, benefit, product, place or notice). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "content-text.h"

G_BEGIN_DECLS

typedef enum {
  CONTENT_KIND_LAW,
  CONTENT_KIND_GUIDE,
  CONTENT_KIND_BENEFIT,
  CONTENT_KIND_PRODUCT,
  CONTENT_KIND_PLACE,
  CONTENT_KIND_NOTICE,
  CONTENT_N_KINDS
} ContentKind;

typedef enum {
  CONTENT_STATUS_DRAFT,
  CONTENT_STATUS_PUBLISHED,
  CONTENT_STATUS_ARCHIVED,
  CONTENT_N_STATUSES
} ContentStatus;

typedef struct {
  char *id;
  ContentKind kind;
  ContentStatus status;
  char *sms_code;          /* NULL when the item has none */
  char **topics;           /* topic ids, NULL-terminated */
  char *reviewed_on;       /* YYYY-MM-DD */
  char *reviewed_by;
  JsonNode *sources;       /* array of {"title", "url"} */
  JsonNode *details;       /* the kind's own object (see content/FORMAT.md) */
  GPtrArray *texts;        /* ContentText, one per language, "vi" always present */
  JsonNode *media;         /* array of pictures and recordings (content/FORMAT.md, "Media"),
                            * NULL when it has none */
  gint64 seq;              /* the change that last touched it; 0 before it is stored */
} ContentItem;

ContentItem *content_item_new (void);
void content_item_free (ContentItem *item);

/* The text in @lang exactly, or NULL. */
const ContentText *content_item_get_text (const ContentItem *item, const char *lang);

/* The text to show a reader of @lang: the first language of its fallback chain the item has.
 * Never NULL for an item with any text (every imported item has Vietnamese). */
const ContentText *content_item_get_text_for (const ContentItem *item, const char *lang);

/* The item in the import/export format of content/FORMAT.md. */
JsonNode *content_item_to_json (const ContentItem *item);

/* The recording of the item's text in @lang (an element of item->media, borrowed), or NULL. */
JsonObject *content_item_get_recording (const ContentItem *item, const char *lang);

/* TRUE when @recording (an element of item->media) no longer reads the item's text: the
 * text it was bound to (its text_sha256, null for a language without text) is not the
 * item's text in its language now (content_text_spoken_sha256()). A stale recording is not
 * played; the hub lists it to be made again. */
gboolean content_item_recording_is_stale (const ContentItem *item, JsonObject *recording);

/* A string member of the kind's object, or NULL (e.g. "number" of a law). */
const char *content_item_get_detail (const ContentItem *item, const char *member);

/* Any member of the kind's object (borrowed), or NULL. */
JsonNode *content_item_get_detail_node (const ContentItem *item, const char *member);

/* The value of the localized text or list @ltext (language → string or array) for a reader of
 * @lang, along its fallback chain (borrowed); NULL when @ltext is not a localized value. */
JsonNode *content_localized (JsonNode *ltext, const char *lang);

const char *content_kind_to_string (ContentKind kind);
/* Returns FALSE when @name is not a kind. */
gboolean content_kind_from_string (const char *name, ContentKind *kind);
const char *content_status_to_string (ContentStatus status);
gboolean content_status_from_string (const char *name, ContentStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentItem, content_item_free)

G_END_DECLS

G_BEGIN_DECLS

/* A law's status to show on @today (YYYY-MM-DD): "not_yet_in_force" while its effective date is
 * ahead, else the status the authorities state ("in_force", "partly_expired", "expired").
 * NULL for other kinds. */
const char *content_item_law_status (const ContentItem *item, const char *today);

G_END_DECLS
