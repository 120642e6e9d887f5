/* kiosk-speech-text.h: text made ready to be read aloud: numbers, dates, money and law
 * numbers as words, and cut into sentences. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @n (0 up to 999,999,999,999,999) in words of @lang ("vi" or "en"): 2025 is "hai nghìn không
 * trăm hai mươi lăm" / "two thousand twenty-five". NULL for another language or a number out of
 * range. Free with g_free(). */
char *kiosk_speech_number_words (gint64 n, const char *lang);

/* @text with what a synthesizer would misread spelt out in words of @lang ("vi" or "en"):
 * law numbers ("52/2014/QH13"), dates ("1/7/2025", "2025-07-01"), amounts with their
 * thousands separators ("500.000 đồng", "500,000 VND", "300.000đ"), decimals, percentages,
 * phone numbers (digit by digit) and plain numbers. Any other language comes back unchanged:
 * its voice reads its own digits. Free with g_free(). */
char *kiosk_speech_text_normalise (const char *text, const char *lang);

/* @text cut into sentences (at . ! ? ; : followed by a space, and at line breaks), trimmed, with
 * empty ones dropped, so that the first can be spoken while the rest are synthesized. */
GPtrArray *kiosk_speech_text_sentences (const char *text);

G_END_DECLS
