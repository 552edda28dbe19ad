/**
 * Park task (Step Functions): the park, and the timer where a park needs one.
 * 1. The timer (`lambda:invoke`, before the park where the signal brought no timer: a successor's
 *    start, a catch-up): how long the park may wait — the state's deadline or the execution's
 *    remaining life less a margin, at least a second — and the successor's name for a rollover
 *    (DESIGN 3.2 step 4). Pure: no table access.
 * 2. The park (`lambda:invoke.waitForTaskToken`): stores the execution's task token for the state
 *    it entered (with the execution's start, to time its next park), or — when the proposal moved
 *    on first — answers the token at once with the signal that moved it (DESIGN 3.2). Returns at
 *    once; the execution waits for the token.
 */
import type { ParkOutcome, RelayDeps } from '#shared/dispatch/relay.ts';
import { parkTaskToken } from '#shared/dispatch/relay.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { parkTimerOf } from '#shared/workflow/park-timer.ts';
import type { ParkPayload, ParkTimer, ParkTimerPayload } from '#statemachines/compiler/index.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';
import { cloudWorkflowDeps } from '../composition/workflow.ts';

export interface ParkTaskDeps extends RelayDeps {
  readonly clock: Clock;
}

const isTimer = (payload: ParkPayload | ParkTimerPayload): payload is ParkTimerPayload =>
  !('taskToken' in payload);

export function createParkHandler(deps: ParkTaskDeps) {
  function handle(payload: ParkTimerPayload): Promise<ParkTimer>;
  function handle(payload: ParkPayload): Promise<ParkOutcome>;
  function handle(payload: ParkPayload | ParkTimerPayload): Promise<ParkOutcome | ParkTimer>;
  async function handle(payload: ParkPayload | ParkTimerPayload): Promise<ParkOutcome | ParkTimer> {
    if (isTimer(payload)) return parkTimerOf(payload, deps.clock.now());
    return parkTaskToken(deps, {
      proposalId: payload.proposalId,
      version: payload.version,
      taskToken: payload.taskToken,
      state: payload.state,
      executionArn: payload.executionArn,
      parkedAt: deps.clock.now().toISOString(),
      ...(payload.startTime === undefined ? {} : { executionStartTime: payload.startTime }),
    });
  }
  return handle;
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler = onFirstCall<ParkPayload | ParkTimerPayload, ParkOutcome | ParkTimer>(() =>
  withTaskLogging('park', createParkHandler(cloudWorkflowDeps())),
);
