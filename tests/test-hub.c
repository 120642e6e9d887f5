/* test-hub.c: the hub's gate and its item pages, against a real HubServer on 127.0.0.1.
 *
 * The server runs in its own thread with its own main context, as banlang-hub serve runs it;
 * the test talks to it with a SoupSession (cookies kept, redirects followed) like a browser
 * without JavaScript, and reads content.db through its own connection to see what landed.
 */
#include "config.h"
#include "test-util.h"

#include "content-drafts.h"
#include "content-error.h"
#include "content-item.h"
#include "content-replica.h"
#include "hub-db.h"
#include "hub-i18n.h"
#include "hub-password.h"
#include "hub-server.h"
#include "hub-usage.h"
#include "sync-key.h"
#include "sync-usage.h"

#include <libsoup/soup.h>
#include <string.h>

#define PASSWORD "correct-horse-battery"
#define LAW "law-hon-nhan-gia-dinh-2014"

typedef struct {
  GThread *thread;
  GMainLoop *loop;
  GMutex lock;
  GCond ready;
  char *uri;
} Hub;

static Hub hub;
static SoupSession *session;
static HubServerOptions server_options;

static gpointer
serve (gpointer data)
{
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  g_autofree char *content_db = g_build_filename (test_dir, "seed.db", NULL);
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(HubDb) db = NULL;
  g_autoptr(HubServer) server = NULL;
  g_main_context_push_thread_default (ctx);
  store = content_store_open (content_db, CONTENT_STORE_OPEN_DEFAULT, NULL);
  db = hub_db_open (hub_db, NULL);
  ck_assert (store != NULL && db != NULL);
  server = hub_server_new (store, db, &server_options);
  ck_assert (hub_server_listen (server, "127.0.0.1:0", NULL));
  hub.loop = g_main_loop_new (ctx, FALSE);
  g_mutex_lock (&hub.lock);
  hub.uri = hub_server_get_uri (server);
  g_cond_signal (&hub.ready);
  g_mutex_unlock (&hub.lock);
  g_main_loop_run (hub.loop);
  g_main_context_pop_thread_default (ctx);
  return NULL;
}

static void
add_account (HubDb *db, const char *name, HubRole role)
{
  g_autofree char *hash = hub_password_hash (PASSWORD, NULL);

  ck_assert (hub_db_add_account (db, name, role, hash, NULL, NULL));
}

/* Seeds content.db, adds the officers, and starts the hub on test_dir. */
static void
start_hub (void)
{
  g_autofree char *hub_db = NULL;
  g_autoptr(HubDb) db = NULL;

  g_object_unref (test_util_seed_store (test_dir));
  hub_db = g_build_filename (test_dir, "hub.db", NULL);
  db = hub_db_open (hub_db, NULL);
  add_account (db, "minh", HUB_ROLE_EDITOR);
  add_account (db, "lan", HUB_ROLE_PUBLISHER);
  add_account (db, "an", HUB_ROLE_ADMIN);
  g_mutex_init (&hub.lock);
  g_cond_init (&hub.ready);
  g_mutex_lock (&hub.lock);
  hub.thread = g_thread_new ("hub", serve, NULL);
  while (hub.uri == NULL)
    g_cond_wait (&hub.ready, &hub.lock);
  g_mutex_unlock (&hub.lock);
  session = soup_session_new ();
  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
}

static void
run_sync_tool (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status;

  g_ptr_array_add (argv, BANLANG_BUILD_ROOT "/sync/banlang-sync");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error), "%s", error != NULL ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "banlang-sync %s failed", args[0]);
}

/* A hub that signs: a root key made for the test delegates the hub's online key. */
static void
setup_signing (void)
{
  g_autofree char *keys = NULL, *hub_key = NULL, *root_key = NULL;

  test_util_dir_setup ();
  keys = g_build_filename (test_dir, "keys", NULL);
  hub_key = g_build_filename (test_dir, "hub-key", NULL);
  root_key = g_build_filename (keys, "root.key", NULL);
  run_sync_tool ((const char *[]) { "keygen", "--out", keys, NULL });
  run_sync_tool ((const char *[]) { "delegate", "--root", root_key, "--out", hub_key, NULL });
  server_options.sync_key = g_build_filename (hub_key, "signing.key", NULL);
  server_options.sync_dir = g_build_filename (test_dir, "site", NULL);
  start_hub ();
}

