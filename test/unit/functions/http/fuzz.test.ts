// Malformed requests, generated: bodies, path parameters, query strings, headers, tokens and
// route keys. No input may make a handler answer 5xx, and every error is valid problem+json.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import { PROBLEM_CONTENT_TYPE, Problem } from '#shared/schemas/problem.ts';
import { type As, type CallOptions, type TestApp, testApp } from './support/app.ts';
import { objected } from './support/scenarios.ts';

const RUNS = 2_000;
const routeKeys = Object.keys(routes);
const nasty = [
  '',
  ' ',
  '#',
  'p-#1',
  '../etc',
  '%00',
  '\u0000',
  'null',
  '{}',
  'A'.repeat(300),
  'VNG',
  'ZIN',
  'CAK',
  '🙂',
  'm-2027',
];
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...nasty));
const fields = [
  'title',
  'description',
  'standards',
  'kind',
  'implementationDate',
  'text',
  'reason',
  'meetingId',
  'outcome',
  'choice',
  'justification',
  'arguments',
  'alternativeProposal',
  'motive',
  'requestedDecision',
  'approved',
  'comments',
  'date',
  'present',
  'format',
];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  text,
  fc.constantFrom(
    'adopted',
    'rejected',
    'no-decision',
    'for',
    'against',
    'abstain',
    'iWmo',
    'release',
    '2027-02-30',
    '2027-03-17',
    true,
  ),
  fc.array(fc.constantFrom('VNG', 'CAK', 'ZIN', 'NOPE', '', 'iWmo', 'iXX'), { maxLength: 4 }),
);
/** Bodies near the real shapes: the known fields with any values. */
const shaped = fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 5 }).map((o) => JSON.stringify(o));
const rawBody = fc.option(fc.oneof(fc.string(), fc.json({ maxDepth: 3 }), shaped, shaped), {
  nil: undefined,
});

function arbitraryRequest(ids: readonly string[]) {
  const id = fc.oneof(text, fc.constantFrom(...ids));
  const caller: fc.Arbitrary<As> = fc.oneof(
    fc.constantFrom('ZIN', 'VNG', 'CAK', 'ACTIZ', 'VWS', 'KBSD', 'NOPE', ''),
    fc.record({
      party: fc.constantFrom('VWS', 'ZIN', 'CAK'),
      roles: fc.oneof(text, fc.array(text, { maxLength: 3 })),
    }),
    fc.constant(null),
    fc.dictionary(text, text, { maxKeys: 3 }).map((claims) => ({ claims })),
  );
  return fc.record({
    routeKey: fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...routeKeys) },
      { weight: 1, arbitrary: text },
    ),
    as: caller,
    params: fc.record(
      { id, party: fc.oneof(text, fc.constantFrom('VNG', 'CAK', 'ZIN')) },
      { requiredKeys: [] },
    ),
    query: fc.option(
      fc.dictionary(
        fc.constantFrom('phase', 'standard', 'format', 'x', ''),
        fc.oneof(text, fc.constantFrom('md', 'ics', 'json', 'voting', 'iJw')),
      ),
      { nil: undefined },
    ),
    rawBody,
    base64: fc.boolean(),
    headers: fc.dictionary(
      fc.constantFrom('idempotency-key', 'Idempotency-Key', 'content-type', 'x-any'),
      text,
      { maxKeys: 2 },
    ),
  });
}

let app: TestApp;
let ids: string[];
beforeAll(async () => {
  app = testApp();
  const { proposalId, meetingId } = await objected(app);
  ids = [proposalId, meetingId];
});

describe('functions/http under malformed input', () => {
  it(`never answers 5xx, and every error is valid problem+json (${RUNS} requests)`, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryRequest(ids), async ({ routeKey, ...options }) => {
        const response = await app.call(routeKey, options as CallOptions);
        expect(response.status, `${routeKey} ${JSON.stringify(options)} → ${response.text}`).toBeLessThan(
          500,
        );
        expect(response.headers['x-correlation-id']).toBeTruthy();
        if (response.status >= 400) {
          expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
          expect(Problem.safeParse(response.body).error).toBeUndefined();
          expect(response.body.status).toBe(response.status);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
