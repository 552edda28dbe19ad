/**
 * The writes a transition carries besides the proposal item, its audit event and its signal: the
 * read models (deadline list, decision register, agenda) and the voting round. Pure: derived from
 * the states before and after, so they can never disagree with the snapshot.
 */
import type { DecisionRecord, ExtraWrite, ProposalRecord } from '#shared/ports/store.ts';
import {
  deleteAgendaEntryWrite,
  deleteDeadlineWrite,
  meetingOpenCheck,
  openRoundWrite,
  putAgendaEntryWrite,
  putDeadlineWrite,
  putDecisionWrite,
} from '#shared/store/transition-writes.ts';
import type { ProposalContext, ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';

export interface TransitionFacts {
  readonly proposal: ProposalRecord;
  readonly before: ProposalContext;
  readonly after: ProposalContext;
  readonly fromState: string;
  readonly toState: string;
  /** Whether the target state waits on a deadline (`after`). */
  readonly toStateHasDeadline: boolean;
  readonly fromStateHadDeadline: boolean;
  readonly final: boolean;
  readonly event: ProposalEvent;
  readonly at: string;
}

/** The decision register entry the proposal has after the transition, if any. */
export function decisionRecordOf(facts: TransitionFacts): DecisionRecord | undefined {
  const { after, proposal } = facts;
  if (!after.decision) return undefined;
  return {
    proposalId: proposal.id,
    title: proposal.title,
    standards: proposal.standards,
    outcome: after.decision.outcome,
    via: after.decision.via,
    decidedAt: after.decision.decidedAt,
    inForce: facts.final,
    ...(after.decision.meetingId ? { meetingId: after.decision.meetingId } : {}),
    ...(after.objectionResult ? { objection: after.objectionResult } : {}),
  };
}

function agendaWrites(facts: TransitionFacts): ExtraWrite[] {
  const { before, after, proposal, event } = facts;
  if (event.type !== 'SCHEDULE' || !after.meetingId) return [];
  const writes: ExtraWrite[] = [meetingOpenCheck(after.meetingId)];
  if (before.meetingId && before.meetingId !== after.meetingId)
    writes.push(deleteAgendaEntryWrite(before.meetingId, proposal.id));
  writes.push(
    putAgendaEntryWrite({
      meetingId: after.meetingId,
      proposalId: proposal.id,
      title: proposal.title,
      addedAt: facts.at,
    }),
  );
  return writes;
}

function deadlineWrites(facts: TransitionFacts): ExtraWrite[] {
  const { after, proposal, toState } = facts;
  if (facts.toStateHasDeadline && after.deadline) {
    return [
      putDeadlineWrite({
        proposalId: proposal.id,
        kind: after.deadline.kind,
        due: after.deadline.due,
        state: toState,
        title: proposal.title,
      }),
    ];
  }
  return facts.fromStateHadDeadline ? [deleteDeadlineWrite(proposal.id)] : [];
}

function roundWrites(facts: TransitionFacts): ExtraWrite[] {
  const { event, after, proposal } = facts;
  if (event.type !== 'OPEN_VOTE') return [];
  return [
    openRoundWrite({
      proposalId: proposal.id,
      round: after.round,
      meetingId: event.meetingId,
      status: 'open',
      ballots: {},
      revision: 0,
      openedAt: facts.at,
    }),
  ];
}

/** art. 7.2: an objection is possible only until the chair closes the decision's meeting. */
function objectionWrites(facts: TransitionFacts): ExtraWrite[] {
  const meetingId = facts.before.decision?.meetingId;
  return facts.event.type === 'OBJECT' && meetingId ? [meetingOpenCheck(meetingId)] : [];
}

/** Every extra write of a transition. */
export function transitionWrites(
  facts: TransitionFacts,
  previousDecision: DecisionRecord | undefined,
): ExtraWrite[] {
  const decision = decisionRecordOf(facts);
  const decisionChanged = decision && JSON.stringify(decision) !== JSON.stringify(previousDecision);
  return [
    ...agendaWrites(facts),
    ...deadlineWrites(facts),
    ...roundWrites(facts),
    ...objectionWrites(facts),
    ...(decision && decisionChanged ? [putDecisionWrite(decision)] : []),
  ];
}
