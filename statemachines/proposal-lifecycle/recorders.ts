/**
 * What each transition writes into the proposal's context: pure functions of the context and the
 * event, wrapped in XState's `assign`. Deadlines are computed here by `shared/covenant` from the
 * event's time, never from the clock.
 */

import { assign } from 'xstate';
import {
  argumentsDeadline,
  type Deadline,
  ministryDeadline,
  reconsiderationDeadline,
} from '#shared/covenant/index.ts';
import { type CheckDeps, closingTally } from './checks.ts';
import type { ProposalContext, RunningDeadline } from './context.ts';
import type { ProposalEvent } from './events.ts';

type Recorder = (context: ProposalContext, event: ProposalEvent) => Partial<ProposalContext>;

const record = (fn: Recorder) =>
  assign<ProposalContext, ProposalEvent, undefined, ProposalEvent, never>(({ context, event }) =>
    fn(context, event),
  );

const running = (kind: RunningDeadline['kind'], deadline: Deadline): RunningDeadline => ({
  kind,
  startedAt: deadline.startedAt,
  due: deadline.due,
  lastDay: deadline.lastDay,
  extended: deadline.extended,
  ...(deadline.advice ? { advice: deadline.advice } : {}),
});

/** The context writers of the machine, by action name. */
export function recorders(deps: CheckDeps) {
  const { policy } = deps;
  const tallyOf = (context: ProposalContext, event: ProposalEvent) =>
    event.type === 'CLOSE_VOTE' ? closingTally(deps, context, event.ballots) : undefined;
  return {
    recordDraft: record((_c, e) => (e.type === 'DRAFT' ? { text: e.text } : {})),
    recordMeeting: record((_c, e) =>
      e.type === 'SCHEDULE' ? { meetingId: e.meetingId, meetingDate: e.meetingDate } : {},
    ),
    recordPause: record((c, e) =>
      e.type === 'PAUSE' ? { pauses: [...c.pauses, { by: e.by.party, reason: e.reason, at: e.at }] } : {},
    ),
    recordConsensus: record((c, e) =>
      e.type === 'CONSENSUS'
        ? { decision: { outcome: e.outcome, via: 'consensus', decidedAt: e.at, ...meetingOf(c) } }
        : {},
    ),
    recordVoteOpened: record((c, e) =>
      e.type === 'OPEN_VOTE'
        ? { round: c.round + 1, meetingId: e.meetingId, meetingDate: e.meetingDate }
        : {},
    ),
    recordTally: record((c, e) => {
      const tally = tallyOf(c, e);
      return tally ? { lastTally: tally } : {};
    }),
    recordVoteDecision: record((c, e) => decisionByVote(c, e, tallyOf(c, e), 'vote')),
    recordReconsideredVote: record((c, e) => decisionByVote(c, e, tallyOf(c, e), 'reconsideration')),
    recordReconsideredConsensus: record((c, e) =>
      e.type === 'CONSENSUS'
        ? { decision: { outcome: e.outcome, via: 'reconsideration', decidedAt: e.at, ...meetingOf(c) } }
        : {},
    ),
    recordObjection: record((_c, e) =>
      e.type === 'OBJECT'
        ? {
            objection: { by: e.by.party, reason: e.reason, lodgedAt: e.at },
            deadline: running('arguments', argumentsDeadline(e.at, policy)),
          }
        : {},
    ),
    recordArguments: record((c, e) =>
      e.type === 'SUBMIT_ARGUMENTS' && c.objection
        ? {
            objection: {
              ...c.objection,
              arguments: e.arguments,
              alternativeProposal: e.alternativeProposal,
              argumentsReceivedAt: e.at,
            },
            deadline: running('reconsideration', reconsiderationDeadline(e.at, policy)),
          }
        : {},
    ),
    recordObjectionLapsed: record(() => ({ objectionResult: 'lapsed' })),
    recordObjectionWithdrawn: record(() => ({ objectionResult: 'withdrawn' })),
    recordNote: record((c, e) =>
      e.type === 'SUBMIT_NOTE'
        ? {
            note: {
              motive: e.motive,
              requestedDecision: e.requestedDecision,
              submittedAt: e.at,
              returnedComments: c.note?.returnedComments ?? [],
            },
          }
        : {},
    ),
    recordNoteApproved: record((c, e) =>
      c.note
        ? {
            note: { ...c.note, approvedAt: e.at },
            deadline: running('ministry', ministryDeadline(e.at, policy)),
          }
        : {},
    ),
    recordNoteReturned: record((c, e) =>
      e.type === 'REVIEW_NOTE' && c.note
        ? {
            note: {
              ...c.note,
              returnedComments: [...c.note.returnedComments, { comments: e.comments ?? '', at: e.at }],
            },
          }
        : {},
    ),
    recordMinistryDecision: record((_c, e) =>
      e.type === 'MINISTRY_OUTCOME' && e.outcome !== 'no-decision'
        ? { decision: { outcome: e.outcome, via: 'ministry', decidedAt: e.at } }
        : {},
    ),
    recordDglzDecision: record((_c, e) =>
      e.type === 'FINAL_DECISION'
        ? { decision: { outcome: e.outcome, via: 'dglz', decidedAt: e.at, rationale: e.rationale } }
        : {},
    ),
  };
}

const meetingOf = (context: ProposalContext) => (context.meetingId ? { meetingId: context.meetingId } : {});

function decisionByVote(
  context: ProposalContext,
  event: ProposalEvent,
  tally: ReturnType<typeof closingTally> | undefined,
  via: 'vote' | 'reconsideration',
): Partial<ProposalContext> {
  if (!tally || tally.outcome === 'no-valid-decision') return {};
  return {
    lastTally: tally,
    decision: { outcome: tally.outcome, via, decidedAt: event.at, tally, ...meetingOf(context) },
  };
}
