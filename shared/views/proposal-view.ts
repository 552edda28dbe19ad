/**
 * The proposal as parties see it (DESIGN 5.1): a read model computed from the stored snapshot and
 * the items under the proposal. Pure: the time and the caller are arguments.
 */
import {
  amsterdamDateOf,
  holdsRole,
  isVotingParty,
  membershipOn,
  type Policy,
  type Register,
} from '#shared/covenant/index.ts';
import type { ProposalMachine } from '#shared/dispatch/dispatch.ts';
import { restoreSnapshot } from '#shared/dispatch/snapshot.ts';
import type { Language } from '#shared/messages/index.ts';
import type { ProposalRecord, VotingRound } from '#shared/ports/store.ts';
import { type ActionName, actionOf } from '#shared/schemas/actions.ts';
import type { ProposalViewBody } from '#shared/schemas/proposal-views.ts';
import {
  actionsFor,
  type Caller,
  deadlinePhase,
  type Phase,
  type ProposalContext,
  phaseOf,
  type RunningDeadline,
  votingPhases,
} from '#statemachines/proposal-lifecycle/index.ts';
import { nextStep } from './next-step.ts';
import { tallyInWords } from './tally-words.ts';

/** What the view reads besides the proposal: the register, the policy and the model. */
export interface ViewDeps {
  readonly register: Register;
  readonly policy: Policy;
  readonly machine: ProposalMachine;
  /** The language of `next` and the tally's explanation. @default 'nl' */
  readonly language?: Language | undefined;
}

type View = ProposalViewBody;

/** The proposal's context, from its stored snapshot. */
export function contextOf(machine: ProposalMachine, proposal: ProposalRecord): ProposalContext {
  return restoreSnapshot(machine, proposal.snapshot).context as ProposalContext;
}

const deadlineView = (d: RunningDeadline, overdue: boolean): View['deadlines'][number] => ({
  kind: d.kind,
  ...(d.party ? { party: d.party } : {}),
  due: d.due,
  lastDay: d.lastDay,
  overdue,
  extended: d.extended,
  ...(d.advice ? { advice: d.advice } : {}),
});

/** The deadlines that bind now: each objector's own arguments deadline, or the phase's deadline. */
function deadlines(context: ProposalContext, phase: Phase, stateKey: string, now: string): View['deadlines'] {
  const late = (due: string) => Date.parse(now) > Date.parse(due);
  if (phase === 'awaiting-arguments') {
    return context.objections
      .filter((o) => o.status === 'awaiting-arguments' && o.argumentsDue)
      .map((o) => o.argumentsDue as RunningDeadline)
      .sort((a, b) => Date.parse(a.due) - Date.parse(b.due))
      .map((d) => deadlineView(d, late(d.due)));
  }
  const d = context.deadline;
  if (!d || deadlinePhase[d.kind] !== phase) return [];
  // An Overdue state means the workflow already saw the deadline pass.
  return [deadlineView(d, stateKey.endsWith('Overdue') || late(d.due))];
}

function decision(context: ProposalContext, phase: Phase): View['decision'] {
  const d = context.decision;
  if (!d) return undefined;
  return {
    outcome: d.outcome,
    via: d.via,
    text: d.text ?? 'original',
    decidedAt: d.decidedAt,
    inForce: phase === 'closed',
    ...(d.meetingId ? { meetingId: d.meetingId } : {}),
    ...(context.objectionResult ? { objection: context.objectionResult } : {}),
    ...(d.rationale ? { rationale: d.rationale } : {}),
  };
}

/**
 * Every objection; one whose party's membership has since ended is marked (DESIGN 2.1, art. 10):
 * it stays on record as lodged, but its party can no longer argue, withdraw or approve a note.
 */
function objections(context: ProposalContext, register: Register, today: string): View['objections'] {
  return context.objections.map(({ argumentsDue, ...o }) => ({
    ...o,
    ...(argumentsDue ? { argumentsDue: argumentsDue.due } : {}),
    ...(membershipOn(register, o.by, today) === 'not-a-member' ? { byFormerMember: true } : {}),
  }));
}

/**
 * The open vote as the caller sees it. Only the latest round can be the open one in a voting phase:
 * opening a vote opens a new round, and only closing that round leaves the voting phases.
 */
