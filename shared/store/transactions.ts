// TransactWriteItems with what DynamoDB's answers mean: which write's condition failed, what the
// old item held, and when a cancelled transaction is only a conflict worth retrying.
import {
  type AttributeValue,
  type CancellationReason,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteItem,
} from '@aws-sdk/lib-dynamodb';

/** One write of a TransactWriteItems request, in the document client's shape, before the table name is added. */
export type TransactItem = {
  [K in keyof TransactWriteItem]?: Omit<NonNullable<TransactWriteItem[K]>, 'TableName'>;
};

const CONFLICT_ATTEMPTS = 6;
const CONFLICT_BASE_DELAY_MS = 15;

/** The per-write reasons of a cancelled transaction, or undefined for any other error. */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
}

/** True when the write at `index` was refused by its condition. */
export function conditionFailedAt(reasons: readonly CancellationReason[], index: number): boolean {
  return reasons[index]?.Code === 'ConditionalCheckFailed';
}

/**
 * Reads a number attribute from an item as DynamoDB returns it on a failed condition. That item
 * is raw AttributeValues (`{ version: { N: '3' } }`): the document client does not unmarshall
 * items inside errors.
 */
export function rawNumber(
  item: Record<string, AttributeValue> | undefined,
  name: string,
): number | undefined {
  const value = item?.[name];
  return value !== undefined && 'N' in value && value.N !== undefined ? Number(value.N) : undefined;
}

/** Names a write for error messages: `Update PROPOSAL#p1 / ROUND#0001`. */
export function describeWrite(item: TransactItem): string {
  const [kind, write] = Object.entries(item).find(([, value]) => value !== undefined) ?? ['?', undefined];
  const key = (write as { Key?: Record<string, unknown>; Item?: Record<string, unknown> } | undefined) ?? {};
  const target = key.Key ?? key.Item ?? {};
  return `${kind} ${String(target.pk)} / ${String(target.sk)}`;
}

/**
 * A transaction cancelled only because another transaction touched the same items at the same
 * moment (`TransactionConflict`): nothing was decided, so sending it again is safe.
 */
function isConflictOnly(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  if (reasons === undefined) return false;
  const codes = reasons.map((reason) => reason.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/**
 * A single-item write refused because a transaction on the item was in progress
 * (`TransactionConflictException`, e.g. a ballot while the round is being closed): nothing was
 * written, and the retry meets the item as the transaction left it.
 */
export function isSingleWriteConflict(error: unknown): boolean {
  return error instanceof TransactionConflictException;
}

/**
 * Runs `operation`, again (with jittered exponential backoff, up to 6 attempts) while it fails
 * with a conflict that decided nothing. The SDK does not retry these itself.
 */
export async function retryOnConflict<T>(
  operation: () => Promise<T>,
  isConflict: (error: unknown) => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isConflict(error)) throw error;
      const delay = CONFLICT_BASE_DELAY_MS * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Keeps the items a cancelled transaction returns (`ReturnValuesOnConditionCheckFailure: ALL_OLD`)
 * out of every log: the cancellation reasons become non-enumerable, so a logger that writes an
 * error's own properties (Powertools does) writes none of them, while the code that maps a
 * cancellation still reads `CancellationReasons` as before. The codes alone stay enumerable, as
 * `cancellationCodes`, for the one reading the log.
 */
function withoutLoggableItems(error: unknown): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const reasons = error.CancellationReasons;
  Object.defineProperty(error, 'CancellationReasons', { value: reasons, enumerable: false });
  Object.defineProperty(error, 'cancellationCodes', {
    value: (reasons ?? []).map((reason) => reason.Code ?? 'None'),
    enumerable: true,
  });
  return error;
}

/**
 * Sends TransactWriteItems, again while it is cancelled by conflicts alone. Each attempt is a
 * new command, so it gets a new ClientRequestToken. Other errors, including condition failures,
 * are thrown as DynamoDB reported them, with the returned items hidden from logs.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly TransactItem[],
): Promise<void> {
  const transactItems = items.map((item) => withTableName(item, tableName));
  try {
    await retryOnConflict(
      () => client.send(new TransactWriteCommand({ TransactItems: transactItems })),
      isConflictOnly,
    );
  } catch (error) {
    throw withoutLoggableItems(error);
  }
}

function withTableName(item: TransactItem, tableName: string): TransactWriteItem {
  const writes = Object.entries(item).filter(([, value]) => value !== undefined);
  const [write] = writes;
  if (write === undefined || writes.length > 1) {
    throw new TypeError('a transaction write needs exactly one of Put, Update, Delete, ConditionCheck');
  }
  return { [write[0]]: { ...(write[1] as object), TableName: tableName } } as TransactWriteItem;
}
