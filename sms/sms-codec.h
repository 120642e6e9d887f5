/* sms-codec.h: how a reply becomes SMS parts: the accent policy, GSM-7 or UCS-2, splitting, paging
 * and the concatenation UDH that gammu's outbox holds. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SMS_ENCODING_GSM7,
  SMS_ENCODING_UCS2,
} SmsEncoding;

typedef enum {
  SMS_POLICY_UNACCENTED,
  SMS_POLICY_ACCENTED,
} SmsPolicy;

/* Units per message (3GPP TS 23.038 / 23.040): one SMS alone, or one part of a concatenated SMS
 * (the 6-octet concatenation UDH takes the difference). GSM-7 units are septets, UCS-2 units
 * UTF-16 code units. */
#define SMS_GSM7_SINGLE 160
#define SMS_GSM7_PART   153
#define SMS_UCS2_SINGLE 70
#define SMS_UCS2_PART   67

/* How far back from a part's limit a split looks for a space to cut after. */
#define SMS_SOFT_CUT_WINDOW 12

/* "GSM-7" or "UCS-2". */
const char *sms_encoding_to_string (SmsEncoding e);

/* "unaccented" or "accented". */
const char *sms_policy_to_string (SmsPolicy policy);

/* Sets *@policy from its name ("unaccented" or "accented", exactly) and returns TRUE; returns FALSE
 * and leaves *@policy alone for any other name, including NULL. */
gboolean sms_policy_from_string (const char *name, SmsPolicy *policy);

/* @text with @policy applied; free with g_free().
 *
 * SMS_POLICY_UNACCENTED makes every character GSM-7 (basic or extension table): letters lose
 * their marks (canonical decomposition, combining marks dropped), đ → d and Đ (or Ð) → D; this includes
 * à è é ì ò ù, which GSM-7 has, so every reply reads the same. Case and punctuation are kept.
 * Typographic double quotes (“ ” „ « ») become ", single ones (‘ ’ ‚ ‹ › ` ´) ', dashes (– — ‐ −)
 * -, … "...", • -, non-breaking and other spaces and tabs a space, line and paragraph
 * separators a newline. Invisible format characters (zero-width joiners and spaces, soft hyphens,
 * byte order marks) and emoji skin-tone modifiers are dropped. Any other character outside
 * GSM-7 (emoji, Chinese, ...) becomes '?'.
 *
 * SMS_POLICY_ACCENTED returns the text unchanged.
 *
 * Callers validate UTF-8; should invalid bytes arrive anyway, each becomes '?' (unaccented) or
 * U+FFFD (accented), so the result is always valid UTF-8. NULL is taken as "". */
char *sms_codec_apply_policy (const char *text, SmsPolicy policy);

/* TRUE when every character of @text is in the GSM-7 basic or extension table ("" is). Invalid
 * UTF-8 is not GSM-7. */
gboolean sms_codec_is_gsm7 (const char *text);

/* The length of @text in units of @encoding: septets for GSM-7 (the extension characters
 * ^ { } \ [ ~ ] | € and form feed count 2, a character outside GSM-7 counts 1, as the '?' a
 * modem would send), UTF-16 code units for UCS-2 (characters outside the BMP count 2). An invalid
 * byte counts 1. */
guint sms_codec_length (const char *text, SmsEncoding encoding);

typedef struct {
  SmsEncoding encoding;
  char *text;          /* the whole text after the policy */
  GPtrArray *parts;    /* char *: each part's text, UTF-8, in order; joined they give @text */
} SmsEncoded;

void sms_encoded_free (SmsEncoded *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmsEncoded, sms_encoded_free)

/* Applies @policy to @text, picks GSM-7 when every character is GSM-7 and UCS-2 otherwise, and
 * splits: one part when the whole fits one SMS (160 septets / 70 units), else parts of at most
 * 153 septets / 67 units. The limits are exact (a part may be exactly 153 or 67). A part never
 * ends inside an extension character, a character outside the BMP, or between a character and
 * the combining marks or zero-width joiner sequence that follow it. A part is cut after a space
 * (or newline) when one lies within its last SMS_SOFT_CUT_WINDOW units and cutting there does not
 * add a part; otherwise it is cut exactly at the limit. The parts joined give the text after the
 * policy, byte for byte. Empty text gives one empty part. Free with sms_encoded_free(). */
SmsEncoded *sms_codec_encode (const char *text, SmsPolicy policy);

/* How many parts sms_codec_encode() would give for @text under @policy, without building them. */
guint sms_codec_count_parts (const char *text, SmsPolicy policy);

/* Paging for answers longer than @max_parts (at least 1) parts.
 *
 * When @text encodes in at most @max_parts parts under @policy as it is, returns a copy of it and
 * sets *@rest to NULL. Otherwise finds the longest prefix of @text that, followed by
 * @more_suffix (e.g. " (THEM: tiep)"), encodes in at most @max_parts parts, and cuts it back to
 * the last sentence end (". ", "! ", "? " or a newline) when one lies in the second half of that
 * prefix, else to the last space, else cuts hard (never inside a character or before a combining
 * mark). Returns that page with its trailing white space removed and @more_suffix appended, and
 * sets *@rest to the remainder with its leading white space dropped, so the page's text, some
 * white space and *@rest are @text again. Page and rest are pieces of @text as given: the caller
 * applies the policy when encoding them. Should even the suffix alone not fit, the page still
 * takes one character, so that paging always ends. @text must not be NULL; invalid UTF-8 in it
 * is measured as the policy would replace it. Free both with g_free(). */
char *sms_codec_page (const char  *text,
                      SmsPolicy    policy,
                      guint        max_parts,
                      const char  *more_suffix,
                      char       **rest);

/* The concatenation UDH for part @seq (1-based) of @total (1..255) with reference @ref, as
 * gammu's inbox and outbox UDH column holds it: upper-case hex "050003" + ref + total + seq, so
 * sms_codec_udh (0xAB, 2, 1) is "050003AB0201". Free with g_free(). */
char *sms_codec_udh (guint8 ref, guint total, guint seq);

/* Parses a UDH in that hex form (either case) and returns TRUE when it holds a concatenation
 * element: 8-bit reference ("050003RRNNII") or 16-bit ("060804RRRRNNII"), possibly among other
 * information elements (port addressing, ...). FALSE for anything else: NULL, empty, odd length,
 * non-hex, a length byte that disagrees with the data, no concatenation element, a total of 0 or
 * a sequence number outside 1..total. The out-parameters may be NULL and are set only on TRUE. */
gboolean sms_codec_parse_udh (const char *udh, guint *ref, guint *total, guint *seq);

G_END_DECLS
