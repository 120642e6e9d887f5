/* content-drafts.h: drafts beside live content, revisions, publishing, translation state. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-item.h"
#include "content-record.h"
#include "content-store.h"

G_BEGIN_DECLS

/* Who makes a change and how it lands. */
typedef struct {
  const char *author;   /* an opaque account id (never a person's name: content.db is copied
                         * to every kiosk) */
  gboolean draft;       /* save as drafts beside live content instead of publishing */
  gboolean important;   /* published items are marked important (see ContentPublishFlags) */
} ContentChange;

/* An application in progress: content_store_apply() hands one to the function that gives it
 * its items. */
typedef struct _ContentApply ContentApply;

/* Writes @item (borrowed; the caller may free it at once) as part of @apply. */
gboolean content_apply_item (ContentApply *apply, ContentItem *item, GError **error);

/* Gives @apply its items, one content_apply_item() each, in the order they are to be written
 * (so that an import need not hold them all); FALSE with @error set to undo everything. */
typedef gboolean (*ContentItemsFunc) (ContentApply *apply, gpointer user_data, GError **error);

/* Writes @topics (ContentTopic, parents before children), the items @items_func gives and
 * @rule_parts (ContentRulePart) in one transaction, each with a revision by @change->author.
 * Published: each takes the next seq, replaces the live record of its id, and its draft (if
 * any) is gone; an item whose status is "draft" is saved as a draft instead. As drafts:
 * nothing live changes. Before them, in the same transaction, the blobs @media (ContentMedia)
 * the store lacks and the greetings @greetings ({"lang", "sha256"}): blobs are not versioned
 * (drafts need them too) and neither are greetings. The caller has validated them
 * (content-importer.c); the database's constraints are the last guard, and on any failure
 * nothing is written. Any array, and @items_func, may be NULL. */
gboolean content_store_apply (ContentStore              *self,
                              GPtrArray                 *topics,
                              ContentItemsFunc           items_func,
                              gpointer                   items_data,
                              GPtrArray                 *rule_parts,
                              GPtrArray                 *media,
                              JsonArray                 *greetings,
                              const ContentChange       *change,
                              GError                   **error);

/* The draft of @ref in the import format, or NULL: CONTENT_ERROR_NOT_FOUND when it has none. */
JsonNode *content_store_get_draft (ContentStore *self, const ContentRef *ref, GError **error);

/* The record to edit: the draft when there is one, else the live record; NULL with
 * CONTENT_ERROR_NOT_FOUND when neither exists. Sets *@is_draft when not NULL. */
JsonNode *content_store_get_editable (ContentStore *self, const ContentRef *ref, gboolean *is_draft,
                                      GError **error);

/* Refs of every draft (ContentRef), by kind then id; g_array_unref() frees their ids too. */
GArray *content_store_list_drafts (ContentStore *self, GError **error);

typedef enum {
  CONTENT_PUBLISH_DEFAULT = 0,
  CONTENT_PUBLISH_IMPORTANT = 1 << 0,  /* the publisher marks the change as important: the
                                        * items' revisions record it, and while the live item
                                        * carries that revision content_store_foreach_change()
                                        * gives its record "important": true, so followers are
                                        * told even of a correction */
} ContentPublishFlags;

/* Sets *@may to whether a publication of item @id may be marked important: it corrects a live,
 * published notice, law or benefit (a first publication alerts followers anyway, and nothing
 * alerts about other kinds). FALSE with @error when the store cannot be read. */
gboolean content_store_may_mark_important (ContentStore *self, const char *id, gboolean *may, GError **error);

/* Publishes the drafts of @refs (@n of them) in one transaction, after checking them as an
 * import would be checked against the live content (references, SMS codes, the whole rule
 * set); each takes the next seq. Fails with CONTENT_ERROR_NOT_FOUND when one has no draft,
 * CONTENT_ERROR_INVALID_INPUT listing every problem (with CONTENT_PUBLISH_IMPORTANT, a record
 * that content_store_may_mark_important() does not allow is one); nothing is published then. */
gboolean content_store_publish (ContentStore *self, const ContentRef *refs, guint n,
                                const char *author, ContentPublishFlags flags, GError **error);

/* Archives the live item @id (readers stop seeing it); takes the next seq. */
gboolean content_store_archive (ContentStore *self, const char *id, const char *author, GError **error);

/* Deletes @ref, live and draft, leaving a tombstone (next seq) and a revision. A benefit
 * item's rule goes with it. A topic still holding items or subtopics is refused
 * (CONTENT_ERROR_INVALID_INPUT), and so is a question, parameter or condition the rules use. */
gboolean content_store_delete (ContentStore *self, const ContentRef *ref, const char *author, GError **error);

/* Saves revision @rev of @ref as a new draft revision (nothing is erased). */
gboolean content_store_restore (ContentStore *self, const ContentRef *ref, gint64 rev,
                                const char *author, GError **error);

typedef struct {
  gint64 rev;
  char *action;      /* save, publish, archive, delete, restore */
  char *author;
  char *at;          /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char *status;      /* an item's status in that revision; NULL for other kinds, or a delete */
} ContentRevision;

void content_revision_free (ContentRevision *revision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentRevision, content_revision_free)

/* The revisions of @ref, oldest first (ContentRevision); an empty array when it has none. */
GPtrArray *content_store_list_revisions (ContentStore *self, const ContentRef *ref, GError **error);

/* The record of revision @rev of @ref (NULL for a delete's): NULL with
 * CONTENT_ERROR_NOT_FOUND when there is no such revision. Sets *@found. */
JsonNode *content_store_get_revision (ContentStore *self, const ContentRef *ref, gint64 rev,
                                      gboolean *found, GError **error);

typedef struct {
  char *lang;
  gint64 made_from;    /* the Vietnamese revision it was made from or confirmed against */
  gint64 vi_rev;       /* the item's current Vietnamese revision */
  gboolean needs_review;
} ContentTranslationState;

void content_translation_state_free (ContentTranslationState *state);

/* The state of each translation of item @id, measured against its newest revision (the draft
 * when there is one), in registry order. */
GPtrArray *content_store_list_translation_states (ContentStore *self, const char *id, GError **error);

/* Marks the @lang translation of item @id as reviewed against the current Vietnamese text. */
gboolean content_store_confirm_translation (ContentStore *self, const char *id, const char *lang,
                                            GError **error);

G_END_DECLS
