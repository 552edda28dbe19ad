import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import { COMMITTED_ASL_PATH, placeholdersOf } from '#infra/constructs/lifecycle-state-machine.ts';
import { TASK_HANDLERS } from '#infra/stacks/api-stack.ts';
import { cloudEnvSchema } from '#shared/config/env.ts';
import { SK } from '#shared/store/keys.ts';
import { functionSubstitutionsOf } from '#statemachines/compiler/index.ts';
import { datedEffectAsl } from '#statemachines/dated-effects/asl.ts';
import {
  functionIdOf,
  resourcesOf,
  SYNTH_TIMEOUT_MS,
  synthesizeStacks,
  type Templates,
  templatesOf,
} from './support/app.ts';

type Stacks = ReturnType<typeof synthesizeStacks>['stacks'];

let stacks: Stacks;
let templates: Templates;
let api: Template;

beforeAll(() => {
  // GIVEN the app as cdk synth builds it (cdk.json's context), WHEN it is synthesized
  stacks = synthesizeStacks().stacks;
  templates = templatesOf(stacks);
  api = templates.api;
}, SYNTH_TIMEOUT_MS);

const fnId = (entry: string) => functionIdOf(stacks.api, api, entry);

/**
 * The functions built from the handler modules (their description is the entry path), without
 * CDK's own custom-resource provider (the cross-region read of the web ACL's ARN).
 */
const handlerFunctions = () =>
  Object.values(resourcesOf(api, 'AWS::Lambda::Function')).filter((fn) =>
    String(fn.Properties.Description).startsWith('functions/'),
  );

/** The logical id in a `{ Ref }` or `{ Fn::GetAtt }` value. */
function idIn(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v.Ref ?? v['Fn::GetAtt']?.[0];
}

/** The logical id of the role of the function built from `entry`. */
function roleIdOf(entry: string): string | undefined {
  const fn = resourcesOf(api, 'AWS::Lambda::Function')[fnId(entry)];
  return idIn(fn?.Properties.Role);
}

/** Every Allow statement of the policies attached to the role `roleId`. */
function statementsOf(
  template: Template,
  roleId: string | undefined,
): { Action: unknown; Resource: unknown }[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => idIn(r) === roleId))
    .flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
}

const actionsOf = (statements: { Action: unknown }[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? (s.Action as string[]) : [s.Action as string]));

