import { describe, expect, it } from 'vitest';
import { getParty, memberUntilAfterNotice, type Register } from '#shared/covenant/index.ts';
import { RecipientResolutionError, resolveRecipients, resolveStepRecipients } from '#shared/mail/index.ts';
import {
  type DecisionStep,
  decisionSteps,
  STEP_RECIPIENTS,
} from '#statemachines/proposal-lifecycle/notifications.ts';
import {
  ACTIZ_OBJECTION,
  CONTEXT_AT,
  ESCALATED_WITHOUT_OBJECTION,
  notifyParamsOf,
  REGISTER,
} from './fixtures.ts';

const ON = '2027-03-01';
const VOTING = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'];
/** Every member the routine steps inform: VWS and its DGLZ only hear of escalations (issue 18). */
const MEMBERS = [...VOTING, 'ZIN', 'KBSD'];
const CHAIR = 'voorzitter.stuurgroep@zorginstituutnederland.example';
const SECRETARY = 'secretariaat.stuurgroep@zorginstituutnederland.example';
const MINISTRY = ['dmo.stuurgroep@minvws.example', 'jeugd.stuurgroep@minvws.example'];
const DGLZ = 'dglz@minvws.example';
const ACTIZ = 'stuurgroep@actiz.example';

const addressesOf = (register: Register, parties: readonly string[]) =>
  parties.flatMap((id) => getParty(register, id).representatives.map((r) => r.email));
/** The members' addresses in register order, without those already addressed. */
const membersBut = (...already: string[]) =>
  addressesOf(REGISTER, MEMBERS).filter((a) => !already.includes(a));

/** DESIGN 2.3: who must act in To, every other member in Cc; the ministry only on escalations (ACTIZ objected). */
const expected: Record<DecisionStep, { to: string[]; cc: string[] }> = {
  'decision-taken': {
    to: [...addressesOf(REGISTER, VOTING), CHAIR],
    cc: [SECRETARY, 'stuurgroep@ketenbureau-isd.example'],
  },
  'objection-lodged': { to: [ACTIZ], cc: membersBut(ACTIZ) },
  'objection-lapsed': { to: [ACTIZ], cc: membersBut(ACTIZ) },
  'objection-withdrawn': { to: [ACTIZ], cc: membersBut(ACTIZ) },
  'arguments-received': { to: [CHAIR], cc: membersBut(CHAIR) },
  'reconsideration-overdue': { to: [CHAIR], cc: membersBut(CHAIR) },
  'escalation-note-for-approval': { to: [ACTIZ], cc: membersBut(ACTIZ) },
  'escalation-note-returned': { to: [SECRETARY], cc: membersBut(SECRETARY) },
  // art. 7.6: the ministry's e-mails go to every objector.
  'escalated-to-ministry': { to: [...MINISTRY, SECRETARY, ACTIZ], cc: membersBut(SECRETARY, ACTIZ) },
  'ministry-overdue': { to: [SECRETARY, ...MINISTRY], cc: [ACTIZ, ...membersBut(SECRETARY, ACTIZ)] },
  'escalated-to-dglz': { to: [DGLZ], cc: [SECRETARY, ...MINISTRY, ACTIZ, ...membersBut(SECRETARY, ACTIZ)] },
  // The fixture's final decision is the DGLZ's: the ministry and the DGLZ are informed of it.
  'final-decision': { to: [ACTIZ, ...membersBut(ACTIZ)], cc: [...MINISTRY, DGLZ] },
  // footnote 11: the chair decides on a pause request; the Ketenpartijen are told of its answer.
  'pause-requested': { to: [CHAIR], cc: membersBut(CHAIR) },
  'pause-decided': {
    to: addressesOf(REGISTER, VOTING),
    cc: [CHAIR, SECRETARY, 'stuurgroep@ketenbureau-isd.example'],
  },
};

const stepAddresses = (step: DecisionStep, context = CONTEXT_AT[step], register = REGISTER) => {
  const { to, informed } = notifyParamsOf(step);
  return resolveStepRecipients({ to, informed, register, context, on: ON });
};

