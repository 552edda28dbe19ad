/**
 * Where a cold request's time goes (issue 16): `npx tsx bench/cold-profile.ts [entry …]` bundles
 * each entry as the Lambda construct does, with its floors (bench/handlers.ts: its AWS SDK clients
 * alone, and those plus the Tracer), runs its cold request (bench/cold.ts) in a fresh `node
 * --cpu-prof` against a DynamoDB Local of its own, and splits each profile at the runner's marks:
 * module evaluation (process start → import done) and the first call (→ answer). Every sample is
 * charged to the code of the bundle that caused it — the innermost frame of the bundle on its
 * stack, mapped through the bundle's source map to an npm package or a project folder — so Node's
 * own work under a call (sockets, crypto, module linking) counts for the package that asked for it.
 * What no bundle frame caused is V8's and Node's own: compiling the bundle's source (which grows
 * with its bytes), reading its source map (`--enable-source-maps`, as on Lambda), `(program)`,
 * `(garbage collector)`, `(idle)` (waiting for DynamoDB Local's answer).
 *
 * Not part of `npm run bench`: profiling slows the process (a sample every 200 µs), so the
 * milliseconds here are for comparing the parts of one cold request, not for the goal's ratio.
 * BENCH_PROFILE_RUNS (5) runs per bundle; the profiles are kept in BENCH_PROFILE_DIR if it is set.
 * With `--parts MODULE …` it measures instead what each module costs to import, bundled alone
 * (`measureParts`; BENCH_PROFILE_RUNS 21 then).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localClients } from '#infra/local/clients.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { coldEnv, coldEventFile, coldOnce, seedColdTable } from './cold.ts';
import { bundle, floorSource, importOnce } from './handlers.ts';
import { median, round } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE_INTERVAL_US = 200;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The AWS SDK and the packages only it brings. */
const AWS_SDK = /^(@aws-sdk|@smithy|@aws-crypto|@aws)\/|^(tslib|fast-xml-parser|strnum|bowser)$/;
/** Powertools Tracer and the X-Ray SDK under it (issue 14, item 4), with what only they bring. */
const TRACER =
  /^(@aws-lambda-powertools\/(tracer|commons)|aws-xray-sdk-core|cls-hooked|semver|emitter-listener|shimmer|atomic-batcher|async-hook-jl|stack-chain)$/;

/** The part of the product or the npm package a source file of the bundle belongs to. */
export function componentOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkg !== undefined) {
    if (AWS_SDK.test(pkg)) return 'AWS SDK';
    if (TRACER.test(pkg)) return 'Tracer + X-Ray SDK';
    return pkg;
  }
  const path = source.startsWith('file:') ? fileURLToPath(source) : source;
  const inRepo = relative(ROOT, path.replace(/^(\.\.\/)+/, '/'));
  const folder = /(shared|functions|statemachines|bench|infra)\/[^/]+/.exec(inRepo)?.[0];
  return folder ?? 'the floor’s own source';
}

/** Charges every sample of `profile` to a component; split at `marksUs` (µs on the profile's clock). */
export function chargeProfile(
  profile: CpuProfile,
  bundleUrl: string,
  map: SourceMap,
  marksUs: readonly number[],
): Map<string, number[]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const components = new Map<number, string>();
  const componentOfNode = (id: number): string => {
    const known = components.get(id);
    if (known !== undefined) return known;
    const leaf = byId.get(id);
    let found: string | undefined;
    for (let at: number | undefined = id; at !== undefined && found === undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame?.url !== bundleUrl) continue;
      // esbuild hoists every ES module of the bundle into its one top level (at 0:0, the banner):
      // their evaluation (schemas built, the model created) is charged there, not per module.
      if (frame.lineNumber === 0 && frame.columnNumber === 0) {
        found = 'the bundle’s top level (its ES modules evaluated)';
        break;
      }
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
      found =
        entry.originalSource === undefined ? 'the bundle (unmapped)' : componentOf(entry.originalSource);
    }
    const name = leaf?.callFrame.functionName ?? '';
    const url = leaf?.callFrame.url ?? '';
    found ??= name.startsWith('(')
      ? name
      : name === 'compileSourceTextModule'
        ? 'V8: compiling the bundle'
        : url.includes('source_map')
          ? 'Node: reading the source map (--enable-source-maps)'
          : url.startsWith('node:internal/modules') || url === ''
            ? 'Node: module loading'
            : 'Node: other';
    components.set(id, found);
    return found;
  };
  const charged = new Map<string, number[]>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    const phase = marksUs.filter((m) => t >= m).length;
    const component = componentOfNode(profile.samples[i] as number);
    const row = charged.get(component) ?? marksUs.map(() => 0).concat(0);
    row[phase] = (row[phase] ?? 0) + duration / 1000;
    charged.set(component, row);
  }
  return charged;
}

