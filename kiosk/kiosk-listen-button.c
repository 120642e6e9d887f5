/* kiosk-listen-button.c: the large "Listen" button on every page, question and result.
 *
 * Many villagers do not read, or do not read their own language, so every page can be heard.
 * A page is said piece by piece, in the order the screen shows them: a list's titles, say, some
 * shown in the reader's language and some not yet translated. A piece may come in several
 * languages (an item's text); which one is heard follows the reader's fallback chain, language
 * by language: a person's recording in that language wins (unless the text changed since it was
 * recorded: it would no longer say what the screen says), then espeak-ng speaking the text with
 * the language's registry voice; a language with neither (Tày, Dao, Cao Lan have no espeak-ng
 * voice) passes to the next. A piece the reader's chain cannot say (shown in one language only)
 * is said as it is shown, in its own language's recording or voice: skipping it would leave a
 * gap nobody hears. A piece only in a language with neither is not said: Vietnamese espeak-ng
 * reading Tày words would be noise, not Tày (DESIGN.md: the kiosk says nothing it cannot say).
 * Whenever a language heard is not the reader's, the button
 * says which, so nobody takes Vietnamese for a translation.
 *
 * The sound belongs to the button that started it: the button shows Stop while it plays, and a
 * button taken off the screen (the page changed, the kiosk went idle and showed the attract
 * screen) silences its own sound, so nothing goes on speaking to the next person.
 */
#include "config.h"
#include "kiosk-listen-button.h"
#include "kiosk-pictures.h"
#include "kiosk-speaker.h"
#include "kiosk-widgets.h"

#include "content-language.h"
#include "content-phrases.h"
#include "content-text.h"

#include <glib/gi18n.h>

typedef struct {
  char *lang;
  char *text;         /* NULL when there is only a recording */
  char *recording;    /* sha256, or NULL */
} Source;

/* One piece of the page: what it says in each language it comes in (one another's translations). */
typedef struct {
  GPtrArray *sources;
  gboolean translations;  /* made by kiosk_listen_button_add(): its next language joins it */
} Piece;

struct _KioskListenButton {
  GtkWidget parent_instance;

  GtkButton *button;
  GtkImage *icon;
  GtkLabel *label;
  GtkLabel *heard;

  const KioskPageContext *ctx;
  GPtrArray *pieces;      /* in page order */
  GHashTable *texts;      /* language → the text said in it, for tests */
  GPtrArray *heard_langs; /* at the last tap, in the order first heard */
  gboolean heard_recording;
  gulong finished_handler;
};

G_DEFINE_FINAL_TYPE (KioskListenButton, kiosk_listen_button, GTK_TYPE_WIDGET)

static void
source_free (Source *source)
{
  g_free (source->lang);
  g_free (source->text);
  g_free (source->recording);
  g_free (source);
}

static void
piece_free (Piece *piece)
{
  g_ptr_array_unref (piece->sources);
  g_free (piece);
}

static void
show_state (KioskListenButton *self)
{
  gboolean playing = kiosk_listen_button_is_playing (self);

  gtk_image_set_from_icon_name (self->icon, playing ? "banlang-stop" : "banlang-listen");
  gtk_label_set_text (self->label, playing ? _("Stop") : _("Listen"));
  if (playing)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "playing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "playing");
}

static void
on_speaker_finished (KioskListenButton *self)
{
  show_state (self);
}

static void
kiosk_listen_button_unmap (GtkWidget *widget)
{
  /* Off the screen: the page changed or the attract screen shows. */
  kiosk_speaker_stop_owner (kiosk_speaker_get_default (), widget);
  GTK_WIDGET_CLASS (kiosk_listen_button_parent_class)->unmap (widget);
}

static void
kiosk_listen_button_dispose (GObject *object)
{
  KioskListenButton *self = KIOSK_LISTEN_BUTTON (object);
  KioskSpeaker *speaker = kiosk_speaker_get_default ();

  kiosk_speaker_stop_owner (speaker, self);
  g_clear_signal_handler (&self->finished_handler, speaker);
  kiosk_widgets_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_LISTEN_BUTTON);
  G_OBJECT_CLASS (kiosk_listen_button_parent_class)->dispose (object);
}

static void
kiosk_listen_button_finalize (GObject *object)
{
  KioskListenButton *self = KIOSK_LISTEN_BUTTON (object);

  g_ptr_array_unref (self->pieces);
  g_hash_table_unref (self->texts);
  g_ptr_array_unref (self->heard_langs);
  G_OBJECT_CLASS (kiosk_listen_button_parent_class)->finalize (object);
}

