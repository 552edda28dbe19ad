/**
 * Deadline task: a park task timed out. dispatch decides whether the deadline event wins; the task
 * returns the signal the execution follows next (DESIGN 3.2, step 3).
 */
import { type DeadlineAnswer, type DeadlineDeps, onDeadline } from '#shared/dispatch/index.ts';
import type { DeadlinePayload } from '#statemachines/compiler/index.ts';
import { isDeadlineEvent } from '#statemachines/proposal-lifecycle/phase.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';

export const createDeadlineHandler =
  (deps: DeadlineDeps) =>
  async (payload: DeadlinePayload): Promise<DeadlineAnswer> => {
    if (!isDeadlineEvent(payload.event)) {
      throw new TypeError(`deadline task for ${payload.state} got '${payload.event}', not a deadline event`);
    }
    return onDeadline(deps, {
      proposalId: payload.proposalId,
      state: payload.state,
      version: payload.version,
      event: payload.event,
    });
  };

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createDeadlineHandler> = onFirstCall(() =>
  withTaskLogging('deadline', createDeadlineHandler(cloudDeps())),
);
