/**
 * The proposal lifecycle: the covenant's decision and objection procedure (art. 6 and 7) as one
 * XState v5 machine. It is the single source of truth: dispatch applies events to it, the compiler
 * turns its graph into the Step Functions workflow, and the diagram is drawn from it.
 *
 * Deadlines are `after` transitions with named delays; the delay is the time from the event that
 * started the deadline to its due moment, both kept in context, so the model never reads the clock.
 */

import { setup } from 'xstate';
import type { Policy, Register } from '#shared/covenant/index.ts';
import type { ProposalContext, ProposalInput } from './context.ts';
import { initialContext } from './context.ts';
import type { ProposalEvent } from './events.ts';
import { guardChecks } from './guards.ts';
import { type NotifyParams, notify } from './notifications.ts';
import { recorders } from './recorders.ts';

/** The deadlines of the procedure by delay name, as the diagram and the API describe them. */
export const deadlineDescriptions = {
  argumentsDeadline: '6 weeks — written arguments due, or the objection lapses (art. 7.3)',
  reconsiderationDeadline: '1 week — the group reconsiders, or the chair and members are reminded (art. 7.4)',
  ministryDeadline: '1 month — the ministry meets, or ZIN and VWS are reminded (art. 7.6)',
} as const;

const withdrawnAndMailed = ['recordObjectionWithdrawn', notify('objection-withdrawn')] as const;

/**
 * art. 7.3–7.5: an objector withdraws its objection at any step before the ministry. The last
 * standing objection withdrawn: the decision is in force once its meeting is closed (art. 7.2).
 * While objections still wait for arguments, a withdrawal that leaves only argued ones starts the
 * reconsideration (art. 7.4): `startsReconsideration`.
 */
const objectionWithdrawal = (startsReconsideration = false) =>
  ({
    WITHDRAW_OBJECTION: [
      {
        guard: 'lastObjectionWithdrawnAfterMeeting',
        target: '#proposal.objectionWithdrawn',
        actions: 'recordObjectionWithdrawn',
      },
      { guard: 'lastObjectionWithdrawnInMeeting', target: '#proposal.decided', actions: withdrawnAndMailed },
      ...(startsReconsideration
        ? [
            {
              guard: 'withdrawalLeavesAllArgued',
              target: 'reconsideration',
              actions: withdrawnAndMailed,
            } as const,
          ]
        : []),
      { guard: 'byStandingObjector', actions: withdrawnAndMailed },
    ],
  }) as const;

/** art. 7.4: the events of a reconsideration, the same before and after its week is overdue. */
const reconsiderationEvents = () =>
  ({
    SCHEDULE: { guard: 'bySecretary', actions: 'recordMeeting' },
    CONSENSUS: [
      {
        guard: 'consensusAdopted',
        target: '#proposal.adoptedOnReconsideration',
        actions: 'recordReconsideredConsensus',
      },
      {
        guard: 'consensusRejected',
        target: '#proposal.rejectedOnReconsideration',
        actions: 'recordReconsideredConsensus',
      },
    ],
    OPEN_VOTE: { guard: 'quorumPresent', target: 'reconsiderationVoting', actions: 'recordVoteOpened' },
    NO_DECISION: { guard: 'bySecretary', target: 'noteDrafting', actions: 'recordNoDecision' },
  }) as const;

/** art. 7.6: the outcome of the ministry's meeting, the same before and after its month is overdue. */
const ministryEvents = () =>
  ({
    MINISTRY_OUTCOME: [
      { guard: 'ministryAdopted', target: '#proposal.adoptedByMinistry', actions: 'recordMinistryDecision' },
      {
        guard: 'ministryRejected',
        target: '#proposal.rejectedByMinistry',
        actions: 'recordMinistryDecision',
      },
      { guard: 'ministryWithoutDecision', target: 'dglz', actions: 'recordMinistryWithoutDecision' },
    ],
  }) as const;

