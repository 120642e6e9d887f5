/* test-json-stream.c: a bundle read member by member and element by element
 * (content-json-stream.h): where each value ends, whatever its strings hold, and the errors of
 * a document cut short or badly punctuated.
 *
 * Each document is read whole through describe(), which writes what the stream gave: members
 * as "key=value", arrays as "key[element|element]", and an error after "!".
 */
#include "content-json-stream.h"
#include "test-util.h"

#include <string.h>

static char *
describe_from (GInputStream *input, GChecksum *checksum)
{
  g_autoptr(ContentJsonStream) stream = content_json_stream_new (input, checksum);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *key;
  guint line;

  if (!content_json_stream_enter_object (stream, &error))
    return g_strdup (error != NULL ? error->message : "not an object");
  while (error == NULL && (key = content_json_stream_next_key (stream, &error)) != NULL)
    {
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", key);
      g_free (key);
      if (content_json_stream_enter_array (stream, &error))
        {
          g_string_append_c (out, '[');
          for (int n = 0; content_json_stream_next_element (stream, text, &line, &error); n++)
            {
              g_string_append_printf (out, "%s%s", n > 0 ? "|" : "", text->str);
              g_string_truncate (text, 0);
            }
          g_string_append_c (out, ']');
        }
      else if (error == NULL && content_json_stream_read_value (stream, text, &line, &error))
        {
          g_string_append_printf (out, "=%s", text->str);
          g_string_truncate (text, 0);
        }
    }
  if (error == NULL)
    content_json_stream_finish (stream, &error);
  if (error != NULL)
    g_string_append_printf (out, " !%s", error->message);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe (const char *json)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (json, -1, NULL);

  return describe_from (input, NULL);
}

static void
expect (const char *json, const char *described)
{
  g_autofree char *got = describe (json);

  ck_assert_msg (g_str_equal (got, described), "%s\n  read as: %s\n  expected: %s", json, got, described);
}

START_TEST (test_members_and_elements)
{
  expect ("{\"topics\": [{\"id\": \"a\"}], \"items\": [{\"id\": \"b\"}, {\"id\": \"c\"}]}",
          "topics[{\"id\": \"a\"}] items[{\"id\": \"b\"}|{\"id\": \"c\"}]");
  expect (" \n{ \"x\" : 12 , \"y\":\"s\",\"z\":{\"a\": [1]}, \"w\": true}\n",
          "x=12 y=\"s\" z={\"a\": [1]} w=true");
  expect ("{\"items\": [1,true,null,\"s\",-2.5e3]}", "items[1|true|null|\"s\"|-2.5e3]");
}
END_TEST

START_TEST (test_brackets_in_strings)
{
  expect ("{\"items\": [{\"t\": \"x]}[{\"}, \"]\", \"{\", \"[[\"]}",
          "items[{\"t\": \"x]}[{\"}|\"]\"|\"{\"|\"[[\"]");
  expect ("{\"it]ems\": [1], \"a{b\": 2}", "it]ems[1] a{b=2");
}
END_TEST

START_TEST (test_escapes)
{
  /* An escaped quote does not end a string; an escaped backslash before a quote does. */
  expect ("{\"items\": [\"a\\\"]b\", \"c\\\\\", {\"k\": \"\\\\\\\"}\"}, \"\\u005d\"]}",
          "items[\"a\\\"]b\"|\"c\\\\\"|{\"k\": \"\\\\\\\"}\"}|\"\\u005d\"]");
  /* A key is decoded: an escaped name is the same name. */
  expect ("{\"\\u0069tems\": [1]}", "items[1]");
}
END_TEST

START_TEST (test_nested_arrays)
{
  expect ("{\"items\": [[1, [2, 3]], [], [[[]]], {\"a\": [{}]}]}",
          "items[[1, [2, 3]]|[]|[[[]]]|{\"a\": [{}]}]");
}
END_TEST

START_TEST (test_empty)
{
  expect ("{\"items\": []}", "items[]");
  expect ("{\"items\": [ \n ], \"topics\": []}", "items[] topics[]");
  expect ("{}", "");
  expect ("", "not an object");
  expect (" \n\t", "not an object");
  expect ("[1, 2]", "not an object");
}
END_TEST

