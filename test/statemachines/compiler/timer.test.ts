import { describe, expect, it } from 'vitest';
import { executionNameOf, initialTimer, withTimer } from '#statemachines/compiler/index.ts';

const DAY_S = 24 * 60 * 60;
const START = '2027-01-04T09:00:00.000Z';
const dayAfterStart = (days: number) => new Date(Date.parse(START) + days * DAY_S * 1000);
const execution = { name: 'p-1', startTime: START };

describe('withTimer (the timer a signal brings to its target’s park, issue 16)', () => {
  it('times a transition into a state with a deadline by the due moment dispatch gave it', () => {
    // GIVEN the objection of day 10 whose arguments are due at day 52, relayed a second later
    const due = dayAfterStart(52).toISOString();
    const signal = {
      type: 'OBJECT',
      target: 'awaitingArguments',
      version: 4,
      timeoutSeconds: 42 * DAY_S,
      due,
    };
    // WHEN the relay hands it to the execution
    const timed = withTimer(signal, execution, new Date(dayAfterStart(10).getTime() + 1000));
    // THEN the park waits until the due moment, and the signal is otherwise unchanged
    expect(timed).toEqual({
      ...signal,
      timer: { seconds: 42 * DAY_S - 1, onTimeout: 'deadline', due, successorName: 'p-1-g2' },
    });
  });

  it('parks a state without a deadline until the execution’s life less the margin', () => {
    const signal = { type: 'DRAFT', target: 'ready', version: 2 };
    expect(withTimer(signal, execution, dayAfterStart(100)).timer).toEqual({
      seconds: 258 * DAY_S,
      onTimeout: 'rollover',
      due: null,
      successorName: 'p-1-g2',
    });
  });

  it('hands over to a successor first when the deadline falls after the execution’s life', () => {
    const due = dayAfterStart(380).toISOString();
    const signal = { type: 'ESCALATE', target: 'ministryMeeting', version: 9, due };
    expect(withTimer(signal, execution, dayAfterStart(350)).timer).toMatchObject({
      seconds: 8 * DAY_S,
      onTimeout: 'rollover',
      due,
    });
  });

  it('re-parks a deadline state for the seconds a deadline task found left', () => {
    const signal = { type: 'xstate.repark', target: 'awaitingArguments', version: 4, timeoutSeconds: 60 };
    expect(withTimer(signal, execution, dayAfterStart(52)).timer).toMatchObject({
      seconds: 60,
      onTimeout: 'deadline',
    });
  });

  it('times a deadline task’s answer into a state without a deadline (0 seconds) by the execution’s life', () => {
    const signal = { type: 'xstate.after.x', target: 'objectionLapsed', version: 5, timeoutSeconds: 0 };
    expect(withTimer(signal, execution, dayAfterStart(52)).timer).toMatchObject({ onTimeout: 'rollover' });
  });

  it('lets a catch-up (deadline unknown) time out at once, so the timed-out route times it properly', () => {
    const signal = { type: 'xstate.catch-up', target: 'awaitingArguments', version: 7 };
    expect(withTimer(signal, execution, dayAfterStart(20)).timer).toMatchObject({
      seconds: 1,
      onTimeout: 'deadline',
    });
  });

  it('replaces the timer the signal brought to the park it leaves', () => {
    const old = { seconds: 5, onTimeout: 'deadline', due: START, successorName: 'x' } as const;
    const signal = { type: 'DRAFT', target: 'ready', version: 2, timer: old };
    expect(withTimer(signal, execution, dayAfterStart(1)).timer.onTimeout).toBe('rollover');
  });
});

describe('initialTimer', () => {
  it('parks a new proposal for the execution’s life less a week, with a deterministic successor', () => {
    expect(initialTimer('p-7')).toEqual({
      seconds: 358 * DAY_S,
      onTimeout: 'rollover',
      due: null,
      successorName: 'p-7-g2',
    });
  });
});

describe('executionNameOf', () => {
  it('reads the execution’s name from its ARN', () => {
    expect(executionNameOf('arn:aws:states:eu-central-1:123456789012:execution:Lifecycle:p-1-g3')).toBe(
      'p-1-g3',
    );
  });
});
