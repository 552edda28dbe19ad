/**
 * How long a park may wait (DESIGN 3.2 step 4): until the state's deadline, or until the
 * execution's life nears its end (a Standard execution lives at most a year), whichever comes
 * first; in the second case the execution then hands over to a successor under a deterministic
 * name. Pure.
 */
import {
  EXECUTION_LIFETIME_SECONDS,
  type ParkTimer,
  type ParkTimerPayload,
  ROLLOVER_MARGIN_SECONDS,
} from '#statemachines/compiler/protocol.ts';

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