describe('ApiStack: the HTTP API', () => {
  it('has one route per entry of the route table, each integrated with its handler module’s function', () => {
    // THEN
    const apiRoutes = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route'));
    const integrations = resourcesOf(api, 'AWS::ApiGatewayV2::Integration');
    // Plus `$default`: what no route serves gets a 404/405 problem (issue 18, item 4).
    expect(apiRoutes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      [...Object.keys(routes), '$default'].sort(),
    );
    for (const route of Object.values(routes)) {
      const found = apiRoutes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
      const target = found?.Properties.Target as { 'Fn::Join': [string, unknown[]] };
      const integration = integrations[idIn(target['Fn::Join'][1][1]) ?? ''];
      expect(idIn(integration?.Properties.IntegrationUri), `${route.method} ${route.path}`).toBe(
        fnId(`functions/http/${route.handler}.ts`),
      );
      expect(integration?.Properties.IntegrationType).toBe('AWS_PROXY');
    }
  });

  it('answers what no route serves with the fallback function, which reads no table', () => {
    // THEN
    const fallback = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).find(
      (r) => r.Properties.RouteKey === '$default',
    );
    const target = fallback?.Properties.Target as { 'Fn::Join': [string, unknown[]] };
    const integration = resourcesOf(api, 'AWS::ApiGatewayV2::Integration')[
      idIn(target['Fn::Join'][1][1]) ?? ''
    ];
    expect(idIn(integration?.Properties.IntegrationUri)).toBe(fnId('functions/http/fallback.ts'));
    expect(
      actionsOf(statementsOf(api, roleIdOf('functions/http/fallback.ts'))).filter((a) =>
        a.startsWith('dynamodb:'),
      ),
    ).toEqual([]);
  });

  it('puts the JWT authorizer on every route except GET /openapi.json, the problem types’ pages, the calendar’s secret URL, the publication (art. 16) and the fallback', () => {
    // THEN
    const [authorizerId] = Object.keys(resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer'));
    // Issue 18, item 4: a problem `type` resolves without a token (GET /problems/{slug}).
    const publicRoutes = [
      'GET /openapi.json',
      'GET /problems',
      'GET /problems/{slug}',
      'GET /calendars/{party}/{file}',
      '$default',
    ];
    for (const route of Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route'))) {
      const key = String(route.Properties.RouteKey);
      const open = publicRoutes.includes(key) || key.startsWith('GET /public/');
      expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe(
        open ? 'NONE' : 'JWT',
      );
      if (!open) expect(idIn(route.Properties.AuthorizerId)).toBe(authorizerId);
    }
  });

  it('accepts only tokens of the user pool, for its people client and every party client', () => {
    // THEN
    const [authorizer] = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer'));
    const config = authorizer?.Properties.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer?.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    // The audiences and the pool come from the auth stack's SSM parameters, which list every client
    const audience = (config.Audience as unknown as { Ref: string }).Ref;
    expect(api.toJSON().Parameters[audience]).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<List<String>>',
      Default: stacks.auth.references.clientIds,
    });
    templates.auth.hasResourceProperties('AWS::SSM::Parameter', {
      Name: stacks.auth.references.clientIds,
      Type: 'StringList',
    });
    expect(stacks.auth.directory.clientIds).toHaveLength(1 + stacks.auth.directory.partyClients.size);
    expect(JSON.stringify(config.Issuer)).toContain('cognito-idp.eu-west-1.amazonaws.com');
  });

  it('imports nothing from the other stacks: it reads their SSM parameters when it deploys', () => {
    // THEN no Fn::ImportValue, and the table comes from the data stack's parameters
    expect(JSON.stringify(api.toJSON())).not.toContain('Fn::ImportValue');
    expect(JSON.stringify(templates.data.toJSON().Outputs ?? {})).not.toContain('Export');
    const parameters = Object.values(api.toJSON().Parameters as Record<string, { Default?: string }>).map(
      (p) => p.Default,
    );
    expect(parameters).toEqual(
      expect.arrayContaining([
        stacks.data.references.tableArn,
        stacks.data.references.tableStreamArn,
        stacks.auth.references.userPoolId,
      ]),
    );
    expect(stacks.api.dependencies.map((s) => s.stackName).sort()).toEqual([
      stacks.auth.stackName,
      stacks.data.stackName,
      // The web ACL's ARN is read from the edge stack's parameter in us-east-1 (issue 17, item 3).
      stacks.edge.stackName,
    ]);
  });

  it('logs access on the $default stage and raises an alarm on 5xx answers', () => {
    // THEN
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] } },
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xx', Namespace: 'AWS/ApiGateway' });
  });
});

/** The proposal lifecycle's state machine (the stack also has the covenant's dated effects). */
function lifecycleMachine() {
  return Object.values(resourcesOf(api, 'AWS::StepFunctions::StateMachine')).find((r) =>
    JSON.stringify(r.Properties.StateMachineName).includes('ProposalLifecycle'),
  );
}

