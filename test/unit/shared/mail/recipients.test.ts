import { describe, expect, it } from 'vitest';
import { getParty, memberUntilAfterNotice, type Register } from '#shared/covenant/index.ts';
import { RecipientResolutionError, resolveRecipients } from '#shared/mail/index.ts';
import { type DecisionStep, decisionSteps } from '#statemachines/proposal-lifecycle/notifications.ts';
import {
  ACTIZ_OBJECTION,
  CONTEXT_AT,
  ESCALATED_WITHOUT_OBJECTION,
  notifyParamsOf,
  REGISTER,
} from './fixtures.ts';

const ON = '2027-03-01';
const ALL = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK', 'ZIN', 'VWS', 'KBSD'];
/** Who must act first, then every other member in register order (ACTIZ is the objector). */
const first = (...parties: string[]) => [...parties, ...ALL.filter((id) => !parties.includes(id))];

const addressesOf = (register: Register, parties: readonly string[]) =>
  parties.flatMap((id) => getParty(register, id).representatives.map((r) => r.email));

const expectedParties: Record<DecisionStep, string[]> = {
  'decision-taken': ALL,
  'objection-lodged': first('ACTIZ'),
  'objection-lapsed': first('ACTIZ'),
  'objection-withdrawn': first('ACTIZ'),
  'arguments-received': first('ZIN'),
  'reconsideration-overdue': first('ZIN'),
  'escalation-note-for-approval': first('ACTIZ'),
  'escalation-note-returned': first('ZIN'),
  'escalated-to-ministry': first('VWS', 'ZIN', 'ACTIZ'),
  'ministry-overdue': first('ZIN', 'VWS'),
  'escalated-to-dglz': first('VWS', 'ZIN', 'ACTIZ'),
  'final-decision': ALL,
  // footnote 11: the chair decides on a pause request; every member is told of its answer.
  'pause-requested': first('ZIN'),
  'pause-decided': ALL,
};

describe('recipients', () => {
  it.each(decisionSteps.map((step) => [step, expectedParties[step]] as const))(
    'sends %s to the representatives of %j, in that order',
    (step, parties) => {
      const roles = notifyParamsOf(step).to;
      const to = resolveRecipients({ roles, register: REGISTER, context: CONTEXT_AT[step], on: ON });
      expect(to).toEqual(addressesOf(REGISTER, parties));
      expect(new Set(to).size).toBe(to.length);
    },
  );

  it('reminds ZIN and VWS, and every member, when the ministry is overdue', () => {
    const to = resolveRecipients({
      roles: notifyParamsOf('ministry-overdue').to,
      register: REGISTER,
      context: CONTEXT_AT['ministry-overdue'],
      on: ON,
    });
    expect(to.slice(0, 5)).toEqual([
      'voorzitter.stuurgroep@zorginstituutnederland.example',
      'secretariaat.stuurgroep@zorginstituutnederland.example',
      'dmo.stuurgroep@minvws.example',
      'jeugd.stuurgroep@minvws.example',
      'dglz@minvws.example',
    ]);
    expect(to).toContain('stuurgroep@cak.example');
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
    expect(to).toEqual(addressesOf(REGISTER, first('ACTIZ', 'VGN', 'CAK')));
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
    const roles = notifyParamsOf('escalation-note-for-approval').to;
    const to = resolveRecipients({ roles, register: REGISTER, context, on: ON });
    expect(to).toEqual(addressesOf(REGISTER, first('ACTIZ', 'VNG')));
  });

  it.each([
    ['escalated-to-ministry', ['VWS', 'ZIN']],
    ['escalated-to-dglz', ['VWS', 'ZIN']],
  ] as const)(
    'art. 7.5: sends %s of a proposal escalated without a valid decision (no objector) to %j, then every member',
    (step, parties) => {
      const roles = notifyParamsOf(step).to;
      const to = resolveRecipients({
        roles,
        register: REGISTER,
        context: ESCALATED_WITHOUT_OBJECTION,
        on: ON,
      });
      expect(to).toEqual(addressesOf(REGISTER, first(...parties)));
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
      resolveRecipients({ roles: ['dglz'], register, context: { objections: [] }, on: ON }),
    ).toThrow("cannot resolve the recipients of role 'dglz': no party holds it in the register");
  });
});
