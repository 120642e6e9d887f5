/* hub-history.c: revisions of any record (item, topic, rule part), the difference between
 * any two, revert, removal, and the list of drafts.
 *
 * Nothing is ever erased: a revert saves an old revision as a new draft revision, which a
 * publisher then publishes like any other change; removing a topic or rule part from the
 * kiosks leaves a tombstone and a revision, so it too can be brought back from its history.
 * Items are at /items/ID/..., every other record at /records/KIND/ID/.... Diffs are
 * content_diff_records(), the same as `banlang diff`, shown with removed lines struck and
 * added lines marked.
 */
#include "hub-pages.h"
#include "hub-layout.h"
#include "hub-publish.h"

#include "content-diff.h"
#include "content-drafts.h"
#include "content-error.h"

#include <glib/gi18n.h>

static const char *
action_label (const char *action)
{
  static const char *const actions[][2] = {
    { "save", N_("saved") }, { "publish", N_("published") }, { "archive", N_("archived") },
    { "delete", N_("deleted") }, { "restore", N_("reverted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action, actions[i][0]))
      return _(actions[i][1]);
  return action;
}

/* The author as officers know them: the account's name for "hub:ID", else as recorded. */
static char *
author_name (HubRequest *req, const char *author)
{
  g_autoptr(HubAccount) account = NULL;

  if (g_str_has_prefix (author, "hub:"))
    account = hub_db_get_account (hub_server_get_db (req->server), g_ascii_strtoll (author + 4, NULL, 10), NULL);
  return g_strdup (account != NULL ? account->name : author);
}

/* The record a history route names: /items/ID/... or /records/KIND/ID/...; FALSE (the page
 * answered) when the kind has no revisions. */
static gboolean
record_of (HubRequest *req, ContentRef *ref)
{
  if (req->args[1] == NULL)
    {
      *ref = (ContentRef) { CONTENT_RECORD_ITEM, req->args[0] };
      return TRUE;
    }
  ref->id = req->args[1];
  if (content_record_kind_from_string (req->args[0], &ref->kind) && content_record_kind_is_versioned (ref->kind))
    return TRUE;
  hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such kind of record."));
  return FALSE;
}

/* Where the history pages of @ref live, with @what after it ("history", "diff", ...). */
static char *
history_path (const ContentRef *ref, const char *what)
{
  if (ref->kind == CONTENT_RECORD_ITEM)
    return g_strdup_printf ("/items/%s/%s", ref->id, what);
  return g_strdup_printf ("/records/%s/%s/%s", content_record_kind_to_string (ref->kind), ref->id, what);
}

char *
hub_history_page_of (const ContentRef *ref)
{
  return history_path (ref, "history");
}

static void
get_history (HubRequest *req)
{
  ContentRef ref;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *diff = NULL, *revert = NULL, *back = NULL, *title = NULL;
  guint older;

  if (!record_of (req, &ref))
    return;
  revisions = content_store_list_revisions (hub_server_get_store (req->server), &ref, &error);
  diff = history_path (&ref, "diff");
  revert = history_path (&ref, "revert");
  back = hub_publish_page_of (&ref);
  if (revisions == NULL)
    {
      hub_request_failure (req, _("History"), error);
      return;
    }
  if (revisions->len == 0)
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no record with this id."));
      return;
    }
  /* Compared at first: the newest revision with the last one published before it (what the
   * newest changes for villagers); a publish repeats the draft it publishes, so the revision
   * just before the newest would often show no difference at all. */
  older = revisions->len >= 2 ? revisions->len - 2 : 0;
  for (guint i = revisions->len - 1; i-- > 0;)
    if (g_str_equal (((ContentRevision *) g_ptr_array_index (revisions, i))->action, "publish"))
      {
        older = i;
        break;
      }
  hub_html_add (body, "<p><a href=\"%s\">← %s</a></p><form method=\"get\" action=\"%s\">"
                      "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
                back, _("Back"), diff, _("Revision"), _("What"), _("Who"), _("When (UTC)"), _("Compare"));
  for (guint i = revisions->len; i-- > 0;)
    {
      ContentRevision *r = g_ptr_array_index (revisions, i);
      g_autofree char *who = author_name (req, r->author);
      hub_html_add (body, "<tr><td>%l</td><td>%s</td><td>%s</td><td>%s</td>"
                          "<td><input type=\"radio\" name=\"a\" value=\"%l\"%s aria-label=\"%s\"> "
                          "<input type=\"radio\" name=\"b\" value=\"%l\"%s aria-label=\"%s\"></td><td>",
                    r->rev, action_label (r->action), who, r->at,
                    r->rev, revisions->len >= 2 && i == older ? " checked" : "", _("older"),
                    r->rev, i + 1 == revisions->len ? " checked" : "", _("newer"));
      if (hub_account_can (req->account, HUB_ROLE_PUBLISHER) && i + 1 < revisions->len && !g_str_equal (r->action, "delete"))
        {
          hub_layout_form (body, req, revert, "inline");
          hub_html_add (body, "<input type=\"hidden\" name=\"rev\" value=\"%l\"><button type=\"submit\" class=\"link\">%s</button></form>",
                        r->rev, _("Revert to this"));
        }
      hub_html_add (body, "</td></tr>");
    }
  hub_html_add (body, "</tbody></table><button type=\"submit\">%s</button></form>", _("Show the differences"));
  title = g_strdup_printf (_("History of %s"), ref.id);
  hub_request_page (req, SOUP_STATUS_OK, title, body);
}

static JsonNode *
revision (HubRequest *req, const ContentRef *ref, const char *which, gboolean *found)
{
  gint64 rev = which != NULL ? g_ascii_strtoll (which, NULL, 10) : 0;

  *found = FALSE;
  return rev > 0 ? content_store_get_revision (hub_server_get_store (req->server), ref, rev, found, NULL) : NULL;
}

static void
render_diff (HubHtml *html, GPtrArray *entries)
{
  g_autofree char *text = content_diff_to_text (entries);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (entries->len == 0)
    hub_html_add (html, "<p>%s</p>", _("These two revisions are the same."));
  hub_html_add (html, "<div class=\"diff\">");
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *line = lines[i];
      if (line[0] != ' ')
        hub_html_add (html, "<h3>%s</h3>", line);
      else if (g_str_has_prefix (line, "  - "))
        hub_html_add (html, "<del>%s</del>", line + 4);
      else if (g_str_has_prefix (line, "  + "))
        hub_html_add (html, "<ins>%s</ins>", line + 4);
      else
        hub_html_add (html, "<span>%s</span>", g_strchug ((char *) line));
    }
  hub_html_add (html, "</div>");
}

static void
get_diff (HubRequest *req)
{
  ContentRef ref;
  gboolean found_a, found_b;
  g_autoptr(JsonNode) a = NULL, b = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autofree char *title = NULL, *history = NULL;

  if (!record_of (req, &ref))
    return;
  a = revision (req, &ref, hub_request_query (req, "a"), &found_a);
  b = revision (req, &ref, hub_request_query (req, "b"), &found_b);
  if (!found_a || !found_b)
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("Choose two revisions of this record."));
      return;
    }
  entries = content_diff_records (a, b);
  history = history_path (&ref, "history");
  hub_html_add (body, "<p><a href=\"%s\">← %s</a></p>", history, _("History"));
  render_diff (body, entries);
  title = g_strdup_printf (_("%s: revision %s → %s"), ref.id, hub_request_query (req, "a"), hub_request_query (req, "b"));
  hub_request_page (req, SOUP_STATUS_OK, title, body);
}

