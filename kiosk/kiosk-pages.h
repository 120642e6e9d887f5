/* kiosk-pages.h: the kiosk's pages, built from the content store (kiosk-pages.c). */
#pragma once

#include <gtk/gtk.h>

#include "content-store.h"

G_BEGIN_DECLS

/* What every page needs to build itself. */
typedef struct {
  ContentStore *store;
  const char *lang;
  const char *sms_number;
  /* Called with "topic:ID" or "item:ID" when a person taps a link. */
  void (*open) (gpointer user_data, const char *target);
  gpointer user_data;
} KioskPageContext;

/* Home: the three sections as large buttons with a picture and words. */
GtkWidget *kiosk_home_page_new (const KioskPageContext *ctx);

/* A topic: its subtopics, or its items, as large buttons. NULL when there is no such topic. */
GtkWidget *kiosk_topic_page_new (const KioskPageContext *ctx, const char *topic_id);

/* An item: title, facts (a law's number, dates, status), summary, body, and how to get it by
 * SMS. NULL when there is no such published item. */
GtkWidget *kiosk_item_page_new (const KioskPageContext *ctx, const char *item_id);

G_END_DECLS
