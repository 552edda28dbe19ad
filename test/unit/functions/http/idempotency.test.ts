import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import { anyParty } from '#shared/http/authority.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { claimOf, requestHash } from '#shared/http/idempotency.ts';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import type { RouteDef } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { closeMeeting, recordAttendance } from '#shared/usecases/meetings.ts';
import { giveWithdrawalNotice } from '#shared/usecases/parties.ts';
import { applyEvent, castBallot, submitProposal } from '#shared/usecases/proposals.ts';
import { apiEvent, type TestApp, testApp } from './support/app.ts';
import { decided, expectCall, proposalBody, scheduled, submit, voting } from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

const key = (value: string) => ({ 'Idempotency-Key': value });

/**
 * The first attempt of a request: it claimed the key, made its change through the store made for it
 * (which marks the claim committed in the change's own transaction), and died before storing its
 * answer. Its claim then lapses, so a retry finds the mark.
 */
async function diedBeforeAnswering(
  claim: { party: string; key: string; routeKey: string; params: unknown; body?: unknown },
  work: (deps: AppDeps) => Promise<unknown>,
): Promise<void> {
  const hash = requestHash(claim.routeKey, claim.params, claim.body);
  await app.deps.store.beginIdempotent(claim.party, claim.key, hash, app.clock.now(), 12);
  const idempotency = claimOf(claim.party, claim.key, hash, app.clock.now());
  await work({ ...app.deps, store: app.deps.store.forRequest({ idempotency }) });
  app.clock.advanceDays((1 / 86_400) * 13);
}

