// The authorization matrix: every route × every party (and VWS with role dglz). The expectations
// are written out by hand from DESIGN 5 — not derived from the code under test — so that any
// unexpected allow fails. A refused caller gets 403 before anything is written.
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type RouteKey, routes } from '#functions/http/routes.ts';
import {
  ALL_PARTIES,
  type As,
  PROVIDER_ASSOCIATIONS,
  type TestApp,
  testApp,
  VOTING_PARTIES,
} from './support/app.ts';
import { expectAnswer, objected, proposalBody } from './support/scenarios.ts';

const DGLZ = 'VWS+dglz';
const CALLERS = [...ALL_PARTIES, DGLZ] as const;
const ZIN = ['ZIN'];
const EVERYONE = [...CALLERS];

/** Who may call each route, for a proposal tabled by VNG and objected to by CAK. */
const allowed: Record<RouteKey, readonly string[]> = {
  'GET /parties': EVERYONE,
  'POST /parties/{party}/withdrawal': EVERYONE, // each for itself; see the path-party test below
  'GET /meetings': EVERYONE,
  'POST /meetings': ZIN,
  'GET /meetings/{id}': EVERYONE,
  'PUT /meetings/{id}/attendance': ZIN,
  'POST /meetings/{id}/close': ZIN,
  'GET /meetings/{id}/minutes': EVERYONE,
  'GET /meetings/{id}/minutes.md': EVERYONE,
  'GET /meetings/{id}/minutes.docx': EVERYONE,
  'GET /meetings/{id}/minutes.html': EVERYONE,
  'GET /proposals': EVERYONE,
  'POST /proposals': EVERYONE,
  'GET /proposals/{id}': EVERYONE,
  'POST /proposals/{id}/draft': ZIN,
  'POST /proposals/{id}/withdrawal': ['VNG', 'ZIN'],
  'POST /proposals/{id}/schedule': ZIN,
  // DESIGN 2.2.9: no drop route any more; the group drops an item by consensus (ZIN records it).
  'POST /proposals/{id}/pause': PROVIDER_ASSOCIATIONS,
  'POST /proposals/{id}/pause/decision': ZIN, // footnote 11: the chair grants or refuses
  'POST /proposals/{id}/consensus': ZIN,
  'POST /proposals/{id}/escalation': ZIN, // art. 7.5: no valid decision, escalated
  'POST /proposals/{id}/vote': ZIN,
  // Each voting party for itself; DESIGN 2.2.5: ZIN (the chair) records a present party's ballot.
  'PUT /proposals/{id}/votes/{party}': [...VOTING_PARTIES, 'ZIN'],
  'POST /proposals/{id}/vote/close': ZIN,
  // footnote 13: ZIN asks an abstaining party to account; each party answers for itself (the use
  // case then refuses a party without an abstention with 404/409/422, never 401/403).
  'POST /proposals/{id}/votes/{party}/accountability': EVERYONE,
  'POST /proposals/{id}/objection': VOTING_PARTIES,
  'POST /proposals/{id}/objection/argumentation': ['CAK'],
  'POST /proposals/{id}/objection/withdrawal': ['CAK'],
  'POST /proposals/{id}/reconsideration/no-decision': ZIN,
  'POST /proposals/{id}/escalation/note': ZIN,
  'POST /proposals/{id}/escalation/note/approval': ['CAK'],
  'POST /proposals/{id}/escalation/ministry-outcome': ZIN,
  'POST /proposals/{id}/escalation/final-decision': [DGLZ],
  'GET /proposals/{id}/history': EVERYONE,
  'GET /decisions': EVERYONE,
  'GET /decisions.csv': EVERYONE,
  'GET /decisions.docx': EVERYONE,
  'GET /deadlines': EVERYONE,
  'GET /deadlines.ics': EVERYONE,
  'GET /release-calendar': EVERYONE,
  'POST /release-calendar': ZIN,
  'GET /executions': ZIN,
  'GET /proposals/{id}/execution': ZIN,
  'GET /openapi.json': EVERYONE,
  'GET /problems': EVERYONE,
  'GET /problems/{slug}': EVERYONE,
  // Each party for itself: its own subscriptions and calendars (the caller's party, never a path's).
  'GET /events': EVERYONE,
  'POST /subscriptions': EVERYONE,
  'GET /subscriptions': EVERYONE,
  'DELETE /subscriptions/{id}': EVERYONE,
  'POST /subscriptions/{id}/redelivery': EVERYONE,
  'POST /calendars': EVERYONE,
  'DELETE /calendars/{id}': EVERYONE,
  // No token: the secret in the URL is the credential (DESIGN 5).
  'GET /calendars/{party}/{file}': EVERYONE,
  'POST /parties/{party}/withdrawal/revocation': EVERYONE, // each for itself (art. 10)
  'GET /covenant': EVERYONE,
  'POST /covenant/changes': ZIN, // art. 9.2: ZIN proposes
  'GET /covenant/changes/{id}': EVERYONE,
  'POST /covenant/changes/{id}/signature': EVERYONE, // every party signs; the use case refuses non-signatories (422)
  'POST /notices': EVERYONE, // art. 12: any member
  'GET /notices': EVERYONE,
  'GET /public/covenant': EVERYONE, // art. 16: no token needed at all
  'GET /public/decisions': EVERYONE,
};

