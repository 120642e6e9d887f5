/* kiosk-wizard-page.c: "Check what you can get", driven by the eligibility engine.
 *
 * A first screen says what the check does and how long it takes. Then one question a screen,
 * asked in the order the engine chooses (the one that settles the most), with "question 3 of at
 * most 10" above it, large answer buttons, the kiosk's number keys for numbers, and "I don't
 * know" where the rules allow it. Back steps to the previous question with its answer still
 * chosen, so a person who only looks back loses nothing. The results open with a summary (what
 * you may get, what to bring, where to go), then say per benefit why, what is still unknown,
 * and list apart the programmes not in force on the day, which refuse nobody for who they are.
 * The engine's JSON (content_screening_to_json) is the one source of every word shown about the
 * rules, so the kiosk, the SMS responder and the command line say the same.
 *
 * Where a picture or a word of help makes a question easier (house types, income per person),
 * the kiosk adds it: the rule format has no place for them yet.
 */
#include "config.h"
#include "kiosk-wizard-page.h"
#include "kiosk-keypad.h"
#include "kiosk-listen-button.h"
#include "kiosk-qr-code.h"
#include "kiosk-widgets.h"

#include "content-language.h"
#include "content-screening.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define ANSWER_DATA "kiosk-answer"
/* The largest number a question takes (a month's income in đồng) has well under 13 digits. */
#define MAX_DIGITS 12

struct _KioskWizardPage {
  GtkWidget parent_instance;

  GtkStack *views;
  GtkWidget *start_column;
  GtkWidget *question_column;
  GtkWidget *result_column;
  GtkLabel *start_title;
  GtkBox *start_listen_slot;
  GtkLabel *start_text;
  GtkLabel *progress;
  GtkLabel *question;
  GtkLabel *help;
  GtkBox *answer_row;
  GtkBox *summary;
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
  GHashTable *previous;    /* question id → the answer given before Back was tapped */
  char *current;           /* the question on screen; NULL when none is left */
  gboolean results_early;  /* the results were asked for before the last question */
  KioskKeypad *keypad;     /* the number keys of a number question, else NULL */
  GtkLabel *number;        /* the number typed so far, with its unit */
  GtkLabel *number_problem;
  GtkWidget *number_ok;
  char *unit;
  KioskListenButton *start_listen;     /* reads what the check does */
  KioskListenButton *question_listen;  /* reads the question and its answers aloud */
  KioskListenButton *result_listen;    /* reads the summary of the results */
};

G_DEFINE_FINAL_TYPE (KioskWizardPage, kiosk_wizard_page, GTK_TYPE_WIDGET)

static void show_next (KioskWizardPage *self);
static void show_start (KioskWizardPage *self);

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
  g_clear_pointer (&self->previous, g_hash_table_unref);
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
  g_hash_table_insert (self->previous, g_strdup (self->current), g_strdup (value));
  g_ptr_array_add (self->asked, g_strdup (self->current));
  show_next (self);
}

static void
on_start_clicked (KioskWizardPage *self)
{
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
  g_hash_table_remove_all (self->previous);
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
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, start_column);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, question_column);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, result_column);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, progress);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, start_title);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, start_listen_slot);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, start_text);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, help);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, answer_row);
  gtk_widget_class_bind_template_child (widget_class, KioskWizardPage, summary);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
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
  kiosk_clamp_to_reading_width (self->start_column);
  kiosk_clamp_to_reading_width (self->question_column);
  kiosk_clamp_to_reading_width (self->result_column);
  self->asked = g_ptr_array_new_with_free_func (g_free);
  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_object_set_data_full (G_OBJECT (self->dont_know), ANSWER_DATA, g_strdup ("unknown"), g_free);
}

static void
on_answer_clicked (GtkButton *button, KioskWizardPage *self)
{
  answer (self, kiosk_wizard_page_button_get_answer (GTK_WIDGET (button)));
}

/* A picture of a house for the house-type question: a solid house of brick under a tiled roof,
 * or a temporary one of wood and thatch that leans. Drawn, not loaded: it is two shapes. */
