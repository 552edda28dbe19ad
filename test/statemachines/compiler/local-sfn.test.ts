import { describe, expect, it } from 'vitest';
import {
  compileMachine,
  type DeadlineResult,
  initialTimer,
  type JsonValue,
  type ParkTimer,
  type Signal,
  type StateDocument,
} from '#statemachines/compiler/index.ts';
import { adaptForOracle, runOnLocalSfn, taskTimeout } from '#test/statemachines/harness/local-sfn.ts';
import { objection } from './fixtures/objection.ts';

const definition = compileMachine(objection);
const SIX_WEEKS_S = 6 * 7 * 24 * 60 * 60;
const DAY_S = 24 * 60 * 60;
/** A fresh execution's park without a deadline waits until its life less the margin: 358 days. */
const LIFE_LEFT_S = 358 * DAY_S;

/** A new proposal's start, as the relay sends it: with its first park's timer. */
const init: StateDocument = {
  proposalId: 'p-1',
  signal: { type: 'xstate.init', target: 'decided', version: 1, timer: initialTimer('p-1') },
};

/** Answers successive park tasks from a script; `'timeout'` makes that park time out. */
function scriptedParks(script: readonly (Signal | 'timeout')[]) {
  const parks: { state: string; version: number; timeoutSeconds: number | undefined }[] = [];
  const park = (state: string, payload: { version: number }, timeoutSeconds: number | undefined): Signal => {
    const next = script[parks.length];
    parks.push({ state, version: payload.version, timeoutSeconds });
    if (next === undefined)
      throw new Error(`The script has no answer for park ${parks.length} in '${state}'.`);
    if (next === 'timeout') throw taskTimeout();
    return next;
  };
  return { parks, park };
}

function recordedNotifications() {
  const notifications: { state: string; action: string; params: JsonValue | undefined }[] = [];
  const notify = (state: string, action: string, params: JsonValue | undefined): void => {
    notifications.push({ state, action, params });
  };
  return { notifications, notify };
}

