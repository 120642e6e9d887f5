/* content-screening.h: one household's eligibility screening, question by question. */
#pragma once

#include <json-glib/json-glib.h>

#include "content-rule-set.h"

G_BEGIN_DECLS

typedef enum {
  CONTENT_VERDICT_ELIGIBLE,
  CONTENT_VERDICT_NOT_ELIGIBLE,
  CONTENT_VERDICT_UNDECIDED,
} ContentVerdict;

const char *content_verdict_to_string (ContentVerdict verdict);

typedef struct {
  char *benefit;        /* the benefit item's id */
  ContentVerdict verdict;
  gboolean in_force;    /* FALSE when no version of the rule is in force on the date (the
                         * programme ended, or has not begun): not eligible, but not for
                         * anything about the household, so screens say it apart */
  char *ended_on;       /* not in force: the last day of the programme that ended (YYYY-MM-DD), or NULL */
  char *begins_on;      /* not in force: the first day of the programme to come, or NULL */
  GPtrArray *met;       /* char *: the criteria met, worded as met, in the screening's language */
  GPtrArray *not_met;   /* char *: the criteria not met, worded as not met */
  GPtrArray *unknown;   /* char *: what is still open: the questions that would decide */
} ContentBenefitResult;

void content_benefit_result_free (ContentBenefitResult *result);

typedef struct _ContentScreening ContentScreening;

/* A screening against @rules (borrowed; must outlive it) at @date (YYYY-MM-DD; NULL for today)
 * for a reader of @lang (a registry code; NULL for "vi"). An invalid date or language is
 * CONTENT_ERROR_INVALID_INPUT. */
ContentScreening *content_screening_new (ContentRuleSet *rules, const char *date, const char *lang,
                                         GError **error);
void content_screening_free (ContentScreening *self);

const char *content_screening_get_date (ContentScreening *self);
const char *content_screening_get_lang (ContentScreening *self);

/* Records the answer @value to @question, as a person or the command line gives it: "yes",
 * "no" for yes/no questions, a choice's value, digits for a number, or "unknown" (don't know)
 * where the question allows it. Answering again replaces the answer. An unknown question, a
 * value of the wrong type or out of bounds is CONTENT_ERROR_INVALID_INPUT naming it, and the
 * screening is unchanged. */
gboolean content_screening_answer (ContentScreening *self, const char *question, const char *value,
                                   GError **error);

/* Forgets the answer to @question (the wizard's Back). */
void content_screening_forget (ContentScreening *self, const char *question);

/* The verdict for every benefit that has a rule, with its reasons, in benefit id order. A
 * criterion is listed in the wording of its outcome; one the answers leave unknown is not
 * stated either way: its question is listed under unknown instead. */
GPtrArray *content_screening_evaluate (ContentScreening *self);

/* The question to ask next: of those not yet answered, the one that can still change the verdict
 * of the most undecided benefits (ties go to the rule set's question order). NULL when no answer
 * could change any verdict. Borrowed. */
const char *content_screening_next_question (ContentScreening *self);

/* The whole state for people and programs: date, language, every benefit's verdict, reasons
 * ("met", "not_met", "unknown", as in ContentBenefitResult), amount, where to apply and what to
 * bring, and the next question with its wording (the format of `banlang eligibility --json`). */
JsonNode *content_screening_to_json (ContentScreening *self);

/* How many questions could still be asked: the unanswered ones that the rules of the benefits
 * still undecided depend on. The wizard's "question 3 of at most 10" adds the answered ones. */
guint content_screening_count_open (ContentScreening *self);

/* The values worth trying for @question (one per range the rules tell apart, every choice,
 * yes and no), as answer strings; for tests that walk every answer path. Free with g_strfreev(). */
char **content_screening_sample_answers (ContentScreening *self, const char *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentScreening, content_screening_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentBenefitResult, content_benefit_result_free)

G_END_DECLS
