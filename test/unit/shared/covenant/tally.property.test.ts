import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  type Choice,
  loadDefaultRegister,
  type Standard,
  tally,
} from '#shared/covenant/index.ts';
import { MEETING_DATE, PROVIDER_ASSOCIATIONS, VOTING_PARTIES } from './fixtures.ts';

const register = loadDefaultRegister();
const STANDARDS: Standard[] = ['iWmo', 'iJw', 'iEb'];
const choice = fc.constantFrom<Choice>('for', 'against', 'abstain');

/** Any set of ballots: each voting party votes one way or not at all. */
const anyBallots = fc
  .tuple(...VOTING_PARTIES.map(() => fc.option(choice, { nil: undefined })))
  .map((choices) =>
    choices.flatMap((c, i): Ballot[] =>
      c === undefined ? [] : [{ party: VOTING_PARTIES[i] ?? '', choice: c }],
    ),
  );
const anyPolicy = fc.record({ abstentionsCountAsCast: fc.boolean() });

const count = (ballots: readonly Ballot[], policy = { abstentionsCountAsCast: true }) =>
  tally(register, { date: MEETING_DATE, standards: STANDARDS, ballots }, policy);

/** Parties whose weights add up to `cast`: 0–2 of the six-vote parties and 0–6 associations. */
function partiesWeighing(cast: number): string[] {
  const sixes = Math.min(2, Math.floor(cast / 6));
  return [...['VNG', 'CAK'].slice(0, sixes), ...PROVIDER_ASSOCIATIONS.slice(0, cast - 6 * sixes)];
}

describe('tally', () => {
  describe('properties', () => {
    it('art. 6.9: is never both adopted and rejected, and the outcome follows the threshold', () => {
      fc.assert(
        fc.property(anyBallots, anyPolicy, (ballots, policy) => {
          const result = count(ballots, policy);
          expect(result.for >= result.threshold && result.against >= result.threshold).toBe(false);
          const expected =
            result.for >= result.threshold
              ? 'adopted'
              : result.against >= result.threshold
                ? 'rejected'
                : 'no-valid-decision';
          expect(result.outcome).toBe(expected);
        }),
      );
    });

    it('art. 6.9: turning an against into a for never undoes an adoption', () => {
      fc.assert(
        fc.property(anyBallots, anyPolicy, fc.nat(), (ballots, policy, pick) => {
          const against = ballots.filter((b) => b.choice === 'against');
          fc.pre(against.length > 0);
          const turned = against[pick % against.length]?.party;
          const more = ballots.map((b) => (b.party === turned ? { ...b, choice: 'for' as const } : b));
          const before = count(ballots, policy).outcome;
          const after = count(more, policy).outcome;
          expect(count(more, policy).for).toBeGreaterThan(count(ballots, policy).for);
          if (before === 'adopted') expect(after).toBe('adopted');
          if (before !== 'rejected') expect(after).not.toBe('rejected');
        }),
      );
    });

    it('art. 6.9: the order of the ballots never changes the result', () => {
      const shuffled = anyBallots.chain((ballots) =>
        fc.tuple(fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length })),
      );
      fc.assert(
        fc.property(shuffled, anyPolicy, ([ballots, reordered], policy) => {
          expect(count(reordered, policy)).toEqual(count(ballots, policy));
        }),
      );
    });

    it.each(Array.from({ length: 19 }, (_, cast) => cast))(
      'art. 6.9: with %i votes cast the threshold is floor(cast / 2) + 1',
      (cast) => {
        const parties = partiesWeighing(cast);
        fc.assert(
          fc.property(
            fc.array(choice, { minLength: parties.length, maxLength: parties.length }),
            (choices) => {
              const ballots = parties.map((party, i) => ({ party, choice: choices[i] ?? 'for' }));
              const result = count(ballots);
              expect(result.cast).toBe(cast);
              expect(result.threshold).toBe(Math.floor(cast / 2) + 1);
            },
          ),
          { numRuns: 20 },
        );
      },
    );

    it('footnote 13: without counting abstentions, cast is for plus against and the threshold follows it', () => {
      fc.assert(
        fc.property(anyBallots, (ballots) => {
          const result = count(ballots, { abstentionsCountAsCast: false });
          expect(result.cast).toBe(result.for + result.against);
          expect(result.threshold).toBe(Math.floor(result.cast / 2) + 1);
          expect(result.explanation.alternativeReading.cast).toBe(
            result.for + result.against + result.abstain,
          );
        }),
      );
    });
  });
});
