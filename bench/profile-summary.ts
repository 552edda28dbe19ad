/**
 * Sums a V8 CPU profile (`.cpuprofile`, e.g. from `BENCH_PARKED_PROFILE`) by where the time went:
 * self time per package or project folder, and the heaviest functions. Not part of the run.
 * `tsx bench/profile-summary.ts FILE [TOP]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** `node_modules/@aws-sdk/x` → `@aws-sdk/x`; the project's own files by folder; `node:` internals. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const project = url.match(
    /\/(infra\/local\/engine|infra\/local|shared\/[^/]+|functions\/[^/]+|statemachines\/[^/]+|bench)\//,
  );
  return project?.[1] ?? url;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-summary.ts FILE [TOP]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const places = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const place = placeOf(url, functionName);
  places.set(place, (places.get(place) ?? 0) + us);
  const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
}
const show = (title: string, map: Map<string, number>, top: number) => {
  process.stdout.write(`${title}\n`);
  for (const [name, us] of [...map].sort(([, a], [, b]) => b - a).slice(0, top)) {
    process.stdout.write(
      `${((100 * us) / total).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`,
    );
  }
};
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms sampled\n`);
show('self time by place', places, 30);
show('self time by function', functions, Number(topArg ?? 40));
