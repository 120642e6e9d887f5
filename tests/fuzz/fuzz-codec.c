/* fuzz-codec.c: libFuzzer target for the SMS codec (sms-codec.h) on arbitrary text.
 *
 * Replies carry content officers wrote and bits of what people texted, so the codec meets any
 * text. Each of its promises is checked: the policy's result is UTF-8 (GSM-7 when unaccented),
 * parts join to the text byte for byte and keep to their exact limits, the count without
 * building matches, paging always ends and loses nothing but white space, a UDH it writes it
 * reads back.
 */
#include "sms-codec.h"
#include "fuzz-util.h"

#include <string.h>

static void
check_encoded (const char *text, SmsPolicy policy)
{
  g_autoptr(SmsEncoded) e = sms_codec_encode (text, policy);
  g_autofree char *applied = sms_codec_apply_policy (text, policy);
  g_autoptr(GString) joined = g_string_new (NULL);
  guint single, part;

  if (!g_utf8_validate (applied, -1, NULL))
    fuzz_util_fail ("the policy gave invalid UTF-8", NULL);
  if (policy == SMS_POLICY_UNACCENTED && !sms_codec_is_gsm7 (applied))
    fuzz_util_fail ("unaccented text that is not GSM-7", NULL);
  if (!g_str_equal (e->text, applied))
    fuzz_util_fail ("the encoded text differs from the policy's", NULL);
  if (e->encoding != (sms_codec_is_gsm7 (applied) ? SMS_ENCODING_GSM7 : SMS_ENCODING_UCS2))
    fuzz_util_fail ("the wrong encoding", NULL);
  if (e->parts->len == 0 || e->parts->len != sms_codec_count_parts (text, policy))
    fuzz_util_fail ("sms_codec_count_parts disagrees with sms_codec_encode", NULL);
  single = e->encoding == SMS_ENCODING_GSM7 ? SMS_GSM7_SINGLE : SMS_UCS2_SINGLE;
  part = e->encoding == SMS_ENCODING_GSM7 ? SMS_GSM7_PART : SMS_UCS2_PART;
  for (guint i = 0; i < e->parts->len; i++)
    {
      const char *p = g_ptr_array_index (e->parts, i);
      guint units = sms_codec_length (p, e->encoding);
      if (units > (e->parts->len == 1 ? single : part))
        fuzz_util_fail ("a part over its limit", NULL);
      if (e->parts->len > 1 && *p == '\0')
        fuzz_util_fail ("an empty part among several", NULL);
      if (!g_utf8_validate (p, -1, NULL))
        fuzz_util_fail ("a part that is not UTF-8 (cut inside a character)", NULL);
      g_string_append (joined, p);
    }
  if (!g_str_equal (joined->str, e->text))
    fuzz_util_fail ("the parts do not join to the text", NULL);
}

static void
check_paging (const char *text, SmsPolicy policy, guint max_parts)
{
  const char *suffix = " (THEM: xem tiếp)";
  g_autofree char *rest = NULL;
  const char *left = text;
  g_autofree char *owned = NULL;
  guint pages = 0;

  while (TRUE)
    {
      g_autofree char *page = sms_codec_page (left, policy, max_parts, suffix, &rest);
      if (page == NULL)
        fuzz_util_fail ("no page", NULL);
      if (rest == NULL)
        break;
      if (strlen (rest) >= strlen (left))
        fuzz_util_fail ("paging does not advance", NULL);
      g_free (owned);
      owned = g_steal_pointer (&rest);
      left = owned;
      if (++pages > strlen (text) + 1)
        fuzz_util_fail ("paging does not end", NULL);
    }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_util_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_util_string (data, size);
  guint ref, total, seq;

  check_encoded (text, SMS_POLICY_UNACCENTED);
  check_encoded (text, SMS_POLICY_ACCENTED);
  check_paging (text, SMS_POLICY_UNACCENTED, 1 + size % 3);
  check_paging (text, SMS_POLICY_ACCENTED, 1);

  /* The UDH column of gammu's inbox is what another machine wrote: read it as such. */
  if (sms_codec_parse_udh (text, &ref, &total, &seq))
    {
      if (total == 0 || seq == 0 || seq > total)
        fuzz_util_fail ("a UDH read with an impossible total or sequence", NULL);
      if (total <= 255 && ref <= 255)
        {
          g_autofree char *udh = sms_codec_udh (ref, total, seq);
          guint r2, t2, s2;
          if (!sms_codec_parse_udh (udh, &r2, &t2, &s2) || r2 != ref || t2 != total || s2 != seq)
            fuzz_util_fail ("a UDH written is not read back", NULL);
        }
    }
  return 0;
}
