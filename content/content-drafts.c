/* content-drafts.c: drafts beside live content, revisions, publishing, translation state.
 *
 * Readers (kiosk, SMS, search, export) see only the live tables. An officer's edit is a draft:
 * the whole record in the import format, kept in `drafts` until a publisher publishes it, so
 * correcting a published law changes nothing a villager sees until then. Publishing goes
 * through the importer (content-importer.c), so a draft is checked exactly as an import is:
 * references, SMS codes, the whole rule set.
 *
 * Every save, publish, archive, delete and restore appends a revision holding the whole record,
 * numbered per record, with an opaque account id for its author (names of people live with the
 * hub, never here: this file is copied to every kiosk). Whole records rather than deltas make
 * any two revisions comparable and any one restorable on its own.
 *
 * Translation state follows Weblate's idea: each item's revision carries vi_rev, the revision
 * in which its Vietnamese text last changed, and each translation remembers the vi_rev it was
 * made from. A translation needs review while that is older than the item's; it is derived,
 * never stored as a flag that could go out of step.
 */
#include "content-drafts.h"
#include "content-error.h"
#include "content-importer.h"
#include "content-language.h"
#include "content-store-private.h"

#include <string.h>

void
content_revision_free (ContentRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->action);
  g_free (revision->author);
  g_free (revision->at);
  g_free (revision->status);
  g_free (revision);
}

void
content_translation_state_free (ContentTranslationState *state)
{
  if (state == NULL)
    return;
  g_free (state->lang);
  g_free (state);
}

static void
clear_ref (gpointer data)
{
  g_free (((ContentRef *) data)->id);
}

/* An account id, not a name: ASCII letters, digits and . _ : - (so "Nguyễn Văn A" is refused
 * before it can be copied to every kiosk). */
