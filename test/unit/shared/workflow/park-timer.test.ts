import { describe, expect, it } from 'vitest';
import { parkTimerOf, successorNameOf } from '#shared/workflow/park-timer.ts';
import type { ParkTimerPayload } from '#statemachines/compiler/index.ts';

const DAY_S = 24 * 60 * 60;
const START = '2027-01-04T09:00:00.000Z';
const dayAfterStart = (days: number) => new Date(Date.parse(START) + days * DAY_S * 1000);

const payload = (over: Partial<ParkTimerPayload> = {}): ParkTimerPayload => ({
  proposalId: 'p-1',
  state: 'objection.inGroup.awaitingArguments',
  deadline: true,
  signal: {
    type: 'OBJECT',
    target: 'objection.inGroup.awaitingArguments',
    version: 4,
    timeoutSeconds: 42 * DAY_S,
  },
  startTime: START,
  executionName: 'p-1',
  ...over,
});

describe('parkTimerOf', () => {
  it('counts from the due moment the signal carries, so a signal that took long to arrive is not late', () => {
    // GIVEN a transition made at day 10 whose deadline falls due at day 52, parked 30 s later
    const due = dayAfterStart(52).toISOString();
    const signal = { ...payload().signal, due };
    const parkedAt = new Date(dayAfterStart(10).getTime() + 30_000);
    // THEN the park waits until the due moment, not 42 days from when it parked
    expect(parkTimerOf(payload({ signal }), parkedAt)).toMatchObject({
      seconds: 42 * DAY_S - 30,
      onTimeout: 'deadline',
      due,
    });
  });

  it('waits for a deadline that falls within the execution’s life', () => {
    expect(parkTimerOf(payload(), dayAfterStart(10))).toEqual({
      seconds: 42 * DAY_S,
      onTimeout: 'deadline',
      due: dayAfterStart(52).toISOString(),
      successorName: 'p-1-g2',
    });
  });

  it('rolls over first when the deadline falls after the execution’s life less a week', () => {
    const timer = parkTimerOf(payload(), dayAfterStart(345));
    expect(timer).toMatchObject({
      seconds: 13 * DAY_S,
      onTimeout: 'rollover',
      due: dayAfterStart(387).toISOString(),
    });
  });

  it('parks a state without a deadline until the execution’s life less a week', () => {
    const timer = parkTimerOf(
      payload({ deadline: false, signal: { type: 'DRAFT', target: 'ready', version: 2 } }),
      dayAfterStart(300),
    );
    expect(timer).toMatchObject({ seconds: 58 * DAY_S, onTimeout: 'rollover', due: null });
  });

  it('never answers 0 seconds: a due deadline, a catch-up without seconds, a life already spent', () => {
    const at = dayAfterStart(1);
    const due = { type: 'OBJECT', target: 's', version: 2, timeoutSeconds: 0 };
    expect(parkTimerOf(payload({ signal: due }), at).seconds).toBe(1);
    expect(
      parkTimerOf(payload({ signal: { type: 'xstate.catch-up', target: 's', version: 2 } }), at).seconds,
    ).toBe(1);
    expect(parkTimerOf(payload({ deadline: false }), dayAfterStart(364))).toMatchObject({
      seconds: 1,
      onTimeout: 'rollover',
    });
  });

  it('takes a successor’s deadline from the due moment its predecessor handed over', () => {
    const rollover = {
      type: 'xstate.rollover',
      target: 's',
      version: 4,
      due: dayAfterStart(387).toISOString(),
    };
    const timer = parkTimerOf(
      payload({ signal: rollover, executionName: 'p-1-g2', startTime: dayAfterStart(358).toISOString() }),
      dayAfterStart(358),
    );
    expect(timer).toMatchObject({ seconds: 29 * DAY_S, onTimeout: 'deadline', successorName: 'p-1-g3' });
  });
});

describe('successorNameOf', () => {
  it('names the successors of a proposal’s execution -g2, -g3, …, and of a restarted one apart', () => {
    expect(['p-1', 'p-1-g2', 'p-1-g12'].map(successorNameOf)).toEqual(['p-1-g2', 'p-1-g3', 'p-1-g13']);
    expect(['p-1-v7', 'p-1-v7-g2'].map(successorNameOf)).toEqual(['p-1-v7-g2', 'p-1-v7-g3']);
  });
});
