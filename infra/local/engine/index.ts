/**
 * The embedded workflow engine of the local stack: it runs the compiled ASL itself (not the XState
 * actor), durably in the project's DynamoDB table, behind a Step Functions endpoint that
 * `@aws-sdk/client-sfn` talks to unchanged. See README.md in this folder.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { ARN_PREFIX, REGION, StepFunctionsApi } from './api.ts';
import { parseDefinition, substitute } from './definition.ts';
import { createInvoker, type LambdaHandler, type Machine, Runner } from './runner.ts';
import { EngineStore } from './store.ts';
import { TimerLoop, WorkTracker } from './timers.ts';

export { UnsupportedAslError } from './errors.ts';
export type { LambdaHandler } from './runner.ts';

/** Options of {@link createLocalEngine}. */
export interface LocalEngineOptions {
  readonly documentClient: DynamoDBDocumentClient;
  /** The project's single table (executions, history and timers go under `ENGINE#…` keys). */
  readonly tableName: string;
  /** The engine's clock; an {@link AdvanceableClock} makes due timers fire when it is advanced. */
  readonly clock: Clock & Partial<Pick<AdvanceableClock, 'onAdvance'>>;
  /** The Lambda stand-ins, by FunctionName as it reads after the substitutions. */
  readonly handlers: Readonly<Record<string, LambdaHandler>>;
  /** Values for `${Name}` placeholders in `definitions` (CDK's definitionSubstitutions). @default {} */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** The state machines: name → ASL (text or parsed). */
  readonly definitions: Readonly<Record<string, string | object>>;
}

/**
 * The engine as the composition root holds it: the Step Functions API in-process over its parts,
 * plus start/stop of the timer loop and the endpoint.
 */
export class LocalEngine extends StepFunctionsApi {
  readonly #timers: TimerLoop;
  readonly #work: WorkTracker;
  #server: Server | undefined;

  constructor(options: LocalEngineOptions) {
    const { clock } = options;
    // Substituted and checked up front, so a mistake fails at once. A definition is stored under
    // its content hash: an execution keeps the one it started with after `npm run build:asl`.
    const machines = new Map<string, Machine>();
    for (const [name, asl] of Object.entries(options.definitions)) {
      const raw = typeof asl === 'string' ? asl : JSON.stringify(asl);
      const text = substitute(raw, options.substitutions ?? {});
      parseDefinition(text);
      const definitionId = createHash('sha256').update(text).digest('hex');
      const arn = `${ARN_PREFIX}stateMachine:${name}`;
      machines.set(arn, { arn, name, definitionId, text });
    }
    const store = new EngineStore(options.documentClient, options.tableName);
    const work = new WorkTracker();
    // Failures of background work nobody awaits (the store unreachable…).
    const onError = (error: unknown) => console.error('local engine:', error);
    const invoke = createInvoker({
      handlers: options.handlers,
      startExecution: (input) => this.startExecution(input),
    });
    const timers = new TimerLoop({
      clock,
      fire: ({ executionArn, id }) => runner.trigger(executionArn, { kind: 'timer', timer: id }),
      track: (promise) => work.track(promise),
      onError,
    });
    const runner = new Runner({ store, machines, clock, region: REGION, invoke, timers, work, onError });
    super({ store, runner, machines, clock });
    this.#timers = timers;
    this.#work = work;
  }

  /** Stores the definitions, resumes running executions, re-arms their timers, then listens. */
  async start(): Promise<void> {
    const { store, runner, machines } = this.parts;
    for (const { definitionId, text } of machines.values()) await store.putDefinition(definitionId, text);
    const running = [];
    for (const machine of machines.values()) running.push(...(await store.runningExecutions(machine.arn)));
    for (const record of running) runner.resume(record);
    this.#timers.start(
      running.flatMap(({ executionArn, position }) =>
        position?.timer === undefined ? [] : [{ ...position.timer, executionArn }],
      ),
    );
    this.#server = createServer((request, response) => void this.serve(request, response));
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
  }

  /** Closes the endpoint and the timer loop, and waits for the steps and calls in flight. */
  async stop(): Promise<void> {
    const server = this.#server;
    const closed = server?.listening && once(server, 'close');
    // No new requests; those in flight (a task handler answering its token) end first.
    server?.close();
    server?.closeIdleConnections();
    this.parts.runner.stopLaunching();
    await this.#timers.stop();
    await this.idle();
    server?.closeAllConnections();
    await closed;
  }

  /** The endpoint for `new SFNClient({ endpoint })` (while started). */
  get endpoint(): string {
    const address = this.#server?.address();
    if (typeof address !== 'object' || address === null)
      throw new Error('the local engine has no endpoint: call start() first');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Resolves when no step, call or due timer is left: every consequence of an action played out. */
  async idle(): Promise<void> {
    await this.#work.idle();
  }
}

/**
 * Creates the engine (nothing runs until `start()`).
 * @throws UnsupportedAslError for a definition with a feature the engine does not run
 */
export function createLocalEngine(options: LocalEngineOptions): LocalEngine {
  return new LocalEngine(options);
}
