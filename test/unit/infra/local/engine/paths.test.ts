import { describe, expect, it } from 'vitest';
import { applyResultPath, evaluateTemplate, readPath } from '#infra/local/engine/definition.ts';
import { StatesError } from '#infra/local/engine/errors.ts';

const input = {
  proposalId: 'p-1',
  signal: { type: 'OBJECT', target: 'objection', version: 3, timeoutSeconds: null },
};
const context = { Execution: { Id: 'arn:exec' }, Task: { Token: 'tok-1' } };

describe('path reading', () => {
  it('gives the node a path names and undefined where nothing is', () => {
    expect(readPath(input, '$.signal.version')).toBe(3);
    expect(readPath(input, '$.signal.timeoutSeconds')).toBeNull();
    expect(readPath(input, '$.signal.missing')).toBeUndefined();
    expect(readPath(input, '$.proposalId.length')).toBeUndefined();
    expect(readPath(input, '$')).toEqual(input);
  });

  it('reads the context object with $$', () => {
    expect(readPath(input, '$$.Task.Token', context)).toBe('tok-1');
    expect(readPath(input, '$$.Execution.Id', context)).toBe('arn:exec');
    expect(readPath(input, '$$.Task.Token')).toBeUndefined();
  });
});

describe('ResultPath', () => {
  const state = { proposalId: 'p-1', signal: { version: 1 } };

  it('replaces the input by default and with $, and keeps the input with null', () => {
    expect(applyResultPath(state, 'result', undefined)).toBe('result');
    expect(applyResultPath(state, 'result', '$')).toBe('result');
    expect(applyResultPath(state, 'result', null)).toBe(state);
  });

  it('places the result in a copy of the input, creating the objects on its way', () => {
    expect(applyResultPath(state, { version: 2 }, '$.signal')).toEqual({
      proposalId: 'p-1',
      signal: { version: 2 },
    });
    expect(applyResultPath(state, true, '$.timeout.hit')).toEqual({ ...state, timeout: { hit: true } });
    expect(state).toEqual({ proposalId: 'p-1', signal: { version: 1 } });
  });

  it('fails the execution (States.Runtime) when the input has a value where an object is needed', () => {
    // Not States.ResultPathMatchFailure, which a Catch could take: the compiler only emits
    // ResultPaths of top-level fields of an object input (DESIGN 3.3), so the engine need not
    // route this error anywhere but to the end of the execution.
    expect(() => applyResultPath({ signal: 5 }, 1, '$.signal.version')).toThrow(StatesError);
    expect(() => applyResultPath('text', 1, '$.x')).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }),
    );
  });
});

describe('payload templates (Parameters, ResultSelector)', () => {
  it('fills `.$` keys from the input and the context, recursing into objects and copying the rest', () => {
    const parameters = {
      FunctionName: 'park',
      Payload: {
        'taskToken.$': '$$.Task.Token',
        'proposalId.$': '$.proposalId',
        'version.$': '$.signal.version',
        state: 'submitted',
        copied: ['as', 'written'],
      },
    };
    expect(evaluateTemplate(parameters, input, context)).toEqual({
      FunctionName: 'park',
      Payload: {
        taskToken: 'tok-1',
        proposalId: 'p-1',
        version: 3,
        state: 'submitted',
        copied: ['as', 'written'],
      },
    });
  });

  it('selects from a Lambda result as a ResultSelector does', () => {
    const result = {
      ExecutedVersion: '$LATEST',
      Payload: { type: 'T', target: 'x', version: 4 },
      StatusCode: 200,
    };
    expect(
      evaluateTemplate({ 'target.$': '$.Payload.target', 'code.$': '$.StatusCode' }, result, context),
    ).toEqual({
      target: 'x',
      code: 200,
    });
  });

  it('fails the execution (States.Runtime) when a path points to nothing, naming the path and the field', () => {
    expect(() =>
      evaluateTemplate({ 'timeoutSeconds.$': '$.Payload.timeoutSeconds' }, { Payload: {} }, context),
    ).toThrow(
      "States.Runtime: The JSONPath '$.Payload.timeoutSeconds' specified for the field 'timeoutSeconds.$' could not be found in the input '{\"Payload\":{}}'",
    );
  });
});
