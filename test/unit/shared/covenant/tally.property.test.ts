import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  type Choice,
  loadDefaultRegister,
  type Standard,
  tally,
} from '#shared/covenant/index.ts';
import { MEETING_DATE, PROVIDER_ASSOCIATIONS, VOTING_PARTIES, withParty } from './fixtures.ts';

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

/** Counts under the policy given; without one, the reading that counts abstentions as cast (footnote 13). */
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

  /**
   * DESIGN 2.2.7 and 2.2.8, on every weight distribution of the register (each voting party 1–12
   * votes) and every set of ballots: the tally agrees with art. 6.9 computed here from scratch under
   * both readings of an abstention, and names exactly the decisive abstentions.
   */
  describe('both readings and decisive abstentions, for any weights', () => {
    const anyWeights = fc.tuple(...VOTING_PARTIES.map(() => fc.integer({ min: 1, max: 12 })));
    const registerWith = (weights: readonly number[]) =>
      VOTING_PARTIES.reduce((r, id, i) => withParty(r, id, { votes: weights[i] ?? 1 }), register);
    type Reading = { abstentionsCountAsCast: boolean };

    /** art. 6.9 by hand: half of the cast votes, rounded down, plus one, for or against. */
    function expectedOutcome(ballots: readonly Ballot[], weights: readonly number[], reading: Reading) {
      const weightOf = (party: string) => weights[VOTING_PARTIES.indexOf(party as never)] ?? 0;
      const sum = (c: Choice) =>
        ballots.filter((b) => b.choice === c).reduce((n, b) => n + weightOf(b.party), 0);
      const cast = sum('for') + sum('against') + (reading.abstentionsCountAsCast ? sum('abstain') : 0);
      const threshold = Math.floor(cast / 2) + 1;
      const outcome =
        sum('for') >= threshold ? 'adopted' : sum('against') >= threshold ? 'rejected' : 'no-valid-decision';
      return { cast, threshold, outcome };
    }

    const countWith = (weights: readonly number[], ballots: readonly Ballot[], reading: Reading) =>
      tally(registerWith(weights), { date: MEETING_DATE, standards: STANDARDS, ballots }, reading);

    it('art. 6.9: the outcome under the policy and the alternative reading both follow the rule', () => {
      fc.assert(
        fc.property(anyWeights, anyBallots, anyPolicy, (weights, ballots, policy) => {
          const result = countWith(weights, ballots, policy);
          expect(result).toMatchObject(expectedOutcome(ballots, weights, policy));
          const other = { abstentionsCountAsCast: !policy.abstentionsCountAsCast };
          expect(result.explanation.alternativeReading).toMatchObject({
            ...other,
            ...expectedOutcome(ballots, weights, other),
          });
        }),
      );
    });

    it('footnote 13: an abstaining party is listed if and only if its weight for or against changes the outcome', () => {
      fc.assert(
        fc.property(anyWeights, anyBallots, anyPolicy, (weights, ballots, policy) => {
          const actual = expectedOutcome(ballots, weights, policy).outcome;
          const changes = (party: string) =>
            (['for', 'against'] as const).some(
              (choice) =>
                expectedOutcome(
                  ballots.map((b) => (b.party === party ? { ...b, choice } : b)),
                  weights,
                  policy,
                ).outcome !== actual,
            );
          const expected = VOTING_PARTIES.filter((party) =>
            ballots.some((b) => b.party === party && b.choice === 'abstain' && changes(party)),
          );
          expect(countWith(weights, ballots, policy).decisiveAbstentions).toEqual(expected);
        }),
      );
    });

    it('art. 6.9: nothing cast for or against is no valid decision, under either reading', () => {
      const onlyAbstentions = anyBallots.map((ballots) =>
        ballots.map((b) => ({ ...b, choice: 'abstain' as const })),
      );
      fc.assert(
        fc.property(anyWeights, onlyAbstentions, anyPolicy, (weights, ballots, policy) => {
          const result = countWith(weights, ballots, policy);
          expect(result.outcome).toBe('no-valid-decision');
          expect(result.explanation.alternativeReading.outcome).toBe('no-valid-decision');
          if (!policy.abstentionsCountAsCast) expect(result).toMatchObject({ cast: 0, threshold: 1 });
          // Not cast, any abstainer could decide alone: each is decisive (footnote 13).
          if (!policy.abstentionsCountAsCast) {
            expect(result.decisiveAbstentions).toEqual(ballots.map((b) => b.party));
          }
        }),
      );
    });

    it('DESIGN 2.2.7: the default policy is the reading in which abstentions are not cast', () => {
      fc.assert(
        fc.property(anyWeights, anyBallots, (weights, ballots) => {
          const input = { date: MEETING_DATE, standards: STANDARDS, ballots };
          expect(tally(registerWith(weights), input)).toEqual(
            tally(registerWith(weights), input, { abstentionsCountAsCast: false }),
          );
        }),
      );
    });
  });
});
