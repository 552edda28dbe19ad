/**
 * One Lambda function per handler module, with the project's defaults: bundled by the local
 * esbuild (no Docker), ESM, arm64, Node 22, X-Ray, its own log group with retention, and a role
 * that may write only to that log group until a `grant*()` adds more.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from '#infra/constructs/bundling.ts';

/** The repository root: entries, package-lock.json and tsconfig.json are resolved against it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node 22, not the newest runtime cdk-nag's L1 asks for: the code is tested on Node 22 (the
 * project's engines; .ci/run fetches Node 22 where the machine's is older), so the runtime is the
 * one the tests ran on. Moving to a newer runtime is a deliberate step together with the toolchain.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

export interface HandlerFunctionProps {
  /** The handler module relative to the project root, e.g. `functions/tasks/park.ts`; it exports `handler`. */
  readonly entry: string;
  /**
   * What the function does, shown in the console.
   * @default - the entry path
   */
  readonly description?: string;
  /**
   * Environment variables (configuration the handler parses at start).
   * @default - only NODE_OPTIONS (source-mapped stack traces)
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Maximum run time of one invocation.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB (CPU scales with it).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * How long the function's logs are kept.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
  /**
   * The folder `entry` is relative to (with package-lock.json and tsconfig.json).
   * @default PROJECT_ROOT
   */
  readonly projectRoot?: string;
}

/** A `NodejsFunction` for one handler module, with its log group and least-privilege role. */
export class HandlerFunction extends Construct {
  /** The handler module, relative to the project root. */
  readonly entry: string;
  /** The function; grant it what it needs with the resources' `grant*()` methods. */
  readonly fn: NodejsFunction;
  /** Where its logs go. */
  readonly logGroup: LogGroup;
  /** Invocations that failed (an uncaught error, a timeout): give it an action to be told. */
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const projectRoot = props.projectRoot ?? PROJECT_ROOT;
    const entry = path.resolve(projectRoot, props.entry);
    if (!props.entry.endsWith('.ts') || !existsSync(entry)) {
      throw new Error(
        `HandlerFunction ${this.node.path}: entry '${props.entry}' is not an existing .ts module under ${projectRoot}; ` +
          'give the path of a handler module relative to the project root, e.g. functions/tasks/park.ts',
      );
    }

    this.entry = props.entry;
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: writing to this one log group is all it starts with.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: props.description ?? props.entry,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        banner: LAMBDA_BUNDLING.banner,
        bundleAwsSDK: LAMBDA_BUNDLING.bundleAwsSDK,
        // `npm run synth` prints one line per function, not esbuild's file list; errors still show.
        logLevel: LogLevel.ERROR,
      },
    });

    this.errorAlarm = new Alarm(this, 'Errors', {
      alarmDescription: `${props.entry} failed: see its log group ${this.logGroup.logGroupName}.`,
      metric: this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: the tests run on Node 22 (engines, .ci/run), the same major as this runtime; a newer runtime moves together with the toolchain and the tests',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, AWS requires Resource "*"',
    });
  }
}
