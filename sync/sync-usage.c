/* sync-usage.c: usage batches, built, signed, posted and verified (see sync-usage.h).
 *
 * A batch carries running totals, not increments: a kiosk sends what it has counted for each
 * (item, day, language, channel) so far, and the hub keeps the figure of the newest batch. A
 * batch sent twice, or a later one covering the same days, can then never count anything
 * twice, and a lost batch loses nothing that the next one does not carry again. Batch numbers
 * only go up, so the hub can refuse a replayed or reordered old batch outright.
 * Nothing in a batch names a person: items, days, languages, channels, and searches whose
 * digits (phone numbers, ID numbers) are masked before they leave the sender.
 */
#include "sync-usage.h"
#include "content-replica.h"
#include "sync-envelope.h"
#include "sync-error.h"
#include "sync-file.h"
#include "sync-json.h"
#include "sync-time.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

struct _SyncUsageBatch {
  char *sender;
  gint64 number;
  JsonArray *rows;
  JsonArray *misses;
};

SyncUsageBatch *
sync_usage_batch_new (gint64 number)
{
  SyncUsageBatch *self = g_new0 (SyncUsageBatch, 1);

  self->number = number;
  self->rows = json_array_new ();
  self->misses = json_array_new ();
  return self;
}

void
sync_usage_batch_free (SyncUsageBatch *self)
{
  if (self == NULL)
    return;
  g_free (self->sender);
  /* A batch refused while parsing is freed before it has them. */
  g_clear_pointer (&self->rows, json_array_unref);
  g_clear_pointer (&self->misses, json_array_unref);
  g_free (self);
}

gboolean
sync_usage_batch_add_usage (SyncUsageBatch *self, ContentStore *store, const char *since, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) usage = content_store_list_usage (store, since, &local);
  JsonArray *rows;

  if (usage == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "%s", local->message);
      return FALSE;
    }
  rows = json_node_get_array (usage);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    json_array_add_element (self->rows, json_node_copy (json_array_get_element (rows, i)));
  return TRUE;
}

char *
sync_usage_mask_digits (const char *query)
{
  GString *out = g_string_new (NULL);

  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c))
        g_string_append_c (out, '#');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
sync_usage_batch_add_miss (SyncUsageBatch *self, const char *query, const char *day, const char *lang,
                           const char *channel, gint64 count)
{
  g_autofree char *masked = sync_usage_mask_digits (query);
  JsonObject *row = json_object_new ();

  json_object_set_string_member (row, "query", masked);
  json_object_set_string_member (row, "day", day);
  json_object_set_string_member (row, "lang", lang);
  json_object_set_string_member (row, "channel", channel);
  json_object_set_int_member (row, "count", count);
  json_array_add_object_element (self->misses, row);
}

GBytes *
sync_usage_batch_seal (SyncUsageBatch *self, SyncKey *sender)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *created_at = sync_time_format (NULL);
  JsonNode *rows = json_node_init_array (json_node_alloc (), self->rows);
  JsonNode *misses = json_node_init_array (json_node_alloc (), self->misses);

  json_builder_begin_object (b);
  sync_json_add_string (b, "type", SYNC_USAGE_TYPE);
  sync_json_add_string (b, "sender", sync_key_get_id (sender));
  sync_json_add_int (b, "batch", self->number);
  sync_json_add_string (b, "created_at", created_at);
  json_builder_set_member_name (b, "rows");
  json_builder_add_value (b, rows);
  json_builder_set_member_name (b, "misses");
  json_builder_add_value (b, misses);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  return sync_envelope_seal (sender, SYNC_USAGE_TYPE, payload);
}

static gboolean
refuse (GError **error, const char *why, guint i)
{
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "usage batch: row %u: %s", i + 1, why);
  return FALSE;
}

static gboolean
is_day (const char *s)
{
  return strlen (s) == 10 && s[4] == '-' && s[7] == '-'
         && g_date_valid_dmy (atoi (s + 8), atoi (s + 5), atoi (s));
}

/* Checks each of @rows: strings where they belong (@what_key: "item" or "query"), a day, a
 * known channel, a positive count; a query without digits. */
