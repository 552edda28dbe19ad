/**
 * The stateless half: the HTTP API and its handlers, the lifecycle state machine and its task
 * functions, the signal relay, the mail sender and the alarms. It receives the table and the
 * party directory from the stateful stacks. Every permission is a `grant*()` of the least the
 * function's use cases need (see HTTP_HANDLERS and TASK_HANDLERS).
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Alarm, ComparisonOperator, type Dashboard, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { type HandlerModule, handlerModules } from '#functions/http/routes.ts';
import { SWEEP_DONE_LOG_MESSAGE } from '#functions/tasks/sweeper.ts';
import { grantAccessClosing } from '#infra/constructs/access-closing.ts';
import { CovenantSeed } from '#infra/constructs/covenant-seed.ts';
import { CrossRegionParameter } from '#infra/constructs/cross-region-parameter.ts';
import { DatedEffectsStateMachine } from '#infra/constructs/dated-effects-state-machine.ts';
import { HandlerFunction } from '#infra/constructs/handler-function.ts';
import { LifecycleStateMachine } from '#infra/constructs/lifecycle-state-machine.ts';
import { MailSender } from '#infra/constructs/mail-sender.ts';
import { OperationsDashboard } from '#infra/constructs/operations-dashboard.ts';
import { type ApiRoute, PartyApi } from '#infra/constructs/party-api.ts';
import { SignalRelay } from '#infra/constructs/signal-relay.ts';
import {
  type AuthReferences,
  type DataReferences,
  readListReference,
  readReference,
} from '#infra/constructs/stack-references.ts';
import { WebApp } from '#infra/constructs/web-app.ts';
import { WebhookDelivery } from '#infra/constructs/webhook-delivery.ts';
import { apiRoutes } from '#infra/stacks/api-routes.ts';
import { loadDefaultRegister } from '#shared/covenant/register.ts';
import { MAIL_UNDELIVERED_LOG_MESSAGE } from '#shared/mail/delivery.ts';
import { GSI1, GSI2 } from '#shared/store/table.ts';

/** How often the sweeper looks for due deadlines nothing is parked for. */
export const SWEEP_EVERY = Duration.minutes(15);

/** The namespace of the app's own metrics. */
export const METRIC_NAMESPACE = 'Besluitvorming';

/** What a handler may do with the table and the workflow. */
export interface HandlerAccess {
  readonly table: 'none' | 'read' | 'readWrite';
  /** Starts proposal executions (`states:StartExecution`). */
  readonly startsExecutions?: boolean;
  /** Answers parked task tokens (`states:SendTask*`): runs the relay for its own signal, or parks. */
  readonly answersTasks?: boolean;
  /** Lists and describes executions and reads their histories (`states:ListExecutions`, …). */
  readonly readsExecutions?: boolean;
  /** Starts executions of the covenant's dated effects (a withdrawal, a signed change, a reminder). */
  readonly startsDatedEffects?: boolean;
  /** Sends e-mail through SES (`ses:SendEmail` on the sender identity and configuration set). */
  readonly sendsMail?: boolean;
}

/**
 * The HTTP handler modules (functions/http/<module>.ts, listed in routes.ts as `handlerModules`)
 * and what their use cases need. A module added there does not type-check here until it is given
 * its access.
 */
export const HTTP_HANDLERS: Readonly<Record<HandlerModule, HandlerAccess>> = {
  // The register is read; a withdrawal notice is written and its dated effect started (art. 10).
  // The notice of withdrawal is e-mailed to every party (`withdrawal-noticed`).
  parties: { table: 'readWrite', startsDatedEffects: true, sendsMail: true },
  // Closing a meeting dispatches to its proposals (objection window) and relays their signals.
  meetings: { table: 'readWrite', answersTasks: true },
  // Tabling starts the proposal's execution; every other change dispatches and relays.
  // The chair's request to account for an abstention is e-mailed (footnote 13).
  proposals: { table: 'readWrite', startsExecutions: true, answersTasks: true, sendsMail: true },
  decisions: { table: 'read' },
  deadlines: { table: 'read' },
  // ZIN records an implementation date agreed before this system existed (DESIGN 2.4).
  'release-calendar': { table: 'readWrite' },
  // ZIN's administration: the executions and their histories beside the proposals they run.
  executions: { table: 'read', readsExecutions: true },
  // Covenant changes, signatures and notices are written; the last signature starts a dated effect.
  // A proposed change and a notice (art. 9, 12) are e-mailed to every member.
  covenant: { table: 'readWrite', startsDatedEffects: true, sendsMail: true },
  openapi: { table: 'none' },
  // The event feed is read from gsi1.
  events: { table: 'read' },
  // A party's webhook subscriptions and dead letters are written.
  subscriptions: { table: 'readWrite' },
  // A party's calendar URLs are written (a hash of each secret); the feed reads meetings and deadlines.
  calendars: { table: 'readWrite' },
  // The minutes and the decision register as documents: reads only.
  documents: { table: 'read' },
};

