/* kiosk-topic-page.h: one topic: its subtopics and items as large buttons. */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-page-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_TOPIC_PAGE (kiosk_topic_page_get_type ())
G_DECLARE_FINAL_TYPE (KioskTopicPage, kiosk_topic_page, KIOSK, TOPIC_PAGE, GtkWidget)

/* The page of topic @topic_id, or NULL when there is no such topic; @ctx must outlive it. */
GtkWidget *kiosk_topic_page_new (const KioskPageContext *ctx, const char *topic_id);

G_END_DECLS