const bodies: Partial<Record<RouteKey, unknown>> = {
  'POST /meetings': { date: '2027-03-17' },
  'PUT /meetings/{id}/attendance': { present: ['ZIN'] },
  'POST /proposals': proposalBody,
  'POST /proposals/{id}/draft': { text: 'x' },
  'POST /proposals/{id}/pause': { reason: 'x' },
  'POST /proposals/{id}/pause/decision': { granted: true },
  'POST /proposals/{id}/consensus': { outcome: 'adopted' },
  'POST /proposals/{id}/escalation': { reason: 'x' },
  'POST /proposals/{id}/votes/{party}/accountability': { question: 'x' },
  'PUT /proposals/{id}/votes/{party}': { choice: 'for' },
  'POST /proposals/{id}/objection': { reason: 'x' },
  'POST /proposals/{id}/objection/argumentation': { arguments: 'x', alternativeProposal: 'y' },
  'POST /proposals/{id}/escalation/note': { motive: 'x', requestedDecision: 'y' },
  'POST /proposals/{id}/escalation/note/approval': { approved: true },
  'POST /proposals/{id}/escalation/ministry-outcome': { outcome: 'adopted' },
  'POST /proposals/{id}/escalation/final-decision': { outcome: 'adopted', rationale: 'x' },
  'POST /subscriptions': { url: 'https://93.184.215.14/hooks' },
  'POST /covenant/changes': { kind: 'addendum', summary: 'x', text: 'y', effectiveDate: '2099-01-01' },
  'POST /notices': { subject: 'x', body: 'y' },
  'POST /release-calendar': {
    standard: 'iWmo',
    version: '3.3',
    implementationDate: '2027-07-01',
    strategyDue: '2027-06-01',
  },
};

const asCaller = (caller: string): As => (caller === DGLZ ? { party: 'VWS', roles: ['dglz'] } : caller);
const partyOf = (caller: string) => (caller === DGLZ ? 'VWS' : caller);

interface World {
  readonly app: TestApp;
  readonly proposalId: string;
  readonly meetingId: string;
}

async function world(): Promise<World> {
  const app = testApp();
  const { proposalId, meetingId } = await objected(app);
  return { app, proposalId, meetingId };
}

const idFor = (path: string, w: World): string => {
  if (path.startsWith('/meetings')) return w.meetingId;
  if (path.startsWith('/subscriptions')) return 's-AAAAAAAAAAAAAAAA';
  if (path.startsWith('/calendars')) return 'c-AAAAAAAAAAAAAAAA';
  return w.proposalId;
};

const paramsFor = (key: RouteKey, w: World, party: string): Record<string, string> => {
  const path = routes[key].path;
  return {
    ...(path.includes('{id}') ? { id: idFor(path, w) } : {}),
    ...(path.includes('{file}') ? { file: `${'a'.repeat(43)}.ics` } : {}),
    ...(path.includes('{party}') ? { party } : {}),
  };
};

