/**
 * Deadline task: a park task timed out. dispatch decides whether the deadline event wins; the task
 * returns the signal the execution follows next (DESIGN 3.2, step 3), with the state its transition
 * entered, so that the e-mails of that state need not read the proposal again.
 */
import {
  type DeadlineAnswer,
  type DeadlineDeps,
  type DispatchResult,
  onDeadline,
} from '#shared/dispatch/index.ts';
import { type CovenantSource, withCovenantToday } from '#shared/usecases/covenant-source.ts';
import {
  type DeadlinePayload,
  type EnteredState,
  type JsonValue,
  rolloverAnswerOf,
  withTimer,
} from '#statemachines/compiler/index.ts';
import { isDeadlineEvent } from '#statemachines/proposal-lifecycle/phase.ts';
import { cloudDeps } from '../composition/app.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';

/**
 * The largest entered state carried in the execution's state (JSON characters). Step Functions
 * keeps at most 256 KB of state; a proposal's texts may run to hundreds of KB (a 50,000-character
 * text, arguments and alternatives per objector), so a larger one is not carried: its e-mails read
 * the proposal as before.
 */
export const ENTERED_STATE_MAX_CHARS = 32_768;

/** The state the deadline's transition entered, as the e-mails of its entry actions describe it. */
export function enteredStateOf(won: DispatchResult | undefined): EnteredState | null {
  if (!won) return null;
  const { proposal, context } = won;
  const entered: EnteredState = {
    version: proposal.version,
    proposal: { id: proposal.id, title: proposal.title, standards: proposal.standards },
    context: context as unknown as JsonValue,
    // The deadline event happens at the transition's moment: its event's `at` and `updatedAt` are one.
    at: proposal.updatedAt,
  };
  return JSON.stringify(entered).length <= ENTERED_STATE_MAX_CHARS ? entered : null;
}

export const createDeadlineHandler =
  (deps: DeadlineDeps & { readonly covenant?: CovenantSource }) =>
  async (payload: DeadlinePayload): Promise<DeadlineAnswer & { entered: EnteredState | null }> => {
    if (!isDeadlineEvent(payload.event)) {
      throw new TypeError(`deadline task for ${payload.state} got '${payload.event}', not a deadline event`);
    }
    // The park timed out for the end of the execution's life, not for its deadline: hand over.
    const rollover = rolloverAnswerOf(payload);
    if (rollover) return rollover;
    // A deadline runs under the covenant version in force when it fires (DESIGN 2.5).
    const { covenant } = deps;
    const inForce = covenant ? await withCovenantToday({ ...deps, covenant }) : deps;
    let won: DispatchResult | undefined;
    const signal = await onDeadline(
      inForce,
      {
        proposalId: payload.proposalId,
        state: payload.state,
        version: payload.version,
        event: payload.event,
      },
      (result) => {
        won = result;
      },
    );
    const answer = { ...signal, entered: enteredStateOf(won) };
    // The timer of the next park comes with the answer (an execution on an older ASL names neither).
    const { startTime, executionName } = payload;
    if (startTime === undefined || executionName === undefined) return answer;
    return withTimer(answer, { name: executionName, startTime }, deps.clock.now());
  };

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createDeadlineHandler> = onFirstCall(async () =>
  withTaskLogging('deadline', createDeadlineHandler(await cloudDeps())),
);