describe('ApiStack: the lifecycle state machine', () => {
  it('is the committed ASL, byte for byte, with the three task functions as its substitutions', () => {
    // GIVEN the compiled workflow in the repository
    const asl = readFileSync(COMMITTED_ASL_PATH, 'utf8');
    const names = functionSubstitutionsOf();
    // THEN
    const machine = lifecycleMachine();
    expect(machine?.Properties.DefinitionString).toBe(asl);
    expect(machine?.Properties.StateMachineType).toBe('STANDARD');
    const substitutions = machine?.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(placeholdersOf(asl));
    expect(idIn(substitutions[names.park])).toBe(fnId('functions/tasks/park.ts'));
    expect(idIn(substitutions[names.deadline])).toBe(fnId('functions/tasks/deadline.ts'));
    expect(idIn(substitutions[names.notify])).toBe(fnId('functions/tasks/notify.ts'));
  });

  it('logs every execution event without its data, and traces with X-Ray', () => {
    // THEN
    api.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('may invoke the three task functions and start executions of itself, nothing more', () => {
    // THEN
    const machine = lifecycleMachine();
    const statements = statementsOf(api, idIn(machine?.Properties.RoleArn));
    const invoked = JSON.stringify(statements.filter((s) => s.Action === 'lambda:InvokeFunction'));
    const functionIds = Object.keys(resourcesOf(api, 'AWS::Lambda::Function'));
    expect(functionIds.filter((id) => invoked.includes(`"${id}"`)).sort()).toEqual(
      ['park', 'deadline', 'notify'].map((task) => fnId(`functions/tasks/${task}.ts`)).sort(),
    );
    const started = statements.filter((s) => s.Action === 'states:StartExecution');
    expect(started).toHaveLength(1);
    expect(JSON.stringify(started[0]?.Resource)).toContain(
      `:stateMachine:${stacks.api.stackName}-ProposalLifecycle`,
    );
    expect(
      actionsOf(statements).filter(
        (a) => !/^(lambda:InvokeFunction|states:StartExecution|xray:|logs:)/.test(a),
      ),
    ).toEqual([]);
  });

  it('keeps the state machine and its log group on update and delete, but not after a failed create', () => {
    // THEN a retried first deploy does not stumble over a retained resource with the same fixed name
    for (const type of ['AWS::StepFunctions::StateMachine', 'AWS::Logs::LogGroup']) {
      const retained = Object.values(resourcesOf(api, type)).filter((r) =>
        String(r.Properties.LogGroupName ?? r.Properties.StateMachineName ?? '').includes(
          'ProposalLifecycle',
        ),
      );
      expect(retained, type).toHaveLength(1);
      expect(retained[0], type).toMatchObject({
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('catches every error of every notify task in the deployed definition', () => {
    // THEN
    const machine = lifecycleMachine();
    const definition = JSON.parse(String(machine?.Properties.DefinitionString)) as {
      States: Record<string, { Catch?: { ErrorEquals: string[] }[] }>;
    };
    const notifies = Object.entries(definition.States).filter(([name]) => name.startsWith('Notify '));
    expect(notifies.length).toBeGreaterThan(10);
    for (const [name, state] of notifies) expect(state.Catch?.[0]?.ErrorEquals, name).toEqual(['States.ALL']);
  });

  it('raises alarms on failed, aborted and timed-out executions', () => {
    // THEN
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Namespace: 'AWS/States',
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsAborted',
      Namespace: 'AWS/States',
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsTimedOut',
      Namespace: 'AWS/States',
    });
  });
});

describe('ApiStack: the signal relay', () => {
  it('reads only inserted events that carry a signal for it (and older SIGNAL# rows) from the table stream, retrying just the failed record', () => {
    // THEN (issue 16: the audit event carries the signal; a deadline task's own it takes itself)
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('functions/tasks/relay.ts') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: {
                Keys: { sk: { S: [{ prefix: SK.event }] } },
                NewImage: {
                  signal: { M: { target: { S: [{ exists: true }] } } },
                  signalTakenByTask: { BOOL: [{ exists: false }] },
                },
              },
            }),
          },
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { sk: { S: [{ prefix: SK.signal }] } } },
            }),
          },
        ],
      },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] } },
      },
    });
  });

  it('keeps what it could not deliver in an encrypted queue that raises an alarm', () => {
    // THEN
    api.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    api.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      },
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
    });
  });
});

