import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_REQUIRE_BANNER, esbuildOptionsFor } from '#infra/constructs/bundling.ts';
import { HandlerFunction, PROJECT_ROOT } from '#infra/constructs/handler-function.ts';
import { SYNTH_TIMEOUT_MS, synthesizeStacks } from './support/app.ts';

/** What one minified handler bundle may weigh: cold starts grow with it. */
const BUDGET_BYTES = 1_500_000;

interface Bundle {
  readonly entry: string;
  readonly bytes: number;
  readonly text: string;
}

async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    ...esbuildOptionsFor(
      path.join(PROJECT_ROOT, entry),
      path.join(PROJECT_ROOT, 'cdk.out', 'size', 'index.mjs'),
    ),
    write: false,
    metafile: true,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  const output = Object.entries((result.metafile as Metafile).outputs).find(([file]) =>
    file.endsWith('.mjs'),
  )?.[1];
  if (!js || !output) throw new Error(`esbuild produced no .mjs for ${entry}`);
  return { entry, bytes: js.contents.byteLength, text: js.text };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

let bundles: Bundle[];

beforeAll(async () => {
  // GIVEN every handler the app deploys, bundled with the options of its NodejsFunction
  const { app } = synthesizeStacks();
  const entries = app.node
    .findAll()
    .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
    .map((fn) => fn.entry);
  bundles = await Promise.all(entries.map((entry) => bundle(entry)));
}, SYNTH_TIMEOUT_MS);

describe('handler bundles', () => {
  it('cover every function of the app: the HTTP handlers, the workflow tasks and the auth trigger', () => {
    // THEN
    const entries = bundles.map((b) => b.entry);
    expect(entries).toEqual(
      expect.arrayContaining(['functions/tasks/park.ts', 'functions/auth/pre-token-generation.ts']),
    );
    expect(entries.filter((e) => e.startsWith('functions/http/')).length).toBeGreaterThanOrEqual(6);
  });

  it(`stay within ${mb(BUDGET_BYTES)} minified each`, () => {
    // WHEN each is measured
    const over = bundles.filter((b) => b.bytes > BUDGET_BYTES).map((b) => `${b.entry}: ${mb(b.bytes)}`);
    // THEN
    expect(over).toEqual([]);
  });

  it('are ESM with the createRequire banner, so CommonJS dependencies can require', () => {
    // THEN
    for (const b of bundles) expect(b.text.startsWith(CREATE_REQUIRE_BANNER), b.entry).toBe(true);
  });
});
