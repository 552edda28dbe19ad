/**
 * dispatch: applies one event to a proposal. The only code that changes a proposal's state.
 *
 * read the proposal → XState's pure `transition()` on its stored snapshot → refuse what the model
 * refuses, with the reason → write the new snapshot, version + 1, the audit event, the signal for
 * the workflow and the read models in ONE conditional transaction. Of concurrent dispatches on
 * one proposal exactly one wins; the others re-read and try again.
 */

import { type AnyMachineSnapshot, transition } from 'xstate';
import { type Policy, type Register, secondsUntil } from '#shared/covenant/index.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { ExtraWrite, ProposalRecord, ProposalStore, TransitionSignal } from '#shared/ports/store.ts';
import {
  MeetingClosedError,
  ProposalNotFoundError,
  TransactionConditionError,
  VersionConflictError,
} from '#shared/ports/store-errors.ts';
import {
  activeNodes,
  type createProposalMachine,
  explainRefusal,
  type ProposalContext,
  type ProposalEvent,
  phaseOf,
  stateKeyOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { decisionRecordOf, type TransitionFacts, transitionWrites } from './effects.ts';
import {
  ConcurrentUpdateError,
  CovenantRuleError,
  DeadlineNotReachedError,
  EventNotPossibleError,
  ForbiddenEventError,
} from './errors.ts';
import { restoreSnapshot, toStoredSnapshot } from './snapshot.ts';

export type ProposalMachine = ReturnType<typeof createProposalMachine>;

export interface DispatchDeps {
  readonly store: ProposalStore;
  readonly machine: ProposalMachine;
  readonly register: Register;
  readonly policy: Policy;
  readonly clock: Clock;
  /** The covenant version whose register and policy these are: recorded with every event (DESIGN 2.5). */
  readonly covenantVersion?: number;
}

/** A deadline event as the workflow's deadline task sends it (`xstate.after.<delay>.<state id>`). */
export interface DeadlineEvent {
  readonly type: `xstate.after.${string}`;
}

/** The proposal as dispatch read it, for callers that build their event from it. */
export interface CurrentProposal {
  readonly proposal: ProposalRecord;
  readonly context: ProposalContext;
  readonly stateKey: string;
}

/** An event and the writes that must commit with it (e.g. closing the voting round it counted). */
export interface PreparedEvent {
  readonly event: ProposalEvent | DeadlineEvent;
  readonly extra?: (after: ProposalContext) => readonly ExtraWrite[];
}

/** The event to dispatch, or a function that builds it from the proposal as read (re-run on a retry). */
export type EventSource =
  | ProposalEvent
  | DeadlineEvent
  | ((current: CurrentProposal) => Promise<PreparedEvent>);

export interface DispatchResult {
  readonly proposal: ProposalRecord;
  readonly context: ProposalContext;
  readonly fromState: string;
  readonly signal: TransitionSignal;
}

export interface DispatchOptions {
  /**
   * Apply the event only to this version of the proposal, never retry on another: the workflow's
   * deadline task uses it, because its timer belongs to the state entered at that version.
   * @throws VersionConflictError when the proposal is at another version
   */
  readonly atVersion?: number;
  /** Writes that commit with the transition whatever the event (e.g. an idempotency mark). */
  readonly extraWrites?: readonly ExtraWrite[];
}

const SYSTEM = { party: 'system', roles: [] as string[] };
const MAX_ATTEMPTS = 8;

const isDeadlineEvent = (event: ProposalEvent | DeadlineEvent): event is DeadlineEvent =>
  event.type.startsWith('xstate.after.');

/** Applies the event to the proposal; retries when another writer won the race. */
export async function dispatch(
  deps: DispatchDeps,
  proposalId: string,
  source: EventSource,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  let passed: DeadlineDue | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dispatchOnce(deps, proposalId, source, options);
    } catch (error) {
      if (error instanceof DeadlineDue) {
        passed = error;
        await applyDueDeadline(deps, proposalId, error);
        continue;
      }
      if (passed && error instanceof EventNotPossibleError) throw deadlinePassedError(passed);
      if (!(error instanceof LostRace)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrentUpdateError(proposalId, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * Internal: the state's deadline has passed but its timer has not fired yet (a timer fires a
 * little after the due moment). The deadline comes first: a party's event after the due moment
 * meets the proposal as the deadline left it, whatever the timer's lag.
 */
class DeadlineDue extends Error {
  override name = 'DeadlineDue';
  constructor(
    readonly event: DeadlineEvent['type'],
    readonly version: number,
    readonly deadline: NonNullable<ProposalContext['deadline']>,
  ) {
    super(`deadline ${deadline.kind} passed at ${deadline.due}`);
  }
}

async function applyDueDeadline(deps: DispatchDeps, proposalId: string, due: DeadlineDue): Promise<void> {
  try {
    await dispatch(deps, proposalId, { type: due.event }, { atVersion: due.version });
  } catch (error) {
    // Someone else (the deadline task, another request) applied it, or moved the proposal first.
    if (!(error instanceof VersionConflictError || error instanceof EventNotPossibleError)) throw error;
  }
}

const DEADLINE_ARTICLES = { arguments: '7.3', reconsideration: '7.4', ministry: '7.6' } as const;

/** The event came after a deadline that ended what it was for (e.g. arguments after the lapse). */
function deadlinePassedError(due: DeadlineDue): CovenantRuleError {
  const { kind, due: at } = due.deadline;
  return new CovenantRuleError(
    'deadline-passed',
    DEADLINE_ARTICLES[kind],
    `the ${kind} deadline passed at ${at}`,
    {
      deadline: kind,
      due: at,
    },
  );
}

/** The deadline event of the state, if its deadline has passed by `now`. */
function dueDeadline(deps: DispatchDeps, current: CurrentProposal, now: string): DeadlineDue | undefined {
  const deadline = current.context.deadline;
  if (!deadline || Date.parse(deadline.due) > Date.parse(now)) return undefined;
  const node = activeNodes(deps.machine, current.stateKey).find((n) => n.after.length > 0);
  const delayed = node?.after[0];
  if (!delayed) return undefined;
  return new DeadlineDue(delayed.eventType as DeadlineEvent['type'], current.proposal.version, deadline);
}

/** Internal: the transaction lost to a concurrent writer; read again and retry. */
class LostRace extends Error {
  override name = 'LostRace';
}

async function dispatchOnce(
  deps: DispatchDeps,
  proposalId: string,
  source: EventSource,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  if (options.atVersion !== undefined && proposal.version !== options.atVersion) {
    throw new VersionConflictError(proposalId, options.atVersion, proposal.version);
  }
  const before = restoreSnapshot(deps.machine, proposal.snapshot);
  const current = { proposal, context: before.context as ProposalContext, stateKey: proposal.stateKey };
  const given: PreparedEvent = typeof source === 'function' ? await source(current) : { event: source };
  const prepared: PreparedEvent = options.extraWrites?.length
    ? {
        event: given.event,
        extra: (after) => [...(given.extra?.(after) ?? []), ...(options.extraWrites ?? [])],
      }
    : given;
  const now = deps.clock.now().toISOString();
  const event = withSender(prepared.event, now);
  if (!isDeadlineEvent(event)) {
    const due = dueDeadline(deps, current, now);
    if (due) throw due;
  }
  refuseUnlessAccepted(deps, current, before, event, now);
  const [after] = transition(deps.machine, before, event as ProposalEvent);
  try {
    return await commit(deps, current, after, event as ProposalEvent, now, prepared.extra);
  } catch (error) {
    const translated = translateCommitError(
      error,
      event as ProposalEvent,
      current.context,
      prepared.extra !== undefined,
    );
    // With a fixed version there is nothing to retry: report the conflict.
    throw options.atVersion !== undefined && translated instanceof LostRace ? error : translated;
  }
}

/**
 * A lost version race, or a failed condition of a write the caller added (a ballot arrived while
 * the vote was being counted), is retried. A closed meeting refuses the event in covenant terms.
 */
function translateCommitError(
  error: unknown,
  event: ProposalEvent,
  context: ProposalContext,
  callerWrites: boolean,
): unknown {
  if (error instanceof VersionConflictError) return new LostRace(error.message);
  if (!(error instanceof TransactionConditionError)) return error;
  if (callerWrites) return new LostRace(error.message);
  if (event.type === 'OBJECT') {
    return new CovenantRuleError(
      'objection-window',
      '7.2',
      'the meeting in which the decision was taken is closed: its objection window has ended',
      {
        meetingId: context.decision?.meetingId,
      },
    );
  }
  if (event.type === 'SCHEDULE' || event.type === 'OPEN_VOTE') return new MeetingClosedError(event.meetingId);
  return error;
}

/** Deadline events come from the workflow, not a party: the system sends them, now. */
function withSender(
  event: ProposalEvent | DeadlineEvent,
  now: string,
): ProposalEvent | (DeadlineEvent & { by: typeof SYSTEM; at: string }) {
  return isDeadlineEvent(event) ? { ...event, by: SYSTEM, at: now } : event;
}

function refuseUnlessAccepted(
  deps: DispatchDeps,
  current: CurrentProposal,
  before: AnyMachineSnapshot,
  event: ProposalEvent | DeadlineEvent,
  now: string,
): void {
  if (isDeadlineEvent(event)) {
    const due = current.context.deadline?.due;
    if (due && Date.parse(due) > Date.parse(now))
      throw new DeadlineNotReachedError(due, secondsUntil(due, now));
  }
  if (before.can(event as ProposalEvent)) return;
  const refusal = explainRefusal(
    deps.machine,
    deps,
    current.stateKey,
    current.context,
    event as ProposalEvent,
  );
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

const hasDeadline = (deps: DispatchDeps, stateKey: string) =>
  activeNodes(deps.machine, stateKey).some((node) => node.after.length > 0);

async function commit(
  deps: DispatchDeps,
  current: CurrentProposal,
  after: AnyMachineSnapshot,
  event: ProposalEvent,
  now: string,
  extra?: PreparedEvent['extra'],
): Promise<DispatchResult> {
  const { proposal } = current;
  const toState = stateKeyOf(after.value as string);
  const context = after.context as ProposalContext;
  const next: ProposalRecord = {
    ...proposal,
    phase: phaseOf(toState),
    stateKey: toState,
    snapshot: toStoredSnapshot(after) as unknown as ProposalRecord['snapshot'],
    version: proposal.version + 1,
    updatedAt: now,
    ...(context.meetingId ? { meetingId: context.meetingId } : {}),
  };
  const facts: TransitionFacts = {
    proposal: next,
    before: current.context,
    after: context,
    fromState: current.stateKey,
    toState,
    toStateHasDeadline: hasDeadline(deps, toState),
    fromStateHadDeadline: hasDeadline(deps, current.stateKey),
    final: after.status === 'done',
    event,
    at: now,
    ...(deps.covenantVersion ? { covenantVersion: deps.covenantVersion } : {}),
  };
  const previousDecision = decisionRecordOf({ ...facts, after: current.context, final: false });
  const signal = signalFor(facts, next.version, now);
  const { type, by, at, ...payload } = event;
  await deps.store.commitTransition({
    proposal: next,
    expectedVersion: proposal.version,
    event: {
      type,
      by,
      at,
      fromState: current.stateKey,
      toState,
      payload,
      ...(deps.covenantVersion ? { covenantVersion: deps.covenantVersion } : {}),
    },
    signal,
    extra: [...transitionWrites(facts, previousDecision), ...(extra?.(context) ?? [])],
  });
  return { proposal: next, context, fromState: current.stateKey, signal };
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
    ...(due ? { timeoutSeconds: secondsUntil(due, now) } : {}),
  };
}
