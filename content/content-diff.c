/* content-diff.c: a readable difference between two revisions of a record.
 *
 * Revisions hold whole records (content-drafts.c), so a diff compares two JSON documents. A
 * line diff of the pretty-printed JSON would show braces and escaped newlines; officers think
 * in fields ("the Vietnamese summary changed"), so records are flattened into field paths and
 * leaf values first. A multi-line value (a body) is then compared line by line (longest common
 * subsequence), so a one-word correction to a long body shows as one changed line.
 */
#include "content-diff.h"

/* Bodies longer than this are shown whole rather than compared line by line. */
#define MAX_LINES 2000

void
content_diff_entry_free (ContentDiffEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->path);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

/* A leaf as people read it: strings as they are, anything else as JSON. */
static char *
leaf_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Adds every leaf of @node under @path to @paths (in order) and @values. An empty object or
 * array is a leaf, so that emptying a list still shows. */
static void
flatten (JsonNode *node, const char *path, GPtrArray *paths, GHashTable *values)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) > 0)
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (obj);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = *path ? g_strdup_printf ("%s.%s", path, (char *) l->data) : g_strdup (l->data);
          flatten (json_object_get_member (obj, l->data), sub, paths, values);
        }
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
          flatten (json_array_get_element (array, i), sub, paths, values);
        }
      return;
    }
  if (!g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
    g_ptr_array_add (paths, g_strdup (path));
  g_hash_table_insert (values, g_strdup (path), leaf_text (node));
}

static void
flatten_record (JsonNode *record, GPtrArray *paths, GHashTable *values)
{
  if (record != NULL)
    flatten (record, "", paths, values);
}

GPtrArray *
content_diff_records (JsonNode *before, JsonNode *after)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) content_diff_entry_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) old_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) new_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* One list of paths: the old record's fields in order, then those only the new one has. */
  flatten_record (before, paths, old_values);
  flatten_record (after, paths, new_values);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      const char *a = g_hash_table_lookup (old_values, path);
      const char *b = g_hash_table_lookup (new_values, path);
      ContentDiffEntry *entry;

      if (g_strcmp0 (a, b) == 0)
        continue;
      entry = g_new0 (ContentDiffEntry, 1);
      entry->path = g_strdup (path);
      entry->before = g_strdup (a);
      entry->after = g_strdup (b);
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static void
append_lines (GString *out, const char *mark, const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (gsize i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "  %s %s\n", mark, lines[i]);
}

/* Unchanged lines shown around a change in a long value. */
#define CONTEXT 2

/* The line diff of @a and @b (longest common subsequence): each line marked ' ', '-' or '+'
 * in @marks and its text in @lines. */
static void
line_diff (char **a, guint n, char **b, guint m, GString *marks, GPtrArray *lines)
{
  g_autofree guint *len = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  guint i = 0, j = 0;

#define LEN(x, y) len[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      LEN (x, y) = g_str_equal (a[x], b[y]) ? LEN (x + 1, y + 1) + 1 : MAX (LEN (x + 1, y), LEN (x, y + 1));
  while (i < n || j < m)
    {
      if (i < n && j < m && g_str_equal (a[i], b[j]))
        {
          g_string_append_c (marks, ' ');
          g_ptr_array_add (lines, a[i++]);
          j++;
        }
      else if (i < n && (j == m || LEN (i + 1, j) >= LEN (i, j + 1)))
        {
          /* What went comes before what replaced it, as in diff(1). */
          g_string_append_c (marks, '-');
          g_ptr_array_add (lines, a[i++]);
        }
      else
        {
          g_string_append_c (marks, '+');
          g_ptr_array_add (lines, b[j++]);
        }
    }
#undef LEN
}

/* TRUE when line @k of the diff is a change or within CONTEXT lines of one. */
static gboolean
near_change (const GString *marks, guint k)
{
  guint from = k >= CONTEXT ? k - CONTEXT : 0, to = MIN (k + CONTEXT, (guint) marks->len - 1);

  for (guint x = from; x <= to; x++)
    if (marks->str[x] != ' ')
      return TRUE;
  return FALSE;
}

static void
append_line_diff (GString *out, char **a, guint n, char **b, guint m)
{
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  gboolean skipped = FALSE;

  line_diff (a, n, b, m, marks, lines);
  for (guint k = 0; k < marks->len; k++)
    {
      if (!near_change (marks, k))
        {
          if (!skipped)
            g_string_append (out, "    …\n");
          skipped = TRUE;
          continue;
        }
      skipped = FALSE;
      g_string_append_printf (out, "  %c %s\n", marks->str[k], (const char *) g_ptr_array_index (lines, k));
    }
}

static void
append_entry (GString *out, const ContentDiffEntry *e)
{
  g_auto(GStrv) a = e->before != NULL ? g_strsplit (e->before, "\n", -1) : NULL;
  g_auto(GStrv) b = e->after != NULL ? g_strsplit (e->after, "\n", -1) : NULL;
  guint n = a != NULL ? g_strv_length (a) : 0, m = b != NULL ? g_strv_length (b) : 0;

  g_string_append_printf (out, "%s%s\n", e->path,
                          e->before == NULL ? " (added)" : e->after == NULL ? " (removed)" : "");
  if (n > 1 && m > 1 && n <= MAX_LINES && m <= MAX_LINES)
    {
      append_line_diff (out, a, n, b, m);
      return;
    }
  if (e->before != NULL)
    append_lines (out, "-", e->before);
  if (e->after != NULL)
    append_lines (out, "+", e->after);
}

char *
content_diff_to_text (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    append_entry (out, g_ptr_array_index (entries, i));
  return g_string_free (out, FALSE);
}
