// Imports one handler bundle in a fresh Node process and reports when that finished, on the
// process's own clock: performance.now() counts milliseconds since the process started; and the
// process's CPU time by then (user + system, all threads, ms).
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node import-runner.mjs <bundle.mjs>');
const before = performance.now();
const module = await import(pathToFileURL(bundle).href);
const after = performance.now();
const { user, system } = process.cpuUsage();
process.stdout.write(
  JSON.stringify({ before, after, cpu: (user + system) / 1000, handler: typeof module.handler }),
);
