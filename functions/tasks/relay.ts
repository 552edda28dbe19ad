/**
 * Signal relay on the table's DynamoDB Stream (cloud): the signal each new audit event carries is
 * sent to the token parked for the state its transition left (DESIGN 3.2). The stream's event
 * filter lets through only inserted events with a signal that no task takes itself (and the outbox
 * rows an older version inserted); a failed record is reported so that only it is retried.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type RelayDeps, relaySignal } from '#shared/dispatch/relay.ts';
import type { SignalRecord } from '#shared/ports/store.ts';
import { signalRecordOf } from '#shared/store/items.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { cloudWorkflowDeps } from '../composition/workflow.ts';

/** The signal a stream record's new item carries for the relay, or undefined for any other item. */
function signalOf(image: Record<string, AttributeValue> | undefined): SignalRecord | undefined {
  return image === undefined ? undefined : signalRecordOf(unmarshall(image));
}

/** Where a failed record is reported (Powertools Logger in the cloud): by proposal, never by content. */
export interface RelayLog {
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const createRelayHandler =
  (deps: RelayDeps, log: RelayLog = new Logger({ serviceName: 'besluitvorming-relay' })) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const signal =
        record.eventName === 'INSERT'
          ? signalOf(record.dynamodb?.NewImage as Record<string, AttributeValue>)
          : undefined;
      if (!signal) continue;
      try {
        await relaySignal(deps, signal);
      } catch (error) {
        // The proposal id is the correlation id across API, relay, workflow and tasks.
        log.error('signal not relayed; the stream retries it', {
          proposalId: signal.proposalId,
          fromVersion: signal.fromVersion,
          target: signal.signal.target,
          error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        });
        // Only this record is retried (ReportBatchItemFailures); later ones wait behind it in order.
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        break;
      }
    }
    return { batchItemFailures };
  };

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createRelayHandler> = onFirstCall(() =>
  createRelayHandler(cloudWorkflowDeps()),
);
