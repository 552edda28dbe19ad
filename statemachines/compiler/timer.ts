/**
 * How long a park may wait (DESIGN 3.2 step 4): until the state's deadline, or until the
 * execution's life nears its end (a Standard execution lives at most a year), whichever comes
 * first; in the second case the execution then hands over to a successor under a deterministic
 * name. Whoever hands a signal to the execution (the relay, the park task answering itself, the
 * deadline task, the start of a new proposal's execution) times the park of its target with it, as
 * `signal.timer`: the park reads its timeout from there, so no state of its own times it (issue 16).
 * Pure.
 */
import {
  type DeadlinePayload,
  type DeadlineResult,
  EXECUTION_LIFETIME_SECONDS,
  type ParkTimer,
  type ParkTimerPayload,
  PROTOCOL_EVENTS,
  ROLLOVER_MARGIN_SECONDS,
  type Signal,
} from './protocol.ts';

const GENERATION = /-g(\d+)$/;

/**
 * The name of the successor of execution `executionName`: `<name>-g2` for a first generation
 * (the proposal's own execution, `<proposal id>`, or one the sweeper restarted,
 * `<proposal id>-v<version>`), then `-g3`, `-g4`, … Deterministic, so a retried start is a no-op,
 * and distinct per chain, so a restarted chain never meets the names of the one it replaced.
 */
export function successorNameOf(executionName: string): string {
  const match = GENERATION.exec(executionName);
  if (!match?.[1]) return `${executionName}-g2`;
  return `${executionName.slice(0, match.index)}-g${Number(match[1]) + 1}`;
}

/**
 * When the state's deadline falls due, or null: from the signal's `due` (a transition's, or a
 * rollover's), else from `timeoutSeconds`. The due moment, not the seconds counted when the signal
 * was made, so the signal's way to the park (the relay, a busy engine) does not make it late.
 */
function dueOf(payload: ParkTimerPayload, now: number): number | null {
  if (!payload.deadline) return null;
  const { signal } = payload;
  if (typeof signal.due === 'string') return Date.parse(signal.due);
  // A signal into a deadline state carries the seconds left; a catch-up without them: the deadline
  // task finds out at once (it re-parks for the time left when the timer fired early).
  return now + Math.max(0, signal.timeoutSeconds ?? 0) * 1000;
}

/** The park's timer for `payload` at `now`. */
export function parkTimerOf(payload: ParkTimerPayload, now: Date): ParkTimer {
  const at = now.getTime();
  const handOverAt =
    Date.parse(payload.startTime) + (EXECUTION_LIFETIME_SECONDS - ROLLOVER_MARGIN_SECONDS) * 1000;
  const due = dueOf(payload, at);
  const rollover = due === null || due > handOverAt;
  const until = rollover ? handOverAt : due;
  return {
    // Step Functions refuses a timeout of 0: at least a second (a due deadline fires at once).
    seconds: Math.max(1, Math.ceil((until - at) / 1000)),
    onTimeout: rollover ? 'rollover' : 'deadline',
    due: due === null ? null : new Date(due).toISOString(),
    successorName: successorNameOf(payload.executionName),
  };
}

/** The execution a signal is handed to: its name and start (`$$.Execution.Name`, `…StartTime`). */
export interface ExecutionOfPark {
  readonly name: string;
  readonly startTime: string;
}

/**
 * Whether the park of the signal's target waits for a deadline. A transition into a state with a
 * deadline carries its `due` (dispatch), a re-park its seconds left; a
 * catch-up (the proposal's state, read after a race) carries neither, and is timed as if its
 * deadline were due now: the park times out at once, and the timed-out route times it properly (a
 * deadline state's deadline task re-parks for the time left; any other state's timer task).
 */
function waitsForDeadline(signal: Signal): boolean {
  if (typeof signal.due === 'string') return true;
  if (signal.type === PROTOCOL_EVENTS.repark || signal.type === PROTOCOL_EVENTS.catchUp) return true;
  // A deadline task's answer says 0 seconds for a target without a deadline.
  return (signal.timeoutSeconds ?? 0) > 0;
}

/** What the timer of the signal's target's park is worked out from (as the timer task gets it). */
export function timerPayloadOf(signal: Signal, execution: ExecutionOfPark): ParkTimerPayload {
  const { timer: _previous, ...plain } = signal;
  return {
    proposalId: '',
    state: signal.target,
    deadline: waitsForDeadline(signal),
    signal: plain,
    startTime: execution.startTime,
    executionName: execution.name,
  };
}

/** `signal` with the timer of its target's park, for `execution` at `now`. Pure. */
export function withTimer<S extends Signal>(
  signal: S,
  execution: ExecutionOfPark,
  now: Date,
): S & { timer: ParkTimer } {
  return { ...signal, timer: parkTimerOf(timerPayloadOf(signal, execution), now) };
}

/**
 * The timer of a new proposal's execution, in its start input: its first park waits for the
 * execution's life less the margin, counted from the park (the execution's second state). An
 * initial state with a deadline is timed by its timer task instead (the compiled `Start` routes
 * there).
 */
export function initialTimer(executionName: string): ParkTimer {
  return {
    seconds: EXECUTION_LIFETIME_SECONDS - ROLLOVER_MARGIN_SECONDS,
    onTimeout: 'rollover',
    due: null,
    successorName: successorNameOf(executionName),
  };
}

/** The execution's name in its ARN (`arn:aws:states:<region>:<account>:execution:<machine>:<name>`). */
export function executionNameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(':') + 1);
}

/**
 * The deadline task's answer when the park timed out for the end of the execution's life rather
 * than for its deadline: hand over to a successor (the route leads a rollover to the rollover
 * task), with the park's own timer, which names the successor and the deadline's due moment.
 * Undefined when the deadline fell due. Folding this choice into the deadline task saves a state on
 * every deadline (issue 16).
 */
export function rolloverAnswerOf(
  payload: DeadlinePayload,
): (DeadlineResult & { readonly due?: never; readonly timer: ParkTimer }) | undefined {
  const { timer } = payload;
  if (timer?.onTimeout !== 'rollover') return undefined;
  return {
    type: PROTOCOL_EVENTS.rollover,
    target: payload.state,
    version: payload.version,
    timeoutSeconds: 0,
    timer,
    entered: null,
  };
}
