import { describe, expect, it } from 'vitest';
import type { ExecutionStep } from '#shared/ports/workflow.ts';
import { timelineOf, waitingOf } from '#shared/usecases/executions/timeline.ts';

const history: ExecutionStep[] = [
  { at: '2027-02-17T10:00:00.000Z', type: 'ExecutionStarted' },
  { at: '2027-02-17T10:00:00.100Z', type: 'TaskStateEntered', state: 'Park submitted', input: '{}' },
  { at: '2027-02-17T10:00:00.200Z', type: 'TaskSubmitted' },
  { at: '2027-02-17T10:05:00.000Z', type: 'TaskSucceeded', output: '{"type":"DRAFT","target":"ready"}' },
  {
    at: '2027-02-17T10:05:00.100Z',
    type: 'TaskStateEntered',
    state: 'Park awaitingArguments',
    input: '{"timer":{"seconds":3600,"onTimeout":"deadline"}}',
  },
];

describe('the execution timeline', () => {
  it('keeps the steps an administrator reads, oldest first, and leaves out the submissions', () => {
    expect(timelineOf(history)).toEqual([
      { at: '2027-02-17T10:00:00.100Z', kind: 'entered', detail: 'Park submitted' },
      { at: '2027-02-17T10:05:00.000Z', kind: 'answered', detail: '{"type":"DRAFT","target":"ready"}' },
      { at: '2027-02-17T10:05:00.100Z', kind: 'entered', detail: 'Park awaitingArguments' },
    ]);
    expect(
      timelineOf([
        { at: '2027-02-17T11:00:00.000Z', type: 'ExecutionFailed', error: 'States.Runtime', cause: 'x' },
      ]),
    ).toEqual([{ at: '2027-02-17T11:00:00.000Z', kind: 'execution-failed', detail: 'States.Runtime x' }]);
  });

  it('says where a running execution waits and when its deadline fires', () => {
    expect(waitingOf(history)).toEqual({
      state: 'awaitingArguments',
      until: '2027-02-17T11:05:00.100Z',
      onTimeout: 'deadline',
    });
    expect(waitingOf(history.slice(0, 3))).toEqual({ state: 'submitted' });
    expect(waitingOf([])).toBeUndefined();
  });
});
