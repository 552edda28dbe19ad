import type { Tracer } from '@aws-lambda-powertools/tracer';
import { describe, expect, it } from 'vitest';
import { loadTracer, traced, tracingWanted, withTracing } from '#functions/composition/tracing.ts';

/** A tracer that records what it is told, with a facade segment as Lambda creates one. */
function recordingTracer(enabled = true) {
  const told: string[] = [];
  const subsegment = { close: () => void told.push('close') };
  const facade = {
    addNewSubsegment: (name: string) => {
      told.push(`open ${name}`);
      return subsegment;
    },
  };
  const tracer = {
    isTracingEnabled: () => enabled,
    getSegment: () => facade,
    setSegment: (s: unknown) => void told.push(s === subsegment ? 'set subsegment' : 'set facade'),
    annotateColdStart: () => void told.push('cold start'),
    addServiceNameAnnotation: () => void told.push('service'),
    putAnnotation: (key: string, value: unknown) => void told.push(`${key}=${String(value)}`),
    addErrorAsMetadata: (error: Error) => void told.push(`error ${error.name}`),
  };
  return { tracer: tracer as unknown as Tracer, told };
}

describe('withTracing (Powertools Tracer on every cloud function)', () => {
  it('traces an invocation as a subsegment annotated with the proposal id, then restores the segment', async () => {
    const { tracer, told } = recordingTracer();
    const handler = withTracing(async (event: { proposalId: string }) => event.proposalId.length, tracer);
    await expect(handler({ proposalId: 'p-1' })).resolves.toBe(3);
    expect(told).toEqual([
      'open ## handler',
      'set subsegment',
      'cold start',
      'service',
      'proposalId=p-1',
      'close',
      'set facade',
    ]);
  });

  it('records a failure on the subsegment and still fails the invocation', async () => {
    const { tracer, told } = recordingTracer();
    const handler = withTracing(async () => {
      throw new RangeError('bad');
    }, tracer);
    await expect(handler({})).rejects.toThrow('bad');
    expect(told).toContain('error RangeError');
    expect(told.slice(-2)).toEqual(['close', 'set facade']);
  });

  it('passes straight through where tracing is off (tests, the local stack)', async () => {
    const { tracer, told } = recordingTracer(false);
    await expect(withTracing(async (n: number) => n + 1, tracer)(1)).resolves.toBe(2);
    expect(told).toEqual([]);
  });
});

describe('loadTracer (the Tracer only where it traces)', () => {
  it('traces a Lambda function unless POWERTOOLS_TRACE_ENABLED says false, and nothing outside Lambda', () => {
    const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };
    expect(tracingWanted(lambda)).toBe(true);
    expect(tracingWanted({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
    expect(tracingWanted({ ...lambda, AWS_SAM_LOCAL: 'true' })).toBe(false);
    expect(tracingWanted({})).toBe(false);
  });

  it('loads nothing in the local stack and the tests: the clients are used as they are', async () => {
    // WHEN the Tracer is asked for outside Lambda
    const loaded = await loadTracer({});
    const client = { send: async () => 'answer' };
    // THEN there is none (aws-xray-sdk-core and its async hook stay out of the process) and clients pass through
    expect(loaded).toBeUndefined();
    expect(traced(client)).toBe(client);
  });
});