static void
draw_house (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  gboolean solid = GPOINTER_TO_INT (user_data);
  double s = MIN (width, height) / 100.0;

  cairo_translate (cr, (width - 100 * s) / 2, (height - 100 * s) / 2);
  cairo_scale (cr, s, s);
  cairo_set_line_width (cr, 4);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (solid)
    {
      cairo_rectangle (cr, 18, 45, 64, 48);
      cairo_set_source_rgb (cr, 0.80, 0.42, 0.30);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_stroke (cr);
      for (int y = 57; y < 93; y += 12)
        {
          cairo_move_to (cr, 18, y);
          cairo_line_to (cr, 82, y);
        }
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 4);
      cairo_move_to (cr, 8, 47);
      cairo_line_to (cr, 50, 12);
      cairo_line_to (cr, 92, 47);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.65, 0.15, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_stroke (cr);
      cairo_rectangle (cr, 42, 66, 16, 27);
      cairo_set_source_rgb (cr, 0.35, 0.22, 0.12);
      cairo_fill (cr);
    }
  else
    {
      cairo_move_to (cr, 22, 93);
      cairo_line_to (cr, 26, 52);
      cairo_line_to (cr, 76, 56);
      cairo_line_to (cr, 80, 93);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.72, 0.58, 0.38);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_stroke (cr);
      for (int x = 34; x < 78; x += 10)
        {
          cairo_move_to (cr, x, 54);
          cairo_line_to (cr, x + 1, 93);
        }
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 4);
      cairo_move_to (cr, 10, 58);
      cairo_line_to (cr, 46, 18);
      cairo_line_to (cr, 90, 60);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 0.85, 0.72, 0.35);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_stroke (cr);
    }
}

/* The picture for the answer @value of @question, or NULL. */
static GtkWidget *
answer_picture (const char *question, const char *value)
{
  GtkWidget *area;

  if (g_strcmp0 (question, "house") != 0 || (g_strcmp0 (value, "solid") != 0 && g_strcmp0 (value, "temporary") != 0))
    return NULL;
  area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 96);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 96);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_house,
                                  GINT_TO_POINTER (g_str_equal (value, "solid")), NULL);
  return area;
}

static void
add_answer_button (KioskWizardPage *self, const char *value, const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *picture = answer_picture (self->current, value);
  const char *before = g_hash_table_lookup (self->previous, self->current);

  if (picture != NULL)
    gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), kiosk_label_new (label, NULL));
  /* The answer given before Back: marked, so it can be kept with one tap. */
  if (g_strcmp0 (before, value) == 0)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("banlang-chosen");

      gtk_widget_set_hexpand (mark, TRUE);
      gtk_widget_set_halign (mark, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (box), mark);
      gtk_widget_add_css_class (button, "chosen");
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
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
  /* The number given before Back is typed in again. */
  if (g_hash_table_lookup (self->previous, self->current) != NULL
      && g_ascii_isdigit (*(const char *) g_hash_table_lookup (self->previous, self->current)))
    kiosk_keypad_set_text (self->keypad, g_hash_table_lookup (self->previous, self->current));
  on_number_typed (self);
}

static const char *
member_string (JsonObject *obj, const char *member)
{
  return json_object_get_string_member_with_default (obj, member, NULL);
}

/* A word of help for a question that needs one, or NULL. */
static const char *
question_help (const char *question)
{
  if (g_strcmp0 (question, "income_per_person") == 0)
    return _("Add up what everyone in your household earned last month: wages, crops and animals sold, "
             "allowances. Divide it by the number of people who live in the house. For example, "
             "6.000.000 đồng for 4 people is 1.500.000 đồng per person.");
  if (g_strcmp0 (question, "house") == 0)
    return _("A solid house has brick or concrete walls and a tiled or concrete roof. A temporary "
             "house is made of wood, bamboo, leaves or sheeting that does not last.");
  return NULL;
}

/* Appends to @said the text of every label under @widget, one a line. */
static void
collect_labels (GtkWidget *widget, GString *said)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_string_append_printf (said, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, said);
}

/* The rule set's definition of question @id, or NULL. */
static JsonObject *
question_definition (KioskWizardPage *self, const char *id)
{
  ContentRulePart *part = id != NULL ? content_rule_set_get (self->ctx->rules, CONTENT_RULE_QUESTION, id) : NULL;

  return part != NULL && JSON_NODE_HOLDS_OBJECT (part->definition) ? json_node_get_object (part->definition) : NULL;
}

/* The string of @lang in the per-language object @member of @obj, or NULL. */
static const char *
worded_in (JsonObject *obj, const char *member, const char *lang)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), lang, NULL);
}

/* The language the question @id is worded in for this reader: the first of the reader's chain
 * its kiosk wording has (a Tày reader of a question worded only in Vietnamese hears Vietnamese,
 * not silence for want of a Tày voice). */
