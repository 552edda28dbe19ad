/**
 * Lists come a page at a time (`limit`, `cursor` in; `next` out, DESIGN 5): a screen that shows a
 * whole list reads every page, following `next` until the API gives none.
 */

/** Stops a list whose cursor does not move on (a fault of the API) instead of looping forever. */
const MAX_PAGES = 100;

/**
 * Every item of a paged list: `read(cursor)` fetches one page (no cursor: the first), `itemsOf`
 * takes its items.
 */
export async function allItems<P extends { readonly next?: string }, I>(
  read: (cursor: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly I[],
): Promise<I[]> {
  const items: I[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await read(cursor);
    items.push(...itemsOf(page));
    if (page.next === undefined || page.next === cursor) return items;
    cursor = page.next;
  }
  throw new Error(`the list has more than ${MAX_PAGES} pages`);
}
