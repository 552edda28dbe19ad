/**
 * Events and webhooks (DESIGN 5, issue 18 item 1), end to end on the local stack: a receiver on
 * loopback subscribes, a lifecycle runs, and every delivery's Standard Webhooks signature is
 * verified with the maintained `standardwebhooks` library, in the order of the audit trail and of
 * GET /events. A receiver that keeps failing gets its event dead-lettered after 24 hours, sees it,
 * and has it redelivered.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  everyone,
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  useLocalStack,
} from './support/index.ts';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface CloudEventBody {
  readonly specversion: string;
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly source: string;
  readonly dataref: string;
  readonly sequence: string;
  readonly datacontenttype: string;
  readonly data: { proposalId: string; version: number; action: string; meetingId?: string };
}

interface SubscriptionBody {
  readonly id: string;
  readonly secret: string;
  readonly deadLetters: { eventId: string; status: string; attempts: number }[];
  readonly failing?: { attempts: number };
}

const stack = useLocalStack();
const api = procedure(stack);

/** A receiver on 127.0.0.1 that records every request; paths under /failing answer 500 while `failing`. */
const receiver = {
  server: undefined as Server | undefined,
  port: 0,
  received: [] as Received[],
  failing: true,
};

beforeAll(async () => {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = request.url ?? '/';
      receiver.received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(path.startsWith('/failing') && receiver.failing ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver.port = typeof address === 'object' && address ? address.port : 0;
  receiver.server = server;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.server?.close(() => resolve()) ?? resolve());
});

const hookUrl = (path: string) => `http://127.0.0.1:${receiver.port}${path}`;

/** Waits (real time: the feed shows an event once it is 5 seconds old) until `done` holds. */
async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  seconds = 40,
): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the receiver got on `path`, verified with the subscription's secret (throws when a signature is wrong). */
function verified(path: string, secret: string): CloudEventBody[] {
  const webhook = new Webhook(secret);
  return receiver.received
    .filter((r) => r.path === path)
    .map((r) => webhook.verify(r.body, r.headers as Record<string, string>) as CloudEventBody);
}

