/**
 * Idempotency-Key and If-Match through the HTTP handlers on a real DynamoDB Local table.
 *
 * A crash between a change's commit and the stored answer (DESIGN 5): the first attempt claims the
 * key and makes its change through the store made for the request, which writes the key record's
 * committed mark, with the id of what it created, in the change's own transaction; then it dies.
 * The retry must answer with what that change made, from the record alone, and make nothing twice.
 * One test per kind of resource a POST creates.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHttpHandlers } from '#functions/http/index.ts';
import { type HandlerModule, routes } from '#functions/http/routes.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { claimOf, requestHash } from '#shared/http/idempotency.ts';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import type { MailerPort, OutgoingMessage } from '#shared/ports/mailer.ts';
import type { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { idempotencyKey } from '#shared/store/keys.ts';
import { TTL_ATTRIBUTE } from '#shared/store/table.ts';
import { proposeChange, signChange } from '#shared/usecases/covenant-changes.ts';
import { postNotice } from '#shared/usecases/covenant-queries.ts';
import { type AppDeps, createAppDeps } from '#shared/usecases/deps.ts';
import { createMeeting } from '#shared/usecases/meetings.ts';
import { giveWithdrawalNotice, revokeWithdrawalNotice } from '#shared/usecases/parties.ts';
import { recordAccountability, submitProposal } from '#shared/usecases/proposals.ts';
import { recordReleaseEntry } from '#shared/usecases/release-calendar.ts';
import { createSubscription, redeliver } from '#shared/usecases/subscriptions.ts';
import { RecordingWorkflow } from '#test/integration/dispatch/support.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import {
  apiEvent,
  BASE_URL,
  type CallOptions,
  type Response,
  START,
  type TestApp,
  TestClock,
} from '#test/unit/functions/http/support/app.ts';
import {
  castAll,
  decided,
  expectCall,
  proposalBody,
  voting,
} from '#test/unit/functions/http/support/scenarios.ts';

const ddb = useDynamoDbLocal();
const key = (value: string) => ({ 'Idempotency-Key': value });
const ZIN = { party: 'ZIN', roles: [] };
const CLAIM_LAPSES = (1 / 86_400) * 13;
/** A covenant change (art. 9.2) the tests propose. */
const ADDENDUM = {
  kind: 'addendum',
  summary: 'Addendum on meeting dates',
  text: 'The steering group meets monthly.',
  effectiveDate: '2027-06-01',
} as Parameters<typeof proposeChange>[1];

/** Records the workflow's calls; administrators' reads find no executions (none run here). */
class LocalWorkflow extends RecordingWorkflow {
  async listExecutions() {
    return [];
  }
  async proposalExecution() {
    return undefined;
  }
}

/**
 * Counts what it is asked to send, as SES would deliver it: every call is a delivery (SES does not
 * recognise a Message-ID it sent before). `failing` makes the next sends throw, as a crash would.
 */
class CountingMailer implements MailerPort {
  readonly sent: OutgoingMessage[] = [];
  failing = false;
  async send(message: OutgoingMessage): Promise<void> {
    if (this.failing) throw new Error('crashed before the e-mail went out');
    this.sent.push(message);
  }
  /** How often an e-mail of `step` went out. */
  count(step: string): number {
    return this.sent.filter((m) => m.step === step).length;
  }
}

interface LocalApp {
  readonly deps: AppDeps;
  readonly store: DynamoDbStore;
  readonly clock: TestClock;
  readonly mailer: CountingMailer;
  call(routeKey: string, options?: CallOptions): Promise<Response>;
}

