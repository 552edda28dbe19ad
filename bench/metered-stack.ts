/**
 * The local stack once more, for measuring: assembled from the same parts as
 * `infra/local/stack.ts` (the handlers, the engine running the compiled ASL, the relay, the local
 * HTTP server with its JWT check), but every Lambda's DynamoDB client is the bench's metered one
 * and every Lambda invocation is timed. `startLocalStack` builds its own clients, so it cannot be
 * metered from outside; this file follows its wiring (keep the two in step).
 *
 * Consumers: `http` (the API handlers), `park`, `deadline`, `notify` (the workflow's tasks),
 * `relay` (the stream-triggered relay Lambda, see {@link MeteredStack.relayStream}) and
 * `relay-loop` (the local polling loop, which the cloud does not have). The engine's own items are
 * written through plain clients: Step Functions keeps its state itself, it is not DynamoDB cost.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { SFNClient } from '@aws-sdk/client-sfn';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createHttpHandlers, routes } from '#functions/http/index.ts';
import { createDeadlineHandler } from '#functions/tasks/deadline.ts';
import { createNotifyHandler } from '#functions/tasks/notify.ts';
import { createParkHandler } from '#functions/tasks/park.ts';
import { createRelayHandler } from '#functions/tasks/relay.ts';
import { loadLocalKey } from '#infra/local/auth.ts';
import { AdjustableClock } from '#infra/local/clock.ts';
import { createLocalEngine, type LocalEngine } from '#infra/local/engine/index.ts';
import { localRoutes } from '#infra/local/local-routes.ts';
import { createRequestListener } from '#infra/local/server.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { relayPending } from '#shared/dispatch/index.ts';
import type { HttpHandler } from '#shared/http/handler.ts';
import { OutboxMailer } from '#shared/mail/index.ts';
import type { MailerPort, OutgoingMessage } from '#shared/ports/mailer.ts';
import type { CommitTransitionInput, SignalRecord } from '#shared/ports/store.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { signalItem } from '#shared/store/items.ts';
import { ensureTable } from '#shared/store/table.ts';
import { type AppDeps, createAppDeps } from '#shared/usecases/deps.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';
import { CapacityMeter, meteredClients, plainClients } from './metering.ts';

export const STATE_MACHINE = 'proposal-lifecycle';
/** The FunctionNames the ASL's placeholders get, as in infra/local/stack.ts. */
const FUNCTIONS = {
  ParkFunctionArn: 'local-park',
  DeadlineFunctionArn: 'local-deadline',
  NotifyFunctionArn: 'local-notify',
} as const;
/** FunctionName → the task it runs. */
export const TASK_OF_FUNCTION: Readonly<Record<string, string>> = {
  [FUNCTIONS.ParkFunctionArn]: 'park',
  [FUNCTIONS.DeadlineFunctionArn]: 'deadline',
  [FUNCTIONS.NotifyFunctionArn]: 'notify',
};

/** One Lambda invocation: which function, how long its handler ran. */
export interface Invocation {
  /** `http/<module>`, `tasks/<task>`. */
  readonly fn: string;
  readonly routeKey?: string;
  readonly ms: number;
  readonly status?: number;
}

/** One e-mail as SES would bill it: one per recipient. */
export interface SentMail {
  readonly proposalId: string;
  readonly step: string;
  readonly recipients: number;
}

export interface MeteredStack {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly clock: AdjustableClock;
  readonly engine: LocalEngine;
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly meter: CapacityMeter;
  /** Every Lambda invocation so far, in order. */
  readonly invocations: Invocation[];
  /** Every e-mail sent so far, in order. */
  readonly mails: SentMail[];
  /** Every signal row written so far (the DynamoDB Stream's INSERTs the cloud relay is invoked for). */
  readonly signals: SignalRecord[];
  /** The API handlers' AppDeps (metered as `http`). */
  readonly deps: AppDeps;
  /** Engine idle and relay drained, as `LocalStack.settle()`. */
  settle(): Promise<void>;
  /**
   * Invokes the cloud's stream relay Lambda (functions/tasks/relay.ts) once for each signal row
   * written since `fromIndex`, as the table's stream would, timed and metered as `relay`.
   */
  relayStream(fromIndex: number): Promise<number>;
  stop(): Promise<void>;
}

export interface MeteredStackOptions {
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  readonly dataDir: string;
}

