/**
 * The Task states of one model state: timer, park, deadline, rollover and notify. Each follows the
 * transition protocol of DESIGN 3.2; the payload shapes are in `protocol.ts`.
 */
import type { ChoiceState, Retrier, TaskState, TaskTimeout, Transition } from './asl.ts';
import type { Delay, EntryAction, ParkedStateModel } from './model.ts';
import {
  deadlineName,
  FINAL_MAIL_FAILED,
  parkName,
  ROLLED_OVER,
  rolloverName,
  routeName,
  timedOutName,
  timerName,
} from './names.ts';
import { PROTOCOL_EVENTS } from './protocol.ts';

/** Transient Lambda service errors: retried, as AWS advises for every Lambda task. */
export const LAMBDA_RETRY: Retrier = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

/**
 * A failure of the task's own function (a DynamoDB error that outlived the SDK's retries, a
 * crashed invocation): retried with backoff, because the workflow's Lambdas are idempotent — park
 * stores or answers one token, deadline dispatches at one version, notify sends with a stable
 * Message-ID (at worst an e-mail twice, never a proposal stuck behind a passing error).
 */
export const TASK_RETRY: Retrier = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 5,
  MaxAttempts: 5,
  BackoffRate: 2,
};

/**
 * Works out how long the park may wait (DESIGN 3.2 step 4) through the park function: the state's
 * deadline or the execution's remaining life less a margin, whichever is earlier, at least one
 * second; and the successor's name for a rollover. Stored as `$.signal.timer`, which the park's
 * `TimeoutSecondsPath` reads. Only where the signal comes without one (a successor's or a
 * restarted execution's start) or with a provisional one (a catch-up that timed out at once): every
 * other signal brings the timer of its target's park along (`timer.ts`), which saves a state per
 * transition (issue 16).
 */
export function timerTask(state: ParkedStateModel, functionArn: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: state.key,
        deadline: state.delay !== undefined,
        'signal.$': '$.signal',
        'startTime.$': '$$.Execution.StartTime',
        'executionName.$': '$$.Execution.Name',
      },
    },
    ResultSelector: {
      'seconds.$': '$.Payload.seconds',
      'onTimeout.$': '$.Payload.onTimeout',
      'due.$': '$.Payload.due',
      'successorName.$': '$.Payload.successorName',
    },
    ResultPath: '$.signal.timer',
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Next: parkName(state.key),
  };
}

/**
 * Parks the execution until the relay answers the task token with the next signal (stored
 * whole as `$.signal`, so an absent `timeoutSeconds` is never dereferenced), or until the
 * timeout of the timer the signal that led here brought: then the deadline, or the rollover when
 * the execution's life ends first.
 */
export function parkTask(state: ParkedStateModel, functionArn: string): TaskState {
  const timeout: TaskTimeout = { TimeoutSecondsPath: '$.signal.timer.seconds' };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'taskToken.$': '$$.Task.Token',
        'proposalId.$': '$.proposalId',
        state: state.key,
        'version.$': '$.signal.version',
        'executionArn.$': '$$.Execution.Id',
        'startTime.$': '$$.Execution.StartTime',
      },
    },
    ResultPath: '$.signal',
    ...timeout,
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Catch: [
      {
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        // A state with a deadline asks its deadline task, which also tells a rollover apart.
        Next: state.delay === undefined ? timedOutName(state.key) : deadlineName(state.key),
      },
    ],
    Next: routeName(state.key),
  };
}

/**
 * A timed-out park of a state without a deadline: the execution's life ends (rollover), or the
 * park had a catch-up's provisional timer and is timed properly now. (A state with a deadline
 * goes to its deadline task, which tells a rollover apart itself: one state fewer per deadline.)
 */
export function timedOutChoice(state: ParkedStateModel): ChoiceState {
  return {
    Type: 'Choice',
    Choices: [
      { Variable: '$.signal.timer.onTimeout', StringEquals: 'rollover', Next: rolloverName(state.key) },
    ],
    Default: timerName(state.key),
  };
}

/**
 * Runs the deadline through the deadline Lambda, which dispatches the delayed event and returns
 * the winning signal with the timer of its target's park; or, when the park timed out for the end
 * of the execution's life, a rollover (`rolloverAnswerOf`). Its answer always carries
 * `timeoutSeconds` (0 when the target has no deadline), `timer` and `entered` (the state its
 * transition entered, for the e-mails that follow; null when there is none): each `ResultSelector`
 * path must point to a value or the execution fails.
 */
