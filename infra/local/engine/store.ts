// The engine's DynamoDB adapter. `commit` writes a step atomically, conditional on the revision
// the step started from: two engine instances, or a retry after a crash, can never both apply a
// step. See store-items.ts for what is in the atomic write and what follows it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { GSI1 } from '#shared/store/table.ts';
import { cancellationReasons, transactWrite } from '#shared/store/transactions.ts';
import { Limiter } from './background.ts';
import {
  definitionKey,
  ENGINE_GSI1_PARTITION,
  executionKey,
  stateMachineGsi1,
  stateMachineKey,
  timerKey,
  timersDueBound,
  tokenKey,
} from './keys.ts';
import type { ExecutionRecord, StateMachineRecord, TimerRecord, TokenRecord } from './model.ts';
import type { CleanupWrite, StepWrites } from './store-items.ts';
import { executionOf, type Item, timerOf, tokenOf } from './store-items.ts';

/** Below the SDK's default of 50 sockets, so requests wait here rather than in its pool. */
const MAX_REQUESTS_IN_FLIGHT = 40;

type BatchRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * A step's write was refused: the execution is not at the revision the step started from (another
 * instance, or an earlier attempt, moved it), or it already exists (a start).
 */
export class ExecutionConflictError extends Error {
  override readonly name = 'ExecutionConflictError';
}

/** One page of a Query: its items and where the next page starts. */
export interface Page {
  readonly items: Item[];
  readonly lastKey: Record<string, unknown> | undefined;
}

/** Reads and writes the engine's items in the single table. */
export class EngineStore {
  readonly #limiter = new Limiter(MAX_REQUESTS_IN_FLIGHT);

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Writes a step's atomic part: one conditional PutItem, or a transaction (see store-items.ts).
   * @throws ExecutionConflictError when the execution's condition failed; nothing was written then
   */
  async commit(writes: StepWrites): Promise<void> {
    const [single, ...more] = writes.atomic;
    const put = more.length === 0 ? single?.Put : undefined;
    try {
      if (put !== undefined) {
        await this.#limiter.run(() =>
          this.client.send(new PutCommand({ ...put, TableName: this.tableName })),
        );
      } else {
        await this.#limiter.run(() => transactWrite(this.client, this.tableName, writes.atomic));
      }
    } catch (error) {
      const refused =
        error instanceof ConditionalCheckFailedException ||
        cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (refused)
        throw new ExecutionConflictError(`execution ${writes.record.executionArn} changed meanwhile`);
      throw error;
    }
  }

  /** Sends cleanup writes (closed tokens, cancelled timers): idempotent, so simply retried. */
  async cleanup(writes: readonly CleanupWrite[]): Promise<void> {
    let pending = [...writes];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= 5) throw new Error(`cleanup of ${pending.length} engine items kept failing`);
      const { UnprocessedItems } = await this.#limiter.run(() =>
        this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as BatchRequest[] } }),
        ),
      );
      pending = (UnprocessedItems?.[this.tableName] ?? []) as CleanupWrite[];
    }
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Page> {
    const page = await this.#limiter.run(() =>
      this.client.send(new QueryCommand({ ...input, TableName: this.tableName })),
    );
    return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey };
  }

  /** Every item of a Query, through all pages. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.query({ ...input, ExclusiveStartKey: start });
      items.push(...page.items);
      start = page.lastKey;
    } while (start !== undefined);
    return items;
  }

  async get(key: Record<string, unknown>): Promise<Item | undefined> {
    const { Item: item } = await this.#limiter.run(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return item;
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const item = await this.get(executionKey(executionArn));
    return item === undefined ? undefined : executionOf(item);
  }

  async getToken(token: string): Promise<TokenRecord | undefined> {
    const item = await this.get(tokenKey(token));
    return item === undefined ? undefined : tokenOf(item);
  }

  /** Pending timers, soonest first (gsi1, eventually consistent): those due at or before `now`, or all. */
  async timers(now?: number): Promise<TimerRecord[]> {
    const due = now === undefined ? '' : ' AND #gsk < :bound';
    const items = await this.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: `#gpk = :gpk${due}`,
      ExpressionAttributeNames: {
        '#gpk': GSI1.partitionKey,
        ...(now === undefined ? {} : { '#gsk': GSI1.sortKey }),
      },
      ExpressionAttributeValues: {
        ':gpk': ENGINE_GSI1_PARTITION.timers,
        ...(now === undefined ? {} : { ':bound': timersDueBound(now) }),
      },
    });
    return items.map(timerOf);
  }

  /** Removes a timer that no position refers to any more (left over after a crash). */
  async deleteStaleTimer(timer: TimerRecord): Promise<void> {
    const key = timerKey(timer.executionArn, timer.id);
    await this.#limiter.run(() =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key })),
    );
  }

  /** Stores a definition text under its content hash (immutable, so a plain Put is idempotent). */
  putDefinition(definitionId: string, text: string): Promise<void> {
    return this.#put({ ...definitionKey(definitionId), definitionId, text });
  }

  async getDefinition(definitionId: string): Promise<string | undefined> {
    const item = await this.get(definitionKey(definitionId));
    return item === undefined ? undefined : String(item.text);
  }

  /** Creates or replaces a state machine. */
  putStateMachine(record: StateMachineRecord): Promise<void> {
    return this.#put({
      ...stateMachineKey(record.stateMachineArn),
      ...stateMachineGsi1(record.name),
      ...record,
    });
  }

  async getStateMachine(stateMachineArn: string): Promise<StateMachineRecord | undefined> {
    const item = await this.get(stateMachineKey(stateMachineArn));
    return item === undefined ? undefined : stateMachineOf(item);
  }

  /** Every state machine, by name. */
  async listStateMachines(): Promise<StateMachineRecord[]> {
    const items = await this.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': GSI1.partitionKey },
      ExpressionAttributeValues: { ':gpk': ENGINE_GSI1_PARTITION.stateMachines },
    });
    return items.map(stateMachineOf);
  }

  async #put(item: Item): Promise<void> {
    await this.#limiter.run(() =>
      this.client.send(new PutCommand({ TableName: this.tableName, Item: item })),
    );
  }
}

function stateMachineOf(item: Item): StateMachineRecord {
  return {
    stateMachineArn: String(item.stateMachineArn),
    name: String(item.name),
    definitionId: String(item.definitionId),
    creationDate: Number(item.creationDate),
  };
}