describe('ApiStack: the functions', () => {
  const allEntries = () => handlerFunctions().map((fn) => String(fn.Properties.Description));

  it('runs every handler on Node 22, arm64, with X-Ray and its own log group', () => {
    // THEN
    const functions = handlerFunctions();
    // The tasks, one function per HTTP handler module, and the $default fallback.
    expect(functions).toHaveLength(
      Object.keys(TASK_HANDLERS).length + new Set(Object.values(routes).map((r) => r.handler)).size + 1,
    );
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it('gives every handler each variable shared/config/env.ts requires, plus the mail settings', () => {
    // GIVEN the variables the cloud composition root cannot do without
    const required = Object.entries(cloudEnvSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);
    expect(required).toEqual(expect.arrayContaining(['TABLE_NAME', 'STATE_MACHINE_ARN', 'API_BASE_URL']));
    // THEN
    for (const entry of allEntries()) {
      const fn = resourcesOf(api, 'AWS::Lambda::Function')[fnId(entry)];
      const variables =
        (fn?.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(Object.keys(variables), entry).toEqual(
        expect.arrayContaining([...required, 'MAIL_FROM', 'SES_CONFIGURATION_SET']),
      );
      expect(JSON.stringify(variables.STATE_MACHINE_ARN)).toContain(
        `:states:eu-west-1:",{"Ref":"AWS::AccountId"},":stateMachine:${stacks.api.stackName}-ProposalLifecycle`,
      );
    }
  });

  it("tells the notify task the web app's CloudFront address, for the links in its e-mails (issue 18)", () => {
    const fn = resourcesOf(api, 'AWS::Lambda::Function')[fnId('functions/tasks/notify.ts')];
    const variables =
      (fn?.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    expect(JSON.stringify(variables.WEB_BASE_URL)).toContain('DomainName');
  });

  it('lets only the functions that send the procedure’s e-mail send it', () => {
    // THEN: the notify task (every step), and the routes and task that mail outside a step:
    // footnote 13's request to account, the covenant's changes and notices, a withdrawal's notice
    // and its taking effect, the renewal reminder (DESIGN 2.2.8, 2.5).
    const senders = allEntries().filter((entry) =>
      actionsOf(statementsOf(api, roleIdOf(entry))).some((a) => a.startsWith('ses:')),
    );
    expect(senders.sort()).toEqual(
      [
        'functions/http/covenant.ts',
        'functions/http/parties.ts',
        'functions/http/proposals.ts',
        'functions/tasks/dated-effect.ts',
        'functions/tasks/notify.ts',
      ].sort(),
    );
  });

  it("lets only the proposals handler, the relay, the sweeper and the covenant's dated effects start executions, and only relaying handlers answer task tokens", () => {
    // THEN
    const can = (action: string) =>
      allEntries()
        .filter((entry) => actionsOf(statementsOf(api, roleIdOf(entry))).includes(action))
        .sort();
    // The covenant's handlers and the dated-effect task start dated-effect executions (DESIGN 2.5);
    // the task also tables art. 10's agenda item, which starts a lifecycle and relays its signal.
    expect(can('states:StartExecution')).toEqual([
      'functions/http/covenant.ts',
      'functions/http/parties.ts',
      'functions/http/proposals.ts',
      'functions/tasks/dated-effect.ts',
      'functions/tasks/relay.ts',
      'functions/tasks/sweeper.ts',
    ]);
    expect(can('states:SendTaskSuccess')).toEqual([
      'functions/http/meetings.ts',
      'functions/http/proposals.ts',
      'functions/tasks/dated-effect.ts',
      'functions/tasks/park.ts',
      'functions/tasks/relay.ts',
    ]);
  });

  it('gives the read-only handlers no write action on the table, and the OpenAPI handler no table access', () => {
    // THEN
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    for (const entry of [
      'functions/http/decisions.ts',
      'functions/http/deadlines.ts',
      'functions/tasks/notify.ts',
    ]) {
      expect(
        actionsOf(statementsOf(api, roleIdOf(entry))).filter((a) => writes.includes(a)),
        entry,
      ).toEqual([]);
    }
    expect(
      actionsOf(statementsOf(api, roleIdOf('functions/http/openapi.ts'))).filter((a) =>
        a.startsWith('dynamodb:'),
      ),
    ).toEqual([]);
  });

  it('keeps every log group for a limited time', () => {
    // THEN
    for (const template of [templates.api, templates.auth]) {
      for (const group of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
        expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
      }
    }
  });
});

describe('ApiStack: mail and alarms', () => {
  it('sends bounces and complaints of its configuration set through EventBridge to the mail-events task', () => {
    // THEN
    api.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      },
    });
    const [rule] = Object.values(resourcesOf(api, 'AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern,
    );
    expect(rule?.Properties.EventPattern).toMatchObject({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
    });
    const targets = rule?.Properties.Targets as { Arn: unknown }[];
    expect(idIn(targets[0]?.Arn)).toBe(fnId('functions/tasks/mail-events.ts'));
  });

  it('raises an alarm on undelivered mail (the notify log line) and on SES bounce and complaint rates', () => {
    // THEN
    api.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "mail undelivered" }',
      MetricTransformations: [
        Match.objectLike({ MetricName: 'MailUndelivered', MetricNamespace: 'Besluitvorming' }),
      ],
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'MailUndelivered',
      Namespace: 'Besluitvorming',
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.025,
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0005,
    });
  });

  it('raises an alarm on the relay falling behind its stream and on every function’s errors', () => {
    // THEN
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 60_000 });
    const errorAlarms = Object.values(resourcesOf(api, 'AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'Errors',
    );
    expect(errorAlarms).toHaveLength(handlerFunctions().length);
    templates.auth.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      AlarmActions: [
        Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('-alarms$')])]),
        }),
      ],
    });
  });

  it('sends every alarm, and its return to OK, to the alarm topic', () => {
    // THEN
    const [topicId] = Object.keys(resourcesOf(api, 'AWS::SNS::Topic'));
    for (const [id, alarm] of Object.entries(resourcesOf(api, 'AWS::CloudWatch::Alarm'))) {
      expect((alarm.Properties.AlarmActions as unknown[]).map(idIn), id).toEqual([topicId]);
      expect((alarm.Properties.OKActions as unknown[]).map(idIn), id).toEqual([topicId]);
    }
  });

  it(
    'uses the operators’ own topic when alarmTopicArn is given, for the API’s and the trigger’s alarms',
    () => {
      // GIVEN
      const arn = 'arn:aws:sns:eu-west-1:123456789012:beheer-alarms';
      const { stacks: own } = synthesizeStacks({ alarmTopicArn: arn });
      const [apiTemplate, authTemplate] = [Template.fromStack(own.api), Template.fromStack(own.auth)];
      // THEN
      expect(Object.keys(resourcesOf(apiTemplate, 'AWS::SNS::Topic'))).toEqual([]);
      for (const alarm of [
        ...Object.values(resourcesOf(apiTemplate, 'AWS::CloudWatch::Alarm')),
        ...Object.values(resourcesOf(authTemplate, 'AWS::CloudWatch::Alarm')),
      ]) {
        expect(alarm.Properties.AlarmActions).toEqual([arn]);
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('ApiStack: webhook delivery', () => {
  it('pipes inserted audit events from the table stream into a queue that wakes the delivery function', () => {
    // THEN
    const [pipe] = Object.values(resourcesOf(api, 'AWS::Pipes::Pipe'));
    expect(pipe?.Properties.SourceParameters).toMatchObject({
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { sk: { S: [{ prefix: SK.event }] } } },
            }),
          },
        ],
      },
    });
    const queueId = idIn(pipe?.Properties.Target);
    const queue = resourcesOf(api, 'AWS::SQS::Queue')[String(queueId)];
    expect(queue?.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('functions/tasks/webhooks.ts') },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
  });

  it('wakes it every minute for retries, and lets it read and write the table only', () => {
    // THEN
    const tick = Object.values(resourcesOf(api, 'AWS::Events::Rule')).find(
      (r) => r.Properties.ScheduleExpression === 'rate(1 minute)',
    );
    const [pipe] = Object.values(resourcesOf(api, 'AWS::Pipes::Pipe'));
    expect(idIn((tick?.Properties.Targets as { Arn: unknown }[] | undefined)?.[0]?.Arn)).toBe(
      idIn(pipe?.Properties.Target),
    );
    const actions = actionsOf(statementsOf(api, roleIdOf('functions/tasks/webhooks.ts')));
    expect(actions).toContain('dynamodb:UpdateItem');
    expect(actions.filter((a) => /^states:/.test(a))).toEqual([]);
  });
});