/** art. 7.1: objections in writing before the meeting, while the proposal waits for its decision. */
const writtenObjection = () =>
  ({
    OBJECT: {
      guard: 'writtenObjectionAllowed',
      actions: ['recordWrittenObjection', notify('objection-lodged')],
    },
  }) as const;

/** art. 6.7, 7.1: the group's consensus before any objection; written objections against it take effect. */
const firstConsensus = () =>
  [
    {
      guard: 'consensusOverWrittenObjection',
      target: '#proposal.objection.inGroup.awaitingArguments',
      actions: ['recordConsensus', notify('decision-taken')],
    },
    {
      guard: 'consensusReached',
      target: '#proposal.decided',
      actions: ['recordConsensus', notify('decision-taken')],
    },
    // DESIGN 2.2.9: dropping is a decision of the group, never of the chair alone.
    { guard: 'consensusToDrop', target: '#proposal.dropped', actions: 'recordDrop' },
  ] as const;

const msUntilDue = ({ context }: { context: ProposalContext }): number =>
  context.deadline
    ? Math.max(0, Date.parse(context.deadline.due) - Date.parse(context.deadline.startedAt))
    : 0;

/** Builds the machine for a register and policy (the guards read them; the graph does not depend on them). */
export function createProposalMachine(register: Register, policy: Policy) {
  const deps = { register, policy };
  const guards = Object.fromEntries(
    Object.entries(guardChecks).map(([name, check]) => [
      name,
      ({ context, event }: { context: ProposalContext; event: ProposalEvent }) =>
        check(deps, context, event) === null,
    ]),
  ) as {
    [K in keyof typeof guardChecks]: (args: { context: ProposalContext; event: ProposalEvent }) => boolean;
  };

  return setup({
    types: {} as { context: ProposalContext; events: ProposalEvent; input: ProposalInput },
    guards,
    actions: {
      ...recorders(deps),
      // Performed by the workflow's notify task (ASL), never inside dispatch.
      notify: (_args: unknown, _params: NotifyParams) => {},
    },
    delays: {
      argumentsDeadline: msUntilDue,
      reconsiderationDeadline: msUntilDue,
      ministryDeadline: msUntilDue,
    },
  }).createMachine({
    id: 'proposal',
    context: ({ input }) => initialContext(input),
    initial: 'submitted',
    states: {
      // art. 6.2: any party tables an agenda item (agendapunt); ZIN works it out into a proposal.
      submitted: {
        on: {
          DRAFT: { guard: 'bySecretary', target: 'ready', actions: 'recordDraft' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      ready: {
        on: {
          DRAFT: { guard: 'bySecretary', actions: 'recordDraft' },
          SCHEDULE: { guard: 'bySecretary', target: 'scheduled', actions: 'recordMeeting' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      // art. 6.7: consensus first; footnote 11: provider associations may ask for a pause; art. 6.9: vote with quorum.
      scheduled: {
        on: {
          SCHEDULE: { guard: 'bySecretary', actions: 'recordMeeting' },
          REQUEST_PAUSE: {
            guard: 'byProviderAssociation',
            target: 'pauseRequested',
            actions: 'recordPauseRequest',
          },
          CONSENSUS: firstConsensus(),
          OPEN_VOTE: { guard: 'quorumPresent', target: 'voting', actions: 'recordVoteOpened' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
          ...writtenObjection(),
        },
      },
      // footnote 11 "vragen voor een pauzering": nothing moves until the chair grants or refuses it.
      pauseRequested: {
        entry: notify('pause-requested'),
        on: {
          DECIDE_PAUSE: [
            {
              guard: 'pauseGranted',
              target: 'ready',
              actions: ['recordPauseDecision', notify('pause-decided')],
            },
            {
              guard: 'pauseRefused',
              target: 'scheduled',
              actions: ['recordPauseDecision', notify('pause-decided')],
            },
          ],
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      voting: {
        on: {
          CLOSE_VOTE: [
            {
              guard: 'voteDecidesOverWrittenObjection',
              target: '#proposal.objection.inGroup.awaitingArguments',
              actions: ['recordVoteDecision', notify('decision-taken')],
            },
            {
              guard: 'voteDecides',
              target: 'decided',
              actions: ['recordVoteDecision', notify('decision-taken')],
            },
            { guard: 'voteWithoutValidDecision', target: 'noValidDecision', actions: 'recordTally' },
          ],
          ...writtenObjection(),
        },
      },
      // art. 6.9: without "half plus one" for or against there is no valid decision; art. 7.5: "Als de
      // Stuurgroep niet tot een besluit kan komen wordt er geëscaleerd". Schedule again, or escalate.
      noValidDecision: {
        on: {
          SCHEDULE: { guard: 'bySecretary', target: 'scheduled', actions: 'recordMeeting' },
          ESCALATE: {
            guard: 'bySecretary',
            target: '#proposal.objection.inGroup.noteDrafting',
            actions: 'recordEscalation',
          },
          CONSENSUS: { guard: 'consensusToDrop', target: 'dropped', actions: 'recordDrop' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      // art. 7.1, 7.2: each Ketenpartij may object until the chair closes the meeting.
      decided: {
        on: {
          OBJECT: {
            guard: 'objectionAllowed',
            target: '#proposal.objection.inGroup.awaitingArguments',
            actions: ['recordObjection', notify('objection-lodged')],
          },
          MEETING_CLOSED: [
            { guard: 'meetingClosedAdoptedByConsensus', target: 'adoptedByConsensus' },
            { guard: 'meetingClosedRejectedByConsensus', target: 'rejectedByConsensus' },
            { guard: 'meetingClosedAdoptedByVote', target: 'adoptedByVote' },
            { guard: 'meetingClosedRejectedByVote', target: 'rejectedByVote' },
          ],
        },
      },
      // The escalation path of art. 7.3–7.6. Its state keys stay as they were when one objector was
      // all there was (stored proposals and running executions name them); a proposal without a
      // valid decision that is escalated (art. 7.5) enters it at the note.
      objection: {
        initial: 'inGroup',
        on: {
          // The decision's meeting closes while objections stand: the window for new ones ends (art. 7.2).
          MEETING_CLOSED: { guard: 'meetingOfDecisionClosed', actions: 'recordMeetingClosed' },
        },
        states: {
          inGroup: {
            initial: 'awaitingArguments',
            states: {
              // art. 7.3: each objector sends arguments and a solution or new proposal within its own
              // six weeks, or its objection lapses. The state's one timer is the earliest of them.
              awaitingArguments: {
                on: {
                  OBJECT: {
                    guard: 'objectionAllowed',
                    actions: ['recordObjection', notify('objection-lodged')],
                  },
                  SUBMIT_ARGUMENTS: [
                    { guard: 'argumentsComplete', target: 'reconsideration', actions: 'recordArguments' },
                    {
                      guard: 'argumentsOfOne',
                      actions: ['recordArguments', notify('arguments-received')],
                    },
                  ],
                  ...objectionWithdrawal(true),
                },
                after: {
                  argumentsDeadline: [
                    {
                      guard: 'lastObjectionLapsedAfterMeeting',
                      target: '#proposal.objectionLapsed',
                      actions: 'recordObjectionsLapsed',
                    },
                    {
                      guard: 'lastObjectionLapsedInMeeting',
                      target: '#proposal.decided',
                      actions: ['recordObjectionsLapsed', notify('objection-lapsed')],
                    },
                    {
                      guard: 'lapseLeavesAllArgued',
                      target: 'reconsideration',
                      actions: ['recordObjectionsLapsed', notify('objection-lapsed')],
                    },
                    {
                      actions: ['recordObjectionsLapsed', notify('objection-lapsed')],
                    },
                  ],
                },
              },
              // art. 7.4: within one week of the last standing objection's arguments the group
              // discusses them all and tries again to decide.
              reconsideration: {
                entry: notify('arguments-received'),
                on: { ...reconsiderationEvents(), ...objectionWithdrawal() },
                after: { reconsiderationDeadline: { target: 'reconsiderationOverdue' } },
              },
              reconsiderationOverdue: {
                entry: notify('reconsideration-overdue'),
                on: { ...reconsiderationEvents(), ...objectionWithdrawal() },
              },
              reconsiderationVoting: {
                on: {
                  CLOSE_VOTE: [
                    {
                      guard: 'voteAdopted',
                      target: '#proposal.adoptedOnReconsideration',
                      actions: 'recordReconsideredVote',
                    },
                    {
                      guard: 'voteRejected',
                      target: '#proposal.rejectedOnReconsideration',
                      actions: 'recordReconsideredVote',
                    },
                    {
                      guard: 'voteWithoutValidDecision',
                      target: 'noteDrafting',
                      actions: ['recordTally', 'recordNoDecision'],
                    },
                  ],
                },
              },
              // art. 7.5: ZIN drafts the accompanying note; every standing objector must approve it.
              noteDrafting: {
                on: {
                  SUBMIT_NOTE: [
                    {
                      guard: 'noteWithoutObjection',
                      target: '#proposal.objection.atMinistry',
                      actions: ['recordNote', 'recordEscalatedToMinistry'],
                    },
                    { guard: 'bySecretary', target: 'noteApproval', actions: 'recordNote' },
                  ],
                  ...objectionWithdrawal(),
                },
              },
              noteApproval: {
                entry: notify('escalation-note-for-approval'),
                on: {
                  REVIEW_NOTE: [
                    {
                      guard: 'noteApprovedByEveryObjector',
                      target: '#proposal.objection.atMinistry',
                      actions: 'recordEscalatedToMinistry',
                    },
                    { guard: 'noteApprovedByOneObjector', actions: 'recordNoteApproval' },
                    {
                      guard: 'noteReturnedByObjector',
                      target: 'noteReturned',
                      actions: 'recordNoteReturned',
                    },
                  ],
                  ...objectionWithdrawal(),
                },
              },
              noteReturned: {
                entry: notify('escalation-note-returned'),
                on: {
                  SUBMIT_NOTE: { guard: 'bySecretary', target: 'noteApproval', actions: 'recordNote' },
                  ...objectionWithdrawal(),
                },
              },
            },
          },
          // art. 7.5, 7.6: the ministry meets within one month; without a decision the DGLZ decides.
          atMinistry: {
            initial: 'ministryMeeting',
            states: {
              ministryMeeting: {
                entry: notify('escalated-to-ministry'),
                on: ministryEvents(),
                after: { ministryDeadline: { target: 'ministryOverdue' } },
              },
              ministryOverdue: {
                entry: notify('ministry-overdue'),
                on: ministryEvents(),
              },
              dglz: {
                entry: notify('escalated-to-dglz'),
                on: {
                  FINAL_DECISION: [
                    {
                      guard: 'dglzAdopted',
                      target: '#proposal.adoptedByDglz',
                      actions: 'recordDglzDecision',
                    },
                    {
                      guard: 'dglzRejected',
                      target: '#proposal.rejectedByDglz',
                      actions: 'recordDglzDecision',
                    },
                  ],
                },
              },
            },
          },
        },
      },
      adoptedByConsensus: { type: 'final' },
      rejectedByConsensus: { type: 'final' },
      adoptedByVote: { type: 'final' },
      rejectedByVote: { type: 'final' },
      adoptedOnReconsideration: { type: 'final', entry: notify('final-decision') },
      rejectedOnReconsideration: { type: 'final', entry: notify('final-decision') },
      adoptedByMinistry: { type: 'final', entry: notify('final-decision') },
      rejectedByMinistry: { type: 'final', entry: notify('final-decision') },
      adoptedByDglz: { type: 'final', entry: notify('final-decision') },
      rejectedByDglz: { type: 'final', entry: notify('final-decision') },
      objectionLapsed: { type: 'final', entry: notify('objection-lapsed') },
      objectionWithdrawn: { type: 'final', entry: notify('objection-withdrawn') },
      withdrawn: { type: 'final' },
      dropped: { type: 'final' },
    },
  });
}
