import { describe, expect, it } from 'vitest';
import { argumentsDeadline } from '#shared/covenant/index.ts';
import { LANGUAGE_SEPARATOR, renderTemplate } from '#shared/mail/index.ts';
import { type DecisionStep, decisionSteps } from '#statemachines/proposal-lifecycle/notifications.ts';
import {
  ACTIZ_OBJECTION,
  CONTEXT_AT,
  ESCALATED_WITHOUT_OBJECTION,
  PAUSE_GRANTED,
  PROPOSAL,
  WEB,
} from './fixtures.ts';

/** The proposal's page in the web app: every e-mail links it (issue 18: pages, not API calls). */
const page = `${WEB}/proposals/${PROPOSAL.id}`;

interface Expected {
  readonly article: string;
  /** Another page of the web app where the one who must act does it, besides the proposal's own. */
  readonly page?: string;
  /** The deadline's last day in Dutch and English, when the step is about one. */
  readonly deadline?: readonly [string, string];
}

const expected: Record<DecisionStep, Expected> = {
  'decision-taken': { article: '7.2', page: `${WEB}/meetings/M-2027-02` },
  'objection-lodged': {
    article: '7.3',
    deadline: ['woensdag 31 maart 2027, 23:59 uur', 'Wednesday 31 March 2027, 23:59'],
  },
  'objection-lapsed': { article: '7.3' },
  'objection-withdrawn': { article: '7.2' },
  'arguments-received': {
    article: '7.4',
    deadline: ['zaterdag 27 maart 2027, 23:59 uur', 'Saturday 27 March 2027, 23:59'],
  },
  'reconsideration-overdue': {
    article: '7.4',
    deadline: ['zaterdag 27 maart 2027, 23:59 uur', 'Saturday 27 March 2027, 23:59'],
  },
  'escalation-note-for-approval': { article: '7.5' },
  'escalation-note-returned': { article: '7.5' },
  'escalated-to-ministry': {
    article: '7.6',
    deadline: ['woensdag 12 mei 2027, 23:59 uur', 'Wednesday 12 May 2027, 23:59'],
  },
  'ministry-overdue': {
    article: '7.6',
    deadline: ['woensdag 12 mei 2027, 23:59 uur', 'Wednesday 12 May 2027, 23:59'],
  },
  'escalated-to-dglz': { article: '7.6' },
  'final-decision': { article: '7.6', page: `${WEB}/decisions` },
  // footnote 11 belongs to art. 6.7 (consensus first): the chair answers the request.
  'pause-requested': { article: '6.7' },
  'pause-decided': { article: '6.7' },
};

/** The Dutch and English sections of a step's body. */
function render(step: DecisionStep, context = CONTEXT_AT[step]) {
  const mail = renderTemplate({ step, proposal: PROPOSAL, context, webBaseUrl: `${WEB}/` });
  const [nl = '', en = '', ...rest] = mail.text.split(LANGUAGE_SEPARATOR);
  expect(rest).toEqual([]);
  return { ...mail, nl, en };
}