describe('webhooks and the event feed (DESIGN 5)', () => {
  it('delivers every event of a lifecycle to a loopback receiver, signed as Standard Webhooks, in order', async () => {
    const all = expectStatus(
      await stack.as('VNG').post<SubscriptionBody>('/subscriptions', { url: hookUrl('/all') }),
      201,
    );
    expect(all.secret).toMatch(/^whsec_/);
    const objections = expectStatus(
      await stack.as('CAK').post<SubscriptionBody>('/subscriptions', {
        url: hookUrl('/objections'),
        types: ['objection-lodged'],
      }),
      201,
    );

    const { id, meetingId } = await api.decidedByVote({ title: 'Release iWmo 3.3' }, everyone('for'));
    await api.object(id, 'CAK', 'De berichten zijn niet klaar.');
    await api.closeMeeting(meetingId);
    await stack.advanceDays(43); // the objection lapses: the decision is in force
    const history = await api.history(id);
    expect(history).toContain('deadline-passed');

    const delivered = await eventually(
      () => verified('/all', all.secret).filter((e) => e.subject === id),
      (events) => events.length >= history.length,
    );
    expect(delivered.map((e) => e.data.action)).toEqual(history);
    expect(delivered.map((e) => e.data.version)).toEqual(history.map((_, i) => i + 1));
    expect(delivered[0]).toMatchObject({
      specversion: '1.0',
      id: `${id}.1`,
      type: 'nl.zorginstituut.istandaarden.besluitvorming.proposal-submitted',
      subject: id,
      datacontenttype: 'application/json',
      dataref: `${stack.baseUrl}/proposals/${id}`,
    });
    // The steps at the meeting name it, so a system can read the meeting too.
    expect(delivered.find((e) => e.data.action === 'schedule')?.data.meetingId).toBe(meetingId);
    // The meeting's own steps are events of their own, with the meeting as subject, in time order.
    const meetingSteps = verified('/all', all.secret).filter((e) => e.subject === meetingId);
    expect(meetingSteps.map((e) => e.type.split('.').at(-1))).toEqual([
      'meeting-created',
      'attendance-recorded',
      'meeting-closed',
    ]);
    expect(meetingSteps[0]?.dataref).toBe(`${stack.baseUrl}/meetings/${meetingId}`);
    // Each delivery carries its CloudEvent's id as webhook-id, the same on a retry.
    const ids = receiver.received.filter((r) => r.path === '/all').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual(verified('/all', all.secret).map((e) => e.id));
    // A wrong secret does not verify: the signature is really checked.
    expect(() => verified('/all', objections.secret)).toThrow();

    const lodged = await eventually(
      () => verified('/objections', objections.secret),
      (events) => events.length >= 1,
    );
    expect(lodged.map((e) => e.type)).toEqual([
      'nl.zorginstituut.istandaarden.besluitvorming.objection-lodged',
    ]);

    // The feed shows the same events in the same order, a page at a time.
    const feed: CloudEventBody[] = [];
    let after = '';
    for (let page = 0; page < 20; page++) {
      const reply = await stack
        .as('KBSD')
        .get<{ events: CloudEventBody[]; next?: string }>(`/events?limit=5${after ? `&after=${after}` : ''}`);
      const body = expectStatus(reply, 200);
      feed.push(...body.events);
      if (body.events.length < 5 || !body.next) break;
      after = body.next;
    }
    expect(feed.filter((e) => e.subject === id).map((e) => e.id)).toEqual(delivered.map((e) => e.id));
  }, 90_000);

  it('refuses a URL the system will not call, and keeps each party to its own subscriptions', async () => {
    for (const url of [
      'https://10.0.0.7/hook',
      'https://[fd00::1]/hook',
      'http://example.org/hook',
      'ftp://127.0.0.1/',
    ]) {
      const refused = await stack.as('VNG').post<ProblemBody>('/subscriptions', { url });
      expect(expectStatus(refused, 400).type, url).toBe(`${PROBLEM_BASE}invalid-request`);
    }
    const mine = expectStatus(
      await stack.as('GGZ').post<SubscriptionBody>('/subscriptions', { url: hookUrl('/ggz') }),
      201,
    );
    const listed = expectStatus(
      await stack.as('GGZ').get<{ subscriptions: SubscriptionBody[] }>('/subscriptions'),
      200,
    );
    expect(listed.subscriptions.map((s) => s.id)).toEqual([mine.id]);
    expect(JSON.stringify(listed)).not.toContain(mine.secret);
    expect((await stack.as('VNG').delete(`/subscriptions/${mine.id}`)).status).toBe(404);
    expect((await stack.as('GGZ').delete(`/subscriptions/${mine.id}`)).status).toBe(204);
    const after = expectStatus(
      await stack.as('GGZ').get<{ subscriptions: SubscriptionBody[] }>('/subscriptions'),
      200,
    );
    expect(after.subscriptions).toEqual([]);
  });

  it('dead-letters an event after 24 hours of failures, shows it to the party and redelivers it on request', async () => {
    receiver.failing = true;
    const sub = expectStatus(
      await stack.as('ACTIZ').post<SubscriptionBody>('/subscriptions', {
        url: hookUrl('/failing'),
        types: ['proposal-submitted'],
      }),
      201,
    );
    const tabled = await api.table({ title: 'Plan van aanpak iJw', by: 'ACTIZ', standards: ['iJw'] });
    const list = () =>
      stack
        .as('ACTIZ')
        .get<{ subscriptions: SubscriptionBody[] }>('/subscriptions')
        .then((r) => r.body.subscriptions[0]);
    const failing = await eventually(list, (s) => (s?.failing?.attempts ?? 0) >= 1);
    expect(failing?.failing?.attempts).toBeGreaterThanOrEqual(1);

    await stack.advanceDays(2); // more than 24 hours of retries
    const dead = await eventually(list, (s) => (s?.deadLetters.length ?? 0) >= 1);
    expect(dead?.deadLetters).toEqual([
      expect.objectContaining({ eventId: `${tabled.id}.1`, status: 'dead' }),
    ]);
    expect(dead?.failing).toBeUndefined();

    receiver.failing = false;
    const queued = expectStatus(
      await stack.as('ACTIZ').post<{ queued: string[] }>(`/subscriptions/${sub.id}/redelivery`, {}),
      200,
    );
    expect(queued.queued).toEqual([`${tabled.id}.1`]);
    const cleared = await eventually(list, (s) => s?.deadLetters.length === 0);
    expect(cleared?.deadLetters).toEqual([]);
    const last = verified('/failing', sub.secret).at(-1);
    expect(last?.id).toBe(`${tabled.id}.1`);
  }, 90_000);
});
