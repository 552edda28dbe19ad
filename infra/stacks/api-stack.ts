/**
 * The stateless half: the HTTP API and its handlers, the lifecycle state machine and its task
 * functions, the signal relay, the mail sender and the alarms. It receives the table and the
 * party directory from the stateful stacks. Every permission is a `grant*()` of the least the
 * function's use cases need (see HTTP_HANDLERS and TASK_HANDLERS).
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { type HandlerModule, handlerModules } from '#functions/http/routes.ts';
import { HandlerFunction } from '#infra/constructs/handler-function.ts';
import { LifecycleStateMachine } from '#infra/constructs/lifecycle-state-machine.ts';
import { MailSender } from '#infra/constructs/mail-sender.ts';
import { type ApiRoute, PartyApi } from '#infra/constructs/party-api.ts';
import type { PartyDirectory } from '#infra/constructs/party-directory.ts';
import { SignalRelay } from '#infra/constructs/signal-relay.ts';
import { WebApp } from '#infra/constructs/web-app.ts';
import { apiRoutes } from '#infra/stacks/api-routes.ts';
import { GSI1 } from '#shared/store/table.ts';

/** What a handler may do with the table and the workflow. */
export interface HandlerAccess {
  readonly table: 'none' | 'read' | 'readWrite';
  /** Starts proposal executions (`states:StartExecution`). */
  readonly startsExecutions?: boolean;
  /** Answers parked task tokens (`states:SendTask*`): runs the relay for its own signal, or parks. */
  readonly answersTasks?: boolean;
}

/**
 * The HTTP handler modules (functions/http/<module>.ts, listed in routes.ts as `handlerModules`)
 * and what their use cases need. A module added there does not type-check here until it is given
 * its access.
 */
export const HTTP_HANDLERS: Readonly<Record<HandlerModule, HandlerAccess>> = {
  // The register is read; a withdrawal notice is written.
  parties: { table: 'readWrite' },
  // Closing a meeting dispatches to its proposals (objection window) and relays their signals.
  meetings: { table: 'readWrite', answersTasks: true },
  // Tabling starts the proposal's execution; every other change dispatches and relays.
  proposals: { table: 'readWrite', startsExecutions: true, answersTasks: true },
  decisions: { table: 'read' },
  deadlines: { table: 'read' },
  // ZIN records an implementation date agreed before this system existed (DESIGN 2.4).
  'release-calendar': { table: 'readWrite' },
  openapi: { table: 'none' },
};

/** The workflow's task handlers (functions/tasks/<task>.ts). */
export const TASK_HANDLERS = {
  // Stores its token, or answers it itself when the proposal moved on first.
  park: { table: 'readWrite', answersTasks: true },
  // Dispatches the deadline event and takes the signal row; its answer is its return value.
  deadline: { table: 'readWrite' },
  // Reads the proposal to compose the e-mail.
  notify: { table: 'read' },
  // Looks up the token, answers it, deletes the signal row; a creation's start signal starts the execution.
  relay: { table: 'readWrite', answersTasks: true, startsExecutions: true },
} as const satisfies Readonly<Record<string, HandlerAccess>>;

export interface ApiStackProps extends StackProps {
  /** The single table (from the data stack); it must have a stream. */
  readonly table: ITable;
  /** The user pool and app clients (from the auth stack). */
  readonly directory: PartyDirectory;
  /** The From address of the procedure's e-mails. */
  readonly mailFrom: string;
  /**
   * Verify the whole domain of `mailFrom` (DKIM) or only the address.
   * @default 'domain'
   */
  readonly mailIdentity?: 'domain' | 'email';
  /**
   * The API's public base URL, as links in e-mails show it.
   * @default - the API's execute-api endpoint
   */
  readonly apiBaseUrl?: string;
  /**
   * Who receives the alarms by e-mail (confirm the subscription).
   * @default - alarms go to the topic only
   */
  readonly alarmEmail?: string;
  /**
   * The route table.
   * @default - functions/http/routes.ts
   */
  readonly routes?: readonly ApiRoute[];
}

