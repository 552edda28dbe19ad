/**
 * The local composition root: the whole system on one machine, with local stand-ins only for the
 * AWS services — AWS's DynamoDB Local (on disk), the embedded engine running the compiled ASL, an
 * outbox of .eml files, an advanceable clock — and the same handlers, model, table and workflow.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createHttpHandlers, routes } from '#functions/http/index.ts';
import { createDatedEffectHandler } from '#functions/tasks/dated-effect.ts';
import { createDeadlineHandler } from '#functions/tasks/deadline.ts';
import { createNotifyHandler } from '#functions/tasks/notify.ts';
import { createParkHandler } from '#functions/tasks/park.ts';
import { createSweeperHandler } from '#functions/tasks/sweeper.ts';
import { loadDefaultRegister, type Register } from '#shared/covenant/index.ts';
import { createRelayPasses } from '#shared/dispatch/index.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN, senderAddress } from '#shared/mail/index.ts';
import { OutboxMailer } from '#shared/mail/outbox-mailer.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { ensureCovenant } from '#shared/usecases/covenant-effects.ts';
import { deliverWebhooks } from '#shared/usecases/deliveries.ts';
import { type AppDeps, createAppDeps } from '#shared/usecases/deps.ts';
import { HttpWebhookSender } from '#shared/webhooks/http-sender.ts';
import { SfnDatedEffects } from '#shared/workflow/sfn-dated-effects.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';
import { datedEffectAsl } from '#statemachines/dated-effects/asl.ts';
import { lifecycleAsl } from '#statemachines/proposal-lifecycle/asl.ts';
import { loadLocalKey } from './auth.ts';
import { localClients } from './clients.ts';
import { AdjustableClock } from './clock.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { createLocalEngine, type LocalEngine } from './engine/index.ts';

import { localRoutes } from './local-routes.ts';
import { LocalMembershipLog } from './membership.ts';
import { applyMeters, type LocalStackMeters } from './meters.ts';
import { DEFAULT_LOCAL_RATE_LIMIT, type RateLimit, RateLimiter } from './rate-limit.ts';
import { createRequestListener } from './server.ts';
import { createWebAppServer } from './web-app.ts';

export const TABLE_NAME = 'besluitvorming';
const STATE_MACHINE = 'proposal-lifecycle';
/** The FunctionNames the ASL's placeholders get locally (the engine's handlers are keyed by them). */
export const FUNCTIONS = {
  ParkFunctionArn: 'local-park',
  DeadlineFunctionArn: 'local-deadline',
  NotifyFunctionArn: 'local-notify',
  EffectFunctionArn: 'local-dated-effect',
};
const EFFECTS_STATE_MACHINE = 'dated-effect';

export interface LocalStackOptions {
  /** Where the database, the outbox, the clock and the token key live. @default `.data` */
  readonly dataDir?: string;
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** Keep DynamoDB Local in memory instead of under dataDir (tests). @default false */
  readonly inMemory?: boolean;
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local (tests that share one). */
  readonly dynamoDbEndpoint?: string;
  /** @default TABLE_NAME */
  readonly tableName?: string;
  /** @default 'WARN' */
  readonly logLevel?: string;
  /** The party register. @default the register shipped in shared/covenant/register.json */
  readonly register?: Register;
  /** How often the background loop sweeps for lost executions and relays signals a crash left behind. @default 1000 */
  readonly relayIntervalMs?: number;
  /** The token bucket of each party; `false` for none (benchmarks). @default DEFAULT_LOCAL_RATE_LIMIT */
  readonly rateLimit?: RateLimit | false;
  /** How many open proposals a party may have. @default DEFAULT_OPEN_PROPOSALS_PER_PARTY */
  readonly openProposalsPerParty?: number;
  /** Measuring hooks (`npm run bench`): per-consumer DynamoDB clients, wrapped handlers. @default none */
  readonly meters?: LocalStackMeters;
}

export interface LocalStack {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly outboxDir: string;
  readonly clock: AdjustableClock;
  readonly engine: LocalEngine;
  readonly deps: AppDeps;
  readonly sfnEndpoint: string;
  /** The lifecycle state machine in the engine. */
  readonly stateMachineArn: string;
  readonly dynamoDbEndpoint: string;
  /** The single table (proposals and the engine's items). */
  readonly tableName: string;
  /** Every consequence of what happened so far played out (engine idle, relay drained). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The clock keeps its offset across restarts: a demo advanced 43 days stays 43 days ahead. */
function persistentClock(dataDir: string): AdjustableClock {
  const file = join(dataDir, 'clock.json');
  let offset = 0;
  try {
    offset = Number((JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: number }).offsetMs ?? 0);
  } catch {
    // first start: real time
  }
  const clock = new AdjustableClock(offset);
  clock.onAdvance(() => writeFileSync(file, JSON.stringify({ offsetMs: clock.offsetMs }), { mode: 0o600 }));
  return clock;
}

