// The local stand-in for AWS Step Functions (Standard): the API operations the project uses, in
// the SDK's own shapes, over the runner and the store; and the same operations served in the
// Step Functions JSON protocol (awsJson1_0) on a loopback port, so @aws-sdk/client-sfn and
// `npm run executions` work against it unchanged: POST `/` with `X-Amz-Target:
// AWSStepFunctions.<Operation>`, timestamps as epoch seconds, errors as status 400 with
// `{"__type": "<ErrorName>", "message": …}`.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'node:stream/consumers';
import * as sfn from '@aws-sdk/client-sfn';
import type { Clock } from '#shared/ports/clock.ts';
import type { JsonValue } from './definition.ts';
import { refusal } from './errors.ts';
import { executionOfToken } from './interpreter.ts';
import { EXECUTION_STATUSES, type ExecutionRecord, type ExecutionStatus, type Outcome } from './model.ts';
import type { Machine, Runner } from './runner.ts';
import { type EngineStore, ExecutionConflictError } from './store.ts';

/** What the API works on. */
export interface EngineParts {
  readonly store: EngineStore;
  readonly runner: Runner;
  readonly machines: ReadonlyMap<string, Machine>;
  readonly clock: Clock;
}

// ARNs as in the cloud's region and a made-up account; the endpoint is on loopback only.
export const REGION = 'eu-west-1';
export const ARN_PREFIX = `arn:aws:states:${REGION}:123456789012:`;

/** Characters Step Functions refuses in names (whitespace, brackets, wildcards, punctuation, controls). */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

/** @throws InvalidArn unless `arn` is a Step Functions ARN of `kind` */
function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof arn !== 'string' || !new RegExp(`^arn:aws:states:[^:]+:[^:]+:${kind}:`).test(arn))
    throw refusal(sfn.InvalidArn, `Invalid Arn: '${String(arn)}'`);
  return arn;
}

/** The page size: Step Functions' default (100) up to its maximum (1000). */
const pageSize = (maxResults: number | undefined): number => Math.min(maxResults || 100, 1000);

function checkJson(text: string, Refusal: typeof sfn.InvalidExecutionInput | typeof sfn.InvalidOutput) {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw refusal(Refusal, `Invalid JSON: ${text.slice(0, 200)}`);
  }
}

/** An execution as ListExecutions lists it (JSON drops the fields left undefined). */
const listItem = ({ executionArn, stateMachineArn, name, status, startDate, stopDate }: ExecutionRecord) =>
  ({
    executionArn,
    stateMachineArn,
    name,
    status,
    startDate: new Date(startDate),
    ...(stopDate && { stopDate: new Date(stopDate) }),
  }) satisfies sfn.ExecutionListItem;

/** The Step Functions API of the local engine. */
export class StepFunctionsApi {
  constructor(protected readonly parts: EngineParts) {}

  /** The ARN a state machine of this name has. */
  stateMachineArn(name: string): string {
    return `${ARN_PREFIX}stateMachine:${name}`;
  }