static void
setup (void)
{
  test_util_dir_setup ();
  start_hub ();
}

static void
teardown (void)
{
  g_main_loop_quit (hub.loop);
  g_thread_join (hub.thread);
  g_clear_pointer (&hub.loop, g_main_loop_unref);
  g_clear_pointer (&hub.uri, g_free);
  g_clear_object (&session);
  g_clear_pointer ((char **) &server_options.sync_key, g_free);
  g_clear_pointer ((char **) &server_options.sync_dir, g_free);
  test_util_dir_teardown ();
}

/* Sends a request; returns the body of the final answer (redirects followed) and its status. */
static char *
fetch (const char *method, const char *path, const char *form, guint *status, SoupMessageHeaders **headers)
{
  g_autofree char *uri = g_strconcat (hub.uri, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  ck_assert_msg (body != NULL, "%s %s: %s", method, path, error != NULL ? error->message : "");
  *status = soup_message_get_status (msg);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static char *
get (const char *path, guint *status)
{
  return fetch ("GET", path, NULL, status, NULL);
}

/* The CSRF token of the first form on @html. */
static char *
csrf_of (const char *html)
{
  const char *at = strstr (html, "name=\"csrf\" value=\"");
  const char *end;

  ck_assert_msg (at != NULL, "no token on the page");
  at += strlen ("name=\"csrf\" value=\"");
  end = strchr (at, '"');
  return g_strndup (at, end - at);
}

/* Posts @form (name, value pairs, NULL-ended) with the token of the page at @page_path. */
static char *
post_from (const char *page_path, const char *action, guint *status, ...)
{
  guint page_status;
  g_autofree char *page = get (page_path, &page_status);
  g_autofree char *csrf = csrf_of (page);
  g_autoptr(GString) form = g_string_new (NULL);
  va_list args;
  const char *name;

  g_string_append_printf (form, "csrf=%s", csrf);
  va_start (args, status);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *value = g_uri_escape_string (va_arg (args, const char *), NULL, FALSE);
      g_string_append_printf (form, "&%s=%s", name, value);
    }
  va_end (args);
  return fetch ("POST", action, form->str, status, NULL);
}

static guint
login (const char *name, const char *password)
{
  guint status;

  g_free (post_from ("/login", "/login", &status, "name", name, "password", password, NULL));
  return status;
}

/* A fresh read of content.db, as a kiosk on the same machine would see it. */
static ContentStore *
reader (void)
{
  g_autofree char *path = g_build_filename (test_dir, "seed.db", NULL);

  return content_store_open (path, CONTENT_STORE_OPEN_READ_ONLY, NULL);
}

static char *
live_summary (const char *id)
{
  g_autoptr(ContentStore) store = reader ();
  g_autoptr(ContentItem) item = content_store_get_item (store, id, NULL);
  const ContentText *text = content_item_get_text (item, "vi");

  return g_strdup (text->summary);
}

START_TEST (test_login)
{
  guint status;
  g_autofree char *before = get ("/items", &status);
  g_autofree char *after = NULL;

  /* Not logged in: the list sends to the login page. */
  ck_assert_ptr_nonnull (strstr (before, "action=\"/login\""));
  ck_assert_uint_eq (login ("lan", "wrong password"), SOUP_STATUS_UNAUTHORIZED);
  ck_assert_uint_eq (login ("nobody", PASSWORD), SOUP_STATUS_UNAUTHORIZED);
  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  after = get ("/items?q=hon+nhan", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (after, "href=\"/items/" LAW "\""));
}
END_TEST

START_TEST (test_login_slowed_then_refused)
{
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(HubDb) db = NULL;
  gint64 failures, last_at;

  for (int i = 0; i < 3; i++)
    ck_assert_uint_eq (login ("lan", "guess"), SOUP_STATUS_UNAUTHORIZED);
  /* The fourth try comes too soon: refused without checking, even with the right password. */
  ck_assert_uint_eq (login ("lan", PASSWORD), 429);
  /* Another officer at the same address is slowed too, but never locked out by lan's guesses. */
  db = hub_db_open (hub_db, NULL);
  ck_assert (hub_db_get_login_failures (db, "account:lan", &failures, &last_at, NULL));
  ck_assert_int_eq (failures, 3);
  /* A name no account could have is refused at once and written nowhere. */
  {
    g_autofree char *long_name = g_strnfill (5000, 'x');
    ck_assert_uint_eq (login (long_name, "guess"), SOUP_STATUS_UNAUTHORIZED);
  }
  ck_assert (hub_db_get_login_failures (db, "account:xxxxxxxxxx", &failures, &last_at, NULL));
  ck_assert_int_eq (failures, 0);
}
END_TEST

START_TEST (test_post_without_token_refused)
{
  guint status;
  g_autofree char *before = live_summary (LAW);
  g_autofree char *body = NULL, *after = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) drafts = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  body = fetch ("POST", "/items/" LAW, "texts.vi.summary=forged", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  body = (g_free (body), fetch ("POST", "/items/" LAW, "csrf=not-the-token&texts.vi.summary=forged", &status, NULL));
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  store = reader ();
  drafts = content_store_list_drafts (store, NULL);
  ck_assert_uint_eq (drafts->len, 0);
  after = live_summary (LAW);
  ck_assert_str_eq (before, after);
}
END_TEST

START_TEST (test_editor_saves_but_cannot_publish)
{
  guint status;
  g_autofree char *saved = NULL, *refused = NULL, *after = NULL, *before = live_summary (LAW);
  g_autoptr(ContentStore) store = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, LAW };
  g_autoptr(JsonNode) draft = NULL;

  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_OK);
  saved = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Tóm tắt mới.", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_null (strstr (saved, "action=\"/items/" LAW "/publish\""));
  refused = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  store = reader ();
  draft = content_store_get_draft (store, &ref, NULL);
  ck_assert_ptr_nonnull (draft);
  after = live_summary (LAW);
  ck_assert_str_eq (before, after);
}
END_TEST

