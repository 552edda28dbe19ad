import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFeed } from '#shared/views/deadlines-calendar.ts';
import { foldByOctets, foldLine } from '#shared/views/ical-fold.ts';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('shared/views/ical-fold', () => {
  it('folds a line of é and emoji at 75 octets, never inside a character (RFC 5545 3.1)', () => {
    const line = `SUMMARY:${'é'.repeat(40)}${'🎉'.repeat(20)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(folded.join('')).not.toContain('\uFFFD');
  });

  it('refolds what was folded by characters, and leaves short lines alone', () => {
    const byCharacters = `DESCRIPTION:${'ë'.repeat(63)}\r\n\t${'ë'.repeat(20)}\r\nEND:VEVENT`;
    const lines = foldByOctets(byCharacters).split('\r\n');
    for (const part of lines) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(lines.at(-1)).toBe('END:VEVENT');
  });

  it('builds a feed of meetings and deadlines with reminders that ical.js reads back whole', () => {
    const title = 'Overleg één — 🎉 iWmo 3.3 met een titel die ruim over de regel heen loopt, echt';
    const ics = calendarFeed(
      {
        deadlines: [
          {
            proposalId: 'p-1',
            kind: 'arguments',
            party: 'CAK',
            due: '2027-03-31T21:59:59.999Z',
            state: 'objection.awaitingArguments',
            title,
          },
        ],
        meetings: [
          {
            id: 'm-1',
            date: '2027-02-17',
            title,
            status: 'open',
            present: [],
            createdAt: '2027-01-01T00:00:00.000Z',
          },
        ],
      },
      'https://api.example',
      new Date('2027-02-17T09:00:00.000Z'),
    );
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    // Dutch by default (DESIGN 5): SUMMARY, DESCRIPTION and the reminders.
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toEqual([
      `Vergadering van de stuurgroep: ${title}`,
      `Termijn (argumenten): ${title}`,
    ]);
    expect(events.map((e) => e.getAllSubcomponents('valarm').length)).toEqual([1, 2]);
    const [, deadline] = events;
    expect(String(deadline?.getFirstPropertyValue('description'))).toContain(
      'anders vervalt het bezwaar. Uiterlijk aan het eind van woensdag 31 maart 2027 (Europe/Amsterdam)',
    );
    expect(
      deadline?.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('description'))),
    ).toEqual([`Over een week: Termijn (argumenten): ${title}`, `Morgen: Termijn (argumenten): ${title}`]);
  });
});
