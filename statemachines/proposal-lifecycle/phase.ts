/**
 * The public `phase` of a proposal: what the API shows. Internal state ids may change; phases may
 * not (parties integrate against them).
 */
import type { DeadlineKind } from '#shared/covenant/deadlines.ts';

export const phases = [
  'submitted',
  'ready',
  'scheduled',
  'voting',
  'decided',
  'no-valid-decision',
  'awaiting-arguments',
  'reconsideration',
  'reconsideration-voting',
  'note-drafting',
  'note-approval',
  'ministry',
  'dglz',
  'closed',
  'withdrawn',
  'dropped',
] as const;

export type Phase = (typeof phases)[number];

/** The phases of the model's final states: nothing follows them. */
export const finalPhases: ReadonlySet<Phase> = new Set(['closed', 'withdrawn', 'dropped']);

/** The phases in which a voting round is open: ballots are cast and changed (art. 6.8, 6.9). */
export const votingPhases: ReadonlySet<Phase> = new Set(['voting', 'reconsideration-voting']);

/** The phases a vote is opened from (`OPEN_VOTE`): one transition from a voting phase. */
export const voteOpeningPhases: ReadonlySet<Phase> = new Set(['scheduled', 'reconsideration']);

/**
 * The phase each kind of deadline belongs to (art. 7.3, 7.4, 7.6): it runs, and stays listed
 * (overdue, for a reminder), until the proposal leaves that phase.
 */
export const deadlinePhase = {
  arguments: 'awaiting-arguments',
  reconsideration: 'reconsideration',
  ministry: 'ministry',
} as const satisfies Record<DeadlineKind, Phase>;

/** The model's delayed events, as the workflow's deadline task sends them: `xstate.after.<delay>.<state id>`. */
export type DeadlineEventType = `xstate.after.${string}`;

/** Whether an event type is one of the model's delayed (deadline) events. */
export const isDeadlineEvent = (type: string): type is DeadlineEventType => type.startsWith('xstate.after.');

/** Every state key of the model and its phase; a test checks that this covers the model exactly. */
export const phaseByStateKey = {
  submitted: 'submitted',
  ready: 'ready',
  scheduled: 'scheduled',
  // footnote 11: a pause was asked for; the proposal stays scheduled until the chair decides.
  pauseRequested: 'scheduled',
  voting: 'voting',
  noValidDecision: 'no-valid-decision',
  decided: 'decided',
  'objection.inGroup.awaitingArguments': 'awaiting-arguments',
  'objection.inGroup.reconsideration': 'reconsideration',
  'objection.inGroup.reconsiderationOverdue': 'reconsideration',
  'objection.inGroup.reconsiderationVoting': 'reconsideration-voting',
  'objection.inGroup.noteDrafting': 'note-drafting',
  'objection.inGroup.noteReturned': 'note-drafting',
  'objection.inGroup.noteApproval': 'note-approval',
  'objection.atMinistry.ministryMeeting': 'ministry',
  'objection.atMinistry.ministryOverdue': 'ministry',
  'objection.atMinistry.dglz': 'dglz',
  adoptedByConsensus: 'closed',
  rejectedByConsensus: 'closed',
  adoptedByVote: 'closed',
  rejectedByVote: 'closed',
  adoptedOnReconsideration: 'closed',
  rejectedOnReconsideration: 'closed',
  adoptedByMinistry: 'closed',
  rejectedByMinistry: 'closed',
  adoptedByDglz: 'closed',
  rejectedByDglz: 'closed',
  objectionLapsed: 'closed',
  objectionWithdrawn: 'closed',
  withdrawn: 'withdrawn',
  dropped: 'dropped',
} as const satisfies Record<string, Phase>;

export type StateKey = keyof typeof phaseByStateKey;

/** Thrown for a state key the model does not have (a stale snapshot or a typo). */
export class UnknownStateError extends Error {
  constructor(readonly stateKey: string) {
    super(`unknown proposal state '${stateKey}': the stored snapshot does not match the model`);
    this.name = 'UnknownStateError';
  }
}

export function isStateKey(key: string): key is StateKey {
  return Object.hasOwn(phaseByStateKey, key);
}

/** The public phase of a state key (`objection.inGroup.reconsiderationOverdue` → `reconsideration`). */
export function phaseOf(stateKey: string): Phase {
  if (!isStateKey(stateKey)) throw new UnknownStateError(stateKey);
  return phaseByStateKey[stateKey];
}

/**
 * The state key of an XState state value: the path of the active atomic state, joined with dots
 * (`{ objection: { inGroup: 'reconsideration' } }` → `objection.inGroup.reconsideration`).
 */
export function stateKeyOf(value: string | { readonly [key: string]: unknown }): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || !entry)
    throw new Error(`expected one active state, got ${JSON.stringify(value)}`);
  const [key, child] = entry;
  return `${key}.${stateKeyOf(child as string | Record<string, unknown>)}`;
}
