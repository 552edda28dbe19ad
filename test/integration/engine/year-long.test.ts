/**
 * The 400-day lifecycle of test/statemachines/support/year-long.ts on the local engine: real
 * TimeoutSecondsPath timers on a clock that only moves when the test advances it, the real park
 * timer, and the rollover's StartExecution into the engine itself. The oracle's run of the same
 * lifecycle: test/statemachines/year-long.test.ts.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { AdjustableClock } from '#infra/local/clock.ts';
import {
  type DeadlinePayload,
  EXECUTION_LIFETIME_SECONDS,
  type ParkPayload,
  type ParkTimer,
  rolloverAnswerOf,
} from '#statemachines/compiler/index.ts';
import { PLAUSIBLE_SUBSTITUTIONS } from '#test/statemachines/harness/asl-validator.ts';
import { initialInput, lifecycleDefinition, modelStatesOf } from '#test/statemachines/support/conformance.ts';
import {
  isTimerPayload,
  relayed,
  timedAnswer,
  withParkTimer,
} from '#test/statemachines/support/park-timer.ts';
import { DAY_MS, YEAR_LONG_STATES, YearLongWorld } from '#test/statemachines/support/year-long.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, enteredStates, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();
const T0 = Date.parse('2027-01-04T09:00:00.000Z');
let lane: EngineFixture | undefined;
afterAll(async () => lane?.stop());

describe('a 400-day lifecycle on the local engine', () => {
  it('hands over before each execution’s year ends and keeps its deadlines', async () => {
    // GIVEN an engine whose clock moves only when the test advances it, and the world of the lifecycle
    const clock = new AdjustableClock(0, () => T0);
    const world = new YearLongWorld(T0);
    const parks: ParkPayload[] = [];
    let timeoutAt = Number.POSITIVE_INFINITY;
    const timeouts: number[] = [];
    const timer = withParkTimer(clock, async (park) => {
      parks.push(park);
      return { parked: true };
    });
    // Every park's timeout: from the timer task (a successor's start), or from the timer the signal
    // brought along (the start input, the relay's answer, the deadline task's answer).
    const timedFor = (seconds: number) => {
      timeouts.push(seconds);
      timeoutAt = clock.now().getTime() + seconds * 1000;
    };
    lane = await startEngine(ddb, {
      clock,
      handlers: {
        [String(PLAUSIBLE_SUBSTITUTIONS.ParkFunctionArn)]: async (payload) => {
          const answer = await timer(payload);
          if (isTimerPayload(payload)) timedFor((answer as ParkTimer).seconds);
          return answer;
        },
        [String(PLAUSIBLE_SUBSTITUTIONS.DeadlineFunctionArn)]: async (payload) => {
          const deadline = payload as DeadlinePayload;
          // As the deadline Lambda does: a park timed out for the end of the execution's life rolls over.
          const rollover = rolloverAnswerOf(deadline);
          if (rollover) return rollover;
          world.now = clock.now().getTime();
          const answer = timedAnswer(world.deadline(deadline.state, deadline.version), deadline, clock);
          timedFor(answer.timer.seconds);
          return answer;
        },
        [String(PLAUSIBLE_SUBSTITUTIONS.NotifyFunctionArn)]: async () => null,
      },
      definitions: { proposal: lifecycleDefinition },
      substitutions: PLAUSIBLE_SUBSTITUTIONS,
    });
    const { engine, sfn } = lane;
    const stateMachineArn = engine.stateMachineArn('proposal');

    // WHEN the proposal is created and every event and timeout of 400 days comes in its turn
    timedFor(initialInput.signal.timer?.seconds ?? 0);
    await engine.startExecution({ stateMachineArn, name: 'p-1', input: JSON.stringify(initialInput) });
    await engine.idle();
    for (let eventAt = world.nextEventAt(); eventAt !== undefined; eventAt = world.nextEventAt()) {
      const now = clock.now().getTime();
      if (eventAt <= timeoutAt) {
        clock.advance(eventAt - now);
        world.now = eventAt;
        const park = parks.at(-1);
        if (!park) throw new Error('nothing parked');
        const signal = relayed(world.takeEvent(), park, clock);
        timedFor(signal.timer.seconds);
        await sfn.send(
          new SendTaskSuccessCommand({ taskToken: park.taskToken, output: JSON.stringify(signal) }),
        );
      } else {
        clock.advance(timeoutAt - now);
        world.now = timeoutAt;
      }
      await engine.idle();
    }

    // THEN two executions, the second named p-1-g2 and started on day 358; neither lived a year
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    const executions = await Promise.all(
      (listed.executions ?? [])
        .map((e) => String(e.executionArn))
        .sort()
        .map((executionArn) => sfn.send(new DescribeExecutionCommand({ executionArn }))),
    );
    expect(executions.map((e) => [e.name, e.status, ((e.startDate?.getTime() ?? 0) - T0) / DAY_MS])).toEqual([
      ['p-1', 'SUCCEEDED', 0],
      ['p-1-g2', 'SUCCEEDED', 358],
    ]);
    for (const e of executions) {
      const lived = (e.stopDate?.getTime() ?? 0) - (e.startDate?.getTime() ?? 0);
      expect(lived).toBeLessThan(EXECUTION_LIFETIME_SECONDS * 1000);
    }
    // AND the proposal went through every state, done on day 400; no park waited 0 seconds
    const visited: string[] = [];
    for (const e of executions) {
      const history = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: e.executionArn, maxResults: 1000 }),
      );
      visited.push(...enteredStates(history.events ?? []));
    }
    expect(modelStatesOf(visited)).toEqual(YEAR_LONG_STATES);
    expect(visited).toContain('Deadline objection.inGroup.reconsideration');
    expect(world.dayOf(clock.now().getTime())).toBe(400);
    expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(1);
  });
});