static void
post_revert (HubRequest *req)
{
  ContentRef ref;
  const char *rev = hub_request_field (req, "rev");
  g_autofree char *author = hub_request_author (req);
  g_autofree char *back = NULL;
  g_autoptr(GError) error = NULL;

  if (!record_of (req, &ref))
    return;
  back = hub_publish_page_of (&ref);
  if (rev == NULL || !content_store_restore (hub_server_get_store (req->server), &ref, g_ascii_strtoll (rev, NULL, 10), author, &error))
    {
      hub_request_message (req, error != NULL && g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND)
                                ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_UNPROCESSABLE_ENTITY,
                           _("Not reverted"), error != NULL ? error->message : _("Choose a revision."));
      return;
    }
  hub_request_audit (req, "revert", ref.id, rev);
  hub_request_redirect (req, back);
}

/* Takes a topic or rule part off the kiosks: a tombstone and a revision, restorable from its
 * history. (Items are archived instead, keeping their page.) */
static void
post_remove (HubRequest *req)
{
  ContentRef ref;
  g_autofree char *author = hub_request_author (req);
  g_autofree char *history = NULL;
  g_autoptr(HubHtml) body = hub_html_new ();
  g_autoptr(GError) error = NULL;

  if (!record_of (req, &ref))
    return;
  if (!content_store_delete (hub_server_get_store (req->server), &ref, author, &error))
    {
      if (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND) || g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_INVALID_INPUT))
        hub_request_message (req, g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND) ? SOUP_STATUS_NOT_FOUND
                                                                                                   : SOUP_STATUS_UNPROCESSABLE_ENTITY,
                             _("Not removed"), error->message);
      else
        hub_request_failure (req, _("Not removed"), error);
      return;
    }
  hub_request_audit (req, "remove", ref.id, content_record_kind_to_string (ref.kind));
  hub_publish_sync (req);
  history = history_path (&ref, "history");
  hub_html_add (body, "<p class=\"notice\" role=\"status\">%s</p><p><a href=\"%s\">%s</a></p>",
                _("Removed: the kiosks stop showing it with their next update. Its history keeps every revision, "
                  "and reverting to one brings it back as a draft."), history, _("History"));
  hub_request_page (req, SOUP_STATUS_OK, ref.id, body);
}

