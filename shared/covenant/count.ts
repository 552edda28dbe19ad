/** A voting party's choice (art. 6.9, footnote 13): for, against, or abstain. */
export type Choice = 'for' | 'against' | 'abstain';

/** The result of a vote (art. 6.9). */
export type Outcome = 'adopted' | 'rejected' | 'no-valid-decision';

/** The weighted totals of a vote and what they decide. */
export interface VoteCount {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** Weight of the votes that count as cast (for + against, + abstain if abstentions count). */
  readonly cast: number;
  /** Votes needed for a valid decision: floor(cast / 2) + 1. */
  readonly threshold: number;
  readonly outcome: Outcome;
}

/** The votes needed for a valid decision out of `cast` votes. */
export function thresholdFor(cast: number): number {
  // art. 6.9: at least "half plus one" of the votes cast, for or against.
  return Math.floor(cast / 2) + 1;
}

/**
 * Counts weighted choices and decides the outcome. Pure; the order of `votes` does not matter.
 * @param abstentionsCountAsCast footnote 13: whether an abstention counts as a cast vote.
 */
export function countVotes(
  votes: readonly { readonly choice: Choice; readonly weight: number }[],
  abstentionsCountAsCast: boolean,
): VoteCount {
  const sum = (choice: Choice) => votes.filter((v) => v.choice === choice).reduce((n, v) => n + v.weight, 0);
  const totals = { for: sum('for'), against: sum('against'), abstain: sum('abstain') };
  // art. 6.9 counts the votes cast; whether an abstention is one is the policy switch (DESIGN 2.2.7).
  const cast = totals.for + totals.against + (abstentionsCountAsCast ? totals.abstain : 0);
  const threshold = thresholdFor(cast);
  // art. 6.9: adopted with half plus one for, rejected with half plus one against, else no valid decision.
  const outcome: Outcome =
    totals.for >= threshold ? 'adopted' : totals.against >= threshold ? 'rejected' : 'no-valid-decision';
  return { ...totals, cast, threshold, outcome };
}
