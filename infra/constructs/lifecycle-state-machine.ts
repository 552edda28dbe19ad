/**
 * The proposal lifecycle as a Standard state machine, from the committed compiled ASL
 * (statemachines/proposal-lifecycle/*.asl.json) with the task Lambdas' ARNs substituted in.
 * The state machine may invoke the three task functions and start executions of itself (the
 * rollover of DESIGN 3.2 step 4), nothing else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  type IStateMachine,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '#infra/constructs/handler-function.ts';
import { functionSubstitutionsOf } from '#statemachines/compiler/index.ts';

/** The compiled workflow that `npm run build:asl` writes and a test keeps fresh. */
export const COMMITTED_ASL_PATH = path.join(
  PROJECT_ROOT,
  'statemachines/proposal-lifecycle/proposal-lifecycle.asl.json',
);

export interface LifecycleStateMachineProps {
  /** The park task's function (`lambda:invoke.waitForTaskToken`). */
  readonly park: IFunction;
  /** The deadline task's function. */
  readonly deadline: IFunction;
  /** The notify task's function (entry actions: e-mail). */
  readonly notify: IFunction;
  /**
   * The state machine's name. Fixed, so that its ARN is known before it exists: the functions'
   * grants and environment use that ARN without a dependency cycle.
   * @default `${stackName}-ProposalLifecycle`
   */
  readonly stateMachineName?: string;
  /**
   * The compiled ASL file.
   * @default COMMITTED_ASL_PATH
   */
  readonly aslPath?: string;
  /**
   * What the executions log. Execution data (inputs and outputs) is never logged: see below.
   * @default LogLevel.ALL
   */
  readonly logLevel?: LogLevel;
  /**
   * How long the execution logs are kept.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
}

/** The `${Name}` placeholders in `asl`. */
export function placeholdersOf(asl: string): string[] {
  return [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

export class LifecycleStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  /** The state machine's ARN built from its name: safe to use in the task functions' policies. */
  readonly stateMachineArn: string;
  /**
   * A reference by that ARN, for `grant*()` to functions the state machine itself depends on
   * (granting on `stateMachine` there would be a dependency cycle).
   */
  readonly reference: IStateMachine;
  /** Failed, timed-out and aborted executions. */
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: LifecycleStateMachineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = props.stateMachineName ?? `${stack.stackName}-ProposalLifecycle`;
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new Error(
        `LifecycleStateMachine ${this.node.path}: stateMachineName '${name}' is not 1–80 letters, digits, '-' or '_'; choose a shorter or plainer name`,
      );
    }
    this.stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.reference = StateMachine.fromStateMachineArn(this, 'Reference', this.stateMachineArn);

    const asl = readFileSync(props.aslPath ?? COMMITTED_ASL_PATH, 'utf8');
    const definitionSubstitutions = substitutionsFor(asl, props, this.node.path);

    const logGroup = new LogGroup(this, 'Logs', {
      // The prefix AWS recommends for vended logs keeps the log resource policy small.
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      // Kept on update and delete, but removed when its own create is rolled back: a failed first
      // deploy leaves no log group behind whose fixed name would fail the next attempt.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    this.stateMachine = new StateMachine(this, 'Resource', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions,
      tracingEnabled: true,
      // includeExecutionData stays off: inputs and outputs stay out of the logs (DESIGN 6); admins
      // see them in the execution history, which IAM guards.
      logs: { destination: logGroup, level: props.logLevel ?? LogLevel.ALL, includeExecutionData: false },
      // Running executions hold the parked task tokens and the deadlines of every open proposal:
      // kept on update and delete. A rolled-back create removes it, so that its fixed name (see
      // stateMachineName) does not fail the next deploy.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    props.park.grantInvokeLatestVersion(this.stateMachine);
    props.deadline.grantInvokeLatestVersion(this.stateMachine);
    props.notify.grantInvokeLatestVersion(this.stateMachine);
    // The rollover task starts this state machine's successor execution.
    this.reference.grantStartExecution(this.stateMachine);

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray (PutTraceSegments, PutTelemetryRecords, GetSampling*) and CloudWatch Logs delivery actions (logs:*LogDelivery, PutResourcePolicy, Describe*) that Step Functions needs for tracing and logging; AWS supports no resource-level permissions for them',
    });

    this.alarms = [
      new Alarm(this, 'ExecutionsFailed', {
        alarmDescription:
          'A proposal lifecycle execution failed: its proposal no longer follows its deadlines.',
        metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'ExecutionsAborted', {
        alarmDescription:
          'A proposal lifecycle execution was aborted (by hand?): its proposal no longer follows its deadlines until the sweeper restarts it.',
        metric: this.stateMachine.metricAborted({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'ExecutionsTimedOut', {
        alarmDescription: 'A proposal lifecycle execution timed out.',
        metric: this.stateMachine.metricTimedOut({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    this.executionsArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:*`;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    this.executionsArnForNag = `arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:${name}:*`;
  }

  /** Every execution of this state machine (`arn:…:execution:<name>:*`). */
  private readonly executionsArn: string;
  /** The same, as cdk-nag spells it in a finding's id. */
  private readonly executionsArnForNag: string;

  /**
   * Lets `grantee` list this state machine's executions and read each one's description and
   * history, for the administrators' view (`GET /executions`): narrower than
   * `StateMachine.grantRead`, which adds actions on every state machine and activity.
   */
  grantReadExecutions(grantee: IFunction): void {
    Grant.addToPrincipal({
      grantee,
      actions: ['states:ListExecutions'],
      resourceArns: [this.stateMachineArn],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
      resourceArns: [this.executionsArn],
    });
    if (grantee.role)
      Validations.of(grantee.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${this.executionsArnForNag}]`,
        reason:
          'Reading any execution of this one state machine (DescribeExecution, GetExecutionHistory): execution names are the proposals’ ids, not known when the stack deploys',
      });
  }
}

/** The function ARNs for the ASL's placeholders; refuses a placeholder without a value and vice versa. */
function substitutionsFor(
  asl: string,
  props: LifecycleStateMachineProps,
  where: string,
): Record<string, string> {
  const names = functionSubstitutionsOf();
  const substitutions: Record<string, string> = {
    [names.park]: props.park.functionArn,
    [names.deadline]: props.deadline.functionArn,
    [names.notify]: props.notify.functionArn,
  };
  const found = placeholdersOf(asl);
  const expected = Object.keys(substitutions).sort();
  if (found.join() !== expected.join()) {
    throw new Error(
      `LifecycleStateMachine ${where}: the ASL's placeholders are [${found.join(', ')}] but the functions fill [${expected.join(', ')}]; rebuild the ASL with npm run build:asl`,
    );
  }
  return substitutions;
}
