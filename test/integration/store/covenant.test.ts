import { describe, expect, it } from 'vitest';
import {
  type CovenantVersion,
  loadDefaultRegister,
  registerAfterWithdrawal,
} from '#shared/covenant/index.ts';
import type { DatedEffect } from '#shared/ports/covenant.ts';
import { seedVersion } from '#shared/usecases/covenant-source.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';

const db = useDynamoDbLocal();
const seed = seedVersion(loadDefaultRegister(), '2026-12-01T00:00:00.000Z');
const effect = (id: string, dueOn: string): DatedEffect => ({
  id,
  kind: 'withdrawal',
  dueOn,
  ref: 'JZN',
  status: 'pending',
});
const versionOn = (id: number, effectiveOn: string): CovenantVersion => ({
  ...seed,
  id,
  effectiveOn,
  register: registerAfterWithdrawal(seed.register, 'JZN', '2027-01-01', effectiveOn),
  cause: { kind: 'withdrawal', party: 'JZN' },
});

describe('shared/store/covenant on DynamoDB Local', () => {
  it('answers the version in force on a day with one Query, the seed before any later version', async () => {
    const { store } = await db.freshStore();
    expect(await store.covenant.getCovenantVersionInForce('2027-01-01')).toBeUndefined();
    await store.covenant.seedCovenantVersion(seed);
    // Written once: a second seed (a later deploy with another register.json) changes nothing.
    await store.covenant.seedCovenantVersion({ ...seed, text: { title: 'other', reference: 'other' } });
    await store.covenant.addDatedEffect(effect('withdrawal-JZN', '2027-04-01'));
    expect(await store.covenant.recordCovenantVersion(versionOn(2, '2027-04-01'), 'withdrawal-JZN')).toBe(
      'recorded',
    );

    expect((await store.covenant.getCovenantVersionInForce('2027-03-31'))?.id).toBe(1);
    expect((await store.covenant.getCovenantVersionInForce('2027-04-01'))?.id).toBe(2);
    expect((await store.covenant.getCovenantVersionInForce('2030-01-01'))?.id).toBe(2);
    expect((await store.covenant.listCovenantVersions()).map((v) => [v.id, v.text.reference])).toEqual([
      [1, 'covenant.txt'],
      [2, 'covenant.txt'],
    ]);
  });

  it('applies an effect once, refuses a revoked one, and lets no two versions take the same id', async () => {
    const { store } = await db.freshStore();
    await store.covenant.seedCovenantVersion(seed);
    await store.covenant.addDatedEffect(effect('a', '2027-04-01'));
    await store.covenant.addDatedEffect(effect('b', '2027-05-01'));
    expect(await store.covenant.recordCovenantVersion(versionOn(2, '2027-04-01'), 'a')).toBe('recorded');
    expect(await store.covenant.recordCovenantVersion(versionOn(3, '2027-04-01'), 'a')).toBe('not-pending');
    expect(await store.covenant.recordCovenantVersion(versionOn(2, '2027-05-01'), 'b')).toBe('conflict');
    expect((await store.covenant.getDatedEffect('a'))?.status).toBe('applied');
    expect((await store.covenant.getDatedEffect('b'))?.status).toBe('pending');
    expect((await store.covenant.listPendingDatedEffects()).map((e) => e.id)).toEqual(['b']);
  });
});

describe('shared/store/covenant: a revoked withdrawal given again', () => {
  it('makes the same effect pending again when the notice is given again the same day', async () => {
    const { store } = await db.freshStore();
    await store.addWithdrawalNotice({ party: 'JZN', noticeOn: '2027-01-01', effectiveOn: '2027-04-01' });
    await store.covenant.addDatedEffect(effect('w', '2027-04-01'));
    expect(await store.covenant.revokeWithdrawal('JZN', 'w')).toBe(true);
    expect(await store.covenant.revokeWithdrawal('JZN', 'w')).toBe(false);
    expect(await store.covenant.addDatedEffect(effect('w', '2027-04-01'))).toBeUndefined();
    expect((await store.covenant.getDatedEffect('w'))?.status).toBe('pending');
  });
});