static const char *
question_text_lang (KioskWizardPage *self, const char *id)
{
  JsonObject *def = question_definition (self, id);
  g_auto(GStrv) chain = content_language_chain (self->ctx->lang);

  for (int i = 0; chain != NULL && chain[i] != NULL; i++)
    if (worded_in (def, "text", chain[i]) != NULL)
      return content_language_lookup (chain[i])->code;
  return self->ctx->lang;
}

/* Question @id worded in @lang with its choices, one a line, or NULL when it has no wording in
 * @lang. */
static char *
question_wording (KioskWizardPage *self, const char *id, const char *lang)
{
  JsonObject *def = question_definition (self, id);
  JsonArray *choices = def != NULL && json_object_has_member (def, "choices") ? json_object_get_array_member (def, "choices") : NULL;
  GString *said;

  if (worded_in (def, "text", lang) == NULL)
    return NULL;
  said = g_string_new (worded_in (def, "text", lang));
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      const char *label = worded_in (json_array_get_object_element (choices, i), "label", lang);

      if (label != NULL)
        g_string_append_printf (said, "\n%s", label);
    }
  return g_string_free (said, FALSE);
}

/* The Listen button under the question: the question, then each answer, for people who do not
 * read. Made once, beside the question's label. Where the question is shown in a language no
 * voice speaks (a Tày wording), the wordings further along the reader's chain can be heard. */
static void
listen_to_question (KioskWizardPage *self, JsonObject *q)
{
  const char *id = member_string (q, "id");
  const char *shown = question_text_lang (self, id);
  g_auto(GStrv) chain = content_language_chain (self->ctx->lang);
  g_autoptr(GString) said = g_string_new (member_string (q, "text"));
  gboolean past_shown = FALSE;

  if (self->question_listen == NULL)
    {
      self->question_listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (self->ctx));
      gtk_widget_insert_after (GTK_WIDGET (self->question_listen), gtk_widget_get_parent (GTK_WIDGET (self->question)),
                               GTK_WIDGET (self->question));
    }
  kiosk_listen_button_clear (self->question_listen);
  g_string_append (said, "\n");
  collect_labels (GTK_WIDGET (self->answers), said);
  kiosk_listen_button_add (self->question_listen, shown, said->str, NULL);
  for (int i = 0; chain != NULL && chain[i] != NULL; i++)
    {
      if (past_shown)
        {
          g_autofree char *wording = question_wording (self, id, chain[i]);
          kiosk_listen_button_add (self->question_listen, chain[i], wording, NULL);
        }
      past_shown = past_shown || g_str_equal (chain[i], shown);
    }
}

static void
show_question (KioskWizardPage *self, JsonObject *q)
{
  const char *type = member_string (q, "type");
  guint n = self->asked->len + 1;
  guint most = self->asked->len + MAX (content_screening_count_open (self->screening), 1);
  /* Translators: the wizard's progress, "Question 3 of at most 10": fewer are asked when the
   * answers settle everything sooner. */
  g_autofree char *progress = g_strdup_printf (_("Question %u of at most %u"), n, most);
  const char *help;

  g_free (self->current);
  self->current = g_strdup (member_string (q, "id"));
  help = question_help (self->current);
  gtk_label_set_text (self->help, help);
  gtk_widget_set_visible (GTK_WIDGET (self->help), help != NULL);
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
  if (g_strcmp0 (g_hash_table_lookup (self->previous, self->current), "unknown") == 0)
    gtk_widget_add_css_class (self->dont_know, "chosen");
  else
    gtk_widget_remove_css_class (self->dont_know, "chosen");
  listen_to_question (self, q);
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

static gboolean
in_force (JsonObject *benefit)
{
  return json_object_get_boolean_member_with_default (benefit, "in_force", TRUE);
}

static void
add_group (KioskWizardPage *self, JsonArray *benefits, ContentVerdict verdict, const char *heading)
{
  gboolean any = FALSE;

  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *benefit = json_array_get_object_element (benefits, i);

      if (g_strcmp0 (member_string (benefit, "verdict"), content_verdict_to_string (verdict)) != 0
          || !in_force (benefit) || !is_published (self, member_string (benefit, "id")))
        continue;
      if (!any)
        gtk_box_append (self->results, kiosk_label_new (heading, "section-title"));
      any = TRUE;
      add_benefit_card (self, benefit, verdict);
    }
}