function voting(round: VotingRound | undefined, phase: Phase, caller: Caller): View['voting'] {
  if (round?.status !== 'open' || !votingPhases.has(phase)) return undefined;
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
  probes: Parameters<typeof actionsFor>[6] = {},
  /** The proposal's latest voting round, if it has one. */
  latestRound?: VotingRound,
  /** The Amsterdam date of `now`, when the caller has it already. */
  today: string = amsterdamDateOf(now),
): ActionName[] {
  const actions: ActionName[] = actionsFor(
    deps.machine,
    deps,
    proposal.stateKey,
    context,
    caller,
    now,
    probes,
  ).map(actionOf);
  const party = deps.register.parties.find((p) => p.id === caller.party);
  const date = context.meetingDate ?? now.slice(0, 10);
  const mayVote =
    party !== undefined &&
    isVotingParty(party) &&
    membershipOn(deps.register, party.id, date) === 'member' &&
    membershipOn(deps.register, party.id, today) === 'member';
  const voting = votingPhases.has(phaseOf(proposal.stateKey));
  if (mayVote && voting) actions.push('vote');
  const isChair = party !== undefined && holdsRole(party, 'chair');
  if (isChair && voting) actions.push('record-ballot');
  actions.push(...accountabilityActions(latestRound, context, caller.party, isChair));
  return actions;
}

/** Footnote 13: the chair may ask an abstaining party of the latest round; the party asked may answer. */
function accountabilityActions(
  round: VotingRound | undefined,
  context: ProposalContext,
  caller: string,
  isChair: boolean,
): ActionName[] {
  // The round numbered `context.round` is the latest one: every vote opened adds the next number.
  const latest = round?.round === context.round && round.status === 'closed' ? round : undefined;
  if (!latest) return [];
  const abstained = Object.values(latest.ballots).filter((b) => b.choice === 'abstain');
  const actions: ActionName[] = [];
  if (isChair && abstained.some((b) => !b.accountability)) actions.push('request-accountability');
  const own = latest.ballots[caller];
  if (own?.accountability && !own.accountability.answer) actions.push('answer-accountability');
  return actions;
}

/**
 * Whether the release calendar can change what `caller` may do now: only `object` on an
 * implementation proposal depends on it (art. 7.4's blackout), and the calendar can only take that
 * action away. So it is read only when the caller could object but for a blackout.
 */
export function needsCalendar(
  deps: ViewDeps,
  proposal: ProposalRecord,
  caller: Caller,
  now: string,
): boolean {
  if (proposal.kind !== 'implementation') return false;
  const context = contextOf(deps.machine, proposal);
  return actionsFor(deps.machine, deps, proposal.stateKey, context, caller, now, { calendar: [] }).includes(
    'OBJECT',
  );
}

/**
 * The public view of a proposal for `caller` at `now` (DESIGN 5.1), from the proposal item and its
 * latest voting round (`latestRound`): as a consistent read finds them, or as a transition just
 * decided them (the same builder, so a transition's answer is the body a GET gives right after).
 */
export function proposalView(
  deps: ViewDeps,
  proposal: ProposalRecord,
  caller: Caller,
  now: string,
  /** What the use cases would read for an event: the release calendar for `object` (art. 7.4). */
  probes: Parameters<typeof actionsFor>[6] = {},
): View {
  const context = contextOf(deps.machine, proposal);
  const today = amsterdamDateOf(now);
  const phase = phaseOf(proposal.stateKey);
  const due = deadlines(context, phase, proposal.stateKey, now);
  const optional = {
    text: context.text,
    implementationDate: proposal.implementationDate,
    standardVersion: proposal.standardVersion,
    meetingId: context.meetingId,
    meetingDate: context.meetingDate,
    decision: decision(context, phase),
    tally: context.lastTally && tallyInWords(context.lastTally, deps.language),
    voting: voting(proposal.latestRound, phase, caller),
    pauseRequest: context.pauseRequest,
    escalation: context.escalation,
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
    objections: objections(context, deps.register, today),
    pauses: [...context.pauses],
    deadlines: due,
    next: nextStep(phase, context, due[0], deps.language),
    actions: actionsOf(deps, proposal, context, caller, now, probes, proposal.latestRound, today),
    version: proposal.version,
    updatedAt: proposal.updatedAt,
  };
}
