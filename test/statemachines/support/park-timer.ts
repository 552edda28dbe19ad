/**
 * The park function answers two calls (functions/tasks/park.ts): the timer before a park where the
 * signal brought none, and the park itself. Tests that stand in for the park with their own
 * callback keep the real timer; tests that answer parked tokens themselves time the next park as
 * the relay does ({@link relayed}).
 */
import type { Clock } from '#shared/ports/clock.ts';
import { parkTimerOf } from '#shared/workflow/park-timer.ts';
import {
  type DeadlinePayload,
  executionNameOf,
  type ParkPayload,
  type ParkTimer,
  type ParkTimerPayload,
  type Signal,
  withTimer,
} from '#statemachines/compiler/index.ts';

/** Whether the park function's payload is the timer's (the park's carries a task token). */
export const isTimerPayload = (payload: unknown): payload is ParkTimerPayload =>
  typeof payload === 'object' && payload !== null && !('taskToken' in payload);

/** A park function handler: the real timer at `clock`, and `park` for the park itself. */
export function withParkTimer(
  clock: Clock | (() => Clock),
  park: (payload: ParkPayload) => Promise<unknown>,
): (payload: unknown) => Promise<unknown> {
  return async (payload) => {
    if (!isTimerPayload(payload)) return park(payload as ParkPayload);
    const now = (typeof clock === 'function' ? clock() : clock).now();
    return parkTimerOf(payload, now);
  };
}

/** The execution of a park, as the park payload names it (start time absent on an older ASL). */
type ParkedIn = Pick<ParkPayload, 'executionArn' | 'startTime'>;

/**
 * `signal` as the relay hands it to the execution parked in `park` (shared/dispatch/relay.ts): with
 * the timer of its target's park, worked out at `clock`'s now.
 */
export function relayed(signal: Signal, park: ParkedIn, clock: Clock): Signal & { timer: ParkTimer } {
  const now = clock.now();
  const execution = {
    name: executionNameOf(park.executionArn),
    startTime: park.startTime ?? now.toISOString(),
  };
  return withTimer(signal, execution, now);
}

/** A deadline task's answer as the deadline Lambda gives it (functions/tasks/deadline.ts): timed. */
export function timedAnswer<A extends Signal>(
  answer: A,
  payload: DeadlinePayload,
  clock: Clock,
): A & { timer: ParkTimer } {
  const now = clock.now();
  const execution = {
    name: payload.executionName ?? 'p-1',
    startTime: payload.startTime ?? now.toISOString(),
  };
  return withTimer(answer, execution, now);
}