function forgetCalls(w: World): void {
  w.app.ddb.resetHistory();
  w.app.sfn.resetHistory();
}

/** Calls the route, recording only this call's AWS commands. */
async function callAs(w: World, key: RouteKey, caller: string, pathParty = partyOf(caller)) {
  forgetCalls(w);
  const response = await w.app.call(key, {
    as: asCaller(caller),
    params: paramsFor(key, w, pathParty),
    ...(bodies[key] === undefined ? {} : { body: bodies[key] }),
  });
  expectAnswer(key, response, response.status);
  return response;
}

function expectNothingWritten(w: World): void {
  expect(w.app.ddb).not.toHaveReceivedCommand(PutCommand);
  expect(w.app.ddb).not.toHaveReceivedCommand(UpdateCommand);
  expect(w.app.ddb).not.toHaveReceivedCommand(DeleteCommand);
  expect(w.app.ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  expect(w.app.sfn.calls()).toHaveLength(0);
}

describe('functions/http authorization matrix', () => {
  it.each(Object.keys(allowed) as RouteKey[])(
    '%s: refuses every caller not allowed with 403, before any write',
    async (key) => {
      const w = await world();
      const ok = allowed[key];
      // Refused callers first: allowed ones may change the proposal's phase.
      const ordered = [...CALLERS].sort((a, b) => Number(ok.includes(a)) - Number(ok.includes(b)));
      for (const caller of ordered) {
        const response = await callAs(w, key, caller);
        if (ok.includes(caller)) {
          expect([401, 403], `${caller} may call ${key}: ${response.text}`).not.toContain(response.status);
        } else {
          expect(response.status, `${caller} must not call ${key}: ${response.text}`).toBe(403);
          expectNothingWritten(w);
        }
      }
    },
  );

  it.each(['POST /parties/{party}/withdrawal'] as const)(
    '%s: refuses every caller acting for another party',
    async (key) => {
      const w = await world();
      for (const caller of CALLERS) {
        const other = partyOf(caller) === 'VNG' ? 'CAK' : 'VNG';
        const response = await callAs(w, key, caller, other);
        expect(response.status, `${caller} for ${other}`).toBe(403);
        expectNothingWritten(w);
      }
    },
  );

  // DESIGN 2.2.5 (ballots recorded in the room), footnote 13 (the chair asks to account): the chair
  // may act for another party; every other caller acts only for itself.
  it.each([
    'PUT /proposals/{id}/votes/{party}',
    'POST /proposals/{id}/votes/{party}/accountability',
  ] as const)('%s: refuses every caller but the chair acting for another party', async (key) => {
    const w = await world();
    for (const caller of CALLERS) {
      const other = partyOf(caller) === 'VNG' ? 'CAK' : 'VNG';
      const response = await callAs(w, key, caller, other);
      if (caller === 'ZIN') {
        expect([401, 403], `ZIN for ${other}: ${response.text}`).not.toContain(response.status);
      } else {
        expect(response.status, `${caller} for ${other}`).toBe(403);
        expectNothingWritten(w);
      }
    }
  });

  // The public routes (the document, a calendar's secret URL, the publication of art. 16) need no token.
  it.each((Object.keys(allowed) as RouteKey[]).filter((k) => routes[k].who.kind !== 'public'))(
    '%s: answers 401 without a token, a party claim, and 403 for a party outside the register',
    async (key) => {
      const w = await world();
      for (const as of [null, { claims: { sub: 'someone' } }] as const) {
        forgetCalls(w);
        const response = await w.app.call(key, { as, params: paramsFor(key, w, 'VNG'), body: bodies[key] });
        expectAnswer(key, response, 401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expectNothingWritten(w);
      }
      const stranger = await callAs(w, key, 'NOPE', 'NOPE');
      expect(stranger.status).toBe(403);
      expectNothingWritten(w);
    },
  );
});