START_TEST (test_truncated)
{
  expect ("{\"items\": [{\"a\": 1}, {\"b\": ",
          "items[{\"a\": 1}] !line 1: the file ends where a closing bracket should be");
  expect ("{\"items\": [\"abc", "items[] !line 1: the file ends where the end of a string should be");
  expect ("{\"items\": [12", "items[12] !line 1: the file ends where ‘,’ or ‘]’ should be");
  expect ("{\"items\": [1,\n", "items[1] !line 2: the file ends where a value should be");
  expect ("{\"items\": [1]", "items[1] !line 1: the file ends where ‘,’ or ‘}’ should be");
  expect ("{\"items\"", " !line 1: the file ends where ‘:’ should be");
  expect ("{", " !line 1: the file ends where a member’s name in quotes should be");
}
END_TEST

START_TEST (test_bad_punctuation)
{
  expect ("{\"items\": [1 2]}", "items[1] !line 1: ‘2’ where ‘,’ or ‘]’ should be");
  expect ("{\"items\": [1,,2]}", "items[1] !line 1: ‘,’ where a value should be");
  expect ("{\"a\": 1 \"b\": 2}", "a=1 !line 1: ‘\"’ where ‘,’ or ‘}’ should be");
  expect ("{items: []}", " !line 1: ‘i’ where a member’s name in quotes should be");
  expect ("{\"items\": []} x", "items[] !line 1: ‘x’ where the end of the file should be");
  expect ("{\"items\": []}\n\n{}", "items[] !line 3: ‘{’ where the end of the file should be");
}
END_TEST

/* Each element's first line, counted through what came before. */
START_TEST (test_lines)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (
      "{\"items\": [\n  {\"a\":\n \"x\\ny\"},\n\n  2\n]}", -1, NULL);
  g_autoptr(ContentJsonStream) stream = content_json_stream_new (input, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *key = NULL;
  guint line = 0;

  ck_assert (content_json_stream_enter_object (stream, NULL));
  key = content_json_stream_next_key (stream, NULL);
  ck_assert (content_json_stream_enter_array (stream, NULL));
  ck_assert (content_json_stream_next_element (stream, text, &line, NULL));
  ck_assert_uint_eq (line, 2);
  ck_assert (content_json_stream_next_element (stream, NULL, &line, NULL));
  ck_assert_uint_eq (line, 5);
  ck_assert (!content_json_stream_next_element (stream, NULL, &line, NULL));
}
END_TEST

/* Values longer than the stream's buffer, with brackets and escapes across its edges, come
 * through whole; the checksum covers every byte. */
START_TEST (test_long_values)
{
  g_autoptr(GString) doc = g_string_new ("{\"items\": [");
  g_autoptr(GString) element = g_string_new ("{\"body\": \"");
  g_autoptr(GString) expected = g_string_new ("items[");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GInputStream) input = NULL;
  g_autofree char *got = NULL;
  g_autofree char *digest = NULL;

  for (int i = 0; i < 30000; i++)
    g_string_append (element, i % 3 == 0 ? "]}" : i % 3 == 1 ? "\\\"" : "[{");
  g_string_append (element, "\"}");
  for (int i = 0; i < 3; i++)
    {
      g_string_append_printf (doc, "%s%s", i > 0 ? ", " : "", element->str);
      g_string_append_printf (expected, "%s%s", i > 0 ? "|" : "", element->str);
    }
  g_string_append (doc, "]}");
  g_string_append_c (expected, ']');
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, doc->str, doc->len);
  input = g_memory_input_stream_new_from_data (doc->str, doc->len, NULL);
  got = describe_from (input, checksum);
  ck_assert (g_str_equal (got, expected->str));
  ck_assert_str_eq (g_checksum_get_string (checksum), digest);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("json-stream");
  TCase *tc = tcase_create ("json-stream");

  tcase_add_test (tc, test_members_and_elements);
  tcase_add_test (tc, test_brackets_in_strings);
  tcase_add_test (tc, test_escapes);
  tcase_add_test (tc, test_nested_arrays);
  tcase_add_test (tc, test_empty);
  tcase_add_test (tc, test_truncated);
  tcase_add_test (tc, test_bad_punctuation);
  tcase_add_test (tc, test_lines);
  tcase_add_test (tc, test_long_values);
  suite_add_tcase (s, tc);
  return test_util_run (s);
}