/** The API's handlers on a fresh table, as testApp builds them, with the real store instead of a fake. */
async function localApp(): Promise<LocalApp> {
  const { store, tableName } = await ddb.freshStore();
  table = tableName;
  const clock = new TestClock(START);
  const mailer = new CountingMailer();
  const deps = createAppDeps({
    store,
    workflow: new LocalWorkflow(),
    clock,
    register: loadDefaultRegister(),
    logger: new Logger({ serviceName: 'besluitvorming-test', logLevel: 'SILENT' }),
    apiBaseUrl: BASE_URL,
    mail: { mailer, from: 'stuurgroep@besluitvorming.example', messageIdDomain: 'besluitvorming.example' },
  });
  const handlers = createHttpHandlers(deps);
  const call = async (routeKey: string, options: CallOptions = {}) => {
    const module = (routes as Record<string, { handler: HandlerModule }>)[routeKey]?.handler ?? 'proposals';
    const result = await handlers[module](apiEvent(routeKey, options));
    const text = result.body ?? '';
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const json = (headers['content-type'] ?? '').includes('json');
    return { status: result.statusCode ?? 200, headers, text, body: json && text ? JSON.parse(text) : text };
  };
  return { deps, store, clock, mailer, call };
}

let app: LocalApp;
let table: string;

/** The TTL attribute of the key's record as stored (epoch seconds). */
async function expiresAtOf(party: string, key: string): Promise<unknown> {
  const { Item } = await ddb.documentClient.send(
    new GetCommand({ TableName: table, Key: idempotencyKey(party, key), ConsistentRead: true }),
  );
  return Item?.[TTL_ATTRIBUTE];
}
/** The scenario helpers call the API only through `call`. */
const asTestApp = () => app as unknown as TestApp;
beforeEach(async () => {
  app = await localApp();
});

/**
 * The first attempt of `routeKey` with `idempotencyKey`: claims the key, runs `work` on the store
 * made for the request (whose writes carry the mark), and dies before storing its answer. Returns
 * the id the record keeps for what the change created.
 */
async function diedBeforeAnswering(
  claim: { party: string; key: string; routeKey: string; params?: unknown; body?: unknown },
  work: (deps: AppDeps) => Promise<unknown>,
): Promise<string | undefined> {
  const hash = requestHash(claim.routeKey, claim.params ?? {}, claim.body);
  await app.store.beginIdempotent(claim.party, claim.key, hash, app.clock.now(), 12);
  const idempotency = claimOf(claim.party, claim.key, hash, app.clock.now());
  await work({ ...app.deps, store: app.store.forRequest({ idempotency }) });
  // The committed record outlives the claim's few seconds: the table's TTL keeps it as long as an
  // answer would be kept, so a retry days later still resumes instead of running twice.
  expect(await expiresAtOf(claim.party, claim.key)).toBe(idempotency.keptUntil);
  app.clock.advanceDays(CLAIM_LAPSES);
  const begun = await app.store.beginIdempotent(claim.party, claim.key, hash, app.clock.now(), 12);
  expect(begun.status).toBe('committed');
  return begun.status === 'committed' ? begun.createdId : undefined;
}