describe('templates', () => {
  describe.each(decisionSteps)('%s', (step) => {
    const want = expected[step];

    it('writes Dutch first, then the English translation below the separator', () => {
      const { nl, en } = render(step);
      expect(nl).toContain('Voorstel: Release iWmo 3.3');
      expect(nl).not.toContain('Proposal:');
      expect(en).toContain('Proposal: Release iWmo 3.3');
      expect(en).not.toContain('Voorstel:');
    });

    it('names the proposal, the step and its covenant article in both languages', () => {
      const { nl, en, subject } = render(step);
      for (const section of [nl, en]) {
        expect(section).toContain(PROPOSAL.id);
        expect(section).toContain('iWmo, iEb');
        expect(section).toContain(`(${step}), art. ${want.article}`);
      }
      expect(subject).toContain(`(${PROPOSAL.id})`);
      expect(subject).toContain(PROPOSAL.title);
    });

    it("links the proposal's page in the web app, not an API call, in both languages and in the HTML", () => {
      const { nl, en, html } = render(step);
      expect(nl).toContain(`Open het voorstel in de webapplicatie: ${page}`);
      expect(en).toContain(`Open the proposal in the web app: ${page}`);
      expect(html).toContain(`<a href="${page}">Open het voorstel in de webapplicatie</a>`);
      if (want.page) expect(html).toContain(`<a href="${want.page}">`);
      for (const text of [nl, en, html]) expect(text).not.toMatch(/\b(POST|PUT) https?:/);
    });

    it(want.deadline ? 'shows the deadline in Amsterdam time' : 'shows no deadline', () => {
      const { nl, en } = render(step);
      if (want.deadline) {
        expect(nl).toContain(want.deadline[0]);
        expect(en).toContain(want.deadline[1]);
      } else {
        // A deadline of an earlier step may linger in the context; it is not this step's.
        expect(nl).not.toMatch(/Termijn:|termijn is verstreken/);
        expect(en).not.toMatch(/Deadline:|deadline passed/);
      }
    });
  });

  it('tells the outcome of a vote, how it came about and the tally summary', () => {
    const { nl, en } = render('decision-taken');
    const summary = CONTEXT_AT['decision-taken'].decision?.tally?.explanation.summary ?? 'missing';
    expect(nl).toContain('Besluit: aangenomen, bij stemming (art. 6.9), op 17 februari 2027.');
    expect(en).toContain('Decision: adopted, by vote (art. 6.9), on 17 February 2027.');
    expect(nl).toContain(summary);
    expect(en).toContain(`Tally: ${summary}`);
  });

  it("tells the DGLZ's final decision and its rationale", () => {
    const { nl, en } = render('final-decision');
    expect(nl).toContain('Besluit: verworpen, door de DGLZ, als finale beslissing (art. 7.6)');
    expect(nl).toContain(
      'Motivering, geschreven door VWS (DGLZ) (letterlijk geciteerd):\n> De keten is niet gereed.',
    );
    expect(en).toContain('Decision: rejected, by the DGLZ, as the final decision (art. 7.6)');
  });

  it('cites art. 7.4 for a final decision taken on reconsideration', () => {
    const context = CONTEXT_AT['final-decision'];
    const decision = {
      outcome: 'adopted',
      via: 'reconsideration',
      decidedAt: '2027-03-25T10:00:00.000Z',
      text: 'original',
    } as const;
    const { nl } = render('final-decision', { ...context, decision });
    expect(nl).toContain('(final-decision), art. 7.4');
    expect(nl).not.toContain('Aangenomen tekst');
  });

  it('says when a deadline has passed, and passes on the working-day advice', () => {
    const { nl, en } = render('reconsideration-overdue');
    expect(nl).toContain('De termijn is verstreken op zaterdag 27 maart 2027, 23:59 uur (Nederlandse tijd).');
    expect(en).toContain('The deadline passed on Saturday 27 March 2027, 23:59 (Amsterdam time).');
    expect(en).toContain('is not a working day');
  });

  it("shows the objector's arguments and names the step in both languages in the subject", () => {
    const { nl, subject } = render('arguments-received');
    expect(nl).toContain(
      'Argumenten, geschreven door ACTIZ (letterlijk geciteerd):\n> Leveranciers hebben drie maanden extra nodig.',
    );
    expect(nl).toContain(
      'Oplossing of nieuw voorstel, geschreven door ACTIZ (letterlijk geciteerd):\n> Implementatie per 1 januari 2028.',
    );
    expect(subject).toBe(
      '[Stuurgroep iStandaarden] Argumenten bij bezwaar ontvangen / Arguments for the objection received: ' +
        'Release iWmo 3.3 (P-2027-001)',
    );
  });

  describe('footnote 11: the pause', () => {
    it('asks the chair to grant or refuse a requested pause, naming who asked and why', () => {
      const { nl, en, subject } = render('pause-requested');
      expect(subject).toContain('Pauze gevraagd / Pause requested');
      expect(nl).toContain('GGZ vraagt om een pauze in de besluitvorming');
      expect(nl).toContain(
        'Reden, geschreven door GGZ (letterlijk geciteerd):\n> De brancheorganisaties willen eerst onderling overleggen.',
      );
      expect(en).toContain('GGZ asks for a pause in decision-making');
      expect(en).toContain('- The chair: grants or refuses the pause, with a reason');
    });

    it("tells every member the pause was granted, with the chair's reason: the item is scheduled again", () => {
      const { nl, en, subject } = render('pause-decided');
      expect(subject).toContain('Pauze verleend / Pause granted');
      expect(nl).toContain('De voorzitter heeft de pauze verleend die GGZ vroeg (voetnoot 11).');
      expect(nl).toContain(
        'Reden van de voorzitter, geschreven door ZIN (letterlijk geciteerd):\n> Er is tijd tot de volgende vergadering.',
      );
      expect(en).toContain('The proposal will be scheduled again.');
    });

    it('tells every member the pause was refused: the item stays on the agenda', () => {
      const request = PAUSE_GRANTED.pauseRequest as NonNullable<typeof PAUSE_GRANTED.pauseRequest>;
      const refused = {
        ...PAUSE_GRANTED,
        pauses: [],
        pauseRequest: {
          ...request,
          status: 'refused' as const,
          decisionReason: 'Het besluit kan niet wachten.',
        },
      };
      const { nl, en, subject } = render('pause-decided', refused);
      expect(subject).toContain('Pauze geweigerd / Pause refused');
      expect(nl).toContain('Het voorstel blijft geagendeerd.');
      expect(en).toContain('The chair has refused the pause GGZ asked for (footnote 11).');
      expect(en).toContain(
        "The chair's reason, written by ZIN (quoted verbatim):\n> Het besluit kan niet wachten.",
      );
      expect(en).not.toContain('scheduled again');
    });
  });

  describe('art. 7.1, 7.3: several objectors', () => {
    /**
     * CAK objects on 2 March, before the chair closed the meeting that decided on 17 February (art.
     * 7.2): the e-mail is about CAK's objection and its own six weeks, which end on 13 April.
     */
    const CAK_LODGED_AT = '2027-03-02T11:00:00.000Z';
    const { kind, startedAt, due, lastDay, extended } = argumentsDeadline(CAK_LODGED_AT);
    const cak = {
      ...ACTIZ_OBJECTION,
      by: 'CAK',
      reason: 'De iEb-berichten zijn niet gereed.',
      lodgedAt: CAK_LODGED_AT,
      takesEffectAt: CAK_LODGED_AT,
      argumentsDue: { kind, startedAt, due, lastDay, extended, party: 'CAK' },
    };

    it("shows the later objector's own six weeks, not the earliest objector's (art. 7.3)", () => {
      const context = { ...CONTEXT_AT['objection-lodged'], objections: [ACTIZ_OBJECTION, cak] };
      const { nl, en } = render('objection-lodged', context);
      expect(nl).toContain('CAK heeft bezwaar gemaakt tegen het besluit.');
      expect(nl).toContain(
        'Reden van het bezwaar, geschreven door CAK (letterlijk geciteerd):\n> De iEb-berichten zijn niet gereed.',
      );
      expect(nl).toContain('dinsdag 13 april 2027, 23:59 uur');
      expect(en).toContain('Tuesday 13 April 2027, 23:59');
      expect(en).not.toContain('31 March 2027');
    });

    it('says a written objection takes effect only if the decision it objects to is taken, with no deadline yet (art. 7.1)', () => {
      const written = {
        by: 'CAK',
        reason: 'De iEb-berichten zijn niet gereed.',
        against: 'rejected' as const,
        lodgedAt: '2027-02-15T09:00:00.000Z',
        status: 'pending' as const,
      };
      const { decision: _taken, deadline: _none, ...beforeTheMeeting } = CONTEXT_AT['objection-lodged'];
      const { nl, en } = render('objection-lodged', { ...beforeTheMeeting, objections: [written] });
      expect(nl).toContain(
        'CAK heeft vooraf schriftelijk bezwaar gemaakt tegen een besluit dat het voorstel verworpen wordt.',
      );
      expect(en).toContain('The objection takes effect if that decision is taken');
      expect(nl).not.toMatch(/Termijn:/);
      expect(en).not.toMatch(/Deadline:/);
    });

    it('names every objection that lapsed on the same day, and whether another still stands (art. 7.3)', () => {
      const endedAt = ACTIZ_OBJECTION.argumentsDue?.due;
      const lapsed = { ...ACTIZ_OBJECTION, status: 'lapsed' as const, endedAt };
      const both = render('objection-lapsed', {
        ...CONTEXT_AT['objection-lapsed'],
        objections: [lapsed, { ...lapsed, by: 'CAK' }],
      });
      expect(both.en).toContain('The objection of ACTIZ, CAK has lapsed');
      expect(both.en).toContain('The decision stands and is in force.');
      const oneLeft = render('objection-lapsed', {
        ...CONTEXT_AT['objection-lapsed'],
        objections: [
          lapsed,
          { ...cak, status: 'argued' as const, argumentsReceivedAt: '2027-03-01T09:00:00.000Z' },
        ],
      });
      expect(oneLeft.en).toContain('The objection of ACTIZ has lapsed');
      expect(oneLeft.en).toContain('The objection of CAK still stands; decision-making stays paused.');
      expect(oneLeft.nl).not.toContain('is van kracht');
    });

    it('says decision-making stays paused when one of two objections is withdrawn (art. 7.2)', () => {
      const withdrawn = {
        ...ACTIZ_OBJECTION,
        status: 'withdrawn' as const,
        endedAt: '2027-03-03T09:00:00.000Z',
      };
      const { nl, en } = render('objection-withdrawn', {
        ...CONTEXT_AT['objection-withdrawn'],
        objections: [withdrawn, cak],
      });
      expect(en).toContain('ACTIZ has withdrawn the objection. The objection of CAK still stands');
      expect(nl).toContain('de besluitvorming blijft gepauzeerd (art. 7.2)');
      expect(en).not.toContain('in force');
    });

    it('says the week to reconsider waits while another objector still owes its arguments (art. 7.4)', () => {
      const argued = CONTEXT_AT['arguments-received'].objections[0] as typeof ACTIZ_OBJECTION;
      const context = {
        ...CONTEXT_AT['arguments-received'],
        objections: [argued, cak],
        deadline: ACTIZ_OBJECTION.argumentsDue,
      };
      const { nl, en } = render('arguments-received', context);
      expect(en).toContain('ACTIZ has sent the written arguments');
      expect(en).toContain('The arguments of CAK are still due');
      expect(nl).toContain('De argumenten van CAK worden nog verwacht');
      expect(en).not.toMatch(/Deadline:|Within one week/);
    });

    it('names the objector that argued, not one whose objection lapsed after it (art. 7.3, 7.4)', () => {
      const argued = CONTEXT_AT['arguments-received'].objections[0] as typeof ACTIZ_OBJECTION;
      const lapsed = { ...cak, status: 'lapsed' as const, endedAt: '2027-04-13T21:59:59.999Z' };
      const { en } = render('arguments-received', {
        ...CONTEXT_AT['arguments-received'],
        objections: [argued, lapsed],
      });
      expect(en).toContain('ACTIZ has sent the written arguments');
      expect(en).toContain(
        'Arguments, written by ACTIZ (quoted verbatim):\n> Leveranciers hebben drie maanden extra nodig.',
      );
      expect(en).toContain('Within one week the steering group discusses');
    });

    it('asks every standing objector to approve the note, and no one whose objection lapsed (art. 7.5)', () => {
      const context = CONTEXT_AT['escalation-note-for-approval'];
      const { nl, en } = render('escalation-note-for-approval', {
        ...context,
        objections: [
          ...context.objections,
          { ...cak, status: 'argued' as const },
          { ...cak, by: 'GGZ', status: 'lapsed' as const },
        ],
      });
      expect(en).toContain('every objector (ACTIZ, CAK) must approve its content');
      expect(en).toContain('- Each objector (ACTIZ, CAK): approves the note, or returns it with comments');
      expect(nl).toContain('elke bezwaarmaker (ACTIZ, CAK) moet haar inhoudelijk accorderen');
    });

    it('names the objector that sent the note back, of two (art. 7.5)', () => {
      const context = CONTEXT_AT['escalation-note-returned'];
      const note = context.note as NonNullable<typeof context.note>;
      const { en } = render('escalation-note-returned', {
        ...context,
        objections: [...context.objections, { ...cak, status: 'argued' as const }],
        note: {
          ...note,
          returnedComments: [{ comments: 'Noem de iEb.', at: '2027-04-03T09:00:00.000Z', by: 'CAK' }],
        },
      });
      expect(en).toContain('CAK has not approved the accompanying note and has returned it (art. 7.5).');
      expect(en).toContain('Comments, written by CAK (quoted verbatim):\n> Noem de iEb.');
    });

    it("names an objector's alternative when the reconsidered decision adopted it (art. 7.4)", () => {
      const context = CONTEXT_AT['final-decision'];
      const decision = {
        outcome: 'adopted',
        via: 'reconsideration',
        decidedAt: '2027-03-25T10:00:00.000Z',
        text: 'ACTIZ',
      } as const;
      const { nl, en } = render('final-decision', { ...context, decision });
      expect(nl).toContain('Aangenomen tekst: het alternatieve voorstel van ACTIZ (art. 7.4).');
      expect(en).toContain('Text adopted: the alternative proposal of ACTIZ (art. 7.4).');
    });
  });

  it('art. 7.5: says a proposal without a valid decision went to VWS, not that an objector approved the note', () => {
    const { nl, en } = render('escalated-to-ministry', ESCALATED_WITHOUT_OBJECTION);
    expect(nl).toContain('De Stuurgroep kwam niet tot een geldig besluit (art. 6.9)');
    expect(en).toContain('The steering group reached no valid decision (art. 6.9)');
    expect(en).not.toContain('The objector has approved');
    expect(en).toContain('Wednesday 12 May 2027, 23:59');
  });

  it("escapes a party's text and the title in the HTML, so that neither can become markup or a link", () => {
    const reason = '<script>alert(1)</script> <a href="https://attacker.example">klik</a> & meer';
    const context = {
      ...CONTEXT_AT['objection-lodged'],
      objections: [{ ...ACTIZ_OBJECTION, reason }],
    };
    const { html } = renderTemplate({
      step: 'objection-lodged',
      proposal: { ...PROPOSAL, title: 'Release "3.3" <b>nu</b>' },
      context,
      webBaseUrl: WEB,
    });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;a href=&quot;https://attacker.example&quot;&gt;klik&lt;/a&gt; &amp; meer');
    expect(html).toContain('Release &quot;3.3&quot; &lt;b&gt;nu&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<b>|href="https:\/\/attacker/);
  });

  it('renders the same text twice for the same input', () => {
    expect(render('escalated-to-dglz')).toEqual(render('escalated-to-dglz'));
  });
});
