/* kiosk-page-context.h: what every kiosk page needs to build itself, owned by the window. */
#pragma once

#include <glib.h>

#include "content-rule-set.h"
#include "content-store.h"

G_BEGIN_DECLS

typedef struct {
  ContentStore *store;
  ContentRuleSet *rules;      /* the eligibility rules; NULL when the store has none */
  const char *lang;           /* the reader's language, a registry code */
  const char *sms_number;     /* the number people text, as shown on every page */
  /* Called with a target ("topic:ID", "item:ID", "search", "wizard", "lang:CODE") when a person
   * taps a link. */
  void (*open) (gpointer user_data, const char *target);
  gpointer user_data;
} KioskPageContext;

G_END_DECLS
