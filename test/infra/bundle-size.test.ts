import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_REQUIRE_BANNER, esbuildOptionsFor } from '#infra/constructs/bundling.ts';
import { HandlerFunction, PROJECT_ROOT } from '#infra/constructs/handler-function.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { SYNTH_TIMEOUT_MS, synthesizeStacks } from './support/app.ts';

/**
 * The baseline of every budget: a Lambda entry that only creates the DynamoDB and Step Functions
 * clients (bench/baseline-handler.ts, the baseline of `npm run bench`), bundled the same way.
 */
const BASELINE_ENTRY = 'bench/baseline-handler.ts';

/**
 * What each Lambda entry point may weigh minified, as a multiple of the baseline bundle: what it
 * weighs today plus about a tenth, so that a dependency pulled in by mistake (the model into the
 * park task, SES into a handler, the AWS SDK into the auth trigger) fails here, not in cold
 * starts. A new entry point needs a line here; raising one is a decision to make in review.
 */
const BUDGET_RATIOS: Readonly<Record<string, number>> = {
  // No AWS client at all (1.4 KB): a twentieth of the baseline is already generous. No Tracer
  // either: it has no SDK call to trace, and Lambda's active tracing records its invocation.
  'functions/auth/pre-token-generation.ts': 0.05,
  // Every other entry carries Powertools Tracer with aws-xray-sdk-core (~115 KiB minified, 0.33×
  // the baseline; issue 14 item 4): the price of seeing each DynamoDB, Step Functions and SES call
  // in X-Ray. Weighed per entry and kept everywhere: the park task and the relay, run on every
  // transition, are exactly the hops an operator follows from the API to the execution. It is
  // imported on the first call and only in Lambda (functions/composition/tracing.ts), so its
  // initialisation is no part of a cold start elsewhere, but its bytes are in every bundle.
  // Store and workflow adapters, the environment with zod's mini build, and the Tracer (1.66×;
  // 1.84× while the environment was parsed with zod's full build).
  'functions/tasks/park.ts': 1.8,
  'functions/tasks/relay.ts': 1.8,
  // The store and the workflow adapter, the logger and the Tracer (1.65×).
  'functions/tasks/sweeper.ts': 1.8,
  // The model and dispatch (2.01×; 2.16× while the register's schema used zod's full build, 2.41×
  // while the covenant's dates used luxon, 70 KiB, and the holiday table was 25 KiB instead of 5:
  // issue 16).
  'functions/tasks/deadline.ts': 2.1,
  // The model, the e-mail templates and SES's simple content (2.24×; 2.39× with zod's full build for
  // the register; 2.63× with luxon; 2.94× while it carried nodemailer's MIME writer, which only the
  // local outbox needs now).
  'functions/tasks/notify.ts': 2.35,
  // Every HTTP entry: the model, the use cases, the views, zod, and since issue 18 (Dutch first)
  // the message catalogues' sections they use (about 0.06×): 2.34–2.48×; the deadlines' iCalendar
  // 2.6× (loaded on the first feed, but its bytes are in the bundle). Issue 16: each carries only
  // its own routes' schemas since the route table was split per handler module (0.03–0.13× less:
  // 2.45–2.55× before), and 0.25× less since the dates left luxon and the holiday table became
  // compact (2.72–2.81× before that).
  'functions/http/meetings.ts': 2.6,
  'functions/http/decisions.ts': 2.45,
  'functions/http/deadlines.ts': 2.7,
  'functions/http/release-calendar.ts': 2.45,
  // The API's own documentation: the OpenAPI document generated at build time (packed, 23 KiB) and
  // the problem types' pages, with no AWS client, no model and no route table but its own (1.02×;
  // 2.56× while it generated the document with zod-openapi from every route's schemas: issue 16).
  'functions/http/openapi.ts': 1.15,
  // The executions' use case and the workflow's read side (Beheer, issue 13).
  'functions/http/executions.ts': 2.5,
  // The event feed and subscriptions like the other resources; the calendars with the iCalendar writer.
  'functions/http/events.ts': 2.45,
  'functions/http/subscriptions.ts': 2.5,
  'functions/http/calendars.ts': 2.75,
  // The routes that send e-mail themselves (footnote 13; the covenant's notices, changes and
  // withdrawals) carry the SES client as well (2.57–2.69×; 2.69–2.75× with the whole route table;
  // 2.92–2.98× with luxon; 3.1–3.25× with the MIME writer).
  'functions/http/parties.ts': 2.7,
  'functions/http/proposals.ts': 2.8,
  'functions/http/covenant.ts': 2.7,
  // The model, the use cases that table art. 10's agenda item, SES, Cognito and Secrets Manager
  // (2.48×; 2.51× with zod's full build for the register; 2.75× with luxon).
  'functions/tasks/dated-effect.ts': 2.6,
  // The store, the logger and zod's mini build, for the SES events (1.68×).
  'functions/tasks/mail-events.ts': 1.8,
  // Cognito, Secrets Manager and zod's mini build, for an ended membership (1.46×; 1.65× with luxon).
  'functions/tasks/membership-ended.ts': 1.6,
  // The store, Standard Webhooks signing and ipaddr.js (the SSRF guard), and the Tracer (2.0×).
  'functions/tasks/webhooks.ts': 2.15,
  // The queries and the Word writer (`docx`, 230 KiB with its zip) and the Tracer: its own Lambda,
  // asked a few times a month, so the other routes do not carry the writer (3.14×; 3.24× with the
  // whole route table; 3.47× with luxon).
  'functions/http/documents.ts': 3.25,
  // No AWS client and no Tracer (nothing to trace but its own invocation, which Lambda's active
  // tracing records): the route table's schemas (zod) to answer 404/405 (0.67×).
  // Issue 18 (Dutch first): the fallback answers in the request's language, so it carries the
  // Accept-Language negotiator and the two message catalogues. Issue 16: the routeKeys alone
  // (functions/http/route-keys.ts) instead of the route table with its schemas (149 KiB, 0.43×;
  // 0.65× with the table; 0.83× with luxon and the holiday table of 25 KiB).
  'functions/http/fallback.ts': 0.5,
};