describe('compileMachine on aws-local-stepfunctions', () => {
  it('takes the deadline path: re-parks after an early timeout, then lapses', async () => {
    const { parks, park } = scriptedParks([
      { type: 'OBJECT', target: 'objection.awaitingArguments', version: 2, timeoutSeconds: SIX_WEEKS_S },
      'timeout',
      'timeout',
    ]);
    const deadlines = [
      {
        type: 'xstate.repark',
        target: 'objection.awaitingArguments',
        version: 2,
        timeoutSeconds: 60,
        entered: null,
      },
      {
        type: 'xstate.after.argumentsDeadline.proposal.objection.awaitingArguments',
        target: 'lapsed',
        version: 3,
        timeoutSeconds: 0,
        entered: null,
      },
    ];
    const deadlineEvents: string[] = [];
    const { notifications, notify } = recordedNotifications();

    const run = await runOnLocalSfn(definition, init, {
      park,
      deadline: (_state, payload) => {
        const answer = deadlines[deadlineEvents.length];
        deadlineEvents.push(payload.event);
        if (answer === undefined) throw new Error('No more deadline answers scripted.');
        return answer;
      },
      notify,
    });

    // Issue 16: every signal brings the timer of its target's park (no timer task between), and
    // the final state's e-mail ends the execution (no Succeed after it).
    expect(run.visited).toEqual([
      'Start',
      'Park decided',
      'Route decided',
      'Notify objection.awaitingArguments 1',
      'Park objection.awaitingArguments',
      'Deadline objection.awaitingArguments',
      'Route objection.awaitingArguments',
      'Park objection.awaitingArguments',
      'Deadline objection.awaitingArguments',
      'Route objection.awaitingArguments',
      'Final lapsed',
    ]);
    expect(parks).toEqual([
      { state: 'decided', version: 1, timeoutSeconds: LIFE_LEFT_S },
      { state: 'objection.awaitingArguments', version: 2, timeoutSeconds: SIX_WEEKS_S },
      { state: 'objection.awaitingArguments', version: 2, timeoutSeconds: 60 },
    ]);
    expect(deadlineEvents).toEqual(
      Array(2).fill('xstate.after.argumentsDeadline.proposal.objection.awaitingArguments'),
    );
    expect(notifications).toEqual([
      { state: 'objection.awaitingArguments', action: 'sendMail', params: { step: 'objection-lodged' } },
      { state: 'lapsed', action: 'sendMail', params: { step: 'objection-lapsed' } },
    ]);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      output: { proposalId: 'p-1', signal: { target: 'lapsed', version: 3 } },
    });
  });

  it('rolls over when its life nears its end, handing the state to a successor with a deterministic name', async () => {
    const { park } = scriptedParks(['timeout']);
    const successors: [StateDocument, string][] = [];

    const run = await runOnLocalSfn(definition, init, {
      park,
      rollover: (input, name) => successors.push([input, name]),
    });

    expect(run.visited).toEqual([
      'Start',
      'Park decided',
      'Timed out decided',
      'Rollover decided',
      'Rolled over',
    ]);
    expect(successors).toEqual([
      [
        {
          proposalId: 'p-1',
          signal: { type: 'xstate.rollover', target: 'decided', version: 1, due: null },
          AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: expect.stringContaining(':execution:'),
        },
        'p-1-g2',
      ],
    ]);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      output: { successor: { executionArn: expect.any(String) } },
    });
  });

  it('parks a successor execution straight away, without re-running entry actions', async () => {
    const { parks, park } = scriptedParks([{ type: 'DECIDE', target: 'decisionStands', version: 5 }]);
    const { notifications, notify } = recordedNotifications();
    const successor: StateDocument = {
      proposalId: 'p-1',
      signal: { type: 'xstate.rollover', target: 'objection.reconsideration', version: 4 },
    };

    const run = await runOnLocalSfn(definition, successor, { park, notify });

    expect(run.visited).toEqual([
      'Start',
      'Time objection.reconsideration',
      'Park objection.reconsideration',
      'Route objection.reconsideration',
      'Final decisionStands',
    ]);
    expect(parks).toEqual([{ state: 'objection.reconsideration', version: 4, timeoutSeconds: LIFE_LEFT_S }]);
    expect(notifications.map((notification) => notification.params)).toEqual([{ step: 'final-decision' }]);
  });

  it('fails with UnexpectedTransition when dispatch names a target the compiled model lacks', async () => {
    const { park } = scriptedParks([{ type: 'RENAMED', target: 'objection.renamedState', version: 2 }]);

    const run = await runOnLocalSfn(definition, init, { park });

    expect(run.visited).toEqual(['Start', 'Park decided', 'Route decided', 'Unexpected transition']);
    expect(run).toMatchObject({ status: 'FAILED', error: { Error: 'UnexpectedTransition' } });
  });

  it('never parks with a timeout of 0: a deadline already due (or unknown) waits one second', async () => {
    const { parks, park } = scriptedParks([
      // dispatch's signal for a deadline already due: 0 seconds left, and the due moment.
      {
        type: 'OBJECT',
        target: 'objection.awaitingArguments',
        version: 2,
        timeoutSeconds: 0,
        due: '2024-12-31T22:59:59.000Z',
      },
      { type: 'xstate.catch-up', target: 'objection.awaitingArguments', version: 3 },
    ]);

    await runOnLocalSfn(definition, init, { park, notify: () => undefined });

    expect(parks.slice(1).map((p) => p.timeoutSeconds)).toEqual([1, 1]);
  });

  it('fails, as AWS does, when the timer leaves out its seconds', async () => {
    const { park } = scriptedParks([]);
    const timer = () =>
      ({ onTimeout: 'deadline', due: null, successorName: 'p-1-g2' }) as unknown as ParkTimer;
    // A successor's start: its park is timed by the timer task.
    const successor: StateDocument = {
      proposalId: 'p-1',
      signal: { type: 'xstate.rollover', target: 'decided', version: 1 },
    };

    const run = await runOnLocalSfn(definition, successor, { park, timer });

    expect(run.visited).toEqual(['Start', 'Time decided']);
    expect(run).toMatchObject({ status: 'FAILED', error: { Error: 'States.Runtime' } });
  });

  it('fails, as AWS does, when the deadline Lambda leaves out timeoutSeconds', async () => {
    const { park } = scriptedParks([
      { type: 'OBJECT', target: 'objection.awaitingArguments', version: 2, timeoutSeconds: SIX_WEEKS_S },
      'timeout',
    ]);
    const deadline = () => ({ type: 'x', target: 'lapsed', version: 3 }) as DeadlineResult;

    const run = await runOnLocalSfn(definition, init, { park, deadline, notify: () => undefined });

    expect(run.visited.at(-1)).toBe('Deadline objection.awaitingArguments');
    expect(run).toMatchObject({ status: 'FAILED', error: { Error: 'States.Runtime' } });
  });

  it('adapts only a clone of the definition for the oracle', () => {
    const before = structuredClone(definition);
    const adapted = adaptForOracle(definition);

    expect(definition).toEqual(before);
    expect(adapted.States['Park objection.awaitingArguments']).toMatchObject({
      Parameters: { 'HarnessTimeoutSeconds.$': '$.signal.timer.seconds' },
      TimeoutSeconds: 3600,
    });
    expect(adapted.States['Park objection.awaitingArguments']).not.toHaveProperty('TimeoutSecondsPath');
    expect(adapted.States['Park decided']).toMatchObject({ TimeoutSeconds: 3600 });
  });
});
