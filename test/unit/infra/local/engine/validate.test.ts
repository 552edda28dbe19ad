import { readdirSync, readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '#infra/local/clock.ts';
import { parseDefinition, validateDefinition } from '#infra/local/engine/definition.ts';
import { UnsupportedAslError } from '#infra/local/engine/errors.ts';
import { createLocalEngine } from '#infra/local/engine/index.ts';
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

/** A Choice with one rule, and the state it may lead to. */
const route = (rule: Record<string, unknown>) => ({
  StartAt: 'Route',
  States: { Route: { Type: 'Choice', Choices: [rule], Default: 'Done' }, Done: { Type: 'Succeed' } },
});

const FIXTURES = new URL('../../../../statemachines/compiler/fixtures/', import.meta.url);

describe('definition checks: only what the compiler emits', () => {
  it('accepts the compiled proposal lifecycle', () => {
    const definition = validateDefinition(substitute(lifecycleDefinition, PLAUSIBLE_SUBSTITUTIONS));
    expect(definition.StartAt).toBe('Start');
    expect(Object.keys(definition.States)).toHaveLength(Object.keys(lifecycleDefinition.States).length);
  });

  it('accepts what the compiler is about to emit: a Catch on a notify task, the execution start time', () => {
    const definition = oneState(
      'Notify',
      task({
        Parameters: {
          FunctionName: 'notify',
          Payload: { 'startedAt.$': '$$.Execution.StartTime', 'name.$': '$$.Execution.Name' },
        },
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: 'Notify' }],
      }),
    );
    expect(validateDefinition(definition).States.Notify).toMatchObject({ Type: 'Task' });
  });

  it.each(
    readdirSync(FIXTURES)
      .filter((file) => file.endsWith('.asl.json'))
      .map((file) => [file]),
  )('accepts the compiled fixture %s', (file) => {
    const fixture = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
    expect(validateDefinition(substitute(fixture, PLAUSIBLE_SUBSTITUTIONS)).StartAt).toBe(fixture.StartAt);
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
      oneState('Copy', { Type: 'Pass', End: true }),
      "state 'Copy': Type 'Pass' is not supported by the local engine",
    ],
    [
      oneState('Pause', { Type: 'Wait', Seconds: 5, End: true }),
      "state 'Pause': Type 'Wait' is not supported by the local engine",
    ],
    [
      oneState('Call', task(), { QueryLanguage: 'JSONata' }),
      "definition: field 'QueryLanguage' is not supported by the local engine",
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
      // The compiler never emits a static TimeoutSeconds: a park's timeout is its timer's
      // TimeoutSecondsPath (DESIGN 3.1, 3.3).
      oneState('Park', task({ TimeoutSeconds: 3600 })),
      "state 'Park': field 'TimeoutSeconds' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ InputPath: '$.request' })),
      "state 'Call': field 'InputPath' is not supported by the local engine",
    ],
    [
      oneState(
        'Greet',
        task({ Parameters: { Payload: { 'greeting.$': "States.Format('Hi {}', $.name)" } } }),
      ),
      "state 'Greet': path 'States.Format('Hi {}', $.name)' in Parameters 'Payload.greeting.$' is not supported by the local engine",
    ],
    [
      oneState('Pick', task({ Parameters: { 'first.$': '$.ballots[0].party' } })),
      "state 'Pick': path '$.ballots[0].party' in Parameters 'first.$' is not supported by the local engine",
    ],
    [
      oneState('When', task({ Parameters: { 'at.$': '$$.State.EnteredTime' } })),
      "state 'When': path '$$.State.EnteredTime' in Parameters 'at.$' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ ResultPath: '$.items[*]' })),
      "state 'Call': path '$.items[*]' in ResultPath is not supported by the local engine",
    ],
    [
      oneState('Call', task({ Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL' }] })),
      "state 'Call': Retry[0] field 'JitterStrategy' is not supported by the local engine",
    ],
    [
      oneState('Call', task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxDelaySeconds: 30 }] })),
      "state 'Call': Retry[0] field 'MaxDelaySeconds' is not supported by the local engine",
    ],
    [
      route({ Condition: '{% true %}', Next: 'Done' }),
      "state 'Route': Choices[0] operator 'Condition' is not supported by the local engine",
    ],
    [
      route({ Variable: '$.n', NumericEquals: 3, Next: 'Done' }),
      "state 'Route': Choices[0] operator 'NumericEquals' is not supported by the local engine",
    ],
    [
      route({ Or: [{ Variable: '$.a', StringEquals: 'x' }], Next: 'Done' }),
      "state 'Route': Choices[0] operator 'Or' is not supported by the local engine",
    ],
    [
      route({ And: [{ Variable: '$.n', NumericEquals: 3 }], Next: 'Done' }),
      "state 'Route': Choices[0].And operator 'NumericEquals' is not supported by the local engine",
    ],
    [
      route({ Variable: '$.a', StringEquals: 'x', Next: 'Route' }),
      "state 'Route': Choices[0].Next to another Choice is not supported by the local engine",
    ],
    [
      oneState('Stop', { Type: 'Fail', Error: 'E', CausePath: '$.cause' }),
      "state 'Stop': field 'CausePath' is not supported by the local engine",
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
    [
      oneState('Call', task({ Next: 'Call' })),
      "state 'Call': a Task needs exactly one of Next and End: true",
    ],
    [
      { StartAt: 'Missing', States: { Call: task() } },
      "definition: StartAt 'Missing' is not a state of this definition",
    ],
    [oneState('Stop', { Type: 'Fail', Error: 'E' }), "state 'Stop': a Fail needs a static Error and Cause"],
    [route({ Variable: '$.a', Next: 'Done' }), "state 'Route': Choices[0] needs StringEquals"],
    // The compiler gives every Choice a Default, so the engine needs no States.NoChoiceMatched.
    [
      { StartAt: 'Route', States: { Route: { Type: 'Choice', Choices: [] } } },
      "state 'Route': a Choice needs a Default",
    ],
  ])('refuses a definition whose states are incomplete: %#', (definition, message) => {
    expect(() => validateDefinition(definition)).toThrow(new UnsupportedAslError(message));
  });

  it('refuses a definition that is not JSON', () => {
    expect(() => parseDefinition('{"StartAt":')).toThrow(UnsupportedAslError);
  });
});

describe('createLocalEngine', () => {
  it('refuses a definition it cannot run at once, before anything starts', () => {
    const fanOut = oneState('Fan out', { Type: 'Map', ItemProcessor: {}, End: true });
    const create = () =>
      createLocalEngine({
        documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
        tableName: 'unused',
        clock: new AdjustableClock(),
        handlers: {},
        definitions: { fan: fanOut },
      });
    expect(create).toThrow(
      new UnsupportedAslError("state 'Fan out': Type 'Map' is not supported by the local engine"),
    );
  });
});