/** The workflow's task handlers (functions/tasks/<task>.ts). */
export const TASK_HANDLERS = {
  // Stores its token, or answers it itself when the proposal moved on first.
  park: { table: 'readWrite', answersTasks: true },
  // Dispatches the deadline event and takes the signal row; its answer is its return value.
  deadline: { table: 'readWrite' },
  // Reads the proposal to compose the e-mail.
  notify: { table: 'read', sendsMail: true },
  // Looks up the token, answers it, deletes the signal row; a creation's start signal starts the execution.
  relay: { table: 'readWrite', answersTasks: true, startsExecutions: true },
  // Records a bounced or complaining mailbox (SES events).
  mailEvents: { table: 'readWrite' },
  // Reads the due deadlines and their proposals' rows; restarts a lost execution. Decides nothing.
  sweeper: { table: 'read', startsExecutions: true, readsExecutions: true },
  // Reads the event feed and subscriptions; moves cursors, writes dead letters (DESIGN 5).
  webhooks: { table: 'readWrite' },
  // Applies a dated effect: a new covenant version; tables art. 10's agenda item (starting its
  // lifecycle, relaying its signal); schedules the next renewal reminder.
  // E-mails a change in force, a withdrawal taking effect and the renewal reminder to every member.
  datedEffect: {
    table: 'readWrite',
    startsExecutions: true,
    answersTasks: true,
    startsDatedEffects: true,
    sendsMail: true,
  },
  // Closes an ended party's Cognito client and people (grantAccessClosing), no table.
  membershipEnded: { table: 'none' },
} as const satisfies Readonly<Record<string, HandlerAccess>>;

export interface ApiStackProps extends StackProps {
  /** Where the single table is (the data stack's SSM parameters); it has a stream. */
  readonly table: DataReferences;
  /** Where the user pool and its app clients are (the auth stack's SSM parameters). */
  readonly directory: AuthReferences;
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
   * Who receives the alarms by e-mail (confirm the subscription). Ignored with `alarmTopicArn`.
   * @default - alarms go to the topic only
   */
  readonly alarmEmail?: string;
  /**
   * An SNS topic of the operators' own (paging, chat) that receives every alarm; it must allow
   * CloudWatch to publish (and, when encrypted, to use its key).
   * @default - a topic of this stack, encrypted with its own key
   */
  readonly alarmTopicArn?: string;
  /**
   * The route table.
   * @default - functions/http/routes.ts
   */
  readonly routes?: readonly ApiRoute[];
  /**
   * The SSM parameter in us-east-1 that holds the web ACL's ARN (the edge stack's), attached to the
   * CloudFront distribution.
   * @default - no web ACL
   */
  readonly webAclArnParameter?: string;
  /** Where the parties' client secrets are: the name prefix, `<auth stack>/party-client/`, and the parties. */
  readonly partyClientSecrets: { readonly prefix: string; readonly parties: readonly string[] };
}

