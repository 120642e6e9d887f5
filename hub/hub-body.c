/* hub-body.c: the editor's preview of a body, drawn from the kiosk's own model.
 *
 * The preview must show what villagers will see, so it walks the ContentBody that the kiosk
 * draws (the CommonMark subset and the linking of item codes are decided there, once) and
 * only chooses HTML for each block and run. Links go to the linked item's hub page, so an
 * officer can check that a code links where it should. Nothing here is pasted as markup:
 * every text goes through hub_html_add's escaping.
 */
#include "hub-body.h"

#include "content-body.h"

/* One run, inside the tags its style asks for. */
static void
render_run (HubHtml *html, const ContentBodyRun *run)
{
  g_autoptr(HubHtml) inner = hub_html_new ();

  if (run->kind == CONTENT_BODY_RUN_BREAK)
    {
      hub_html_add (html, "<br>");
      return;
    }
  if (run->kind == CONTENT_BODY_RUN_CODE)
    hub_html_add (inner, "<code>%s</code>", run->text);
  else if (run->item_id != NULL)
    hub_html_add (inner, "<a href=\"/items/%s\" class=\"item-link\">%s</a>", run->item_id, run->text);
  else
    hub_html_add (inner, "%s", run->text);
  if (run->style & CONTENT_BODY_EMPHASIS)
    {
      g_autoptr(HubHtml) em = hub_html_new ();
      hub_html_add (em, "<em>%h</em>", inner);
      hub_html_free (g_steal_pointer (&inner));
      inner = g_steal_pointer (&em);
    }
  if (run->style & CONTENT_BODY_STRONG)
    hub_html_add (html, "<strong>%h</strong>", inner);
  else
    hub_html_add (html, "%h", inner);
}

static void
render_block (HubHtml *html, const ContentBodyBlock *block)
{
  g_autoptr(HubHtml) runs = hub_html_new ();
  guint depth = MIN (block->depth, 6);

  for (guint r = 0; r < block->runs->len; r++)
    render_run (runs, g_ptr_array_index (block->runs, r));
  switch (block->kind)
    {
    case CONTENT_BODY_HEADING:
      /* Levels 1 and 2 are the page's own: a body's headings sit under them. */
      hub_html_add (html, "<h%d>%h</h%d>", (int) CLAMP (block->level + 2, 3, 6), runs, (int) CLAMP (block->level + 2, 3, 6));
      break;
    case CONTENT_BODY_LIST_ITEM:
      hub_html_add (html, "<p class=\"list-item depth-%d\"><span class=\"marker\">%s</span> %h</p>", (int) depth,
                    block->marker, runs);
      break;
    case CONTENT_BODY_CODE_BLOCK:
      hub_html_add (html, "<pre class=\"depth-%d\">%h</pre>", (int) depth, runs);
      break;
    default:
      hub_html_add (html, "<p class=\"depth-%d\">%h</p>", (int) depth, runs);
      break;
    }
}

void
hub_body_render (HubHtml *html, ContentStore *store, const char *markdown)
{
  g_autoptr(ContentBody) body = content_body_parse (markdown, content_body_lookup_item, store);

  for (guint b = 0; b < body->blocks->len; b++)
    render_block (html, g_ptr_array_index (body->blocks, b));
}
