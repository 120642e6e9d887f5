/* content-rule-cases.h: case tables that pin down what the eligibility rules decide. */
#pragma once

#include "content-rule-set.h"

G_BEGIN_DECLS

/* Runs the case table @table ({"cases": [{"name", "date", "answers": {question: answer},
 * "expect": {benefit: verdict}}]}) against @rules. Each mismatch, and each answer the engine
 * refuses, is added to @failures as "LABEL: case NAME: BENEFIT: expected X, got Y (reasons)".
 * Sets *@n_cases. Returns FALSE, adding nothing, when @table is not a case table. */
gboolean content_rule_cases_run_table (ContentRuleSet *rules, const char *label, JsonNode *table,
                                       GPtrArray *failures, guint *n_cases);

/* Runs the case table in @file, labelled by it, as content_rule_cases_run_table(). Returns FALSE
 * with @error only when the file cannot be read or is not a case table. */
gboolean content_rule_cases_run (ContentRuleSet *rules, const char *file, GPtrArray *failures,
                                 guint *n_cases, GError **error);

/* Runs every case table of @rules (the cases parts, as stored with the rules), each labelled by
 * its id, adding failures to @failures and setting *@n_cases to the number of cases run. Returns
 * TRUE when no case failed: a rule change is not to be published otherwise. */
gboolean content_rule_set_check_cases (ContentRuleSet *rules, GPtrArray *failures, guint *n_cases);

G_END_DECLS