export class ApiStack extends Stack {
  readonly api: PartyApi;
  readonly lifecycle: LifecycleStateMachine;
  /** The covenant's dated effects (statemachines/dated-effects). */
  readonly datedEffects: DatedEffectsStateMachine;
  readonly alarmTopic: ITopic;
  /** The operators' dashboard. */
  readonly dashboard: Dashboard;
  /** The people's web app, with the API behind the same CloudFront domain. */
  readonly webApp: WebApp;
  /** Every handler's function, by `http/<module>` or `tasks/<task>`. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const tasks = {
      park: this.handler('ParkTask', 'functions/tasks/park.ts', Duration.seconds(30)),
      deadline: this.handler('DeadlineTask', 'functions/tasks/deadline.ts', Duration.seconds(30)),
      // Room for SES throttling's backoff (1 + 2 + 4 + 8 s) before a delivery is recorded as failed.
      notify: this.handler('NotifyTask', 'functions/tasks/notify.ts', Duration.seconds(60)),
      relay: this.handler('SignalRelayTask', 'functions/tasks/relay.ts', Duration.seconds(60)),
      mailEvents: this.handler('MailEventsTask', 'functions/tasks/mail-events.ts', Duration.seconds(30)),
      sweeper: this.handler('SweeperTask', 'functions/tasks/sweeper.ts', Duration.minutes(5)),
      webhooks: this.handler('WebhooksTask', 'functions/tasks/webhooks.ts', Duration.seconds(60)),
      datedEffect: this.handler('DatedEffectTask', 'functions/tasks/dated-effect.ts', Duration.seconds(60)),
      // Pages through the pool's clients and the party's people: a few calls each.
      membershipEnded: this.handler(
        'MembershipEndedTask',
        'functions/tasks/membership-ended.ts',
        Duration.minutes(2),
      ),
    };
    this.datedEffects = new DatedEffectsStateMachine(this, 'DatedEffects', { effect: tasks.datedEffect });
    new Rule(this, 'SweepSchedule', {
      description:
        'Restarts the execution of a proposal whose deadline is due with nothing parked (DESIGN 3.2)',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [new LambdaFunction(tasks.sweeper, { retryAttempts: 2 })],
    });
    const mail = new MailSender(this, 'Mail', {
      mailFrom: props.mailFrom,
      eventHandler: tasks.mailEvents,
      ...(props.mailIdentity ? { identity: props.mailIdentity } : {}),
    });
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
    const { table, tableKey } = tableOf(this, props.table);
    // The covenant's version 1 from the register the deploy brings, once (DESIGN 2.5).
    new CovenantSeed(this, 'CovenantSeed', {
      table,
      ...(tableKey ? { tableKey } : {}),
      register: loadDefaultRegister(),
    });
    const relay = new SignalRelay(this, 'SignalRelay', { table, relay: tasks.relay });
    const webhooks = new WebhookDelivery(this, 'Webhooks', { table, deliver: tasks.webhooks });

    const userPoolId = readReference(this, props.directory.userPoolId);
    this.closesPartyAccess(tasks.membershipEnded, userPoolId, props.partyClientSecrets);
    // The dated effect that applies a withdrawal calls the membership seam in-process (art. 10).
    this.closesPartyAccess(tasks.datedEffect, userPoolId, props.partyClientSecrets);
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${userPoolId}`;
    const authorizer = new HttpJwtAuthorizer('PartyJwt', issuer, {
      jwtAudience: readListReference(this, props.directory.clientIds),
    });
    // A request no route serves: 405 with Allow, or 404, as problem+json (the local server's answer).
    const fallback = this.handler('HttpFallback', 'functions/http/fallback.ts', Duration.seconds(5));
    this.api = new PartyApi(this, 'Api', {
      routes: props.routes ?? apiRoutes(),
      handlers: http,
      authorizer,
      fallback,
    });

    const all = new Map<string, NodejsFunction>([
      ...Object.entries(tasks).map(([name, fn]) => [`tasks/${name}`, fn] as const),
      ...[...http].map(([name, fn]) => [`http/${name}`, fn] as const),
      ['http/fallback', fallback] as const,
    ]);
    for (const [name, fn] of Object.entries(tasks))
      this.grant(fn, TASK_HANDLERS[name as keyof typeof tasks], table, tableKey);
    for (const [module, fn] of http) this.grant(fn, HTTP_HANDLERS[module], table, tableKey);
    // Only the functions whose use cases send e-mail may send it.
    for (const [name, fn] of Object.entries(tasks))
      if ((TASK_HANDLERS[name as keyof typeof tasks] as HandlerAccess).sendsMail) mail.grantSend(fn);
    for (const [module, fn] of http) if (HTTP_HANDLERS[module].sendsMail) mail.grantSend(fn);
    const environment = {
      TABLE_NAME: table.tableName,
      STATE_MACHINE_ARN: this.lifecycle.stateMachineArn,
      DATED_EFFECTS_STATE_MACHINE_ARN: this.datedEffects.stateMachineArn,
      MAIL_FROM: mail.mailFrom,
      API_BASE_URL: props.apiBaseUrl ?? this.api.baseUrl,
      SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
    };
    for (const fn of all.values()) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    }
    this.functions = all;

    const undeliveredMail = this.undeliveredMailAlarm();
    const sweeper = this.handlerFunctions.get('functions/tasks/sweeper.ts');
    if (!sweeper) throw new Error('unreachable: the sweeper is defined with the tasks');
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      httpApi: this.api.httpApi,
      stateMachine: this.lifecycle.stateMachine,
      deadLetterQueue: relay.deadLetterQueue,
      relay: tasks.relay,
      sweeperLogs: sweeper.logGroup,
      sweepDoneMessage: SWEEP_DONE_LOG_MESSAGE,
      mailUndelivered: undeliveredMail.metric,
      namespace: METRIC_NAMESPACE,
    }).dashboard;
    this.alarmTopic = this.alarms(
      [
        ...this.lifecycle.alarms,
        this.datedEffects.failedAlarm,
        this.api.serverErrorAlarm,
        ...relay.alarms,
        ...webhooks.alarms,
        ...mail.alarms,
        undeliveredMail,
        ...[...this.handlerFunctions.values()].map((h) => h.errorAlarm),
      ],
      props,
    );
    new CfnOutput(this, 'ApiUrl', { value: this.api.baseUrl, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'DashboardName', {
      value: this.dashboard.dashboardName,
      description: 'CloudWatch → Dashboards: requests, executions, deadlines, e-mail, relay',
    });
    const webAcl = props.webAclArnParameter
      ? new CrossRegionParameter(this, 'WebAclArn', {
          parameterName: props.webAclArnParameter,
          region: 'us-east-1',
        })
      : undefined;
    this.webApp = new WebApp(this, 'WebApp', {
      ...(webAcl ? { webAclArn: webAcl.value } : {}),
      apiEndpoint: this.api.baseUrl,
      apiPathSegments: (props.routes ?? apiRoutes()).map((route) => route.path.split('/')[1] ?? ''),
      signIn: {
        issuer,
        clientId: readReference(this, props.directory.webClientId),
        domainUrl: readReference(this, props.directory.domainUrl),
      },
    });
    // The e-mails link the proposal's page in the web app, not the API (issue 18): the notify task learns its address.
    this.handlerFunctions
      .get('functions/tasks/notify.ts')
      ?.fn.addEnvironment('WEB_BASE_URL', this.webApp.url);
    new CfnOutput(this, 'WebAppUrl', {
      value: this.webApp.url,
      description: 'The web app; the API answers on the same domain',
    });
    new CfnOutput(this, 'MembershipEndedFunctionArn', {
      value: tasks.membershipEnded.functionArn,
      description: "Closes an ended party's client and people: invoke with {party, effectiveOn}",
    });
    new CfnOutput(this, 'StateMachineArn', {
      value: this.lifecycle.stateMachineArn,
      description: 'The proposal lifecycle: its executions in the console, or npm run executions -- --cloud',
    });
  }

  private readonly handlerFunctions = new Map<string, HandlerFunction>();

  private handler(id: string, entry: string, timeout: Duration): NodejsFunction {
    const handler = new HandlerFunction(this, id, { entry, timeout });
    this.handlerFunctions.set(entry, handler);
    return handler.fn;
  }

  /**
   * Lets `fn` close an ended party's access (functions/composition/access.ts reads the two
   * variables): the membership-ended task, and whichever function runs the withdrawal's effect.
   */
  private closesPartyAccess(
    fn: NodejsFunction,
    userPoolId: string,
    secrets: ApiStackProps['partyClientSecrets'],
  ): void {
    grantAccessClosing({ grantee: fn, userPoolId, secretPrefix: secrets.prefix, parties: secrets.parties });
    fn.addEnvironment('USER_POOL_ID', userPoolId);
    fn.addEnvironment('PARTY_CLIENT_SECRET_PREFIX', secrets.prefix);
  }

