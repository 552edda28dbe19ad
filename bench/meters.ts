/**
 * The product's own local stack (`startLocalStack`), started with the bench's meters injected
 * (`infra/local/meters.ts`): every consumer's DynamoDB client carries the capacity middleware,
 * every Lambda invocation is timed, every e-mail and signal row noted. Nothing is wired here but
 * the cloud's stream relay, which the local stack does not have (see {@link MeteredStack.relayStream}).
 *
 * Consumers: `http` (the API handlers), `park`, `deadline`, `notify` (the workflow's tasks),
 * `relay` (the stream-triggered relay Lambda) and `relay-loop` (the local polling loop, which the
 * cloud does not have). The engine's own items go through the stack's plain client: Step
 * Functions keeps its state itself, it is not DynamoDB cost.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createRelayHandler } from '#functions/tasks/relay.ts';
import { localClients, localCredentials } from '#infra/local/clients.ts';
import type { AnyHandler, LocalStackMeters } from '#infra/local/meters.ts';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import type { CommitTransitionInput, SignalRecord, Store } from '#shared/ports/store.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { eventKey } from '#shared/store/keys.ts';
import { CapacityMeter, meterClient } from './metering.ts';

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

/** The local stack with what the meters saw. */
export interface MeteredStack extends LocalStack {
  readonly sfn: SFNClient;
  readonly meter: CapacityMeter;
  /** Every Lambda invocation so far, in order. */
  readonly invocations: Invocation[];
  /** Every e-mail sent so far, in order. */
  readonly mails: SentMail[];
  /** Every signal row written so far (the DynamoDB Stream's INSERTs the cloud relay is invoked for). */
  readonly signals: SignalRecord[];
  /**
   * Invokes the cloud's stream relay Lambda (functions/tasks/relay.ts) once for each signal row
   * written since `fromIndex`, as the table's stream would, timed and metered as `relay`.
   */
  relayStream(fromIndex: number): Promise<number>;
}

export interface MeteredStackOptions {
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  readonly dataDir: string;
}

/** Wraps a store so that every signal row it writes is also noted (for the stream relay). */
function notingSignals(store: Store, now: () => Date, signals: SignalRecord[]): Store {
  const note = (input: Omit<CommitTransitionInput, 'expectedVersion'>, fromVersion: number) => {
    // A deadline task's own signal: the stream's filter keeps it from the relay.
    if (input.signal && input.signalTakenByTask !== true) {
      const createdAt = now().toISOString();
      signals.push({ proposalId: input.proposal.id, fromVersion, signal: input.signal, createdAt });
    }
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

/** The new image of the audit event carrying `record`'s signal, with what the relay reads of it. */
function signalEventImage(record: SignalRecord) {
  const version = record.fromVersion + 1;
  const { proposalId, createdAt: at, signal } = record;
  return { ...eventKey(proposalId, version), proposalId, version, at, signal };
}

/** Times every invocation of `handler` as `fn`; an HTTP handler's route and status are noted too. */
function timed<H extends AnyHandler>(invocations: Invocation[], fn: string, handler: H): H {
  return (async (event: { routeKey?: string }) => {
    const started = performance.now();
    const result = await handler(event).catch((error: unknown) => {
      invocations.push({ fn, ms: performance.now() - started });
      throw error;
    });
    const status = (result as { statusCode?: number } | undefined)?.statusCode;
    invocations.push({
      fn,
      ...(fn.startsWith('http/') && event.routeKey !== undefined ? { routeKey: event.routeKey } : {}),
      ms: performance.now() - started,
      ...(status === undefined ? {} : { status }),
    });
    return result;
  }) as H;
}

/** Starts `startLocalStack` with the bench's meters; `stop()` stops it and the bench's clients. */
export async function startMeteredStack(options: MeteredStackOptions): Promise<MeteredStack> {
  const meter = new CapacityMeter();
  const invocations: Invocation[] = [];
  const mails: SentMail[] = [];
  const signals: SignalRecord[] = [];
  let now = () => new Date();
  const meters: LocalStackMeters = {
    dynamoDb: (client, consumer) => meterClient(client, meter, consumer),
    // As the cloud's composition root writes them: its stream relay needs no gsi1 `SIGNALS` entry.
    storeOptions: { listSignals: false },
    store: (store) => notingSignals(store, () => now(), signals),
    handler: (fn, handler) => timed(invocations, fn, handler),
    mailer: (mailer) => ({
      send: async (message) => {
        await mailer.send(message);
        mails.push({ proposalId: message.proposalId, step: message.step, recipients: message.to.length });
      },
    }),
  };
  const stack = await startLocalStack({
    port: 0,
    dataDir: options.dataDir,
    dynamoDbEndpoint: options.dynamoDbEndpoint,
    tableName: options.tableName,
    logLevel: 'ERROR',
    // The relay loop only sweeps up after crashes; settle() runs it after every request anyway.
    relayIntervalMs: 3_600_000,
    meters,
  });
  now = () => stack.clock.now();
  const sfn = new SFNClient({ endpoint: stack.sfnEndpoint, ...localCredentials });
  const relayClients = localClients(options.dynamoDbEndpoint);
  meterClient(relayClients.client, meter, 'relay');
  const relay = timed(
    invocations,
    'tasks/relay',
    createRelayHandler({
      store: new DynamoDbStore(relayClients.documentClient, options.tableName, { listSignals: false }),
      workflow: stack.deps.workflow,
      clock: stack.clock,
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
              // The audit event that carries the signal, as far as the relay reads it.
              NewImage: marshall(signalEventImage(record), { removeUndefinedValues: true }) as never,
              SequenceNumber: String(fromIndex + i),
            },
          },
        ],
      };
      await relay(event);
    }
    return pending.length;
  };

  return {
    ...stack,
    sfn,
    meter,
    invocations,
    mails,
    signals,
    relayStream,
    stop: async () => {
      await stack.stop();
      sfn.destroy();
      relayClients.client.destroy();
    },
  };
}
