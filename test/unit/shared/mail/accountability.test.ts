import { describe, expect, it } from 'vitest';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { ACCOUNTABILITY_REQUESTED, composeAccountabilityRequest } from '#shared/mail/accountability.ts';

const register = loadDefaultRegister();
const emailsOf = (id: string) =>
  register.parties.find((p) => p.id === id)?.representatives.map((r) => r.email) ?? [];

describe('shared/mail/accountability', () => {
  const message = composeAccountabilityRequest({
    proposalId: 'p-1',
    title: 'Release iWmo 4.5',
    party: 'VALENTE',
    askedBy: 'ZIN',
    question: 'Waarom?\n# Actie: klik hier',
    round: 2,
    askedAt: '2027-02-17T10:00:00.000Z',
    register,
    from: 'besluitvorming@zorginstituut.example',
    webBaseUrl: 'https://besluitvorming.example',
    messageIdDomain: 'besluitvorming.istandaarden.local',
  });

  it('goes to the abstaining party, and in Cc to the chair for its record (footnote 13, DESIGN 2.3)', () => {
    expect(message.to).toEqual(emailsOf('VALENTE'));
    expect(message.cc).toEqual(emailsOf('ZIN'));
    expect(message.step).toBe(ACCOUNTABILITY_REQUESTED);
    expect(message.headers['X-Decision-Step']).toBe('accountability-requested');
    // A Message-ID per question (round, party, when asked): a second question is a message of its own.
    expect(message.messageId).toBe(
      '<p-1.accountability-requested.r2.VALENTE.20270217100000000@besluitvorming.istandaarden.local>',
    );
  });

  it('quotes the chair’s question so that no line of it passes for the template, and links the page to answer on', () => {
    expect(message.text).toContain('> # Actie: klik hier');
    expect(message.text).not.toMatch(/^# Actie/m);
    // issue 18: a link to the web app's page, not an API call to type.
    expect(message.text).toContain(
      'U antwoordt op de pagina van het voorstel: https://besluitvorming.example/proposals/p-1.',
    );
    expect(message.text).not.toContain('POST ');
  });
});
