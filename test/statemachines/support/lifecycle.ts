/**
 * Test support for the proposal lifecycle: the machine with the default register, sample events a
 * real caller could send in each state, and helpers that run events through XState's pure
 * `transition()` and record the visited states and the e-mails (notify entry actions).
 */

import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { defaultPolicy, loadDefaultRegister } from '#shared/covenant/index.ts';
import {
  createProposalMachine,
  type NotifyParams,
  type ProposalContext,
  type ProposalEvent,
  type ProposalInput,
  stateKeyOf,
} from '#statemachines/proposal-lifecycle/index.ts';

export const register = loadDefaultRegister();
export const deps = { register, policy: defaultPolicy };
export const machine = createProposalMachine(register, defaultPolicy);

export const AT = '2027-02-17T10:00:00.000Z';
export const MEETING = { meetingId: 'm-2027-02', meetingDate: '2027-02-17' };
export const ZIN = { party: 'ZIN', roles: [] };
export const ALL_VOTING = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'];

export const input: ProposalInput = {
  proposalId: 'p-1',
  title: 'Release iWmo 3.3',
  standards: ['iWmo'],
  kind: 'release',
  submittedBy: 'VNG',
  submittedAt: '2027-01-05T09:00:00.000Z',
};

const by = (party: string, roles: string[] = []) => ({ party, roles });

/** Ballots: 12–6 adopted (CAK against), 6–12 rejected, 9–9 no valid decision (art. 6.9). */
export const ballots = {
  adopted: ALL_VOTING.map((party) => ({ party, choice: party === 'CAK' ? 'against' : 'for' }) as const),
  rejected: ALL_VOTING.map((party) => ({ party, choice: party === 'CAK' ? 'for' : 'against' }) as const),
  tied: ALL_VOTING.map(
    (party) =>
      ({ party, choice: ['VNG', 'ACTIZ', 'GGZ', 'JZN'].includes(party) ? 'for' : 'against' }) as const,
  ),
};

/** A day after {@link AT}: a second objector's six weeks end a day later than the first's. */
export const A_DAY_LATER = '2027-02-18T10:00:00.000Z';

/**
 * Events a lawful caller could send now, with every routing variant (outcomes, approval), and for
 * the objection procedure two objectors a day apart (art. 7.1 "tenminste één partij"), so that one
 * objection can lapse while the other still runs.
 */
export function sampleEvents(snapshot: AnyMachineSnapshot): ProposalEvent[] {
  const context = snapshot.context as ProposalContext;
  const standing = context.objections.filter(
    (o) => o.status === 'awaiting-arguments' || o.status === 'argued',
  );
  const awaiting = context.objections.filter((o) => o.status === 'awaiting-arguments');
  const meeting = {
    meetingId: context.meetingId ?? MEETING.meetingId,
    meetingDate: context.meetingDate ?? MEETING.meetingDate,
  };
  const at = AT;
  return [
    { type: 'DRAFT', text: 'Worked out proposal', by: ZIN, at },
    { type: 'SCHEDULE', ...MEETING, by: ZIN, at },
    { type: 'WITHDRAW', by: by(context.submittedBy), at },
    { type: 'REQUEST_PAUSE', reason: 'consensus among providers first', by: by('ACTIZ'), at },
    { type: 'DECIDE_PAUSE', granted: true, by: ZIN, at },
    { type: 'DECIDE_PAUSE', granted: false, reason: 'urgent', by: ZIN, at },
    { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at },
    { type: 'CONSENSUS', outcome: 'rejected', by: ZIN, at },
    { type: 'CONSENSUS', outcome: 'dropped', by: ZIN, at },
    { type: 'OPEN_VOTE', ...meeting, present: ALL_VOTING, by: ZIN, at },
    { type: 'CLOSE_VOTE', ballots: ballots.adopted, by: ZIN, at },
    { type: 'CLOSE_VOTE', ballots: ballots.rejected, by: ZIN, at },
    { type: 'CLOSE_VOTE', ballots: ballots.tied, by: ZIN, at },
    { type: 'ESCALATE', reason: 'no valid decision', by: ZIN, at },
    { type: 'OBJECT', reason: 'too early', by: by('CAK'), at },
    { type: 'OBJECT', reason: 'not feasible', by: by('ACTIZ'), at: A_DAY_LATER },
    { type: 'MEETING_CLOSED', meetingId: context.decision?.meetingId ?? meeting.meetingId, by: ZIN, at },
    ...awaiting.map(
      (o): ProposalEvent => ({
        type: 'SUBMIT_ARGUMENTS',
        arguments: 'because',
        alternativeProposal: 'later',
        by: by(o.by),
        at,
      }),
    ),
    ...standing.map((o): ProposalEvent => ({ type: 'WITHDRAW_OBJECTION', by: by(o.by), at })),
    { type: 'NO_DECISION', by: ZIN, at },
    { type: 'SUBMIT_NOTE', motive: 'no decision', requestedDecision: 'decide', by: ZIN, at },
    ...standing.flatMap((o): ProposalEvent[] => [
      { type: 'REVIEW_NOTE', approved: true, by: by(o.by), at },
      { type: 'REVIEW_NOTE', approved: false, comments: 'sharpen the motive', by: by(o.by), at },
    ]),
    { type: 'MINISTRY_OUTCOME', outcome: 'adopted', by: ZIN, at },
    { type: 'MINISTRY_OUTCOME', outcome: 'rejected', by: ZIN, at },
    { type: 'MINISTRY_OUTCOME', outcome: 'no-decision', by: ZIN, at },
    { type: 'FINAL_DECISION', outcome: 'adopted', rationale: 'final', by: by('VWS', ['dglz']), at },
    { type: 'FINAL_DECISION', outcome: 'rejected', rationale: 'final', by: by('VWS', ['dglz']), at },
    ...deadlineEvents(stateKeyOf(snapshot.value as string), context.deadline?.due ?? at),
  ];
}

/**
 * The deadline events (`xstate.after.*`) the state has, as the workflow's deadline task sends them:
 * from the system, at the moment the deadline falls due.
 */
export function deadlineEvents(stateKey: string, at: string = AT): ProposalEvent[] {
  const node = machine.getStateNodeById(`proposal.${stateKey}`);
  return node.after.map(
    (d) => ({ type: d.eventType, by: { party: 'system', roles: [] }, at }) as unknown as ProposalEvent,
  );
}

export interface Step {
  readonly event: string;
  readonly from: string;
  readonly to: string;
  readonly emails: readonly NotifyParams[];
}

/** Runs events through the pure `transition()` and records each step's states and e-mails. */
export function run(
  events: readonly ProposalEvent[],
  start?: AnyMachineSnapshot,
  implementationDate?: string,
) {
  let snapshot: AnyMachineSnapshot =
    start ?? initialTransition(machine, implementationDate ? { ...input, implementationDate } : input)[0];
  const steps: Step[] = [];
  for (const event of events) {
    const from = stateKeyOf(snapshot.value as string);
    const [next, actions] = transition(machine, snapshot, event);
    const emails = actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams);
    steps.push({ event: event.type, from, to: stateKeyOf(next.value as string), emails });
    snapshot = next;
  }
  return {
    snapshot,
    steps,
    stateKey: stateKeyOf(snapshot.value as string),
    context: snapshot.context as ProposalContext,
  };
}
