/* content-store.h: the content database (SQLite), the only way into content.db. */
#pragma once

#include <glib-object.h>

#include "content-item.h"
#include "content-topic.h"

G_BEGIN_DECLS

#define CONTENT_TYPE_STORE (content_store_get_type ())
G_DECLARE_FINAL_TYPE (ContentStore, content_store, CONTENT, STORE, GObject)

typedef enum {
  CONTENT_STORE_OPEN_DEFAULT = 0,        /* the file must exist and be a content database */
  CONTENT_STORE_OPEN_CREATE = 1 << 0,    /* create the file and schema when missing or empty:
                                          * only for what is made to create a store (banlang
                                          * init and demo, a kiosk's first sync) */
  CONTENT_STORE_OPEN_READ_ONLY = 1 << 1, /* never write (the kiosk's and responder's view) */
} ContentStoreOpenFlags;

/* The schema version this library writes and understands. */
#define CONTENT_STORE_SCHEMA_VERSION 6

/* Opens (and with CONTENT_STORE_OPEN_CREATE creates) the database at @path, bringing an older
 * schema up to date. Fails with CONTENT_ERROR_SCHEMA_TOO_NEW for a database from a newer
 * banlang, CONTENT_ERROR_NOT_CONTENT_DB for another SQLite file or, unless creation was asked
 * for, an empty one (0 bytes or no tables), CONTENT_ERROR_NOT_FOUND when the file is missing
 * and creation was not asked for. Every error names @path. */
ContentStore *content_store_open (const char *path, ContentStoreOpenFlags flags, GError **error);

const char *content_store_get_path (ContentStore *self);

/* Sets *@seq to the last value the change counter handed out (0 for an empty database).
 * FALSE with @error (*@seq untouched) when the database cannot be read. */
gboolean content_store_get_seq (ContentStore *self, gint64 *seq, GError **error);

/* Called after each item is written by an import or a replica's apply. */
typedef void (*ContentStoreProgressFunc) (guint done, guint total, gpointer user_data);

/* The live item with @id (published or archived; drafts are content_store_get_draft()'s), or
 * NULL with CONTENT_ERROR_NOT_FOUND. */
ContentItem *content_store_get_item (ContentStore *self, const char *id, GError **error);

/* The live topic with @id, or NULL with CONTENT_ERROR_NOT_FOUND. */
ContentTopic *content_store_get_topic (ContentStore *self, const char *id, GError **error);

/* Ids of all live items (published and archived), in id order. */
GPtrArray *content_store_list_item_ids (ContentStore *self, GError **error);

/* Ids of the published items in topic @topic_id (not its subtopics), ordered by title in
 * Vietnamese order. */
GPtrArray *content_store_list_topic_items (ContentStore *self, const char *topic_id, GError **error);

/* Ids of the published items of @kind, ordered by title. */
GPtrArray *content_store_list_kind (ContentStore *self, ContentKind kind, GError **error);

/* Ids of the published products rated at least @stars, the most stars first, then by title. */
GPtrArray *content_store_list_products_with_stars (ContentStore *self, int stars, GError **error);

/* Ids of the published notices in force on @today (YYYY-MM-DD), the newest first; at most
 * @limit of them (0 for all). */
GPtrArray *content_store_list_current_notices (ContentStore *self, const char *today, guint limit,
                                               GError **error);

/* Ids of the published guides that explain the law @law_id, ordered by title. */
GPtrArray *content_store_list_guides_of (ContentStore *self, const char *law_id, GError **error);

/* All topics, parents before children, siblings in their order. */
GPtrArray *content_store_list_topics (ContentStore *self, GError **error);

/* What owns SMS code @code: sets *@what to "item" or "topic" and *@id to its id (both to be
 * freed). FALSE with CONTENT_ERROR_NOT_FOUND when the code is free, another error when reading
 * failed. */
gboolean content_store_find_sms_code (ContentStore *self, const char *code, char **what, char **id,
                                      GError **error);

/* Every SMS code of a topic or a published item, sorted. */
GPtrArray *content_store_list_sms_codes (ContentStore *self, GError **error);

/* TRUE when an item (any status) / a topic with @id exists; FALSE with CONTENT_ERROR_NOT_FOUND
 * when none does, another error when reading failed. */
gboolean content_store_has_item (ContentStore *self, const char *id, GError **error);
gboolean content_store_has_topic (ContentStore *self, const char *id, GError **error);

/* The id of the published item whose id, SMS code or law number is exactly @word (case as
 * stored): what a word of a body links to (content-body.h). Free with g_free(). NULL with
 * CONTENT_ERROR_NOT_FOUND when there is none, another error when reading failed. */
char *content_store_find_item_code (ContentStore *self, const char *word, GError **error);

/* The kind of the stored item @id; FALSE with CONTENT_ERROR_NOT_FOUND when there is none,
 * another error when reading failed. */
gboolean content_store_get_item_kind (ContentStore *self, const char *id, ContentKind *kind,
                                      GError **error);

G_END_DECLS
