import { describe, expect, it } from 'vitest';
import {
  type Choice,
  DuplicateBallotError,
  loadDefaultRegister,
  NotAVotingPartyError,
  type Standard,
  tally,
  UnknownPartyError,
} from '#shared/covenant/index.ts';
import { all, ballots, MEETING_DATE, PROVIDER_ASSOCIATIONS, withWithdrawal } from './fixtures.ts';

const ALL_STANDARDS: Standard[] = ['iWmo', 'iJw', 'iEb'];
const COUNTS = { abstentionsCountAsCast: true };
const IGNORES = { abstentionsCountAsCast: false };

describe('tally', () => {
  it.each<[string, Record<string, Choice>, typeof COUNTS, object]>([
    [
      'art. 6.9: 10 for, 8 against of 18 is adopted',
      {
        VNG: 'for',
        ACTIZ: 'for',
        GGZ: 'for',
        JZN: 'for',
        VALENTE: 'for',
        CAK: 'against',
        VGN: 'against',
        ZTNL: 'against',
      },
      COUNTS,
      { for: 10, against: 8, abstain: 0, cast: 18, threshold: 10, outcome: 'adopted' },
    ],
    [
      'art. 6.9: 9 for, 9 against is no valid decision',
      {
        VNG: 'for',
        ACTIZ: 'for',
        GGZ: 'for',
        JZN: 'for',
        CAK: 'against',
        VALENTE: 'against',
        VGN: 'against',
        ZTNL: 'against',
      },
      COUNTS,
      { for: 9, against: 9, abstain: 0, cast: 18, threshold: 10, outcome: 'no-valid-decision' },
    ],
    [
      'art. 6.9, footnote 13: 12 for, 6 abstaining is adopted',
      { VNG: 'for', CAK: 'for', ...all(PROVIDER_ASSOCIATIONS, 'abstain') },
      COUNTS,
      { for: 12, against: 0, abstain: 6, cast: 18, threshold: 10, outcome: 'adopted' },
    ],
    [
      'footnote 13: VNG abstains, 8 for, 4 against is no valid decision when abstentions count',
      {
        VNG: 'abstain',
        CAK: 'for',
        ACTIZ: 'for',
        GGZ: 'for',
        JZN: 'against',
        VALENTE: 'against',
        VGN: 'against',
        ZTNL: 'against',
      },
      COUNTS,
      { for: 8, against: 4, abstain: 6, cast: 18, threshold: 10, outcome: 'no-valid-decision' },
    ],
    [
      'footnote 13: VNG abstains, 8 for, 4 against is adopted when abstentions do not count',
      {
        VNG: 'abstain',
        CAK: 'for',
        ACTIZ: 'for',
        GGZ: 'for',
        JZN: 'against',
        VALENTE: 'against',
        VGN: 'against',
        ZTNL: 'against',
      },
      IGNORES,
      { for: 8, against: 4, abstain: 6, cast: 12, threshold: 7, outcome: 'adopted' },
    ],
    [
      'art. 6.9: rejected when 12 against reach the threshold of 10',
      { VNG: 'against', CAK: 'against', ...all(PROVIDER_ASSOCIATIONS, 'for') },
      COUNTS,
      { for: 6, against: 12, abstain: 0, cast: 18, threshold: 10, outcome: 'rejected' },
    ],
    [
      'art. 6.9: rejected with exactly the threshold against (10 against, 2 for, 6 abstaining)',
      {
        VNG: 'against',
        ACTIZ: 'against',
        GGZ: 'against',
        JZN: 'against',
        VALENTE: 'against',
        VGN: 'for',
        ZTNL: 'for',
        CAK: 'abstain',
      },
      COUNTS,
      { for: 2, against: 10, abstain: 6, cast: 18, threshold: 10, outcome: 'rejected' },
    ],
    [
      'footnote 13: everyone abstaining casts 18 votes and decides nothing',
      { VNG: 'abstain', CAK: 'abstain', ...all(PROVIDER_ASSOCIATIONS, 'abstain') },
      COUNTS,
      { for: 0, against: 0, abstain: 18, cast: 18, threshold: 10, outcome: 'no-valid-decision' },
    ],
    [
      'footnote 13: everyone abstaining casts nothing when abstentions do not count',
      { VNG: 'abstain', CAK: 'abstain', ...all(PROVIDER_ASSOCIATIONS, 'abstain') },
      IGNORES,
      { for: 0, against: 0, abstain: 18, cast: 0, threshold: 1, outcome: 'no-valid-decision' },
    ],
    [
      'art. 6.9: no ballots at all is no valid decision',
      {},
      COUNTS,
      { cast: 0, threshold: 1, outcome: 'no-valid-decision' },
    ],
  ])('%s', (_rule, choices, policy, expected) => {
    const result = tally(
      loadDefaultRegister(),
      { date: MEETING_DATE, standards: ALL_STANDARDS, ballots: ballots(choices) },
      policy,
    );
    expect(result).toMatchObject(expected);
  });

  it.each<[string, string, Standard[], boolean]>([
    ['footnote 12: CAK voting on an iJw-only proposal casts a chain vote', 'CAK', ['iJw'], true],
    ['footnote 12: CAK voting on an iWmo proposal does not', 'CAK', ['iWmo'], false],
    ['footnote 12: JZN voting on an iWmo proposal casts a chain vote', 'JZN', ['iWmo'], true],
    ['footnote 12: JZN voting on an iWmo and iEb proposal casts a chain vote', 'JZN', ['iWmo', 'iEb'], true],
    ['footnote 12: JZN voting on an iWmo and iJw proposal does not', 'JZN', ['iWmo', 'iJw'], false],
    ['footnote 12: VNG, end user of all three, never does', 'VNG', ['iEb'], false],
    ['footnote 12: a proposal on no particular standard is nobody’s chain vote', 'CAK', [], false],
  ])('%s', (_rule, party, standards, chainVote) => {
    const result = tally(loadDefaultRegister(), {
      date: MEETING_DATE,
      standards,
      ballots: ballots({ [party]: 'for' }),
    });
    expect(result.votes).toEqual([{ party, choice: 'for', weight: party === 'JZN' ? 1 : 6, chainVote }]);
    expect(result.explanation.chainVotes).toEqual(chainVote ? [party] : []);
  });

  it('DESIGN 2.2.7, art. 6.9: without a policy given, abstentions are not cast votes', () => {
    const input = {
      date: MEETING_DATE,
      standards: ALL_STANDARDS,
      ballots: ballots({ VNG: 'abstain', CAK: 'for', ACTIZ: 'for', GGZ: 'for', JZN: 'against' }),
    };
    expect(tally(loadDefaultRegister(), input)).toMatchObject({ cast: 9, threshold: 5, outcome: 'adopted' });
    expect(tally(loadDefaultRegister(), input)).toEqual(tally(loadDefaultRegister(), input, IGNORES));
  });

  it('DESIGN 2.2.5, 2.2.6: keeps who recorded a ballot in the room and which ballots were recorded as missing', () => {
    const input = {
      date: MEETING_DATE,
      standards: ALL_STANDARDS,
      ballots: [
        { party: 'VNG', choice: 'for' as const, recordedBy: 'ZIN' },
        { party: 'CAK', choice: 'abstain' as const, recordedAsMissing: true },
        { party: 'ACTIZ', choice: 'for' as const, recordedAsMissing: false },
      ],
    };
    expect(tally(loadDefaultRegister(), input).votes).toEqual([
      { party: 'ACTIZ', choice: 'for', weight: 1, chainVote: false },
      { party: 'VNG', choice: 'for', weight: 6, chainVote: false, recordedBy: 'ZIN' },
      { party: 'CAK', choice: 'abstain', weight: 6, chainVote: false, recordedAsMissing: true },
    ]);
  });

  describe('decisive abstentions (footnote 13, DESIGN 2.2.8)', () => {
    const decisive = (choices: Record<string, Choice>, policy: typeof COUNTS) =>
      tally(
        loadDefaultRegister(),
        { date: MEETING_DATE, standards: ALL_STANDARDS, ballots: ballots(choices) },
        policy,
      ).decisiveAbstentions;
    const vngAbstains: Record<string, Choice> = {
      VNG: 'abstain',
      CAK: 'for',
      ACTIZ: 'for',
      GGZ: 'for',
      JZN: 'against',
      VALENTE: 'against',
      VGN: 'against',
      ZTNL: 'against',
    };

    it('names VNG when its six votes against would turn 8–4 adopted into 8–10 rejected', () => {
      expect(decisive(vngAbstains, IGNORES)).toEqual(['VNG']);
    });

    it('names VNG under the other reading too, where its six votes for would adopt 14–4', () => {
      expect(decisive(vngAbstains, COUNTS)).toEqual(['VNG']);
    });

    it('names no one when the abstainers could not change a 12–0 adoption', () => {
      expect(decisive({ VNG: 'for', CAK: 'for', ...all(PROVIDER_ASSOCIATIONS, 'abstain') }, IGNORES)).toEqual(
        [],
      );
    });

    it('names every abstainer, in register order, when nothing else was cast', () => {
      const everyone = { CAK: 'abstain', VNG: 'abstain', ...all(PROVIDER_ASSOCIATIONS, 'abstain') } as const;
      expect(decisive(everyone, IGNORES)).toEqual([...PROVIDER_ASSOCIATIONS, 'VNG', 'CAK']);
    });

    it('names only the abstainers heavy enough: one association cannot break a 6–6 tie plus 6 abstaining, CAK can', () => {
      const choices = { VNG: 'for', ...all(PROVIDER_ASSOCIATIONS, 'against'), CAK: 'abstain' } as const;
      // 6 for, 6 against: no valid decision; CAK's six votes either way decide.
      expect(decisive(choices, IGNORES)).toEqual(['CAK']);
      const withAnAssociation = { ...choices, ZTNL: 'abstain' } as const;
      // 6 for, 5 against, adopted when abstentions are not cast (threshold 6): ZTNL against makes it 6–6.
      expect(decisive(withAnAssociation, IGNORES)).toEqual(['ZTNL', 'CAK']);
    });

    it('names no one when no one abstained', () => {
      expect(decisive({ VNG: 'for', CAK: 'against' }, IGNORES)).toEqual([]);
    });
  });

  it('art. 6.8: a chain vote counts with its full weight', () => {
    const input = {
      date: MEETING_DATE,
      standards: ['iJw'] as Standard[],
      ballots: ballots({ CAK: 'for', VNG: 'for' }),
    };
    expect(tally(loadDefaultRegister(), input)).toMatchObject({ for: 12, cast: 12, outcome: 'adopted' });
  });

  it('art. 6.8: refuses a ballot from ZIN, which has no voting rights', () => {
    const input = {
      date: MEETING_DATE,
      standards: ALL_STANDARDS,
      ballots: ballots({ VNG: 'for', ZIN: 'for' }),
    };
    expect(() => tally(loadDefaultRegister(), input)).toThrow(NotAVotingPartyError);
    expect(() => tally(loadDefaultRegister(), input)).toThrow(
      /ZIN may not vote on 2027-03-01: it has no voting rights/,
    );
  });

  it('art. 6.8: refuses a second ballot from one party', () => {
    const input = {
      date: MEETING_DATE,
      standards: ALL_STANDARDS,
      ballots: [...ballots({ VNG: 'for', CAK: 'against' }), { party: 'VNG', choice: 'against' as const }],
    };
    expect(() => tally(loadDefaultRegister(), input)).toThrow(DuplicateBallotError);
  });

  it('refuses a ballot from a party the register does not know', () => {
    const input = { date: MEETING_DATE, standards: ALL_STANDARDS, ballots: ballots({ NZA: 'for' }) };
    expect(() => tally(loadDefaultRegister(), input)).toThrow(UnknownPartyError);
  });

  it('art. 10: after ActiZ withdraws its vote leaves the total: 17 votes, threshold 9', () => {
    const register = withWithdrawal('ACTIZ', '2027-01-15');
    const choices = {
      VNG: 'for',
      CAK: 'against',
      GGZ: 'for',
      JZN: 'for',
      VALENTE: 'against',
      VGN: 'for',
      ZTNL: 'against',
    } as const;
    const result = tally(register, {
      date: '2027-05-03',
      standards: ALL_STANDARDS,
      ballots: ballots(choices),
    });
    expect(result).toMatchObject({ for: 9, against: 8, cast: 17, threshold: 9, outcome: 'adopted' });
    expect(result.explanation.notVoted).toEqual([]);
  });

  it('art. 10: refuses a ballot from a party whose membership has ended', () => {
    const register = withWithdrawal('ACTIZ', '2027-01-15');
    const input = { date: '2027-05-03', standards: ALL_STANDARDS, ballots: ballots({ ACTIZ: 'for' }) };
    expect(() => tally(register, input)).toThrow(NotAVotingPartyError);
    expect(() => tally(register, input)).toThrow(/not a member on that date/);
  });

  it('keeps a justification and lists the votes in register order', () => {
    const input = {
      date: MEETING_DATE,
      standards: ALL_STANDARDS,
      ballots: [
        { party: 'CAK', choice: 'abstain' as const, justification: 'Our message is not affected.' },
        { party: 'ACTIZ', choice: 'for' as const },
      ],
    };
    expect(tally(loadDefaultRegister(), input).votes).toEqual([
      { party: 'ACTIZ', choice: 'for', weight: 1, chainVote: false },
      {
        party: 'CAK',
        choice: 'abstain',
        weight: 6,
        chainVote: false,
        justification: 'Our message is not affected.',
      },
    ]);
  });

  describe('explanation', () => {
    // DESIGN 2.2.7: the register's policy (abstentions are not cast) unless a test names the other reading.
    const explain = (choices: Record<string, Choice>, policy: typeof COUNTS = loadDefaultRegister().policy) =>
      tally(
        loadDefaultRegister(),
        { date: MEETING_DATE, standards: ALL_STANDARDS, ballots: ballots(choices) },
        policy,
      ).explanation;
    const vngAbstains: Record<string, Choice> = {
      VNG: 'abstain',
      CAK: 'for',
      ACTIZ: 'for',
      GGZ: 'for',
      JZN: 'against',
      VALENTE: 'against',
      VGN: 'against',
      ZTNL: 'against',
    };

    it('art. 6.9: states an adoption with the numbers that decided it', () => {
      expect(explain({ VNG: 'for', CAK: 'for', ...all(PROVIDER_ASSOCIATIONS, 'abstain') }).summary).toBe(
        'Adopted: 12 of 12 cast votes are for; a valid decision needs at least 7 (half of 12, plus one). ' +
          '6 votes abstained, which do not count as cast.',
      );
    });

    it('art. 6.9, other reading: states an adoption where abstentions count as cast', () => {
      expect(
        explain({ VNG: 'for', CAK: 'for', ...all(PROVIDER_ASSOCIATIONS, 'abstain') }, COUNTS).summary,
      ).toBe(
        'Adopted: 12 of 18 cast votes are for; a valid decision needs at least 10 (half of 18, plus one). ' +
          '6 votes abstained, which count as cast.',
      );
    });

    it('art. 6.9: states a tie as no valid decision', () => {
      const tie = {
        VNG: 'for',
        ACTIZ: 'for',
        GGZ: 'for',
        JZN: 'for',
        CAK: 'against',
        VALENTE: 'against',
        VGN: 'against',
        ZTNL: 'against',
      } as const;
      expect(explain(tie).summary).toBe(
        'No valid decision: 9 for and 9 against of 18 cast votes; neither reaches the 10 (half of 18, plus one) a valid decision needs.',
      );
    });

    it('art. 6.9: states a rejection, rounding half of an odd cast down', () => {
      expect(explain({ VNG: 'against', CAK: 'for', ACTIZ: 'against', GGZ: 'abstain' }, IGNORES).summary).toBe(
        'Rejected: 7 of 13 cast votes are against; a valid decision needs at least 7 (half of 13 rounded down, plus one). ' +
          '1 vote abstained, which does not count as cast.',
      );
    });

    // DESIGN 2.2.7: the default reading is that abstentions are not cast (art. 6.9 "uitgebrachte
    // stemmen"); the reading that counts them (footnote 13) is shown beside it. Before this change the
    // default was the other way round.
    it('DESIGN 2.2.7, art. 6.9: by default abstentions are not cast, and the other reading is shown beside it', () => {
      const explanation = explain(vngAbstains);
      expect(explanation.policy.abstentionsCountAsCast).toBe(false);
      expect(explanation.policy.note).toMatch(/uitgebrachte stemmen/);
      expect(explanation.policy.note).toMatch(/Footnote 13/);
      expect(explanation.alternativeReading).toEqual({
        abstentionsCountAsCast: true,
        cast: 18,
        threshold: 10,
        outcome: 'no-valid-decision',
        summary:
          'No valid decision: 8 for and 4 against of 18 cast votes; neither reaches the 10 (half of 18, plus one) ' +
          'a valid decision needs. 6 votes abstained, which count as cast.',
      });
    });

    it('footnote 13: under the policy that counts abstentions, the default reading is the alternative', () => {
      const explanation = explain(vngAbstains, COUNTS);
      expect(explanation.policy.abstentionsCountAsCast).toBe(true);
      expect(explanation.policy.note).toMatch(/alternative reading of art\. 6\.9/);
      expect(explanation.alternativeReading).toEqual({
        abstentionsCountAsCast: false,
        cast: 12,
        threshold: 7,
        outcome: 'adopted',
        summary:
          'Adopted: 8 of 12 cast votes are for; a valid decision needs at least 7 (half of 12, plus one). ' +
          '6 votes abstained, which do not count as cast.',
      });
    });

    it('art. 6.9: states the rule in words and lists the voting parties that cast no ballot', () => {
      const explanation = explain({ VNG: 'for', CAK: 'for' });
      expect(explanation.rule).toMatch(/half of the cast votes, rounded down, plus one/);
      expect(explanation.notVoted).toEqual([...PROVIDER_ASSOCIATIONS]);
    });

    it('says plainly when no votes were cast', () => {
      expect(explain({}).summary).toBe('No valid decision: no votes were cast.');
    });
  });
});
