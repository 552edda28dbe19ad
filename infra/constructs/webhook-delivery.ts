/**
 * Webhook delivery in the cloud (DESIGN 5), on AWS's own parts: an EventBridge Pipe reads the
 * table's stream and puts a message on an SQS queue for every inserted audit event; a schedule puts
 * one there every minute so that retries fall due without a new event; the delivery function
 * (functions/tasks/webhooks.ts) consumes the queue. A batch that keeps failing goes to an encrypted
 * dead-letter queue whose messages raise an alarm. (The dead letters a party sees — deliveries
 * given up after 24 hours — are rows in the table, not this queue.)
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SK } from '#shared/store/keys.ts';
import { SORT_KEY } from '#shared/store/table.ts';

export interface WebhookDeliveryProps {
  /** The single table; it must have a stream. */
  readonly table: ITable;
  /** The delivery handler (functions/tasks/webhooks.ts). */
  readonly deliver: IFunction;
  /**
   * How often a wake-up is queued for retries that fall due.
   * @default Duration.minutes(1)
   */
  readonly retryTick?: Duration;
}

/** The pipe's filter: inserted audit events (`sk` begins with `EVENT#`). */
export const AUDIT_EVENT_INSERT_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { [SORT_KEY]: { S: [{ prefix: SK.event }] } } },
};

export class WebhookDelivery extends Construct {
  /** The wake-up queue the delivery function consumes. */
  readonly queue: Queue;
  /** Wake-ups the function failed on repeatedly (the table, not a receiver). */
  readonly deadLetterQueue: Queue;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (streamArn === undefined) {
      throw new Error(`WebhookDelivery ${this.node.path}: table ${props.table.node.path} has no stream`);
    }
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the webhook wake-up queue',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function's timeout, as Lambda advises for SQS event sources.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    const pipeRole = new Role(this, 'PipeRole', { assumedBy: new ServicePrincipal('pipes.amazonaws.com') });
    props.table.grantStreamRead(pipeRole);
    this.queue.grantSendMessages(pipeRole);
    Validations.of(pipeRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams (reading the table stream) supports no resource-level permissions',
    });
    new CfnPipe(this, 'Pipe', {
      roleArn: pipeRole.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: 10 },
        filterCriteria: { filters: [{ pattern: JSON.stringify(AUDIT_EVENT_INSERT_PATTERN) }] },
      },
      target: this.queue.queueArn,
    });
    new Rule(this, 'RetryTick', {
      description: 'Wakes the webhook delivery so that retries with backoff fall due (DESIGN 5)',
      schedule: Schedule.rate(props.retryTick ?? Duration.minutes(1)),
      targets: [new SqsQueue(this.queue, { message: RuleTargetInput.fromObject({ wake: 'retry-tick' }) })],
    });
    props.deliver.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, maxConcurrency: 2 }));

    this.alarms = [
      new Alarm(this, 'FailedWakeUps', {
        alarmDescription:
          'The webhook delivery failed on the table repeatedly: parties may not receive events. See the webhooks function logs.',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
