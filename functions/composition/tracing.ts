/**
 * X-Ray tracing of the cloud functions with Powertools Tracer (issue 14, item 4): each invocation
 * is a `## handler` subsegment annotated with the cold start and, for the workflow's tasks, the
 * proposal id (the correlation id, searchable in X-Ray as `annotation.proposalId`); every AWS SDK
 * client is captured, so a request shows API → Lambda → DynamoDB / Step Functions / SES. Responses
 * are never recorded (they may hold names and addresses, DESIGN 6). Outside Lambda (tests, the
 * local stack) the Tracer is not even loaded and all of this passes straight through.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether this process is traced: a Lambda function (the stack turns active tracing on for every
 * one), unless POWERTOOLS_TRACE_ENABLED says false, as Powertools itself decides.
 */
export function tracingWanted(env: Env = process.env): boolean {
  return (
    (env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda_') &&
    env.AWS_SAM_LOCAL !== 'true' &&
    env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false'
  );
}

/** The functions' one tracer, once loaded (`loadTracer`); undefined where nothing is traced. */
let tracer: Tracer | undefined;
let loading: Promise<Tracer | undefined> | undefined;

/**
 * Loads the Tracer once, only where it traces. Elsewhere (the local stack, the tests, the bench)
 * it is never imported: aws-xray-sdk-core installs an async hook with destroy tracking when it is
 * imported (cls-hooked), which every promise of the process then pays for (~3% of the local
 * stack's CPU under load), and its module initialisation is part of every cold start.
 */
export function loadTracer(env: Env = process.env): Promise<Tracer | undefined> {
  loading ??= tracingWanted(env)
    ? import('@aws-lambda-powertools/tracer').then(({ Tracer }) => {
        tracer = new Tracer({
          serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'besluitvorming',
          captureHTTPsRequests: true,
        });
        return tracer;
      })
    : Promise.resolve(undefined);
  return loading;
}

/** `client`, its calls recorded as subsegments once the Tracer is loaded (`loadTracer`); else as it is. */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** The correlation id of a workflow task's payload, if any. */
function proposalIdOf(event: unknown): string | undefined {
  const id = (event as { proposalId?: unknown } | null)?.proposalId;
  return typeof id === 'string' ? id : undefined;
}

/** `handler`, each invocation traced as a subsegment of the function's segment. */
export function withTracing<E, R>(
  handler: (event: E) => Promise<R>,
  given?: Tracer,
): (event: E) => Promise<R> {
  return async (event) => {
    const using = given ?? tracer;
    if (!using?.isTracingEnabled()) return handler(event);
    const segment = using.getSegment();
    const subsegment = segment?.addNewSubsegment('## handler');
    if (subsegment) using.setSegment(subsegment);
    using.annotateColdStart();
    using.addServiceNameAnnotation();
    const proposalId = proposalIdOf(event);
    if (proposalId) using.putAnnotation('proposalId', proposalId);
    try {
      return await handler(event);
    } catch (error) {
      if (error instanceof Error) using.addErrorAsMetadata(error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) using.setSegment(segment);
    }
  };
}
