// The engine's items in the project's single table. They live in partitions of their own
// (`ENGINE#…`), apart from the proposals' (shared/store/keys.ts), and reuse the same `gsi1` index
// for the two things the engine must find without knowing their keys: the state machines, and
// the timers in due order. README.md in this folder has the access-pattern table.
import type { Gsi1Key, TableKey } from '#shared/store/keys.ts';
import { pad } from '#shared/store/keys.ts';
import type { ExecutionStatus } from './model.ts';

/** The fixed `gsi1pk` partitions of the engine. */
export const ENGINE_GSI1_PARTITION = {
  stateMachines: 'ENGINE#STATEMACHINES',
  timers: 'ENGINE#TIMERS',
} as const;

/** `sk` values and prefixes of the engine's items. */
export const ENGINE_SK = {
  stateMachine: 'STATEMACHINE',
  definition: 'DEFINITION',
  execution: 'EXECUTION',
  events: 'EVENTS#',
  timer: 'TIMER#',
  token: 'TOKEN',
} as const;

/** Event ids are zero-padded so that string order is numeric order. */
const EVENT_ID_WIDTH = 10;

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** A state machine: `ENGINE#STATEMACHINE#<arn>` / `STATEMACHINE`. */
export function stateMachineKey(stateMachineArn: string): TableKey {
  return { pk: `ENGINE#STATEMACHINE#${stateMachineArn}`, sk: ENGINE_SK.stateMachine };
}

/** The state machine in the list of all, by name: `ENGINE#STATEMACHINES` / `<name>`. */
export function stateMachineGsi1(name: string): Gsi1Key {
  return { gsi1pk: ENGINE_GSI1_PARTITION.stateMachines, gsi1sk: name };
}

/** A definition text by its content hash: `ENGINE#DEFINITION#<sha256>` / `DEFINITION` (immutable). */
export function definitionKey(definitionId: string): TableKey {
  return { pk: `ENGINE#DEFINITION#${definitionId}`, sk: ENGINE_SK.definition };
}

/** `ENGINE#EXECUTION#<arn>`: an execution with its history and its timers. */
export function executionPk(executionArn: string): string {
  return `ENGINE#EXECUTION#${executionArn}`;
}

/** The execution: `ENGINE#EXECUTION#<arn>` / `EXECUTION`. */
export function executionKey(executionArn: string): TableKey {
  return { pk: executionPk(executionArn), sk: ENGINE_SK.execution };
}

/** `gsi1pk` of a state machine's executions in one status: `ENGINE#EXECUTIONS#<machineArn>#<status>`. */
export function executionsPartition(stateMachineArn: string, status: ExecutionStatus): string {
  return `ENGINE#EXECUTIONS#${stateMachineArn}#${status}`;
}

/** The execution in its machine's list for its status, by start: `…#<status>` / `<startDate>#<name>`. */
export function executionGsi1(
  stateMachineArn: string,
  status: ExecutionStatus,
  startDate: number,
  name: string,
): Gsi1Key {
  return { gsi1pk: executionsPartition(stateMachineArn, status), gsi1sk: `${iso(startDate)}#${name}` };
}

/**
 * The history events one step recorded, in one item (one write per step, not one per event):
 * `ENGINE#EXECUTION#<arn>` / `EVENTS#<id of its first event, 10 digits>`.
 */
export function eventsKey(executionArn: string, firstId: number): TableKey {
  return { pk: executionPk(executionArn), sk: `${ENGINE_SK.events}${pad(firstId, EVENT_ID_WIDTH)}` };
}

/** A timer: `ENGINE#EXECUTION#<arn>` / `TIMER#<timerId>`. */
export function timerKey(executionArn: string, timerId: string): TableKey {
  return { pk: executionPk(executionArn), sk: `${ENGINE_SK.timer}${timerId}` };
}

/** The timer in the list of all timers, soonest first: `ENGINE#TIMERS` / `<due>#<timerId>`. */
export function timerGsi1(due: number, timerId: string): Gsi1Key {
  return { gsi1pk: ENGINE_GSI1_PARTITION.timers, gsi1sk: `${iso(due)}#${timerId}` };
}

/** The exclusive upper bound of `gsi1sk` for the timers due at or before `now` (`$` sorts right after `#`). */
export function timersDueBound(now: number): string {
  return `${iso(now)}$`;
}

/** A task token: `ENGINE#TOKEN#<token>` / `TOKEN` (SendTask* know nothing but the token). */
export function tokenKey(token: string): TableKey {
  return { pk: `ENGINE#TOKEN#${token}`, sk: ENGINE_SK.token };
}