describe('ApiStack: the dated effects of the covenant (DESIGN 2.5)', () => {
  it('writes version 1 of the covenant once, when the stack is created, and never on an update', () => {
    // THEN
    const [seed] = Object.values(resourcesOf(api, 'Custom::CovenantSeed'));
    const create = JSON.stringify(seed?.Properties.Create);
    expect(create).toContain('putItem');
    expect(create).toContain('attribute_not_exists(pk)');
    expect(create).toContain('VERSION#');
    expect(create).toContain('ConditionalCheckFailedException');
    expect(seed?.Properties.Update).toBeUndefined();
  });

  it('runs the dated-effect workflow on Step Functions, invoking only the dated-effect task', () => {
    // THEN
    const machine = Object.values(resourcesOf(api, 'AWS::StepFunctions::StateMachine')).find((r) =>
      JSON.stringify(r.Properties.StateMachineName).includes('CovenantDatedEffects'),
    );
    expect(machine?.Properties.DefinitionString).toBe(datedEffectAsl());
    const substitutions = machine?.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(idIn(substitutions.EffectFunctionArn)).toBe(fnId('functions/tasks/dated-effect.ts'));
    const statements = statementsOf(api, idIn(machine?.Properties.RoleArn));
    const invoked = JSON.stringify(statements.filter((s) => s.Action === 'lambda:InvokeFunction'));
    const functionIds = Object.keys(resourcesOf(api, 'AWS::Lambda::Function'));
    expect(functionIds.filter((id) => invoked.includes(`"${id}"`))).toEqual([
      fnId('functions/tasks/dated-effect.ts'),
    ]);
  });
});