  /** An e-mail the notify task could not deliver (its log line, see shared/mail/delivery.ts). */
  private undeliveredMailAlarm(): Alarm {
    const notify = this.handlerFunctions.get('functions/tasks/notify.ts');
    if (!notify) throw new Error('unreachable: the notify task is defined first');
    const metric = new MetricFilter(this, 'MailUndeliveredFilter', {
      logGroup: notify.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', MAIL_UNDELIVERED_LOG_MESSAGE),
      metricNamespace: METRIC_NAMESPACE,
      metricName: 'MailUndelivered',
      metricValue: '1',
    }).metric({ statistic: 'Sum', period: Duration.minutes(5) });
    return new Alarm(this, 'MailUndelivered', {
      alarmDescription:
        'An e-mail of the procedure did not reach (all) its recipients: see the proposal history (mail-undelivered) and the notify logs. The procedure went on.',
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  private grant(fn: IFunction, access: HandlerAccess, table: ITable, key: IKey | undefined): void {
    if (access.table === 'read') table.grantReadData(fn);
    if (access.table === 'readWrite') table.grantReadWriteData(fn);
    if (key && access.table !== 'none') grantTableKey(fn, key, access.table, this.region);
    // The indexes by name: the table reference grants on the table alone (see narrowlyGranted).
    if (access.table !== 'none') {
      Grant.addToPrincipal({
        grantee: fn,
        actions: ['dynamodb:Query'],
        resourceArns: [GSI1, GSI2].map((index) => `${table.tableArn}/index/${index.indexName}`),
      });
    }
    if (access.startsExecutions) this.lifecycle.reference.grantStartExecution(fn);
    if (access.answersTasks) this.lifecycle.reference.grantTaskResponse(fn);
    if (access.readsExecutions) this.lifecycle.grantReadExecutions(fn);
    if (access.startsDatedEffects) this.datedEffects.reference.grantStartExecution(fn);
  }

  private alarms(alarms: readonly Alarm[], props: ApiStackProps): ITopic {
    const topic = props.alarmTopicArn
      ? Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : this.ownAlarmTopic(props.alarmEmail);
    const action = new SnsAction(topic);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    return topic;
  }

  private ownAlarmTopic(email: string | undefined): Topic {
    // CloudWatch can publish to an encrypted topic only with a customer-managed key it may use.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'AlarmTopic', {
      topicName: alarmTopicNameOf(this.stackName),
      masterKey: key,
      enforceSSL: true,
    });
    if (email) topic.addSubscription(new EmailSubscription(email));
    return topic;
  }
}

/**
 * The table as the functions are granted it, from the data stack's SSM parameters. Without its
 * key: `Table.grant*()` would grant the key's actions with wildcards (`kms:GenerateDataKey*`,
 * `kms:ReEncrypt*`); {@link grantTableKey} grants the exact ones. Also without `<table>/index/*`:
 * `grant()` adds Query on the one index by name.
 */
function tableOf(scope: Construct, refs: DataReferences): { table: ITable; tableKey?: IKey } {
  const table = Table.fromTableAttributes(scope, 'Table', {
    tableArn: readReference(scope, refs.tableArn),
    tableStreamArn: readReference(scope, refs.tableStreamArn),
  });
  if (refs.tableKeyArn === undefined) return { table };
  return { table, tableKey: Key.fromKeyArn(scope, 'TableKey', readReference(scope, refs.tableKeyArn)) };
}

/** What DynamoDB asks of the caller's key permissions: reading decrypts; writing also encrypts. */
export const TABLE_KEY_ACTIONS = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readWrite: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
} as const;

/** The table's customer-managed key, only through DynamoDB, with the exact actions of `access`. */
function grantTableKey(fn: IFunction, key: IKey, access: 'read' | 'readWrite', region: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...TABLE_KEY_ACTIONS[access]],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } },
    }),
  );
}

/** The name of the API stack's own alarm topic: fixed, so the other stacks' alarms can name it. */
export function alarmTopicNameOf(apiStackName: string): string {
  return `${apiStackName}-alarms`;
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
}
