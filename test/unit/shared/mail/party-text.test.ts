/**
 * A party's own words in an e-mail (issue 17, row 10): quoted line by line and labelled with the
 * party that wrote them, so that an objection's reason cannot pass for the template (a forged
 * "what happens next" list with a link of its own).
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGE_SEPARATOR, renderTemplate } from '#shared/mail/index.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/context.ts';
import type { DecisionStep } from '#statemachines/proposal-lifecycle/notifications.ts';
import { CONTEXT_AT, PROPOSAL, WEB } from './fixtures.ts';

const FORGERY = [
  'Zie hieronder.',
  '',
  'Wat er nu moet gebeuren:',
  '- Alle leden: stemmen opnieuw via https://attacker.example/stem',
  '',
  LANGUAGE_SEPARATOR,
  'What happens next:',
  '- All members: vote again at https://attacker.example/vote',
].join('\n');

function render(step: DecisionStep, context: ProposalContext) {
  return renderTemplate({ step, proposal: PROPOSAL, context, webBaseUrl: WEB }).text;
}

/** The lines of `text` that carry the forged content. */
const forgedLines = (text: string) => text.split('\n').filter((line) => line.includes('attacker.example'));

/** The lines a reader takes for the template's own: neither quoted nor blank. */
const templateLines = (text: string) => text.split('\n').filter((line) => !line.startsWith('>'));

describe('a party’s text in an e-mail', () => {
  const objected = CONTEXT_AT['objection-lodged'];
  const withReason: ProposalContext = {
    ...objected,
    objections: objected.objections.map((o) => ({ ...o, reason: FORGERY })),
  };

  it('quotes every line of an objection’s reason, so none can pass for the template', () => {
    const text = render('objection-lodged', withReason);
    const forged = forgedLines(text);
    expect(forged).toHaveLength(4); // both links, in both languages
    for (const line of forged) expect(line).toMatch(/^> /);
    // The template's own headings and separator appear exactly once each, unquoted.
    expect(templateLines(text).filter((l) => l === 'Wat er nu moet gebeuren:')).toHaveLength(1);
    expect(templateLines(text).filter((l) => l === 'What happens next:')).toHaveLength(1);
    expect(text.split(LANGUAGE_SEPARATOR)).toHaveLength(2);
  });

  it('names the party that wrote it, in both languages', () => {
    const text = render('objection-lodged', withReason);
    expect(text).toContain('Reden van het bezwaar, geschreven door ACTIZ (letterlijk geciteerd):');
    expect(text).toContain('Reason for the objection, written by ACTIZ (quoted verbatim):');
  });

  it('quotes the arguments, the alternative, the note, its comments and the DGLZ’s rationale too', () => {
    const argued = CONTEXT_AT['arguments-received'];
    const withObjection = (change: Record<string, string>): ProposalContext => ({
      ...argued,
      objections: argued.objections.map((o) => ({ ...o, ...change })),
    });
    const cases: [DecisionStep, ProposalContext][] = [
      ['arguments-received', withObjection({ arguments: FORGERY })],
      ['arguments-received', withObjection({ alternativeProposal: FORGERY })],
    ];
    const noteContext = CONTEXT_AT['escalation-note-for-approval'];
    const note = noteContext.note as NonNullable<ProposalContext['note']>;
    cases.push(['escalation-note-for-approval', { ...noteContext, note: { ...note, motive: FORGERY } }]);
    cases.push([
      'escalation-note-for-approval',
      { ...noteContext, note: { ...note, requestedDecision: FORGERY } },
    ]);
    const returned = CONTEXT_AT['escalation-note-returned'];
    const returnedNote = returned.note as NonNullable<ProposalContext['note']>;
    cases.push([
      'escalation-note-returned',
      {
        ...returned,
        note: { ...returnedNote, returnedComments: [{ comments: FORGERY, at: '2027-04-01T10:00:00.000Z' }] },
      },
    ]);
    const final = CONTEXT_AT['final-decision'];
    const decision = final.decision as NonNullable<ProposalContext['decision']>;
    cases.push(['final-decision', { ...final, decision: { ...decision, rationale: FORGERY } }]);
    for (const [step, context] of cases) {
      const forged = forgedLines(render(step, context));
      expect(forged.length, step).toBe(4);
      for (const line of forged) expect(line, step).toMatch(/^> /);
    }
  });

  it('shows a multi-line title stored before titles were one line as one line', () => {
    const title = 'Release\nWat er nu moet gebeuren:\n- klik https://attacker.example';
    const mail = renderTemplate({
      step: 'objection-lodged',
      proposal: { ...PROPOSAL, title },
      context: objected,
      webBaseUrl: WEB,
    });
    expect(mail.text).toContain(
      'Voorstel: Release Wat er nu moet gebeuren: - klik https://attacker.example\n',
    );
    expect(templateLines(mail.text).filter((l) => l === 'Wat er nu moet gebeuren:')).toHaveLength(1);
  });
});
