/* content-search.h: finding items by what people type. */
#pragma once

#include "content-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *lang;        /* language to show results in (a registry code); NULL for "vi" */
  int kind;                /* a ContentKind, or -1 for every kind */
  const char *topic;       /* only items in this topic or its subtopics; NULL for all */
  guint limit;             /* at most this many results; 0 for 20 */
  gboolean all;            /* include archived items, not only published ones (drafts are never
                            * searched: they are not live content) */
  const char *mark_open;   /* put around matched words in snippets; NULL for "[" */
  const char *mark_close;  /* NULL for "]" */
  gboolean no_snippets;    /* leave snippet NULL (SMS replies show titles only): faster */
  guint min_words;         /* when not every word matches, only items matching at least this
                            * many of the words (0 or 1: any one); a text message is about all
                            * of its words, and one stray word must not pull an item in */
} ContentSearchOptions;

typedef struct {
  char *id;
  ContentKind kind;
  char *lang;       /* the language title is in (the reader's, or a fallback) */
  char *title;
  char *snippet;    /* a piece of the matching text, original accents, matches marked */
  double score;     /* higher is better; comparable within one search only */
  char *number;     /* a law's document number, else NULL */
} ContentSearchResult;

void content_search_result_free (ContentSearchResult *result);

/* The words of a query a search considers: the first ones typed. Each costs index lookups (and
 * tries at splitting it), so a pasted page of hundreds of words must not cost seconds; people
 * ask in far fewer. */
#define CONTENT_SEARCH_MAX_WORDS 16

/* Searches published items (archived ones too with options->all) in every language for @query, as a
 * person typed it: folded like the index, so case, diacritics and đ do not matter; the last
 * word matches as a prefix unless the query ends in a space (search as you type); words joined
 * by punctuation ("52/2014") match as a phrase; quotes, '*', NEAR, AND/OR, parentheses are
 * plain text; words typed without their space ("honnhan") are split into words the index knows.
 * When every word must match and none does, items matching any word (at least
 * options->min_words of them) are returned. Only the first CONTENT_SEARCH_MAX_WORDS words
 * count (and none of them as a prefix when more were typed). Queries of
 * one to three letters are served by the index's prefix index; Chinese by a substring scan.
 *
 * Returns ContentSearchResult, best first; empty for an empty query. Invalid UTF-8 is
 * CONTENT_ERROR_INVALID_TEXT. */
GPtrArray *content_store_search (ContentStore                *self,
                                 const char                  *query,
                                 const ContentSearchOptions  *options,
                                 GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentSearchResult, content_search_result_free)

G_END_DECLS
