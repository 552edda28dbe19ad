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
  /**
   * When the deadline of the target (or, in a successor execution's input, `xstate.rollover`, of
   * the state it continues in) falls due (ISO 8601); null or absent for a state without one. The
   * park's timer counts from it rather than from `timeoutSeconds`.
   */
  readonly due?: string | null;
  /**
   * The timer of the target's park (DESIGN 3.2 step 4), added by whoever hands the signal to the
   * execution (see `timer.ts`); the park reads its timeout from it. Absent in a successor's or a
   * restarted execution's input, whose `Start` times the park with the timer task.
   */
  readonly timer?: ParkTimer;
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
  /** The input of a successor execution, started when its predecessor's life nears its end. */
  rollover: 'xstate.rollover',
  /** A deadline Lambda's answer when the timeout fired before the deadline: park again. */
  repark: 'xstate.repark',
  /**
   * The answer of a park or deadline task that found the signal it needed already taken: the
   * proposal's state as read, so the execution catches up with it.
   */
  catchUp: 'xstate.catch-up',
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
  /**
   * `$$.Execution.StartTime`: stored with the token, so whoever answers it can time the next park.
   * Absent from executions started on an ASL from before it (they time each park themselves).
   */
  readonly startTime?: string;
}

/** The deadline Lambda's payload: the state that timed out and its delayed event. */
export interface DeadlinePayload {
  readonly proposalId: string;
  readonly state: string;
  readonly version: number;
  readonly event: string;
  /**
   * `$$.Execution.StartTime` and `$$.Execution.Name`: to time the park of the answer's target.
   * Absent from executions started on an ASL from before them (they time each park themselves).
   */
  readonly startTime?: string;
  readonly executionName?: string;
  /**
   * The timer the park that timed out had: when it says `rollover`, the execution's life ends
   * before the deadline, and the task answers with a rollover instead (see `rolloverAnswerOf`).
   */
  readonly timer?: ParkTimer;
}

/**
 * The deadline Lambda's answer: the winning signal, with `timeoutSeconds` ALWAYS present
 * (0 when the target has no deadline). The ASL's `ResultSelector` reads each field with a
 * path, and Step Functions fails the execution on a path that points to nothing.
 */
export interface DeadlineResult extends Signal {
  readonly timeoutSeconds: number;
  /**
   * The timer of the answer's target's park (`timer.ts`): ALWAYS present when the payload named the
   * execution, as the ResultSelector reads it.
   */
  readonly timer?: ParkTimer;
  /**
   * What the deadline's transition led into, for the e-mails of that state's entry actions: null
   * when the deadline did not win (or the state is too large to carry). ALWAYS present, as the
   * ResultSelector reads it.
   */
  readonly entered: EnteredState | null;
}

/**
 * The state a deadline task's transition entered, as its e-mails describe it: the notify task
 * that follows in the same execution composes them from this instead of reading the proposal
 * again (issue 16: one DynamoDB read fewer for every deadline that fires).
 */
export interface EnteredState {
  /** The proposal's version after the transition: the notify payload's `version`. */
  readonly version: number;
  readonly proposal: { readonly id: string; readonly title: string; readonly standards: readonly string[] };
  /** The model's context at that version (JSON). */
  readonly context: JsonValue;
  /** When the transition happened (the deadline event's time). */
  readonly at: string;
}

/** The notify Lambda's payload: one entry action of the state just entered. */
export interface NotifyPayload {
  readonly proposalId: string;
  readonly state: string;
  readonly version: number;
  readonly action: string;
  /** The action's `params` from the model; absent when the action has none. */
  readonly params?: JsonValue;
  /**
   * The signal that led into the state (`$.signal`): after a deadline it carries the
   * {@link EnteredState}. Absent from executions started on an ASL from before it.
   */
  readonly signal?: { readonly entered?: EnteredState | null };
}

/**
 * The timer task's payload (the park function, before each park): the state, the signal that led
 * into it, and the execution's start and name, from which the timer works out how long the park
 * may wait (DESIGN 3.2 step 4).
 */
export interface ParkTimerPayload {
  readonly proposalId: string;
  readonly state: string;
  /** Whether the state has a deadline (then the signal's `timeoutSeconds` or `due` gives it). */
  readonly deadline: boolean;
  readonly signal: Signal;
  /** `$$.Execution.StartTime`. */
  readonly startTime: string;
  /** `$$.Execution.Name`: the proposal id, then `<proposal id>-g<generation>` for successors. */
  readonly executionName: string;
}

/** The timer task's answer, kept as `$.signal.timer` in the state document (see `Signal.timer`). */
export interface ParkTimer {
  /** The park's task timeout: an integer ≥ 1 (Step Functions refuses 0). */
  readonly seconds: number;
  /**
   * What the timeout means: the state's deadline fell due, or the execution must hand over to a
   * successor first (a string, so that the ASL routes on it with `StringEquals` like everywhere).
   */
  readonly onTimeout: 'deadline' | 'rollover';
  /** When the state's deadline falls due (ISO 8601), or null for a state without one. */
  readonly due: string | null;
  /** The successor execution's name: deterministic, so a retried start is a no-op. */
  readonly successorName: string;
}

/** A Standard execution lives at most a year (Step Functions quota). */
export const EXECUTION_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

/**
 * How long before the end of its life an execution hands over to its successor: room for the
 * rollover task's retries and for an operator to redrive a failed rollover.
 */
export const ROLLOVER_MARGIN_SECONDS = 7 * 24 * 60 * 60;