/* The programmes not in force on the day, apart: they refuse nobody for who they are. */
static void
add_not_in_force (KioskWizardPage *self, JsonArray *benefits)
{
  gboolean any = FALSE;

  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *benefit = json_array_get_object_element (benefits, i);
      g_autofree char *target = NULL;
      GtkBox *card;

      if (in_force (benefit) || !is_published (self, member_string (benefit, "id")))
        continue;
      if (!any)
        gtk_box_append (self->results, kiosk_label_new (_("Programmes not running on this date"), "section-title"));
      any = TRUE;
      card = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
      gtk_widget_add_css_class (GTK_WIDGET (card), "result-card");
      gtk_widget_add_css_class (GTK_WIDGET (card), "not-in-force");
      target = g_strconcat ("item:", member_string (benefit, "id"), NULL);
      gtk_box_append (card, kiosk_link_button_new (self->ctx, target, NULL, member_string (benefit, "title")));
      add_list (card, "", json_object_get_array_member (benefit, "not_met"));
      gtk_box_append (self->results, GTK_WIDGET (card));
    }
}

/* Adds each string of @array not yet in @seen to @seen, in order. */
static void
add_unique (GPtrArray *seen, JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (!g_ptr_array_find_with_equal_func (seen, s, g_str_equal, NULL))
        g_ptr_array_add (seen, (gpointer) s);
    }
}

static void
add_summary_line (KioskWizardPage *self, const char *icon, const char *heading, GPtrArray *values)
{
  g_autofree char *joined = NULL;
  g_autofree char *markup = NULL;
  GtkWidget *row, *picture, *label;

  if (values->len == 0)
    return;
  g_ptr_array_add (values, NULL);
  joined = g_strjoinv ("; ", (char **) values->pdata);
  g_ptr_array_set_size (values, values->len - 1);
  markup = g_markup_printf_escaped ("<b>%s</b> %s", heading, joined);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  picture = gtk_image_new_from_icon_name (icon);
  /* Beside the heading it pictures, not in the middle of a long list. */
  gtk_widget_set_valign (picture, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), picture);
  label = kiosk_label_new (NULL, "result-detail");
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (self->summary, row);
}

/* The results in three lines at the top: what you may get, what to bring, where to go. */
static void
show_summary (KioskWizardPage *self, JsonArray *benefits)
{
  g_autoptr(GPtrArray) may_get = g_ptr_array_new ();
  g_autoptr(GPtrArray) to_check = g_ptr_array_new ();
  g_autoptr(GPtrArray) bring = g_ptr_array_new ();
  g_autoptr(GPtrArray) go = g_ptr_array_new ();

  kiosk_box_clear (self->summary);
  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *benefit = json_array_get_object_element (benefits, i);
      const char *verdict = member_string (benefit, "verdict");
      gboolean eligible = g_strcmp0 (verdict, "eligible") == 0;

      if (!in_force (benefit) || !is_published (self, member_string (benefit, "id"))
          || (!eligible && g_strcmp0 (verdict, "undecided") != 0))
        continue;
      g_ptr_array_add (eligible ? may_get : to_check, (gpointer) member_string (benefit, "title"));
      add_unique (bring, json_object_get_array_member (benefit, "documents"));
      if (member_string (benefit, "apply_at") != NULL
          && !g_ptr_array_find_with_equal_func (go, member_string (benefit, "apply_at"), g_str_equal, NULL))
        g_ptr_array_add (go, (gpointer) member_string (benefit, "apply_at"));
    }
  if (may_get->len == 0 && to_check->len == 0)
    {
      gtk_box_append (self->summary, kiosk_label_new (_("From your answers, none of these supports applies to you now."),
                                                      "result-detail"));
      return;
    }
  add_summary_line (self, "banlang-may-get", _("You may get:"), may_get);
  add_summary_line (self, "banlang-ask", _("Ask about:"), to_check);
  add_summary_line (self, "banlang-documents", _("What to bring:"), bring);
  add_summary_line (self, "banlang-office", _("Where to go:"), go);
}

/* A Listen button reading the summary of the results, and a QR code that texts the codes of
 * what the person may get to the service (the SMS side answers with a menu of them). */