static const char *
record_kind_label (ContentRecordKind kind)
{
  switch (kind)
    {
    case CONTENT_RECORD_ITEM:
      return _("Item");
    case CONTENT_RECORD_TOPIC:
      return _("Topic");
    case CONTENT_RECORD_QUESTION:
      return _("Question");
    case CONTENT_RECORD_PARAMETER:
      return _("Parameter");
    case CONTENT_RECORD_CONDITION:
      return _("Condition");
    case CONTENT_RECORD_RULE:
      return _("Benefit rule");
    case CONTENT_RECORD_CASES:
      return _("Case table");
    default:
      return content_record_kind_to_string (kind);
    }
}

static void
get_drafts (HubRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refs = content_store_list_drafts (hub_server_get_store (req->server), &error);
  g_autoptr(HubHtml) body = hub_html_new ();

  if (refs == NULL)
    {
      hub_request_failure (req, _("Drafts"), error);
      return;
    }
  if (refs->len == 0)
    hub_html_add (body, "<p>%s</p>", _("No drafts: everything is published."));
  hub_html_add (body, "<table class=\"list\"><tbody>");
  for (guint i = 0; i < refs->len; i++)
    {
      ContentRef *ref = &g_array_index (refs, ContentRef, i);
      g_autofree char *page = hub_publish_page_of (ref);
      g_autofree char *publish = g_strdup_printf ("/drafts/%s/%s/publish", content_record_kind_to_string (ref->kind), ref->id);
      hub_html_add (body, "<tr><td>%s</td><td><a href=\"%s\">%s</a></td><td>",
                    record_kind_label (ref->kind), page, ref->id);
      if (hub_account_can (req->account, HUB_ROLE_PUBLISHER))
        hub_layout_button (body, req, publish, _("Publish"), "primary");
      hub_html_add (body, "</td></tr>");
    }
  hub_html_add (body, "</tbody></table>");
  hub_request_page (req, SOUP_STATUS_OK, _("Drafts"), body);
}

static void
post_publish_draft (HubRequest *req)
{
  ContentRef ref = { 0, req->args[1] };

  if (!content_record_kind_from_string (req->args[0], &ref.kind) || !content_record_kind_is_versioned (ref.kind))
    {
      hub_request_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such kind of record."));
      return;
    }
  hub_publish_refs (req, &ref, 1, CONTENT_PUBLISH_DEFAULT);
}

void
hub_history_register (HubServer *server)
{
  hub_server_route (server, "GET", "/items/*/history", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_history);
  hub_server_route (server, "GET", "/items/*/diff", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_diff);
  hub_server_route (server, "POST", "/items/*/revert", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_revert);
  hub_server_route (server, "GET", "/records/*/*/history", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_history);
  hub_server_route (server, "GET", "/records/*/*/diff", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_diff);
  hub_server_route (server, "POST", "/records/*/*/revert", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_revert);
  hub_server_route (server, "POST", "/records/*/*/remove", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_remove);
  hub_server_route (server, "GET", "/drafts", HUB_ACCESS_EDITOR, HUB_ROUTE_DEFAULT, get_drafts);
  hub_server_route (server, "POST", "/drafts/*/*/publish", HUB_ACCESS_PUBLISHER, HUB_ROUTE_DEFAULT, post_publish_draft);
}