describe('functions/http Idempotency-Key on DynamoDB Local: a retry after a crash between commit and answer', () => {
  it('POST /proposals: answers with the proposal the first attempt tabled, and tables no twin', async () => {
    const body = proposalBody as Parameters<typeof submitProposal>[1];
    const created = await diedBeforeAnswering(
      { party: 'VNG', key: 'k-proposal', routeKey: 'POST /proposals', body },
      (deps) => submitProposal(deps, body, { party: 'VNG', roles: [] }),
    );
    expect(created).toMatch(/^p-/);
    const retried = await expectCall(asTestApp(), 'POST /proposals', 201, {
      as: 'VNG',
      body,
      headers: key('k-proposal'),
    });
    expect(retried.body).toMatchObject({ id: created, submittedBy: 'VNG' });
    const replayed = await expectCall(asTestApp(), 'POST /proposals', 201, {
      as: 'VNG',
      body,
      headers: key('k-proposal'),
    });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect(await app.store.listProposals()).toHaveLength(1);
  });

  it('POST /meetings: answers with the meeting the first attempt created, and creates no twin', async () => {
    const body = { date: '2027-03-17', title: 'Stuurgroep maart' };
    const created = await diedBeforeAnswering(
      { party: 'ZIN', key: 'k-meeting', routeKey: 'POST /meetings', body },
      (deps) => createMeeting(deps, body),
    );
    const retried = await expectCall(asTestApp(), 'POST /meetings', 201, {
      as: 'ZIN',
      body,
      headers: key('k-meeting'),
    });
    expect(retried.body).toMatchObject({ id: created, date: '2027-03-17', title: 'Stuurgroep maart' });
    expect(await app.store.listMeetings()).toHaveLength(1);
  });

  it('POST /covenant/changes: answers with the change the first attempt proposed, and proposes no twin', async () => {
    const body = ADDENDUM;
    const created = await diedBeforeAnswering(
      { party: 'ZIN', key: 'k-change', routeKey: 'POST /covenant/changes', body },
      (deps) => proposeChange(deps, body, ZIN),
    );
    const retried = await expectCall(asTestApp(), 'POST /covenant/changes', 201, {
      as: 'ZIN',
      body,
      headers: key('k-change'),
    });
    expect(retried.body).toMatchObject({ id: created, summary: 'Addendum on meeting dates' });
    expect(await app.store.covenant.listCovenantChanges()).toHaveLength(1);
  });

  it('POST /notices: answers with the notice the first attempt posted, and posts no twin', async () => {
    const body = { subject: 'Overmacht', body: 'Our systems are down this week.' };
    const created = await diedBeforeAnswering(
      { party: 'VNG', key: 'k-notice', routeKey: 'POST /notices', body },
      (deps) => postNotice(deps, body, { party: 'VNG', roles: [] }),
    );
    const retried = await expectCall(asTestApp(), 'POST /notices', 201, {
      as: 'VNG',
      body,
      headers: key('k-notice'),
    });
    expect(retried.body).toMatchObject({ id: created, subject: 'Overmacht' });
    expect(await app.store.covenant.listCovenantNotices()).toHaveLength(1);
  });

  it('POST /subscriptions: answers with the subscription and its secret, and subscribes no twin', async () => {
    const body = { url: 'https://hooks.vng.example/besluitvorming' };
    let first: { secret?: string } = {};
    const created = await diedBeforeAnswering(
      { party: 'VNG', key: 'k-subscription', routeKey: 'POST /subscriptions', body },
      async (deps) => {
        first = await createSubscription(deps, { party: 'VNG', roles: [] }, body);
      },
    );
    const retried = await expectCall(asTestApp(), 'POST /subscriptions', 201, {
      as: 'VNG',
      body,
      headers: key('k-subscription'),
    });
    expect(retried.body).toMatchObject({ id: created, secret: first.secret });
    expect(await app.store.listSubscriptions('VNG')).toHaveLength(1);
  });

  it('POST /calendars: revokes the URL the first attempt made and never showed, and answers with a new one', async () => {
    const created = await diedBeforeAnswering(
      { party: 'VNG', key: 'k-calendar', routeKey: 'POST /calendars' },
      async (deps) => {
        const { createCalendar } = await import('#shared/usecases/calendars.ts');
        await createCalendar(deps, { party: 'VNG', roles: [] });
      },
    );
    const retried = await expectCall(asTestApp(), 'POST /calendars', 201, {
      as: 'VNG',
      headers: key('k-calendar'),
    });
    const calendars = await app.store.listCalendars('VNG');
    expect(calendars.map((c) => c.id)).toEqual([retried.body.id]);
    expect(retried.body.id).not.toBe(created);
  });

  it('POST /release-calendar: answers with the entry the first attempt recorded', async () => {
    const body = {
      standard: 'iWmo',
      version: '3.3',
      implementationDate: '2027-07-01',
      strategyDue: '2027-06-01',
    } as Parameters<typeof recordReleaseEntry>[1];
    await diedBeforeAnswering(
      { party: 'ZIN', key: 'k-release', routeKey: 'POST /release-calendar', body },
      (deps) => recordReleaseEntry(deps, body, ZIN),
    );
    const retried = await expectCall(asTestApp(), 'POST /release-calendar', 201, {
      as: 'ZIN',
      body,
      headers: key('k-release'),
    });
    expect(retried.body).toMatchObject({ standard: 'iWmo', version: '3.3', recordedBy: 'ZIN' });
  });

  it('POST /parties/{party}/withdrawal: answers with the notice the first attempt gave, and schedules its effect', async () => {
    const params = { party: 'VALENTE' };
    await diedBeforeAnswering(
      { party: 'VALENTE', key: 'k-withdrawal', routeKey: 'POST /parties/{party}/withdrawal', params },
      (deps) => giveWithdrawalNotice(deps, 'VALENTE'),
    );
    const retried = await expectCall(asTestApp(), 'POST /parties/{party}/withdrawal', 201, {
      as: 'VALENTE',
      params,
      headers: key('k-withdrawal'),
    });
    expect(retried.body).toMatchObject({
      party: 'VALENTE',
      noticeOn: '2027-02-17',
      effectiveOn: '2027-05-17',
    });
    expect(await app.store.covenant.listPendingDatedEffects()).toEqual([
      expect.objectContaining({ kind: 'withdrawal', ref: 'VALENTE' }),
    ]);
  });

  it('keeps a refused change from marking the record: the retry runs again', async () => {
    const hash = requestHash('POST /meetings', {}, { date: '2027-03-17' });
    await app.store.beginIdempotent('ZIN', 'k-refused', hash, app.clock.now(), 12);
    const store = app.store.forRequest({ idempotency: claimOf('ZIN', 'k-refused', hash, app.clock.now()) });
    const meeting = {
      id: 'm-taken',
      date: '2027-03-17',
      status: 'open',
      present: [],
      createdAt: START,
    } as const;
    await app.store.putMeeting(meeting);
    await expect(store.putMeeting(meeting)).rejects.toThrow();
    app.clock.advanceDays(CLAIM_LAPSES);
    expect(await app.store.beginIdempotent('ZIN', 'k-refused', hash, app.clock.now(), 12)).toEqual({
      status: 'new',
    });
  });
});

