// The local stand-in for AWS Step Functions (Standard): the API operations the project uses, in
// the SDK's own shapes, over the runner and the store; and the same operations served in the
// Step Functions JSON protocol (awsJson1_0) on a loopback port, so @aws-sdk/client-sfn and
// `npm run executions` work against it unchanged: POST `/` with `X-Amz-Target:
// AWSStepFunctions.<Operation>`, timestamps as epoch seconds, errors as status 400 with
// `{"__type": "<ErrorName>", "message": …}`.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  SendTaskFailureInput,
  SendTaskSuccessInput,
  HistoryEvent as SfnHistoryEvent,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import type { Clock } from '#shared/ports/clock.ts';
import { StepFunctionsApiError } from './errors.ts';
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
  /** `arn:aws:states:<region>:<account>:` */
  readonly arnPrefix: string;
}

/** Characters Step Functions refuses in names (whitespace, brackets, wildcards, punctuation, controls). */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

/** @throws StepFunctionsApiError `InvalidArn` unless `arn` is a Step Functions ARN of `kind` */
function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof arn !== 'string' || !new RegExp(`^arn:aws:states:[^:]+:[^:]+:${kind}:`).test(arn))
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return arn;
}

/** The page size: Step Functions' default (100) up to its maximum (1000). */
const pageSize = (maxResults: number | undefined): number => Math.min(maxResults || 100, 1000);

function checkJson(text: string, code: 'InvalidExecutionInput' | 'InvalidOutput'): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    throw new StepFunctionsApiError(code, `Invalid JSON: ${text.slice(0, 200)}`);
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
  }) satisfies ExecutionListItem;

/** The Step Functions API of the local engine. */
export class StepFunctionsApi {
  constructor(protected readonly parts: EngineParts) {}

  /** The ARN a state machine of this name has. */
  stateMachineArn(name: string): string {
    return `${this.parts.arnPrefix}stateMachine:${name}`;
  }

  /** Starts an execution; idempotent for the same name and input while it runs, as on AWS. */
  async startExecution(input: StartExecutionInput): Promise<StartExecutionOutput> {
    const machine = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name))
      throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}'`);
    const text = checkJson(input.input ?? '{}', 'InvalidExecutionInput');
    const executionArn = `${this.parts.arnPrefix}execution:${machine.name}:${name}`;
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
      throw new StepFunctionsApiError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
  }

  async describeExecution(input: DescribeExecutionInput): Promise<DescribeExecutionOutput> {
    const record = await this.#execution(input.executionArn);
    const { input: text, output, error, cause } = record;
    return {
      ...listItem(record),
      input: text,
      inputDetails: { included: true },
      ...(output !== undefined && { output, outputDetails: { included: true } }),
      ...(error !== undefined && { error }),
      ...(cause !== undefined && { cause }),
    };
  }

  async listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const { arn } = this.#machine(input.stateMachineArn);
    const statuses =
      input.statusFilter === undefined ? EXECUTION_STATUSES : [input.statusFilter as ExecutionStatus];
    const limit = pageSize(input.maxResults);
    const page = await this.parts.store.listExecutions({
      stateMachineArn: arn,
      statuses,
      limit,
      ...(input.nextToken && { nextToken: input.nextToken }),
    });
    return { executions: page.items.map(listItem), ...(page.nextToken && { nextToken: page.nextToken }) };
  }

  /** The history, oldest first and with its data (no caller asks for `reverseOrder` or less data). */
  async getExecutionHistory(input: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    if (input.reverseOrder === true || input.includeExecutionData === false)
      throw new StepFunctionsApiError(
        'ValidationException',
        'reverseOrder and includeExecutionData: false are not supported by the local engine',
      );
    const { executionArn } = await this.#execution(input.executionArn);
    const page = await this.parts.store.history({
      executionArn,
      limit: pageSize(input.maxResults),
      ...(input.nextToken && { nextToken: input.nextToken }),
    });
    const events = page.items.map(({ timestamp, type, id, previousEventId, details }): SfnHistoryEvent => {
      // `<type>EventDetails`, or the shared `stateEnteredEventDetails`/`stateExitedEventDetails`.
      const key = type.endsWith('StateEntered')
        ? 'stateEntered'
        : type.endsWith('StateExited')
          ? 'stateExited'
          : type.charAt(0).toLowerCase() + type.slice(1);
      return {
        timestamp: new Date(timestamp),
        type,
        id,
        previousEventId,
        [`${key}EventDetails`]: details,
      } as SfnHistoryEvent;
    });
    return { events, ...(page.nextToken && { nextToken: page.nextToken }) };
  }

  /** Stops a running execution (ABORTED); stopping an ended one changes nothing. */
  async stopExecution(input: StopExecutionInput): Promise<StopExecutionOutput> {
    const executionArn = checkArn(input.executionArn, 'execution');
    const { error, cause } = input;
    const trigger = {
      kind: 'stop',
      ...(error !== undefined && { error }),
      ...(cause !== undefined && { cause }),
    } as const;
    if ((await this.parts.runner.trigger(executionArn, trigger)) === 'missing')
      throw this.#noExecution(executionArn);
    const execution = await this.#execution(executionArn);
    return { stopDate: new Date(execution.stopDate ?? this.parts.clock.now().getTime()) };
  }

  async sendTaskSuccess(input: SendTaskSuccessInput): Promise<Record<string, never>> {
    const output = JSON.parse(checkJson(String(input.output ?? ''), 'InvalidOutput'));
    await this.#answer(input.taskToken, { ok: true, value: output });
    return {};
  }

  async sendTaskFailure(input: SendTaskFailureInput): Promise<Record<string, never>> {
    await this.#answer(input.taskToken, { ok: false, error: input.error ?? '', cause: input.cause ?? '' });
    return {};
  }

  /**
   * Answers a token; only the first answer counts (the step moves the position on). A token the
   * engine did not make is `InvalidToken`; one of a stopped execution `TaskDoesNotExist`; one
   * answered before or timed out `TaskTimedOut`, as AWS says it.
   */
  async #answer(token: string | undefined, outcome: Outcome): Promise<void> {
    if (!token) throw new StepFunctionsApiError('ValidationException', 'taskToken is required');
    const executionArn = executionOfToken(token);
    const invalid = new StepFunctionsApiError('InvalidToken', 'Invalid token');
    if (executionArn === undefined) throw invalid;
    const result = await this.parts.runner.trigger(executionArn, { kind: 'answer', token, outcome });
    if (result === 'applied') return;
    if (result === 'missing') throw invalid;
    if ((await this.parts.store.getExecution(executionArn))?.status === 'ABORTED')
      throw new StepFunctionsApiError('TaskDoesNotExist', 'Provided task does not exist anymore');
    throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out');
  }

  #machine(arn: string | undefined): Machine {
    const machine = this.parts.machines.get(checkArn(arn, 'stateMachine'));
    if (machine === undefined)
      throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async #execution(arn: string | undefined): Promise<ExecutionRecord> {
    const executionArn = checkArn(arn, 'execution');
    const execution = await this.parts.store.getExecution(executionArn);
    if (execution === undefined) throw this.#noExecution(executionArn);
    return execution;
  }

  #noExecution(executionArn: string): StepFunctionsApiError {
    return new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
}

