import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '#statemachines/compiler/index.ts';
import { LIFECYCLE_ASL_PATH, lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';
import { phaseByStateKey } from '#statemachines/proposal-lifecycle/index.ts';
import { validateAsl } from '../harness/asl-validator.ts';
import { machine } from '../support/lifecycle.ts';

const committed = readFileSync(LIFECYCLE_ASL_PATH, 'utf8');
const definition = JSON.parse(committed) as StateMachineDefinition;
const stateKeys = Object.keys(phaseByStateKey);
const isFinal = (key: string) => machine.getStateNodeById(`proposal.${key}`).type === 'final';

describe('the committed lifecycle ASL', () => {
  it('is up to date with the model (run `npm run build:asl` when the model changes)', () => {
    expect(committed).toBe(lifecycleAsl());
  });

  it('passes asl-validator', () => {
    expect(validateAsl(definition)).toEqual({ isValid: true, errors: expect.any(String) });
  });

  it('has a park task for every atomic state and an end for every final state', () => {
    for (const key of stateKeys) {
      const name = isFinal(key) ? `Final ${key}` : `Park ${key}`;
      const state = definition.States[name];
      if (!isFinal(key)) expect(state?.Type, name).toBe('Task');
      // Issue 16: a final state with e-mails ends with its last e-mail (a Task, End: true) rather
      // than a Succeed after it; the execution's last state is `Final <key>` either way.
      else if (state?.Type === 'Task') expect(state.End, name).toBe(true);
      else expect(state?.Type, name).toBe('Succeed');
    }
  });

  it('has nothing the model lacks', () => {
    const named = Object.keys(definition.States).flatMap((name) => {
      const match = /^(?:Time|Timed out|Park|Final|Route|Deadline|Rollover|Notify) (\S+)/.exec(name);
      return match?.[1] ? [match[1]] : [];
    });
    expect(named.filter((key) => !stateKeys.includes(key))).toEqual([]);
    const others = Object.keys(definition.States).filter(
      (n) => !/^(Time|Timed out|Park|Final|Route|Deadline|Rollover|Notify) /.test(n),
    );
    expect(others.sort()).toEqual([
      'Ended after a failed e-mail',
      'Rolled over',
      'Start',
      'Unexpected transition',
    ]);
  });

  it('keeps every state name within the 80 characters AWS allows', () => {
    expect(Object.keys(definition.States).filter((n) => n.length > 80)).toEqual([]);
  });
});
