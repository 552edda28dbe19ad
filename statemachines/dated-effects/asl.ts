/**
 * The workflow of one dated effect (DESIGN 2.5): a withdrawal three months after its notice, a
 * signed covenant change on its date, a renewal reminder a month before a renewal. One execution
 * per effect, named after it, that waits for the day as the lifecycle waits for a deadline: a
 * `waitForTaskToken` park whose task timeout is the timer (DESIGN 3.2 step 3). See README.md.
 */
import type { Retrier, StateMachineDefinition } from '#statemachines/compiler/asl.ts';

/** The placeholder of the effect task's function (a `definitionSubstitutions` key in the cloud). */
export const EFFECT_FUNCTION_PLACEHOLDER = 'EffectFunctionArn';

/** The input of an execution: which effect it carries out. */
export interface DatedEffectExecutionInput {
  readonly effectId: string;
}

/** What the effect task's `time` action answers: wait `seconds` more, apply now, or stop. */
export interface EffectTimer {
  readonly next: 'wait' | 'apply' | 'done';
  /** At least 1 (Step Functions refuses a timeout of 0). */
  readonly seconds: number;
}

/** The effect task's payload, per action. */
export type EffectTaskPayload =
  | { readonly action: 'time'; readonly effectId: string; readonly startTime: string }
  | { readonly action: 'park'; readonly effectId: string; readonly taskToken: string }
  | { readonly action: 'apply'; readonly effectId: string };

const FUNCTION = `\${${EFFECT_FUNCTION_PLACEHOLDER}}`;
const INVOKE = 'arn:aws:states:::lambda:invoke';
// The same retries as the lifecycle's tasks: Lambda's own transient errors, then the handler's.
const RETRY: readonly Retrier[] = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2 },
];

/** The definition: Time → (Park → Time)* → Apply → Done. */
export const datedEffectDefinition: StateMachineDefinition = {
  Comment: 'One dated effect of the covenant (art. 9, 10): waits for its day, then applies it once.',
  StartAt: 'Time',
  States: {
    Time: {
      Type: 'Task',
      Comment: 'How long until the effect is due; whether it is still pending.',
      Resource: INVOKE,
      Parameters: {
        FunctionName: FUNCTION,
        Payload: { action: 'time', 'effectId.$': '$.effectId', 'startTime.$': '$$.Execution.StartTime' },
      },
      ResultSelector: { 'next.$': '$.Payload.next', 'seconds.$': '$.Payload.seconds' },
      ResultPath: '$.timer',
      Retry: RETRY,
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.timer.next', StringEquals: 'wait', Next: 'Park' },
        { Variable: '$.timer.next', StringEquals: 'apply', Next: 'Apply' },
      ],
      Default: 'Done',
    },
    Park: {
      Type: 'Task',
      Comment: 'Waits for the day: the task timeout is the timer; a revocation answers the token.',
      Resource: `${INVOKE}.waitForTaskToken`,
      Parameters: {
        FunctionName: FUNCTION,
        Payload: { action: 'park', 'effectId.$': '$.effectId', 'taskToken.$': '$$.Task.Token' },
      },
      ResultPath: null,
      TimeoutSecondsPath: '$.timer.seconds',
      Retry: RETRY,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'Time' }],
      Next: 'Time',
    },
    Apply: {
      Type: 'Task',
      Comment: 'Applies the effect once: a conditional write on the effect is the arbiter.',
      Resource: INVOKE,
      Parameters: { FunctionName: FUNCTION, Payload: { action: 'apply', 'effectId.$': '$.effectId' } },
      ResultPath: null,
      Retry: RETRY,
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

/** The definition as ASL text (for the local engine and the CDK stack). */
export const datedEffectAsl = (): string => JSON.stringify(datedEffectDefinition, null, 2);