describe('functions/http Idempotency-Key on DynamoDB Local: a resumed request finishes what its first attempt did not, and nothing twice', () => {
  it('POST /parties/{party}/withdrawal/revocation: answers with the revoked notice (not 409: the notice is gone)', async () => {
    await giveWithdrawalNotice(app.deps, 'VALENTE');
    const params = { party: 'VALENTE' };
    await diedBeforeAnswering(
      {
        party: 'VALENTE',
        key: 'k-revocation',
        routeKey: 'POST /parties/{party}/withdrawal/revocation',
        params,
      },
      (deps) => revokeWithdrawalNotice(deps, 'VALENTE'),
    );
    const retried = await expectCall(asTestApp(), 'POST /parties/{party}/withdrawal/revocation', 200, {
      as: 'VALENTE',
      params,
      headers: key('k-revocation'),
    });
    expect(retried.body).toEqual({ party: 'VALENTE', noticeOn: '2027-02-17', revoked: true });
    expect(await app.store.listWithdrawalNotices()).toEqual([]);
    expect(await app.store.covenant.listPendingDatedEffects()).toEqual([]);
  });

  it('POST /subscriptions/{id}/redelivery: marks its key with its write, answers what it queued, and queues nothing again', async () => {
    const vng = { party: 'VNG', roles: [] };
    const { id } = await createSubscription(app.deps, vng, {
      url: 'https://hooks.vng.example/besluitvorming',
    });
    const letter = (n: number) =>
      ({
        subscriptionId: id,
        party: 'VNG',
        eventId: `e-${n}`,
        position: `2027-02-1${n}T09:00:00.000Z#p-1#000000000${n}`,
        body: `{"id":"e-${n}"}`,
        failedAt: START,
        attempts: 9,
        lastError: 'HTTP 503',
        status: 'dead',
      }) as const;
    await app.store.putDeadLetter(letter(1));
    await app.store.putDeadLetter(letter(2));
    const params = { id };
    await diedBeforeAnswering(
      {
        party: 'VNG',
        key: 'k-redelivery',
        routeKey: 'POST /subscriptions/{id}/redelivery',
        params,
        body: {},
      },
      (deps) => redeliver(deps, vng, id),
    );
    // Before the retry the delivery worker sent both again: e-1 arrived, e-2 failed and is dead again.
    await app.store.deleteDeadLetter('VNG', id, letter(1).position);
    await app.store.putDeadLetter({ ...letter(2), attempts: 10 });
    const retried = await expectCall(asTestApp(), 'POST /subscriptions/{id}/redelivery', 200, {
      as: 'VNG',
      params,
      body: {},
      headers: key('k-redelivery'),
    });
    expect(retried.body).toEqual({ queued: ['e-1', 'e-2'] });
    // The party asked once: the letter that failed again is not queued a second time.
    expect((await app.store.listDeadLetters('VNG', id)).map((l) => [l.eventId, l.status])).toEqual([
      ['e-2', 'dead'],
    ]);
  });

  it('POST /notices: e-mails the notice once when the first attempt mailed it before dying', async () => {
    const body = { subject: 'Overmacht', body: 'Our systems are down this week.' };
    const vng = { party: 'VNG', roles: [] };
    await diedBeforeAnswering(
      { party: 'VNG', key: 'k-notice-mailed', routeKey: 'POST /notices', body },
      (deps) => postNotice(deps, body, vng),
    );
    expect(app.mailer.count('notice-posted')).toBe(1);
    await expectCall(asTestApp(), 'POST /notices', 201, { as: 'VNG', body, headers: key('k-notice-mailed') });
    expect(app.mailer.count('notice-posted')).toBe(1);
  });

  it('POST /notices: e-mails the notice when the first attempt died before mailing it', async () => {
    const body = { subject: 'Overmacht', body: 'Our systems are down this week.' };
    const vng = { party: 'VNG', roles: [] };
    await diedBeforeAnswering(
      { party: 'VNG', key: 'k-notice-unmailed', routeKey: 'POST /notices', body },
      async (deps) => {
        app.mailer.failing = true;
        await expect(postNotice(deps, body, vng)).rejects.toThrow('crashed');
        app.mailer.failing = false;
      },
    );
    expect(app.mailer.count('notice-posted')).toBe(0);
    await expectCall(asTestApp(), 'POST /notices', 201, {
      as: 'VNG',
      body,
      headers: key('k-notice-unmailed'),
    });
    expect(app.mailer.count('notice-posted')).toBe(1);
  });

  it('POST /covenant/changes: e-mails the change to sign once', async () => {
    const body = ADDENDUM;
    await diedBeforeAnswering(
      { party: 'ZIN', key: 'k-change-mailed', routeKey: 'POST /covenant/changes', body },
      (deps) => proposeChange(deps, body, ZIN),
    );
    await expectCall(asTestApp(), 'POST /covenant/changes', 201, {
      as: 'ZIN',
      body,
      headers: key('k-change-mailed'),
    });
    expect(app.mailer.count('covenant-change-proposed')).toBe(1);
  });

  it('POST /parties/{party}/withdrawal: e-mails the notice of withdrawal once', async () => {
    const params = { party: 'VALENTE' };
    await diedBeforeAnswering(
      { party: 'VALENTE', key: 'k-withdrawal-mailed', routeKey: 'POST /parties/{party}/withdrawal', params },
      (deps) => giveWithdrawalNotice(deps, 'VALENTE'),
    );
    await expectCall(asTestApp(), 'POST /parties/{party}/withdrawal', 201, {
      as: 'VALENTE',
      params,
      headers: key('k-withdrawal-mailed'),
    });
    expect(app.mailer.count('withdrawal-noticed')).toBe(1);
  });

  it('POST /covenant/changes/{id}/signature: the last signature, committed before the change was scheduled, schedules it on the retry', async () => {
    const body = ADDENDUM;
    const { change } = await proposeChange(app.deps, body, ZIN);
    const [last, ...others] = change.signatories;
    for (const party of others) await signChange(app.deps, change.id, party);
    const params = { id: change.id };
    const routeKey = 'POST /covenant/changes/{id}/signature';
    // The first attempt's signature committed; it died before scheduling the change (art. 9.2).
    await diedBeforeAnswering({ party: String(last), key: 'k-signature', routeKey, params }, (deps) =>
      deps.store.covenant.addChangeSignature({ changeId: change.id, party: String(last), at: START }),
    );
    const retried = await expectCall(asTestApp(), routeKey, 200, {
      as: String(last),
      params,
      headers: key('k-signature'),
    });
    expect(retried.body).toMatchObject({ id: change.id, status: 'signed', missing: [] });
    expect(await app.store.covenant.listPendingDatedEffects()).toContainEqual(
      expect.objectContaining({ kind: 'change', ref: change.id, dueOn: '2027-06-01' }),
    );
  });

  it('POST /proposals/{id}/votes/{party}/accountability: asks once, e-mails once, answers with the first question', async () => {
    const { proposalId: id } = await voting(asTestApp());
    await castAll(asTestApp(), id, { VALENTE: 'abstain' });
    const params = { id, party: 'VALENTE' };
    const body = { question: 'Why did VALENTE abstain?' };
    await diedBeforeAnswering(
      {
        party: 'ZIN',
        key: 'k-accountability',
        routeKey: 'POST /proposals/{id}/votes/{party}/accountability',
        params,
        body,
      },
      (deps) => recordAccountability(deps, id, 'VALENTE', ZIN, body),
    );
    expect(app.mailer.count('accountability-requested')).toBe(1);
    const retried = await expectCall(asTestApp(), 'POST /proposals/{id}/votes/{party}/accountability', 200, {
      as: 'ZIN',
      params,
      body,
      headers: key('k-accountability'),
    });
    // The question as the first attempt asked it, at its time: the retry asks nothing again.
    expect(retried.body.accountability).toEqual({ question: body.question, askedAt: START, askedBy: 'ZIN' });
    expect(app.mailer.count('accountability-requested')).toBe(1);
  });
});

