/* content-validator.h: checks one JSON item or topic against content/FORMAT.md. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-item.h"
#include "content-topic.h"

G_BEGIN_DECLS

/* What a field must hold: each kind of object is described by a table of these, ending with
 * an entry whose name is NULL. */
typedef enum {
  CONTENT_FIELD_STRING,    /* non-empty string */
  CONTENT_FIELD_ID,        /* an id (content_validator_is_id) */
  CONTENT_FIELD_KEY,       /* a rule key: lower-case letters, digits and '_' */
  CONTENT_FIELD_DATE,      /* YYYY-MM-DD */
  CONTENT_FIELD_INT,       /* integer within [min, max] */
  CONTENT_FIELD_NUMBER,    /* any number within [min, max] */
  CONTENT_FIELD_BOOLEAN,
  CONTENT_FIELD_ENUM,      /* one of values */
  CONTENT_FIELD_LTEXT,     /* localized text: lang → string, "vi" required */
  CONTENT_FIELD_LLIST,     /* localized list: lang → array of strings, "vi" required */
  CONTENT_FIELD_STRINGS,   /* array of strings */
  CONTENT_FIELD_IDS,       /* array of ids */
  CONTENT_FIELD_OBJECT,    /* object described by fields */
  CONTENT_FIELD_OBJECTS,   /* array of objects described by fields */
  CONTENT_FIELD_ANY,       /* any JSON: the caller checks it */
  CONTENT_FIELD_SHA256,    /* a blob's name: 64 lower-case hexadecimal digits */
  CONTENT_FIELD_LANG,      /* a language code of the registry */
} ContentFieldType;

enum {
  CONTENT_FIELD_REQUIRED = 1 << 0,  /* must be present */
  CONTENT_FIELD_NULLABLE = 1 << 1,  /* may be null */
  CONTENT_FIELD_NONEMPTY = 1 << 2,  /* arrays: at least one element */
};

typedef struct ContentFieldSpec ContentFieldSpec;
struct ContentFieldSpec {
  const char *name;
  ContentFieldType type;
  guint flags;
  const char *const *values;
  double min, max;
  const ContentFieldSpec *fields;
};

/* Where a problem was found, for messages that name file, item and field. */
typedef struct {
  const char *file;
  const char *what;       /* "item" or "topic" */
  const char *id;         /* NULL until known */
  GPtrArray *problems;    /* char *: "FILE: item ID: FIELD: REASON" */
  gboolean again;         /* the object was validated whole before and is the same (an import
                           * reads its files twice): checks that build nothing (a body's
                           * markup) are not made again */
} ContentValidation;

/* Adds a problem: "FILE: WHAT ID: FIELD: REASON". @field may be NULL for the whole object. */
void content_validation_add (ContentValidation *v, const char *field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* Validates @node as an item; returns it, or NULL after adding at least one problem to @v.
 * @expected_kind is the kind the file's folder implies, or -1 when the file names it alone. */
ContentItem *content_validator_item (ContentValidation *v, JsonNode *node, int expected_kind);

/* Validates @node as a topic, likewise. */
ContentTopic *content_validator_topic (ContentValidation *v, JsonNode *node);

/* Checks @node, an object at @path ("" for the top), against @fields: required members,
 * types, and no members the table does not name. */
void content_validator_check (ContentValidation *v, JsonNode *node, const ContentFieldSpec *fields,
                              const char *path);

/* Checks @node at @path as a localized text: language → string, "vi" required. */
void content_validator_check_ltext (ContentValidation *v, JsonNode *node, const char *path);

/* The fields of @what, for editors that build forms from them: "item" (the members every item
 * has; "texts" and the kind's object apart), "text" (one language's text), "topic", or a kind
 * of item ("law", "guide", ...: that kind's own object). NULL for anything else. */
const ContentFieldSpec *content_validator_fields (const char *what);

/* TRUE when @key is a rule key: a lower-case letter, then lower-case letters, digits, '_'. */
gboolean content_validator_is_key (const char *key);

/* TRUE when @node holds a string / an integer / any number. */
gboolean content_validator_holds_string (JsonNode *node);
gboolean content_validator_holds_number (JsonNode *node);

/* The string member @name of @obj (which may be NULL), or NULL when absent or not a string. */
const char *content_validator_member_string (JsonObject *obj, const char *name);

/* TRUE when @s is a valid date written YYYY-MM-DD. */
gboolean content_validator_is_date (const char *s);

/* TRUE when @id is a well-formed id (lower-case ASCII letters, digits, '-'; 2–80; starts with a
 * letter). */
gboolean content_validator_is_id (const char *id);

/* TRUE when @s is shaped as an SMS code: 2 to 16 upper-case ASCII letters and digits. */
gboolean content_validator_is_sms_code (const char *s);

G_END_DECLS
