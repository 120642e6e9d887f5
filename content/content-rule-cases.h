/* content-rule-cases.h: case tables that pin down what the eligibility rules decide. */
#pragma once

#include "content-rule-set.h"

G_BEGIN_DECLS

/* Runs the case table @file ({"cases": [{"name", "date", "answers": {question: answer},
 * "expect": {benefit: verdict}}]}) against @rules. Each mismatch, and each answer the engine
 * refuses, is added to @failures as "FILE: case NAME: BENEFIT: expected X, got Y (reasons)".
 * Sets *@n_cases. Returns FALSE with @error only when the file cannot be read or is not a case
 * table. */
gboolean content_rule_cases_run (ContentRuleSet *rules, const char *file, GPtrArray *failures,
                                 guint *n_cases, GError **error);

G_END_DECLS