describe('functions/http If-Match on DynamoDB Local', () => {
  it('lets exactly one of two changes made with the same If-Match land; the other answers 412 (no lost update)', async () => {
    const { proposalId: id } = await decided(asTestApp());
    // Two Ketenpartijen read the proposal at the same version (each its own representation: it
    // says what that party may do), then object at the same moment with that If-Match (art. 7.1:
    // several parties may object; each objection moves the proposal to a new version).
    const tagOf = async (party: string) =>
      (await expectCall(asTestApp(), 'GET /proposals/{id}', 200, { as: party, params: { id } })).headers
        .etag ?? '';
    const tags = { CAK: await tagOf('CAK'), VNG: await tagOf('VNG') };
    const [cak, vng] = await Promise.all(
      (['CAK', 'VNG'] as const).map((party) =>
        app.call('POST /proposals/{id}/objection', {
          as: party,
          params: { id },
          body: { reason: `${party} objects` },
          headers: { 'If-Match': tags[party] },
        }),
      ),
    );
    expect([cak?.status, vng?.status].sort()).toEqual([200, 412]);
    const refused = cak?.status === 412 ? cak : vng;
    expect(refused?.body.type).toBe(`${PROBLEM_BASE}precondition-failed`);
    const after = await expectCall(asTestApp(), 'GET /proposals/{id}', 200, { as: 'ZIN', params: { id } });
    expect(after.body.objections).toHaveLength(1);
    // The refusal names the tag the refused party would read now.
    expect(refused?.body.current).toBe(await tagOf(refused === cak ? 'CAK' : 'VNG'));
  });
});
