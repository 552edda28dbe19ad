/**
 * Park task (Step Functions `lambda:invoke.waitForTaskToken`): stores the execution's task token
 * for the state it entered, or — when the proposal moved on first — answers the token at once
 * with the signal that moved it (DESIGN 3.2). Returns at once; the execution waits for the token.
 */
import type { ParkOutcome, RelayDeps } from '#shared/dispatch/relay.ts';
import { parkTaskToken } from '#shared/dispatch/relay.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { ParkPayload } from '#statemachines/compiler/index.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { cloudWorkflowDeps } from '../composition/workflow.ts';

export interface ParkTaskDeps extends RelayDeps {
  readonly clock: Clock;
}

export const createParkHandler =
  (deps: ParkTaskDeps) =>
  (payload: ParkPayload): Promise<ParkOutcome> =>
    parkTaskToken(deps, {
      proposalId: payload.proposalId,
      version: payload.version,
      taskToken: payload.taskToken,
      state: payload.state,
      executionArn: payload.executionArn,
      parkedAt: deps.clock.now().toISOString(),
    });

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createParkHandler> = onFirstCall(() =>
  createParkHandler(cloudWorkflowDeps()),
);
