import { type Choice, countVotes, type Outcome, type VoteCount } from './count.ts';
import { DuplicateBallotError, NotAVotingPartyError } from './errors.ts';
import { policyNote, summarize, type TallyExplanation, VOTING_RULE } from './explanation.ts';
import { defaultPolicy } from './policy.ts';
import { getParty, isMemberOn, isVotingParty, votingPartiesOn } from './register.ts';
import type { Party, Register, Standard } from './registerSchema.ts';

export type { Choice, Outcome };

/** One party's ballot: all its votes go one way (art. 6.8). */
export interface Ballot {
  readonly party: string;
  readonly choice: Choice;
  /** Why the party voted so; the chair may ask for it on an abstention (footnote 13). */
  readonly justification?: string | undefined;
  /** The chair recorded this ballot as given in the room (a show of hands), not the party itself (DESIGN 2.2.5). */
  readonly recordedBy?: string | undefined;
  /** The party gave no ballot and the chair closed the vote recording it as abstaining (DESIGN 2.2.6). */
  readonly recordedAsMissing?: boolean | undefined;
}

/** The abstention switch of footnote 13; a full {@link Policy} fits. */
export interface TallyPolicy {
  readonly abstentionsCountAsCast: boolean;
}

/** What is voted on: the meeting's date, the standards the proposal concerns, and the ballots. */
export interface VoteInput {
  /** The meeting's date, `YYYY-MM-DD`; membership is judged on it. */
  readonly date: string;
  readonly standards: readonly Standard[];
  readonly ballots: readonly Ballot[];
}

/** A ballot as counted. */
export interface RecordedVote {
  readonly party: string;
  readonly choice: Choice;
  /** The party's votes (art. 6.8). */
  readonly weight: number;
  /** True when the proposal concerns none of the party's own standards (footnote 12). */
  readonly chainVote: boolean;
  readonly justification?: string;
  /** Who recorded the ballot when it was not the party itself (the chair, in the room). */
  readonly recordedBy?: string;
  /** Recorded as abstaining because the party gave no ballot before the vote closed. */
  readonly recordedAsMissing?: boolean;
}

/** The counted vote, its outcome and its explanation. */
export interface Tally extends VoteCount {
  /** The recorded votes, in register order. */
  readonly votes: RecordedVote[];
  /**
   * Abstaining parties whose votes, cast for or against, would have changed the outcome
   * (footnote 13: "onthouden is niet vrijblijvend"), in register order.
   */
  readonly decisiveAbstentions: string[];
  readonly explanation: TallyExplanation;
}

function checkBallotParty(register: Register, ballot: Ballot, date: string): Party {
  const party = getParty(register, ballot.party);
  // art. 6.8: only Ketenpartijen vote; ZIN, VWS and the Ketenbureau have no voting rights.
  if (!isVotingParty(party)) throw new NotAVotingPartyError(party.id, date, 'it has no voting rights');
  // art. 10: a party that withdrew no longer votes.
  if (!isMemberOn(party, date)) {
    throw new NotAVotingPartyError(party.id, date, 'it is not a member on that date');
  }
  return party;
}

function recordVote(party: Party, ballot: Ballot, standards: readonly Standard[]): RecordedVote {
  // footnote 12 ("ketendenken"): voting on another party's standard is allowed and marked.
  const chainVote = standards.length > 0 && !standards.some((s) => party.standards.includes(s));
  return {
    party: party.id,
    choice: ballot.choice,
    weight: party.votes,
    chainVote,
    ...(ballot.justification === undefined ? {} : { justification: ballot.justification }),
    ...(ballot.recordedBy === undefined ? {} : { recordedBy: ballot.recordedBy }),
    ...(ballot.recordedAsMissing ? { recordedAsMissing: true } : {}),
  };
}

/**
 * Footnote 13: the abstaining parties whose weight, cast either way, would have changed the
 * outcome under the policy applied. Pure.
 */
export function decisiveAbstentions(votes: readonly RecordedVote[], policy: TallyPolicy): string[] {
  const actual = countVotes(votes, policy.abstentionsCountAsCast).outcome;
  return votes
    .filter((vote) => vote.choice === 'abstain')
    .filter((vote) =>
      (['for', 'against'] as const).some((choice) => {
        const changed = votes.map((v) => (v.party === vote.party ? { ...v, choice } : v));
        return countVotes(changed, policy.abstentionsCountAsCast).outcome !== actual;
      }),
    )
    .map((vote) => vote.party);
}

/** Validates the ballots and records them with their weight, in register order. */
function recordVotes(register: Register, input: VoteInput): RecordedVote[] {
  const byParty = new Map<string, RecordedVote>();
  for (const ballot of input.ballots) {
    const party = checkBallotParty(register, ballot, input.date);
    // art. 6.8: a party casts its votes once, as one bloc.
    if (byParty.has(party.id)) throw new DuplicateBallotError(party.id);
    byParty.set(party.id, recordVote(party, ballot, input.standards));
  }
  return register.parties.flatMap((p) => byParty.get(p.id) ?? []);
}

function explain(register: Register, input: VoteInput, votes: RecordedVote[], policy: TallyPolicy) {
  const counting = policy.abstentionsCountAsCast;
  const count = countVotes(votes, counting);
  const other = countVotes(votes, !counting);
  const voted = new Set(votes.map((v) => v.party));
  const explanation: TallyExplanation = {
    summary: summarize(count, counting),
    rule: VOTING_RULE,
    policy: { abstentionsCountAsCast: counting, note: policyNote(counting) },
    alternativeReading: {
      abstentionsCountAsCast: !counting,
      cast: other.cast,
      threshold: other.threshold,
      outcome: other.outcome,
      summary: summarize(other, !counting),
    },
    notVoted: votingPartiesOn(register, input.date)
      .map((p) => p.id)
      .filter((id) => !voted.has(id)),
    chainVotes: votes.filter((v) => v.chainVote).map((v) => v.party),
  };
  return { count, explanation };
}

/**
 * Counts a vote as art. 6.7–6.9 prescribe: each voting party's ballot weighs its votes; the
 * threshold is floor(cast / 2) + 1; adopted, rejected or no valid decision. Pure; the order of
 * the ballots does not change the result. It does not check the attendance quorum: see
 * `checkAttendanceQuorum`.
 * @param policy whether abstentions count as cast (footnote 13); the explanation shows both readings.
 * @throws UnknownPartyError for a ballot from a party the register does not know.
 * @throws NotAVotingPartyError for a ballot from a coordinating party or a non-member on `input.date`.
 * @throws DuplicateBallotError for a second ballot from one party.
 */
export function tally(register: Register, input: VoteInput, policy: TallyPolicy = defaultPolicy): Tally {
  const votes = recordVotes(register, input);
  const { count, explanation } = explain(register, input, votes, policy);
  return { ...count, votes, decisiveAbstentions: decisiveAbstentions(votes, policy), explanation };
}
