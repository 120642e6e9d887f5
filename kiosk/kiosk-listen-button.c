/* kiosk-listen-button.c: the large "Listen" button on every page, question and result.
 *
 * Many villagers do not read, or do not read their own language, so every page can be heard.
 * Which sound is heard follows the reader's fallback chain, language by language: a person's
 * recording in that language wins (unless the text changed since it was recorded: it would no
 * longer say what the screen says), then espeak-ng speaking the text with the language's
 * registry voice; a language with neither (Tày, Dao, Cao Lan have no espeak-ng voice) passes to
 * the next. Whenever the language heard is not the reader's, the button says which one it is,
 * so nobody takes Vietnamese for a translation.
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

struct _KioskListenButton {
  GtkWidget parent_instance;

  GtkButton *button;
  GtkImage *icon;
  GtkLabel *label;
  GtkLabel *heard;

  const KioskPageContext *ctx;
  GPtrArray *sources;
  char *heard_lang;
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

  g_ptr_array_unref (self->sources);
  g_free (self->heard_lang);
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
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
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

void
kiosk_listen_button_add (KioskListenButton *self, const char *lang, const char *text, const char *recording)
{
  Source *source = g_new0 (Source, 1);

  source->lang = g_strdup (lang);
  source->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  source->recording = g_strdup (recording);
  g_ptr_array_add (self->sources, source);
}

static Source *find_source (KioskListenButton *self, const char *lang);

void
kiosk_listen_button_append (KioskListenButton *self, const char *lang, const char *text)
{
  Source *source = find_source (self, lang);
  char *joined;

  if (text == NULL || *text == '\0')
    return;
  if (source == NULL)
    {
      kiosk_listen_button_add (self, lang, text, NULL);
      return;
    }
  joined = source->text != NULL ? g_strconcat (source->text, "\n", text, NULL) : g_strdup (text);
  g_free (source->text);
  source->text = joined;
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
  g_ptr_array_set_size (self->sources, 0);
  g_clear_pointer (&self->heard_lang, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->heard), FALSE);
  show_state (self);
}

static Source *
find_source (KioskListenButton *self, const char *lang)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);
      if (g_str_equal (source->lang, lang))
        return source;
    }
  return NULL;
}

/* Along the reader's chain: the first language with a recording or with text and a voice. */
static gboolean
play (KioskListenButton *self)
{
  KioskSpeaker *speaker = kiosk_speaker_get_default ();
  g_auto(GStrv) chain = content_language_chain (self->ctx->lang);

  for (int i = 0; chain != NULL && chain[i] != NULL; i++)
    {
      Source *source = find_source (self, chain[i]);
      const ContentLanguage *language = content_language_lookup (chain[i]);
      g_autoptr(GError) error = NULL;

      if (source == NULL)
        continue;
      if (source->recording != NULL)
        {
          g_autofree char *path = kiosk_speaker_cache_blob (speaker, self->ctx->store, source->recording, &error);
          if (path != NULL)
            {
              kiosk_speaker_play_file (speaker, self, path);
              self->heard_recording = TRUE;
              g_free (self->heard_lang);
              self->heard_lang = g_strdup (chain[i]);
              return TRUE;
            }
          g_warning ("recording %s: %s", source->recording, error->message);
          g_clear_error (&error);
        }
      if (source->text != NULL && language != NULL && language->voice != NULL && *language->voice != '\0')
        {
          if (kiosk_speaker_speak (speaker, self, source->text, chain[i], language->voice, &error))
            {
              self->heard_recording = FALSE;
              g_free (self->heard_lang);
              self->heard_lang = g_strdup (chain[i]);
              return TRUE;
            }
          g_warning ("speaking %s: %s", chain[i], error->message);
        }
    }
  return FALSE;
}

void
kiosk_listen_button_toggle (KioskListenButton *self)
{
  if (kiosk_listen_button_is_playing (self))
    kiosk_speaker_stop (kiosk_speaker_get_default ());
  else if (play (self))
    {
      gboolean other = !g_str_equal (self->heard_lang, self->ctx->lang);
      const ContentLanguage *heard = content_language_lookup (self->heard_lang);

      if (other && heard != NULL)
        {
          /* Translators: under the Listen button, when no sound exists in the reader's language. */
          g_autofree char *note = g_strdup_printf (_("You are hearing %s."), heard->native_name);
          gtk_label_set_text (self->heard, note);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->heard), other && heard != NULL);
    }
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
  return self->heard_lang;
}

gboolean
kiosk_listen_button_get_heard_recording (KioskListenButton *self)
{
  return self->heard_recording;
}

const char *
kiosk_listen_button_get_text (KioskListenButton *self, const char *lang)
{
  Source *source = find_source (self, lang);

  return source != NULL ? source->text : NULL;
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