export function deadlineTask(state: ParkedStateModel, delay: Delay, functionArn: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: state.key,
        'version.$': '$.signal.version',
        event: delay.eventType,
        'startTime.$': '$$.Execution.StartTime',
        'executionName.$': '$$.Execution.Name',
        'timer.$': '$.signal.timer',
      },
    },
    ResultSelector: {
      'type.$': '$.Payload.type',
      'target.$': '$.Payload.target',
      'version.$': '$.Payload.version',
      'timeoutSeconds.$': '$.Payload.timeoutSeconds',
      'timer.$': '$.Payload.timer',
      'entered.$': '$.Payload.entered',
    },
    ResultPath: '$.signal',
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Next: routeName(state.key),
  };
}

/**
 * Hands over to a successor execution of this state machine at the same state (a Standard
 * execution lives at most a year); the successor's `Start` parks it again, with the deadline's
 * due moment, without re-running entry actions. The successor's name is deterministic (proposal
 * id + generation), so a retried start finds the execution it started and is a no-op.
 */
export function rolloverTask(state: ParkedStateModel): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution',
    Parameters: {
      'StateMachineArn.$': '$$.StateMachine.Id',
      'Name.$': '$.signal.timer.successorName',
      Input: {
        'proposalId.$': '$.proposalId',
        signal: {
          type: PROTOCOL_EVENTS.rollover,
          target: state.key,
          'version.$': '$.signal.version',
          'due.$': '$.signal.timer.due',
        },
        'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
      },
    },
    ResultSelector: { 'executionArn.$': '$.ExecutionArn' },
    ResultPath: '$.successor',
    // The successor exists and has moved on already (a retry after a lost answer): handed over.
    // Both spellings of the error: the service's own code, and with the SDK's `Exception` suffix.
    Catch: [
      {
        ErrorEquals: [
          'StepFunctions.ExecutionAlreadyExists',
          'StepFunctions.ExecutionAlreadyExistsException',
        ],
        ResultPath: null,
        Next: ROLLED_OVER,
      },
    ],
    Retry: [
      {
        // A start that already happened answers ExecutionAlreadyExists only for other input: the
        // same name and input is idempotent, so every transient failure may be retried.
        ErrorEquals: [
          'StepFunctions.ExecutionLimitExceeded',
          'StepFunctions.SdkClientException',
          'States.TaskFailed',
        ],
        IntervalSeconds: 2,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ],
    Next: ROLLED_OVER,
  };
}

/**
 * Runs one entry action of state `key` through the notify Lambda, keeping the state document.
 * An e-mail never fails the execution: the notify Lambda records a delivery it could not make in
 * the proposal's audit trail itself, and whatever still fails after the retries (a crashed
 * function) is caught here, kept as `$.notifyError`, and the execution goes on.
 */
export function notifyTask(key: string, action: EntryAction, functionArn: string, next: string): TaskState {
  return notifyCall(key, action, functionArn, next, { Next: next });
}

/**
 * The last entry action of the final state `key`: the execution ends with it (`End: true`), so a
 * final state with e-mails costs no Succeed state on top. Should the e-mail still fail after the
 * retries, the execution ends in `Ended after a failed e-mail` instead, so that it never fails for an e-mail.
 */
export function finalNotifyTask(key: string, action: EntryAction, functionArn: string): TaskState {
  return notifyCall(key, action, functionArn, FINAL_MAIL_FAILED, { End: true });
}

/** The notify call of one entry action, its failure caught and kept as `$.notifyError`. */
function notifyCall(
  key: string,
  action: EntryAction,
  functionArn: string,
  onFailure: string,
  transition: Transition,
): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: functionArn,
      Payload: {
        'proposalId.$': '$.proposalId',
        state: key,
        'version.$': '$.signal.version',
        action: action.type,
        ...(action.params === undefined ? {} : { params: action.params }),
        // After a deadline the signal carries the state it entered: the e-mail needs no read.
        'signal.$': '$.signal',
      },
    },
    ResultPath: null,
    Retry: [LAMBDA_RETRY, TASK_RETRY],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyError', Next: onFailure }],
    ...transition,
  };
}
