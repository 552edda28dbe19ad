// The floors of `npm run bench`, section 1 (bench/handlers.ts): each entry is set against the AWS
// SDK clients it carries, and against those with the Tracer issue 14 puts on every function; the
// goal rows say how far each entry is above both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handlerRows } from '../../../bench/goals.ts';
import { bundle, floorSource, type HandlerFigures, type HandlerReport } from '../../../bench/handlers.ts';

const outDir = mkdtempSync(join(tmpdir(), 'bench-floors-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const CLIENTS = ['dynamodb', 'lib-dynamodb', 'sfn'];
const packages = (largest: readonly { input: string }[]) => largest.map((l) => l.input);

describe('bench floors', () => {
  it('a floor carries its AWS SDK clients only; the floor with the Tracer adds Powertools Tracer and the X-Ray SDK', async () => {
    const plain = await bundle('floor test', outDir, floorSource(CLIENTS));
    const traced = await bundle('floor+tracer test', outDir, floorSource(CLIENTS, { tracer: true }));
    expect(plain.floorClients).toEqual(CLIENTS);
    expect(traced.floorClients).toEqual(CLIENTS);
    expect(packages(plain.largest)).not.toContain('aws-xray-sdk-core');
    // the Tracer is loaded the way the handlers load it (functions/composition/tracing.ts)
    expect(floorSource(CLIENTS, { tracer: true })).toContain('functions/composition/tracing.ts');
    expect(packages(traced.largest)).toContain('aws-xray-sdk-core');
    expect(traced.bytes - plain.bytes).toBeGreaterThan(100 * 1024);
  }, 60_000);

  it('the goal rows say how far the entries are above their floors with the Tracer, and what those floors weigh', () => {
    const figures = (entry: string, over: Partial<HandlerFigures>): HandlerFigures => ({
      entry,
      exportsHandler: true,
      bytes: 1,
      gzipBytes: 1,
      initMs: 1,
      importMs: 1,
      sizeRatio: 1,
      initRatio: 1,
      importRatio: 1,
      largest: [],
      ...over,
    });
    const report: HandlerReport = {
      runs: 1,
      baseline: figures('bench/baseline-handler.ts', { coldMs: 100, coldRatio: 1 }),
      handlers: [
        figures('functions/http/meetings.ts', {
          sizeRatio: 2.4,
          coldRatio: 1.6,
          coldAnswer: '200',
          coldAnswerReal: true,
          floorSizeRatio: 2.3,
          floorColdRatio: 1.5,
          tracerFloorSizeRatio: 1.8,
          tracerFloorColdRatio: 1.2,
          coldCpuRatio: 1.9,
          tracerFloorCpuRatio: 1.6,
        }),
      ],
      floors: [
        figures('floor dynamodb', { sizeRatio: 1.03, coldRatio: 1.01 }),
        figures('floor+tracer dynamodb', { sizeRatio: 1.36, coldRatio: 1.25, coldCpuRatio: 1.14 }),
      ],
    };
    const [size, cold] = handlerRows({ handlers: report });
    expect(size?.today).toContain(
      '1.8× its floor with the Tracer (issue 14); those floors 1.36–1.36× the baseline',
    );
    expect(cold?.today).toContain(
      '1.2× its floor with the Tracer (issue 14); those floors 1.25–1.25× the baseline',
    );
    expect(cold?.today).toContain(
      "CPU time 1.9–1.9× the baseline's, 1.6–1.6× its floor with the Tracer (those floors 1.14–1.14× the baseline)",
    );
    expect(size?.verdict).toBe('misses');
  });
});
