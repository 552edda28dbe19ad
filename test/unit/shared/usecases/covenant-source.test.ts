import { describe, expect, it, vi } from 'vitest';
import { type CovenantVersion, loadDefaultRegister } from '#shared/covenant/index.ts';
import type { CovenantStore } from '#shared/ports/covenant.ts';
import { amsterdamDayOf, CovenantSource, seedVersion } from '#shared/usecases/covenant-source.ts';

const seed = loadDefaultRegister();
const VERSION_1 = seedVersion(seed, '2026-01-01T00:00:00.000Z');
/** Version 2 (art. 9.2): the same register, with the chair's vote counted differently, from 1 March. */
const VERSION_2: CovenantVersion = {
  ...VERSION_1,
  id: 2,
  effectiveOn: '2027-03-01',
  register: { ...seed, policy: { ...seed.policy, abstentionsCountAsCast: true } },
  cause: { kind: 'change', changeId: 'c-1' },
};

/** The versions in a table; `reads` counts the Queries a request would make. */
function tableOf(...initial: CovenantVersion[]) {
  const versions = [...initial];
  const store = {
    getCovenantVersionInForce: vi.fn(
      async (day: string) => versions.filter((v) => v.effectiveOn <= day).sort((a, b) => b.id - a.id)[0],
    ),
    recordCovenantVersion: vi.fn(async (version: CovenantVersion) => {
      versions.push(version);
      return 'recorded' as const;
    }),
    seedCovenantVersion: vi.fn(async (version: CovenantVersion) => version),
  };
  return {
    store: store as unknown as CovenantStore,
    versions,
    reads: () => store.getCovenantVersionInForce.mock.calls.length,
  };
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

describe('shared/usecases/covenant-source', () => {
  it('reads the version in force once for all requests of a day within the cache time (one Query, not one per request)', async () => {
    // GIVEN version 1 in the table
    const table = tableOf(VERSION_1);
    const time = stopwatch();
    const source = new CovenantSource(table.store, seed, undefined, { cacheMs: 5000, monotonicMs: time.now });
    // WHEN 64 requests ask at once, and again a second later
    const answers = await Promise.all(Array.from({ length: 64 }, () => source.inForceOn('2027-02-17')));
    time.pass(1000);
    await source.inForceOn('2027-02-17');
    // THEN one read answered them all, with version 1
    expect(table.reads()).toBe(1);
    expect(new Set(answers.map((a) => a.covenantVersion))).toEqual(new Set([1]));
  });

  it('asks again on a new day: a version effective tomorrow is in force from midnight', async () => {
    // GIVEN version 2, effective on 1 March, already in the table
    const table = tableOf(VERSION_1, VERSION_2);
    const time = stopwatch();
    const source = new CovenantSource(table.store, seed, undefined, { monotonicMs: time.now });
    // WHEN the last day of February and then 1 March are asked within the cache time
    const before = await source.inForceOn('2027-02-28');
    const on = await source.inForceOn('2027-03-01');
    // THEN each day has its own version, and the new one brings its own policy
    expect(before.covenantVersion).toBe(1);
    expect(on.covenantVersion).toBe(2);
    expect(on.policy.abstentionsCountAsCast).toBe(true);
  });

  it('sees at once a signed change that this process puts in force (its dated effect records the version)', async () => {
    // GIVEN 1 March read under version 1, before the change's dated effect ran
    const table = tableOf(VERSION_1);
    const time = stopwatch();
    const source = new CovenantSource(table.store, seed, undefined, { monotonicMs: time.now });
    expect((await source.inForceOn('2027-03-01')).covenantVersion).toBe(1);
    // WHEN the dated effect records version 2 through the source, within the cache time
    await source.record(VERSION_2, 'change-c-1');
    // THEN the next request runs under version 2
    expect((await source.inForceOn('2027-03-01')).covenantVersion).toBe(2);
  });

  it('sees a version another process recorded within the cache time, not later', async () => {
    // GIVEN 1 March read under version 1
    const table = tableOf(VERSION_1);
    const time = stopwatch();
    const source = new CovenantSource(table.store, seed, undefined, { cacheMs: 5000, monotonicMs: time.now });
    await source.inForceOn('2027-03-01');
    // WHEN another Lambda's dated effect writes version 2 straight to the table
    table.versions.push(VERSION_2);
    time.pass(4999);
    const within = await source.inForceOn('2027-03-01');
    time.pass(2);
    const after = await source.inForceOn('2027-03-01');
    // THEN the old answer holds at most the cache time, then the new version is in force
    expect(within.covenantVersion).toBe(1);
    expect(after.covenantVersion).toBe(2);
  });

  it('keeps no failed read: the next request asks the table again', async () => {
    // GIVEN a table that fails once
    const table = tableOf(VERSION_1);
    const time = stopwatch();
    const source = new CovenantSource(table.store, seed, undefined, { monotonicMs: time.now });
    vi.mocked(table.store.getCovenantVersionInForce).mockRejectedValueOnce(new Error('throttled'));
    // WHEN two requests follow each other
    await expect(source.inForceOn('2027-02-17')).rejects.toThrow('throttled');
    const next = await source.inForceOn('2027-02-17');
    // THEN the second is answered from the table
    expect(next.covenantVersion).toBe(1);
    expect(table.reads()).toBe(2);
  });

  it('takes the Amsterdam day at midnight local time, not UTC (winter +1, summer +2)', () => {
    expect(amsterdamDayOf('2027-02-28T22:59:59.999Z')).toBe('2027-02-28');
    expect(amsterdamDayOf('2027-02-28T23:00:00.000Z')).toBe('2027-03-01');
    expect(amsterdamDayOf('2027-06-30T21:59:00.000Z')).toBe('2027-06-30');
    expect(amsterdamDayOf('2027-06-30T22:00:00.000Z')).toBe('2027-07-01');
    expect(amsterdamDayOf('2027-06-30T22:00:30.000Z')).toBe('2027-07-01');
  });
});
