/* kiosk-wizard-page.c: "Check what you can get", driven by the eligibility engine.
 *
 * One question a screen, asked in the order the engine chooses (the one that settles the most),
 * with large answer buttons, the kiosk's number keys for numbers, and "I don't know" where the
 * rules allow it. Back steps to the previous question. The results say what a household can get
 * and why, what it cannot and why not, what is still unknown, and where to apply with what
 * papers. The engine's JSON (content_screening_to_json) is the one source of every word shown
 * about the rules, so the kiosk, the SMS responder and the command line say the same.
 */
#include "config.h"
#include "kiosk-wizard-page.h"
#include "kiosk-keypad.h"
#include "kiosk-widgets.h"

#include "content-screening.h"

#include <glib/gi18n.h>
#include <string.h>

#define ANSWER_DATA "kiosk-answer"
/* The largest number a question takes (a month's income in đồng) has well under 13 digits. */
#define MAX_DIGITS 12

struct _KioskWizardPage {
  GtkWidget parent_instance;

  GtkStack *views;
  GtkLabel *progress;
  GtkLabel *question;
  GtkBox *answers;
  GtkBox *keypad_box;
  GtkWidget *dont_know;
  GtkScrolledWindow *question_scroller;
  GtkLabel *result_note;
  GtkBox *results;
  GtkScrolledWindow *result_scroller;

  const KioskPageContext *ctx;
  ContentScreening *screening;
  GPtrArray *asked;        /* ids of the questions answered, in order */
  char *current;           /* the question on screen; NULL when none is left */
  gboolean results_early;  /* the results were asked for before the last question */
  KioskKeypad *keypad;     /* the number keys of a number question, else NULL */
  GtkLabel *number;        /* the number typed so far, with its unit */
  GtkLabel *number_problem;
  GtkWidget *number_ok;
  char *unit;
};

G_DEFINE_FINAL_TYPE (KioskWizardPage, kiosk_wizard_page, GTK_TYPE_WIDGET)

static void show_next (KioskWizardPage *self);

static void
kiosk_wizard_page_dispose (GObject *object)
{
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_WIZARD_PAGE);
  G_OBJECT_CLASS (kiosk_wizard_page_parent_class)->dispose (object);
}

static void
kiosk_wizard_page_finalize (GObject *object)
{
  KioskWizardPage *self = KIOSK_WIZARD_PAGE (object);

  g_clear_pointer (&self->screening, content_screening_free);
  g_clear_pointer (&self->asked, g_ptr_array_unref);
  g_free (self->current);
  g_free (self->unit);
  G_OBJECT_CLASS (kiosk_wizard_page_parent_class)->finalize (object);
}

/* Records @value for the question on screen and moves on; a refused answer (a number out of
 * bounds) is said on the screen and nothing changes. */
static void
answer (KioskWizardPage *self, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (self->current == NULL)
    return;
  if (!content_screening_answer (self->screening, self->current, value, &error))
    {
      if (self->number_problem != NULL)
        {
          gtk_label_set_text (self->number_problem, _("Please check the number: it is not one this question takes."));
          gtk_widget_set_visible (GTK_WIDGET (self->number_problem), TRUE);
        }
      g_warning ("wizard answer %s=%s: %s", self->current, value, error->message);
      return;
    }
  g_ptr_array_add (self->asked, g_strdup (self->current));
  show_next (self);
}

static void
on_dont_know_clicked (KioskWizardPage *self)
{
  answer (self, "unknown");
}

static void
on_results_now_clicked (KioskWizardPage *self)
{
  self->results_early = TRUE;
  show_next (self);
}

static void
on_again_clicked (KioskWizardPage *self)
{
  while (self->asked->len > 0)
    {
      content_screening_forget (self->screening, g_ptr_array_index (self->asked, self->asked->len - 1));
      g_ptr_array_set_size (self->asked, self->asked->len - 1);
    }
  self->results_early = FALSE;
  show_next (self);
}

static void
kiosk_wizard_page_class_init (KioskWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_wizard_page_dispose;
  object_class->finalize = kiosk_wizard_page_finalize;
  kiosk_widgets_set_template (widget_class, "kiosk-wizard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, views);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, progress);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, question);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, answers);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, keypad_box);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, dont_know);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, result_note);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, results);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, result_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_dont_know_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_results_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_wizard_page_init (KioskWizardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->asked = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (self->dont_know), ANSWER_DATA, g_strdup ("unknown"), g_free);
}

static void
on_answer_clicked (GtkButton *button, KioskWizardPage *self)
{
  answer (self, kiosk_wizard_page_button_get_answer (GTK_WIDGET (button)));
}

static void
add_answer_button (KioskWizardPage *self, const char *value, const char *label)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), kiosk_label_new (label, NULL));
  gtk_widget_add_css_class (button, "tile");
  gtk_widget_add_css_class (button, "answer");
  g_object_set_data_full (G_OBJECT (button), ANSWER_DATA, g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_answer_clicked), self);
  gtk_box_append (self->answers, button);
}

