/* content-validator.h: checks one JSON item or topic against content/FORMAT.md. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-item.h"
#include "content-topic.h"

G_BEGIN_DECLS

/* Where a problem was found, for messages that name file, item and field. */
typedef struct {
  const char *file;
  const char *what;       /* "item" or "topic" */
  const char *id;         /* NULL until known */
  GPtrArray *problems;    /* char *: "FILE: item ID: FIELD: REASON" */
} ContentValidation;

/* Adds a problem: "FILE: WHAT ID: FIELD: REASON". @field may be NULL for the whole object. */
void content_validation_add (ContentValidation *v, const char *field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* Validates @node as an item; returns it, or NULL after adding at least one problem to @v.
 * @expected_kind is the kind the file's folder implies, or -1 when the file names it alone. */
ContentItem *content_validator_item (ContentValidation *v, JsonNode *node, int expected_kind);

/* Validates @node as a topic, likewise. */
ContentTopic *content_validator_topic (ContentValidation *v, JsonNode *node);

/* TRUE when @id is a well-formed id (lower-case ASCII letters, digits, '-'; 2–80; starts with a
 * letter). */
gboolean content_validator_is_id (const char *id);

G_END_DECLS
