// How the engine's records become table items and back. JSON documents (inputs, outputs, event
// details, positions) are stored as JSON text: DynamoDB maps cannot hold every JSON value as it
// is (empty keys, number precision), and Step Functions passes them as text anyway.
//
// Then the writes of one step. What must happen together is one atomic write: the execution (the
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
import { eventsKey, executionGsi1, executionKey, timerGsi1, timerKey, tokenKey } from './keys.ts';
import type { ExecutionRecord, HistoryEvent, Plan, Position, TimerRecord, TokenRecord } from './model.ts';

/** An item as the document client returns it. */
export type Item = Record<string, unknown>;

/** The document client refuses `undefined` values (without marshalling options): drop them. */
export function withoutUndefined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}

export function executionItem(record: ExecutionRecord): Item {
  const { position, bufferedEvents, ...rest } = record;
  return withoutUndefined({
    ...executionKey(record.executionArn),
    ...executionGsi1(record.stateMachineArn, record.status, record.startDate, record.name),
    ...rest,
    position: position === undefined ? undefined : JSON.stringify(position),
    bufferedEvents: bufferedEvents?.length ? JSON.stringify(bufferedEvents) : undefined,
  });
}

export function executionOf(item: Item): ExecutionRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, position, bufferedEvents, ...rest } = item;
  return {
    ...(rest as unknown as ExecutionRecord),
    ...(typeof position === 'string' ? { position: JSON.parse(position) as Position } : {}),
    ...(typeof bufferedEvents === 'string'
      ? { bufferedEvents: JSON.parse(bufferedEvents) as HistoryEvent[] }
      : {}),
  };
}

/** The events of one step (at least one) as one item. */
export function eventsItem(executionArn: string, events: readonly HistoryEvent[]): Item {
  const firstId = events[0]?.id ?? 0;
  return {
    ...eventsKey(executionArn, firstId),
    firstId,
    count: events.length,
    events: JSON.stringify(events),
  };
}

export function eventsOf(item: Item): HistoryEvent[] {
  return JSON.parse(String(item.events)) as HistoryEvent[];
}

export function timerItem(timer: TimerRecord): Item {
  return { ...timerKey(timer.executionArn, timer.id), ...timerGsi1(timer.due, timer.id), ...timer };
}

export function timerOf(item: Item): TimerRecord {
  return {
    id: String(item.id),
    executionArn: String(item.executionArn),
    due: Number(item.due),
    kind: item.kind as TimerRecord['kind'],
  };
}

/** A token item; parking puts it WAITING, closing puts it again with its final status. */
export function tokenItem(token: TokenRecord): Item {
  return { ...tokenKey(token.token), ...token };
}

export function tokenOf(item: Item): TokenRecord {
  return {
    token: String(item.token),
    executionArn: String(item.executionArn),
    state: String(item.state),
    status: item.status as TokenRecord['status'],
  };
}

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
