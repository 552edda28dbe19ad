/**
 * A tally in words, as the core records it with the tally (in English: the record's language).
 * Pure. The API shows the words in the reader's language: shared/messages writes them again from the
 * tally's figures (Dutch by default), and its English catalogue is these functions.
 */
import type { Outcome, VoteCount } from './count.ts';

/** The other reading of footnote 13, computed on the same ballots. */
export interface AlternativeReading {
  readonly abstentionsCountAsCast: boolean;
  readonly cast: number;
  readonly threshold: number;
  readonly outcome: Outcome;
  readonly summary: string;
}

/** A tally in words, for someone who does not have the covenant at hand. */
export interface TallyExplanation {
  /** The outcome and the numbers that decided it, in one or two sentences. */
  readonly summary: string;
  /** The rule of art. 6.9 in words. */
  readonly rule: string;
  /** The abstention policy applied, and why (footnote 13). */
  readonly policy: { readonly abstentionsCountAsCast: boolean; readonly note: string };
  /** The outcome had abstentions been treated the other way. */
  readonly alternativeReading: AlternativeReading;
  /** Voting parties (members on the date) that cast no ballot, in register order. */
  readonly notVoted: string[];
  /** Parties whose vote is a chain vote (footnote 12), in register order. */
  readonly chainVotes: string[];
}

/** The rule of art. 6.9 (with 6.8 for the bloc vote), in words. */
export const VOTING_RULE =
  'A vote is held only when all voting parties are present (art. 6.9). Each voting party casts all its ' +
  'votes as one bloc (art. 6.8). A valid decision needs at least half of the cast votes, rounded down, plus ' +
  'one: with that many votes for, the proposal is adopted; with that many against, it is rejected; ' +
  'otherwise there is no valid decision (art. 6.9).';

const ABSTENTIONS_COUNT_NOTE =
  'Abstentions count as cast votes here, so they raise the number of votes a decision needs. This is the ' +
  'alternative reading of art. 6.9, chosen by policy: footnote 13 warns that abstaining is not without ' +
  'consequence, and an abstention can only frustrate a decision if it counts as cast. The chair may ask an ' +
  'abstaining party to account for its abstention.';

const ABSTENTIONS_IGNORED_NOTE =
  'Abstentions do not count as cast votes: art. 6.9 counts the votes cast ("uitgebrachte stemmen"), a party ' +
  'that abstains "onthoudt zich van een stemming", and Dutch law usually treats a blank vote as not cast. ' +
  'Only the votes for and against set the number a decision needs; the other reading is shown beside it. ' +
  'Footnote 13: abstaining is not without consequence; the chair may ask an abstaining party to account for it.';

/** Why the abstention policy is what it is (footnote 13). */
export function policyNote(abstentionsCountAsCast: boolean): string {
  return abstentionsCountAsCast ? ABSTENTIONS_COUNT_NOTE : ABSTENTIONS_IGNORED_NOTE;
}

const votesText = (n: number) => (n === 1 ? '1 vote' : `${n} votes`);

function abstentionText(count: VoteCount, abstentionsCountAsCast: boolean): string {
  if (count.abstain === 0) return '';
  const verb = count.abstain === 1 ? 'counts' : 'count';
  const not = count.abstain === 1 ? 'does not count' : 'do not count';
  return ` ${votesText(count.abstain)} abstained, which ${abstentionsCountAsCast ? verb : not} as cast.`;
}

/** One or two sentences stating the outcome and the numbers that decided it. */
export function summarize(count: VoteCount, abstentionsCountAsCast: boolean): string {
  const rounded = count.cast % 2 === 0 ? '' : ' rounded down';
  const needs = `${count.threshold} (half of ${count.cast}${rounded}, plus one)`;
  const abstained = abstentionText(count, abstentionsCountAsCast);
  if (count.outcome === 'adopted') {
    return `Adopted: ${count.for} of ${count.cast} cast votes are for; a valid decision needs at least ${needs}.${abstained}`;
  }
  if (count.outcome === 'rejected') {
    return `Rejected: ${count.against} of ${count.cast} cast votes are against; a valid decision needs at least ${needs}.${abstained}`;
  }
  if (count.cast === 0) return `No valid decision: no votes were cast.${abstained}`;
  return (
    `No valid decision: ${count.for} for and ${count.against} against of ${count.cast} cast votes; ` +
    `neither reaches the ${needs} a valid decision needs.${abstained}`
  );
}
