// Imports one handler bundle in a fresh Node process and reports when that finished, on the
// process's own clock: performance.now() counts milliseconds since the process started.
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node import-runner.mjs <bundle.mjs>');
const before = performance.now();
const module = await import(pathToFileURL(bundle).href);
const after = performance.now();
process.stdout.write(JSON.stringify({ before, after, handler: typeof module.handler }));