interface Bundle {
  readonly entry: string;
  readonly bytes: number;
  readonly text: string;
}

async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    ...esbuildOptionsFor(
      path.join(PROJECT_ROOT, entry),
      path.join(PROJECT_ROOT, 'cdk.out', 'size', 'index.mjs'),
    ),
    write: false,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  if (!js) throw new Error(`esbuild produced no .mjs for ${entry}`);
  return { entry, bytes: js.contents.byteLength, text: js.text };
}

/** Every module under functions/ that exports a `handler`: what a Lambda can be pointed at. */
function entryModules(): string[] {
  return readdirSync(path.join(PROJECT_ROOT, 'functions'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) =>
      /export (const|async function|function) handler\b/.test(
        readFileSync(path.join(PROJECT_ROOT, file), 'utf8'),
      ),
    )
    .sort();
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

let baseline: Bundle;
let deployed: string[];
let bundles: Bundle[];

beforeAll(async () => {
  // GIVEN every handler the app deploys, bundled with the options of its NodejsFunction
  const { app } = synthesizeStacks();
  deployed = app.node
    .findAll()
    .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
    .map((fn) => fn.entry)
    .sort();
  baseline = await bundle(BASELINE_ENTRY);
  bundles = await Promise.all(deployed.map((entry) => bundle(entry)));
}, SYNTH_TIMEOUT_MS);

describe('handler bundles', () => {
  it('cover every Lambda entry point: each module of functions/ that exports a handler is deployed', () => {
    // THEN
    expect(deployed).toEqual(entryModules());
    expect(deployed.length).toBeGreaterThanOrEqual(11);
  });

  it('each have a budget, and each budget belongs to a deployed entry point', () => {
    // THEN
    expect(Object.keys(BUDGET_RATIOS).sort()).toEqual(deployed);
  });

  it('stay within their budget, a multiple of the baseline handler', () => {
    // WHEN each is measured against the baseline
    const over = bundles
      .map((b) => ({ b, budget: Math.round((BUDGET_RATIOS[b.entry] ?? 0) * baseline.bytes) }))
      .filter(({ b, budget }) => b.bytes > budget)
      .map(
        ({ b, budget }) =>
          `${b.entry}: ${kib(b.bytes)} > ${kib(budget)} (${BUDGET_RATIOS[b.entry] ?? 'no budget: 0'}× the baseline)`,
      );
    // THEN
    expect(baseline.bytes).toBeGreaterThan(100_000); // the AWS SDK clients: a baseline that means something
    expect(over).toEqual([]);
  });

  it('are ESM with the createRequire banner, so CommonJS dependencies can require', () => {
    // THEN
    for (const b of bundles) expect(b.text.startsWith(CREATE_REQUIRE_BANNER), b.entry).toBe(true);
  });

  it('carry no representative’s e-mail address: the register comes from the table (DESIGN 2.5, art. 14)', () => {
    // GIVEN every address of the register the deploy seeds version 1 with
    const addresses = loadDefaultRegister().parties.flatMap((p) => p.representatives.map((r) => r.email));
    expect(addresses.length).toBeGreaterThanOrEqual(11);
    // THEN no bundle holds one of them (nor the file they come from)
    const found = bundles.flatMap((b) =>
      addresses.filter((address) => b.text.includes(address)).map((address) => `${b.entry}: ${address}`),
    );
    expect(found).toEqual([]);
  });
});
