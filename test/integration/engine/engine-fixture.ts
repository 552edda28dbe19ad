// Starts the local engine on a DynamoDB Local table for a test, with an SFN client on its
// endpoint, and stops both afterwards.
import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { AdjustableClock } from '#infra/local/clock.ts';
import { createLocalEngine, type LocalEngine, type LocalEngineOptions } from '#infra/local/engine/index.ts';
import type { DynamoDbTestContext } from '#test/support/dynamodb.ts';

/** A running engine, its clock and an SDK client on its endpoint. */
export interface EngineFixture {
  readonly engine: LocalEngine;
  readonly clock: AdjustableClock;
  readonly sfn: SFNClient;
  readonly tableName: string;
  /** Stops the engine and the client. */
  stop(): Promise<void>;
}

/** What a test chooses; the rest (client, table, clock) the fixture provides. */
export type FixtureOptions = Pick<LocalEngineOptions, 'handlers' | 'definitions' | 'substitutions'> & {
  /** Share a table (a restart, a second instance). @default a fresh table */
  readonly tableName?: string;
  /** Share a clock. @default a new AdjustableClock */
  readonly clock?: AdjustableClock;
};

/** An SDK client as the project's adapters build it, pointed at `endpoint`. */
export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates and starts an engine with its HTTP endpoint. */
export async function startEngine(ddb: DynamoDbTestContext, options: FixtureOptions): Promise<EngineFixture> {
  const tableName = options.tableName ?? (await ddb.freshTable());
  const clock = options.clock ?? new AdjustableClock();
  const engine = createLocalEngine({
    documentClient: ddb.documentClient,
    tableName,
    clock,
    handlers: options.handlers,
    definitions: options.definitions,
    ...(options.substitutions === undefined ? {} : { substitutions: options.substitutions }),
  });
  await engine.start();
  const sfn = sfnClient(engine.endpoint);
  return {
    engine,
    clock,
    sfn,
    tableName,
    stop: async () => {
      sfn.destroy();
      await engine.stop();
    },
  };
}

/** The whole history of an execution, oldest first, through every page. */
export async function fullHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 100 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** The names of the states an execution entered, in order. */
export function enteredStates(events: readonly HistoryEvent[]): string[] {
  return events.flatMap((event) => {
    const name = event.stateEnteredEventDetails?.name;
    return name === undefined ? [] : [name];
  });
}
