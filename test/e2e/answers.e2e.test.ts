/**
 * A transition answers from what it decided (issue 15): the new proposal and its latest voting
 * round, never read back. Its answer must still be exactly the body a GET of the proposal gives the
 * same caller right after, for every route that moves a proposal, on the real local stack.
 */
import { describe, expect, it } from 'vitest';
import {
  addToDate,
  everyone,
  expectStatus,
  type ProposalBody,
  procedure,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

/**
 * POSTs as `party` and asserts that the answer is the GET's body for that caller, key for key in
 * the same order (JSON text compared: the API sends `JSON.stringify` of the view).
 */
async function answersAsGet(
  party: string,
  path: string,
  body: unknown = {},
  options: { readonly roles?: readonly string[]; readonly status?: 200 | 201 } = {},
): Promise<ProposalBody> {
  const answer = expectStatus(
    await stack.as(party, options.roles).post<ProposalBody>(path, body),
    options.status ?? 200,
  );
  const read = expectStatus(
    await stack.as(party, options.roles).get<ProposalBody>(`/proposals/${answer.id}`),
    200,
  );
  expect(JSON.stringify(answer), `${party} POST ${path}`).toBe(JSON.stringify(read));
  return answer;
}

const p = (id: string, suffix: string) => `/proposals/${id}${suffix}`;

describe('a transition’s answer is the proposal as a GET shows it right after', () => {
  it('through a vote, an argued objection, a reconsideration without decision, the ministry and the DGLZ', async () => {
    const tabled = await answersAsGet(
      'VNG',
      '/proposals',
      { title: 'Release iWmo 4.1', description: 'Voorstel', standards: ['iWmo'], kind: 'release' },
      { status: 201 },
    );
    const id = tabled.id;
    await answersAsGet('ZIN', p(id, '/draft'), { text: 'Uitgewerkt voorstel.' });
    const meeting = await api.createMeeting('Stuurgroep');
    await answersAsGet('ZIN', p(id, '/schedule'), { meetingId: meeting.id });
    await api.attendance(meeting.id);
    const voting = await answersAsGet('ZIN', p(id, '/vote'));
    expect(voting).toMatchObject({ phase: 'voting', voting: { round: 1, voted: [] } });
    await api.castBallots(id, everyone('for', { VNG: 'against' }));
    const decided = await answersAsGet('ZIN', p(id, '/vote/close'));
    expect(decided).toMatchObject({ phase: 'decided', tally: { outcome: 'adopted' } });

    const objected = await answersAsGet('VNG', p(id, '/objection'), { reason: 'Niet haalbaar.' });
    expect(objected.objections).toMatchObject([{ by: 'VNG' }]);
    await api.closeMeeting(meeting.id);
    await answersAsGet('VNG', p(id, '/objection/argumentation'), {
      arguments: 'De planning is niet haalbaar.',
      alternativeProposal: 'Een half jaar later.',
    });
    const again = await api.createMeeting('Stuurgroep: heroverweging');
    await answersAsGet('ZIN', p(id, '/schedule'), { meetingId: again.id });
    await answersAsGet('ZIN', p(id, '/reconsideration/no-decision'));
    await answersAsGet('ZIN', p(id, '/escalation/note'), {
      motive: 'Geen besluit na heroverweging.',
      requestedDecision: 'Besluit over de planning.',
    });
    await answersAsGet('VNG', p(id, '/escalation/note/approval'), { approved: true });
    await answersAsGet('ZIN', p(id, '/escalation/ministry-outcome'), { outcome: 'no-decision' });
    const final = await answersAsGet(
      'VWS',
      p(id, '/escalation/final-decision'),
      { outcome: 'adopted', rationale: 'De planning blijft.' },
      { roles: ['dglz'] },
    );
    expect(final).toMatchObject({ phase: 'closed', decision: { via: 'dglz', inForce: true } });
  });

  it('through a pause, a consensus and an objection withdrawn on an implementation proposal (art. 7.4 reads the release calendar)', async () => {
    const today = await api.today();
    const implementationDate = addToDate(today, { months: 6 });
    // An agreed date far from today: the blackout does not apply, so `object` is offered and the
    // calendar decides it, for the objection and for the answer after the objection is withdrawn.
    expectStatus(
      await stack.as('ZIN').post('/release-calendar', {
        standard: 'iJw',
        version: '3.4',
        implementationDate: addToDate(today, { months: 3 }),
        strategyDue: addToDate(today, { months: 2 }),
      }),
      201,
    );
    const { id } = await api.table({
      title: 'Invoering iJw 3.5',
      standards: ['iWmo', 'iJw'],
      kind: 'implementation',
      implementationDate,
    });
    await api.draft(id);
    const first = await api.createMeeting('Stuurgroep');
    await api.schedule(id, first.id);
    await answersAsGet('GGZ', p(id, '/pause'), { reason: 'Eerst onderling overleggen.' });
    await answersAsGet('ZIN', p(id, '/pause/decision'), { granted: true });
    const second = await api.createMeeting('Stuurgroep: na de pauze');
    await api.schedule(id, second.id);
    await api.attendance(second.id);
    await answersAsGet('ZIN', p(id, '/consensus'), { outcome: 'adopted' });

    const objected = await answersAsGet('CAK', p(id, '/objection'), { reason: 'Te krap.' });
    expect(objected.actions).not.toContain('object');
    const withdrawn = await answersAsGet('CAK', p(id, '/objection/withdrawal'), {});
    expect(withdrawn).toMatchObject({ phase: 'decided', objections: [{ by: 'CAK', status: 'withdrawn' }] });
    // Outside the blackout CAK may object again: the answer read the calendar to say so.
    expect(withdrawn.actions).toContain('object');
  });

  it('through a tie escalated without a decision, and a withdrawn item', async () => {
    const { id } = await api.scheduled({ title: 'Plan van aanpak iEb', standards: ['iEb'] });
    await api.openVote(id);
    await api.castBallots(id, { ...everyone('against'), VNG: 'for', ACTIZ: 'for', GGZ: 'for', JZN: 'for' });
    expect(await api.closeVote(id)).toMatchObject({ phase: 'no-valid-decision' });
    await answersAsGet('ZIN', p(id, '/escalation'), { reason: 'Geen geldig besluit.' });

    const { id: other } = await api.table({ title: 'Release iWmo 4.2', by: 'GGZ' });
    const withdrawn = await answersAsGet('GGZ', p(other, '/withdrawal'), { reason: 'Niet meer nodig.' });
    expect(withdrawn.phase).toBe('withdrawn');
  });
});
