/* sms-config.h: the responder's settings (banlang-sms.ini, [sms] group). */
#pragma once

#include "sms-codec.h"

G_BEGIN_DECLS

typedef struct {
  char *lang;                /* reply language for numbers that chose none ("vi") */
  SmsPolicy policy;          /* reply encoding for numbers that chose none (unaccented) */
  guint max_parts;           /* SMS parts per reply before paging with THEM (3) */
  guint replies_per_hour;    /* per number, then one notice and silence (20: three answers with their menus, and more) */
  gint64 duplicate_seconds;  /* identical text from one number within this is ignored (30) */
  guint loop_count;          /* the same reply this many times... (5) */
  gint64 loop_seconds;       /* ...within this many seconds means a loop: stop answering (600) */
  gint64 session_seconds;    /* how long a menu, a screening or THEM stays valid (1800) */
  char *usage_url;           /* the hub's /usage, where counts of what people ask go; NULL: none */
  char *usage_key;           /* the responder's own secret key file signing them (with usage_url) */
  gint64 usage_interval;     /* seconds between posts of the counts (3600) */
  guint alerts_per_day;      /* alerts a number gets a day at most, the rest wait a day (2) */
  char *time_zone;           /* of the quiet hours, 21:00 to 07:00 (Asia/Ho_Chi_Minh) */
} SmsConfig;

/* The defaults above. */
void sms_config_init (SmsConfig *config);
void sms_config_clear (SmsConfig *config);

/* Reads @path (a GKeyFile with an [sms] group: lang, policy, max_parts, replies_per_hour,
 * duplicate_seconds, loop_count, loop_seconds, session_seconds, usage_url, usage_key,
 * usage_interval, alerts_per_day, time_zone) over the defaults; an unknown key, a bad value, or one of usage_url and
 * usage_key without the other is an error naming the file and key. */
gboolean sms_config_load (SmsConfig *config, const char *path, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmsConfig, sms_config_clear)

G_END_DECLS
