import { describe, expect, it } from 'vitest';
import {
  argumentsDeadline,
  type Deadline,
  InvalidDateError,
  isInObjectionBlackout,
  memberUntilAfterNotice,
  ministryDeadline,
  nextRenewalOn,
  objectionBlackout,
  reconsiderationDeadline,
  secondsUntil,
  withdrawalEffectiveOn,
} from '#shared/covenant/index.ts';

const EXTEND = { extendDeadlinesOverNonWorkingDays: true };
const KEEP = { extendDeadlinesOverNonWorkingDays: false };

describe('deadlines', () => {
  describe('periods of the objection procedure', () => {
    it.each<[string, () => Deadline, Partial<Deadline>]>([
      [
        'art. 7.3: six weeks from 20 March (CET) end on 1 May in CEST',
        () => argumentsDeadline('2027-03-20T10:00:00.000Z'),
        {
          kind: 'arguments',
          lastDay: '2027-05-01',
          due: '2027-05-01T21:59:59.999Z',
          startedAt: '2027-03-20T10:00:00.000Z',
        },
      ],
      [
        'art. 7.3: a lodging just after midnight in Amsterdam counts from the Amsterdam date',
        () => argumentsDeadline('2027-03-19T23:30:00.000Z'),
        { lastDay: '2027-05-01', due: '2027-05-01T21:59:59.999Z' },
      ],
      [
        'art. 7.3: six weeks from 1 October (CEST) end on 12 November in CET',
        () => argumentsDeadline('2027-10-01T08:00:00.000Z'),
        { lastDay: '2027-11-12', due: '2027-11-12T22:59:59.999Z', extended: false },
      ],
      [
        'art. 7.3: an instant given with an offset is read as that instant',
        () => argumentsDeadline('2027-10-01T10:00:00+02:00'),
        { startedAt: '2027-10-01T08:00:00.000Z', lastDay: '2027-11-12' },
      ],
      [
        'art. 7.4: one week',
        () => reconsiderationDeadline('2027-06-02T12:00:00.000Z'),
        { kind: 'reconsideration', lastDay: '2027-06-09', due: '2027-06-09T21:59:59.999Z' },
      ],
      [
        'art. 7.6: 31 January 2027 plus one month is 28 February',
        () => ministryDeadline('2027-01-31T10:00:00.000Z'),
        { kind: 'ministry', lastDay: '2027-02-28', due: '2027-02-28T22:59:59.999Z' },
      ],
      [
        'art. 7.6: 31 January 2028 plus one month is 29 February (leap year)',
        () => ministryDeadline('2028-01-31T10:00:00.000Z'),
        { lastDay: '2028-02-29', due: '2028-02-29T22:59:59.999Z' },
      ],
      [
        'art. 7.6: 29 February 2028 plus one month is 29 March',
        () => ministryDeadline('2028-02-29T10:00:00.000Z'),
        { lastDay: '2028-03-29', due: '2028-03-29T21:59:59.999Z' },
      ],
      [
        'art. 7.6: an escalation at 00:30 on 1 February in Amsterdam runs to 1 March',
        () => ministryDeadline('2027-01-31T23:30:00.000Z'),
        { lastDay: '2027-03-01', due: '2027-03-01T22:59:59.999Z' },
      ],
    ])('%s', (_rule, compute, expected) => {
      expect(compute()).toMatchObject(expected);
    });

    it.each<[string, () => Deadline, string, string, RegExp]>([
      [
        'a Saturday',
        () => argumentsDeadline('2027-03-20T10:00:00.000Z', EXTEND),
        '2027-05-01',
        '2027-05-03',
        /Saturday 2027-05-01.*Monday 2027-05-03/,
      ],
      [
        'Koningsdag',
        () => reconsiderationDeadline('2027-04-20T10:00:00.000Z', EXTEND),
        '2027-04-27',
        '2027-04-28',
        /Tuesday 2027-04-27 \(King's Day\).*Wednesday 2027-04-28/,
      ],
      [
        'Easter Monday',
        () => reconsiderationDeadline('2027-03-22T10:00:00.000Z', EXTEND),
        '2027-03-29',
        '2027-03-30',
        /Monday 2027-03-29 \(Easter Monday\).*Tuesday 2027-03-30/,
      ],
      [
        'Christmas, followed by Boxing Day',
        () => reconsiderationDeadline('2028-12-18T10:00:00.000Z', EXTEND),
        '2028-12-25',
        '2028-12-27',
        /Monday 2028-12-25 \(Christmas Day\).*Wednesday 2028-12-27/,
      ],
      [
        'a Sunday at the end of February',
        () => ministryDeadline('2027-01-31T10:00:00.000Z', EXTEND),
        '2027-02-28',
        '2027-03-01',
        /Sunday 2027-02-28.*Monday 2027-03-01/,
      ],
    ])(
      'DESIGN 2.4: a last day on %s moves to the next working day under the extension policy',
      (_day, compute, unextended, extendedTo, advice) => {
        const deadline = compute();
        expect(deadline).toMatchObject({
          lastDay: extendedTo,
          unextendedLastDay: unextended,
          extended: true,
        });
        expect(deadline.due.slice(0, 10)).toBe(extendedTo);
        expect(deadline.advice).toMatch(advice);
        expect(deadline.advice).toMatch(/the deadline is extended/);
      },
    );

    it('DESIGN 2.4: by default a last day on Koningsdag stays, with advice naming the Atw working day', () => {
      const deadline = reconsiderationDeadline('2027-04-20T10:00:00.000Z', KEEP);
      expect(deadline).toMatchObject({
        lastDay: '2027-04-27',
        unextendedLastDay: '2027-04-27',
        extended: false,
      });
      expect(deadline.due).toBe('2027-04-27T21:59:59.999Z');
      expect(deadline.advice).toBe(
        "The last day, Tuesday 2027-04-27 (King's Day), is not a working day. The Algemene termijnenwet would " +
          'extend a statutory deadline to the next working day, Wednesday 2027-04-28; this deadline is not extended ' +
          '(policy extendDeadlinesOverNonWorkingDays is off).',
      );
    });

    it('DESIGN 2.4: the default policy does not extend a Saturday either', () => {
      expect(argumentsDeadline('2027-03-20T10:00:00.000Z')).toMatchObject({
        lastDay: '2027-05-01',
        extended: false,
      });
    });

    it('Atw art. 3: Good Friday does not extend a deadline and gives no advice', () => {
      const deadline = reconsiderationDeadline('2027-03-19T10:00:00.000Z', EXTEND);
      expect(deadline).toEqual({
        kind: 'reconsideration',
        startedAt: '2027-03-19T10:00:00.000Z',
        lastDay: '2027-03-26',
        unextendedLastDay: '2027-03-26',
        due: '2027-03-26T22:59:59.999Z',
        extended: false,
      });
    });

    it.each(['2027-03-20', '2027-03-20T10:00:00', 'yesterday', '2027-02-30T10:00:00Z'])(
      'refuses a start that is not an ISO-8601 instant with an offset: %s',
      (startedAt) => {
        expect(() => argumentsDeadline(startedAt)).toThrow(InvalidDateError);
      },
    );
  });

  describe('objection blackout', () => {
    it.each([
      ['art. 7.4: a month before 1 July is 1 June', '2027-07-01', '2027-06-01'],
      ['art. 7.4: a month before 31 March is the last day of February', '2027-03-31', '2027-02-28'],
      ['art. 7.4: a month before 29 March 2028 is 29 February', '2028-03-29', '2028-02-29'],
    ])('%s', (_rule, implementationDate, from) => {
      expect(objectionBlackout(implementationDate)).toEqual({ from, until: implementationDate });
    });

    it.each([
      [
        'art. 7.4: exactly one month before, at 00:00 in Amsterdam, is in the blackout',
        '2027-05-31T22:00:00.000Z',
        true,
      ],
      ['art. 7.4: the last millisecond of the day before is not', '2027-05-31T21:59:59.999Z', false],
      ['art. 7.4: one day earlier is not', '2027-05-31T10:00:00.000Z', false],
      ['art. 7.4: a week before the implementation date is', '2027-06-24T10:00:00.000Z', true],
      ['art. 7.4: the implementation date itself is', '2027-07-01T21:59:59.999Z', true],
      ['art. 7.4: the day after the implementation date is not', '2027-07-01T22:00:00.000Z', false],
    ])('%s', (_rule, at, inBlackout) => {
      expect(isInObjectionBlackout(at, '2027-07-01')).toBe(inBlackout);
    });
  });

  describe('withdrawal and renewal', () => {
    it.each([
      ['art. 10: notice on 15 January takes effect on 15 April', '2027-01-15', '2027-04-15', '2027-04-14'],
      [
        'art. 10: notice on 30 November takes effect on 29 February in a leap year',
        '2027-11-30',
        '2028-02-29',
        '2028-02-28',
      ],
      [
        'art. 10: notice on 30 November takes effect on 28 February otherwise',
        '2028-11-30',
        '2029-02-28',
        '2029-02-27',
      ],
      ['art. 10: notice on 1 March takes effect on 1 June', '2027-03-01', '2027-06-01', '2027-05-31'],
    ])('%s; memberUntil is the day before', (_rule, noticeOn, effectiveOn, memberUntil) => {
      expect(withdrawalEffectiveOn(noticeOn)).toBe(effectiveOn);
      expect(memberUntilAfterNotice(noticeOn)).toBe(memberUntil);
    });

    it.each([
      [
        'art. 9.1: before the anniversary, this year’s anniversary',
        '2023-07-01',
        '2027-03-01T09:00:00.000Z',
        '2027-07-01',
      ],
      [
        'art. 9.1: on the anniversary, the next year’s',
        '2023-07-01',
        '2027-07-01T10:00:00.000Z',
        '2028-07-01',
      ],
      [
        'art. 9.1: 00:30 on the anniversary in Amsterdam counts as the anniversary',
        '2023-07-01',
        '2027-06-30T22:30:00.000Z',
        '2028-07-01',
      ],
      [
        'art. 9.1: 23:30 the evening before in Amsterdam does not',
        '2023-07-01',
        '2027-06-30T21:30:00.000Z',
        '2027-07-01',
      ],
      [
        'art. 9.1: in the first year, the first anniversary',
        '2023-07-01',
        '2023-07-01T10:00:00.000Z',
        '2024-07-01',
      ],
      [
        'art. 9.1: before signing, the first anniversary',
        '2023-07-01',
        '2023-01-01T10:00:00.000Z',
        '2024-07-01',
      ],
      [
        'art. 9.1: signed on 29 February, renewed on 28 February in common years',
        '2024-02-29',
        '2025-01-01T10:00:00.000Z',
        '2025-02-28',
      ],
    ])('%s', (_rule, signedOn, at, renewal) => {
      expect(nextRenewalOn(signedOn, at)).toBe(renewal);
    });
  });

  describe('secondsUntil', () => {
    it.each([
      ['rounds a part second up', '2027-05-01T21:59:59.999Z', '2027-05-01T21:59:59.000Z', 1],
      ['counts a whole day in seconds', '2027-05-02T10:00:00.000Z', '2027-05-01T10:00:00.000Z', 86_400],
      ['is 0 when due now', '2027-05-01T21:59:59.999Z', '2027-05-01T21:59:59.999Z', 0],
      ['is never negative once due', '2027-05-01T21:59:59.999Z', '2027-05-03T00:00:00.000Z', 0],
      [
        'spans the change to summer time in real seconds',
        '2027-03-28T12:00:00.000Z',
        '2027-03-27T12:00:00.000Z',
        86_400,
      ],
    ])('%s', (_case, due, now, seconds) => {
      expect(secondsUntil(due, now)).toBe(seconds);
    });

    it('gives a Step Functions timeout that reaches the deadline', () => {
      const deadline = argumentsDeadline('2027-03-20T10:00:00.000Z');
      // 42 days from 10:00Z to 10:00Z, then 10:00Z to 21:59:59.999Z, rounded up to 12 hours.
      expect(secondsUntil(deadline.due, deadline.startedAt)).toBe(42 * 86_400 + 12 * 3600);
    });
  });
});
