// The single table's definition: one source of truth for its keys, indexes and TTL attribute.
// The CDK data stack imports these constants; the local stack and the tests create the table with
// ensureTable() (ensure-table.ts).
import type { CreateTableCommandInput, GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import { DECISION_FIELDS, LISTED_FIELDS } from './items.ts';

/** Partition key attribute of the table (string). */
export const PARTITION_KEY = 'pk';
/** Sort key attribute of the table (string). */
export const SORT_KEY = 'sk';

/** The general global secondary index: string keys, all attributes projected (its items are small). */
export const GSI1 = {
  indexName: 'gsi1',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
  projection: 'ALL',
} as const;

/**
 * The lists of issue 16: the proposals (`PROPOSALS`, the proposal items themselves) and the decision
 * register (`DECISIONS`, the register entries). It projects only the fields the lists show
 * ({@link LISTED_FIELDS}, {@link DECISION_FIELDS}), never the snapshot, the description or the
 * entry's deadline. So a list page reads small entries, a transition writes no list item of its
 * own (only the index entry: 1 WRU, 2 when the phase moves its key), and a change of the deadline
 * leaves the decision's entry as it is.
 */
export const GSI2 = {
  indexName: 'gsi2',
  partitionKey: 'gsi2pk',
  sortKey: 'gsi2sk',
  projection: 'INCLUDE',
  nonKeyAttributes: [...new Set([...LISTED_FIELDS, ...DECISION_FIELDS])],
} as const;

/**
 * The local stack's list of undelivered signals (DESIGN 3.2): sparse keys on the audit event that
 * carries a signal, written only by a store with `listSignals` (the local composition, whose
 * polling relay loop reads it) and removed when the signal is delivered. Only tables the local
 * stack and the tests create have it: the cloud's data stack does not define it, since the cloud's
 * relay reads the table's stream and nothing there writes these keys.
 */
export const SIGNALS_INDEX = {
  indexName: 'signals',
  partitionKey: 'signalpk',
  sortKey: 'signalsk',
  projection: 'ALL',
} as const;

/** Items carrying this attribute (epoch seconds) expire (idempotency records). DynamoDB Local never expires them. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** On-demand capacity: the load is a few requests a day with bursts around meetings. */
export const BILLING_MODE = 'PAY_PER_REQUEST';

/** The table's global secondary indexes as the cloud's data stack defines them, as CreateTable (and UpdateTable) take them. */
const CLOUD_INDEXES: readonly GlobalSecondaryIndex[] = [
  {
    IndexName: GSI1.indexName,
    KeySchema: [
      { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
      { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: GSI1.projection },
  },
  {
    IndexName: GSI2.indexName,
    KeySchema: [
      { AttributeName: GSI2.partitionKey, KeyType: 'HASH' },
      { AttributeName: GSI2.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: GSI2.projection, NonKeyAttributes: [...GSI2.nonKeyAttributes] },
  },
];

/** {@link SIGNALS_INDEX} as CreateTable takes it: the local stack's and the tests' tables only. */
const LOCAL_SIGNALS_INDEX: GlobalSecondaryIndex = {
  IndexName: SIGNALS_INDEX.indexName,
  KeySchema: [
    { AttributeName: SIGNALS_INDEX.partitionKey, KeyType: 'HASH' },
    { AttributeName: SIGNALS_INDEX.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: SIGNALS_INDEX.projection },
};

/** The indexes of a table with or without {@link SIGNALS_INDEX}. */
export const indexesOf = (signalsIndex: boolean): readonly GlobalSecondaryIndex[] =>
  signalsIndex ? [...CLOUD_INDEXES, LOCAL_SIGNALS_INDEX] : CLOUD_INDEXES;

export const keyNamesOf = (index: GlobalSecondaryIndex): string[] =>
  (index.KeySchema ?? []).map((key) => key.AttributeName ?? '');

export const attributeDefinitions = (names: readonly string[]) =>
  names.map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

/**
 * The CreateTable request for the single table, as the local stack and the tests create it.
 * `signalsIndex: false` leaves out {@link SIGNALS_INDEX}: the table as the cloud's data stack
 * defines it (@default true).
 */
export function createTableInput(
  tableName: string,
  options: { readonly signalsIndex?: boolean } = {},
): CreateTableCommandInput {
  const indexes = indexesOf(options.signalsIndex !== false);
  return {
    TableName: tableName,
    BillingMode: BILLING_MODE,
    AttributeDefinitions: attributeDefinitions([PARTITION_KEY, SORT_KEY, ...indexes.flatMap(keyNamesOf)]),
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      ...index,
      KeySchema: index.KeySchema?.map((key) => ({ ...key })),
      Projection: {
        ...index.Projection,
        ...(index.Projection?.NonKeyAttributes
          ? { NonKeyAttributes: [...index.Projection.NonKeyAttributes] }
          : {}),
      },
    })),
  };
}
