/**
 * Per handler: the bundle as the Lambda construct builds it (`esbuildOptionsFor`, the options
 * `HandlerFunction` hands to NodejsFunction) and the time to import it in a fresh `node` process,
 * each also as a ratio to the baseline handler (bench/baseline-handler.ts) built the same way, and
 * to the entry's own floor: a bundle of just the AWS SDK clients that entry carries (found in its
 * bundle), created and making one GetItem the way the baseline does (`floorSource`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '#infra/constructs/bundling.ts';
import { type ColdTiming, coldEnv, coldEventFile, coldOnce, isRealAnswer } from './cold.ts';
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
  /**
   * Whether every cold run answered a real request (bench/cold.ts `isRealAnswer`): false when one
   * stopped before it (an error such as `CovenantNotSeededError`), and its time then means nothing.
   */
  readonly coldAnswerReal?: boolean;
  /**
   * Median over the runs: the CPU time (user + system, all threads) of the cold request's process
   * from its start to the answer. Less swayed than `coldMs` by other work on a shared machine.
   */
  readonly coldCpuMs?: number;
  readonly coldCpuRatio?: number;
  /** The entry's floor (the AWS SDK clients it carries, alone), e.g. `floor dynamodb+lib-dynamodb+sfn`. */
  readonly floor?: string;
  /** This bundle's bytes / its floor's. */
  readonly floorSizeRatio?: number;
  /** This cold request / its floor's. */
  readonly floorColdRatio?: number;
  /**
   * The entry's second floor: the same clients plus what issue 14 (item 4) puts on every function,
   * Powertools Tracer and the X-Ray SDK, carried as the handlers carry them (`floorSource`), e.g.
   * `floor+tracer dynamodb+lib-dynamodb+sfn`: what the project chose to carry.
   */
  readonly tracerFloor?: string;
  readonly tracerFloorSizeRatio?: number;
  readonly tracerFloorColdRatio?: number;
  /** This cold request's CPU time / its floor's, and / its floor's with the Tracer. */
  readonly floorCpuRatio?: number;
  readonly tracerFloorCpuRatio?: number;
  /** The largest parts of the bundle: npm packages, or the project's folders. */
  readonly largest: readonly { readonly input: string; readonly kib: number }[];
}

export interface HandlerReport {
  readonly runs: number;
  readonly baseline: HandlerFigures;
  readonly handlers: HandlerFigures[];
  /** The floors the handlers are set against, each with its ratios to the baseline. */
  readonly floors: HandlerFigures[];
}

/**
 * The AWS SDK packages a floor is made of: each client is created on the first call, as the
 * handlers create theirs (functions/composition/), and that call makes one GetItem, through the
 * document client where the entry carries lib-dynamodb.
 */
const FLOOR_CLIENTS = [
  { pkg: 'client-dynamodb', name: 'dynamodb', client: 'DynamoDBClient' },
  { pkg: 'lib-dynamodb', name: 'lib-dynamodb', client: undefined },
  { pkg: 'client-sfn', name: 'sfn', client: 'SFNClient' },
  { pkg: 'client-sesv2', name: 'sesv2', client: 'SESv2Client' },
  { pkg: 'client-cognito-identity-provider', name: 'cognito', client: 'CognitoIdentityProviderClient' },
  { pkg: 'client-secrets-manager', name: 'secrets-manager', client: 'SecretsManagerClient' },
] as const;

/** The floor's clients of a bundle: which of {@link FLOOR_CLIENTS} its inputs hold. */
function floorClientsOf(metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs);
  return FLOOR_CLIENTS.filter((c) => inputs.some((f) => f.includes(`node_modules/@aws-sdk/${c.pkg}/`))).map(
    (c) => c.name,
  );
}

/**
 * The source of a floor handler: the clients `names`, created on its first call, and one GetItem.
 * With `tracer`, also what issue 14 (item 4) puts on every function, the way the handlers carry it
 * (functions/composition/tracing.ts, as `onFirstCall` uses it): Powertools Tracer loaded on the
 * first call, every client captured, the invocation traced as a subsegment.
 */
