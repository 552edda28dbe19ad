// Issue 18 item 7: every e-mail has an HTML and a text alternative, the covenant's own and footnote
// 13's request included; their HTML is the same paragraphs, escaped, with the web addresses as links.
import { describe, expect, it } from 'vitest';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { composeAccountabilityRequest } from '#shared/mail/accountability.ts';
import { composeCovenantMail } from '#shared/mail/covenant.ts';
import { plainHtml } from '#shared/mail/plain-html.ts';
import { LIST_ID } from '#shared/mail/sender.ts';

describe('shared/mail/plain-html', () => {
  it('writes each paragraph once, Dutch then English, escaped, with its web addresses as links', () => {
    const html = plainHtml(
      'Kennisgeving <1> / Notice <1>',
      ['Eerste regel', 'nog een regel', '', 'Zie https://besluitvorming.example/notices.'],
      ['<script>alert(1)</script>'],
    );
    expect(html).toContain('<title>Kennisgeving &lt;1&gt; / Notice &lt;1&gt;</title>');
    expect(html).toContain('<p style="white-space: pre-wrap">Eerste regel\nnog een regel</p>');
    // The sentence's full stop is not part of the address.
    expect(html).toContain(
      'Zie <a href="https://besluitvorming.example/notices">https://besluitvorming.example/notices</a>.',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html.indexOf('lang="nl"')).toBeLessThan(html.indexOf('<section lang="en">'));
  });

  it('gives the covenant’s e-mails an HTML alternative and the List-Id of every e-mail', () => {
    const message = composeCovenantMail(
      {
        step: 'notice-posted',
        ref: 'n-1',
        subject: { nl: 'Mededeling van CAK', en: 'Notice from CAK' },
        nl: ['CAK meldt dreigende overmacht (art. 12).'],
        en: ['CAK reports threatened force majeure (art. 12).'],
      },
      ['stuurgroep@vng.example'],
      { from: 'besluitvorming@zorginstituut.example', messageIdDomain: 'besluitvorming.istandaarden.local' },
    );
    expect(message.headers['List-Id']).toBe(LIST_ID);
    expect(message.text).toContain('CAK meldt dreigende overmacht (art. 12).');
    expect(message.html).toContain(
      '<p style="white-space: pre-wrap">CAK meldt dreigende overmacht (art. 12).</p>',
    );
    expect(message.html).toContain('CAK reports threatened force majeure (art. 12).');
  });

  it('gives footnote 13’s request an HTML alternative that links the page to answer on', () => {
    const message = composeAccountabilityRequest({
      proposalId: 'p-1',
      title: 'Release iWmo 4.5',
      party: 'VALENTE',
      askedBy: 'ZIN',
      question: 'Waarom <niet>?',
      round: 1,
      askedAt: '2027-02-17T10:00:00.000Z',
      register: loadDefaultRegister(),
      from: 'besluitvorming@zorginstituut.example',
      webBaseUrl: 'https://besluitvorming.example',
      messageIdDomain: 'besluitvorming.istandaarden.local',
    });
    expect(message.html).toContain(
      '<a href="https://besluitvorming.example/proposals/p-1">https://besluitvorming.example/proposals/p-1</a>',
    );
    expect(message.html).toContain('Waarom &lt;niet&gt;?');
  });
});
