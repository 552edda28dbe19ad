/**
 * The effects a transition carries besides the proposal item, its audit event and its signal: the
 * read models (deadline list, decision register, agenda) and the voting round, as values
 * (shared/ports/effects.ts). Pure: derived from the states before and after, so they can never
 * disagree with the snapshot.
 */

import { entriesFromDecision } from '#shared/covenant/release-calendar.ts';
import {
  enterReleaseCalendar,
  listDeadline,
  openRound,
  putAgendaEntry,
  registerDecision,
  requireOpenMeeting,
  type TransitionEffect,
  uncountOpenProposal,
  unlistDeadline,
} from '#shared/ports/effects.ts';
import type { DecisionRecord, ProposalRecord } from '#shared/ports/store.ts';
import {
  deadlinePhase,
  type ProposalContext,
  type ProposalEvent,
  phaseOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { finalPhases } from '#statemachines/proposal-lifecycle/phase.ts';

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
  /** The covenant version the transition ran under (DESIGN 2.5), when the caller read one. */
  readonly covenantVersion?: number;
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
    text: after.decision.text ?? 'original',
    decidedAt: after.decision.decidedAt,
    inForce: facts.final,
    ...(after.decision.meetingId ? { meetingId: after.decision.meetingId } : {}),
    ...(after.objectionResult ? { objection: after.objectionResult } : {}),
    ...(facts.covenantVersion ? { covenantVersion: facts.covenantVersion } : {}),
  };
}

function agendaEffects(facts: TransitionFacts): TransitionEffect[] {
  const { after, proposal, event } = facts;
  if (event.type !== 'SCHEDULE' || !after.meetingId) return [];
  // An entry on an earlier meeting stays: its minutes must still show what happened there (art. 7.2).
  const effects: TransitionEffect[] = [requireOpenMeeting(after.meetingId)];
  effects.push(
    putAgendaEntry({
      meetingId: after.meetingId,
      proposalId: proposal.id,
      title: proposal.title,
      addedAt: facts.at,
    }),
  );
  return effects;
}

const openDeadline = (context: ProposalContext, phase: string) =>
  context.deadline && deadlinePhase[context.deadline.kind] === phase ? context.deadline : undefined;

function deadlineEffects(facts: TransitionFacts): TransitionEffect[] {
  const { after, before, proposal, toState } = facts;
  const open = openDeadline(after, proposal.phase);
  if (open) {
    const changed = JSON.stringify(open) !== JSON.stringify(openDeadline(before, phaseOf(facts.fromState)));
    return changed || facts.toStateHasDeadline || toState !== facts.fromState
      ? [
          listDeadline({
            proposalId: proposal.id,
            kind: open.kind,
            ...(open.party ? { party: open.party } : {}),
            due: open.due,
            state: toState,
            title: proposal.title,
            ...(facts.covenantVersion ? { covenantVersion: facts.covenantVersion } : {}),
          }),
        ]
      : [];
  }
  return openDeadline(before, phaseOf(facts.fromState)) ? [unlistDeadline(proposal.id)] : [];
}

function roundEffects(facts: TransitionFacts): TransitionEffect[] {
  const { event, after, proposal } = facts;
  if (event.type !== 'OPEN_VOTE') return [];
  return [
    // A vote belongs to an open meeting (its decision needs the meeting's objection window).
    requireOpenMeeting(event.meetingId),
    openRound({
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

/**
 * art. 7.2: an objection to a decision is possible only until the chair closes its meeting; the
 * group drops an item by consensus only in an open meeting (DESIGN 2.2.9).
 */
function objectionEffects(facts: TransitionFacts): TransitionEffect[] {
  const { event, before } = facts;
  const decisionMeeting = before.decision?.meetingId;
  if (event.type === 'OBJECT' && decisionMeeting) return [requireOpenMeeting(decisionMeeting)];
  if (event.type === 'CONSENSUS' && event.outcome === 'dropped' && before.meetingId) {
    return [requireOpenMeeting(before.meetingId)];
  }
  return [];
}

/**
 * DESIGN 2.4: a decision that adopts an implementation date enters the release calendar when it
 * comes into force; from then on the blackout of art. 7.4 reads it.
 */
function releaseCalendarEffects(
  facts: TransitionFacts,
  decision: DecisionRecord | undefined,
): TransitionEffect[] {
  const { after, proposal } = facts;
  if (!facts.final || decision?.outcome !== 'adopted' || facts.fromState === facts.toState) return [];
  if (!after.implementationDate || !after.standardVersion) return [];
  return entriesFromDecision(
    {
      proposalId: proposal.id,
      standards: after.standards,
      version: after.standardVersion,
      implementationDate: after.implementationDate,
    },
    facts.at,
  ).map(enterReleaseCalendar);
}

/** Every effect of a transition besides its proposal, event and signal. */
export function transitionEffects(
  facts: TransitionFacts,
  previousDecision: DecisionRecord | undefined,
): TransitionEffect[] {
  const decision = decisionRecordOf(facts);
  const decisionChanged = decision && JSON.stringify(decision) !== JSON.stringify(previousDecision);
  return [
    ...agendaEffects(facts),
    ...deadlineEffects(facts),
    ...roundEffects(facts),
    ...objectionEffects(facts),
    ...(decision && decisionChanged ? [registerDecision(decision)] : []),
    ...releaseCalendarEffects(facts, decision),
    ...openCountEffects(facts),
  ];
}

/** A counted proposal that reaches a final phase is no longer one of its party's open proposals. */
function openCountEffects(facts: TransitionFacts): TransitionEffect[] {
  const { proposal } = facts;
  const ends = !finalPhases.has(phaseOf(facts.fromState)) && finalPhases.has(phaseOf(facts.toState));
  return proposal.countsAsOpen && ends ? [uncountOpenProposal(proposal.submittedBy)] : [];
}
