import { describe, expect, it } from 'vitest';
import { defaultPolicy, loadDefaultRegister } from '#shared/covenant/index.ts';
import { callerRules, describeAuthority } from '#shared/http/authority.ts';
import { eventAuthority, type ProposalContext } from '#statemachines/proposal-lifecycle/index.ts';

const register = loadDefaultRegister();
const deps = { register, policy: defaultPolicy };
// A decision of meeting `m` whose objection window is open: the model's MEETING_CLOSED concerns it (art. 7.2).
const context = {
  round: 0,
  pauses: [],
  objections: [],
  decision: {
    outcome: 'adopted',
    via: 'consensus',
    decidedAt: '2027-02-17T09:00:00.000Z',
    text: 'original',
    meetingId: 'm',
  },
} as unknown as ProposalContext;

describe('shared/http/authority', () => {
  it('lets close a meeting exactly who may send MEETING_CLOSED, the model’s event', () => {
    for (const party of register.parties) {
      const model = eventAuthority.MEETING_CLOSED(deps, context, {
        type: 'MEETING_CLOSED',
        meetingId: 'm',
        by: { party: party.id, roles: [] },
        at: '2027-02-17T09:00:00.000Z',
      });
      expect(callerRules.chair(party, {}) === null, party.id).toBe(model === null);
    }
  });

  it('reserves meetings and attendance to the secretary, and a party’s own acts to that party', () => {
    const zin = register.parties.find((p) => p.id === 'ZIN');
    const vng = register.parties.find((p) => p.id === 'VNG');
    const kbsd = register.parties.find((p) => p.id === 'KBSD');
    if (!zin || !vng || !kbsd) throw new Error('register without ZIN, VNG or KBSD');
    expect(callerRules.secretary(zin, {})).toBeNull();
    expect(callerRules.secretary(vng, {})).toContain('secretary');
    expect(callerRules['that-party'](vng, { party: 'VNG' })).toBeNull();
    expect(callerRules['that-party'](vng, { party: 'CAK' })).toContain('only CAK itself');
    expect(callerRules['that-voting-party'](kbsd, { party: 'KBSD' })).toContain('voting party');
  });

  it('says who may call in words, for the OpenAPI document', () => {
    expect(describeAuthority({ kind: 'event', event: 'FINAL_DECISION' })).toBe(
      'VWS with role dglz (art. 7.6)',
    );
    expect(describeAuthority({ kind: 'public' })).toBe('anyone, without a token');
  });
});
