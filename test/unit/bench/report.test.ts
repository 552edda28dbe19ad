// Section 3 of `npm run bench`: where each route's write units go, as the reader sees it.
import { describe, expect, it } from 'vitest';
import { writtenItemsLines } from '../../../bench/report.ts';
import type { RouteCapacity } from '../../../bench/scenarios.ts';

const route = (
  routeKey: string,
  heaviest: RouteCapacity['heaviest'],
  maxWritePerTransition = 0,
): RouteCapacity => ({
  routeKey,
  samples: 1,
  read: 0,
  write: heaviest.write,
  maxRead: 0,
  maxWrite: heaviest.write,
  reads: 0,
  proposalQueries: 0,
  otherReads: 0,
  transactions: 1,
  singleWrites: 0,
  handlerMs: 1,
  failedCalls: 0,
  transitions: heaviest.transitions,
  maxWritePerTransition,
  heaviest,
});
const item = (name: string, table: number, index: number, count = 1) => ({
  item: name,
  kind: 'Put',
  count,
  bytes: 300,
  table,
  index,
});

describe('bench report: where the write units go', () => {
  it('itemises the heaviest request of a route seen in the walk and in the lifecycles, once', () => {
    const light = route('POST /proposals/{id}/consensus', {
      write: 5,
      transitions: 1,
      items: [item('EVENT', 2, 1)],
    });
    const heavy = route('POST /proposals/{id}/consensus', {
      write: 8,
      transitions: 1,
      items: [item('EVENT', 2, 1), item('DECISION', 2, 1)],
    });
    expect(writtenItemsLines([light, heavy])).toBe(
      '   POST /proposals/{id}/consensus: 8 WRU for 1 transition = EVENT Put 300 B 2+1, DECISION Put 300 B 2+1',
    );
  });

  it('labels a meeting close of several transitions honestly, per request and per transition', () => {
    const close = route(
      'POST /meetings/{id}/close',
      { write: 42, transitions: 2, items: [item('MEETING', 2, 1), item('EVENT', 4, 2, 2)] },
      18,
    );
    expect(writtenItemsLines([close])).toMatch(
      /^ {3}POST \/meetings\/\{id\}\/close: 42 WRU for 2 transitions, the meeting's own step included \(at most 18 per transition\) = MEETING Put 300 B 2\+1, EVENT Put ×2 300 B 4\+2$/,
    );
  });
});
