/**
 * Builds the web app when `web/dist/` is missing or stale: a hash of every input (sources, message
 * catalogues, index.html, Vite config, the web package's manifest) is kept beside the build, so a
 * checkout of other sources or an edit rebuilds, and an unchanged tree starts at once.
 *
 * `npm start` and the browser tests call {@link ensureWebBuild}; `npm run build:web` forces a build
 * (`--out DIR` builds into another folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST_DIR = join(WEB_DIR, 'dist');
const STAMP = join(DIST_DIR, '.inputs-hash');
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every input of the build. */
export function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => files(join(WEB_DIR, input)))) {
    hash.update(relative(WEB_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Whether `web/dist/` was built from the inputs as they are now. */
export function isWebBuildFresh(): boolean {
  return (
    existsSync(join(DIST_DIR, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === inputsHash()
  );
}

/** Builds the app with Vite (quietly unless asked), into `web/dist/` or `outDir`. */
export async function buildWeb(
  options: { readonly quiet?: boolean; readonly outDir?: string } = {},
): Promise<void> {
  const { build } = await import('vite');
  const hash = inputsHash();
  await build({
    configFile: join(WEB_DIR, 'vite.config.ts'),
    logLevel: options.quiet ? 'error' : 'info',
    ...(options.outDir ? { build: { outDir: options.outDir, emptyOutDir: true } } : {}),
  });
  if (!options.outDir) writeFileSync(STAMP, hash);
}

/** Builds the app unless the build is fresh; says which it did. */
export async function ensureWebBuild(options: { readonly quiet?: boolean } = {}): Promise<'fresh' | 'built'> {
  if (isWebBuildFresh()) return 'fresh';
  await buildWeb(options);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--out DIR`: a build elsewhere; `--force`: rebuild web/dist even when fresh.
  const out = process.argv.indexOf('--out');
  const outDir = out > 0 ? process.argv[out + 1] : undefined;
  if (outDir) await buildWeb({ outDir });
  else if (process.argv.includes('--force')) await buildWeb();
  else if ((await ensureWebBuild()) === 'fresh') console.log('web app: the build in web/dist is up to date');
}
