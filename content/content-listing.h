/* content-listing.h: items as editors list them, live and draft, filtered and paged. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *kind;          /* "law", ...; NULL for every kind */
  const char *topic;         /* only items filed under this topic; NULL for all */
  const char *status;        /* "published", "archived", or "draft" (items with a draft); NULL for all */
  const char *query;         /* what an officer typed: the folding search of readers; NULL for none */
  const char *missing_lang;  /* only items with no text in this language */
  const char *review_lang;   /* only items whose translation into this language needs review */
  guint offset;
  guint limit;               /* 0 for 50 */
} ContentListingFilter;

typedef struct {
  char *id;
  char *kind;
  char *status;        /* the live status, or "draft" for an item that was never published */
  char *title;         /* the Vietnamese title (the draft's when there is no live one) */
  gboolean has_draft;
  char **langs;        /* the languages it has text in */
  char **review_langs; /* the translations made from an older Vietnamese text */
} ContentListingEntry;

void content_listing_entry_free (ContentListingEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentListingEntry, content_listing_entry_free)

/* A page of the items matching @filter (ContentListingEntry): drafts never published first,
 * then the newest change first (in search order when @filter has a query); @more says whether
 * another page follows. */
GPtrArray *content_store_list_entries (ContentStore *self, const ContentListingFilter *filter, gboolean *more,
                                       GError **error);

G_END_DECLS