describe('recipients', () => {
  it.each(decisionSteps.map((step) => [step] as const))(
    'sends %s To who must act and Cc every other member, each address once',
    (step) => {
      const { to, cc } = stepAddresses(step);
      expect({ to, cc }).toEqual(expected[step]);
      expect(new Set([...to, ...cc]).size).toBe(to.length + cc.length);
    },
  );

  it('writes the table once, as data beside the step ids, and the model sends exactly it', () => {
    for (const step of decisionSteps) {
      expect(notifyParamsOf(step)).toEqual({ step, ...STEP_RECIPIENTS[step] });
    }
  });

  it('mails VWS and its DGLZ only on the escalation steps', () => {
    const vws = [...MINISTRY, DGLZ];
    const escalation = ['escalated-to-ministry', 'ministry-overdue', 'escalated-to-dglz', 'final-decision'];
    for (const step of decisionSteps) {
      const { to, cc } = stepAddresses(step);
      const reached = [...to, ...cc].some((a) => vws.includes(a));
      expect([step, reached]).toEqual([step, escalation.includes(step)]);
    }
  });

  it('sends the escalation to the DGLZ only to its secretariat, not to the directorates (art. 7.6)', () => {
    expect(stepAddresses('escalated-to-dglz').to).toEqual([DGLZ]);
    expect(stepAddresses('escalated-to-ministry').to).not.toContain(DGLZ);
  });

  it('tells VWS nothing of a final decision taken on reconsideration, never escalated (art. 7.4)', () => {
    const { escalation: _none, ...reconsidered } = CONTEXT_AT['final-decision'];
    const { to, cc } = stepAddresses('final-decision', reconsidered);
    expect(cc).toEqual([]);
    expect(to).toEqual([ACTIZ, ...membersBut(ACTIZ)]);
  });

  it('sends a role to every representative of its party when the register marks none (a register of before)', () => {
    const register: Register = {
      ...REGISTER,
      parties: REGISTER.parties.map((p) => ({
        ...p,
        representatives: p.representatives.map(({ name, email }) => ({ name, email })),
      })),
    };
    expect(stepAddresses('escalated-to-dglz', CONTEXT_AT['escalated-to-dglz'], register).to).toEqual([
      ...MINISTRY,
      DGLZ,
    ]);
  });

  it('leaves out a party whose membership ended before the date, unless it is the objector', () => {
    const noticeOn = '2026-10-01';
    const register: Register = {
      ...REGISTER,
      parties: REGISTER.parties.map((p) =>
        p.id === 'ACTIZ' || p.id === 'GGZ'
          ? { ...p, withdrawalNoticeOn: noticeOn, memberUntil: memberUntilAfterNotice(noticeOn) }
          : p,
      ),
    };
    const context = CONTEXT_AT['objection-lodged'];
    const to = resolveRecipients({ roles: ['objector', 'members'], register, context, on: ON });
    expect(to).toContain('stuurgroep@actiz.example');
    expect(to).not.toContain('stuurgroep@denederlandseggz.example');
  });

  it('art. 7.1, 7.6: sends the objector steps to every party that objected, in register order, and once each', () => {
    const context = {
      objections: [
        // CAK objected first, ACTIZ later: each objector is addressed, in register order.
        { ...ACTIZ_OBJECTION, by: 'CAK', lodgedAt: '2027-02-17T10:30:00.000Z' },
        ACTIZ_OBJECTION,
        // A written objection against the outcome not taken is moot: GGZ objected to nothing (art. 7.1).
        { ...ACTIZ_OBJECTION, by: 'GGZ', against: 'rejected', status: 'moot' },
        // A lapsed objection still makes its party an objector the procedure's e-mails go to.
        { ...ACTIZ_OBJECTION, by: 'VGN', status: 'lapsed' },
      ] as const,
    };
    const to = resolveRecipients({ roles: ['objector', 'members'], register: REGISTER, context, on: ON });
    expect(to).toEqual([
      ...addressesOf(REGISTER, ['ACTIZ', 'VGN', 'CAK']),
      ...membersBut(...addressesOf(REGISTER, ['ACTIZ', 'VGN', 'CAK'])),
    ]);
    const objectors = resolveRecipients({ roles: ['objector'], register: REGISTER, context, on: ON });
    expect(objectors).toEqual(addressesOf(REGISTER, ['ACTIZ', 'VGN', 'CAK']));
    expect(objectors).not.toContain('stuurgroep@denederlandseggz.example');
  });

  it('art. 7.5: sends the note for approval to both objectors when two objections stand', () => {
    const context = {
      ...CONTEXT_AT['escalation-note-for-approval'],
      objections: [
        ...CONTEXT_AT['escalation-note-for-approval'].objections,
        { ...ACTIZ_OBJECTION, by: 'VNG', status: 'argued' as const },
      ],
    };
    const { to } = stepAddresses('escalation-note-for-approval', context);
    expect(to).toEqual(addressesOf(REGISTER, ['ACTIZ', 'VNG']));
  });

  it.each([
    ['escalated-to-ministry', [...MINISTRY, SECRETARY]],
    ['escalated-to-dglz', [DGLZ]],
  ] as const)(
    'art. 7.5: sends %s of a proposal escalated without a valid decision (no objector) to %j, every member in Cc',
    (step, to) => {
      const addresses = stepAddresses(step, ESCALATED_WITHOUT_OBJECTION);
      expect(addresses.to).toEqual(to);
      expect(addresses.cc).toEqual(expect.arrayContaining(membersBut(...to)));
    },
  );

  it('refuses to resolve the objector when the only objection is moot (art. 7.1)', () => {
    const context = { objections: [{ ...ACTIZ_OBJECTION, status: 'moot' as const }] };
    expect(() => resolveRecipients({ roles: ['objector'], register: REGISTER, context, on: ON })).toThrow(
      /objector.*no objection/,
    );
  });

  it('lists an address that two parties share once, at its first place, ignoring case', () => {
    const register: Register = {
      ...REGISTER,
      parties: REGISTER.parties.map((p) =>
        p.id === 'KBSD'
          ? { ...p, representatives: [{ name: 'Ketenbureau', email: 'Stuurgroep@VNG.example' }] }
          : p,
      ),
    };
    const to = resolveRecipients({ roles: ['members'], register, context: { objections: [] }, on: ON });
    expect(to.filter((address) => address.toLowerCase() === 'stuurgroep@vng.example')).toEqual([
      'stuurgroep@vng.example',
    ]);
  });

  it('refuses to resolve the objector of a proposal without an objection', () => {
    const resolve = () =>
      resolveRecipients({
        roles: ['objector', 'members'],
        register: REGISTER,
        context: { objections: [] },
        on: ON,
      });
    expect(resolve).toThrow(RecipientResolutionError);
    expect(resolve).toThrow(/objector.*no objection/);
  });

  it('refuses a role that no party holds in the register', () => {
    const register: Register = {
      ...REGISTER,
      parties: REGISTER.parties.map((p) => (p.id === 'VWS' ? { ...p, roles: ['ministry'] } : p)),
    };
    expect(() =>
      resolveRecipients({ roles: ['dglz'], register, context: ESCALATED_WITHOUT_OBJECTION, on: ON }),
    ).toThrow("cannot resolve the recipients of role 'dglz': no party holds it in the register");
  });
});
