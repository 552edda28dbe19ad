import { beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '#shared/http/problems.ts';
import { ALL_PARTIES, type TestApp, testApp } from './support/app.ts';
import { expectCall } from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

describe('functions/http/parties', () => {
  it('lists the register with weights and standards, and no personal data (art. 14)', async () => {
    const response = await expectCall(app, 'GET /parties', 200, { as: 'KBSD' });
    expect(response.body.parties.map((p: { id: string }) => p.id)).toEqual([...ALL_PARTIES]);
    expect(response.body.totalVotes).toBe(18);
    expect(response.body.parties.find((p: { id: string }) => p.id === 'CAK')).toMatchObject({
      votes: 6,
      votingParty: true,
      standards: ['iWmo', 'iEb'],
    });
    expect(response.text).not.toMatch(/@|representatives|Vertegenwoordiger/);
  });

  it('takes a party’s notice of withdrawal: effective three months later, with what the register must say (art. 10)', async () => {
    const response = await expectCall(app, 'POST /parties/{party}/withdrawal', 201, {
      as: 'JZN',
      params: { party: 'JZN' },
    });
    expect(response.body).toMatchObject({
      party: 'JZN',
      noticeOn: '2027-02-17',
      effectiveOn: '2027-05-17',
      register: { memberUntil: '2027-05-16', withdrawalNoticeOn: '2027-02-17', upToDate: false },
    });
    // art. 10 (issue 12): nobody edits the register any more; the withdrawal takes effect by itself.
    expect(response.body.register.instruction).toContain('takes effect by itself');
    expect(response.body.register.instruction).toContain('2027-05-16');
    const listed = await expectCall(app, 'GET /parties', 200, { as: 'VNG' });
    expect(listed.body.withdrawalNotices).toEqual([
      { party: 'JZN', noticeOn: '2027-02-17', effectiveOn: '2027-05-17' },
    ]);
    expect(listed.body.parties.find((p: { id: string }) => p.id === 'JZN').withdrawalNotice).toBeDefined();
  });

  it('refuses a second notice (409) and a notice for another party (403)', async () => {
    await expectCall(app, 'POST /parties/{party}/withdrawal', 201, { as: 'GGZ', params: { party: 'GGZ' } });
    const again = await expectCall(app, 'POST /parties/{party}/withdrawal', 409, {
      as: 'GGZ',
      params: { party: 'GGZ' },
    });
    expect(again.body).toMatchObject({
      type: `${PROBLEM_BASE}withdrawal-notice-exists`,
      effectiveOn: '2027-05-17',
    });
    await expectCall(app, 'POST /parties/{party}/withdrawal', 403, { as: 'VNG', params: { party: 'GGZ' } });
  });
});