START_TEST (test_invalid_save_changes_nothing)
{
  guint status;
  g_autofree char *page = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GArray) drafts = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, LAW };
  guint revisions_before;

  store = reader ();
  revisions = content_store_list_revisions (store, &ref, NULL);
  revisions_before = revisions->len;
  g_clear_object (&store);
  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save",
                    "law.effective_from", "2015-13-45", "texts.vi.title", "", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  /* Each problem beside its field: the date's input is followed by its problem. */
  ck_assert_ptr_nonnull (strstr (page, "id=\"law.effective_from\" type=\"date\" value=\"2015-13-45\"><span class=\"field-problem\""));
  ck_assert_ptr_nonnull (strstr (page, "id=\"texts.vi.title\""));
  store = reader ();
  drafts = content_store_list_drafts (store, NULL);
  ck_assert_uint_eq (drafts->len, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = content_store_list_revisions (store, &ref, NULL);
  ck_assert_uint_eq (revisions->len, revisions_before);
}
END_TEST

START_TEST (test_publish_history_and_revert)
{
  guint status;
  g_autofree char *original = live_summary (LAW), *published = NULL, *history = NULL, *diff = NULL, *reverted = NULL;
  g_autofree char *page = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(JsonNode) draft = NULL;
  ContentRef ref = { CONTENT_RECORD_ITEM, LAW };

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Tuổi kết hôn: nam 20, nữ 18.", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  published = live_summary (LAW);
  ck_assert_str_eq (published, "Tuổi kết hôn: nam 20, nữ 18.");

  store = reader ();
  revisions = content_store_list_revisions (store, &ref, NULL);
  ck_assert_uint_ge (revisions->len, 3);   /* the first, the save, the publish */
  history = get ("/items/" LAW "/history", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  diff = get ("/items/" LAW "/diff?a=1&b=3", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (diff, "<ins>Tuổi kết hôn: nam 20, nữ 18.</ins>"));

  /* Revert to the first revision: a new draft revision; nothing erased, nothing live changed. */
  g_free (page);
  page = post_from ("/items/" LAW "/history", "/items/" LAW "/revert", &status, "rev", "1", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  g_clear_object (&store);
  store = reader ();
  draft = content_store_get_draft (store, &ref, NULL);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (
                      json_object_get_object_member (json_node_get_object (draft), "texts"), "vi"), "summary"), original);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = content_store_list_revisions (store, &ref, NULL);
  ck_assert_uint_ge (revisions->len, 4);
  reverted = live_summary (LAW);
  ck_assert_str_eq (reverted, published);
}
END_TEST