describe('ApiStack: the sweeper', () => {
  it('runs every 15 minutes, may read the table and start executions, and may not write or answer tokens', () => {
    // THEN
    const sweeper = fnId('functions/tasks/sweeper.ts');
    const scheduled = Object.values(resourcesOf(api, 'AWS::Events::Rule')).filter(
      (r) =>
        r.Properties.ScheduleExpression !== undefined &&
        idIn((r.Properties.Targets as { Arn: unknown }[] | undefined)?.[0]?.Arn) === sweeper,
    );
    expect(scheduled.map((r) => r.Properties.ScheduleExpression)).toEqual(['rate(15 minutes)']);
    const targets = (scheduled[0]?.Properties.Targets ?? []) as { Arn: unknown }[];
    expect(idIn(targets[0]?.Arn)).toBe(sweeper);
    const actions = actionsOf(statementsOf(api, roleIdOf('functions/tasks/sweeper.ts')));
    expect(actions).toContain('states:StartExecution');
    expect(actions).toContain('states:DescribeExecution');
    expect(actions).toContain('dynamodb:Query');
    expect(
      actions.filter((a) => /^(dynamodb:(Put|Update|Delete|BatchWrite)|states:SendTask)/.test(a)),
    ).toEqual([]);
  });
});

describe('ApiStack: the operators’ dashboard', () => {
  it('shows requests, errors, latency, executions by status, deadlines due this week, e-mail and the relay', () => {
    // THEN
    const [dashboard] = Object.values(resourcesOf(api, 'AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const title of [
      'API requests and errors',
      'API latency (p50, p99)',
      'Executions by status',
      'Deadlines due this week',
      'E-mail: sent, bounced, complaints, not delivered',
      'Relay: dead letters and stream lag (ms)',
    ]) {
      expect(body, title).toContain(title);
    }
    for (const metric of [
      'ExecutionsAborted',
      'DeadlinesDueThisWeek',
      'MailUndelivered',
      'IteratorAge',
      'Bounce',
      '5xx',
    ]) {
      expect(body, metric).toContain(`"${metric}`);
    }
    api.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "sweep done" }',
      MetricTransformations: [
        Match.objectLike({ MetricName: 'DeadlinesDueThisWeek', MetricValue: '$.dueThisWeek' }),
      ],
    });
  });
});
