/* content-topic.h: a node of the topic tree (the three sections are its roots). */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *parent_id;     /* NULL for a section */
  char *icon;          /* symbolic icon name, "" when none */
  char *sms_code;
  char *pictogram;     /* sha256 of its pictogram in the media table, NULL when none */
  GHashTable *names;   /* lang → name; "vi" always present */
  gint position;       /* order among its siblings */
  gint64 seq;
} ContentTopic;

ContentTopic *content_topic_new (void);
void content_topic_free (ContentTopic *topic);

/* The name to show a reader of @lang, following the fallback chain; sets *@shown_lang (when
 * not NULL) to the language it is in. */
const char *content_topic_get_name (const ContentTopic *topic, const char *lang,
                                    const char **shown_lang);

/* The topic in the format of content/FORMAT.md. */
JsonNode *content_topic_to_json (const ContentTopic *topic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContentTopic, content_topic_free)

G_END_DECLS