  /** Starts an execution; idempotent for the same name and input while it runs, as on AWS. */
  async startExecution(input: sfn.StartExecutionInput): Promise<sfn.StartExecutionOutput> {
    const machine = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name))
      throw refusal(sfn.InvalidName, `Invalid Name: '${name}'`);
    const text = input.input ?? '{}';
    checkJson(text, sfn.InvalidExecutionInput);
    const executionArn = `${ARN_PREFIX}execution:${machine.name}:${name}`;
    const { arn: stateMachineArn, definitionId } = machine;
    const execution = { executionArn, stateMachineArn, name, definitionId, input: text };
    try {
      const started = await this.parts.runner.start(execution);
      return { executionArn, startDate: new Date(started.startDate) };
    } catch (error) {
      if (!(error instanceof ExecutionConflictError)) throw error;
      const existing = await this.parts.store.getExecution(executionArn);
      if (existing?.status === 'RUNNING' && existing.input === text)
        return { executionArn, startDate: new Date(existing.startDate) };
      throw refusal(sfn.ExecutionAlreadyExists, `Execution Already Exists: '${executionArn}'`);
    }
  }

  async describeExecution(input: sfn.DescribeExecutionInput): Promise<sfn.DescribeExecutionOutput> {
    const record = await this.#execution(input.executionArn);
    const { input: text, output, error, cause } = record;
    return { ...listItem(record), input: text, output, error, cause }; // JSON drops what is undefined
  }

  async listExecutions(input: sfn.ListExecutionsInput): Promise<sfn.ListExecutionsOutput> {
    const { arn } = this.#machine(input.stateMachineArn);
    const statuses =
      input.statusFilter === undefined ? EXECUTION_STATUSES : [input.statusFilter as ExecutionStatus];
    const limit = pageSize(input.maxResults);
    const page = await this.parts.store.listExecutions(arn, statuses, limit, input.nextToken);
    return { executions: page.items.map(listItem), nextToken: page.nextToken };
  }

  /** The history, oldest first and with its data (no caller asks for `reverseOrder` or less data). */
  async getExecutionHistory(input: sfn.GetExecutionHistoryInput): Promise<sfn.GetExecutionHistoryOutput> {
    if (input.reverseOrder === true || input.includeExecutionData === false)
      throw refusal(
        sfn.ValidationException,
        'reverseOrder and includeExecutionData: false are not supported by the local engine',
      );
    const execution = await this.#execution(input.executionArn);
    const page = await this.parts.store.history(execution, pageSize(input.maxResults), input.nextToken);
    const events = page.items.map(({ timestamp, type, id, previousEventId, details }) => {
      // `<type>EventDetails`, or the shared `stateEnteredEventDetails`/`stateExitedEventDetails`.
      const key = type.endsWith('StateEntered')
        ? 'stateEntered'
        : type.endsWith('StateExited')
          ? 'stateExited'
          : type.charAt(0).toLowerCase() + type.slice(1);
      const event = { timestamp: new Date(timestamp), type, id, previousEventId };
      return { ...event, [`${key}EventDetails`]: details } as sfn.HistoryEvent;
    });
    return { events, nextToken: page.nextToken };
  }

  /** Stops a running execution (ABORTED); stopping an ended one changes nothing. */
  async stopExecution(input: sfn.StopExecutionInput): Promise<sfn.StopExecutionOutput> {
    const executionArn = checkArn(input.executionArn, 'execution');
    await this.parts.runner.trigger(executionArn, { kind: 'stop', error: input.error, cause: input.cause });
    const execution = await this.#execution(executionArn);
    return { stopDate: new Date(execution.stopDate ?? this.parts.clock.now().getTime()) };
  }

  async sendTaskSuccess(input: sfn.SendTaskSuccessInput): Promise<sfn.SendTaskSuccessOutput> {
    const output = checkJson(String(input.output ?? ''), sfn.InvalidOutput);
    await this.#answer(input.taskToken, { ok: true, value: output });
    return {};
  }

  async sendTaskFailure(input: sfn.SendTaskFailureInput): Promise<sfn.SendTaskFailureOutput> {
    await this.#answer(input.taskToken, { ok: false, error: input.error ?? '', cause: input.cause ?? '' });
    return {};
  }

  /**
   * Answers a token; only the first answer counts (the step moves the position on). A token the
   * engine did not make is `InvalidToken`; one of a stopped execution `TaskDoesNotExist`; one
   * answered before or timed out `TaskTimedOut`, as AWS says it.
   */
  async #answer(token: string | undefined, outcome: Outcome): Promise<void> {
    if (!token) throw refusal(sfn.ValidationException, 'taskToken is required');
    const executionArn = executionOfToken(token);
    if (executionArn === undefined) throw refusal(sfn.InvalidToken, 'Invalid token');
    const result = await this.parts.runner.trigger(executionArn, { kind: 'answer', token, outcome });
    if (result === 'applied') return;
    if (result === 'missing') throw refusal(sfn.InvalidToken, 'Invalid token');
    if ((await this.parts.store.getExecution(executionArn))?.status === 'ABORTED')
      throw refusal(sfn.TaskDoesNotExist, 'Provided task does not exist anymore');
    throw refusal(sfn.TaskTimedOut, 'Task Timed Out');
  }

  #machine(arn: string | undefined): Machine {
    const machine = this.parts.machines.get(checkArn(arn, 'stateMachine'));
    if (machine === undefined)
      throw refusal(sfn.StateMachineDoesNotExist, `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async #execution(arn: string | undefined): Promise<ExecutionRecord> {
    const executionArn = checkArn(arn, 'execution');
    const execution = await this.parts.store.getExecution(executionArn);
    if (execution === undefined)
      throw refusal(sfn.ExecutionDoesNotExist, `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  /** Serves one request of the JSON protocol. */
  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target']);
    const operation = OPERATIONS.find((name) => target === `AWSStepFunctions.${upperFirst(name)}`);
    if (request.method !== 'POST' || operation === undefined) {
      send(response, 400, { __type: 'UnknownOperationException', message: `Unknown operation '${target}'` });
      return;
    }
    try {
      const body = await json(request).catch(() => {
        throw refusal(sfn.ValidationException, 'The request body is not JSON');
      });
      send(response, 200, await this[operation](body as never));
    } catch (error) {
      // Unexpected errors are 500s, which the SDK retries.
      const refused = error instanceof sfn.SFNServiceException;
      const message = (error as Error).message ?? String(error);
      send(response, refused ? 400 : 500, { __type: refused ? error.name : 'InternalFailure', message });
    }
  }
}

/** The operations served: `X-Amz-Target: AWSStepFunctions.StartExecution` calls `startExecution`. */
const OPERATIONS = [
  'startExecution',
  'describeExecution',
  'listExecutions',
  'getExecutionHistory',
  'stopExecution',
  'sendTaskSuccess',
  'sendTaskFailure',
] as const;
const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function send(response: ServerResponse, status: number, body: unknown): void {
  // Every Date as epoch seconds (with milliseconds), as the protocol wants.
  const text = JSON.stringify(body, function (this: Record<string, unknown>, key, converted: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : converted;
  });
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