static gboolean
check_rows (JsonArray *rows, const char *what_key, GError **error)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *what, *day, *lang, *channel;
      gint64 count;

      if (row == NULL)
        return refuse (error, "not an object", i);
      if ((what = sync_json_get_string (row, what_key, "usage batch", error)) == NULL
          || (day = sync_json_get_string (row, "day", "usage batch", error)) == NULL
          || (lang = sync_json_get_string (row, "lang", "usage batch", error)) == NULL
          || (channel = sync_json_get_string (row, "channel", "usage batch", error)) == NULL
          || !sync_json_get_int (row, "count", "usage batch", &count, error))
        return FALSE;
      if (!is_day (day) || count < 1 || what[0] == '\0' || lang[0] == '\0')
        return refuse (error, "needs a day (YYYY-MM-DD), a count of at least 1 and non-empty names", i);
      if (!g_str_equal (channel, "kiosk") && !g_str_equal (channel, "sms") && !g_str_equal (channel, "hub"))
        return refuse (error, "channel must be kiosk, sms or hub", i);
      if (g_str_equal (what_key, "query") && strpbrk (what, "0123456789") != NULL)
        return refuse (error, "a query must have its digits masked", i);
    }
  return TRUE;
}

static JsonArray *
get_array (JsonObject *obj, const char *name, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED, "usage batch: “%s” must be an array", name);
      return NULL;
    }
  return json_array_ref (json_node_get_array (node));
}

SyncUsageBatch *
sync_usage_batch_parse_verified (GBytes *body, GError **error)
{
  g_autofree char *signer = NULL;
  g_autoptr(JsonNode) payload = sync_envelope_open (body, SYNC_USAGE_TYPE, NULL, "usage batch", &signer, error);
  g_autoptr(SyncUsageBatch) self = NULL;
  JsonObject *obj;
  const char *sender;

  if (payload == NULL)
    return NULL;
  obj = json_node_get_object (payload);
  self = g_new0 (SyncUsageBatch, 1);
  if ((sender = sync_json_get_string (obj, "sender", "usage batch", error)) == NULL
      || !sync_json_get_int (obj, "batch", "usage batch", &self->number, error)
      || (self->rows = get_array (obj, "rows", error)) == NULL
      || (self->misses = get_array (obj, "misses", error)) == NULL
      || !check_rows (self->rows, "item", error) || !check_rows (self->misses, "query", error))
    return NULL;
  if (!g_str_equal (sender, signer) || self->number < 1)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_REFUSED,
                   "usage batch: not signed by its sender, or numbered below 1");
      return NULL;
    }
  self->sender = g_strdup (sender);
  return g_steal_pointer (&self);
}

const char *
sync_usage_batch_get_sender (SyncUsageBatch *self)
{
  return self->sender;
}

gint64
sync_usage_batch_get_number (SyncUsageBatch *self)
{
  return self->number;
}

JsonArray *
sync_usage_batch_get_rows (SyncUsageBatch *self)
{
  return self->rows;
}

JsonArray *
sync_usage_batch_get_misses (SyncUsageBatch *self)
{
  return self->misses;
}

gboolean
sync_usage_next_number (const char *state_path, gint64 *number, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = sync_file_read (state_path, &local);
  g_autofree char *text = NULL;
  gint64 last = 0;

  if (bytes == NULL && !g_error_matches (local, SYNC_ERROR, SYNC_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (bytes != NULL)
    {
      g_autofree char *old = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      last = g_ascii_strtoll (old, NULL, 10);
    }
  *number = MAX (last + 1, g_get_real_time () / 1000);
  text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", *number);
  return sync_file_write (state_path, text, strlen (text), 0644, error);
}

gboolean
sync_usage_post (GBytes *sealed, const char *url, GCancellable *cancellable, GError **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_FAILED, "“%s” is not a URL", url);
      return FALSE;
    }
  soup_session_set_timeout (session, 60);
  soup_message_set_request_body_from_bytes (msg, "application/json", sealed);
  answer = soup_session_send_and_read (session, msg, cancellable, &local);
  if (answer == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_UNREACHABLE, "%s: %s", url, local->message);
      return FALSE;
    }
  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;
  g_set_error (error, SYNC_ERROR, status >= 500 ? SYNC_ERROR_UNREACHABLE : SYNC_ERROR_REFUSED,
               "%s: HTTP %u %s", url, status, soup_message_get_reason_phrase (msg));
  return FALSE;
}