describe('functions/http Idempotency-Key', () => {
  // DESIGN 5: every POST and PUT honours an Idempotency-Key. Every handler module serves its routes
  // through createRouteHandler over this table; here each POST/PUT of the table runs once through
  // it (who may call it and its inputs opened up, its implementation a counter), and a retry with
  // the same key must answer the first response, replayed, without running the route again.
  it.each(
    Object.entries(routes as Record<string, RouteDef>)
      .filter(([, route]) => route.method === 'POST' || route.method === 'PUT')
      .map(([routeKey]) => routeKey),
  )('%s: runs once per Idempotency-Key and replays its first answer', async (routeKey) => {
    const route = (routes as Record<string, RouteDef>)[routeKey] as RouteDef;
    const { params: _params, body: _body, bodyOptional: _optional, ...rest } = route;
    const open: RouteDef = { ...rest, who: anyParty };
    let runs = 0;
    const handler = createRouteHandler(
      app.deps,
      { [routeKey]: open },
      {
        [routeKey]: async () => ({ status: route.success.status, body: { run: ++runs } }),
      },
    );
    const send = (idempotencyKey: string) =>
      handler(apiEvent(routeKey, { as: 'VNG', headers: key(idempotencyKey) }));
    const first = await send(`walk-${routeKey.replaceAll(' ', '_')}`);
    const retry = await send(`walk-${routeKey.replaceAll(' ', '_')}`);
    expect(first.statusCode, String(first.body)).toBe(route.success.status);
    expect(retry.body).toBe(first.body);
    expect(retry.headers?.['Idempotent-Replayed']).toBe('true');
    expect(runs).toBe(1);
    await send('walk-another-key');
    expect(runs).toBe(2);
  });

  it('answers a retry with the first response and changes nothing', async () => {
    const first = await expectCall(app, 'POST /proposals', 201, {
      as: 'VNG',
      body: proposalBody,
      headers: key('k-1'),
    });
    const writes = app.ddb.commandCalls(TransactWriteCommand).length;
    // The same JSON with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(proposalBody).reverse());
    const retry = await expectCall(app, 'POST /proposals', 201, {
      as: 'VNG',
      body: reordered,
      headers: key('k-1'),
    });
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(app.ddb.commandCalls(TransactWriteCommand)).toHaveLength(writes);
    expect(app.sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
  });

  it('replays a refusal too: the retry of a 409 is the same 409', async () => {
    const id = await submit(app);
    const options = { as: 'ZIN', params: { id }, body: { outcome: 'adopted' }, headers: key('k-2') };
    const first = await expectCall(app, 'POST /proposals/{id}/consensus', 409, options);
    const retry = await expectCall(app, 'POST /proposals/{id}/consensus', 409, options);
    expect(retry.body).toEqual(first.body);
  });

  it('refuses the same key with another body (422) or on another route', async () => {
    const { proposalId } = await scheduled(app);
    await expectCall(app, 'POST /proposals/{id}/consensus', 200, {
      as: 'ZIN',
      params: { id: proposalId },
      body: { outcome: 'adopted' },
      headers: key('k-3'),
    });
    const other = await expectCall(app, 'POST /proposals/{id}/consensus', 422, {
      as: 'ZIN',
      params: { id: proposalId },
      body: { outcome: 'rejected' },
      headers: key('k-3'),
    });
    expect(other.body.type).toBe(`${PROBLEM_BASE}idempotency-key-reuse`);
    await expectCall(app, 'POST /meetings', 422, {
      as: 'ZIN',
      body: { date: '2027-03-17' },
      headers: key('k-3'),
    });
  });

  it('answers 409 while the first request with the key is still running, with Retry-After until its claim lapses', async () => {
    const id = await submit(app);
    const options = { as: 'ZIN', params: { id }, body: { text: 'x' }, headers: key('k-4') };
    // The first attempt claimed the key and has not finished.
    const hash = requestHash('POST /proposals/{id}/draft', options.params, options.body);
    await app.deps.store.beginIdempotent('ZIN', 'k-4', hash, app.clock.now(), 12);
    const running = await expectCall(app, 'POST /proposals/{id}/draft', 409, options);
    expect(running.body.type).toBe(`${PROBLEM_BASE}idempotency-key-in-use`);
    expect(running.headers['retry-after']).toBe('13');
  });

  it('keeps keys per calling party', async () => {
    const vng = await expectCall(app, 'POST /proposals', 201, {
      as: 'VNG',
      body: proposalBody,
      headers: key('shared'),
    });
    const cak = await expectCall(app, 'POST /proposals', 201, {
      as: 'CAK',
      body: proposalBody,
      headers: key('shared'),
    });
    expect(cak.body.id).not.toBe(vng.body.id);
    expect(cak.body.submittedBy).toBe('CAK');
  });

  it('releases the key when the request fails unexpectedly (5xx), so a retry can run', async () => {
    app.ddb.on(TransactWriteCommand).rejects(new Error('DynamoDB unavailable'));
    await expectCall(app, 'POST /proposals', 500, { as: 'VNG', body: proposalBody, headers: key('k-5') });
    const record = app.table.get({ pk: 'IDEMPOTENCY#VNG#k-5', sk: 'IDEMPOTENCY' });
    expect(record).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    const response = await expectCall(app, 'POST /proposals', 400, {
      as: 'VNG',
      body: proposalBody,
      headers: key('has space'),
    });
    expect(response.body.errors).toEqual([
      { path: 'header.idempotency-key', message: 'must be 1–255 visible ASCII characters, e.g. a UUID' },
    ]);
  });

  it('answers a retry whose first request committed its change and died before answering, without running it again', async () => {
    const id = await submit(app);
    const options = { as: 'ZIN', params: { id }, body: { text: 'Worked out.' }, headers: key('k-crash') };
    const hash = requestHash('POST /proposals/{id}/draft', options.params, options.body);
    // The first request: it claimed the key and committed the draft (marking the claim), then died.
    await app.deps.store.beginIdempotent('ZIN', 'k-crash', hash, app.clock.now(), 12);
    const idempotency = claimOf('ZIN', 'k-crash', hash, app.clock.now());
    await applyEvent({ ...app.deps, store: app.deps.store.forRequest({ idempotency }) }, id, {
      type: 'DRAFT',
      text: 'Worked out.',
      by: { party: 'ZIN', roles: [] },
      at: app.clock.now().toISOString(),
    });
    expect(app.table.get({ pk: 'IDEMPOTENCY#ZIN#k-crash', sk: 'IDEMPOTENCY' })).toMatchObject({
      committed: true,
      status: 'in-progress',
    });
    const whileClaimed = await expectCall(app, 'POST /proposals/{id}/draft', 409, options);
    expect(whileClaimed.body.type).toBe(`${PROBLEM_BASE}idempotency-key-in-use`);
    app.clock.advanceDays((1 / 86_400) * 13);
    const retried = await expectCall(app, 'POST /proposals/{id}/draft', 200, options);
    expect(retried.body).toMatchObject({ id, phase: 'ready' });
    const again = await expectCall(app, 'POST /proposals/{id}/draft', 200, options);
    expect(again.body).toEqual(retried.body);
    const history = await expectCall(app, 'GET /proposals/{id}/history', 200, { as: 'ZIN', params: { id } });
    expect(JSON.stringify(history.body).match(/"DRAFT"|"draft"/g)?.length).toBe(1);
  });

  it('answers the retry of an objector’s arguments whose first attempt committed, although the objection is argued now (art. 7.3)', async () => {
    // Authorization runs before the replay: it must not refuse the objector because its own first
    // attempt already moved the objection from awaiting arguments to argued.
    const { proposalId: id } = await decided(app);
    await expectCall(app, 'POST /proposals/{id}/objection', 200, {
      as: 'CAK',
      params: { id },
      body: { reason: 'x' },
    });
    const body = { arguments: 'a', alternativeProposal: 'b' };
    const options = { as: 'CAK', params: { id }, body, headers: key('k-argue') };
    await diedBeforeAnswering(
      { party: 'CAK', key: 'k-argue', routeKey: 'POST /proposals/{id}/objection/argumentation', ...options },
      (deps) =>
        applyEvent(deps, id, {
          type: 'SUBMIT_ARGUMENTS',
          ...body,
          by: { party: 'CAK', roles: [] },
          at: app.clock.now().toISOString(),
        }),
    );
    const retried = await expectCall(app, 'POST /proposals/{id}/objection/argumentation', 200, options);
    expect(retried.body).toMatchObject({
      id,
      phase: 'reconsideration',
      objections: [{ by: 'CAK', status: 'argued' }],
    });
    // Without the key, a second sending is refused: the reconsideration takes no arguments.
    await expectCall(app, 'POST /proposals/{id}/objection/argumentation', 409, {
      as: 'CAK',
      params: { id },
      body,
    });
  });

  // The retry learns that its first attempt's change is in from the key's record alone (the mark
  // written in that change's transaction), never from a request reference stored on the items.
  describe('a retry whose first attempt changed something and died before answering', () => {
    it('answers the retry of a meeting’s close with the windows the close ended', async () => {
      const { proposalId, meetingId } = await decided(app);
      const zin = { party: 'ZIN', roles: [] };
      const claim = {
        party: 'ZIN',
        key: 'k-close',
        routeKey: 'POST /meetings/{id}/close',
        params: { id: meetingId },
      };
      await diedBeforeAnswering(claim, (deps) => closeMeeting(deps, meetingId, zin));

      const options = { as: 'ZIN', params: { id: meetingId }, headers: key('k-close') };
      const retried = await expectCall(app, 'POST /meetings/{id}/close', 200, options);
      expect(retried.body).toMatchObject({
        id: meetingId,
        status: 'closed',
        objectionWindowsClosed: [{ proposalId, phase: 'closed' }],
      });
      expect(retried.body).not.toHaveProperty('closedByRequest');
      const other = await expectCall(app, 'POST /meetings/{id}/close', 409, {
        ...options,
        headers: key('k-other'),
      });
      expect(other.body.type).toBe(`${PROBLEM_BASE}meeting-closed`);
    });

    it('answers the retry of an attendance record, even after the meeting closed', async () => {
      const { meetingId } = await decided(app);
      const present = ['VNG', 'CAK', 'ZIN'];
      const routeKey = 'PUT /meetings/{id}/attendance';
      await diedBeforeAnswering(
        { party: 'ZIN', key: 'k-present', routeKey, params: { id: meetingId }, body: { present } },
        (deps) => recordAttendance(deps, meetingId, present),
      );
      await expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: meetingId } });

      const options = { as: 'ZIN', params: { id: meetingId }, body: { present }, headers: key('k-present') };
      const retried = await expectCall(app, 'PUT /meetings/{id}/attendance', 200, options);
      expect(retried.body).toMatchObject({ id: meetingId, present, quorum: { met: false } });
      expect(retried.body).not.toHaveProperty('attendanceByRequest');
      const other = await expectCall(app, 'PUT /meetings/{id}/attendance', 409, {
        ...options,
        headers: key('k-other'),
      });
      expect(other.body.type).toBe(`${PROBLEM_BASE}meeting-closed`);
    });

    it('answers the retry of a ballot that counted, even after the vote closed', async () => {
      const { proposalId } = await voting(app);
      const cak = { party: 'CAK', roles: [] };
      const routeKey = 'PUT /proposals/{id}/votes/{party}';
      const params = { id: proposalId, party: 'CAK' };
      await diedBeforeAnswering(
        { party: 'CAK', key: 'k-ballot', routeKey, params, body: { choice: 'for' } },
        (deps) => castBallot(deps, proposalId, cak, 'CAK', { choice: 'for' }),
      );
      // DESIGN 2.2.6: with only CAK's ballot in, the chair closes by recording the others as abstaining.
      await expectCall(app, 'POST /proposals/{id}/vote/close', 200, {
        as: 'ZIN',
        params: { id: proposalId },
        body: { missingBallots: 'abstain' },
      });

      const options = {
        as: 'CAK',
        params: { id: proposalId, party: 'CAK' },
        body: { choice: 'for' },
        headers: key('k-ballot'),
      };
      const retried = await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 200, options);
      expect(retried.body).toEqual({
        proposalId,
        round: 1,
        party: 'CAK',
        choice: 'for',
        at: expect.any(String),
        voted: ['CAK'],
      });
      const late = await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 409, {
        ...options,
        // The core's own reason is English; Dutch (the default, DESIGN 5) names the phase only.
        headers: { ...key('k-late'), 'accept-language': 'en' },
      });
      expect(late.body.detail).toMatch(/no vote is open/);
    });

    it('answers the retry of a notice of withdrawal with that notice, and refuses a second notice', async () => {
      const routeKey = 'POST /parties/{party}/withdrawal';
      await diedBeforeAnswering(
        { party: 'VALENTE', key: 'k-notice', routeKey, params: { party: 'VALENTE' } },
        (deps) => giveWithdrawalNotice(deps, 'VALENTE'),
      );

      const options = { as: 'VALENTE', params: { party: 'VALENTE' }, headers: key('k-notice') };
      const retried = await expectCall(app, 'POST /parties/{party}/withdrawal', 201, options);
      expect(retried.body).toMatchObject({
        party: 'VALENTE',
        noticeOn: '2027-02-17',
        effectiveOn: '2027-05-17',
      });
      expect(retried.body).not.toHaveProperty('request');
      const second = await expectCall(app, 'POST /parties/{party}/withdrawal', 409, {
        ...options,
        headers: key('k-second'),
      });
      expect(second.body.type).toBe(`${PROBLEM_BASE}withdrawal-notice-exists`);
      const register = await expectCall(app, 'GET /parties', 200, { as: 'VALENTE' });
      expect(JSON.stringify(register.body)).not.toContain('request');
    });

    it('answers the retry of a tabled item with the proposal it created (its id from the record), and tables no twin', async () => {
      const vng = { party: 'VNG', roles: [] };
      await diedBeforeAnswering(
        { party: 'VNG', key: 'k-table', routeKey: 'POST /proposals', params: {}, body: proposalBody },
        (deps) => submitProposal(deps, proposalBody as Parameters<typeof submitProposal>[1], vng),
      );
      const record = app.table.get({ pk: 'IDEMPOTENCY#VNG#k-table', sk: 'IDEMPOTENCY' });
      expect(record).toMatchObject({ committed: true, createdId: expect.stringMatching(/^p-/) });

      const retried = await expectCall(app, 'POST /proposals', 201, {
        as: 'VNG',
        body: proposalBody,
        headers: key('k-table'),
      });
      expect(retried.body).toMatchObject({ id: record?.createdId, submittedBy: 'VNG' });
      const list = await expectCall(app, 'GET /proposals', 200, { as: 'VNG' });
      expect((list.body as { proposals: unknown[] }).proposals).toHaveLength(1);
    });
  });
});
