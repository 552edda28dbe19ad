/**
 * The embedded workflow engine of the local stack: it runs the compiled ASL itself (not the XState
 * actor), durably in the project's DynamoDB table, behind a Step Functions endpoint that
 * `@aws-sdk/client-sfn` talks to unchanged. See README.md in this folder.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { placeholdersIn, substitute } from './definition.ts';
import type { StepFunctionsApi } from './engine.ts';
import { StepFunctionsApiError } from './errors.ts';
import { type HttpEndpoint, listen } from './http.ts';
import type { LambdaHandler } from './invoke.ts';
import { defaultRoleArn, type Location } from './names.ts';
import { runningExecutions } from './queries.ts';
import { parseDefinition } from './validate.ts';
import { type Wiring, wire } from './wiring.ts';

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
  /** State machines to create or update at start: name → ASL (text or parsed). @default {} */
  readonly definitions?: Readonly<Record<string, string | object>>;
  /** Serve the Step Functions protocol over HTTP. @default true */
  readonly listen?: boolean;
  /** @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** @default 0 (a free port; read `endpoint` after start) */
  readonly port?: number;
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Failures of background work nobody awaits (the store unreachable…). @default console.error */
  readonly onError?: (error: unknown) => void;
}

/** The engine as the composition root holds it: lifecycle plus the Step Functions API in-process. */
export interface LocalEngine
  extends Pick<
    StepFunctionsApi,
    | 'createStateMachine'
    | 'describeStateMachine'
    | 'listStateMachines'
    | 'startExecution'
    | 'describeExecution'
    | 'listExecutions'
    | 'getExecutionHistory'
    | 'stopExecution'
    | 'sendTaskSuccess'
    | 'sendTaskFailure'
    | 'sendTaskHeartbeat'
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

/** Substitutes and validates the pre-registered definitions up front, so a mistake fails at once. */
function prepareDefinitions(options: LocalEngineOptions): { name: string; text: string }[] {
  return Object.entries(options.definitions ?? {}).map(([name, asl]) => {
    const text = substitute(typeof asl === 'string' ? asl : JSON.stringify(asl), options.substitutions ?? {});
    const missing = placeholdersIn(text);
    if (missing.length > 0) {
      throw new StepFunctionsApiError(
        'InvalidDefinition',
        `definition '${name}': no substitution for ${missing.join(', ')}; pass them in \`substitutions\``,
      );
    }
    parseDefinition(text);
    return { name, text };
  });
}

/**
 * Creates the engine (nothing runs until `start()`).
 * @throws UnsupportedAslError, StepFunctionsApiError `InvalidDefinition` for a bad definition
 */
export function createLocalEngine(options: LocalEngineOptions): LocalEngine {
  const prepared = prepareDefinitions(options);
  const location: Location = {
    region: options.region ?? 'eu-west-1',
    accountId: options.accountId ?? '123456789012',
  };
  const onError = options.onError ?? ((error: unknown) => console.error('local engine:', error));
  const { wiring, api } = wire({ ...options, location, onError });
  return new EmbeddedEngine(wiring, api, { options, prepared });
}

/** The engine: the Step Functions API plus start/stop of the loop and the endpoint. */
class EmbeddedEngine implements LocalEngine {
  #http: HttpEndpoint | undefined;

  constructor(
    private readonly w: Wiring,
    private readonly api: StepFunctionsApi,
    private readonly setup: {
      options: LocalEngineOptions;
      prepared: readonly { name: string; text: string }[];
    },
  ) {}

  async start(): Promise<void> {
    const { registry, store, runner, timers, location } = this.w;
    const now = this.w.clock.now().getTime();
    for (const { name, text } of this.setup.prepared) {
      const machine = {
        stateMachineArn: this.stateMachineArn(name),
        name,
        roleArn: defaultRoleArn(location),
      };
      await registry.register(machine, text, { mode: 'replace', now });
    }
    for (const machine of await registry.machines()) {
      for (const record of await runningExecutions(store, machine.stateMachineArn)) runner.resume(record);
    }
    timers.start(await store.allTimers());
    const { listen: serve = true, host = '127.0.0.1', port = 0 } = this.setup.options;
    if (serve) this.#http = await listen(this.api, host, port);
  }

  async stop(): Promise<void> {
    this.#http?.stopAccepting();
    this.w.runner.stopLaunching();
    await this.w.timers.stop();
    await this.w.work.idle();
    await this.#http?.close();
  }

  get endpoint(): string {
    if (this.#http === undefined)
      throw new Error('the local engine has no endpoint: call start() first (with listen)');
    return this.#http.url;
  }

  idle = (): Promise<void> => this.w.work.idle();
  stateMachineArn = (name: string): string => this.api.stateMachineArn(name);
  createStateMachine: LocalEngine['createStateMachine'] = (input) => this.api.createStateMachine(input);
  describeStateMachine: LocalEngine['describeStateMachine'] = (input) => this.api.describeStateMachine(input);
  listStateMachines: LocalEngine['listStateMachines'] = (input) => this.api.listStateMachines(input);
  startExecution: LocalEngine['startExecution'] = (input) => this.api.startExecution(input);
  describeExecution: LocalEngine['describeExecution'] = (input) => this.api.describeExecution(input);
  listExecutions: LocalEngine['listExecutions'] = (input) => this.api.listExecutions(input);
  getExecutionHistory: LocalEngine['getExecutionHistory'] = (input) => this.api.getExecutionHistory(input);
  stopExecution: LocalEngine['stopExecution'] = (input) => this.api.stopExecution(input);
  sendTaskSuccess: LocalEngine['sendTaskSuccess'] = (input) => this.api.sendTaskSuccess(input);
  sendTaskFailure: LocalEngine['sendTaskFailure'] = (input) => this.api.sendTaskFailure(input);
  sendTaskHeartbeat: LocalEngine['sendTaskHeartbeat'] = (input) => this.api.sendTaskHeartbeat(input);
}
