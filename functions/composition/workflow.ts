/**
 * The cloud composition root of the park task and the signal relay: the store and the workflow
 * adapter only, so that these functions, run on every transition, start quickly.
 */
import type { RelayDeps } from '#shared/dispatch/relay.ts';
import { type Clock, systemClock } from '#shared/ports/clock.ts';
import { cloudBasics, type Env } from './clients.ts';

/** The park task's and the relay's dependencies in the cloud. */
export function cloudWorkflowDeps(env: Env = process.env): RelayDeps & { readonly clock: Clock } {
  const { store, workflow } = cloudBasics(env);
  return { store, workflow, clock: systemClock };
}