export class ApiStack extends Stack {
  readonly api: PartyApi;
  readonly lifecycle: LifecycleStateMachine;
  readonly alarmTopic: Topic;
  /** The people's web app, with the API behind the same CloudFront domain. */
  readonly webApp: WebApp;
  /** Every handler's function, by `http/<module>` or `tasks/<task>`. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const mail = new MailSender(this, 'Mail', {
      mailFrom: props.mailFrom,
      ...(props.mailIdentity ? { identity: props.mailIdentity } : {}),
    });

    const tasks = {
      park: this.handler('ParkTask', 'functions/tasks/park.ts', Duration.seconds(30)),
      deadline: this.handler('DeadlineTask', 'functions/tasks/deadline.ts', Duration.seconds(30)),
      notify: this.handler('NotifyTask', 'functions/tasks/notify.ts', Duration.seconds(30)),
      relay: this.handler('SignalRelayTask', 'functions/tasks/relay.ts', Duration.seconds(60)),
    };
    const http = new Map(
      handlerModules.map((module) => [
        module,
        this.handler(`Http${pascal(module)}`, `functions/http/${module}.ts`, Duration.seconds(15)),
      ]),
    );

    this.lifecycle = new LifecycleStateMachine(this, 'Lifecycle', {
      park: tasks.park,
      deadline: tasks.deadline,
      notify: tasks.notify,
    });
    const table = narrowlyGranted(this, props.table);
    const relay = new SignalRelay(this, 'SignalRelay', { table, relay: tasks.relay });
    mail.grantSend(tasks.notify);

    const authorizer = new HttpJwtAuthorizer('PartyJwt', props.directory.issuer, {
      jwtAudience: props.directory.clientIds,
    });
    this.api = new PartyApi(this, 'Api', { routes: props.routes ?? apiRoutes(), handlers: http, authorizer });

    const all = new Map<string, NodejsFunction>([
      ...Object.entries(tasks).map(([name, fn]) => [`tasks/${name}`, fn] as const),
      ...[...http].map(([name, fn]) => [`http/${name}`, fn] as const),
    ]);
    for (const [name, fn] of Object.entries(tasks))
      this.grant(fn, TASK_HANDLERS[name as keyof typeof tasks], table);
    for (const [module, fn] of http) this.grant(fn, HTTP_HANDLERS[module], table);
    const environment = {
      TABLE_NAME: props.table.tableName,
      STATE_MACHINE_ARN: this.lifecycle.stateMachineArn,
      MAIL_FROM: mail.mailFrom,
      API_BASE_URL: props.apiBaseUrl ?? this.api.baseUrl,
      SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
    };
    for (const fn of all.values()) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    }
    this.functions = all;

    this.alarmTopic = this.alarms(
      [...this.lifecycle.alarms, this.api.serverErrorAlarm, relay.alarm],
      props.alarmEmail,
    );
    new CfnOutput(this, 'ApiUrl', { value: this.api.baseUrl, description: 'Base URL of the HTTP API' });
    this.webApp = new WebApp(this, 'WebApp', {
      apiEndpoint: this.api.baseUrl,
      apiPathSegments: (props.routes ?? apiRoutes()).map((route) => route.path.split('/')[1] ?? ''),
      signIn: {
        issuer: props.directory.issuer,
        clientId: props.directory.peopleClient.userPoolClientId,
        domainUrl: props.directory.domain.baseUrl(),
      },
    });
    new CfnOutput(this, 'WebAppUrl', {
      value: this.webApp.url,
      description: 'The web app; the API answers on the same domain',
    });
    new CfnOutput(this, 'StateMachineArn', {
      value: this.lifecycle.stateMachineArn,
      description: 'The proposal lifecycle: its executions in the console, or npm run executions -- --cloud',
    });
  }

  private handler(id: string, entry: string, timeout: Duration): NodejsFunction {
    return new HandlerFunction(this, id, { entry, timeout }).fn;
  }

  private grant(fn: IFunction, access: HandlerAccess, table: ITable): void {
    if (access.table === 'read') table.grantReadData(fn);
    if (access.table === 'readWrite') table.grantReadWriteData(fn);
    // The index by name: the table reference grants on the table alone (see narrowlyGranted).
    if (access.table !== 'none') {
      Grant.addToPrincipal({
        grantee: fn,
        actions: ['dynamodb:Query'],
        resourceArns: [`${table.tableArn}/index/${GSI1.indexName}`],
      });
    }
    if (access.startsExecutions) this.lifecycle.reference.grantStartExecution(fn);
    if (access.answersTasks) this.lifecycle.reference.grantTaskResponse(fn);
  }

  private alarms(alarms: readonly Alarm[], email: string | undefined): Topic {
    // CloudWatch can publish to an encrypted topic only with a customer-managed key it may use.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (email) topic.addSubscription(new EmailSubscription(email));
    const action = new SnsAction(topic);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    return topic;
  }
}

/**
 * The table as the functions are granted it: `Table.grant*()` on the table itself would add
 * `<table>/index/*`; this reference grants on the table alone, and `grant()` above adds Query on
 * the one index by name. Same table, same stream, same key.
 */
function narrowlyGranted(scope: Construct, table: ITable): ITable {
  return Table.fromTableAttributes(scope, 'Table', {
    tableArn: table.tableArn,
    ...(table.tableStreamArn ? { tableStreamArn: table.tableStreamArn } : {}),
    ...(table.encryptionKey ? { encryptionKey: table.encryptionKey } : {}),
  });
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
}
