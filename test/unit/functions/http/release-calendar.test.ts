import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimOf, requestHash } from '#shared/http/idempotency.ts';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import { recordReleaseEntry } from '#shared/usecases/release-calendar.ts';
import { BASE_URL, START, type TestApp, testApp } from './support/app.ts';
import { expectCall } from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

const iwmo33 = {
  standard: 'iWmo',
  version: '3.3',
  implementationDate: '2027-07-01',
  strategyDue: '2027-06-01',
};
const record = (body: unknown, headers: Record<string, string> = {}, status = 201) =>
  expectCall(app, 'POST /release-calendar', status, { as: 'ZIN', body, headers });

describe('functions/http/release-calendar', () => {
  it('lets ZIN record an agreed implementation date, with the first day of its objection blackout', async () => {
    const created = await record(iwmo33);
    expect(created.body).toEqual({
      ...iwmo33,
      blackoutFrom: '2027-06-01',
      source: 'recorded',
      recordedBy: 'ZIN',
      recordedAt: START,
    });
    expect(created.headers.location).toBe(`${BASE_URL}/release-calendar?standard=iWmo`);
  });

  it('shows any party the calendar by implementation date, of all standards or of one', async () => {
    await record({ ...iwmo33, version: '3.4', implementationDate: '2028-01-01', strategyDue: '2027-12-01' });
    await record(iwmo33);
    await record({
      standard: 'iJw',
      version: '3.3',
      implementationDate: '2027-04-01',
      strategyDue: '2027-03-15',
    });
    const all = await expectCall(app, 'GET /release-calendar', 200, { as: 'CAK' });
    expect(
      all.body.entries.map((e: { standard: string; version: string }) => `${e.standard} ${e.version}`),
    ).toEqual(['iJw 3.3', 'iWmo 3.3', 'iWmo 3.4']);
    const iwmo = await expectCall(app, 'GET /release-calendar', 200, {
      as: 'VWS',
      query: { standard: 'iWmo' },
    });
    expect(iwmo.body.entries.map((e: { version: string }) => e.version)).toEqual(['3.3', '3.4']);
    const none = await expectCall(app, 'GET /release-calendar', 200, {
      as: 'KBSD',
      query: { standard: 'iEb' },
    });
    expect(none.body).toEqual({ entries: [] });
    const unknown = await expectCall(app, 'GET /release-calendar', 400, {
      as: 'VNG',
      query: { standard: 'iWlz' },
    });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'query.standard' })]);
  });

  it('refuses any party but ZIN (403) before writing anything', async () => {
    for (const party of ['VNG', 'CAK', 'VWS', 'KBSD']) {
      const refused = await expectCall(app, 'POST /release-calendar', 403, { as: party, body: iwmo33 });
      expect(refused.body.type).toBe(`${PROBLEM_BASE}forbidden`);
    }
    expect(app.ddb).not.toHaveReceivedCommand(PutCommand);
  });

  it('answers 400 naming every invalid field', async () => {
    const invalid = await record(
      {
        standard: 'iwmo',
        version: '3',
        implementationDate: '2027-02-30',
        strategyDue: '2027-06-01',
        note: 'x',
      },
      {},
      400,
    );
    expect(invalid.body.type).toBe(`${PROBLEM_BASE}invalid-request`);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.implementationDate',
      'body.standard',
      'body.version',
    ]);
    const missing = await record({ standard: 'iWmo', version: '3.3' }, {}, 400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.implementationDate',
      'body.strategyDue',
    ]);
  });

  it('answers 422 naming art. 7.4 for a strategy deadline more than a month before the date, or after it', async () => {
    const early = await record(
      { ...iwmo33, implementationDate: '2027-03-31', strategyDue: '2027-02-27' },
      {},
      422,
    );
    expect(early.body).toMatchObject({
      type: `${PROBLEM_BASE}strategy-deadline`,
      rule: 'strategy-deadline',
      article: '7.4',
      strategyDue: '2027-02-27',
      implementationDate: '2027-03-31',
      earliestStrategyDue: '2027-02-28',
    });
    expect(early.body.detail).toContain('art. 7.4');
    const late = await record({ ...iwmo33, strategyDue: '2027-07-02' }, {}, 422);
    expect(late.body.rule).toBe('strategy-deadline');
    const listed = await expectCall(app, 'GET /release-calendar', 200, { as: 'ZIN' });
    expect(listed.body.entries).toEqual([]);
  });

  it('records a version once: another POST of it answers 409 with the entry there', async () => {
    await record(iwmo33);
    const moved = await record(
      { ...iwmo33, implementationDate: '2027-09-01', strategyDue: '2027-08-01' },
      {},
      409,
    );
    expect(moved.body).toMatchObject({
      type: `${PROBLEM_BASE}release-entry-exists`,
      existing: { ...iwmo33, source: 'recorded' },
    });
    expect(moved.body.existing).not.toHaveProperty('request');
    await record(iwmo33, {}, 409);
    const listed = await expectCall(app, 'GET /release-calendar', 200, { as: 'ZIN' });
    expect(listed.body.entries).toEqual([expect.objectContaining(iwmo33)]);
  });

  it('answers a retry with the same Idempotency-Key as the first time, and refuses the key for another entry', async () => {
    const first = await record(iwmo33, { 'Idempotency-Key': 'calendar-1' });
    app.clock.advanceDays(1);
    const again = await record(iwmo33, { 'Idempotency-Key': 'calendar-1' });
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await record({ ...iwmo33, version: '3.4' }, { 'Idempotency-Key': 'calendar-1' }, 422);
    expect(other.body.type).toBe(`${PROBLEM_BASE}idempotency-key-reuse`);
  });

  it('recognises its own entry when the request that wrote it died before answering', async () => {
    // The first attempt claimed the key and recorded the entry, which marked the key's record
    // committed in the same transaction; then its process died before storing its answer.
    const hash = requestHash('POST /release-calendar', {}, iwmo33);
    await app.deps.store.beginIdempotent('ZIN', 'calendar-2', hash, app.clock.now(), 12);
    const store = app.deps.store.forRequest({
      idempotency: claimOf('ZIN', 'calendar-2', hash, app.clock.now()),
    });
    await recordReleaseEntry({ ...app.deps, store }, iwmo33, { party: 'ZIN' });
    app.clock.advanceDays((1 / 86_400) * 13);
    const retried = await record(iwmo33, { 'Idempotency-Key': 'calendar-2' });
    expect(retried.body).toMatchObject({ ...iwmo33, recordedBy: 'ZIN' });
    await record(iwmo33, { 'Idempotency-Key': 'calendar-3' }, 409);
  });
});
