import { beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './support/app.ts';
import { decided, expectCall, objected } from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

describe('functions/http/decisions', () => {
  it('keeps the decision register: a decision is in force once its meeting closes', async () => {
    const { proposalId, meetingId } = await decided(app);
    const before = await expectCall(app, 'GET /decisions', 200, { as: 'KBSD' });
    expect(before.body.decisions).toEqual([
      expect.objectContaining({
        proposalId,
        outcome: 'adopted',
        via: 'consensus',
        inForce: false,
        meetingId,
      }),
    ]);
    await expectCall(app, 'POST /meetings/{id}/close', 200, { as: 'ZIN', params: { id: meetingId } });
    const after = await expectCall(app, 'GET /decisions', 200, { as: 'KBSD' });
    expect(after.body.decisions).toEqual([expect.objectContaining({ proposalId, inForce: true })]);
  });
});

describe('functions/http/deadlines', () => {
  it('lists open deadlines and marks them overdue once they pass', async () => {
    const { proposalId } = await objected(app);
    const open = await expectCall(app, 'GET /deadlines', 200, { as: 'VNG' });
    expect(open.body.deadlines).toEqual([
      {
        proposalId,
        title: 'Release iWmo 3.3',
        kind: 'arguments',
        due: '2027-03-31T21:59:59.999Z',
        lastDay: '2027-03-31',
        overdue: false,
        phase: 'awaiting-arguments',
      },
    ]);
    app.clock.advanceDays(43);
    const late = await expectCall(app, 'GET /deadlines', 200, { as: 'VNG' });
    expect(late.body.deadlines[0].overdue).toBe(true);
  });

  it('serves an iCalendar feed with one event per deadline and a stable UID (`GET /deadlines.ics`)', async () => {
    const { proposalId } = await objected(app);
    const feed = await expectCall(app, 'GET /deadlines.ics', 200, { as: 'VNG' });
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(feed.text).toContain(`UID:${proposalId}.arguments@besluitvorming.istandaarden.example`);
    expect(feed.text).toContain('DTSTART;VALUE=DATE:20270331');
    app.clock.advanceDays(1);
    const again = await expectCall(app, 'GET /deadlines.ics', 200, { as: 'VNG' });
    const uid = (text: string) => /UID:(\S+)/.exec(text)?.[1];
    expect(uid(again.text)).toBe(uid(feed.text));
  });

  it('serves an empty calendar when nothing is due', async () => {
    const feed = await expectCall(app, 'GET /deadlines.ics', 200, { as: 'VNG' });
    expect(feed.text).toContain('END:VCALENDAR');
    expect(feed.text).not.toContain('BEGIN:VEVENT');
  });

  // Issue 18 item 4: one media type per operation. `?format=ics` used to answer the feed itself on
  // the JSON operation; it stays for this major version as a documented, deprecated alias that
  // redirects, so an existing subscription keeps working.
  it('redirects the deprecated `?format=ics` to `/deadlines.ics`', async () => {
    const moved = await expectCall(app, 'GET /deadlines', 308, { as: 'VNG', query: { format: 'ics' } });
    expect(moved.headers.location).toBe('/deadlines.ics');
    expect(moved.text).toBe('');
  });
});
