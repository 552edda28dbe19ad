/**
 * The park function answers two calls (functions/tasks/park.ts): the timer before a park, and the
 * park itself. Tests that stand in for the park with their own callback keep the real timer.
 */
import type { Clock } from '#shared/ports/clock.ts';
import { parkTimerOf } from '#shared/workflow/park-timer.ts';
import type { ParkPayload, ParkTimerPayload } from '#statemachines/compiler/index.ts';

/** Whether the park function's payload is the timer's. */
export const isTimerPayload = (payload: unknown): payload is ParkTimerPayload =>
  typeof payload === 'object' && payload !== null && 'startTime' in payload;

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
