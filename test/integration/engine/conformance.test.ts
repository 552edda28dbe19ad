/**
 * The local engine and aws-local-stepfunctions (the oracle) run the compiled lifecycle on every
 * path of the model and must agree: the same states entered in the same order, the same e-mails,
 * the same ending. On the engine the park task answers as the real relay does, with
 * SendTaskSuccess on the token it received, and deadlines are real TimeoutSecondsPath timeouts
 * that fire when the clock is advanced.
 */
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Clock } from '#shared/ports/clock.ts';
import type { DeadlinePayload, NotifyPayload, ParkPayload } from '#statemachines/compiler/index.ts';
import type { NotifyParams } from '#statemachines/proposal-lifecycle/index.ts';
import { PLAUSIBLE_SUBSTITUTIONS } from '#test/statemachines/harness/asl-validator.ts';
import { withoutTaskFailedRetries } from '#test/statemachines/harness/local-sfn.ts';
import {
  DEADLINE_TIMEOUT_SECONDS,
  END_OF_PATH,
  emailLine,
  initialInput,
  lifecycleDefinition,
  modelStatesOf,
  type PathSignal,
  throughAsl,
  throughXState,
} from '#test/statemachines/support/conformance.ts';
import { relayed, timedAnswer, withParkTimer } from '#test/statemachines/support/park-timer.ts';
import { pathsCoveringEveryTransition } from '#test/statemachines/support/paths.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, enteredStates, fullHistory, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();
const paths = pathsCoveringEveryTransition();

/** What the task handlers of one run saw: its tokens as they parked, its e-mails, its deadlines. */
interface RunLog {
  /** The clock of the run's lane: the park timer's time. */
  readonly clock: Clock;
  readonly parked: ParkPayload[];
  readonly emails: string[];
  readonly queue: PathSignal[];
  deadlines: number;
}

const runs = new Map<string, RunLog>();
const runOf = (proposalId: string): RunLog => {
  const run = runs.get(proposalId);
  if (run === undefined) throw new Error(`no run for ${proposalId}`);
  return run;
};

/** The Lambda stand-ins, as the composition root maps them (by the substituted FunctionName). */
const handlers = {
  [String(PLAUSIBLE_SUBSTITUTIONS.ParkFunctionArn)]: async (payload: unknown) => {
    const { proposalId } = payload as ParkPayload;
    return withParkTimer(runOf(proposalId).clock, async (park) => {
      runOf(proposalId).parked.push(park);
      return { parked: true };
    })(payload);
  },
  [String(PLAUSIBLE_SUBSTITUTIONS.DeadlineFunctionArn)]: async (payload: unknown) => {
    const run = runOf((payload as DeadlinePayload).proposalId);
    const next = run.queue.shift();
    if (!next?.deadline) throw new Error('deadline task without a deadline event');
    run.deadlines++;
    const answer = { ...next.signal, timeoutSeconds: next.signal.timeoutSeconds ?? 0, entered: null };
    return timedAnswer(answer, payload as DeadlinePayload, run.clock);
  },
  [String(PLAUSIBLE_SUBSTITUTIONS.NotifyFunctionArn)]: async (payload: unknown) => {
    const notify = payload as NotifyPayload;
    runOf(notify.proposalId).emails.push(emailLine(notify.state, notify.params as unknown as NotifyParams));
    return null;
  },
};

/**
 * Engines that run paths side by side, each on its own table with its own clock: advancing one
 * engine's clock for a deadline must not fire another path's timers.
 */
const LANES = 4;
const idleLanes: EngineFixture[] = [];
const waitingForLane: ((lane: EngineFixture) => void)[] = [];

async function withLane<T>(run: (lane: EngineFixture) => Promise<T>): Promise<T> {
  const lane =
    idleLanes.pop() ?? (await new Promise<EngineFixture>((resolve) => waitingForLane.push(resolve)));
  try {
    return await run(lane);
  } finally {
    const waiting = waitingForLane.shift();
    if (waiting) waiting(lane);
    else idleLanes.push(lane);
  }
}

const all: EngineFixture[] = [];