/** Wraps a store so that every signal row it writes is also noted (for the stream relay). */
function notingSignals(store: DynamoDbStore, clock: AdjustableClock, signals: SignalRecord[]): DynamoDbStore {
  const note = (input: Omit<CommitTransitionInput, 'expectedVersion'>, fromVersion: number) => {
    if (input.signal)
      signals.push({
        proposalId: input.proposal.id,
        fromVersion,
        signal: input.signal,
        createdAt: clock.now().toISOString(),
      });
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commitTransition')
        return async (input: CommitTransitionInput) => {
          await target.commitTransition(input);
          note(input, input.expectedVersion);
        };
      if (property === 'createProposal')
        return async (input: Omit<CommitTransitionInput, 'expectedVersion'>) => {
          await target.createProposal(input);
          note(input, 0);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function timed<A extends unknown[], R>(
  invocations: Invocation[],
  fn: string,
  call: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const started = performance.now();
    try {
      return await call(...args);
    } finally {
      invocations.push({ fn, ms: performance.now() - started });
    }
  };
}

export async function startMeteredStack(options: MeteredStackOptions): Promise<MeteredStack> {
  const { dynamoDbEndpoint, tableName, dataDir } = options;
  const outboxDir = join(dataDir, 'outbox');
  mkdirSync(outboxDir, { recursive: true });
  const meter = new CapacityMeter();
  const invocations: Invocation[] = [];
  const mails: SentMail[] = [];
  const signals: SignalRecord[] = [];
  const plain = plainClients(dynamoDbEndpoint);
  const clients = [plain.client];
  await ensureTable(plain.client, tableName);
  const clock = new AdjustableClock();
  const register = loadDefaultRegister();
  const logger = new Logger({ serviceName: 'besluitvorming-bench', logLevel: 'ERROR' });
  const storeFor = (consumer: string) => {
    const metered = meteredClients(dynamoDbEndpoint, meter, consumer);
    clients.push(metered.client);
    return notingSignals(new DynamoDbStore(metered.documentClient, tableName), clock, signals);
  };

  const tasks: Record<string, (payload: unknown) => Promise<unknown>> = {};
  const engine = createLocalEngine({
    documentClient: plain.documentClient,
    tableName,
    clock,
    handlers: Object.fromEntries(
      Object.entries(TASK_OF_FUNCTION).map(([name, task]) => [
        name,
        (payload: unknown) => (tasks[task] as (p: unknown) => Promise<unknown>)(payload),
      ]),
    ),
    substitutions: FUNCTIONS,
    definitions: { [STATE_MACHINE]: lifecycleAsl() },
  });
  await engine.start();
  const sfn = new SFNClient({
    endpoint: engine.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stateMachineArn = engine.stateMachineArn(STATE_MACHINE);
  const workflow = new SfnWorkflow(sfn, stateMachineArn);

  const server = createServer();
  const port = await listen(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  const depsWith = (consumer: string) =>
    createAppDeps({ store: storeFor(consumer), workflow, clock, register, logger, apiBaseUrl: baseUrl });
  const deps = depsWith('http');
  const outbox = new OutboxMailer({ dir: outboxDir, clock });
  const mailer: MailerPort = {
    send: async (message: OutgoingMessage) => {
      await outbox.send(message);
      mails.push({ proposalId: message.proposalId, step: message.step, recipients: message.to.length });
    },
  };
  const parkStore = storeFor('park');
  const notifyStore = storeFor('notify');
  Object.assign(tasks, {
    park: timed(invocations, 'tasks/park', createParkHandler({ store: parkStore, workflow, clock })),
    deadline: timed(invocations, 'tasks/deadline', createDeadlineHandler(depsWith('deadline'))),
    notify: timed(
      invocations,
      'tasks/notify',
      createNotifyHandler({
        store: notifyStore,
        mailer,
        register,
        machine: deps.machine,
        clock,
        mailFrom: 'besluitvorming@zorginstituut.example',
        apiBaseUrl: baseUrl,
      }),
    ),
  });
  const relayLoopDeps = { store: storeFor('relay-loop'), workflow };
  const streamRelay = createRelayHandler({ store: storeFor('relay'), workflow });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await engine.idle();
      await relayPending(relayLoopDeps);
    }
    await engine.idle();
  };

  const handlers = createHttpHandlers(deps);
  const timedHandlers = Object.fromEntries(
    Object.entries(handlers).map(([module, handler]) => [
      module,
      (async (event) => {
        const started = performance.now();
        const result = await handler(event);
        invocations.push({
          fn: `http/${module}`,
          routeKey: event.routeKey,
          ms: performance.now() - started,
          ...(result.statusCode === undefined ? {} : { status: result.statusCode }),
        });
        return result;
      }) satisfies HttpHandler,
    ]),
  );
  server.on(
    'request',
    createRequestListener({
      routes,
      handlers: timedHandlers,
      key: await loadLocalKey(dataDir),
      localRoutes: localRoutes({ clock, outboxDir, settle }),
      now: () => clock.now(),
    }),
  );

  const relayStream = async (fromIndex: number) => {
    const pending = signals.slice(fromIndex);
    for (const [i, record] of pending.entries()) {
      const event: DynamoDBStreamEvent = {
        Records: [
          {
            eventName: 'INSERT',
            dynamodb: {
              NewImage: marshall(signalItem(record), { removeUndefinedValues: true }) as never,
              SequenceNumber: String(fromIndex + i),
            },
          },
        ],
      };
      const started = performance.now();
      await streamRelay(event);
      invocations.push({ fn: 'tasks/relay', ms: performance.now() - started });
    }
    return pending.length;
  };

  return {
    baseUrl,
    dataDir,
    clock,
    engine,
    sfn,
    stateMachineArn,
    meter,
    invocations,
    mails,
    signals,
    deps,
    settle,
    relayStream,
    stop: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await engine.stop();
      sfn.destroy();
      for (const client of clients) client.destroy();
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}
