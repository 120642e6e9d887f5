/* content-diff.h: what changed between two revisions of a record, field by field. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One field that differs. Paths name fields as people read them: "texts.vi.summary",
 * "law.effective_to", "sources[0].url". */
typedef struct {
  char *path;
  char *before;   /* NULL when the field was added */
  char *after;    /* NULL when the field was removed */
} ContentDiffEntry;

void content_diff_entry_free (ContentDiffEntry *entry);

/* The fields of @before and @after (records in the import format; either may be NULL, as
 * for a deletion) that differ, in the order they appear. Empty when they are the same. */
GPtrArray *content_diff_records (JsonNode *before, JsonNode *after);

/* @entries as text for a terminal: each changed field, then its old value marked "-" and its
 * new value marked "+"; long multi-line values (bodies) line by line, unchanged lines kept as
 * context with two spaces. */
char *content_diff_to_text (GPtrArray *entries);

G_END_DECLS
