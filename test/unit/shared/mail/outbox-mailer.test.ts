import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeMessage } from '#shared/mail/index.ts';
import { listOutbox, OutboxMailer } from '#shared/mail/outbox-mailer.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { DecisionStep } from '#statemachines/proposal-lifecycle/notifications.ts';
import { CONTEXT_AT, FROM, headersOf, notifyParamsOf, PROPOSAL, REGISTER, WEB } from './fixtures.ts';

/** A clock that stands still until moved. */
function manualClock(start: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const message = (step: DecisionStep, version = 7) =>
  composeMessage({
    step,
    params: notifyParamsOf(step),
    proposal: PROPOSAL,
    context: CONTEXT_AT[step],
    register: REGISTER,
    from: FROM,
    webBaseUrl: WEB,
    version,
    at: '2027-02-17T11:00:00.000Z',
  });

describe('outbox-mailer', () => {
  let dir: string;
  let clock: ReturnType<typeof manualClock>;
  let mailer: OutboxMailer;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    clock = manualClock('2027-02-17T11:00:00.000Z');
    mailer = new OutboxMailer({ dir, clock });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const emlFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort();

  it('writes each message as an .eml file named by time, proposal and step', async () => {
    await mailer.send(message('decision-taken'));
    const [file] = await emlFiles();
    expect(file).toBe('2027-02-17T11-00-00-000Z-P-2027-001-decision-taken.eml');
    const headers = headersOf(await readFile(join(dir, file ?? ''), 'utf8'));
    expect(headers.get('x-decision-step')).toBe('decision-taken');
    expect(headers.get('message-id')).toBe(
      '<P-2027-001.decision-taken.v7@besluitvorming.istandaarden.local>',
    );
    expect(headers.get('date')).toBe('Wed, 17 Feb 2027 11:00:00 +0000');
  });

  it('writes an .eml a mail client reads: To who must act, Cc the others, text and HTML, display name, List-Id, link', async () => {
    const sent = message('arguments-received');
    await mailer.send(sent);
    const [file] = await emlFiles();
    const parsed = await simpleParser(await readFile(join(dir, file ?? '')));
    const addresses = (field: typeof parsed.to) =>
      [field ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
    expect(addresses(parsed.to)).toEqual(['voorzitter.stuurgroep@zorginstituutnederland.example']);
    expect(addresses(parsed.cc)).toEqual(sent.cc);
    expect(parsed.from?.value).toEqual([{ name: 'Secretariaat Stuurgroep iStandaarden', address: FROM }]);
    expect(parsed.headers.get('list')).toMatchObject({ id: { id: 'besluitvorming.istandaarden.local' } });
    expect(parsed.text).toContain(`${WEB}/proposals/P-2027-001`);
    expect(parsed.html).toContain(`<a href="${WEB}/proposals/P-2027-001">`);
    const [entry] = await listOutbox(dir);
    expect(entry).toMatchObject({ to: sent.to, cc: sent.cc, step: 'arguments-received' });
  });

  it('lists the sent messages oldest first, with recipients, subject, step and file', async () => {
    await mailer.send(message('objection-lodged'));
    clock.advance(60_000);
    await mailer.send(message('arguments-received', 8));
    const listed = await listOutbox(dir);
    expect(listed.map((entry) => [entry.step, entry.at])).toEqual([
      ['objection-lodged', '2027-02-17T11:00:00.000Z'],
      ['arguments-received', '2027-02-17T11:01:00.000Z'],
    ]);
    const [first] = listed;
    expect(first).toMatchObject({
      proposalId: 'P-2027-001',
      messageId: message('objection-lodged').messageId,
      subject: message('objection-lodged').subject,
      file: '2027-02-17T11-00-00-000Z-P-2027-001-objection-lodged.eml',
    });
    expect(first?.to).toEqual(message('objection-lodged').to);
    expect(await emlFiles()).toEqual(listed.map((entry) => entry.file));
  });

  it('writes a Message-ID once, however often and however concurrently it is sent', async () => {
    await Promise.all([1, 2, 3, 4].map(() => mailer.send(message('objection-lodged'))));
    clock.advance(1_000);
    await mailer.send(message('objection-lodged'));
    expect(await emlFiles()).toHaveLength(1);
    expect(await listOutbox(dir)).toHaveLength(1);
  });

  it('keeps two versions of a step sent in the same millisecond apart', async () => {
    await mailer.send(message('reconsideration-overdue', 9));
    await mailer.send(message('reconsideration-overdue', 10));
    expect(await emlFiles()).toEqual([
      '2027-02-17T11-00-00-000Z-P-2027-001-reconsideration-overdue-2.eml',
      '2027-02-17T11-00-00-000Z-P-2027-001-reconsideration-overdue.eml',
    ]);
    expect((await listOutbox(dir)).map((entry) => entry.messageId)).toHaveLength(2);
  });

  it('leaves no temporary files behind', async () => {
    await Promise.all([mailer.send(message('final-decision')), mailer.send(message('final-decision'))]);
    const names = [...(await readdir(dir)), ...(await readdir(join(dir, 'index')))];
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lists an outbox that was never written to as empty', async () => {
    expect(await listOutbox(join(dir, 'not-yet'))).toEqual([]);
  });
});
