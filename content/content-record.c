/* content-record.c: the names of record kinds, shared by the schema, the command line and sync.
 *
 * The strings are the values of the schema's CHECK constraints (drafts.what, tombstones.what,
 * rule_parts.kind), so one table here keeps C and SQL spelling them alike.
 */
#include "content-record.h"
#include "content-error.h"

#include <string.h>

static const char *const kind_names[CONTENT_N_RECORD_KINDS] = {
  "item", "topic", "question", "parameter", "condition", "rule", "cases", "media", "greeting",
};

const char *
content_record_kind_to_string (ContentRecordKind kind)
{
  g_return_val_if_fail (kind < CONTENT_N_RECORD_KINDS, NULL);
  return kind_names[kind];
}

gboolean
content_record_kind_from_string (const char *name, ContentRecordKind *kind)
{
  for (int k = 0; k < CONTENT_N_RECORD_KINDS; k++)
    if (g_strcmp0 (name, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

gboolean
content_record_kind_is_versioned (ContentRecordKind kind)
{
  return kind != CONTENT_RECORD_MEDIA && kind != CONTENT_RECORD_GREETING;
}

gboolean
content_ref_parse (const char *text, ContentRef *ref, GError **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *kind = colon != NULL ? g_strndup (text, colon - text) : g_strdup ("item");
  const char *id = colon != NULL ? colon + 1 : text;

  if (!content_record_kind_from_string (kind, &ref->kind)
      || !content_record_kind_is_versioned (ref->kind))
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "“%s”: “%s” is not a kind of record (item, topic, question, parameter, "
                   "condition, rule, cases)", text, kind);
      return FALSE;
    }
  if (*id == '\0')
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "“%s”: no id after the kind", text);
      return FALSE;
    }
  ref->id = g_strdup (id);
  return TRUE;
}
