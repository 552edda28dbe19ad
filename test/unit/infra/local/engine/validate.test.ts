import { describe, expect, it } from 'vitest';
import { StepFunctionsApiError, UnsupportedAslError } from '#infra/local/engine/errors.ts';
import { parseDefinition, validateDefinition } from '#infra/local/engine/validate.ts';
import { PLAUSIBLE_SUBSTITUTIONS, substitute } from '#test/statemachines/harness/asl-validator.ts';
import { lifecycleDefinition } from '#test/statemachines/support/conformance.ts';

const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', Payload: {} },
  End: true,
  ...extra,
});

const oneState = (name: string, state: unknown, top: Record<string, unknown> = {}) => ({
  StartAt: name,
  States: { [name]: state },
  ...top,
});

describe('definition checks', () => {
  it('accepts the compiled proposal lifecycle', () => {
    const definition = validateDefinition(substitute(lifecycleDefinition, PLAUSIBLE_SUBSTITUTIONS));
    expect(definition.StartAt).toBe('Start');
    expect(Object.keys(definition.States)).toHaveLength(Object.keys(lifecycleDefinition.States).length);
  });

  it.each([
    [
      oneState('Fan out', { Type: 'Map', ItemProcessor: {}, End: true }),
      "state 'Fan out': Type 'Map' is not supported by the local engine",
    ],
    [
      oneState('Both', { Type: 'Parallel', Branches: [], End: true }),
      "state 'Both': Type 'Parallel' is not supported by the local engine",
    ],
    [
      oneState('Call', task(), { QueryLanguage: 'JSONata' }),
      "definition: QueryLanguage 'JSONata' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ QueryLanguage: 'JSONata' })),
      "state 'Call': QueryLanguage 'JSONata' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ Resource: 'arn:aws:states:::dynamodb:putItem' })),
      "state 'Call': Resource 'arn:aws:states:::dynamodb:putItem' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' })),
      "state 'Call': Resource 'arn:aws:states:::states:startExecution.sync:2' is not supported by the local engine",
    ],
    [
      oneState('Park', task({ HeartbeatSeconds: 60 })),
      "state 'Park': field 'HeartbeatSeconds' is not supported by the local engine",
    ],
    [
      oneState('Read', task({ ItemReader: {} })),
      "state 'Read': field 'ItemReader' is not supported by the local engine",
    ],
    [
      oneState(
        'Greet',
        task({ Parameters: { Payload: { 'greeting.$': "States.Format('Hi {}', $.name)" } } }),
      ),
      "state 'Greet': intrinsic function 'States.Format' in Parameters 'Payload.greeting.$' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL' }] })),
      "state 'Call': Retry[0] field 'JitterStrategy' is not supported by the local engine",
    ],
    [
      {
        StartAt: 'Route',
        States: {
          Route: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Done' }] },
          Done: { Type: 'Succeed' },
        },
      },
      "state 'Route': Choice operator 'Condition' in Choices[0] is not supported by the local engine",
    ],
  ])('refuses what it does not run with UnsupportedAslError: %#', (definition, message) => {
    expect(() => validateDefinition(definition)).toThrow(UnsupportedAslError);
    expect(() => validateDefinition(definition)).toThrow(new UnsupportedAslError(message));
  });

  it.each([
    [
      oneState('Call', task({ End: undefined, Next: 'Nowhere' })),
      "state 'Call': Next 'Nowhere' is not a state of this definition",
    ],
    [oneState('Call', task({ Next: 'Call' })), "state 'Call': needs exactly one of Next and End: true"],
    [
      { StartAt: 'Missing', States: { Call: task() } },
      "definition: StartAt 'Missing' is not a state of this definition",
    ],
    [
      oneState('Call', task({ TimeoutSeconds: 0 })),
      "state 'Call': TimeoutSeconds must be a positive integer, got 0",
    ],
    [
      oneState('Call', task({ ResultPath: '$.items[*]' })),
      "state 'Call': ResultPath must be a reference path such as '$.result', got \"$.items[*]\"",
    ],
  ])('refuses what AWS refuses too with InvalidDefinition: %#', (definition, message) => {
    expect(() => validateDefinition(definition)).toThrow(
      new StepFunctionsApiError('InvalidDefinition', message),
    );
    expect(() => validateDefinition(definition)).toThrow(
      expect.objectContaining({ name: 'InvalidDefinition', code: 'InvalidDefinition' }),
    );
  });

  it('refuses a definition that is not JSON', () => {
    expect(() => parseDefinition('{"StartAt":')).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition' }),
    );
  });
});