interface Profiled {
  readonly name: string;
  /** Mean ms per run: Node's start before the profile began, module evaluation, the first call. */
  startMs: number;
  importMs: number;
  callMs: number;
  /** Mean CPU ms per run (user + system, all threads): until the import finished, and the first call. */
  cpuImportMs: number;
  cpuCallMs: number;
  /** Mean ms per component: [module evaluation, first call]. */
  readonly components: Map<string, [number, number]>;
}

interface Target {
  readonly name: string;
  readonly outfile: string;
  readonly eventFile: string;
}

/** One profiled cold request of `target`, added to `into` as a `runs`th of the mean. */
async function profileOnce(
  target: Target,
  into: Profiled,
  env: NodeJS.ProcessEnv,
  runs: number,
  keep: { readonly dir: string; readonly run: number } | undefined,
): Promise<void> {
  const { name, outfile, eventFile } = target;
  const map = new SourceMap(JSON.parse(readFileSync(`${outfile}.map`, 'utf8')));
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-profile-'));
  try {
    const timing = await coldOnce(outfile, eventFile, env, [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-interval=${SAMPLE_INTERVAL_US}`,
    ]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile of ${name}`);
    const text = readFileSync(join(dir, file), 'utf8');
    if (keep) writeFileSync(join(keep.dir, `${name.replace(/[/ +]/g, '_')}-${keep.run}.cpuprofile`), text);
    const profile = JSON.parse(text) as CpuProfile;
    const imported = timing.originUs + timing.imported * 1000;
    const answered = timing.originUs + timing.answered * 1000;
    into.startMs += (profile.startTime - timing.originUs) / 1000 / runs;
    into.importMs += (imported - profile.startTime) / 1000 / runs;
    into.callMs += (answered - imported) / 1000 / runs;
    into.cpuImportMs += timing.cpuImported / runs;
    into.cpuCallMs += (timing.cpuAnswered - timing.cpuImported) / runs;
    const charged = chargeProfile(profile, pathToFileURL(outfile).href, map, [imported, answered]);
    for (const [component, [evaluation = 0, call = 0]] of charged) {
      const total = into.components.get(component) ?? [0, 0];
      into.components.set(component, [total[0] + evaluation / runs, total[1] + call / runs]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(profiles: readonly Profiled[]): string {
  const components = [...new Set(profiles.flatMap((p) => [...p.components.keys()]))];
  const total = (c: string) => Math.max(...profiles.map((p) => sumOf(p.components.get(c))));
  components.sort((a, b) => total(b) - total(a));
  const head = ['ms (mean)', ...profiles.flatMap((p) => [`${p.name} init`, 'call'])];
  const rows = [
    [
      'CPU ms (process start → import | call)',
      ...profiles.flatMap((p) => [fmt(p.cpuImportMs), fmt(p.cpuCallMs)]),
    ],
    ['Node start (before the profile)', ...profiles.flatMap((p) => [fmt(p.startMs), ''])],
    ['module evaluation | first call', ...profiles.flatMap((p) => [fmt(p.importMs), fmt(p.callMs)])],
    ...components
      .filter((c) => total(c) >= 0.5)
      .map((c) => [
        `  ${c}`,
        ...profiles.flatMap((p) => {
          const [e, k] = p.components.get(c) ?? [0, 0];
          return [fmt(e), fmt(k)];
        }),
      ]),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

const sumOf = (v: readonly number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);
const fmt = (ms: number) => (ms < 0.05 ? '–' : String(round(ms, 1)));

/**
 * `--parts MODULE …`: what each module costs to import, bundled alone as a Lambda entry (all its
 * exports kept), in CPU ms above an empty bundle's, median of the runs, round-robin. Modules that
 * build on each other (zod with `shared/schemas/common.ts`, every schema, the route table) show
 * what each layer adds.
 */
async function measureParts(parts: readonly string[], runs: number): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-cold-parts-'));
  try {
    const built = [
      await bundle('an empty bundle', outDir, 'export {};'),
      ...(await Promise.all(parts.map((part) => bundle(part, outDir)))),
    ];
    const cpu = new Map<string, number[]>(built.map((b) => [b.entry, []]));
    for (let run = 0; run < runs; run++) {
      process.stderr.write(`importing ${built.length} bundles: run ${run + 1}/${runs}\n`);
      for (const b of built) cpu.get(b.entry)?.push((await importOnce(b.outfile)).cpu);
    }
    const empty = median(cpu.get('an empty bundle') ?? []);
    const rows = built.map((b) => {
      const ms = median(cpu.get(b.entry) ?? []);
      return `${String(round(ms - empty, 1)).padStart(8)}  ${String(Math.round(b.bytes / 1024)).padStart(6)} KiB  ${b.entry}`;
    });
    process.stdout.write(
      `CPU ms to import, above an empty bundle's ${round(empty, 1)} ms (median of ${runs}):\n${rows.join('\n')}\n`,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--parts') {
    await measureParts(args.slice(1), Number(process.env.BENCH_PROFILE_RUNS ?? 21));
    return;
  }
  const entries = args;
  if (entries.length === 0) entries.push('functions/http/proposals.ts');
  const runs = Number(process.env.BENCH_PROFILE_RUNS ?? 5);
  const keep = process.env.BENCH_PROFILE_DIR;
  if (keep) mkdirSync(keep, { recursive: true });
  const db = await startDynamoDbLocal({ inMemory: true });
  const outDir = mkdtempSync(join(tmpdir(), 'bench-cold-profile-bundles-'));
  try {
    const table_ = 'bench_cold';
    const { client } = localClients(db.endpoint);
    await ensureTable(client, table_);
    client.destroy();
    await seedColdTable(db.endpoint, table_);
    const env = coldEnv(db.endpoint, table_);
    const none = join(outDir, 'floor-event.json');
    writeFileSync(none, '{}');
    for (const entry of entries) {
      const built = await bundle(entry, outDir);
      const event = coldEventFile(entry, outDir);
      if (!event) throw new Error(`${entry} has no cold request in bench/cold.ts`);
      const floor = await bundle(`floor ${entry}`, outDir, floorSource(built.floorClients));
      const traced = await bundle(
        `floor+tracer ${entry}`,
        outDir,
        floorSource(built.floorClients, { tracer: true }),
      );
      const targets: Target[] = [
        { name: entry, outfile: built.outfile, eventFile: event },
        { name: 'floor', outfile: floor.outfile, eventFile: none },
        { name: 'floor+Tracer', outfile: traced.outfile, eventFile: none },
      ];
      const profiles = targets.map(
        (t): Profiled => ({
          name: t.name,
          startMs: 0,
          importMs: 0,
          callMs: 0,
          cpuImportMs: 0,
          cpuCallMs: 0,
          components: new Map(),
        }),
      );
      // Round-robin: every run profiles each bundle once, so drift of the machine hits all alike.
      for (let run = 0; run < runs; run++) {
        process.stderr.write(`profiling ${entry} and its floors: run ${run + 1}/${runs}\n`);
        for (const [i, target] of targets.entries()) {
          await profileOnce(
            target,
            profiles[i] as Profiled,
            env,
            runs,
            keep ? { dir: keep, run } : undefined,
          );
        }
      }
      process.stdout.write(`\n${entry}: one cold request, ${built.floorClients.join('+')}\n`);
      process.stdout.write(`${table(profiles)}\n`);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await db.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
