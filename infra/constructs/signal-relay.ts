/**
 * The cloud's relay loop (DESIGN 3.2 step 1): the relay function reads the table's stream, sees
 * only the inserts of audit events that carry a signal for it (and of the outbox rows an older
 * version wrote), and retries just the record that failed. What still fails lands in an encrypted
 * dead-letter queue whose messages raise an alarm.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SK } from '#shared/store/keys.ts';
import { SORT_KEY } from '#shared/store/table.ts';

export interface SignalRelayProps {
  /** The single table; it must have a stream with NEW_IMAGE (or NEW_AND_OLD_IMAGES). */
  readonly table: ITable;
  /** The relay handler (functions/tasks/relay.ts). */
  readonly relay: IFunction;
  /**
   * Attempts per failed record before it goes to the dead-letter queue.
   * @default 10
   */
  readonly retryAttempts?: number;
  /**
   * Records handed to one invocation.
   * @default 25
   */
  readonly batchSize?: number;
}

/**
 * The stream filter: inserted audit events (`sk` begins with `EVENT#`) that carry a signal (its
 * `target`: a filter's `exists` matches leaves only) which no task takes itself (no
 * `signalTakenByTask`, a deadline's own).
 */
export const SIGNAL_EVENT_INSERT_FILTER = FilterCriteria.filter({
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: {
    Keys: { [SORT_KEY]: { S: FilterRule.beginsWith(SK.event) } },
    NewImage: {
      signal: { M: { target: { S: FilterRule.exists() } } },
      signalTakenByTask: { BOOL: FilterRule.notExists() },
    },
  },
});

/**
 * The stream filter for older data: outbox rows (`sk` begins with `SIGNAL#`) an older version
 * inserted, still in the stream when this one is deployed.
 */
export const SIGNAL_INSERT_FILTER = FilterCriteria.filter({
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: { Keys: { [SORT_KEY]: { S: FilterRule.beginsWith(SK.signal) } } },
});

export class SignalRelay extends Construct {
  /** Stream records the relay could not deliver after all retries (their metadata, not the record). */
  readonly deadLetterQueue: Queue;
  /** Visible messages in the dead-letter queue; a stream falling behind. */
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: SignalRelayProps) {
    super(scope, id);
    if (props.table.tableStreamArn === undefined) {
      throw new Error(
        `SignalRelay ${this.node.path}: table ${props.table.node.path} has no stream; create it with stream: StreamViewType.NEW_IMAGE`,
      );
    }

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter destination of the relay's stream event source",
    });

    props.relay.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.batchSize ?? 25,
        filters: [SIGNAL_EVENT_INSERT_FILTER, SIGNAL_INSERT_FILTER],
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: props.retryAttempts ?? 10,
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );

    if (props.relay.role) {
      Validations.of(props.relay.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'dynamodb:ListStreams (reading the table stream) and the X-Ray actions support no resource-level permissions: AWS requires Resource "*"',
      });
    }

    const undelivered = new Alarm(this, 'UndeliveredSignals', {
      alarmDescription:
        'Signals the relay could not deliver: a proposal execution may be waiting for an event. Inspect the dead-letter queue and the relay logs.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const behind = new Alarm(this, 'StreamBehind', {
      alarmDescription:
        'The relay reads the table stream more than a minute behind: transitions reach their executions late. Look at the relay logs and throttling.',
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: props.relay.functionName },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      threshold: 60_000,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarms = [undelivered, behind];
  }
}
