// The writes of one step. What must happen together is one atomic write: the execution (the
// commit point, conditional on its revision) with the tokens the step parks and the timers it
// arms, and its history. When a step parks and arms nothing, that is a single conditional
// PutItem: its events go into the execution item's buffer (flushed into an events item by the
// next step that needs a transaction anyway). DynamoDB Local runs a PutItem about four times
// faster than a transaction, and most steps are of that kind.
//
// Closing tokens and cancelling timers follows the commit, as best-effort cleanup: the
// execution's position is the arbiter, so a token or timer it no longer names is stale whether
// or not its item has been updated yet, and a crash that skips the cleanup leaves nothing wrong
// (a stale timer fires into nothing and is deleted then; a stale token cannot be answered).
import type { TransactItem } from '#shared/store/transactions.ts';
import { timerKey } from './keys.ts';
import type { ExecutionRecord, HistoryEvent, Plan } from './model.ts';
import { eventsItem, executionItem, type Item, timerItem, tokenItem } from './store-items.ts';

/** Events kept in the execution item at most, by count and by JSON size. */
const BUFFER_MAX_EVENTS = 50;
const BUFFER_MAX_BYTES = 64 * 1024;

/** A write of the cleanup after a commit (a BatchWriteItem request). */
export type CleanupWrite =
  | { readonly PutRequest: { Item: Item } }
  | { readonly DeleteRequest: { Key: Item } };

/** What {@link stepWrites} makes of a Plan. */
export interface StepWrites {
  /** The execution as stored after the step (with its event buffer). */
  readonly record: ExecutionRecord;
  /** The atomic write: one item (a conditional PutItem) or several (a transaction). */
  readonly atomic: readonly TransactItem[];
  readonly cleanup: readonly CleanupWrite[];
}

/** The execution's write: created if absent (a start), else only at the revision the step read. */
function executionWrite(before: ExecutionRecord | undefined, record: ExecutionRecord): TransactItem {
  const item = executionItem(record);
  if (before === undefined) return { Put: { Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  return {
    Put: {
      Item: item,
      ConditionExpression: '#revision = :revision',
      ExpressionAttributeNames: { '#revision': 'revision' },
      ExpressionAttributeValues: { ':revision': before.revision },
    },
  };
}

function fitsBuffer(events: readonly HistoryEvent[]): boolean {
  return events.length <= BUFFER_MAX_EVENTS && JSON.stringify(events).length <= BUFFER_MAX_BYTES;
}

/** The writes of `plan`; see the top of this file. */
export function stepWrites(plan: Plan): StepWrites {
  const { before, after } = plan;
  const arn = after.executionArn;
  const events = [...(before?.bufferedEvents ?? []), ...plan.events];
  const alone = plan.tokensParked.length === 0 && plan.timersArmed.length === 0;
  const { bufferedEvents: _, ...bare } = after;
  const record: ExecutionRecord = alone && fitsBuffer(events) ? { ...bare, bufferedEvents: events } : bare;
  const flushed = record.bufferedEvents === undefined && events.length > 0;
  const atomic: TransactItem[] = [
    executionWrite(before, record),
    ...(flushed ? [{ Put: { Item: eventsItem(arn, events) } }] : []),
    ...plan.tokensParked.map((token): TransactItem => ({ Put: { Item: tokenItem(token) } })),
    ...plan.timersArmed.map((timer): TransactItem => ({ Put: { Item: timerItem(timer) } })),
  ];
  const cleanup: CleanupWrite[] = [
    ...plan.tokensClosed.map((token) => ({ PutRequest: { Item: tokenItem(token) } })),
    ...plan.timersCancelled.map((id) => ({ DeleteRequest: { Key: { ...timerKey(arn, id) } } })),
  ];
  return { record, atomic, cleanup };
}
