/* content-record.h: names for every kind of record the store versions and sync carries. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rule kinds come in the order of ContentRuleKind (content-rule-set.h), so that
 * CONTENT_RECORD_QUESTION + rule kind is the record kind of a rule part. */
typedef enum {
  CONTENT_RECORD_ITEM,
  CONTENT_RECORD_TOPIC,
  CONTENT_RECORD_QUESTION,
  CONTENT_RECORD_PARAMETER,
  CONTENT_RECORD_CONDITION,
  CONTENT_RECORD_RULE,       /* a benefit's rule; its id is the benefit item's id */
  CONTENT_RECORD_CASES,      /* a case table of the rules */
  CONTENT_RECORD_MEDIA,      /* a blob; its id is its sha256 */
  CONTENT_RECORD_GREETING,   /* a recorded greeting; its id is the language */
  CONTENT_N_RECORD_KINDS
} ContentRecordKind;

/* "item", "topic", "question", "parameter", "condition", "rule", "cases", "media", "greeting":
 * the names the schema, the command line and sync use. */
const char *content_record_kind_to_string (ContentRecordKind kind);

/* Returns FALSE when @name is not a record kind. */
gboolean content_record_kind_from_string (const char *name, ContentRecordKind *kind);

/* TRUE for the kinds that have drafts and revisions (all but media and greetings, which are
 * immutable blobs and a pointer to one). */
gboolean content_record_kind_is_versioned (ContentRecordKind kind);

/* One record, named as people type it on the command line: "ID" is an item, "KIND:ID" any
 * other kind ("topic:law-family", "rule:social-pension"). */
typedef struct {
  ContentRecordKind kind;
  char *id;
} ContentRef;

/* Parses @text into @ref (ref->id to be freed with g_free); FALSE with @error
 * (CONTENT_ERROR_INVALID_INPUT) when the kind is unknown or the id is empty. */
gboolean content_ref_parse (const char *text, ContentRef *ref, GError **error);

G_END_DECLS