static void
kiosk_listen_button_class_init (KioskListenButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kiosk_listen_button_dispose;
  G_OBJECT_CLASS (klass)->finalize = kiosk_listen_button_finalize;
  widget_class->unmap = kiosk_listen_button_unmap;
  kiosk_widgets_set_template (widget_class, "kiosk-listen-button.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskListenButton, button);
  gtk_widget_class_bind_template_child (widget_class, KioskListenButton, icon);
  gtk_widget_class_bind_template_child (widget_class, KioskListenButton, label);
  gtk_widget_class_bind_template_child (widget_class, KioskListenButton, heard);
  gtk_widget_class_bind_template_callback (widget_class, kiosk_listen_button_toggle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kiosk_listen_button_init (KioskListenButton *self)
{
  kiosk_pictures_add_icons (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->heard_langs = g_ptr_array_new_with_free_func (g_free);
  self->finished_handler = g_signal_connect_swapped (kiosk_speaker_get_default (), "finished",
                                                     G_CALLBACK (on_speaker_finished), self);
}

GtkWidget *
kiosk_listen_button_new (const KioskPageContext *ctx)
{
  KioskListenButton *self = g_object_new (KIOSK_TYPE_LISTEN_BUTTON, NULL);

  self->ctx = ctx;
  return GTK_WIDGET (self);
}

static Source *
find_source (const Piece *piece, const char *lang)
{
  for (guint i = 0; i < piece->sources->len; i++)
    {
      Source *source = g_ptr_array_index (piece->sources, i);
      if (g_str_equal (source->lang, lang))
        return source;
    }
  return NULL;
}

/* Adds a new piece, or @lang's version to the last one when it is a set of translations
 * without @lang yet. */
static void
add_source (KioskListenButton *self, const char *lang, const char *text, const char *recording, gboolean translations)
{
  Piece *last = self->pieces->len > 0 ? g_ptr_array_index (self->pieces, self->pieces->len - 1) : NULL;
  Source *source = g_new0 (Source, 1);
  const char *said = g_hash_table_lookup (self->texts, lang);

  source->lang = g_strdup (lang);
  source->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  source->recording = g_strdup (recording);
  if (source->text != NULL)
    g_hash_table_insert (self->texts, g_strdup (lang),
                         said != NULL ? g_strconcat (said, "\n", text, NULL) : g_strdup (text));
  if (last == NULL || !translations || !last->translations || find_source (last, lang) != NULL)
    {
      last = g_new0 (Piece, 1);
      last->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
      last->translations = translations;
      g_ptr_array_add (self->pieces, last);
    }
  g_ptr_array_add (last->sources, source);
}

void
kiosk_listen_button_add (KioskListenButton *self, const char *lang, const char *text, const char *recording)
{
  if ((text != NULL && *text != '\0') || recording != NULL)
    add_source (self, lang, text, recording, TRUE);
}

void
kiosk_listen_button_append (KioskListenButton *self, const char *lang, const char *text)
{
  if (text != NULL && *text != '\0')
    add_source (self, lang, text, NULL, FALSE);
}

/* The language the kiosk's own words show in for a reader of @lang: gettext looks for each
 * message along the chain, in the catalogs there are, and the messages are written in English. */
static const char *
words_lang (const char *lang)
{
  g_auto(GStrv) chain = content_language_chain (lang);

  for (int i = 0; chain != NULL && chain[i] != NULL; i++)
    {
      g_autofree char *catalog = g_build_filename (content_catalog_dir (), chain[i], "LC_MESSAGES",
                                                   GETTEXT_PACKAGE ".mo", NULL);

      if (g_str_equal (chain[i], "en") || g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
        return content_language_lookup (chain[i])->code;
    }
  return "vi";
}

void
kiosk_listen_button_append_words (KioskListenButton *self, const char *text)
{
  kiosk_listen_button_append (self, words_lang (self->ctx->lang), text);
}

void
kiosk_listen_button_add_item (KioskListenButton *self, const ContentItem *item)
{
  const GPtrArray *languages = content_language_list ();

  for (guint i = 0; i < languages->len; i++)
    {
      const ContentLanguage *language = g_ptr_array_index (languages, i);
      const ContentText *text = content_item_get_text (item, language->code);
      JsonObject *recording = content_item_get_recording (item, language->code);
      g_autofree char *spoken = text != NULL ? content_text_spoken (text) : NULL;
      const char *sha256 = NULL;

      if (recording != NULL && !content_item_recording_is_stale (item, recording))
        sha256 = json_object_get_string_member_with_default (recording, "sha256", NULL);
      if (spoken != NULL || sha256 != NULL)
        kiosk_listen_button_add (self, language->code, spoken, sha256);
    }
}

void
kiosk_listen_button_clear (KioskListenButton *self)
{
  kiosk_speaker_stop_owner (kiosk_speaker_get_default (), self);
  g_ptr_array_set_size (self->pieces, 0);
  g_hash_table_remove_all (self->texts);
  g_ptr_array_set_size (self->heard_langs, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->heard), FALSE);
  show_state (self);
}

/* @source heard in @lang: its recording when @lang is its own, else its text in @lang's voice;
 * NULL when neither can be heard. */
static KioskSpeakerPart *
hear (KioskListenButton *self, const Source *source, const char *lang)
{
  const ContentLanguage *language = content_language_lookup (lang);

  if (source->recording != NULL && g_str_equal (source->lang, lang))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = kiosk_speaker_cache_blob (kiosk_speaker_get_default (), self->ctx->store,
                                                        source->recording, &error);
      if (path != NULL)
        return kiosk_speaker_part_new_file (lang, path);
      g_warning ("recording %s: %s", source->recording, error->message);
    }
  if (source->text != NULL && language != NULL && language->voice != NULL && *language->voice != '\0')
    return kiosk_speaker_part_new_text (lang, language->voice, source->text);
  return NULL;
}

/* How @piece is heard: the first language along the reader's chain it can be heard in; else as
 * it is shown, in its own language. NULL: it cannot be. */
static KioskSpeakerPart *
hear_piece (KioskListenButton *self, const Piece *piece)
{
  g_auto(GStrv) chain = content_language_chain (self->ctx->lang);
  KioskSpeakerPart *part = NULL;

  for (int i = 0; part == NULL && chain != NULL && chain[i] != NULL; i++)
    {
      Source *source = find_source (piece, chain[i]);
      if (source != NULL)
        part = hear (self, source, chain[i]);
    }
  for (guint i = 0; part == NULL && i < piece->sources->len; i++)
    {
      Source *source = g_ptr_array_index (piece->sources, i);

      part = hear (self, source, source->lang);
    }
  return part;
}

/* Every piece, in page order, each in the language it can be heard in; notes which they are. */
static gboolean
play (KioskListenButton *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_speaker_part_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->heard_langs, 0);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      KioskSpeakerPart *part = hear_piece (self, g_ptr_array_index (self->pieces, i));

      if (part == NULL)
        continue;
      if (parts->len == 0)
        self->heard_recording = part->file != NULL;
      if (!g_ptr_array_find_with_equal_func (self->heard_langs, part->lang, g_str_equal, NULL))
        g_ptr_array_add (self->heard_langs, g_strdup (part->lang));
      g_ptr_array_add (parts, part);
    }
  if (parts->len == 0)
    return FALSE;
  if (kiosk_speaker_speak (kiosk_speaker_get_default (), self, parts, &error))
    return TRUE;
  g_warning ("speaking: %s", error->message);
  g_ptr_array_set_size (self->heard_langs, 0);
  return FALSE;
}

/* The native names of the languages heard that are not the reader's, or NULL when none. */
static char *
other_langs_heard (KioskListenButton *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < self->heard_langs->len; i++)
    {
      const char *lang = g_ptr_array_index (self->heard_langs, i);
      const ContentLanguage *language = content_language_lookup (lang);

      if (!g_str_equal (lang, self->ctx->lang) && language != NULL)
        g_strv_builder_add (names, language->native_name);
    }
  list = g_strv_builder_end (names);
  return list[0] != NULL ? g_strjoinv (", ", list) : NULL;
}

