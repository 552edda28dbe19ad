import { describe, expect, it } from 'vitest';
import { LANGUAGE_SEPARATOR, renderTemplate } from '#shared/mail/index.ts';
import { type DecisionStep, decisionSteps } from '#statemachines/proposal-lifecycle/notifications.ts';
import { API, CONTEXT_AT, PROPOSAL } from './fixtures.ts';

const base = `${API}/proposals/${PROPOSAL.id}`;

interface Expected {
  readonly article: string;
  /** The endpoint the one who must act calls. */
  readonly endpoint: string;
  /** The deadline's last day in Dutch and English, when the step is about one. */
  readonly deadline?: readonly [string, string];
}

const expected: Record<DecisionStep, Expected> = {
  'decision-taken': { article: '7.2', endpoint: `POST ${base}/objection` },
  'objection-lodged': {
    article: '7.3',
    endpoint: `POST ${base}/objection/argumentation`,
    deadline: ['woensdag 31 maart 2027, 23:59 uur', 'Wednesday 31 March 2027, 23:59'],
  },
  'objection-lapsed': { article: '7.3', endpoint: `GET ${base}` },
  'objection-withdrawn': { article: '7.2', endpoint: `GET ${base}` },
  'arguments-received': {
    article: '7.4',
    endpoint: `POST ${base}/reconsideration/no-decision`,
    deadline: ['zaterdag 27 maart 2027, 23:59 uur', 'Saturday 27 March 2027, 23:59'],
  },
  'reconsideration-overdue': {
    article: '7.4',
    endpoint: `POST ${base}/schedule`,
    deadline: ['zaterdag 27 maart 2027, 23:59 uur', 'Saturday 27 March 2027, 23:59'],
  },
  'escalation-note-for-approval': { article: '7.5', endpoint: `POST ${base}/escalation/note/approval` },
  'escalation-note-returned': { article: '7.5', endpoint: `POST ${base}/escalation/note` },
  'escalated-to-ministry': {
    article: '7.6',
    endpoint: `POST ${base}/escalation/ministry-outcome`,
    deadline: ['woensdag 12 mei 2027, 23:59 uur', 'Wednesday 12 May 2027, 23:59'],
  },
  'ministry-overdue': {
    article: '7.6',
    endpoint: `POST ${base}/escalation/ministry-outcome`,
    deadline: ['woensdag 12 mei 2027, 23:59 uur', 'Wednesday 12 May 2027, 23:59'],
  },
  'escalated-to-dglz': { article: '7.6', endpoint: `POST ${base}/escalation/final-decision` },
  'final-decision': { article: '7.6', endpoint: `GET ${API}/decisions` },
};

/** The Dutch and English sections of a step's body. */
function render(step: DecisionStep, context = CONTEXT_AT[step]) {
  const mail = renderTemplate({ step, proposal: PROPOSAL, context, apiBaseUrl: `${API}/` });
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

    it('names the endpoint to call in both languages', () => {
      const { nl, en } = render(step);
      expect(nl).toContain(want.endpoint);
      expect(en).toContain(want.endpoint);
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
    } as const;
    const { nl } = render('final-decision', { ...context, decision });
    expect(nl).toContain('(final-decision), art. 7.4');
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

  it('renders the same text twice for the same input', () => {
    expect(render('escalated-to-dglz')).toEqual(render('escalated-to-dglz'));
  });
});