static gboolean
check_author (const char *author, GError **error)
{
  gsize len = author != NULL ? strlen (author) : 0;

  if (len > 0 && len <= 64 && strspn (author, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789._:-") == len)
    return TRUE;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
               "author “%s”: must be an account id (1–64 letters, digits, . _ : -), never a "
               "person’s name", author != NULL ? author : "");
  return FALSE;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The newest revision of @kind/@id: its number, vi_rev and record (NULL for a delete, or when
 * there is none: then *@rev is 0). */
static gboolean
newest_revision (ContentStore *self, ContentRecordKind kind, const char *id, gint64 *rev,
                 gint64 *vi_rev, JsonNode **record, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT rev, vi_rev, record FROM revisions WHERE what = ?1 AND id = ?2 "
      "ORDER BY rev DESC LIMIT 1", error);
  int rc;

  *rev = 0;
  *vi_rev = 0;
  *record = NULL;
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (kind));
  content_store_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *rev = sqlite3_column_int64 (stmt, 0);
      *vi_rev = sqlite3_column_int64 (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        *record = content_store_column_json (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return content_store_fail (self, "reading revisions", error);
  return TRUE;
}

/* The text object of @lang in an item record, or NULL. */
static JsonNode *
record_text (JsonNode *record, const char *lang)
{
  JsonObject *texts;

  if (record == NULL || !JSON_NODE_HOLDS_OBJECT (record))
    return NULL;
  texts = json_object_get_object_member (json_node_get_object (record), "texts");
  return texts != NULL ? json_object_get_member (texts, lang) : NULL;
}

static gboolean
same_text (JsonNode *a, JsonNode *b)
{
  return a != NULL && b != NULL && json_node_equal (a, b);
}

static gboolean
set_translation (ContentStore *self, const char *id, const char *lang, gint64 vi_rev, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "INSERT INTO translations (item_id, lang, vi_rev) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (item_id, lang) DO UPDATE SET vi_rev = excluded.vi_rev", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  content_store_bind_text (stmt, 2, lang);
  sqlite3_bind_int64 (stmt, 3, vi_rev);
  return content_store_step_done (self, stmt, "recording a translation's state", error);
}

/* After a new revision of item @id: a translation written or changed in it was made from its
 * Vietnamese text (@vi_rev); an unchanged one keeps what it was made from; a removed one goes.
 * @text is @record as JSON text. */
static gboolean
update_translations (ContentStore *self, const char *id, JsonNode *previous, JsonNode *record,
                     const char *text, gint64 vi_rev, GError **error)
{
  const GPtrArray *langs = content_language_list ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < langs->len; i++)
    {
      const char *lang = ((const ContentLanguage *) g_ptr_array_index (langs, i))->code;
      JsonNode *now = record_text (record, lang);

      if (g_str_equal (lang, "vi") || now == NULL || same_text (now, record_text (previous, lang)))
        continue;
      if (!set_translation (self, id, lang, vi_rev, error))
        return FALSE;
    }
  stmt = content_store_prepare (self,
      "DELETE FROM translations WHERE item_id = ?1 "
      "AND lang NOT IN (SELECT key FROM json_each (?2, '$.texts'))", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  content_store_bind_text (stmt, 2, text);
  return content_store_step_done (self, stmt, "recording a translation's state", error);
}

/* Appends a revision of @kind/@id by @author (@record NULL for a delete); sets *@rev. */
static gboolean
add_revision (ContentStore *self, ContentRecordKind kind, const char *id, const char *action,
              const char *author, JsonNode *record, gint64 *rev, GError **error)
{
  g_autoptr(JsonNode) previous = NULL;
  g_autofree char *at = now_utc ();
  g_autofree char *text = record != NULL ? json_to_string (record, FALSE) : NULL;
  gint64 last, vi_rev;
  sqlite3_stmt *stmt;

  if (!newest_revision (self, kind, id, &last, &vi_rev, &previous, error))
    return FALSE;
  *rev = last + 1;
  if (kind == CONTENT_RECORD_ITEM && record != NULL)
    {
      if (!same_text (record_text (record, "vi"), record_text (previous, "vi")))
        vi_rev = *rev;
      if (!update_translations (self, id, previous, record, text, vi_rev, error))
        return FALSE;
    }
  stmt = content_store_prepare (self,
      "INSERT INTO revisions (what, id, rev, action, author, at, record, vi_rev) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (kind));
  content_store_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, *rev);
  content_store_bind_text (stmt, 4, action);
  content_store_bind_text (stmt, 5, author);
  content_store_bind_text (stmt, 6, at);
  content_store_bind_text (stmt, 7, text);
  if (kind == CONTENT_RECORD_ITEM)
    sqlite3_bind_int64 (stmt, 8, vi_rev);
  else
    sqlite3_bind_null (stmt, 8);
  return content_store_step_done (self, stmt, "recording a revision", error);
}

/* Removes the draft of @kind/@id, if any; sets *@found when not NULL. */
static gboolean
drop_draft (ContentStore *self, ContentRecordKind kind, const char *id, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self, "DELETE FROM drafts WHERE what = ?1 AND id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (kind));
  content_store_bind_text (stmt, 2, id);
  if (!content_store_step_done (self, stmt, "removing a draft", error))
    return FALSE;
  if (found != NULL)
    *found = sqlite3_changes (content_store_get_db (self)) > 0;
  return TRUE;
}

/* Saves @record as the draft of @kind/@id, a new revision (@action "save" or "restore"). */
static gboolean
save_draft (ContentStore *self, ContentRecordKind kind, const char *id, JsonNode *record,
            const char *action, const char *author, GError **error)
{
  g_autofree char *text = json_to_string (record, FALSE);
  sqlite3_stmt *stmt;
  gint64 rev;

  if (!add_revision (self, kind, id, action, author, record, &rev, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "INSERT INTO drafts (what, id, record, rev) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (what, id) DO UPDATE SET record = excluded.record, rev = excluded.rev", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (kind));
  content_store_bind_text (stmt, 2, id);
  content_store_bind_text (stmt, 3, text);
  sqlite3_bind_int64 (stmt, 4, rev);
  return content_store_step_done (self, stmt, "saving a draft", error);
}

/* After a live write of @kind/@id: its revision, and its draft is no longer one. */
static gboolean
published (ContentStore *self, ContentRecordKind kind, const char *id, JsonNode *record,
           const char *action, const char *author, GError **error)
{
  gint64 rev;

  return add_revision (self, kind, id, action, author, record, &rev, error)
         && drop_draft (self, kind, id, NULL, error);
}

static gboolean
apply_topic (ContentStore *self, ContentTopic *topic, const ContentChange *change, GError **error)
{
  g_autoptr(JsonNode) record = content_topic_to_json (topic);

  if (change->draft)
    return save_draft (self, CONTENT_RECORD_TOPIC, topic->id, record, "save", change->author, error);
  return content_store_put_topic (self, topic, 0, error)
         && published (self, CONTENT_RECORD_TOPIC, topic->id, record, "publish", change->author, error);
}

/* Marks the newest revision of item @id, the publish just written, as published important. */
static gboolean
mark_important (ContentStore *self, const char *id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "UPDATE revisions SET important = 1 WHERE what = 'item' AND id = ?1 "
      "AND rev = (SELECT max (rev) FROM revisions WHERE what = 'item' AND id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  return content_store_step_done (self, stmt, "marking a publication important", error);
}

static gboolean
apply_item (ContentStore *self, ContentItem *item, const ContentChange *change, GError **error)
{
  g_autoptr(JsonNode) record = content_item_to_json (item);

  if (change->draft || item->status == CONTENT_STATUS_DRAFT)
    return save_draft (self, CONTENT_RECORD_ITEM, item->id, record, "save", change->author, error);
  return content_store_put_item (self, item, 0, error)
         && published (self, CONTENT_RECORD_ITEM, item->id, record, "publish", change->author, error)
         && (!change->important || mark_important (self, item->id, error));
}

static gboolean
apply_rule_part (ContentStore *self, ContentRulePart *part, const ContentChange *change, GError **error)
{
  ContentRecordKind kind = CONTENT_RECORD_QUESTION + part->kind;

  if (change->draft)
    return save_draft (self, kind, part->id, part->definition, "save", change->author, error);
  return content_store_put_rule_part (self, part, 0, error)
         && published (self, kind, part->id, part->definition, "publish", change->author, error);
}

struct _ContentApply {
  ContentStore *store;
  const ContentChange *change;
};

gboolean
content_apply_item (ContentApply *apply, ContentItem *item, GError **error)
{
  return apply_item (apply->store, item, apply->change, error);
}

gboolean
content_store_apply (ContentStore              *self,
                     GPtrArray                 *topics,
                     ContentItemsFunc           items_func,
                     gpointer                   items_data,
                     GPtrArray                 *rule_parts,
                     GPtrArray                 *media,
                     JsonArray                 *greetings,
                     const ContentChange       *change,
                     GError                   **error)
{
  ContentApply apply = { self, change };

  g_return_val_if_fail (CONTENT_IS_STORE (self), FALSE);
  if (!check_author (change->author, error) || !content_store_begin (self, error))
    return FALSE;
  /* Blobs first: a topic or item can only refer to a blob the store holds. */
  if (!content_store_put_media_blobs (self, media, error)
      || !content_store_put_greetings (self, greetings, error))
    goto fail;
  for (guint i = 0; topics != NULL && i < topics->len; i++)
    if (!apply_topic (self, g_ptr_array_index (topics, i), change, error))
      goto fail;
  /* Items are many: their search documents are indexed in batches (content-store-private.h). */
  if (!content_store_begin_search_batch (self, error)
      || (items_func != NULL && !items_func (&apply, items_data, error)))
    goto fail;
  for (guint i = 0; rule_parts != NULL && i < rule_parts->len; i++)
    if (!apply_rule_part (self, g_ptr_array_index (rule_parts, i), change, error))
      goto fail;
  if (content_store_commit (self, error))
    return TRUE;
fail:
  content_store_rollback (self);
  return FALSE;
}

JsonNode *
content_store_get_draft (ContentStore *self, const ContentRef *ref, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT record FROM drafts WHERE what = ?1 AND id = ?2", error);
  JsonNode *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (ref->kind));
  content_store_bind_text (stmt, 2, ref->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = content_store_column_json (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "%s %s has no draft",
                 content_record_kind_to_string (ref->kind), ref->id);
  else
    content_store_fail (self, "reading a draft", error);
  sqlite3_reset (stmt);
  return record;
}

JsonNode *
content_store_get_editable (ContentStore *self, const ContentRef *ref, gboolean *is_draft, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *record = content_store_get_draft (self, ref, &local);

  if (is_draft != NULL)
    *is_draft = record != NULL;
  if (record != NULL)
    return record;
  if (!g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return content_store_get_live_record (self, ref->kind, ref->id, error);
}

GArray *
content_store_list_drafts (ContentStore *self, GError **error)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (ContentRef));
  sqlite3_stmt *stmt = content_store_prepare (self, "SELECT what, id FROM drafts ORDER BY what, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (refs, clear_ref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentRef ref;
      if (!content_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &ref.kind))
        continue;  /* the schema's CHECK constraint makes this unreachable */
      ref.id = content_store_column_dup (stmt, 1);
      g_array_append_val (refs, ref);
    }
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing drafts", error);
      return NULL;
    }
  return g_steal_pointer (&refs);
}

