import { describe, expect, it, vi } from 'vitest';
import { RecentSuppressions } from '#shared/usecases/notify-suppressions.ts';

/** The mailboxes that hard-bounced, as the table holds them; `reads` counts the BatchGets. */
function tableOf(...bounced: string[]) {
  const suppressed = new Set(bounced);
  const suppressedAmong = vi.fn(async (addresses: readonly string[]) => {
    return new Set(addresses.filter((a) => suppressed.has(a)));
  });
  return { store: { suppressedAmong }, suppressed, reads: () => suppressedAmong.mock.calls.length };
}

/** A monotonic clock the test moves, in ms. */
function stopwatch() {
  let ms = 0;
  return {
    now: () => ms,
    pass: (by: number) => {
      ms += by;
    },
  };
}

const MEMBERS = ['a@actiz.example', 'b@vng.example', 'c@cak.example'];

describe('shared/usecases/notify-suppressions', () => {
  it('asks the table once for the e-mails of a burst of deadlines to the same members (one read, not one per e-mail)', async () => {
    // GIVEN one member's mailbox bounced permanently
    const table = tableOf('b@vng.example');
    const time = stopwatch();
    const recent = new RecentSuppressions(table.store, { cacheMs: 5000, monotonicMs: time.now });
    // WHEN 50 e-mails to the members are sent at once, and more a second later
    const answers = await Promise.all(Array.from({ length: 50 }, () => recent.suppressedAmong(MEMBERS)));
    time.pass(1000);
    answers.push(await recent.suppressedAmong(MEMBERS));
    // THEN one read answered them all, and every e-mail leaves out the bounced mailbox
    expect(table.reads()).toBe(1);
    for (const answer of answers) expect([...answer]).toEqual(['b@vng.example']);
  });

  it('sees a bounce recorded since, once the cache time has passed', async () => {
    // GIVEN the members were mailed
    const table = tableOf();
    const time = stopwatch();
    const recent = new RecentSuppressions(table.store, { cacheMs: 5000, monotonicMs: time.now });
    expect((await recent.suppressedAmong(MEMBERS)).size).toBe(0);
    // WHEN a mailbox bounces and the next e-mail goes after the cache time
    table.suppressed.add('c@cak.example');
    time.pass(5000);
    // THEN that e-mail leaves it out
    expect([...(await recent.suppressedAmong(MEMBERS))]).toEqual(['c@cak.example']);
    expect(table.reads()).toBe(2);
  });

  it('asks only about the addresses it has not read lately', async () => {
    // GIVEN the members' answers are known
    const table = tableOf('new@ggz.example');
    const recent = new RecentSuppressions(table.store, { monotonicMs: () => 0 });
    await recent.suppressedAmong(MEMBERS);
    // WHEN an e-mail also goes to a new address
    const answer = await recent.suppressedAmong([...MEMBERS, 'new@ggz.example']);
    // THEN only that address was read
    expect(table.store.suppressedAmong).toHaveBeenLastCalledWith(['new@ggz.example']);
    expect([...answer]).toEqual(['new@ggz.example']);
  });

  it('keeps no failed read: the next e-mail asks again', async () => {
    // GIVEN the table fails once
    const table = tableOf();
    table.store.suppressedAmong.mockRejectedValueOnce(new Error('throttled'));
    const recent = new RecentSuppressions(table.store, { monotonicMs: () => 0 });
    // WHEN an e-mail asks, then the next one
    await expect(recent.suppressedAmong(MEMBERS)).rejects.toThrow('throttled');
    // THEN the next one reads the table again and gets its answer
    expect((await recent.suppressedAmong(MEMBERS)).size).toBe(0);
    expect(table.reads()).toBe(2);
  });
});
