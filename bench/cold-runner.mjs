// One cold request in a fresh Node process: import the bundle, call its handler once with the
// event in argv[3] (a JSON file), and report on the process's own clock (performance.now() counts
// from the process's start) when the import finished and when the answer came. The handler builds
// its clients and makes its first DynamoDB call inside that call, as on Lambda's first invocation.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const MARK = '@cold ';
const [bundle, eventFile] = process.argv.slice(2);
if (!bundle || !eventFile) throw new Error('usage: node cold-runner.mjs <bundle.mjs> <event.json>');
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const module = await import(pathToFileURL(bundle).href);
const imported = performance.now();
let answer;
try {
  const result = await module.handler(event);
  answer = result && typeof result === 'object' && 'statusCode' in result ? String(result.statusCode) : 'ok';
} catch (error) {
  answer = error instanceof Error ? error.name : 'error';
}
const answered = performance.now();
// The handler may log to stdout (the Logger does): the figures go on a line of their own.
process.stdout.write(`\n${MARK}${JSON.stringify({ imported, answered, answer })}\n`);
