/**
 * The covenant's dated effects (statemachines/dated-effects) as a Standard state machine: one
 * execution per effect waits for its day as a park task's timeout, like the lifecycle's deadlines
 * (no other scheduler). It may invoke the dated-effect task function, nothing else.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
import { datedEffectAsl, EFFECT_FUNCTION_PLACEHOLDER } from '#statemachines/dated-effects/asl.ts';

export interface DatedEffectsStateMachineProps {
  /** The dated-effect task's function (time, park, apply). */
  readonly effect: IFunction;
  /**
   * Fixed, so that its ARN is known before it exists (the functions' grants and environment).
   * @default `${stackName}-CovenantDatedEffects`
   */
  readonly stateMachineName?: string;
  /** @default RetentionDays.ONE_YEAR */
  readonly logRetention?: RetentionDays;
}

export class DatedEffectsStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  /** The ARN built from the name: safe in the policies of functions the machine depends on. */
  readonly stateMachineArn: string;
  /** A reference by that ARN, for `grantStartExecution()` without a dependency cycle. */
  readonly reference: IStateMachine;
  /** A failed execution: a withdrawal, change or reminder did not happen on its day. */
  readonly failedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DatedEffectsStateMachineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = props.stateMachineName ?? `${stack.stackName}-CovenantDatedEffects`;
    this.stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.reference = StateMachine.fromStateMachineArn(this, 'Reference', this.stateMachineArn);
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    this.stateMachine = new StateMachine(this, 'Resource', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(datedEffectAsl()),
      definitionSubstitutions: { [EFFECT_FUNCTION_PLACEHOLDER]: props.effect.functionArn },
      tracingEnabled: true,
      // Execution data holds only effect ids, yet stays out of the logs as the lifecycle's does.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    props.effect.grantInvokeLatestVersion(this.stateMachine);
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray and CloudWatch Logs delivery actions Step Functions needs for tracing and logging; AWS supports no resource-level permissions for them',
    });
    this.failedAlarm = new Alarm(this, 'ExecutionsFailed', {
      alarmDescription:
        'A dated effect of the covenant failed: a withdrawal, change or reminder did not happen.',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
