/**
 * decide: a transition as a value (DESIGN 3.2). Pure — no clock, no I/O: the model and the
 * covenant's rules turn one consistent read of the proposal, an event and the time into the new
 * proposal (snapshot, version + 1) and everything its one transaction must write: the audit event,
 * the signal for the workflow and the typed effects (shared/ports/effects.ts). It refuses what the
 * model refuses, with the reason. Only the store adapter knows how the result becomes items.
 */
import { type AnyMachineSnapshot, transition } from 'xstate';
import { type Policy, type Register, secondsUntil } from '#shared/covenant/index.ts';
import type { TransitionEffect } from '#shared/ports/effects.ts';
import type {
  CommitTransitionInput,
  ProposalRecord,
  TransitionSignal,
  VotingRound,
} from '#shared/ports/store.ts';
import {
  activeNodes,
  type createProposalMachine,
  type DeadlineEventType,
  explainRefusal,
  isDeadlineEvent,
  type ProposalContext,
  type ProposalEvent,
  phaseOf,
  stateKeyOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { decisionRecordOf, type TransitionFacts, transitionEffects } from './effects.ts';
import {
  CovenantRuleError,
  DeadlineNotReachedError,
  EventNotPossibleError,
  ForbiddenEventError,
} from './errors.ts';
import { restoreSnapshot, toStoredSnapshot } from './snapshot.ts';

export type ProposalMachine = ReturnType<typeof createProposalMachine>;

/**
 * What decide reads besides the proposal: the model and the rules in force. The register is an
 * input, never looked up here, so the caller decides which register applies (the one in force on
 * the day of the event, say).
 */
export interface DecideModel {
  readonly machine: ProposalMachine;
  readonly register: Register;
  readonly policy: Policy;
  /** The covenant version the register and policy belong to: recorded with the event, its deadlines and decision (DESIGN 2.5). */
  readonly covenantVersion?: number;
}

/** A deadline event as the workflow's deadline task sends it (`xstate.after.<delay>.<state id>`). */
export interface DeadlineEvent {
  readonly type: DeadlineEventType;
}

/** The effects an event brings of its own, computed from the context after it (e.g. closing its round). */
export type CallerEffects = (after: ProposalContext) => readonly TransitionEffect[];

/** The decided transition: the proposal after it, and the one transaction that writes it. */
export interface Decision {
  readonly proposal: ProposalRecord;
  readonly context: ProposalContext;
  readonly fromState: string;
  readonly signal: TransitionSignal;
  /** Everything to write, in one transaction: proposal, audit event, signal and effects. */
  readonly commit: CommitTransitionInput;
  /**
   * The proposal's latest voting round once the transaction is in: the round the read found, as the
   * effects leave it (a vote opened or closed). With `proposal`, what the transition's answer shows.
   */
  readonly latestRound?: VotingRound;
}

const SYSTEM = { party: 'system', roles: [] as string[] };

const isDeadlineSent = (event: ProposalEvent | DeadlineEvent): event is DeadlineEvent =>
  isDeadlineEvent(event.type);

/**
 * Applies `event` to the proposal as read, at `now`. Pure.
 * @throws ForbiddenEventError, CovenantRuleError, EventNotPossibleError when the model refuses
 * @throws DeadlineNotReachedError for a deadline event before its due moment
 */
export function decide(
  model: DecideModel,
  read: ProposalRecord,
  given: ProposalEvent | DeadlineEvent,
  now: string,
  callerEffects?: CallerEffects,
): Decision {
  const before = restoreSnapshot(model.machine, read.snapshot);
  const context = before.context as ProposalContext;
  // Deadline events come from the workflow, not a party: the system sends them, now.
  const event = (isDeadlineSent(given) ? { ...given, by: SYSTEM, at: now } : given) as ProposalEvent;
  refuseUnlessAccepted(model, read.stateKey, context, before, event, now);
  const [after] = transition(model.machine, before, event);
  return decided(model, read, context, after, event, now, callerEffects);
}

function refuseUnlessAccepted(
  model: DecideModel,
  stateKey: string,
  context: ProposalContext,
  before: AnyMachineSnapshot,
  event: ProposalEvent,
  now: string,
): void {
  if (isDeadlineEvent(event.type)) {
    const due = context.deadline?.due;
    if (due && Date.parse(due) > Date.parse(now))
      throw new DeadlineNotReachedError(due, secondsUntil(due, now));
  }
  if (before.can(event)) return;
  const refusal = explainRefusal(model.machine, model, stateKey, context, event);
  switch (refusal.kind) {
    case 'forbidden':
      throw new ForbiddenEventError(refusal.reason);
    case 'covenant':
      throw new CovenantRuleError(refusal.rule, refusal.article, refusal.reason, refusal.details);
    case 'not-possible':
      throw new EventNotPossibleError(
        refusal.state,
        phaseOf(refusal.state),
        refusal.possible,
        refusal.reason,
      );
  }
}

const hasDeadline = (model: DecideModel, stateKey: string) =>
  activeNodes(model.machine, stateKey).some((node) => node.after.length > 0);

function decided(
  model: DecideModel,
  read: ProposalRecord,
  before: ProposalContext,
  after: AnyMachineSnapshot,
  event: ProposalEvent,
  now: string,
  callerEffects?: CallerEffects,
): Decision {
  const toState = stateKeyOf(after.value as string);
  const context = after.context as ProposalContext;
  // The token parked for the old version answers this transition; the new version has none yet.
  const { parked: _parked, latestRound: _latestRound, ...kept } = read;
  const proposal: ProposalRecord = {
    ...kept,
    phase: phaseOf(toState),
    stateKey: toState,
    snapshot: toStoredSnapshot(after) as unknown as ProposalRecord['snapshot'],
    version: read.version + 1,
    updatedAt: now,
    ...(context.meetingId ? { meetingId: context.meetingId } : {}),
  };
  const facts: TransitionFacts = {
    proposal,
    before,
    after: context,
    fromState: read.stateKey,
    toState,
    toStateHasDeadline: hasDeadline(model, toState),
    fromStateHadDeadline: hasDeadline(model, read.stateKey),
    final: after.status === 'done',
    event,
    at: now,
    ...(model.covenantVersion ? { covenantVersion: model.covenantVersion } : {}),
  };
  const previousDecision = decisionRecordOf({ ...facts, after: before, final: false });
  const signal = signalFor(facts, proposal.version, now);
  const { type, by, at, ...payload } = event;
  const commit: CommitTransitionInput = {
    proposal,
    expectedVersion: read.version,
    event: {
      type,
      by,
      at,
      fromState: read.stateKey,
      toState,
      payload,
      ...(model.covenantVersion ? { covenantVersion: model.covenantVersion } : {}),
    },
    signal,
    effects: [...transitionEffects(facts, previousDecision), ...(callerEffects?.(context) ?? [])],
  };
  const latestRound = roundAfter(read.latestRound, commit.effects);
  return {
    proposal,
    context,
    fromState: read.stateKey,
    signal,
    commit,
    ...(latestRound ? { latestRound } : {}),
  };
}

/** The latest voting round after the effects: a round opened is the latest; a round closed is closed. */
function roundAfter(
  read: VotingRound | undefined,
  effects: CommitTransitionInput['effects'] = [],
): VotingRound | undefined {
  let round = read;
  for (const effect of effects) {
    if (effect.kind === 'open-round') round = effect.round;
    if (effect.kind === 'close-round' && round?.round === effect.round) {
      round = { ...round, status: 'closed', closedAt: effect.closedAt, tally: effect.tally };
    }
  }
  return round;
}

/**
 * What the workflow parked in the old state is told (DESIGN 3.2): the target state, the new
 * version, and the seconds until the target's deadline. A transition that stays in its state
 * (say, rescheduling a reconsideration) still signals, so the execution re-parks at the new version.
 */
function signalFor(facts: TransitionFacts, version: number, now: string): TransitionSignal {
  const due = facts.toStateHasDeadline ? facts.after.deadline?.due : undefined;
  return {
    type: facts.event.type,
    target: facts.toState,
    version,
    ...(due ? { timeoutSeconds: secondsUntil(due, now), due } : {}),
  };
}
