import { describe, expect, it } from 'vitest';
import {
  type ComposeInput,
  composeMessage,
  messageIdFor,
  StepMismatchError,
  toMime,
} from '#shared/mail/index.ts';
import type { DecisionStep } from '#statemachines/proposal-lifecycle/notifications.ts';
import { API, CONTEXT_AT, FROM, headersOf, notifyParamsOf, PROPOSAL, REGISTER } from './fixtures.ts';

const DATE = new Date('2027-02-17T11:00:05.000Z');

function input(step: DecisionStep, version = 12): ComposeInput {
  return {
    step,
    params: notifyParamsOf(step),
    proposal: PROPOSAL,
    context: CONTEXT_AT[step],
    register: REGISTER,
    from: FROM,
    apiBaseUrl: API,
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

  it('addresses the resolved recipients and tags the step and proposal in headers', () => {
    const message = composeMessage(input('escalated-to-dglz'));
    expect(message.to[0]).toBe('dmo.stuurgroep@minvws.example');
    expect(message.to).toContain('stuurgroep@actiz.example');
    expect(message.headers).toEqual({
      'X-Decision-Step': 'escalated-to-dglz',
      'X-Proposal-Id': 'P-2027-001',
      'X-Decision-Message-Id': message.messageId,
    });
    expect(message).toMatchObject({ from: FROM, proposalId: 'P-2027-001', step: 'escalated-to-dglz' });
    expect(message.subject).toContain('Geëscaleerd naar de DGLZ / Escalated to the DGLZ');
  });

  it('refuses notify params of another step', () => {
    const wrong = { ...input('final-decision'), params: notifyParamsOf('decision-taken') };
    expect(() => composeMessage(wrong)).toThrow(StepMismatchError);
  });

  it('renders RFC 5322 text with the stable Message-ID, the given Date and the step header', async () => {
    const message = composeMessage(input('objection-lodged'));
    const mime = (await toMime(message, DATE)).toString('utf8');
    const headers = headersOf(mime);
    expect(headers.get('message-id')).toBe(message.messageId);
    expect(headers.get('date')).toBe('Wed, 17 Feb 2027 11:00:05 +0000');
    expect(headers.get('x-decision-step')).toBe('objection-lodged');
    expect(headers.get('x-proposal-id')).toBe('P-2027-001');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(headers.get('to')?.split(', ')).toEqual(message.to);
    expect(mime).toContain('\r\n\r\nVoorstel: Release iWmo 3.3\r\n');
    expect(mime.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('encodes a non-ASCII subject as encoded words, and renders the same bytes twice', async () => {
    const message = { ...composeMessage(input('final-decision')), subject: 'Één besluit — iJw' };
    const mime = await toMime(message, DATE);
    const subject = headersOf(mime.toString('utf8')).get('subject') ?? '';
    expect(subject).toMatch(/^=\?UTF-8\?[QB]\?/i);
    expect(/^[\x20-\x7e]*$/.test(subject)).toBe(true);
    expect((await toMime(message, DATE)).equals(mime)).toBe(true);
  });
});