/** The operations served, by their `X-Amz-Target` name. */
const OPERATIONS: Readonly<Record<string, (api: StepFunctionsApi, input: never) => Promise<unknown>>> = {
  StartExecution: (api, input) => api.startExecution(input),
  DescribeExecution: (api, input) => api.describeExecution(input),
  ListExecutions: (api, input) => api.listExecutions(input),
  GetExecutionHistory: (api, input) => api.getExecutionHistory(input),
  StopExecution: (api, input) => api.stopExecution(input),
  SendTaskSuccess: (api, input) => api.sendTaskSuccess(input),
  SendTaskFailure: (api, input) => api.sendTaskFailure(input),
};

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

async function handle(
  api: StepFunctionsApi,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = OPERATIONS[target.replace(/^AWSStepFunctions\./, '')];
    if (request.method !== 'POST' || operation === undefined) {
      send(response, 400, { __type: 'UnknownOperationException', message: `Unknown operation '${target}'` });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new StepFunctionsApiError('ValidationException', 'The request body is not JSON');
    }
    send(response, 200, await operation(api, body as never));
  } catch (error) {
    // Unexpected errors are 500s, which the SDK retries.
    if (error instanceof StepFunctionsApiError)
      send(response, 400, { __type: error.code, message: error.message });
    else
      send(response, 500, { __type: 'InternalFailure', message: (error as Error).message ?? String(error) });
  }
}

/** A listening endpoint. */
export interface HttpEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops accepting requests and drops idle keep-alive connections. */
  stopAccepting(): void;
  /** Closes every connection; resolves when the server is closed. */
  close(): Promise<void>;
}

/** Serves `api` on `host`, on a free port. */
export async function listen(api: StepFunctionsApi, host: string): Promise<HttpEndpoint> {
  const server = createServer((request, response) => void handle(api, request, response));
  server.listen(0, host);
  await once(server, 'listening');
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    stopAccepting: () => {
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      if (server.listening) server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
