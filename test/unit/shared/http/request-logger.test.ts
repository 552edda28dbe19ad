import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestLogger } from '#shared/http/request-logger.ts';

/** The JSON lines Powertools writes while `run` runs (warnings and errors go to stderr). */
function captureLines(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')].map((s) =>
    s.mockImplementation(capture),
  );
  try {
    run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('shared/http/request-logger', () => {
  it('builds no child logger for a request whose use cases write nothing', () => {
    // GIVEN the process's logger
    const parent = new Logger({ serviceName: 'besluitvorming-test', logLevel: 'DEBUG' });
    const createChild = vi.spyOn(parent, 'createChild');
    // WHEN a request's logger is made and handed on without being written to
    const logger = requestLogger(parent, 'req-1');
    const deps = { logger };
    // THEN no child was built (the cost a warm GET no longer pays)
    expect(deps.logger).toBeInstanceOf(Logger);
    expect(createChild).not.toHaveBeenCalled();
  });

  it("writes a use case's lines with the request's correlation id, through one child", () => {
    // GIVEN a request's logger
    const parent = new Logger({ serviceName: 'besluitvorming-test', logLevel: 'DEBUG' });
    const createChild = vi.spyOn(parent, 'createChild');
    const logger = requestLogger(parent, 'req-2');
    // WHEN a use case writes two lines
    const lines = captureLines(() => {
      logger.warn('first', { routeKey: 'GET /x' });
      logger.error('second');
    });
    // THEN both carry the correlation id and the service, and one child served both
    expect(lines).toMatchObject([
      { level: 'WARN', message: 'first', correlationId: 'req-2', service: 'besluitvorming-test' },
      { level: 'ERROR', message: 'second', correlationId: 'req-2' },
    ]);
    expect(createChild).toHaveBeenCalledTimes(1);
    // AND the parent's own lines stay without it (another request's id never leaks into them)
    const own = captureLines(() => parent.warn('process'));
    expect(own[0]?.correlationId).toBeUndefined();
  });

  it("keeps the parent's level: a line below it is not written", () => {
    const parent = new Logger({ serviceName: 'besluitvorming-test', logLevel: 'WARN' });
    const logger = requestLogger(parent, 'req-3');
    const lines = captureLines(() => logger.info('hidden'));
    expect(lines).toEqual([]);
  });
});
