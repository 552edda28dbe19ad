/**
 * Measuring hooks of the local stack (`npm run bench`): the stack stays the one local composition
 * root, and a measurement injects only what it observes. Without hooks nothing changes: one
 * DynamoDB client and one store serve every consumer, handlers and mailer run unwrapped.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MailerPort } from '#shared/ports/mailer.ts';
import type { Store } from '#shared/ports/store.ts';
import { DynamoDbStore, type DynamoDbStoreOptions } from '#shared/store/dynamodb-store.ts';
import { localClients } from './clients.ts';

/**
 * Who uses the table, as the cloud bills it: the HTTP handlers, each workflow task, the local
 * relay loop. The engine is not among them: Step Functions keeps its own state, which is not
 * DynamoDB cost, so the engine always keeps the stack's own client.
 */
export type StackConsumer = 'http' | 'park' | 'deadline' | 'notify' | 'relay-loop';

/** A Lambda handler as the stack runs it in process. */
// biome-ignore lint/suspicious/noExplicitAny: a wrapper passes any handler's event and result through.
export type AnyHandler = (event: any) => Promise<any>;

/** What a measurement may observe; every hook is optional. */
export interface LocalStackMeters {
  /**
   * Called once per consumer with a DynamoDB client of its own (a metering middleware goes here).
   * When given, each consumer gets its own client and store instead of the shared one.
   */
  readonly dynamoDb?: (client: DynamoDBClient, consumer: StackConsumer) => void;
  /**
   * Options of each consumer's own store (with `dynamoDb`): `listSignals: false` writes the signals
   * unlisted, as the cloud's composition root does, to measure what the cloud bills. The local relay
   * loop then finds none of them; the handler's own relay and the park task deliver every signal.
   */
  readonly storeOptions?: DynamoDbStoreOptions;
  /** Wraps the store a consumer gets (to note what it writes). */
  readonly store?: (store: Store, consumer: StackConsumer) => Store;
  /** Wraps each Lambda handler, named `http/<module>` or `tasks/<task>` (to time it). */
  readonly handler?: <H extends AnyHandler>(name: string, handler: H) => H;
  /** Wraps the mailer (to count the e-mails). */
  readonly mailer?: (mailer: MailerPort) => MailerPort;
}

/** The stack's parts as the hooks shape them. */
export interface Metered {
  /** The store of one consumer: the shared one unless the hooks meter its client. */
  storeFor(consumer: StackConsumer): Store;
  /** The handler, wrapped when the hooks time handlers. */
  handler<H extends AnyHandler>(name: string, handler: H): H;
  /** Every handler of a record of handlers by module, named `<prefix>/<module>`. */
  handlers<R extends Readonly<Record<string, AnyHandler>>>(prefix: string, handlers: R): R;
  mailer(mailer: MailerPort): MailerPort;
  /** Closes the consumers' own clients. */
  destroy(): void;
}

/** Applies `meters` (or nothing) to the stack's shared store on `dynamoDbEndpoint`. */
export function applyMeters(
  meters: LocalStackMeters | undefined,
  shared: { readonly store: Store; readonly dynamoDbEndpoint: string; readonly tableName: string },
): Metered {
  const clients: DynamoDBClient[] = [];
  const storeFor = (consumer: StackConsumer): Store => {
    let store = shared.store;
    if (meters?.dynamoDb) {
      const own = localClients(shared.dynamoDbEndpoint);
      meters.dynamoDb(own.client, consumer);
      clients.push(own.client);
      store = new DynamoDbStore(own.documentClient, shared.tableName, meters.storeOptions);
    }
    return meters?.store?.(store, consumer) ?? store;
  };
  const handler = <H extends AnyHandler>(name: string, fn: H): H => meters?.handler?.(name, fn) ?? fn;
  return {
    storeFor,
    handler,
    handlers: (prefix, all) =>
      Object.fromEntries(
        Object.entries(all).map(([name, fn]) => [name, handler(`${prefix}/${name}`, fn)]),
      ) as never,
    mailer: (mailer) => meters?.mailer?.(mailer) ?? mailer,
    destroy: () => {
      for (const client of clients) client.destroy();
    },
  };
}