beforeAll(async () => {
  for (let i = 0; i < LANES; i++) {
    const lane = await startEngine(ddb, {
      handlers,
      // Both runs end a path by failing the park task (EndOfPath), which the shipped retrier on
      // States.TaskFailed would retry: both use the definition without it. The engine's retry of
      // the shipped definition is shown in task-retry.test.ts.
      definitions: { proposal: withoutTaskFailedRetries(lifecycleDefinition) },
      substitutions: PLAUSIBLE_SUBSTITUTIONS,
    });
    all.push(lane);
    idleLanes.push(lane);
  }
});

afterAll(async () => {
  for (const lane of all) await lane.stop();
});

/** Deadline tasks run just before a deadline (should be 0) and at it (should be 1). */
interface DeadlineCheck {
  readonly before: number;
  readonly at: number;
}

/** A deadline: the clock moves to a minute before it, then to it; the park task times out at it. */
async function passDeadline(lane: EngineFixture, run: RunLog): Promise<DeadlineCheck> {
  const margin = 60;
  lane.clock.advance((DEADLINE_TIMEOUT_SECONDS - margin) * 1000);
  await lane.engine.idle();
  const before = run.deadlines;
  lane.clock.advance(margin * 1000);
  await lane.engine.idle();
  const at = run.deadlines - before;
  run.deadlines = 0;
  return { before, at };
}

/** Answers the parked token with the next signal, like the relay; or passes the next deadline. */
async function answer(
  lane: EngineFixture,
  run: RunLog,
  park: ParkPayload,
): Promise<DeadlineCheck | undefined> {
  const next = run.queue[0];
  const { sfn, engine } = lane;
  if (next?.deadline) return passDeadline(lane, run);
  if (next === undefined) {
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: park.taskToken, error: END_OF_PATH, cause: 'no more events' }),
    );
  } else {
    run.queue.shift();
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: park.taskToken,
        output: JSON.stringify(relayed(next.signal, park, run.clock)),
      }),
    );
  }
  await engine.idle();
  return undefined;
}

/** The path on an engine: start, then answer each park until the execution ends. */
async function throughEngine(lane: EngineFixture, proposalId: string, signals: readonly PathSignal[]) {
  const run: RunLog = { clock: lane.clock, parked: [], emails: [], queue: [...signals], deadlines: 0 };
  runs.set(proposalId, run);
  const { sfn, engine } = lane;
  const { executionArn } = await engine.startExecution({
    stateMachineArn: engine.stateMachineArn('proposal'),
    name: proposalId,
    input: JSON.stringify({ ...initialInput, proposalId }),
  });
  await engine.idle();
  const deadlines: DeadlineCheck[] = [];
  const parkedAtOnce: number[] = [];
  for (let park = run.parked.shift(); park !== undefined; park = run.parked.shift()) {
    parkedAtOnce.push(run.parked.length + 1);
    const check = await answer(lane, run, park);
    if (check) deadlines.push(check);
  }
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const visited = enteredStates(await fullHistory(sfn, String(executionArn)));
  return {
    visited,
    emails: run.emails,
    status: execution.status,
    error: execution.error,
    deadlines,
    parkedAtOnce,
  };
}

describe('local engine conformance with aws-local-stepfunctions', () => {
  it.concurrent.for(paths.map((p, i) => [p.covers, p, i] as const))(
    'agrees with the oracle on the path that takes %s',
    async ([_covers, path, i], { expect }) => {
      const model = throughXState(path);
      const oracle = await throughAsl(model.signals);
      const engine = await withLane((lane) => throughEngine(lane, `path-${i}`, model.signals));
      expect(engine.visited).toEqual(oracle.run.visited);
      expect(engine.emails).toEqual(oracle.trace.emails);
      expect(engine.status).toBe(oracle.run.status);
      expect(engine.error).toBe(oracle.run.error?.Error);
      expect(modelStatesOf(engine.visited)).toEqual(model.trace.states);
      // One park at a time, and each deadline fired at its timeout, not a minute before.
      expect(engine.parkedAtOnce.every((count) => count === 1)).toBe(true);
      const deadlineEvents = model.signals.filter((s) => s.deadline).length;
      expect(engine.deadlines).toEqual(Array.from({ length: deadlineEvents }, () => ({ before: 0, at: 1 })));
    },
  );
});