/* @digits grouped by thousands the way the reader writes them: 2.100.000 or 2,100,000. */
static char *
group_digits (const char *digits, const char *lang)
{
  const char *separator = g_str_equal (lang, "en") ? "," : ".";
  gsize n = strlen (digits);
  GString *grouped = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (grouped, separator);
      g_string_append_c (grouped, digits[i]);
    }
  return g_string_free (grouped, FALSE);
}

static void
on_number_typed (KioskWizardPage *self)
{
  const char *digits = kiosk_keypad_get_text (self->keypad);
  g_autofree char *grouped = NULL;
  g_autofree char *shown = NULL;

  if (strlen (digits) > MAX_DIGITS)
    {
      g_autofree char *cut = g_strndup (digits, MAX_DIGITS);
      kiosk_keypad_set_text (self->keypad, cut);
      return;
    }
  grouped = group_digits (digits, self->ctx->lang);
  shown = self->unit != NULL ? g_strdup_printf ("%s▏ %s", grouped, self->unit) : g_strdup_printf ("%s▏", grouped);
  gtk_label_set_text (self->number, shown);
  gtk_widget_set_sensitive (self->number_ok, *digits != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->number_problem), FALSE);
}

static void
on_number_ok (KioskWizardPage *self)
{
  answer (self, kiosk_keypad_get_text (self->keypad));
}

/* The number field, its keys and an OK button, for a number question. */
static void
add_number_entry (KioskWizardPage *self)
{
  self->number = GTK_LABEL (kiosk_label_new (NULL, "query-field"));
  self->number_problem = GTK_LABEL (kiosk_label_new (NULL, "problem"));
  self->keypad = KIOSK_KEYPAD (kiosk_keypad_new (TRUE));
  self->number_ok = gtk_button_new_with_label (_("OK"));
  gtk_widget_add_css_class (self->number_ok, "tile");
  gtk_widget_add_css_class (self->number_ok, "primary");
  g_object_set_data_full (G_OBJECT (self->number_ok), ANSWER_DATA, g_strdup ("ok"), g_free);
  g_signal_connect_swapped (self->number_ok, "clicked", G_CALLBACK (on_number_ok), self);
  g_signal_connect_swapped (self->keypad, "notify::text", G_CALLBACK (on_number_typed), self);
  gtk_box_append (self->answers, GTK_WIDGET (self->number));
  gtk_box_append (self->answers, GTK_WIDGET (self->number_problem));
  gtk_box_append (self->answers, self->number_ok);
  gtk_box_append (self->keypad_box, GTK_WIDGET (self->keypad));
  on_number_typed (self);
}

static const char *
member_string (JsonObject *obj, const char *member)
{
  return json_object_get_string_member_with_default (obj, member, NULL);
}

static void
show_question (KioskWizardPage *self, JsonObject *q)
{
  const char *type = member_string (q, "type");
  g_autofree char *progress = g_strdup_printf (_("Question %u"), self->asked->len + 1);

  g_free (self->current);
  self->current = g_strdup (member_string (q, "id"));
  g_clear_pointer (&self->unit, g_free);
  self->unit = g_strdup (member_string (q, "unit"));
  self->keypad = NULL;
  self->number = self->number_problem = NULL;
  self->number_ok = NULL;
  kiosk_box_clear (self->answers);
  kiosk_box_clear (self->keypad_box);
  gtk_label_set_text (self->progress, progress);
  gtk_label_set_text (self->question, member_string (q, "text"));
  if (g_strcmp0 (type, "yes_no") == 0)
    {
      add_answer_button (self, "yes", _("Yes"));
      add_answer_button (self, "no", _("No"));
    }
  else if (g_strcmp0 (type, "choice") == 0)
    {
      JsonArray *choices = json_object_get_array_member (q, "choices");

      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          JsonObject *choice = json_array_get_object_element (choices, i);
          add_answer_button (self, member_string (choice, "value"), member_string (choice, "label"));
        }
    }
  else
    add_number_entry (self);
  gtk_widget_set_visible (self->dont_know, json_object_get_boolean_member_with_default (q, "dont_know", FALSE));
  kiosk_scroll_to_top (self->question_scroller);
  gtk_stack_set_visible_child_name (self->views, "question");
}

/* A bulleted list of the strings of @array under @heading; nothing when it is empty. */
static void
add_list (GtkBox *card, const char *heading, JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (text, "\n • %s", json_array_get_string_element (array, i));
  if (text->len == 0)
    return;
  g_string_prepend (text, heading);
  gtk_box_append (card, kiosk_label_new (text->str, "result-detail"));
}

static void
add_line (GtkBox *card, const char *heading, const char *value)
{
  g_autofree char *markup = NULL;
  GtkWidget *label;

  if (value == NULL)
    return;
  markup = g_markup_printf_escaped ("<b>%s</b> %s", heading, value);
  label = kiosk_label_new (NULL, "result-detail");
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_box_append (card, label);
}

