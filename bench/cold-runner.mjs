// One cold request in a fresh Node process: import the bundle, call its handler once with the
// event in argv[3] (a JSON file), and report on the process's own clock (performance.now() counts
// from the process's start) when the import finished and when the answer came. The handler builds
// its clients and makes its first DynamoDB call inside that call, as on Lambda's first invocation.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const MARK = '@cold ';
// The process's start on the monotonic clock that V8's CPU profiles use (µs), so that a profile
// (`node --cpu-prof`, bench/cold-profile.ts) can be split at `imported` and `answered`.
const originUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
/** CPU time of this process since it started (user + system, every thread), in ms: less swayed by other work on the machine than the wall clock. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const [bundle, eventFile] = process.argv.slice(2);
if (!bundle || !eventFile) throw new Error('usage: node cold-runner.mjs <bundle.mjs> <event.json>');
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const module = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const cpuImported = cpuMs();
let answer;
try {
  const result = await module.handler(event);
  answer = result && typeof result === 'object' && 'statusCode' in result ? String(result.statusCode) : 'ok';
} catch (error) {
  answer = error instanceof Error ? error.name : 'error';
}
const answered = performance.now();
const cpuAnswered = cpuMs();
// The handler may log to stdout (the Logger does): the figures go on a line of their own.
process.stdout.write(
  `\n${MARK}${JSON.stringify({ imported, answered, answer, originUs, cpuImported, cpuAnswered })}\n`,
);
