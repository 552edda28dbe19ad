// How the engine's records become table items and back. JSON documents (inputs, outputs, event
// details, positions) are stored as JSON text: DynamoDB maps cannot hold every JSON value as it
// is (empty keys, number precision), and Step Functions passes them as text anyway.

import { eventsKey, executionGsi1, executionKey, timerGsi1, timerKey, tokenKey } from './keys.ts';
import type { ExecutionRecord, HistoryEvent, Position, TimerRecord, TokenRecord } from './model.ts';

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
