/**
 * What each transition writes into the proposal's context: pure functions of the context and the
 * event, wrapped in XState's `assign`. Deadlines are computed here by `shared/covenant` from the
 * event's time, never from the clock.
 */

import { assign } from 'xstate';
import { ministryDeadline, reconsiderationDeadline, type Tally } from '#shared/covenant/index.ts';
import { ballotsOfClosing, type CheckDeps, closingTally } from './checks.ts';
import type { Decision, DecisionRoute, Objection, ProposalContext } from './context.ts';
import type { ProposalEvent } from './events.ts';
import {
  argumentsPhaseDeadline,
  lapseDue,
  objectionsLeft,
  onDecision,
  runningDeadline,
  takeEffect,
  updateObjectionOf,
} from './objections.ts';

type Recorder = (context: ProposalContext, event: ProposalEvent) => Partial<ProposalContext>;

const record = (fn: Recorder) =>
  assign<ProposalContext, ProposalEvent, undefined, ProposalEvent, never>(({ context, event }) =>
    fn(context, event),
  );

const meetingOf = (context: ProposalContext) => (context.meetingId ? { meetingId: context.meetingId } : {});

/** The context writers of the machine, by action name. */
export function recorders(deps: CheckDeps) {
  const { policy } = deps;
  const tallyOf = (context: ProposalContext, event: ProposalEvent): Tally | undefined =>
    event.type === 'CLOSE_VOTE' ? closingTally(deps, context, ballotsOfClosing(context, event)) : undefined;

  /** A first decision (consensus or vote): written objections against it take effect, the others are moot. */
  const decide = (context: ProposalContext, decision: Decision, at: string): Partial<ProposalContext> => {
    const objections = onDecision(context.objections, decision.outcome as never, at, policy);
    return {
      decision,
      objections,
      decisionMeetingClosed: false,
      ...(objectionsLeft(objections) === 'none-standing' ? {} : argumentsPhaseDeadline(objections)),
    };
  };

  /** After an objection ended (argued, withdrawn, lapsed): the phase's next deadline. */
  const afterObjectionChange = (objections: readonly Objection[], at: string): Partial<ProposalContext> => {
    switch (objectionsLeft(objections)) {
      case 'awaiting-arguments':
        return { objections, ...argumentsPhaseDeadline(objections) };
      case 'all-argued':
        // art. 7.4: the group reconsiders within one week of the last standing objection's arguments.
        return {
          objections,
          deadline: runningDeadline('reconsideration', reconsiderationDeadline(at, policy)),
        };
      case 'none-standing': {
        const last = objections.filter((o) => o.status === 'lapsed' || o.status === 'withdrawn').at(-1);
        return {
          objections,
          deadline: undefined,
          ...(last ? { objectionResult: last.status as 'lapsed' | 'withdrawn' } : {}),
        };
      }
    }
  };

  const decisionByVote = (
    c: ProposalContext,
    e: ProposalEvent,
    via: DecisionRoute,
  ): Partial<ProposalContext> => {
    const tally = tallyOf(c, e);
    if (!tally || tally.outcome === 'no-valid-decision' || e.type !== 'CLOSE_VOTE') return {};
    const decision: Decision = {
      outcome: tally.outcome,
      via,
      decidedAt: e.at,
      text: e.text ?? 'original',
      tally,
      ...meetingOf(c),
    };
    return via === 'vote'
      ? { lastTally: tally, ...decide(c, decision, e.at) }
      : { lastTally: tally, decision, deadline: undefined };
  };

  return {
    recordDraft: record((_c, e) => (e.type === 'DRAFT' ? { text: e.text } : {})),
    recordMeeting: record((_c, e) =>
      e.type === 'SCHEDULE' ? { meetingId: e.meetingId, meetingDate: e.meetingDate } : {},
    ),
    recordPauseRequest: record((_c, e) =>
      e.type === 'REQUEST_PAUSE'
        ? { pauseRequest: { by: e.by.party, reason: e.reason, at: e.at, status: 'requested' } }
        : {},
    ),
    recordPauseDecision: record((c, e) => {
      if (e.type !== 'DECIDE_PAUSE' || !c.pauseRequest) return {};
      const pauseRequest = {
        ...c.pauseRequest,
        status: e.granted ? ('granted' as const) : ('refused' as const),
        decidedAt: e.at,
        ...(e.reason ? { decisionReason: e.reason } : {}),
      };
      const granted = { by: c.pauseRequest.by, reason: c.pauseRequest.reason, at: e.at };
      return { pauseRequest, ...(e.granted ? { pauses: [...c.pauses, granted] } : {}) };
    }),
    recordConsensus: record((c, e) =>
      e.type === 'CONSENSUS' && e.outcome !== 'dropped'
        ? decide(
            c,
            { outcome: e.outcome, via: 'consensus', decidedAt: e.at, text: 'original', ...meetingOf(c) },
            e.at,
          )
        : {},
    ),
    recordDrop: record((c, e) =>
      e.type === 'CONSENSUS'
        ? {
            decision: {
              outcome: 'dropped',
              via: 'consensus',
              decidedAt: e.at,
              text: 'original',
              ...meetingOf(c),
            },
            objections: onDecision(c.objections, 'dropped', e.at, policy),
          }
        : {},
    ),
    recordVoteOpened: record((c, e) =>
      e.type === 'OPEN_VOTE'
        ? {
            round: c.round + 1,
            meetingId: e.meetingId,
            meetingDate: e.meetingDate,
            voters: e.present.filter((party) =>
              deps.register.parties.some((p) => p.id === party && p.votes > 0),
            ),
          }
        : {},
    ),
    recordTally: record((c, e) => {
      const tally = tallyOf(c, e);
      if (!tally) return {};
      // A written objection waits for a decision; without one there is nothing to object to (art. 7.1).
      return { lastTally: tally, objections: onDecision(c.objections, 'no-valid-decision', e.at, policy) };
    }),
    recordVoteDecision: record((c, e) => decisionByVote(c, e, 'vote')),
    recordReconsideredVote: record((c, e) => decisionByVote(c, e, 'reconsideration')),
    recordReconsideredConsensus: record((c, e) =>
      e.type === 'CONSENSUS' && e.outcome !== 'dropped'
        ? {
            decision: {
              outcome: e.outcome,
              via: 'reconsideration',
              decidedAt: e.at,
              text: e.text ?? 'original',
              ...meetingOf(c),
            },
            deadline: undefined,
          }
        : {},
    ),
    recordWrittenObjection: record((c, e) =>
      e.type === 'OBJECT'
        ? {
            objections: [
              ...c.objections,
              {
                by: e.by.party,
                reason: e.reason,
                against: e.against ?? 'adopted',
                lodgedAt: e.at,
                status: 'pending',
              },
            ],
          }
        : {},
    ),
    recordObjection: record((c, e) => {
      if (e.type !== 'OBJECT') return {};
      const lodged: Objection = {
        by: e.by.party,
        reason: e.reason,
        against: c.decision?.outcome === 'rejected' ? 'rejected' : 'adopted',
        lodgedAt: e.at,
        status: 'pending',
      };
      const objections = [...c.objections, takeEffect(lodged, e.at, policy)];
      return { objections, ...argumentsPhaseDeadline(objections) };
    }),
    recordArguments: record((c, e) =>
      e.type === 'SUBMIT_ARGUMENTS'
        ? afterObjectionChange(
            updateObjectionOf(c.objections, e.by.party, (o) => ({
              ...o,
              status: 'argued',
              arguments: e.arguments,
              alternativeProposal: e.alternativeProposal,
              argumentsReceivedAt: e.at,
            })),
            e.at,
          )
        : {},
    ),
    recordObjectionWithdrawn: record((c, e) => {
      const objections = updateObjectionOf(c.objections, e.by.party, (o) => ({
        ...o,
        status: 'withdrawn',
        endedAt: e.at,
      }));
      // A withdrawal does not restart a running reconsideration week (art. 7.4).
      const change = afterObjectionChange(objections, e.at);
      return c.deadline?.kind === 'reconsideration' && objectionsLeft(objections) === 'all-argued'
        ? { ...change, deadline: c.deadline }
        : change;
    }),
    recordObjectionsLapsed: record((c, e) => afterObjectionChange(lapseDue(c.objections, e.at), e.at)),
    recordMeetingClosed: record(() => ({ decisionMeetingClosed: true })),
    recordEscalation: record((_c, e) =>
      e.type === 'ESCALATE' ? { escalation: { reason: e.reason, at: e.at, after: 'no-valid-decision' } } : {},
    ),
    recordNoDecision: record((_c, e) => ({
      escalation: { reason: 'no decision on reconsideration', at: e.at, after: 'reconsideration' },
      deadline: undefined,
    })),
    recordNote: record((c, e) =>
      e.type === 'SUBMIT_NOTE'
        ? {
            note: {
              motive: e.motive,
              requestedDecision: e.requestedDecision,
              submittedAt: e.at,
              approvals: [],
              returnedComments: c.note?.returnedComments ?? [],
            },
          }
        : {},
    ),
    recordNoteApproval: record((c, e) =>
      c.note
        ? { note: { ...c.note, approvals: [...(c.note.approvals ?? []), { party: e.by.party, at: e.at }] } }
        : {},
    ),
    recordEscalatedToMinistry: record((c, e) =>
      c.note
        ? {
            note: {
              ...c.note,
              approvedAt: e.at,
              ...(e.type === 'REVIEW_NOTE'
                ? { approvals: [...(c.note.approvals ?? []), { party: e.by.party, at: e.at }] }
                : {}),
            },
            deadline: runningDeadline('ministry', ministryDeadline(e.at, policy)),
          }
        : {},
    ),
    recordNoteReturned: record((c, e) =>
      e.type === 'REVIEW_NOTE' && c.note
        ? {
            note: {
              ...c.note,
              returnedComments: [
                ...c.note.returnedComments,
                { comments: e.comments ?? '', at: e.at, by: e.by.party },
              ],
            },
          }
        : {},
    ),
    recordMinistryDecision: record((_c, e) =>
      e.type === 'MINISTRY_OUTCOME' && e.outcome !== 'no-decision'
        ? {
            decision: { outcome: e.outcome, via: 'ministry', decidedAt: e.at, text: 'original' },
            deadline: undefined,
          }
        : {},
    ),
    recordMinistryWithoutDecision: record(() => ({ deadline: undefined })),
    recordDglzDecision: record((_c, e) =>
      e.type === 'FINAL_DECISION'
        ? {
            decision: {
              outcome: e.outcome,
              via: 'dglz',
              decidedAt: e.at,
              text: 'original',
              rationale: e.rationale,
            },
          }
        : {},
    ),
  };
}
