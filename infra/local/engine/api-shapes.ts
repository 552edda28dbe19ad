// The engine's records in the shapes of the Step Functions API (the SDK's own types), so the
// in-process API and the HTTP endpoint answer exactly what @aws-sdk/client-sfn expects.
import type {
  DescribeExecutionOutput,
  ExecutionListItem,
  HistoryEvent as SfnHistoryEvent,
} from '@aws-sdk/client-sfn';
import type { ExecutionRecord, HistoryEvent } from './model.ts';

/** `<type>EventDetails`, or the shared `stateEnteredEventDetails`/`stateExitedEventDetails`. */
function detailsKey(type: HistoryEvent['type']): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Drops inputs and outputs from event details (`includeExecutionData: false`). */
function withoutData(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { input: _i, output: _o, inputDetails: _id, outputDetails: _od, ...rest } = details;
  return rest;
}

/** A history event as GetExecutionHistory returns it. */
export function historyEventShape(event: HistoryEvent, includeData = true): SfnHistoryEvent {
  return {
    timestamp: new Date(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    [detailsKey(event.type)]: includeData ? event.details : withoutData(event.details),
  } as SfnHistoryEvent;
}

/** An execution as ListExecutions lists it. */
export function executionListItem(record: ExecutionRecord): ExecutionListItem {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate === undefined ? {} : { stopDate: new Date(record.stopDate) }),
  };
}

/** An execution as DescribeExecution shows it. */
export function describeExecutionShape(record: ExecutionRecord): DescribeExecutionOutput {
  return {
    ...executionListItem(record),
    startDate: new Date(record.startDate),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output === undefined ? {} : { output: record.output, outputDetails: { included: true } }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
  };
}
