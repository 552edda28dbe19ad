/**
 * The proposal as parties see it (DESIGN 5.1): a read model computed from the stored snapshot and
 * the items under the proposal. Pure: the time and the caller are arguments.
 */
import { isMemberOn, isVotingParty, type Policy, type Register } from '#shared/covenant/index.ts';
import type { ProposalMachine } from '#shared/dispatch/dispatch.ts';
import { restoreSnapshot } from '#shared/dispatch/snapshot.ts';
import type { ProposalAggregate, ProposalRecord, VotingRound } from '#shared/ports/store.ts';
import { type ActionName, actionOf } from '#shared/schemas/actions.ts';
import type { ProposalViewBody } from '#shared/schemas/proposal-views.ts';
import {
  actionsFor,
  type Caller,
  type Phase,
  type ProposalContext,
  phaseOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { nextStep } from './next-step.ts';

/** What the view reads besides the proposal: the register, the policy and the model. */
export interface ViewDeps {
  readonly register: Register;
  readonly policy: Policy;
  readonly machine: ProposalMachine;
}

type View = ProposalViewBody;

/** The proposal's context, from its stored snapshot. */
export function contextOf(machine: ProposalMachine, proposal: ProposalRecord): ProposalContext {
  return restoreSnapshot(machine, proposal.snapshot).context as ProposalContext;
}

const VOTING_PHASES: readonly Phase[] = ['voting', 'reconsideration-voting'];

/** Which phase each running deadline belongs to: a deadline shows only while its phase lasts. */
const deadlinePhase = {
  arguments: 'awaiting-arguments',
  reconsideration: 'reconsideration',
  ministry: 'ministry',
} as const;

function deadlines(context: ProposalContext, phase: Phase, stateKey: string, now: string): View['deadlines'] {
  const d = context.deadline;
  if (!d || deadlinePhase[d.kind] !== phase) return [];
  // An Overdue state means the workflow already saw the deadline pass.
  const overdue = stateKey.endsWith('Overdue') || Date.parse(now) > Date.parse(d.due);
  return [
    {
      kind: d.kind,
      due: d.due,
      lastDay: d.lastDay,
      overdue,
      extended: d.extended,
      ...(d.advice ? { advice: d.advice } : {}),
    },
  ];
}

function decision(context: ProposalContext, phase: Phase): View['decision'] {
  const d = context.decision;
  if (!d) return undefined;
  return {
    outcome: d.outcome,
    via: d.via,
    decidedAt: d.decidedAt,
    inForce: phase === 'closed',
    ...(d.meetingId ? { meetingId: d.meetingId } : {}),
    ...(context.objectionResult ? { objection: context.objectionResult } : {}),
    ...(d.rationale ? { rationale: d.rationale } : {}),
  };
}

const objectionStatusByPhase: Partial<Record<Phase, NonNullable<View['objection']>['status']>> = {
  'awaiting-arguments': 'awaiting-arguments',
  reconsideration: 'under-reconsideration',
  'reconsideration-voting': 'under-reconsideration',
  'note-drafting': 'escalating',
  'note-approval': 'escalating',
  ministry: 'at-ministry',
  dglz: 'at-dglz',
};

function objection(context: ProposalContext, phase: Phase): View['objection'] {
  const o = context.objection;
  if (!o) return undefined;
  const status = objectionStatusByPhase[phase] ?? context.objectionResult ?? 'decided';
  return { ...o, status };
}

function voting(rounds: readonly VotingRound[], phase: Phase, caller: Caller): View['voting'] {
  const round = rounds.findLast((r) => r.status === 'open');
  if (!round || !VOTING_PHASES.includes(phase)) return undefined;
  const own = round.ballots[caller.party];
  const yourBallot = own
    ? { choice: own.choice, at: own.at, ...(own.justification ? { justification: own.justification } : {}) }
    : undefined;
  const base = {
    round: round.round,
    meetingId: round.meetingId,
    openedAt: round.openedAt,
    voted: Object.keys(round.ballots).sort(),
  };
  return yourBallot ? { ...base, yourBallot } : base;
}

/** What the caller may do now: the model's accepted events it may send, plus `vote` while a vote is open. */
export function actionsOf(
  deps: ViewDeps,
  proposal: ProposalRecord,
  context: ProposalContext,
  caller: Caller,
  now: string,
): ActionName[] {
  const actions: ActionName[] = actionsFor(deps.machine, deps, proposal.stateKey, context, caller, now).map(
    actionOf,
  );
  const party = deps.register.parties.find((p) => p.id === caller.party);
  const date = context.meetingDate ?? now.slice(0, 10);
  const mayVote = party !== undefined && isVotingParty(party) && isMemberOn(party, date);
  if (mayVote && VOTING_PHASES.includes(phaseOf(proposal.stateKey))) actions.push('vote');
  return actions;
}

/** The public view of a proposal for `caller` at `now` (DESIGN 5.1). */
export function proposalView(
  deps: ViewDeps,
  aggregate: ProposalAggregate,
  caller: Caller,
  now: string,
): View {
  const { proposal } = aggregate;
  const context = contextOf(deps.machine, proposal);
  const phase = phaseOf(proposal.stateKey);
  const due = deadlines(context, phase, proposal.stateKey, now);
  const optional = {
    text: context.text,
    implementationDate: proposal.implementationDate,
    meetingId: context.meetingId,
    meetingDate: context.meetingDate,
    decision: decision(context, phase),
    tally: context.lastTally,
    voting: voting(aggregate.rounds, phase, caller),
    objection: objection(context, phase),
    note: context.note,
  };
  return {
    id: proposal.id,
    title: proposal.title,
    description: proposal.description,
    standards: [...context.standards],
    kind: context.kind,
    submittedBy: proposal.submittedBy,
    submittedAt: context.submittedAt,
    phase,
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<View>),
    pauses: [...context.pauses],
    deadlines: due,
    next: nextStep(phase, context, due[0]),
    actions: actionsOf(deps, proposal, context, caller, now),
    version: proposal.version,
    updatedAt: proposal.updatedAt,
  };
}
