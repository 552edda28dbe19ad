/**
 * X-Ray tracing of the cloud functions with Powertools Tracer (issue 14, item 4): each invocation
 * is a `## handler` subsegment annotated with the cold start and, for the workflow's tasks, the
 * proposal id (the correlation id, searchable in X-Ray as `annotation.proposalId`); every AWS SDK
 * client is captured, so a request shows API → Lambda → DynamoDB / Step Functions / SES. Responses
 * are never recorded (they may hold names and addresses, DESIGN 6). Outside Lambda (tests, the
 * local stack) the Tracer is disabled and all of this passes straight through.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

/** The functions' one tracer. */
export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'besluitvorming',
  captureHTTPsRequests: true,
});

/** `client`, its calls recorded as subsegments. */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}

/** The correlation id of a workflow task's payload, if any. */
function proposalIdOf(event: unknown): string | undefined {
  const id = (event as { proposalId?: unknown } | null)?.proposalId;
  return typeof id === 'string' ? id : undefined;
}

/** `handler`, each invocation traced as a subsegment of the function's segment. */
export function withTracing<E, R>(
  handler: (event: E) => Promise<R>,
  using: Tracer = tracer,
): (event: E) => Promise<R> {
  return async (event) => {
    if (!using.isTracingEnabled()) return handler(event);
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