/* @record as it is to be published: an item's status becomes "published". */
static JsonNode *
to_publish (ContentRecordKind kind, JsonNode *record)
{
  JsonNode *copy = json_node_copy (record);

  if (kind == CONTENT_RECORD_ITEM && JSON_NODE_HOLDS_OBJECT (copy))
    json_object_set_string_member (json_node_get_object (copy), "status", "published");
  return copy;
}

gboolean
content_store_may_mark_important (ContentStore *self, const char *id, gboolean *may, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ContentItem) live = content_store_get_item (self, id, &local);

  if (live == NULL && !g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *may = live != NULL && live->status == CONTENT_STATUS_PUBLISHED
         && (live->kind == CONTENT_KIND_NOTICE || live->kind == CONTENT_KIND_LAW || live->kind == CONTENT_KIND_BENEFIT);
  return TRUE;
}

/* With CONTENT_PUBLISH_IMPORTANT, every one of @refs must be an item the mark is allowed on. */
static gboolean
check_important (ContentStore *self, const ContentRef *refs, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean may = FALSE;

      if (refs[i].kind == CONTENT_RECORD_ITEM && !content_store_may_mark_important (self, refs[i].id, &may, error))
        return FALSE;
      if (!may)
        {
          g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT, "%s %s: only a correction of a "
                       "published notice, law or benefit can be marked important",
                       content_record_kind_to_string (refs[i].kind), refs[i].id);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
content_store_publish (ContentStore *self, const ContentRef *refs, guint n, const char *author,
                       ContentPublishFlags flags, GError **error)
{
  g_autoptr(ContentImporter) importer = content_importer_new (self);
  ContentChange change = { author, FALSE, (flags & CONTENT_PUBLISH_IMPORTANT) != 0 };

  if (change.important && !check_important (self, refs, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) draft = content_store_get_draft (self, &refs[i], error);
      g_autoptr(JsonNode) record = NULL;
      g_autofree char *origin = NULL;

      if (draft == NULL)
        return FALSE;
      record = to_publish (refs[i].kind, draft);
      origin = g_strdup_printf ("draft of %s %s", content_record_kind_to_string (refs[i].kind), refs[i].id);
      content_importer_add_record (importer, &refs[i], record, origin);
    }
  content_importer_set_change (importer, &change);
  return content_importer_commit (importer, NULL, NULL, error);
}

/* Runs @body between BEGIN and COMMIT, rolling back when it fails. */
static gboolean
in_transaction (ContentStore *self, gboolean (*body) (ContentStore *, gconstpointer, GError **),
                gconstpointer data, GError **error)
{
  if (!content_store_begin (self, error))
    return FALSE;
  if (body (self, data, error) && content_store_commit (self, error))
    return TRUE;
  content_store_rollback (self);
  return FALSE;
}

typedef struct {
  const ContentRef *ref;
  const char *author;
  gint64 rev;
} Operation;

static gboolean
archive_body (ContentStore *self, gconstpointer data, GError **error)
{
  const Operation *op = data;
  g_autoptr(ContentItem) item = content_store_get_item (self, op->ref->id, error);
  g_autoptr(JsonNode) record = NULL;
  gint64 rev;

  if (item == NULL)
    return FALSE;
  item->status = CONTENT_STATUS_ARCHIVED;
  record = content_item_to_json (item);
  return content_store_put_item (self, item, 0, error)
         && add_revision (self, CONTENT_RECORD_ITEM, item->id, "archive", op->author, record, &rev, error);
}

gboolean
content_store_archive (ContentStore *self, const char *id, const char *author, GError **error)
{
  ContentRef ref = { CONTENT_RECORD_ITEM, (char *) id };
  Operation op = { &ref, author, 0 };

  return check_author (author, error) && in_transaction (self, archive_body, &op, error);
}

/* Refuses to delete topic @id while items or subtopics are in it. */
static gboolean
topic_unused (ContentStore *self, const char *id, GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT (SELECT count (*) FROM item_topics WHERE topic_id = ?1), "
      "(SELECT count (*) FROM topics WHERE parent_id = ?1)", error);
  gint64 items = 0, children = 0;

  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      items = sqlite3_column_int64 (stmt, 0);
      children = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (items == 0 && children == 0)
    return TRUE;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
               "topic %s still holds %" G_GINT64_FORMAT " items and %" G_GINT64_FORMAT
               " subtopics; move them first", id, items, children);
  return FALSE;
}