START_TEST (test_vietnamese_change_marks_translation_for_review)
{
  guint status;
  g_autofree char *page = NULL, *item = NULL, *confirmed = NULL, *list = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Một tóm tắt khác.", NULL);
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  item = get ("/items/" LAW "?lang=en", &status);
  ck_assert_ptr_nonnull (strstr (item, "<div class=\"needs-review\""));
  list = get ("/items?review=en", &status);
  ck_assert_ptr_nonnull (strstr (list, "href=\"/items/" LAW "\""));
  g_free (page);
  page = post_from ("/items/" LAW "?lang=en", "/items/" LAW "/confirm?lang=en", &status, "lang", "en", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  confirmed = get ("/items/" LAW "?lang=en", &status);
  ck_assert_ptr_null (strstr (confirmed, "<div class=\"needs-review\""));
}
END_TEST

START_TEST (test_values_are_escaped)
{
  guint status;
  g_autofree char *page = NULL, *shown = NULL, *list = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save",
                    "texts.vi.title", "<script>alert(1)</script> \"x\" 'y'", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  shown = get ("/items/" LAW, &status);
  ck_assert_ptr_null (strstr (shown, "<script>"));
  ck_assert_ptr_nonnull (strstr (shown, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &#39;y&#39;"));
  list = get ("/drafts", &status);
  ck_assert_ptr_null (strstr (list, "<script>"));
}
END_TEST

START_TEST (test_headers_and_cookies)
{
  guint status;
  g_autofree char *page = NULL;
  g_autofree char *login_page = NULL;
  SoupMessageHeaders *headers = NULL;
  g_autofree char *csrf = NULL, *form = NULL;
  const char *cookie;

  login_page = get ("/login", &status);
  csrf = csrf_of (login_page);
  form = g_strdup_printf ("csrf=%s&name=lan&password=%s", csrf, PASSWORD);
  /* Without following the redirect, to see the cookie being set. */
  {
    g_autofree char *uri = g_strconcat (hub.uri, "login", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
    g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
    g_autoptr(GBytes) body = NULL;
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
    body = soup_session_send_and_read (session, msg, NULL, NULL);
    ck_assert_uint_eq (soup_message_get_status (msg), SOUP_STATUS_SEE_OTHER);
    cookie = soup_message_headers_get_list (soup_message_get_response_headers (msg), "Set-Cookie");
    ck_assert_ptr_nonnull (strstr (cookie, "hub_session="));
    ck_assert_ptr_nonnull (strstr (cookie, "HttpOnly"));
    ck_assert_ptr_nonnull (strstr (cookie, "SameSite=Strict"));
  }
  page = fetch ("GET", "/items", NULL, &status, &headers);
  ck_assert_ptr_nonnull (strstr (soup_message_headers_get_one (headers, "Content-Security-Policy"), "default-src 'none'"));
  ck_assert_str_eq (soup_message_headers_get_one (headers, "X-Content-Type-Options"), "nosniff");
  soup_message_headers_unref (headers);
}
END_TEST

START_TEST (test_oversized_body_refused_unread)
{
  guint status;
  g_autofree char *big = g_strnfill (HUB_MAX_FORM_BYTES + 1, 'a');
  g_autofree char *body = NULL;

  body = fetch ("POST", "/login", big, &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}
END_TEST

START_TEST (test_audit_log)
{
  guint status;
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autofree char *page = NULL;
  g_autoptr(HubDb) db = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const char *expected[] = { "publish", "save", "login", "login-failed" };

  ck_assert_uint_eq (login ("lan", "not it"), SOUP_STATUS_UNAUTHORIZED);
  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Khác.", NULL);
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  db = hub_db_open (hub_db, NULL);
  audit = hub_db_list_audit (db, 10, NULL);
  ck_assert_uint_ge (audit->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    ck_assert_str_eq (((HubAuditEntry *) g_ptr_array_index (audit, i))->action, expected[i]);
  ck_assert_str_eq (((HubAuditEntry *) g_ptr_array_index (audit, 0))->account, "lan");
}
END_TEST

/* The newest entry of the audit log is @action on @target. */
static void
assert_last_audit (const char *action, const char *target)
{
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(HubDb) db = hub_db_open (hub_db, NULL);
  g_autoptr(GPtrArray) audit = hub_db_list_audit (db, 1, NULL);
  const HubAuditEntry *entry;

  ck_assert_uint_eq (audit->len, 1);
  entry = g_ptr_array_index (audit, 0);
  ck_assert_str_eq (entry->action, action);
  ck_assert_str_eq (entry->target, target);
  ck_assert_str_eq (entry->account, "lan");
}

/* A publisher correcting a published law may mark the change important: the record sync gives
 * then says so, and the audit log too; published plainly again, neither does. */
START_TEST (test_important_correction)
{
  guint status;
  g_autofree char *page = NULL, *form = NULL;
  g_autoptr(ContentStore) store = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Sửa: tuổi kết hôn.", NULL);
  form = get ("/items/" LAW, &status);
  ck_assert_ptr_nonnull (strstr (form, "<input type=\"checkbox\" name=\"important\" value=\"1\">"));
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, "important", "1", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  store = reader ();
  ck_assert_int_eq (test_util_change_important (store, LAW), TRUE);
  assert_last_audit ("publish-important", LAW);

  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Sửa lần hai.", NULL);
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_int_eq (test_util_change_important (store, LAW), -1);
  assert_last_audit ("publish", LAW);
}
END_TEST

/* The mark means nothing on a guide (no alert follows guides): asked for, nothing is published,
 * the page says why and the audit log has the refusal. */
START_TEST (test_important_refused_where_meaningless)
{
  guint status;
  g_autofree char *page = NULL, *form = NULL, *refused = NULL, *summary = NULL;
  const char *guide = "/items/guide-cam-trong-rung";

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from (guide, guide, &status, "action", "save", "texts.vi.summary", "Sửa.", NULL);
  form = get (guide, &status);
  ck_assert_ptr_null (strstr (form, "name=\"important\""));
  refused = post_from (guide, "/items/guide-cam-trong-rung/publish", &status, "important", "1", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  /* Said in the officer's language (Vietnamese unless chosen otherwise). */
  ck_assert_ptr_nonnull (strstr (refused, "mới được đánh dấu quan trọng"));
  summary = live_summary ("guide-cam-trong-rung");
  ck_assert_str_ne (summary, "Sửa.");
  assert_last_audit ("publish-refused", "guide-cam-trong-rung");
}
END_TEST

/* POSTs @body to /usage as a kiosk would (no cookie, no token). */
static guint
post_usage (GBytes *body)
{
  g_autofree char *uri = g_strconcat (hub.uri, "usage", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) answer = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

START_TEST (test_usage_batches)
{
  g_autofree char *kiosk_dir = g_build_filename (test_dir, "kiosk", NULL);
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(ContentStore) kiosk = NULL;
  g_autoptr(SyncKey) key = sync_key_generate ();
  g_autoptr(SyncKey) stranger = sync_key_generate ();
  g_autoptr(SyncUsageBatch) first = sync_usage_batch_new (1), again = sync_usage_batch_new (1), later = sync_usage_batch_new (2);
  g_autoptr(SyncUsageBatch) unknown = sync_usage_batch_new (1);
  g_autoptr(GBytes) sealed = NULL, resent = NULL, newer = NULL, foreign = NULL, tampered = NULL;
  g_autoptr(HubDb) db = NULL;
  g_autoptr(GPtrArray) looks = NULL, misses = NULL;
  g_autofree char *dashboard = NULL;
  g_autofree char *bad = NULL;
  guint status;

  g_mkdir_with_parents (kiosk_dir, 0755);
  kiosk = test_util_seed_store (kiosk_dir);
  for (int i = 0; i < 3; i++)
    ck_assert (content_store_count_usage (kiosk, LAW, "vi", CONTENT_CHANNEL_KIOSK, NULL));
  db = hub_db_open (hub_db, NULL);
  ck_assert (hub_usage_add_sender (db, "kiosk-binh-lieu", sync_key_get_id (key), NULL));

  ck_assert (sync_usage_batch_add_usage (first, kiosk, NULL, NULL));
  sync_usage_batch_add_miss (first, "dang ky xe 0912345678", "2026-11-28", "vi", "sms", 2);
  sealed = sync_usage_batch_seal (first, key);
  ck_assert_uint_eq (post_usage (sealed), SOUP_STATUS_OK);
  /* The same batch again: not counted twice. */
  ck_assert (sync_usage_batch_add_usage (again, kiosk, NULL, NULL));
  resent = sync_usage_batch_seal (again, key);
  ck_assert_uint_eq (post_usage (resent), SOUP_STATUS_CONFLICT);
  /* A later batch carries running totals: its figure replaces the first. */
  ck_assert (content_store_count_usage (kiosk, LAW, "vi", CONTENT_CHANNEL_KIOSK, NULL));
  ck_assert (sync_usage_batch_add_usage (later, kiosk, NULL, NULL));
  newer = sync_usage_batch_seal (later, key);
  ck_assert_uint_eq (post_usage (newer), SOUP_STATUS_OK);
  /* An unregistered sender, and a batch changed after signing. */
  foreign = sync_usage_batch_seal (unknown, stranger);
  ck_assert_uint_eq (post_usage (foreign), SOUP_STATUS_FORBIDDEN);
  bad = g_strndup (g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));
  *strstr (bad, LAW) = 'X';
  tampered = g_bytes_new (bad, strlen (bad));
  ck_assert_uint_eq (post_usage (tampered), SOUP_STATUS_BAD_REQUEST);

  looks = hub_usage_totals (db, "2000-01-01", FALSE, 10, NULL);
  ck_assert_uint_eq (looks->len, 1);
  ck_assert_str_eq (((HubUsageTotal *) g_ptr_array_index (looks, 0))->key, LAW);
  ck_assert_int_eq (((HubUsageTotal *) g_ptr_array_index (looks, 0))->count, 4);
  misses = hub_usage_totals (db, "2000-01-01", TRUE, 10, NULL);
  ck_assert_uint_eq (misses->len, 1);
  ck_assert_str_eq (((HubUsageTotal *) g_ptr_array_index (misses, 0))->key, "dang ky xe ##########");

  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_OK);
  dashboard = get ("/dashboard", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (dashboard, "dang ky xe ##########"));
  ck_assert_ptr_null (strstr (dashboard, "0912345678"));
  ck_assert_ptr_nonnull (strstr (dashboard, "href=\"/items/" LAW "\""));
}
END_TEST

START_TEST (test_accounts_for_admins_only)
{
  guint status;
  g_autofree char *refused = NULL, *added = NULL, *disabled = NULL, *self = NULL;
  g_autofree char *hub_db = g_build_filename (test_dir, "hub.db", NULL);
  g_autoptr(HubDb) db = NULL;
  g_autoptr(HubAccount) account = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  refused = get ("/accounts", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
  g_clear_object (&session);
  session = soup_session_new ();
  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  ck_assert_uint_eq (login ("an", PASSWORD), SOUP_STATUS_OK);
  added = post_from ("/accounts", "/accounts", &status, "name", "hoa", "role", "editor", "password", "a-first-password", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  disabled = post_from ("/accounts", "/accounts/minh/disable", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  self = post_from ("/accounts", "/accounts/an/disable", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  db = hub_db_open (hub_db, NULL);
  account = hub_db_find_account (db, "hoa", NULL);
  ck_assert_ptr_nonnull (account);
  ck_assert_int_eq (account->role, HUB_ROLE_EDITOR);
  g_clear_pointer (&account, hub_account_free);
  account = hub_db_find_account (db, "minh", NULL);
  ck_assert (account->disabled);
  /* A disabled officer cannot log in. */
  g_clear_object (&session);
  session = soup_session_new ();
  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_UNAUTHORIZED);
}
END_TEST

START_TEST (test_media_served_sandboxed)
{
  guint status;
  SoupMessageHeaders *headers = NULL;
  g_autofree char *svg = NULL, *missing = NULL;

  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_OK);
  svg = fetch ("GET", "/media/dd49de4cfead4006668b2223bb1fecd19f1c7aee3b45b3d177cc238a18d9b01f", NULL, &status, &headers);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (svg, "<svg"));
  ck_assert_str_eq (soup_message_headers_get_content_type (headers, NULL), "image/svg+xml");
  ck_assert (g_str_has_prefix (soup_message_headers_get_one (headers, "Content-Security-Policy"), "sandbox"));
  ck_assert_str_eq (soup_message_headers_get_one (headers, "X-Content-Type-Options"), "nosniff");
  soup_message_headers_unref (headers);
  missing = get ("/media/0000000000000000000000000000000000000000000000000000000000000000", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_NOT_FOUND);
}
END_TEST

START_TEST (test_publish_reaches_a_kiosk)
{
  g_autofree char *kiosk_db = g_build_filename (test_dir, "kiosk.db", NULL);
  g_autofree char *root_pub = g_build_filename (test_dir, "keys", "root.pub", NULL);
  g_autofree char *site = g_strconcat (hub.uri, "sync/", NULL);
  g_autofree char *page = NULL, *summary = NULL;
  guint status;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  page = post_from ("/items/" LAW, "/items/" LAW, &status, "action", "save", "texts.vi.summary", "Đã sửa trên hub.", NULL);
  g_free (page);
  page = post_from ("/items/" LAW, "/items/" LAW "/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  /* The site is written in the background after the publish: pull (through the hub's own
   * /sync/) until the kiosk has the change; each pull is a full, checked transaction. */
  for (int tries = 0; tries < 100 && g_strcmp0 (summary, "Đã sửa trên hub.") != 0; tries++)
    {
      g_autoptr(ContentStore) kiosk = NULL;
      g_autoptr(ContentItem) item = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) pull = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                      BANLANG_BUILD_ROOT "/sync/banlang-sync", "pull", "--db", kiosk_db,
                                                      "--trust", root_pub, "--from", site, NULL);
      ck_assert (g_subprocess_wait (pull, NULL, NULL));
      kiosk = g_file_test (kiosk_db, G_FILE_TEST_EXISTS) ? content_store_open (kiosk_db, CONTENT_STORE_OPEN_READ_ONLY, NULL) : NULL;
      item = kiosk != NULL ? content_store_get_item (kiosk, LAW, NULL) : NULL;
      g_free (summary);
      summary = item != NULL ? g_strdup (content_item_get_text (item, "vi")->summary) : NULL;
      if (g_strcmp0 (summary, "Đã sửa trên hub.") != 0)
        g_usleep (100 * 1000);
    }
  ck_assert_str_eq (summary, "Đã sửa trên hub.");
}
END_TEST

START_TEST (test_own_password)
{
  guint status;
  g_autofree char *wrong = NULL, *mismatch = NULL, *changed = NULL;

  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_OK);
  wrong = post_from ("/password", "/password", &status, "current", "not it", "new", "a-new-password-2", "again", "a-new-password-2", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNAUTHORIZED);
  mismatch = post_from ("/password", "/password", &status, "current", PASSWORD, "new", "a-new-password-2", "again", "a-new-password-3", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  changed = post_from ("/password", "/password", &status, "current", PASSWORD, "new", "a-new-password-2", "again", "a-new-password-2", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (changed, "class=\"notice\""));
  g_clear_object (&session);
  session = soup_session_new ();
  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  ck_assert_uint_eq (login ("minh", PASSWORD), SOUP_STATUS_UNAUTHORIZED);
  ck_assert_uint_eq (login ("minh", "a-new-password-2"), SOUP_STATUS_OK);
}
END_TEST

START_TEST (test_empty_login_token_refused)
{
  guint status;
  g_autofree char *uri = g_strconcat (hub.uri, "login", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *form = g_strdup_printf ("csrf=&name=lan&password=%s", PASSWORD);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) body = NULL;

  /* A token planted empty in the cookie and the form is no token. */
  soup_message_headers_append (soup_message_get_request_headers (msg), "Cookie", "hub_login=");
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  status = soup_message_get_status (msg);
  ck_assert_uint_eq (status, SOUP_STATUS_FORBIDDEN);
}
END_TEST

START_TEST (test_topic_removed_and_brought_back)
{
  guint status;
  g_autofree char *made = NULL, *published = NULL, *in_use = NULL, *removed = NULL, *history = NULL;
  g_autofree char *reverted = NULL, *again = NULL;
  g_autoptr(ContentStore) store = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert_uint_eq (login ("lan", PASSWORD), SOUP_STATUS_OK);
  made = post_from ("/topics/new", "/topics/new", &status, "id", "law-water", "names.vi", "Nước sạch",
                    "names.en", "Clean water", "parent", "law", "sms_code", "NUOCSACH", "icon", "weather-showers-symbolic", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  published = post_from ("/topics/law-water", "/topics/law-water/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  /* A topic still holding items cannot go. */
  in_use = post_from ("/topics/law-family", "/records/topic/law-family/remove", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_UNPROCESSABLE_ENTITY);
  removed = post_from ("/topics/law-water", "/records/topic/law-water/remove", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  store = reader ();
  ck_assert (!content_store_has_topic (store, "law-water", &error));
  ck_assert (g_error_matches (error, CONTENT_ERROR, CONTENT_ERROR_NOT_FOUND));
  g_clear_object (&store);
  g_clear_error (&error);
  /* Its history keeps every revision; reverting to the published one brings it back as a draft. */
  history = get ("/records/topic/law-water/history", &status);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  ck_assert_ptr_nonnull (strstr (history, "action=\"/records/topic/law-water/revert\""));
  reverted = post_from ("/records/topic/law-water/history", "/records/topic/law-water/revert", &status, "rev", "2", NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  again = post_from ("/topics/law-water", "/topics/law-water/publish", &status, NULL);
  ck_assert_uint_eq (status, SOUP_STATUS_OK);
  store = reader ();
  ck_assert (content_store_has_topic (store, "law-water", NULL));
}
END_TEST

static Suite *
hub_suite (void)
{
  Suite *s = suite_create ("hub");
  struct { const char *name; const TTest *test; } cases[] = {
    { "login", test_login },
    { "lockout", test_login_slowed_then_refused },
    { "csrf", test_post_without_token_refused },
    { "roles", test_editor_saves_but_cannot_publish },
    { "validation", test_invalid_save_changes_nothing },
    { "revisions", test_publish_history_and_revert },
    { "needs-review", test_vietnamese_change_marks_translation_for_review },
    { "escaping", test_values_are_escaped },
    { "headers", test_headers_and_cookies },
    { "limits", test_oversized_body_refused_unread },
    { "audit", test_audit_log },
    { "important", test_important_correction },
    { "important-refused", test_important_refused_where_meaningless },
    { "usage", test_usage_batches },
    { "accounts", test_accounts_for_admins_only },
    { "media", test_media_served_sandboxed },
    { "password", test_own_password },
    { "empty-token", test_empty_login_token_refused },
    { "records", test_topic_removed_and_brought_back },
  };

  TCase *signing = tcase_create ("sync");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      tcase_set_timeout (tc, 60);
      _tcase_add_test (tc, cases[i].test, 0, 0, 0, 1);
      suite_add_tcase (s, tc);
    }
  tcase_add_checked_fixture (signing, setup_signing, teardown);
  tcase_set_timeout (signing, 60);
  tcase_add_test (signing, test_publish_reaches_a_kiosk);
  suite_add_tcase (s, signing);
  return s;
}

int
main (void)
{
  hub_i18n_init ();
  return test_util_run (hub_suite ());
}
