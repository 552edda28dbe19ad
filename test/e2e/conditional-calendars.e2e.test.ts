/**
 * Conditional requests and subscribable calendars (DESIGN 5, issue 18 items 2 and 3), end to end on
 * the local stack. ETag / If-None-Match → 304, If-Match → 412 on a stale view; a party's secret
 * calendar URL answers without a token, holds meetings and deadlines with reminders, folds its lines
 * by octets, parses with ical.js, and answers 404 once revoked.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  everyone,
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  send,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

describe('conditional requests (RFC 9110 13)', () => {
  it('tags every GET, answers 304 to a current If-None-Match and 412 to a stale If-Match, changing nothing', async () => {
    const { id, meetingId } = await api.decidedByVote({ title: 'Release iWmo 3.4' }, everyone('for'));
    await api.object(id, 'CAK', 'De berichten zijn niet klaar.');
    await api.closeMeeting(meetingId);

    const path = `/proposals/${id}`;
    const read = await stack.as('CAK').get(path);
    const tag = read.headers.get('etag');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');
    const unchanged = await stack.as('CAK').getWith(path, { 'If-None-Match': String(tag) });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.get('etag')).toBe(tag);

    const argue = { arguments: 'Te weinig tijd.', alternativeProposal: 'Een half jaar later.' };
    const stale = await stack
      .as('CAK')
      .post<ProblemBody>(`${path}/objection/argumentation`, argue, { 'If-Match': '"an-older-version"' });
    expect(expectStatus(stale, 412).type).toBe(`${PROBLEM_BASE}precondition-failed`);
    expect(await api.history(id)).not.toContain('submit-arguments');

    const current = await stack
      .as('CAK')
      .post(`${path}/objection/argumentation`, argue, { 'If-Match': String(tag) });
    expectStatus(current, 200);
    const changed = await stack.as('CAK').getWith(path, { 'If-None-Match': String(tag) });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('honours If-Match on a meeting: the attendance recorded on a view that is no longer current is refused', async () => {
    const meeting = await api.createMeeting('Stuurgroep: aanwezigheid');
    const path = `/meetings/${meeting.id}`;
    const tag = String((await stack.as('ZIN').get(path)).headers.get('etag'));
    const first = await stack
      .as('ZIN')
      .put(`${path}/attendance`, { present: ['ZIN', 'VNG'] }, { 'If-Match': tag });
    expectStatus(first, 200);
    const second = await stack
      .as('ZIN')
      .put<ProblemBody>(`${path}/attendance`, { present: ['ZIN'] }, { 'If-Match': tag });
    expect(expectStatus(second, 412).type).toBe(`${PROBLEM_BASE}precondition-failed`);
    const now = await stack.as('ZIN').get<{ present: string[] }>(path);
    expect(JSON.stringify(now.body)).toContain('VNG');
  });
});

describe('subscribable calendars', () => {
  it('serves a party its meetings and deadlines with reminders at a secret URL without a token, until revoked', async () => {
    const title = 'Vergadering over één release — iWmo 3.5 🎉🎉 met een titel die langer is dan een regel';
    const { id, meetingId } = await api.decidedByVote({ title: 'Release iWmo 3.5' }, everyone('for'));
    await api.object(id, 'CAK', 'Niet haalbaar.');
    await api.closeMeeting(meetingId);
    const planned = await api.createMeeting(title);

    const created = expectStatus(
      await stack.as('VNG').post<{ id: string; url: string }>('/calendars', {}),
      201,
    );
    expect(created.url).toMatch(new RegExp(`^${stack.baseUrl}/calendars/VNG/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await send<string>(created.url, 'GET', '');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);

    // RFC 5545 3.1: no line longer than 75 octets, and é and emoji really were folded.
    const lines = feed.body.split('\r\n');
    expect(lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75)).toEqual([]);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent');
    const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));
    const meeting = byUid.get(`${planned.id}.meeting@besluitvorming.istandaarden.example`);
    // Dutch by default (DESIGN 5): a calendar app sends no Accept-Language that asks for English.
    expect(meeting?.getFirstPropertyValue('summary')).toBe(`Vergadering van de stuurgroep: ${title}`);
    expect(meeting?.getAllSubcomponents('valarm')).toHaveLength(1);
    const deadline = byUid.get(`${id}.arguments@besluitvorming.istandaarden.example`);
    expect(
      deadline?.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    ).toEqual(['-P7D', '-P1D']);

    // Another party's path, or a secret one character off, finds nothing.
    expect((await send(created.url.replace('/VNG/', '/CAK/'), 'GET', '')).status).toBe(404);
    expect(
      (
        await send(
          created.url.replace(/.\.ics$/, (m) => `${m[0] === 'A' ? 'B' : 'A'}.ics`),
          'GET',
          '',
        )
      ).status,
    ).toBe(404);

    expect((await stack.as('CAK').delete(`/calendars/${created.id}`)).status).toBe(404);
    expect((await stack.as('VNG').delete(`/calendars/${created.id}`)).status).toBe(204);
    const revoked = await send<ProblemBody>(created.url, 'GET', '');
    expect(expectStatus(revoked, 404).type).toBe(`${PROBLEM_BASE}calendar-not-found`);
  });
});
