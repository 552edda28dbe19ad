/**
 * The operators' CloudWatch dashboard: the API's requests, errors and latency; executions by
 * status; deadlines due this week (from the sweeper's log line); e-mail sent, bounced and not
 * delivered; the relay's dead-letter queue and how far behind its stream it reads.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IMetric, Metric, SingleValueWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperationsDashboardProps {
  readonly httpApi: HttpApi;
  readonly stateMachine: StateMachine;
  /** The relay's dead-letter queue and function (its IteratorAge). */
  readonly deadLetterQueue: IQueue;
  readonly relay: IFunction;
  /** The sweeper's log group: its summary line carries `dueThisWeek`. */
  readonly sweeperLogs: ILogGroup;
  /** The log line the sweeper writes after each sweep. */
  readonly sweepDoneMessage: string;
  /** Undelivered e-mails (the notify task's metric filter). */
  readonly mailUndelivered: IMetric;
  /** The namespace of the app's own metrics. */
  readonly namespace: string;
  /**
   * The dashboard's name.
   * @default - generated
   */
  readonly dashboardName?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { httpApi, stateMachine } = props;
    const dueThisWeek = new MetricFilter(this, 'DueThisWeek', {
      logGroup: props.sweeperLogs,
      filterPattern: FilterPattern.stringValue('$.message', '=', props.sweepDoneMessage),
      metricNamespace: props.namespace,
      metricName: 'DeadlinesDueThisWeek',
      metricValue: '$.dueThisWeek',
    }).metric({ statistic: 'Maximum', period: Duration.minutes(15) });
    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Sum', period: Duration.hours(1) });

    this.dashboard = new Dashboard(this, 'Resource', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              httpApi.metricCount({ period: FIVE_MINUTES }),
              httpApi.metricClientError({ period: FIVE_MINUTES }),
              httpApi.metricServerError({ period: FIVE_MINUTES }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency (p50, p99)',
            left: [
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Executions by status',
            left: [
              stateMachine.metricStarted({ period: FIVE_MINUTES }),
              stateMachine.metricSucceeded({ period: FIVE_MINUTES }),
              stateMachine.metricFailed({ period: FIVE_MINUTES }),
              stateMachine.metricAborted({ period: FIVE_MINUTES }),
              stateMachine.metricTimedOut({ period: FIVE_MINUTES }),
            ],
            width: 12,
          }),
          new SingleValueWidget({ title: 'Deadlines due this week', metrics: [dueThisWeek], width: 6 }),
          new GraphWidget({
            title: 'Relay: dead letters and stream lag (ms)',
            left: [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES })],
            right: [
              new Metric({
                namespace: 'AWS/Lambda',
                metricName: 'IteratorAge',
                dimensionsMap: { FunctionName: props.relay.functionName },
                statistic: 'Maximum',
                period: FIVE_MINUTES,
              }),
            ],
            width: 6,
          }),
        ],
        [
          new GraphWidget({
            title: 'E-mail: sent, bounced, complaints, not delivered',
            left: [ses('Send'), ses('Bounce'), ses('Complaint'), props.mailUndelivered],
            width: 24,
          }),
        ],
      ],
    });
  }
}
