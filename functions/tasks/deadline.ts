/**
 * Deadline task: a park task timed out. dispatch decides whether the deadline event wins; the task
 * returns the signal the execution follows next (DESIGN 3.2, step 3).
 */
import { type DeadlineAnswer, type DeadlineDeps, onDeadline } from '#shared/dispatch/index.ts';
import { type CovenantSource, withCovenantToday } from '#shared/usecases/covenant-source.ts';
import { type DeadlinePayload, rolloverAnswerOf, withTimer } from '#statemachines/compiler/index.ts';
import { isDeadlineEvent } from '#statemachines/proposal-lifecycle/phase.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';

export const createDeadlineHandler =
  (deps: DeadlineDeps & { readonly covenant?: CovenantSource }) =>
  async (payload: DeadlinePayload): Promise<DeadlineAnswer> => {
    if (!isDeadlineEvent(payload.event)) {
      throw new TypeError(`deadline task for ${payload.state} got '${payload.event}', not a deadline event`);
    }
    // The park timed out for the end of the execution's life, not for its deadline: hand over.
    const rollover = rolloverAnswerOf(payload);
    if (rollover) return rollover;
    // A deadline runs under the covenant version in force when it fires (DESIGN 2.5).
    const { covenant } = deps;
    const inForce = covenant ? await withCovenantToday({ ...deps, covenant }) : deps;
    const answer = await onDeadline(inForce, {
      proposalId: payload.proposalId,
      state: payload.state,
      version: payload.version,
      event: payload.event,
    });
    // The timer of the next park comes with the answer (an execution on an older ASL names neither).
    const { startTime, executionName } = payload;
    if (startTime === undefined || executionName === undefined) return answer;
    return withTimer(answer, { name: executionName, startTime }, deps.clock.now());
  };

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createDeadlineHandler> = onFirstCall(async () =>
  withTaskLogging('deadline', createDeadlineHandler(await cloudDeps())),
);