/** Starts everything; `stop()` stops what it started, in reverse order. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const outboxDir = join(dataDir, 'outbox');
  // The data folder holds the token key, the database and e-mails with names and addresses: only
  // this user may enter it (0700), also when an older version created it world-readable.
  for (const dir of [dataDir, outboxDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const stops: (() => Promise<void>)[] = [];
  try {
    return await assemble({ ...options, dataDir, outboxDir }, stops);
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

async function assemble(
  options: LocalStackOptions & { dataDir: string; outboxDir: string },
  stops: (() => Promise<void>)[],
): Promise<LocalStack> {
  const { dataDir, outboxDir } = options;
  const tableName = options.tableName ?? TABLE_NAME;
  const dynamoDbEndpoint = options.dynamoDbEndpoint ?? (await startDatabase(options, stops));
  const { client, documentClient } = localClients(dynamoDbEndpoint);
  await ensureTable(client, tableName);
  const store = new DynamoDbStore(documentClient, tableName);
  const metered = applyMeters(options.meters, { store, dynamoDbEndpoint, tableName });
  stops.push(async () => metered.destroy());
  const clock = persistentClock(dataDir);
  const register = options.register ?? loadDefaultRegister();
  const logger = new Logger({
    serviceName: 'besluitvorming-local',
    logLevel: (options.logLevel ?? 'WARN') as 'WARN',
  });

  // The engine calls the task handlers in process; they answer through the engine's own endpoint.
  // The task handlers need the API's base URL, known once the server listens; the engine resumes
  // calls that were in flight before a crash as soon as it starts. So its handlers wait for them.
  // biome-ignore lint/suspicious/noExplicitAny: each task takes its own payload; the engine passes what the ASL built.
  type TaskHandler = (payload: any) => Promise<unknown>;
  type Tasks = Record<'park' | 'deadline' | 'notify' | 'effect', TaskHandler>;
  let wired: (handlers: Tasks) => void = () => undefined;
  const taskHandlers = new Promise<Tasks>((resolve) => {
    wired = resolve;
  });
  const engine = createLocalEngine({
    documentClient,
    tableName,
    clock,
    handlers: {
      [FUNCTIONS.ParkFunctionArn]: async (p) => (await taskHandlers).park(p),
      [FUNCTIONS.DeadlineFunctionArn]: async (p) => (await taskHandlers).deadline(p),
      [FUNCTIONS.NotifyFunctionArn]: async (p) => (await taskHandlers).notify(p),
      [FUNCTIONS.EffectFunctionArn]: async (p) => (await taskHandlers).effect(p),
    },
    substitutions: FUNCTIONS,
    definitions: { [STATE_MACHINE]: lifecycleAsl(), [EFFECTS_STATE_MACHINE]: datedEffectAsl() },
  });
  await engine.start();
  stops.push(() => engine.stop());
  const sfn = new SFNClient({
    endpoint: engine.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const workflow = new SfnWorkflow(sfn, engine.stateMachineArn(STATE_MACHINE));

  // Listen first (the port may be chosen by the system), answer once everything is wired.
  let listener: RequestListener = (_request, response) => {
    response.writeHead(503, { 'retry-after': '1' }).end();
  };
  const server = createServer((request, response) => listener(request, response));
  const port = options.port ?? 3000;
  const listening = await listen(server, port);
  stops.push(() => closeServer(server));
  const baseUrl = `http://localhost:${listening}`;
  const mailer = metered.mailer(new OutboxMailer({ dir: outboxDir, clock }));
  const mailFrom = senderAddress('besluitvorming@zorginstituut.example');
  const deps = createAppDeps({
    store: metered.storeFor('http'),
    workflow,
    clock,
    register,
    logger,
    apiBaseUrl: baseUrl,
    // A receiver on this machine may subscribe (http://127.0.0.1); anything else must be public https.
    webhookUrls: 'public-or-loopback',
    mail: { mailer, from: mailFrom, messageIdDomain: DEFAULT_MESSAGE_ID_DOMAIN },
    effects: new SfnDatedEffects(sfn, engine.stateMachineArn(EFFECTS_STATE_MACHINE)),
    membership: new LocalMembershipLog(dataDir, logger),
    ...(options.openProposalsPerParty === undefined
      ? {}
      : { openProposalsPerParty: options.openProposalsPerParty }),
  });
  wired({
    park: metered.handler(
      'tasks/park',
      createParkHandler({ store: metered.storeFor('park'), workflow, clock }),
    ),
    deadline: metered.handler(
      'tasks/deadline',
      createDeadlineHandler({ ...deps, store: metered.storeFor('deadline') }),
    ),
    notify: metered.handler(
      'tasks/notify',
      createNotifyHandler({
        store: metered.storeFor('notify'),
        deliveries: store,
        mailer,
        register,
        machine: deps.machine,
        covenant: deps.covenant,
        clock,
        mailFrom,
        // The web app is served at / by this same server (DESIGN 3.3).
        webBaseUrl: baseUrl,
      }),
    ),
    effect: metered.handler('tasks/dated-effect', createDatedEffectHandler(deps)),
  });
  // The register is data: version 1 from the seed once; the renewal reminder; effects lost to a crash.
  await ensureCovenant(deps);
  const relayDeps = { ...deps, store: metered.storeFor('relay-loop') };
  const relayPasses = createRelayPasses(relayDeps);
  // The same safety net as the cloud's scheduled sweeper: it restarts a lost execution, never decides.
  const sweep = createSweeperHandler({ store: relayDeps.store, workflow, clock, logger });
  const relayPass = async () => {
    await sweep();
    return relayPasses();
  };
  const relay = startRelayLoop(relayPass, options.relayIntervalMs ?? 1000, logger);
  stops.push(relay.stop);
  // Webhooks: the cloud's delivery function's code, in its own loop (a slow receiver must not hold
  // up the relay). Its cursors are in the table: a restart continues where it stopped.
  const webhooks = startRelayLoop(
    webhookPass({ ...deps, store: metered.storeFor('relay-loop') }, logger),
    options.relayIntervalMs ?? 1000,
    logger,
  );
  stops.push(webhooks.stop);
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await engine.idle();
      await relay.runOnce();
    }
    await engine.idle();
  };
  const key = await loadLocalKey(dataDir);
  listener = createRequestListener({
    routes,
    handlers: metered.handlers('http', createHttpHandlers(deps)),
    key,
    localRoutes: localRoutes({ clock, outboxDir, settle }),
    now: () => clock.now(),
    ...(options.rateLimit === false
      ? {}
      : { rateLimiter: new RateLimiter(options.rateLimit ?? DEFAULT_LOCAL_RATE_LIMIT) }),
    webApp: createWebAppServer({ key, register }),
  });
  return {
    baseUrl,
    port: listening,
    dataDir,
    outboxDir,
    clock,
    engine,
    deps,
    sfnEndpoint: engine.endpoint,
    stateMachineArn: engine.stateMachineArn(STATE_MACHINE),
    dynamoDbEndpoint,
    tableName,
    settle,
    stop: async () => {
      // The database's process handle is unref'd; hold the event loop open until it has stopped.
      const keepAlive = setInterval(() => undefined, 1000);
      try {
        for (const stop of stops.reverse()) await stop();
      } finally {
        clearInterval(keepAlive);
      }
      stops.length = 0;
    },
  };
}

async function startDatabase(
  options: LocalStackOptions & { dataDir: string },
  stops: (() => Promise<void>)[],
) {
  const dbPath = join(options.dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true, mode: 0o700 });
  const db = await startDynamoDbLocal(options.inMemory ? { inMemory: true } : { dbPath });
  stops.push(() => db.stop());
  return db.endpoint;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** One webhook delivery pass over the local stack's deps; a subscription's table error is logged. */
function webhookPass(deps: AppDeps, logger: Logger) {
  const sender = new HttpWebhookSender({ policy: deps.webhookUrls ?? 'public' });
  return async () => {
    const { errors } = await deliverWebhooks({ ...deps, sender });
    for (const error of errors) logger.error('webhook delivery pass failed', { error });
  };
}

/** The relay loop of DESIGN 3.2: at start, then every interval; never two passes at once. */
function startRelayLoop(pass: () => Promise<unknown>, intervalMs: number, logger: Logger) {
  let running: Promise<unknown> | undefined;
  const runOnce = async () => {
    while (running) await running.catch(() => undefined);
    running = pass().catch((error: unknown) => logger.error('relay pass failed', { error }));
    await running;
    running = undefined;
  };
  void runOnce();
  const timer = setInterval(() => void (running ? undefined : runOnce()), intervalMs);
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