static void
listen_and_take_home (KioskWizardPage *self, JsonArray *benefits)
{
  g_autoptr(GString) said = g_string_new (NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  if (self->result_listen == NULL)
    {
      self->result_listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (self->ctx));
      gtk_widget_insert_before (GTK_WIDGET (self->result_listen), gtk_widget_get_parent (GTK_WIDGET (self->summary)),
                                GTK_WIDGET (self->summary));
    }
  kiosk_listen_button_clear (self->result_listen);
  collect_labels (GTK_WIDGET (self->summary), said);
  /* The summary is in the kiosk's words and the engine's phrases: heard in the language they
   * show in (Vietnamese for a Tày reader), and the button says so. */
  kiosk_listen_button_append_words (self->result_listen, said->str);
  for (guint i = 0; i < json_array_get_length (benefits); i++)
    {
      JsonObject *benefit = json_array_get_object_element (benefits, i);
      const ContentItem *item = content_rule_set_get_benefit (self->ctx->rules, member_string (benefit, "id"));

      if (g_strcmp0 (member_string (benefit, "verdict"), "eligible") == 0 && in_force (benefit)
          && is_published (self, member_string (benefit, "id")) && item != NULL && item->sms_code != NULL)
        g_ptr_array_add (codes, item->sms_code);
    }
  if (codes->len > 0)
    {
      g_ptr_array_add (codes, NULL);
      gtk_box_append (self->summary, kiosk_qr_code_new (self->ctx->sms_number, (const char *const *) codes->pdata));
    }
}

static void
show_results (KioskWizardPage *self, JsonObject *state)
{
  JsonArray *benefits = json_object_get_array_member (state, "benefits");
  g_autofree char *date = kiosk_format_date (member_string (state, "date"));
  g_autofree char *note = NULL;

  kiosk_box_clear (self->results);
  show_summary (self, benefits);
  /* Translators: %s is the day of the check, as people write it (29/11/2026). */
  note = g_strdup_printf (_("Checked on %s. This is a first check from your answers, not a decision: the commune or the office named below decides."),
                          date);
  gtk_label_set_text (self->result_note, note);
  add_group (self, benefits, CONTENT_VERDICT_ELIGIBLE, _("You can get"));
  add_group (self, benefits, CONTENT_VERDICT_UNDECIDED, _("Still to be checked"));
  add_group (self, benefits, CONTENT_VERDICT_NOT_ELIGIBLE, _("You cannot get"));
  add_not_in_force (self, benefits);
  listen_and_take_home (self, benefits);
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

/* What the check does and how long it takes: about 15 seconds a question, the most it can ask. */
static void
show_start (KioskWizardPage *self)
{
  guint most = content_screening_count_open (self->screening);
  guint minutes = MAX (1, (most * 15 + 59) / 60);
  g_autofree char *text = g_strdup_printf (_("Answer a few questions about yourself and your household, "
                                             "at most %u, one at a time. It takes about %u minutes. "
                                             "Then you see which supports you may get, what to bring and where to go.\n\n"
                                             "If you do not know an answer, tap “I don't know”. "
                                             "Nothing you answer is kept: the screen forgets it when you leave."),
                                           most, minutes);

  gtk_label_set_text (self->start_text, text);
  if (self->start_listen == NULL)
    {
      self->start_listen = KIOSK_LISTEN_BUTTON (kiosk_listen_button_new (self->ctx));
      gtk_box_append (self->start_listen_slot, GTK_WIDGET (self->start_listen));
    }
  kiosk_listen_button_clear (self->start_listen);
  kiosk_listen_button_append_words (self->start_listen, gtk_label_get_text (self->start_title));
  kiosk_listen_button_append_words (self->start_listen, text);
  gtk_stack_set_visible_child_name (self->views, "start");
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
  show_start (self);
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
    {
      /* From the first question back to the start page; from there out of the wizard. */
      if (g_str_equal (gtk_stack_get_visible_child_name (self->views), "start"))
        return FALSE;
      show_start (self);
      return TRUE;
    }
  last = g_ptr_array_index (self->asked, self->asked->len - 1);
  /* The engine forgets the answer, so the question is asked again; the page keeps it, to show
   * it chosen (self->previous). */
  content_screening_forget (self->screening, last);
  g_ptr_array_set_size (self->asked, self->asked->len - 1);
  show_next (self);
  return TRUE;
}

void
kiosk_wizard_page_start (KioskWizardPage *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->views), "start"))
    show_next (self);
}

void
kiosk_wizard_page_set_portrait (KioskWizardPage *self, gboolean portrait)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->answer_row),
                                  portrait ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

const char *
kiosk_wizard_page_get_view (KioskWizardPage *self)
{
  return gtk_stack_get_visible_child_name (self->views);
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
