import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { compileReport } from '#statemachines/compiler/index.ts';
import { objection } from './fixtures/objection.ts';
import { review } from './fixtures/review.ts';

describe('compileReport', () => {
  it('reports per state its park task, delay, deadline event, targets and entry actions', () => {
    expect(compileReport(objection)).toEqual([
      {
        stateKey: 'decided',
        kind: 'parked',
        parkTask: 'Park decided',
        targets: ['objection.awaitingArguments'],
        entryActions: [],
      },
      {
        stateKey: 'objection.awaitingArguments',
        kind: 'parked',
        parkTask: 'Park objection.awaitingArguments',
        delay: 'argumentsDeadline',
        deadlineEvent: 'xstate.after.argumentsDeadline.proposal.objection.awaitingArguments',
        targets: ['objection.reconsideration', 'lapsed', 'decisionStands'],
        entryActions: ['sendMail'],
      },
      {
        stateKey: 'objection.reconsideration',
        kind: 'parked',
        parkTask: 'Park objection.reconsideration',
        targets: ['decisionStands'],
        entryActions: ['sendMail'],
      },
      {
        stateKey: 'lapsed',
        kind: 'final',
        finalState: 'Final lapsed',
        targets: [],
        entryActions: ['sendMail'],
      },
      {
        stateKey: 'decisionStands',
        kind: 'final',
        finalState: 'Final decisionStands',
        targets: [],
        entryActions: ['sendMail'],
      },
    ]);
  });

  it('lists inherited targets after the state’s own, nearest ancestor first', () => {
    const firstReading = compileReport(review).find((state) => state.stateKey === 'reviewing.firstReading');
    expect(firstReading?.targets).toEqual(['reviewing.secondReading', 'drafting', 'withdrawn']);
  });

  it('leaves out states no transition reaches, which the ASL must not contain', () => {
    const machine = createMachine({
      id: 'm',
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { type: 'final' }, orphan: { on: { GO: 'b' } } },
    });
    expect(compileReport(machine).map((state) => state.stateKey)).toEqual(['a', 'b']);
  });
});