/* One benefit's card: its title (a link to its page), then why, and what to do. */
static void
add_benefit_card (KioskWizardPage *self, JsonObject *benefit, ContentVerdict verdict)
{
  GtkBox *card = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  g_autofree char *target = g_strconcat ("item:", member_string (benefit, "id"), NULL);
  static const char *const classes[] = { "eligible", "not-eligible", "undecided" };

  gtk_widget_add_css_class (GTK_WIDGET (card), "result-card");
  gtk_widget_add_css_class (GTK_WIDGET (card), classes[verdict]);
  gtk_box_append (card, kiosk_link_button_new (self->ctx, target, NULL, member_string (benefit, "title")));
  switch (verdict)
    {
    case CONTENT_VERDICT_ELIGIBLE:
      add_list (card, _("Because:"), json_object_get_array_member (benefit, "met"));
      add_line (card, _("What you get:"), member_string (benefit, "amount"));
      add_line (card, _("Where to apply:"), member_string (benefit, "apply_at"));
      add_list (card, _("What to bring:"), json_object_get_array_member (benefit, "documents"));
      break;
    case CONTENT_VERDICT_UNDECIDED:
      add_list (card, _("Not known yet:"), json_object_get_array_member (benefit, "unknown"));
      add_line (card, _("Ask at:"), member_string (benefit, "apply_at"));
      add_list (card, _("What to bring:"), json_object_get_array_member (benefit, "documents"));
      break;
    case CONTENT_VERDICT_NOT_ELIGIBLE:
    default:
      add_list (card, _("Why not:"), json_object_get_array_member (benefit, "not_met"));
      break;
    }
  gtk_box_append (self->results, GTK_WIDGET (card));
}

/* TRUE when the benefit @id is published: a draft or archived one is not the public's business,
 * and its page would not open. */
static gboolean
is_published (KioskWizardPage *self, const char *id)
{
  const ContentItem *item = content_rule_set_get_benefit (self->ctx->rules, id);

  return item != NULL && item->status == CONTENT_STATUS_PUBLISHED;
}

static void
add_group (KioskWizardPage *self, JsonArray *benefits, ContentVerdict verdict, const char *heading)
{
  gboolean any = FALSE;

  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *benefit = json_array_get_object_element (benefits, i);

      if (g_strcmp0 (member_string (benefit, "verdict"), content_verdict_to_string (verdict)) != 0
          || !is_published (self, member_string (benefit, "id")))
        continue;
      if (!any)
        gtk_box_append (self->results, kiosk_label_new (heading, "section-title"));
      any = TRUE;
      add_benefit_card (self, benefit, verdict);
    }
}

static void
show_results (KioskWizardPage *self, JsonObject *state)
{
  JsonArray *benefits = json_object_get_array_member (state, "benefits");

  kiosk_box_clear (self->results);
  gtk_label_set_text (self->result_note,
                      _("This is a first check from your answers, not a decision: the commune or the office named below decides."));
  add_group (self, benefits, CONTENT_VERDICT_ELIGIBLE, _("You can get"));
  add_group (self, benefits, CONTENT_VERDICT_UNDECIDED, _("Still to be checked"));
  add_group (self, benefits, CONTENT_VERDICT_NOT_ELIGIBLE, _("You cannot get"));
  kiosk_scroll_to_top (self->result_scroller);
  gtk_stack_set_visible_child_name (self->views, "result");
}

/* The next question, or the results when no answer could change anything (or were asked for). */
static void
show_next (KioskWizardPage *self)
{
  g_autoptr(JsonNode) state = content_screening_to_json (self->screening);
  JsonObject *obj = json_node_get_object (state);
  JsonNode *next = json_object_get_member (obj, "next_question");

  if (next == NULL || !JSON_NODE_HOLDS_OBJECT (next))
    {
      g_clear_pointer (&self->current, g_free);
      self->results_early = FALSE;
      show_results (self, obj);
    }
  else if (self->results_early)
    show_results (self, obj);
  else
    show_question (self, json_node_get_object (next));
}

GtkWidget *
kiosk_wizard_page_new (const KioskPageContext *ctx)
{
  g_autoptr(GError) error = NULL;
  ContentScreening *screening;
  KioskWizardPage *self;

  if (ctx->rules == NULL)
    return NULL;
  screening = content_screening_new (ctx->rules, NULL, ctx->lang, &error);
  if (screening == NULL)
    {
      g_warning ("wizard: %s", error->message);
      return NULL;
    }
  self = g_object_new (KIOSK_TYPE_WIZARD_PAGE, NULL);
  self->ctx = ctx;
  self->screening = screening;
  show_next (self);
  return GTK_WIDGET (self);
}

gboolean
kiosk_wizard_page_back (KioskWizardPage *self)
{
  const char *last;

  if (self->results_early)
    {
      self->results_early = FALSE;
      show_next (self);
      return TRUE;
    }
  if (self->asked->len == 0)
    return FALSE;
  last = g_ptr_array_index (self->asked, self->asked->len - 1);
  content_screening_forget (self->screening, last);
  g_ptr_array_set_size (self->asked, self->asked->len - 1);
  show_next (self);
  return TRUE;
}

const char *
kiosk_wizard_page_get_question (KioskWizardPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->views), "question") ? self->current : NULL;
}

const char *
kiosk_wizard_page_button_get_answer (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), ANSWER_DATA);
}
