/* content-rule-set.h: benefit eligibility rules as data (questions, parameters, conditions). */
#pragma once

#include <json-glib/json-glib.h>

#include "content-store.h"
#include "content-validator.h"

G_BEGIN_DECLS

/* The kinds of rule parts, each stored and exchanged as one JSON object (content/RULES.md). */
typedef enum {
  CONTENT_RULE_QUESTION,
  CONTENT_RULE_PARAMETER,
  CONTENT_RULE_CONDITION,   /* a named condition other conditions may refer to */
  CONTENT_RULE_BENEFIT,     /* the rule of one benefit item, by versions in time */
  CONTENT_RULE_CASES,       /* a case table: answers and the verdicts they must give */
  CONTENT_N_RULE_KINDS
} ContentRuleKind;

typedef struct {
  ContentRuleKind kind;
  char *id;
  gint position;        /* order of questions as the rule author listed them */
  JsonNode *definition; /* the part as imported, validated */
  char *file;           /* where it was read from, for messages; NULL when from the store */
} ContentRulePart;

ContentRulePart *content_rule_part_new (ContentRuleKind kind, const char *id, JsonNode *definition);
void content_rule_part_free (ContentRulePart *part);
const char *content_rule_kind_to_string (ContentRuleKind kind);

typedef struct _ContentRuleSet ContentRuleSet;

/* An empty rule set. */
ContentRuleSet *content_rule_set_new (void);
void content_rule_set_free (ContentRuleSet *self);

/* Adds @part (taking it), replacing a part of the same kind and id. */
void content_rule_set_add (ContentRuleSet *self, ContentRulePart *part);

/* The rule set stored in @store, with the benefit items its rules are about. */
ContentRuleSet *content_rule_set_load (ContentStore *store, GError **error);

/* Checks every part against the format and against each other (questions and parameters that
 * conditions name, types of compared values, choices, cycles among named conditions, reasons
 * worded both ways with Vietnamese text, overlapping periods, case tables that name known
 * questions and benefits with rules). That each rule's benefit is a benefit item is for the
 * caller, who knows the items. Adds "file: what id: field: reason" problems to @problems;
 * returns TRUE when there were none. */
gboolean content_rule_set_validate (ContentRuleSet *self, GPtrArray *problems);

/* Parts of @kind, in order (questions by position, others by id). Borrowed. */
GPtrArray *content_rule_set_parts (ContentRuleSet *self, ContentRuleKind kind);

/* The part of @kind and @id, or NULL. Borrowed. */
ContentRulePart *content_rule_set_get (ContentRuleSet *self, ContentRuleKind kind, const char *id);

/* The benefit item a rule is about, when loaded from a store. Borrowed. */
const ContentItem *content_rule_set_get_benefit (ContentRuleSet *self, const char *id);

/* The member that lists parts of @kind in its file ("questions" in rules/questions.json), or
 * NULL for benefit rules and case tables, which have a file each. */
const char *content_rule_kind_list_member (ContentRuleKind kind);

/* Parses one rules file (rules/questions.json, parameters.json, conditions.json, or a benefit's
 * rule) into parts appended to @parts; shape problems go to @problems. */
void content_rule_set_parse_file (const char *file, JsonNode *root, GPtrArray *parts, GPtrArray *problems);

/* Parses a case table (a file in rules/cases/) into one part appended to @parts, its id the
 * file's name without .json; a name that is not an id goes to @problems. The table itself is
 * checked by content_rule_set_validate(), against the rules it will run on. */
void content_rule_set_parse_cases_file (const char *file, JsonNode *root, GPtrArray *parts,
                                        GPtrArray *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentRuleSet, content_rule_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentRulePart, content_rule_part_free)

G_END_DECLS
