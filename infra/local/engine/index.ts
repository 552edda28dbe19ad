/**
 * The embedded workflow engine of the local stack: it runs the compiled ASL itself (not the XState
 * actor), durably in the project's DynamoDB table, behind a Step Functions endpoint that
 * `@aws-sdk/client-sfn` talks to unchanged. See README.md in this folder.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { type EngineParts, StepFunctionsApi } from './api.ts';
import { CleanupQueue, WorkTracker } from './background.ts';
import { parseDefinition, placeholdersIn, substitute } from './definition.ts';
import { UnsupportedAslError } from './errors.ts';
import { type HttpEndpoint, listen } from './http.ts';
import { createInvoker, type LambdaHandler } from './invoke.ts';
import { runningExecutions } from './queries.ts';
import { Registry } from './registry.ts';
import { Runner } from './runner.ts';
import { EngineStore } from './store.ts';
import { TimerLoop } from './timers.ts';

export { StepFunctionsApiError, type StepFunctionsErrorCode, UnsupportedAslError } from './errors.ts';
export type { LambdaHandler } from './invoke.ts';

/** Options of {@link createLocalEngine}. */
export interface LocalEngineOptions {
  readonly documentClient: DynamoDBDocumentClient;
  /** The project's single table (executions, history, tokens and timers go under `ENGINE#…` keys). */
  readonly tableName: string;
  /** The engine's clock; an {@link AdvanceableClock} makes due timers fire when it is advanced. */
  readonly clock: Clock & Partial<Pick<AdvanceableClock, 'onAdvance'>>;
  /** The Lambda stand-ins, by FunctionName as it reads after the substitutions. */
  readonly handlers: Readonly<Record<string, LambdaHandler>>;
  /** Values for `${Name}` placeholders in `definitions` (CDK's definitionSubstitutions). @default {} */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** The state machines, created or updated at start: name → ASL (text or parsed). */
  readonly definitions: Readonly<Record<string, string | object>>;
}

/** The engine as the composition root holds it: lifecycle plus the Step Functions API in-process. */
export interface LocalEngine
  extends Pick<
    StepFunctionsApi,
    | 'startExecution'
    | 'describeExecution'
    | 'listExecutions'
    | 'getExecutionHistory'
    | 'stopExecution'
    | 'sendTaskSuccess'
    | 'sendTaskFailure'
    | 'stateMachineArn'
  > {
  /** Registers `definitions`, resumes running executions, re-arms timers, then listens. */
  start(): Promise<void>;
  /** Closes the endpoint and the timer loop, and waits for the steps and calls in flight. */
  stop(): Promise<void>;
  /** The endpoint for `new SFNClient({ endpoint })` (after `start`). */
  readonly endpoint: string;
  /** Resolves when no step, call or due timer is left: every consequence of an action played out. */
  idle(): Promise<void>;
}

/** Substitutes and checks the definitions up front, so a mistake fails at once. */
function prepareDefinitions(options: LocalEngineOptions): { name: string; text: string }[] {
  return Object.entries(options.definitions).map(([name, asl]) => {
    const text = substitute(typeof asl === 'string' ? asl : JSON.stringify(asl), options.substitutions ?? {});
    const missing = placeholdersIn(text);
    if (missing.length > 0) {
      throw new UnsupportedAslError(
        `definition '${name}': no substitution for ${missing.join(', ')}; pass them in \`substitutions\``,
      );
    }
    parseDefinition(text);
    return { name, text };
  });
}

/** What the engine holds besides the API's parts. */
interface Machinery {
  readonly parts: EngineParts;
  readonly timers: TimerLoop;
  readonly work: WorkTracker;
}

/** Builds the parts and connects them: store → registry → runner (steps) ← timer loop, calls, cleanup. */
function wire(options: LocalEngineOptions, api: () => StepFunctionsApi): Machinery {
  // ARNs as in the cloud's region and a made-up account; the endpoint is on loopback only.
  const location = { region: 'eu-west-1', accountId: '123456789012' };
  // Failures of background work nobody awaits (the store unreachable…).
  const onError = (error: unknown) => console.error('local engine:', error);
  const { clock } = options;
  const store = new EngineStore(options.documentClient, options.tableName);
  const registry = new Registry(store);
  const work = new WorkTracker();
  const track = <T>(promise: Promise<T>) => work.track(promise);
  const invoke = createInvoker({
    handlers: options.handlers,
    startExecution: async (request) => {
      const started = await api().startExecution(request);
      return { executionArn: String(started.executionArn), startDate: started.startDate ?? clock.now() };
    },
  });
  const timers = new TimerLoop({
    clock,
    loadDue: (now) => store.timers(now),
    fire: async (timer) => {
      const result = await runner.trigger(timer.executionArn, { kind: 'timer', timer: timer.id });
      if (result !== 'applied') await store.deleteStaleTimer(timer);
    },
    track,
    onError,
  });
  const cleanup = new CleanupQueue({ send: (writes) => store.cleanup(writes), track, onError });
  const region = location.region;
  const runner = new Runner({ cleanup, store, registry, clock, region, invoke, timers, work, onError });
  return { parts: { store, registry, runner, clock, location }, timers, work };
}

/** The engine: the Step Functions API over its parts, plus start/stop of the loop and the endpoint. */
class EmbeddedEngine extends StepFunctionsApi implements LocalEngine {
  readonly #machinery: Machinery;
  readonly #prepared: readonly { name: string; text: string }[];
  #http: HttpEndpoint | undefined;

  constructor(machinery: Machinery, options: LocalEngineOptions) {
    super(machinery.parts);
    this.#machinery = machinery;
    this.#prepared = prepareDefinitions(options);
  }

  async start(): Promise<void> {
    const { registry, store, runner, clock } = this.parts;
    for (const { name, text } of this.#prepared) {
      await registry.register(
        { stateMachineArn: this.stateMachineArn(name), name },
        text,
        clock.now().getTime(),
      );
    }
    for (const machine of await registry.load()) {
      for (const record of await runningExecutions(store, machine.stateMachineArn)) runner.resume(record);
    }
    this.#machinery.timers.start(await store.timers());
    this.#http = await listen(this, '127.0.0.1', 0);
  }

  async stop(): Promise<void> {
    this.#http?.stopAccepting();
    this.parts.runner.stopLaunching();
    await this.#machinery.timers.stop();
    await this.#machinery.work.idle();
    await this.#http?.close();
  }

  get endpoint(): string {
    if (this.#http === undefined) throw new Error('the local engine has no endpoint: call start() first');
    return this.#http.url;
  }

  idle(): Promise<void> {
    return this.#machinery.work.idle();
  }
}

/**
 * Creates the engine (nothing runs until `start()`).
 * @throws UnsupportedAslError, StepFunctionsApiError `InvalidDefinition` for a bad definition
 */
export function createLocalEngine(options: LocalEngineOptions): LocalEngine {
  let engine: EmbeddedEngine | undefined;
  const machinery = wire(options, () => {
    if (engine === undefined) throw new Error('the local engine is not built yet');
    return engine;
  });
  engine = new EmbeddedEngine(machinery, options);
  return engine;
}