/* Under the button: the languages heard that are not the reader's, when there are some. */
static void
show_heard (KioskListenButton *self)
{
  g_autofree char *others = other_langs_heard (self);
  gboolean own_heard = g_ptr_array_find_with_equal_func (self->heard_langs, self->ctx->lang, g_str_equal, NULL);
  g_autofree char *note = NULL;

  if (others != NULL && own_heard)
    /* Translators: under the Listen button, when some pieces of the page are heard in the
     * reader's language and others (not yet translated) in the languages named. */
    note = g_strdup_printf (_("Some of this is heard in %s."), others);
  else if (others != NULL)
    /* Translators: under the Listen button, when no sound exists in the reader's language. */
    note = g_strdup_printf (_("You are hearing %s."), others);
  if (note != NULL)
    gtk_label_set_text (self->heard, note);
  gtk_widget_set_visible (GTK_WIDGET (self->heard), note != NULL);
}

void
kiosk_listen_button_toggle (KioskListenButton *self)
{
  if (kiosk_listen_button_is_playing (self))
    kiosk_speaker_stop (kiosk_speaker_get_default ());
  else if (play (self))
    show_heard (self);
  else
    {
      gtk_label_set_text (self->heard, _("Nothing to listen to here yet."));
      gtk_widget_set_visible (GTK_WIDGET (self->heard), TRUE);
    }
  show_state (self);
}

gboolean
kiosk_listen_button_is_playing (KioskListenButton *self)
{
  return kiosk_speaker_get_owner (kiosk_speaker_get_default ()) == self;
}

const char *
kiosk_listen_button_get_heard_lang (KioskListenButton *self)
{
  return self->heard_langs->len > 0 ? g_ptr_array_index (self->heard_langs, 0) : NULL;
}

gboolean
kiosk_listen_button_get_heard_recording (KioskListenButton *self)
{
  return self->heard_recording;
}

const char *
kiosk_listen_button_get_text (KioskListenButton *self, const char *lang)
{
  return g_hash_table_lookup (self->texts, lang);
}

KioskListenButton *
kiosk_listen_button_find (GtkWidget *widget)
{
  if (KIOSK_IS_LISTEN_BUTTON (widget) && gtk_widget_get_mapped (widget))
    return KIOSK_LISTEN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      KioskListenButton *found = kiosk_listen_button_find (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}