/* Refuses to delete a question, parameter or condition the remaining rules still use. */
static gboolean
rule_part_unused (ContentStore *self, const ContentRef *ref, GError **error)
{
  g_autoptr(ContentRuleSet) live = content_rule_set_load (self, error);
  g_autoptr(ContentRuleSet) rest = content_rule_set_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (live == NULL)
    return FALSE;
  for (int kind = 0; kind < CONTENT_N_RULE_KINDS; kind++)
    {
      GPtrArray *parts = content_rule_set_parts (live, kind);
      for (guint i = 0; i < parts->len; i++)
        {
          ContentRulePart *part = g_ptr_array_index (parts, i);
          ContentRulePart *copy;

          if (CONTENT_RECORD_QUESTION + part->kind == ref->kind && g_str_equal (part->id, ref->id))
            continue;
          copy = content_rule_part_new (part->kind, part->id, part->definition);
          copy->position = part->position;
          content_rule_set_add (rest, copy);
        }
    }
  if (content_rule_set_validate (rest, problems))
    return TRUE;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
               "%s %s is still used: %s", content_record_kind_to_string (ref->kind), ref->id,
               (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

/* Deletes the live record and the draft of @kind/@id with a revision; FALSE without error and
 * *@found FALSE when neither existed. */
static gboolean
delete_record (ContentStore *self, ContentRecordKind kind, const char *id, const char *author,
               gboolean *found, GError **error)
{
  gboolean live, draft;
  gint64 rev;

  if (!content_store_delete_live (self, kind, id, 0, &live, error)
      || !drop_draft (self, kind, id, &draft, error))
    return FALSE;
  *found = live || draft;
  return !*found || add_revision (self, kind, id, "delete", author, NULL, &rev, error);
}

/* Sets *@benefit to whether @ref is a live benefit item (whose rule goes with it); FALSE only
 * when reading failed. */
static gboolean
is_live_benefit (ContentStore *self, const ContentRef *ref, gboolean *benefit, GError **error)
{
  g_autoptr(GError) local = NULL;
  ContentKind kind;

  *benefit = FALSE;
  if (ref->kind != CONTENT_RECORD_ITEM)
    return TRUE;
  if (content_store_get_item_kind (self, ref->id, &kind, &local))
    *benefit = kind == CONTENT_KIND_BENEFIT;
  else if (!g_error_matches (local, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_body (ContentStore *self, gconstpointer data, GError **error)
{
  const Operation *op = data;
  const ContentRef *ref = op->ref;
  gboolean benefit, found, rule_found;

  if (ref->kind == CONTENT_RECORD_TOPIC && !topic_unused (self, ref->id, error))
    return FALSE;
  if ((ref->kind == CONTENT_RECORD_QUESTION || ref->kind == CONTENT_RECORD_PARAMETER
       || ref->kind == CONTENT_RECORD_CONDITION) && !rule_part_unused (self, ref, error))
    return FALSE;
  if (!is_live_benefit (self, ref, &benefit, error)
      || !delete_record (self, ref->kind, ref->id, op->author, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "no %s “%s”, live or draft",
                   content_record_kind_to_string (ref->kind), ref->id);
      return FALSE;
    }
  return !benefit || delete_record (self, CONTENT_RECORD_RULE, ref->id, op->author, &rule_found, error);
}

gboolean
content_store_delete (ContentStore *self, const ContentRef *ref, const char *author, GError **error)
{
  Operation op = { ref, author, 0 };

  return check_author (author, error) && in_transaction (self, delete_body, &op, error);
}

static gboolean
restore_body (ContentStore *self, gconstpointer data, GError **error)
{
  const Operation *op = data;
  gboolean found;
  g_autoptr(JsonNode) record = content_store_get_revision (self, op->ref, op->rev, &found, error);

  if (!found)
    return FALSE;
  if (record == NULL)
    {
      g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT,
                   "revision %" G_GINT64_FORMAT " of %s %s is its deletion: there is nothing to restore",
                   op->rev, content_record_kind_to_string (op->ref->kind), op->ref->id);
      return FALSE;
    }
  return save_draft (self, op->ref->kind, op->ref->id, record, "restore", op->author, error);
}

gboolean
content_store_restore (ContentStore *self, const ContentRef *ref, gint64 rev, const char *author,
                       GError **error)
{
  Operation op = { ref, author, rev };

  return check_author (author, error) && in_transaction (self, restore_body, &op, error);
}

GPtrArray *
content_store_list_revisions (ContentStore *self, const ContentRef *ref, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) content_revision_free);
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT rev, action, author, at, record ->> '$.status' FROM revisions "
      "WHERE what = ?1 AND id = ?2 ORDER BY rev", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (ref->kind));
  content_store_bind_text (stmt, 2, ref->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ContentRevision *r = g_new0 (ContentRevision, 1);
      r->rev = sqlite3_column_int64 (stmt, 0);
      r->action = content_store_column_dup (stmt, 1);
      r->author = content_store_column_dup (stmt, 2);
      r->at = content_store_column_dup (stmt, 3);
      r->status = content_store_column_dup (stmt, 4);
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      content_store_fail (self, "listing revisions", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

JsonNode *
content_store_get_revision (ContentStore *self, const ContentRef *ref, gint64 rev, gboolean *found,
                            GError **error)
{
  sqlite3_stmt *stmt = content_store_prepare (self,
      "SELECT record FROM revisions WHERE what = ?1 AND id = ?2 AND rev = ?3", error);
  JsonNode *record = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  content_store_bind_text (stmt, 1, content_record_kind_to_string (ref->kind));
  content_store_bind_text (stmt, 2, ref->id);
  sqlite3_bind_int64 (stmt, 3, rev);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        record = content_store_column_json (stmt, 0);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "%s %s has no revision %" G_GINT64_FORMAT,
                 content_record_kind_to_string (ref->kind), ref->id, rev);
  else
    content_store_fail (self, "reading a revision", error);
  sqlite3_reset (stmt);
  return record;
}

/* The vi_rev of item @id's newest revision (0 when it has none). */
static gboolean
current_vi_rev (ContentStore *self, const char *id, gint64 *vi_rev, GError **error)
{
  g_autoptr(JsonNode) record = NULL;
  gint64 rev;

  return newest_revision (self, CONTENT_RECORD_ITEM, id, &rev, vi_rev, &record, error);
}

GPtrArray *
content_store_list_translation_states (ContentStore *self, const char *id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) content_translation_state_free);
  const GPtrArray *langs = content_language_list ();
  sqlite3_stmt *stmt;
  gint64 vi_rev;

  if (!current_vi_rev (self, id, &vi_rev, error))
    return NULL;
  stmt = content_store_prepare (self, "SELECT vi_rev FROM translations WHERE item_id = ?1 AND lang = ?2", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < langs->len; i++)
    {
      const char *lang = ((const ContentLanguage *) g_ptr_array_index (langs, i))->code;
      ContentTranslationState *state;
      int rc;

      content_store_bind_text (stmt, 1, id);
      content_store_bind_text (stmt, 2, lang);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          state = g_new0 (ContentTranslationState, 1);
          state->lang = g_strdup (lang);
          state->made_from = sqlite3_column_int64 (stmt, 0);
          state->vi_rev = vi_rev;
          state->needs_review = state->made_from < vi_rev;
          g_ptr_array_add (list, state);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          content_store_fail (self, "reading translation states", error);
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

gboolean
content_store_confirm_translation (ContentStore *self, const char *id, const char *lang, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 vi_rev;

  if (!current_vi_rev (self, id, &vi_rev, error))
    return FALSE;
  stmt = content_store_prepare (self,
      "UPDATE translations SET vi_rev = ?3 WHERE item_id = ?1 AND lang = ?2", error);
  if (stmt == NULL)
    return FALSE;
  content_store_bind_text (stmt, 1, id);
  content_store_bind_text (stmt, 2, lang);
  sqlite3_bind_int64 (stmt, 3, vi_rev);
  if (!content_store_step_done (self, stmt, "confirming a translation", error))
    return FALSE;
  if (sqlite3_changes (content_store_get_db (self)) > 0)
    return TRUE;
  g_set_error (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND, "item %s has no %s translation", id, lang);
  return FALSE;
}

/* Migration to schema 3: each stored record's first revision (rules with their reasons worded
 * both ways first); items that were drafts move out of the live tables into drafts. */
static gboolean
first_item_revisions (ContentStore *self, GError **error)
{
  g_autoptr(GPtrArray) ids = content_store_list_item_ids (self, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(ContentItem) item = content_store_get_item (self, id, error);
      g_autoptr(JsonNode) record = NULL;
      sqlite3_stmt *stmt;

      if (item == NULL)
        return FALSE;
      record = content_item_to_json (item);
      if (item->status != CONTENT_STATUS_DRAFT)
        {
          if (!published (self, CONTENT_RECORD_ITEM, id, record, "publish", "migration", error))
            return FALSE;
          continue;
        }
      /* Never shown to anyone, so it leaves no tombstone: the record just moves. */
      if (!save_draft (self, CONTENT_RECORD_ITEM, id, record, "save", "migration", error))
        return FALSE;
      stmt = content_store_prepare (self, "DELETE FROM items WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      content_store_bind_text (stmt, 1, id);
      if (!content_store_step_done (self, stmt, "moving a draft out of the live tables", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
content_store_first_revisions (ContentStore *self, GError **error)
{
  g_autoptr(GPtrArray) topics = content_store_list_topics (self, error);
  g_autoptr(ContentRuleSet) rules = NULL;

  if (topics == NULL || !content_rule_set_upgrade_reasons (self, error))
    return FALSE;
  for (guint i = 0; i < topics->len; i++)
    {
      ContentTopic *topic = g_ptr_array_index (topics, i);
      g_autoptr(JsonNode) record = content_topic_to_json (topic);
      if (!published (self, CONTENT_RECORD_TOPIC, topic->id, record, "publish", "migration", error))
        return FALSE;
    }
  rules = content_rule_set_load (self, error);
  if (rules == NULL)
    return FALSE;
  for (int kind = 0; kind < CONTENT_N_RULE_KINDS; kind++)
    {
      GPtrArray *parts = content_rule_set_parts (rules, kind);
      for (guint i = 0; i < parts->len; i++)
        {
          ContentRulePart *part = g_ptr_array_index (parts, i);
          if (!published (self, CONTENT_RECORD_QUESTION + kind, part->id, part->definition,
                          "publish", "migration", error))
            return FALSE;
        }
    }
  return first_item_revisions (self, error);
}
