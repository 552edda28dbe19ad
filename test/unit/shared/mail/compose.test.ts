import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  type ComposeInput,
  composeMessage,
  LIST_ID,
  messageIdFor,
  SENDER_NAME,
  StepMismatchError,
} from '#shared/mail/index.ts';
import { toMime } from '#shared/mail/mime.ts';
import type { DecisionStep } from '#statemachines/proposal-lifecycle/notifications.ts';
import { CONTEXT_AT, FROM, headersOf, notifyParamsOf, PROPOSAL, REGISTER, WEB } from './fixtures.ts';

const DATE = new Date('2027-02-17T11:00:05.000Z');

function input(step: DecisionStep, version = 12): ComposeInput {
  return {
    step,
    params: notifyParamsOf(step),
    proposal: PROPOSAL,
    context: CONTEXT_AT[step],
    register: REGISTER,
    from: FROM,
    webBaseUrl: WEB,
    version,
    at: '2027-02-17T11:00:00.000Z',
  };
}

describe('compose', () => {
  it('gives a stable Message-ID per proposal, step and version', () => {
    const first = composeMessage(input('objection-lodged'));
    const again = composeMessage(input('objection-lodged'));
    expect(first.messageId).toBe('<P-2027-001.objection-lodged.v12@besluitvorming.istandaarden.local>');
    expect(again.messageId).toBe(first.messageId);
    expect(composeMessage(input('objection-lapsed')).messageId).not.toBe(first.messageId);
    expect(composeMessage(input('objection-lodged', 13)).messageId).not.toBe(first.messageId);
  });

  it('keeps a proposal id with dots or brackets from breaking the Message-ID', () => {
    expect(messageIdFor('a.b (c)', 'final-decision', 3, 'example.org')).toBe(
      '<a%2Eb%20%28c%29.final-decision.v3@example.org>',
    );
    expect(() => messageIdFor('P', 'final-decision', -1)).toThrow(RangeError);
  });

  it('addresses the DGLZ, informs ZIN, VWS, the objector and the members, and tags the step in headers', () => {
    const message = composeMessage(input('escalated-to-dglz'));
    expect(message.to).toEqual(['dglz@minvws.example']);
    expect(message.cc?.slice(0, 4)).toEqual([
      'secretariaat.stuurgroep@zorginstituutnederland.example',
      'dmo.stuurgroep@minvws.example',
      'jeugd.stuurgroep@minvws.example',
      'stuurgroep@actiz.example',
    ]);
    expect(message.headers).toEqual({
      'X-Decision-Step': 'escalated-to-dglz',
      'X-Proposal-Id': 'P-2027-001',
      'X-Decision-Message-Id': message.messageId,
      'List-Id': LIST_ID,
    });
    expect(message).toMatchObject({
      from: `"${SENDER_NAME}" <${FROM}>`,
      proposalId: 'P-2027-001',
      step: 'escalated-to-dglz',
    });
    expect(message.subject).toContain('Geëscaleerd naar de DGLZ / Escalated to the DGLZ');
  });

  it('refuses notify params of another step', () => {
    const wrong = { ...input('final-decision'), params: notifyParamsOf('decision-taken') };
    expect(() => composeMessage(wrong)).toThrow(StepMismatchError);
  });

  it('writes multipart/alternative with text and HTML, the display name, Cc, List-Id and the link (parsed by mailparser)', async () => {
    const message = composeMessage(input('objection-lodged'));
    const mime = await toMime(message, DATE);
    const parsed = await simpleParser(mime);
    expect(mime.toString('utf8')).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.from?.value).toEqual([{ name: SENDER_NAME, address: FROM }]);
    const addresses = (field: typeof parsed.to) =>
      (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));
    expect(addresses(parsed.to)).toEqual(['stuurgroep@actiz.example']);
    expect(addresses(parsed.cc)).toEqual(message.cc);
    // mailparser gathers the List-* headers (RFC 2369, 2919) under `list`.
    expect(parsed.headers.get('list')).toMatchObject({ id: { id: 'besluitvorming.istandaarden.local' } });
    expect(parsed.headers.get('x-decision-step')).toBe('objection-lodged');
    expect(parsed.headers.get('x-proposal-id')).toBe('P-2027-001');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.date?.toISOString()).toBe(DATE.toISOString());
    const link = 'https://besluitvorming.example/proposals/P-2027-001';
    expect(parsed.text).toContain(`Open het voorstel in de webapplicatie: ${link}`);
    expect(parsed.html).toContain(`<a href="${link}">Open het voorstel in de webapplicatie</a>`);
    expect(parsed.text).toContain('Voorstel: Release iWmo 3.3');
  });

  it('encodes a non-ASCII subject as encoded words, and renders the same bytes twice', async () => {
    const message = { ...composeMessage(input('final-decision')), subject: 'Één besluit — iJw' };
    const mime = await toMime(message, DATE);
    const subject = headersOf(mime.toString('utf8')).get('subject') ?? '';
    expect(subject).toMatch(/^=\?UTF-8\?[QB]\?/i);
    expect(/^[\x20-\x7e]*$/.test(subject)).toBe(true);
    expect((await simpleParser(mime)).subject).toBe('Één besluit — iJw');
    expect((await toMime(message, DATE)).equals(mime)).toBe(true);
  });
});
