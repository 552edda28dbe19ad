/**
 * The transition protocol between dispatch, the task Lambdas and the compiled ASL (DESIGN 3.2),
 * as data shapes. The ASL builds the payloads below with JSONPath; the Lambdas in
 * `functions/tasks/` implement the other side.
 */
import type { JsonValue } from './asl.ts';

/**
 * What dispatch computed: the event, the atomic or final state it leads to (its state key,
 * e.g. `objection.awaitingArguments`), the proposal's version after it, and, when the target
 * has a deadline, the seconds left until it (an integer ≥ 1).
 */
export interface Signal {
  readonly type: string;
  readonly target: string;
  readonly version: number;
  readonly timeoutSeconds?: number;
}

/** The execution's state document between any two states (and the execution input). */
export interface StateDocument {
  readonly proposalId: string;
  readonly signal: Signal;
}

/** Event types the ASL and the task Lambdas use besides the model's own. */
export const PROTOCOL_EVENTS = {
  /** The execution input of a new proposal. */
  init: 'xstate.init',
  /** The input of a successor execution started after 300 days parked without a deadline. */
  rollover: 'xstate.rollover',
  /** A deadline Lambda's answer when the timeout fired before the deadline: park again. */
  repark: 'xstate.repark',
} as const;

/**
 * The park Lambda's payload. Its answer comes through `SendTaskSuccess` and must be the whole
 * next {@link Signal} (type, target, version and, for a target with a deadline, timeoutSeconds):
 * the ASL stores it as `$.signal` unchanged.
 */
export interface ParkPayload {
  readonly taskToken: string;
  readonly proposalId: string;
  readonly state: string;
  readonly version: number;
  readonly executionArn: string;
}

/** The deadline Lambda's payload: the state that timed out and its delayed event. */
export interface DeadlinePayload {
  readonly proposalId: string;
  readonly state: string;
  readonly version: number;
  readonly event: string;
}

/**
 * The deadline Lambda's answer: the winning signal, with `timeoutSeconds` ALWAYS present
 * (0 when the target has no deadline). The ASL's `ResultSelector` reads each field with a
 * path, and Step Functions fails the execution on a path that points to nothing.
 */
export interface DeadlineResult extends Signal {
  readonly timeoutSeconds: number;
}

/** The notify Lambda's payload: one entry action of the state just entered. */
export interface NotifyPayload {
  readonly proposalId: string;
  readonly state: string;
  readonly version: number;
  readonly action: string;
  /** The action's `params` from the model; absent when the action has none. */
  readonly params?: JsonValue;
}

/** The task timeout of a state without a deadline: 300 days, then the execution rolls over. */
export const ROLLOVER_AFTER_SECONDS = 300 * 24 * 60 * 60;
