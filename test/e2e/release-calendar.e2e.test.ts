/**
 * The release calendar (DESIGN 2.4, covenant art. 7.4), end to end over HTTP: ZIN records an
 * implementation date agreed before this system existed; every party reads the calendar; a version
 * is recorded once; the strategy deadline lies within the month before the implementation date.
 */
import { describe, expect, it } from 'vitest';
import {
  addToDate,
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  useLocalStack,
} from './support/index.ts';

/** A calendar entry as a vendor reads it (openapi.json, `ReleaseCalendarEntry`). */
interface ReleaseEntryBody {
  readonly standard: string;
  readonly version: string;
  readonly implementationDate: string;
  readonly strategyDue: string;
  readonly blackoutFrom: string;
  readonly source: 'decision' | 'recorded';
  readonly recordedBy?: string;
  readonly recordedAt: string;
}

const stack = useLocalStack();
const api = procedure(stack);

describe('the release calendar (DESIGN 2.4)', () => {
  it('ZIN records an agreed implementation date once; every party reads it, with the start of its objection blackout', async () => {
    const today = await api.today();
    const implementationDate = addToDate(today, { months: 4 });
    const body = {
      standard: 'iWmo',
      version: '3.3',
      implementationDate,
      strategyDue: addToDate(implementationDate, { days: -14 }),
    };

    const byVng = await stack.as('VNG').post<ProblemBody>('/release-calendar', body);
    expect(expectStatus(byVng, 403).type).toBe(`${PROBLEM_BASE}forbidden`);

    const recorded = await stack.as('ZIN').post<ReleaseEntryBody>('/release-calendar', body, {
      'Idempotency-Key': 'iwmo-3.3',
    });
    expect(expectStatus(recorded, 201)).toMatchObject({
      ...body,
      blackoutFrom: addToDate(implementationDate, { months: -1 }),
      source: 'recorded',
      recordedBy: 'ZIN',
    });
    expect(recorded.headers.get('location')).toMatch(/\/release-calendar\?standard=iWmo$/);

    // A retry with the same key gets the first answer; a second recording of the version is refused.
    const retry = await stack.as('ZIN').post<ReleaseEntryBody>('/release-calendar', body, {
      'Idempotency-Key': 'iwmo-3.3',
    });
    expect(expectStatus(retry, 201)).toEqual(recorded.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const moved = await stack
      .as('ZIN')
      .post<ProblemBody & { existing: ReleaseEntryBody }>('/release-calendar', {
        ...body,
        implementationDate: addToDate(implementationDate, { months: 1 }),
        strategyDue: implementationDate,
      });
    expect(expectStatus(moved, 409)).toMatchObject({
      type: `${PROBLEM_BASE}release-entry-exists`,
      existing: { version: '3.3', implementationDate },
    });

    const calendar = await stack.as('CAK').get<{ entries: ReleaseEntryBody[] }>('/release-calendar');
    expect(expectStatus(calendar, 200).entries).toEqual([recorded.body]);
    const ijw = await stack.as('JZN').get<{ entries: ReleaseEntryBody[] }>('/release-calendar?standard=iJw');
    expect(expectStatus(ijw, 200).entries).toEqual([]);
  });

  it('refuses a strategy deadline more than a month before the implementation date (422, art. 7.4) and malformed input (400)', async () => {
    const tooEarly = await stack.as('ZIN').post<ProblemBody>('/release-calendar', {
      standard: 'iJw',
      version: '3.4',
      implementationDate: '2028-03-31',
      strategyDue: '2028-02-28',
    });
    expect(expectStatus(tooEarly, 422)).toMatchObject({
      type: `${PROBLEM_BASE}strategy-deadline`,
      rule: 'strategy-deadline',
      article: '7.4',
      earliestStrategyDue: '2028-02-29',
    });
    expect(tooEarly.headers.get('content-type')).toContain('application/problem+json');

    const malformed = await stack
      .as('ZIN')
      .post<ProblemBody & { errors: { path: string }[] }>('/release-calendar', {
        standard: 'iWlz',
        version: 'volgende',
        implementationDate: '2028-02-30',
      });
    expect(
      expectStatus(malformed, 400)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.implementationDate', 'body.standard', 'body.strategyDue', 'body.version']);
    const calendar = await stack
      .as('ZIN')
      .get<{ entries: ReleaseEntryBody[] }>('/release-calendar?standard=iJw');
    expect(expectStatus(calendar, 200).entries).toEqual([]);
  });

  it('refuses an objection to implementing a new version within a month of its agreed date (422 naming date and version); a date typed into the proposal shuts nothing out', async () => {
    const today = await api.today();
    const agreed = addToDate(today, { days: 20 });
    expectStatus(
      await stack.as('ZIN').post('/release-calendar', {
        standard: 'iEb',
        version: '2.2',
        implementationDate: agreed,
        strategyDue: addToDate(agreed, { months: -1 }),
      }),
      201,
    );

    const onIeb = await api.scheduled({
      title: 'Invoering iEb 2.2',
      standards: ['iEb'],
      kind: 'implementation',
    });
    await api.consensus(onIeb.id, 'adopted');
    const refused = await stack
      .as('CAK')
      .post<ProblemBody>(`/proposals/${onIeb.id}/objection`, { reason: 'Te vroeg.' });
    expect(expectStatus(refused, 422)).toMatchObject({
      type: `${PROBLEM_BASE}objection-blackout`,
      rule: 'objection-blackout',
      article: '7.4',
      standard: 'iEb',
      version: '2.2',
      implementationDate: agreed,
      blackoutFrom: addToDate(agreed, { months: -1 }),
    });
    expect(refused.body.detail).toContain(agreed);

    // iJw has no agreed date in the calendar: the date typed into the proposal does not shut objections out.
    const onIjw = await api.scheduled({
      title: 'Invoering iJw 3.3',
      standards: ['iJw'],
      kind: 'implementation',
      implementationDate: addToDate(today, { days: 10 }),
    });
    await api.consensus(onIjw.id, 'adopted');
    const objected = await api.object(onIjw.id, 'CAK', 'De planning is niet haalbaar.');
    expect(objected.phase).toBe('awaiting-arguments');
  });
});