export function floorSource(names: readonly string[], options: { readonly tracer?: boolean } = {}): string {
  // DynamoDB always: the floor's one call is the baseline's GetItem.
  const used = FLOOR_CLIENTS.filter((c) => names.includes(c.name) || c.name === 'dynamodb');
  const document = names.includes('lib-dynamodb');
  const imports = used
    .filter((c) => c.client !== undefined)
    .map(
      (c) =>
        `import { ${c.client}${c.name === 'dynamodb' ? ', GetItemCommand' : ''} } from '@aws-sdk/${c.pkg}';`,
    );
  if (document) imports.push("import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';");
  const wrap = (client: string) => (options.tracer ? `traced(${client})` : client);
  const made = used.flatMap((c) =>
    c.client === undefined ? [] : [`'${c.name}': ${wrap(`new ${c.client}({})`)}`],
  );
  const get = document
    ? "DynamoDBDocumentClient.from(clients.dynamodb).send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'baseline', sk: 'baseline' } }))"
    : "clients.dynamodb.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: 'baseline' }, sk: { S: 'baseline' } } }))";
  const call = `async () => {
  const item = await ${get};
  return { statusCode: 200, body: JSON.stringify({ found: item.Item !== undefined }) };
}`;
  if (!options.tracer)
    return `${imports.join('\n')}
let clients;
const call = ${call};
export const handler = async () => {
  clients ??= { ${made.join(', ')} };
  return call();
};
`;
  return `${imports.join('\n')}
import { loadTracer, traced, withTracing } from './functions/composition/tracing.ts';
let clients;
let built;
const call = ${call};
export const handler = async (event) => {
  built ??= loadTracer().then(() => {
    clients = { ${made.join(', ')} };
    return withTracing(call);
  });
  return (await built)(event);
};
`;
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

/** A floor's name: `floor ` and its clients; with the Tracer, `floor+tracer ` and its clients. */
const floorName = (clients: readonly string[], tracer = false) =>
  `${tracer ? 'floor+tracer' : 'floor'} ${clients.join('+')}`;
const isFloor = (entry: string) => entry.startsWith('floor ') || entry.startsWith('floor+tracer ');

/** Bundles `entry` (a file of the project, or a floor: its source given) as the Lambda construct does. */
export async function bundle(entry: string, outDir: string, source?: string) {
  const outfile = join(outDir, entry.replace(/[/. +]/g, '_'), 'index.mjs');
  const options = esbuildOptionsFor(join(ROOT, entry), outfile);
  const result = await build({
    ...options,
    ...(source === undefined
      ? {}
      : {
          entryPoints: undefined,
          stdin: { contents: source, resolveDir: ROOT, sourcefile: `${entry}.mjs` },
        }),
    metafile: true,
  });
  return {
    entry,
    outfile,
    bytes: statSync(outfile).size,
    gzipBytes: gzipSync(readFileSync(outfile)).length,
    largest: largestInputs(result.metafile),
    floorClients: floorClientsOf(result.metafile),
  };
}

export interface ImportTiming {
  readonly before: number;
  readonly after: number;
  /** The process's CPU time (user + system, all threads) when the import finished, ms. */
  readonly cpu: number;
  readonly handler: string;
}

/** Imports `outfile` in a fresh `node` (import-runner.mjs), as Lambda would: with source maps enabled. */
export function importOnce(outfile: string): Promise<ImportTiming> {
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
    const built = await Promise.all(entries.map((entry) => bundle(entry, outDir)));
    // Each entry's floor: the AWS SDK clients found in its bundle, alone (one bundle per distinct set).
    const floorSets = new Map(
      built
        .slice(1)
        .filter((b) => b.floorClients.length > 0)
        .map((b) => [floorName(b.floorClients), b.floorClients] as const),
    );
    log(`bundling ${floorSets.size} floors, each also with the Tracer: ${[...floorSets.keys()].join(', ')}`);
    const floors = await Promise.all(
      [...floorSets].flatMap(([name, clients]) => [
        bundle(name, outDir, floorSource(clients)),
        bundle(floorName(clients, true), outDir, floorSource(clients, { tracer: true })),
      ]),
    );
    const bundles = [...built, ...floors];
    const names = bundles.map((b) => b.entry);
    const timings = new Map<string, ImportTiming[]>(names.map((e) => [e, []]));
    const colds = new Map<string, ColdTiming[]>(names.map((e) => [e, []]));
    const events = new Map(names.map((e) => [e, cold ? coldEventFile(e, outDir) : undefined]));
    if (cold) {
      // A floor is called like the baseline: no event to speak of.
      const none = join(outDir, 'floor-event.json');
      writeFileSync(none, '{}');
      for (const f of floors) events.set(f.entry, none);
    }
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
      const answers = c.map((x) => x.answer);
      const real = answers.every((a) => isRealAnswer(b.entry, a));
      return {
        ...(c.length > 0
          ? {
              coldMs: median(c.map((x) => x.answered)),
              coldCpuMs: median(c.map((x) => x.cpuAnswered)),
              // The first answer that was not a real one, if any: a regression must show.
              coldAnswer: answers.find((a) => !isRealAnswer(b.entry, a)) ?? answers[answers.length - 1],
              coldAnswerReal: real,
            }
          : {}),
        entry: b.entry,
        floor: b.floorClients.length > 0 ? floorName(b.floorClients) : undefined,
        tracerFloor: b.floorClients.length > 0 ? floorName(b.floorClients, true) : undefined,
        exportsHandler: t.every((x) => x.handler === 'function'),
        bytes: b.bytes,
        gzipBytes: b.gzipBytes,
        initMs: median(t.map((x) => x.after)),
        importMs: median(t.map((x) => x.after - x.before)),
        largest: b.largest,
      };
    });
    const base = raw[0] as (typeof raw)[number];
    const byName = new Map(raw.map((r) => [r.entry, r]));
    const withRatios = raw.map((r): HandlerFigures => {
      const ownFloor = isFloor(r.entry) || r.entry === BASELINE_ENTRY;
      const floor = ownFloor || r.floor === undefined ? undefined : byName.get(r.floor);
      const tracerFloor = ownFloor || r.tracerFloor === undefined ? undefined : byName.get(r.tracerFloor);
      const { floor: _floor, tracerFloor: _tracerFloor, ...figures } = r;
      return {
        ...figures,
        initMs: round(r.initMs, 1),
        importMs: round(r.importMs, 1),
        sizeRatio: round(r.bytes / base.bytes),
        initRatio: round(r.initMs / base.initMs),
        importRatio: round(r.importMs / base.importMs),
        ...(r.coldMs !== undefined && base.coldMs !== undefined
          ? { coldMs: round(r.coldMs, 1), coldRatio: round(r.coldMs / base.coldMs) }
          : {}),
        ...(r.coldCpuMs !== undefined && base.coldCpuMs !== undefined
          ? { coldCpuMs: round(r.coldCpuMs, 1), coldCpuRatio: round(r.coldCpuMs / base.coldCpuMs) }
          : {}),
        ...(floor
          ? {
              floor: floor.entry,
              floorSizeRatio: round(r.bytes / floor.bytes),
              ...(r.coldMs !== undefined && floor.coldMs !== undefined
                ? { floorColdRatio: round(r.coldMs / floor.coldMs) }
                : {}),
              ...(r.coldCpuMs !== undefined && floor.coldCpuMs !== undefined
                ? { floorCpuRatio: round(r.coldCpuMs / floor.coldCpuMs) }
                : {}),
            }
          : {}),
        ...(tracerFloor
          ? {
              tracerFloor: tracerFloor.entry,
              tracerFloorSizeRatio: round(r.bytes / tracerFloor.bytes),
              ...(r.coldMs !== undefined && tracerFloor.coldMs !== undefined
                ? { tracerFloorColdRatio: round(r.coldMs / tracerFloor.coldMs) }
                : {}),
              ...(r.coldCpuMs !== undefined && tracerFloor.coldCpuMs !== undefined
                ? { tracerFloorCpuRatio: round(r.coldCpuMs / tracerFloor.coldCpuMs) }
                : {}),
            }
          : {}),
      };
    });
    return {
      runs,
      baseline: withRatios[0] as HandlerFigures,
      handlers: withRatios.slice(1, built.length),
      floors: withRatios.slice(built.length),
    } satisfies HandlerReport;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
