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
    NO_DECISION: { guard: 'bySecretary', target: 'noteDrafting' },
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
      { guard: 'ministryWithoutDecision', target: 'dglz' },
    ],
  }) as const;

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
      // art. 6.7: consensus first; footnote 11: provider associations may pause; art. 6.9: vote with quorum.
      scheduled: {
        on: {
          SCHEDULE: { guard: 'bySecretary', actions: 'recordMeeting' },
          PAUSE: { guard: 'byProviderAssociation', target: 'ready', actions: 'recordPause' },
          CONSENSUS: [
            { guard: 'consensusAdopted', target: 'decided', actions: 'recordConsensus' },
            { guard: 'consensusRejected', target: 'decided', actions: 'recordConsensus' },
          ],
          OPEN_VOTE: { guard: 'quorumPresent', target: 'voting', actions: 'recordVoteOpened' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      voting: {
        on: {
          CLOSE_VOTE: [
            { guard: 'voteDecides', target: 'decided', actions: 'recordVoteDecision' },
            { guard: 'voteWithoutValidDecision', target: 'noValidDecision', actions: 'recordTally' },
          ],
        },
      },
      // art. 6.9: without "half plus one" for or against there is no valid decision.
      noValidDecision: {
        on: {
          SCHEDULE: { guard: 'bySecretary', target: 'scheduled', actions: 'recordMeeting' },
          DROP: { guard: 'bySecretary', target: 'dropped' },
          WITHDRAW: { guard: 'bySubmitterOrSecretary', target: 'withdrawn' },
        },
      },
      // art. 7.1, 7.2: a Ketenpartij may object until the chair closes the meeting.
      decided: {
        entry: notify('decision-taken', 'members'),
        on: {
          OBJECT: { guard: 'objectionAllowed', target: 'objection', actions: 'recordObjection' },
          MEETING_CLOSED: [
            { guard: 'meetingClosedAdoptedByConsensus', target: 'adoptedByConsensus' },
            { guard: 'meetingClosedRejectedByConsensus', target: 'rejectedByConsensus' },
            { guard: 'meetingClosedAdoptedByVote', target: 'adoptedByVote' },
            { guard: 'meetingClosedRejectedByVote', target: 'rejectedByVote' },
          ],
        },
      },
      objection: {
        initial: 'inGroup',
        states: {
          // Before the ministry the objector may still withdraw (the decision then stands).
          inGroup: {
            initial: 'awaitingArguments',
            on: {
              WITHDRAW_OBJECTION: {
                guard: 'byObjector',
                target: '#proposal.objectionWithdrawn',
                actions: 'recordObjectionWithdrawn',
              },
            },
            states: {
              // art. 7.3: arguments and a solution or new proposal within six weeks, or the objection lapses.
              awaitingArguments: {
                entry: notify('objection-lodged', 'objector', 'members'),
                on: {
                  SUBMIT_ARGUMENTS: {
                    guard: 'byObjector',
                    target: 'reconsideration',
                    actions: 'recordArguments',
                  },
                },
                after: {
                  argumentsDeadline: {
                    target: '#proposal.objectionLapsed',
                    actions: 'recordObjectionLapsed',
                  },
                },
              },
              // art. 7.4: within one week the group discusses the arguments and tries again to decide.
              reconsideration: {
                entry: notify('arguments-received', 'chair', 'members'),
                on: reconsiderationEvents(),
                after: { reconsiderationDeadline: { target: 'reconsiderationOverdue' } },
              },
              reconsiderationOverdue: {
                entry: notify('reconsideration-overdue', 'chair', 'members'),
                on: reconsiderationEvents(),
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
                    { guard: 'voteWithoutValidDecision', target: 'noteDrafting', actions: 'recordTally' },
                  ],
                },
              },
              // art. 7.5: ZIN drafts the accompanying note; the objector must approve it.
              noteDrafting: {
                on: { SUBMIT_NOTE: { guard: 'bySecretary', target: 'noteApproval', actions: 'recordNote' } },
              },
              noteApproval: {
                entry: notify('escalation-note-for-approval', 'objector', 'members'),
                on: {
                  REVIEW_NOTE: [
                    {
                      guard: 'noteApprovedByObjector',
                      target: '#proposal.objection.atMinistry',
                      actions: 'recordNoteApproved',
                    },
                    {
                      guard: 'noteReturnedByObjector',
                      target: 'noteReturned',
                      actions: 'recordNoteReturned',
                    },
                  ],
                },
              },
              noteReturned: {
                entry: notify('escalation-note-returned', 'secretary', 'members'),
                on: { SUBMIT_NOTE: { guard: 'bySecretary', target: 'noteApproval', actions: 'recordNote' } },
              },
            },
          },
          // art. 7.5, 7.6: the ministry meets within one month; without a decision the DGLZ decides.
          atMinistry: {
            initial: 'ministryMeeting',
            states: {
              ministryMeeting: {
                entry: notify('escalated-to-ministry', 'ministry', 'secretary', 'objector', 'members'),
                on: ministryEvents(),
                after: { ministryDeadline: { target: 'ministryOverdue' } },
              },
              ministryOverdue: {
                entry: notify('ministry-overdue', 'secretary', 'ministry', 'members'),
                on: ministryEvents(),
              },
              dglz: {
                entry: notify('escalated-to-dglz', 'dglz', 'secretary', 'objector', 'members'),
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
      adoptedOnReconsideration: { type: 'final', entry: notify('final-decision', 'members') },
      rejectedOnReconsideration: { type: 'final', entry: notify('final-decision', 'members') },
      adoptedByMinistry: { type: 'final', entry: notify('final-decision', 'members') },
      rejectedByMinistry: { type: 'final', entry: notify('final-decision', 'members') },
      adoptedByDglz: { type: 'final', entry: notify('final-decision', 'members') },
      rejectedByDglz: { type: 'final', entry: notify('final-decision', 'members') },
      objectionLapsed: { type: 'final', entry: notify('objection-lapsed', 'objector', 'members') },
      objectionWithdrawn: { type: 'final', entry: notify('objection-withdrawn', 'objector', 'members') },
      withdrawn: { type: 'final' },
      dropped: { type: 'final' },
    },
  });
}
