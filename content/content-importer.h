/* content-importer.h: reads JSON files into the content store, all or nothing. */
#pragma once

#include "content-drafts.h"
#include "content-media.h"
#include "content-store.h"

G_BEGIN_DECLS

typedef struct _ContentImporter ContentImporter;

ContentImporter *content_importer_new (ContentStore *store);
void content_importer_free (ContentImporter *self);

/* Reads @path: a directory in the layout of content/FORMAT.md (topics.json, <kind>/<id>.json,
 * media/<sha256>.<extension>, greetings.json), an item file, or a bundle file. Problems in the
 * content are collected for content_importer_commit() to report; only a path that cannot be
 * read at all fails here. */
gboolean content_importer_add_path (ContentImporter *self, const char *path, GError **error);

/* Who imports, and whether as drafts (default: published, by the account id "import"). The
 * strings are copied. With drafts, references may also point at other drafts. */
void content_importer_set_change (ContentImporter *self, const ContentChange *change);

/* Adds one record already parsed (a draft being published): checked like a file's, with
 * @origin naming it in messages. */
void content_importer_add_record (ContentImporter *self, const ContentRef *ref, JsonNode *record,
                                  const char *origin);

/* Adds @media (taken; made by content_media_new(), so already checked) as a blob of this
 * import, as a file of a directory's media/ would be: a record added with it may name it (an
 * upload from the hub). The same bytes added twice are kept once. */
void content_importer_add_media (ContentImporter *self, ContentMedia *media);

/* The size limits for the media files read from now on (default: CONTENT_MEDIA_LIMITS_INIT).
 * Set it before content_importer_add_path(). */
void content_importer_set_media_limits (ContentImporter *self, const ContentMediaLimits *limits);

guint content_importer_get_n_items (ContentImporter *self);
guint content_importer_get_n_topics (ContentImporter *self);

/* Checks references across everything read (topics, the laws guides explain, SMS codes, ids
 * given twice) against the import and the store, then writes it all in one transaction.
 * With any problem, nothing is written and @error (CONTENT_ERROR_INVALID_INPUT) lists every
 * problem, each naming file, item, field and reason. */
gboolean content_importer_commit (ContentImporter           *self,
                                  ContentStoreProgressFunc   progress,
                                  gpointer                   user_data,
                                  GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentImporter, content_importer_free)

G_END_DECLS
