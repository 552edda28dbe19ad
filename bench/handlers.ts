/**
 * Per handler: the bundle as the Lambda construct builds it (`esbuildOptionsFor`, the options
 * `HandlerFunction` hands to NodejsFunction) and the time to import it in a fresh `node` process,
 * each also as a ratio to the baseline handler (bench/baseline-handler.ts) built the same way.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '#infra/constructs/bundling.ts';
import { type ColdTiming, coldEnv, coldEventFile, coldOnce } from './cold.ts';
import { median, round } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./import-runner.mjs', import.meta.url));
export const BASELINE_ENTRY = 'bench/baseline-handler.ts';
/** The workflow's task handlers the app deploys (infra/stacks/api-stack.ts). */
const TASK_ENTRIES = ['park', 'deadline', 'notify', 'relay'].map((t) => `functions/tasks/${t}.ts`);
/** As on Lambda: `HandlerFunction` sets NODE_OPTIONS=--enable-source-maps on every function. */
const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

export interface HandlerFigures {
  readonly entry: string;
  /** Whether the bundle exports `handler`, the name the Lambda construct configures. */
  readonly exportsHandler: boolean;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median over the runs: from the process's start until the import finished. */
  readonly initMs: number;
  /** Median over the runs: the `await import(bundle)` alone. */
  readonly importMs: number;
  readonly sizeRatio: number;
  readonly initRatio: number;
  readonly importRatio: number;
  /**
   * Median over the runs: from the process's start until the answer of its first request (module
   * init, client creation and the first DynamoDB call included: bench/cold.ts); absent when the
   * entry has no request in the bench.
   */
  readonly coldMs?: number;
  readonly coldRatio?: number;
  /** What the cold request answered (a status code, `ok`, or an error's name). */
  readonly coldAnswer?: string;
  /** The largest parts of the bundle: npm packages, or the project's folders. */
  readonly largest: readonly { readonly input: string; readonly kib: number }[];
}

export interface HandlerReport {
  readonly runs: number;
  readonly baseline: HandlerFigures;
  readonly handlers: HandlerFigures[];
}

/** Every functions/http/*.ts module that exports `handler`, found by importing it. */
async function httpEntries(): Promise<string[]> {
  const entries: string[] = [];
  for (const file of readdirSync(join(ROOT, 'functions/http')).sort()) {
    if (!file.endsWith('.ts')) continue;
    const module = (await import(pathToFileURL(join(ROOT, 'functions/http', file)).href)) as {
      handler?: unknown;
    };
    if (typeof module.handler === 'function') entries.push(`functions/http/${file}`);
  }
  return entries;
}

/** Bytes in the bundle by npm package (or project folder), largest first. */
function largestInputs(metafile: Metafile, top = 4) {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const bytes = new Map<string, number>();
  for (const [file, input] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const key = pkg ?? file.split('/').slice(0, 2).join('/');
    bytes.set(key, (bytes.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([input, b]) => ({ input, kib: Math.round(b / 1024) }));
}

async function bundle(entry: string, outDir: string) {
  const outfile = join(outDir, entry.replace(/[/.]/g, '_'), 'index.mjs');
  const result = await build({ ...esbuildOptionsFor(join(ROOT, entry), outfile), metafile: true });
  return {
    entry,
    outfile,
    bytes: statSync(outfile).size,
    gzipBytes: gzipSync(readFileSync(outfile)).length,
    largest: largestInputs(result.metafile),
  };
}

interface ImportTiming {
  readonly before: number;
  readonly after: number;
  readonly handler: string;
}

function importOnce(outfile: string): Promise<ImportTiming> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, outfile], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
        AWS_REGION: 'eu-central-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`importing ${basename(outfile)} failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as ImportTiming);
    });
  });
}

/** Where the cold requests make their first DynamoDB call. */
export interface ColdTarget {
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
}

export async function measureHandlers(
  runs = 7,
  log: (line: string) => void = () => undefined,
  cold?: ColdTarget,
) {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  try {
    const entries = [BASELINE_ENTRY, ...(await httpEntries()), ...TASK_ENTRIES];
    log(`bundling ${entries.length} entries`);
    const bundles = await Promise.all(entries.map((entry) => bundle(entry, outDir)));
    const timings = new Map<string, ImportTiming[]>(entries.map((e) => [e, []]));
    const colds = new Map<string, ColdTiming[]>(entries.map((e) => [e, []]));
    const events = new Map(entries.map((e) => [e, cold ? coldEventFile(e, outDir) : undefined]));
    const env = cold ? coldEnv(cold.dynamoDbEndpoint, cold.tableName) : {};
    // Round-robin: every run imports each bundle once, so drift of the machine hits all alike.
    for (let run = 1; run <= runs; run++) {
      log(`import and cold-request run ${run}/${runs}`);
      for (const b of bundles) {
        timings.get(b.entry)?.push(await importOnce(b.outfile));
        const event = events.get(b.entry);
        if (event) colds.get(b.entry)?.push(await coldOnce(b.outfile, event, env));
      }
    }
    const raw = bundles.map((b) => {
      const t = timings.get(b.entry) ?? [];
      const c = colds.get(b.entry) ?? [];
      return {
        ...(c.length > 0
          ? { coldMs: median(c.map((x) => x.answered)), coldAnswer: c[c.length - 1]?.answer }
          : {}),
        entry: b.entry,
        exportsHandler: t.every((x) => x.handler === 'function'),
        bytes: b.bytes,
        gzipBytes: b.gzipBytes,
        initMs: median(t.map((x) => x.after)),
        importMs: median(t.map((x) => x.after - x.before)),
        largest: b.largest,
      };
    });
    const base = raw[0] as (typeof raw)[number];
    const withRatios = raw.map(
      (r): HandlerFigures => ({
        ...r,
        initMs: round(r.initMs, 1),
        importMs: round(r.importMs, 1),
        sizeRatio: round(r.bytes / base.bytes),
        initRatio: round(r.initMs / base.initMs),
        importRatio: round(r.importMs / base.importMs),
        ...(r.coldMs !== undefined && base.coldMs !== undefined
          ? { coldMs: round(r.coldMs, 1), coldRatio: round(r.coldMs / base.coldMs) }
          : {}),
      }),
    );
    return {
      runs,
      baseline: withRatios[0] as HandlerFigures,
      handlers: withRatios.slice(1),
    } satisfies HandlerReport;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
