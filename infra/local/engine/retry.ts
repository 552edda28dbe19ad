// Which Retry or Catch entry takes an error, and how long a retry waits, by the ASL rules.
import type { Catcher, Retrier } from '#statemachines/compiler/asl.ts';

/**
 * True when `errorEquals` names `error`. `States.ALL` matches every error and `States.TaskFailed`
 * every error but `States.Timeout`; neither, nor anything else, matches `States.Runtime`, which
 * always fails the execution.
 */
export function matchesError(errorEquals: readonly string[], error: string): boolean {
  if (error === 'States.Runtime') return false;
  return errorEquals.some(
    (name) =>
      name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );
}

/** A retry to make: which retrier (its counter goes up) and after how long. */
export interface RetryDecision {
  readonly retrier: number;
  readonly delayMs: number;
}

/** The delay before retry number `retriesDone + 1` of `retrier`: IntervalSeconds × BackoffRate^retriesDone. */
export function retryDelayMs(retrier: Retrier, retriesDone: number): number {
  return Math.round((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** retriesDone * 1000);
}

/**
 * Whether to retry after `error`. Only the FIRST retrier naming the error counts: once its
 * MaxAttempts are used up the error goes to Catch, even if a later retrier names it too.
 * @param counts the retries each retrier has made since the state was entered
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  counts: readonly number[],
  error: string,
): RetryDecision | undefined {
  const index = (retriers ?? []).findIndex((retrier) => matchesError(retrier.ErrorEquals, error));
  const retrier = retriers?.[index];
  if (retrier === undefined) return undefined;
  const done = counts[index] ?? 0;
  if (done >= (retrier.MaxAttempts ?? 3)) return undefined;
  return { retrier: index, delayMs: retryDelayMs(retrier, done) };
}

/** The first Catch entry naming `error`, if any. */
export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return catchers?.find((catcher) => matchesError(catcher.ErrorEquals, error));
}
