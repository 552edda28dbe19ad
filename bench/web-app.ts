/**
 * The web app's budget (issue 13, item 8): the JavaScript of the first page (the entry chunk and
 * every chunk it imports statically, from Vite's manifest), compressed with gzip (level 9) and
 * brotli; and the first render of the proposal page in Chromium on a local stack, from navigation
 * start to the proposal's `h1` on screen, in a fresh browser context each run (nothing cached).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startLocalStack } from '#infra/local/stack.ts';
import { ensureWebBuild } from '../web/scripts/build.ts';
import { median, round } from './stats.ts';

const DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Goals of issue 13: 200 kB compressed (judged on gzip, the larger), a render within 1 s. */
const BUDGET_BYTES = 200_000;
const RENDER_GOAL_MS = 1000;
const RENDER_RUNS = 5;

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}

/** The files the first page loads: the entry and, transitively, its static imports. */
function firstPageFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].map((key) => manifest[key]?.file ?? key).filter((file) => file.endsWith('.js'));
}

function firstPageBytes() {
  const files = firstPageFiles();
  const sizes = files.map((file) => {
    const bytes = readFileSync(join(DIST, file));
    return {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes).length,
    };
  });
  const sum = (key: 'raw' | 'gzip' | 'brotli') => sizes.reduce((total, size) => total + size[key], 0);
  const gzip = sum('gzip');
  return {
    files: files.length,
    rawBytes: sum('raw'),
    gzipBytes: gzip,
    brotliBytes: sum('brotli'),
    budgetBytes: BUDGET_BYTES,
    judgedOn: 'gzip',
    verdict: gzip <= BUDGET_BYTES ? 'within budget' : 'over budget',
  };
}

/** Milliseconds from navigation start to the proposal's title in its `h1`, per fresh context. */
async function proposalRenders(dynamoDbEndpoint: string): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    tableName: `bench_web_${Date.now()}`,
    dynamoDbEndpoint,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const post = async (path: string, body: unknown, token?: string) =>
      (await (
        await fetch(`${stack.baseUrl}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const { token } = await post('/_local/sign-in', { party: 'VNG' });
    const title = 'Release iWmo 3.3';
    const proposal = await post(
      '/proposals',
      { title, description: 'De inhoud van de release.', standards: ['iWmo'], kind: 'release' },
      token,
    );
    const runs: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) {
      const context = await browser.newContext();
      // Signed in as the app keeps it (its sessionStorage key), before the app's first line runs.
      await context.addInitScript({
        content: `sessionStorage.setItem('besluitvorming.token', ${JSON.stringify(token)})`,
      });
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}/#/proposals/${proposal.id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
      runs.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    return runs;
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both figures, with their goals and verdicts. */
export async function measureWebApp(dynamoDbEndpoint: string, log: (line: string) => void) {
  await ensureWebBuild({ quiet: true });
  const firstPage = firstPageBytes();
  log(`web app: first page ${firstPage.gzipBytes} bytes gzip; rendering the proposal page in Chromium`);
  if (!existsSync(CHROMIUM))
    return { firstPage, proposalFirstRender: { skipped: `no Chromium at ${CHROMIUM}` } };
  const runs = await proposalRenders(dynamoDbEndpoint);
  const medianMs = round(median(runs), 0);
  return {
    firstPage,
    proposalFirstRender: {
      runs: runs.map((ms) => round(ms, 0)),
      medianMs,
      goalMs: RENDER_GOAL_MS,
      verdict: medianMs < RENDER_GOAL_MS ? 'within goal' : 'over goal',
    },
  };
}

/** The figures as lines of the report. */
export function webAppLines(figures: Awaited<ReturnType<typeof measureWebApp>>): string {
  const { firstPage: f, proposalFirstRender: r } = figures;
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  return [
    `   first page's JavaScript: ${f.files} files, ${kB(f.rawBytes)} raw, ${kB(f.gzipBytes)} gzip, ${kB(f.brotliBytes)} brotli — budget ${kB(f.budgetBytes)} ${f.judgedOn}: ${f.verdict}`,
    'skipped' in r
      ? `   proposal page, first render: skipped (${r.skipped})`
      : `   proposal page, first render (navigation start → h1, fresh context): median ${r.medianMs} ms of ${r.runs.join(', ')} — goal < ${r.goalMs} ms: ${r.verdict}`,
  ].join('\n');
}
