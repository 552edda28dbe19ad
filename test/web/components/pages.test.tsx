import { describe, expect, it } from 'vitest';
import { allItems } from '../../../web/src/components/pages.ts';

describe('allItems', () => {
  it('follows `next` until the API gives none, in order', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      first: { items: [1, 2], next: 'c2' },
      c2: { items: [3], next: 'c3' },
      c3: { items: [4] },
    };
    const cursors: (string | undefined)[] = [];
    const items = await allItems(
      async (cursor) => {
        cursors.push(cursor);
        return pages[cursor ?? 'first'] ?? { items: [] };
      },
      (page) => page.items,
    );
    expect(items).toEqual([1, 2, 3, 4]);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
  });

  it('stops when the cursor does not move on', async () => {
    const items = await allItems(
      async () => ({ items: ['a'], next: 'same' }),
      (page) => page.items,
    );
    expect(items).toEqual(['a', 'a']);
  });
});
