/**
 * A 400-day lifecycle on the compiled ASL (aws-local-stepfunctions): no execution outlives a year,
 * each hands over to a successor with a deterministic name, and the proposal's deadlines still
 * fall due on their day. The same lifecycle on the local engine: test/integration/engine/.
 */
import { describe, expect, it } from 'vitest';
import { parkTimerOf } from '#shared/workflow/park-timer.ts';
import type { StateDocument } from '#statemachines/compiler/index.ts';
import { EXECUTION_LIFETIME_SECONDS } from '#statemachines/compiler/index.ts';
import { runOnLocalSfn, taskTimeout } from './harness/local-sfn.ts';
import { initialInput, lifecycleDefinition, modelStatesOf } from './support/conformance.ts';
import { DAY_MS, YEAR_LONG_STATES, YearLongWorld } from './support/year-long.ts';

interface ExecutionRun {
  readonly name: string;
  readonly startDay: number;
  readonly endDay: number;
  readonly visited: readonly string[];
  readonly status: string;
}

/** Runs the proposal's executions one after the other, each successor from its predecessor's rollover. */
async function runChain(world: YearLongWorld): Promise<{ runs: ExecutionRun[]; timeouts: number[] }> {
  const runs: ExecutionRun[] = [];
  const timeouts: number[] = [];
  let next: { input: StateDocument; name: string } | undefined = { input: initialInput, name: 'p-1' };
  while (next) {
    const { input, name } = next;
    next = undefined;
    const startTime = world.now;
    const run = await runOnLocalSfn(
      lifecycleDefinition,
      input,
      {
        // The real park timer, at the world's clock.
        timer: (_state, payload) => parkTimerOf(payload, new Date(world.now)),
        park: (_state, _payload, timeoutSeconds) => {
          if (timeoutSeconds === undefined) throw new Error('a park without a timeout');
          timeouts.push(timeoutSeconds);
          const eventAt = world.nextEventAt();
          const timeoutAt = world.now + timeoutSeconds * 1000;
          if (eventAt !== undefined && eventAt <= timeoutAt) {
            world.now = eventAt;
            return world.takeEvent();
          }
          world.now = timeoutAt;
          throw taskTimeout();
        },
        deadline: (state, payload) => world.deadline(state, payload.version),
        notify: () => undefined,
        rollover: (successor, successorName) => {
          next = { input: successor, name: successorName };
        },
      },
      { name, startTime: new Date(startTime).toISOString() },
    );
    runs.push({
      name,
      startDay: world.dayOf(startTime),
      endDay: world.dayOf(world.now),
      visited: run.visited,
      status: run.status,
    });
  }
  return { runs, timeouts };
}

describe('a 400-day lifecycle on the compiled ASL', () => {
  it('hands over before each execution’s year ends and keeps its deadlines', async () => {
    // GIVEN a proposal created on day 0 whose objection's six weeks straddle the first year's end
    const world = new YearLongWorld(Date.parse('2027-01-04T09:00:00.000Z'));
    const { runs, timeouts } = await runChain(world);

    // THEN two executions: the first hands over on day 358 (a year less the margin), named p-1-g2
    expect(runs.map((r) => [r.name, r.startDay, r.status])).toEqual([
      ['p-1', 0, 'SUCCEEDED'],
      ['p-1-g2', 358, 'SUCCEEDED'],
    ]);
    for (const run of runs) {
      expect((run.endDay - run.startDay) * DAY_MS).toBeLessThan(EXECUTION_LIFETIME_SECONDS * 1000);
    }
    // The deadline task tells the end of the execution's life apart from the deadline (issue 16).
    expect(runs[0]?.visited.slice(-4)).toEqual([
      'Deadline objection.inGroup.awaitingArguments',
      'Route objection.inGroup.awaitingArguments',
      'Rollover objection.inGroup.awaitingArguments',
      'Rolled over',
    ]);
    // AND the proposal goes through every state, its reconsideration deadline on day 387, done on day 400
    expect(runs.flatMap((r) => modelStatesOf(r.visited))).toEqual(YEAR_LONG_STATES);
    expect(runs[1]?.visited).toContain('Deadline objection.inGroup.reconsideration');
    expect(world.dayOf(world.now)).toBe(400);
    // AND no park ever waited 0 seconds or beyond its execution's life
    expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...timeouts)).toBeLessThanOrEqual(358 * 24 * 60 * 60);
  });
});
