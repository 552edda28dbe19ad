/**
 * The proposal as DESIGN 5.1 describes it, read tolerantly: the app renders what the API sends
 * (`objections`, `pauseRequest`, a ballot's `recordedBy`, `tally.decisiveAbstentions`) and never
 * computes a covenant rule itself.
 */
import type { Schemas } from '../api';

type Proposal = Schemas['Proposal'];

export interface ObjectionView {
  readonly by: string;
  readonly reason: string;
  readonly status: string;
  readonly lodgedAt?: string;
  readonly against?: string;
  readonly takesEffectAt?: string;
  readonly argumentsDue?: string;
  readonly arguments?: string;
  readonly alternativeProposal?: string;
}

export interface DeadlineView {
  readonly kind: string;
  readonly party?: string;
  readonly due: string;
  readonly lastDay?: string;
  readonly overdue: boolean;
  readonly advice?: string;
}

export interface BallotView {
  readonly party: string;
  readonly choice: string;
  readonly weight: number;
  readonly chainVote: boolean;
  readonly justification?: string;
  readonly recordedBy?: string;
  readonly recordedAsMissing?: boolean;
}

export interface PauseRequestView {
  readonly by: string;
  readonly reason: string;
  readonly status?: string;
}

/** Fields of the target shape that today's generated types may lack. */
type Extended = Proposal & {
  objections?: ObjectionView[];
  pauseRequest?: PauseRequestView;
  decision?: Proposal['decision'] & { text?: string };
};

export function objectionsOf(proposal: Proposal): ObjectionView[] {
  return (proposal as Extended).objections ?? [];
}

/** The texts a decision may adopt (art. 7.4): the original, or an objector's alternative. */
export function decisionTextsOf(proposal: {
  readonly objections?: readonly { readonly by: string; readonly alternativeProposal?: string }[];
}): string[] {
  const alternatives = (proposal.objections ?? []).filter((o) => o.alternativeProposal).map((o) => o.by);
  return alternatives.length > 0 ? ['original', ...alternatives] : [];
}

export function deadlinesOf(proposal: Proposal): DeadlineView[] {
  return (proposal.deadlines ?? []) as DeadlineView[];
}

export function pauseRequestOf(proposal: Proposal): PauseRequestView | undefined {
  const extended = proposal as Extended;
  if (extended.pauseRequest) return extended.pauseRequest;
  const last = proposal.pauses?.at(-1);
  return last ? { by: last.by, reason: last.reason } : undefined;
}

export function decisionTextOf(proposal: Proposal): string | undefined {
  return (proposal as Extended).decision?.text;
}

export function ballotsOf(tally: Schemas['Tally']): BallotView[] {
  return tally.votes as BallotView[];
}

export function decisiveAbstentionsOf(tally: Schemas['Tally']): string[] {
  const value = (tally as Schemas['Tally'] & { decisiveAbstentions?: string[] }).decisiveAbstentions;
  return Array.isArray(value) ? value : [];
}

/** What the caller may do now, exactly as the API says. */
export function actionsOf(proposal: Proposal): string[] {
  return (proposal.actions ?? []) as string[];
}
