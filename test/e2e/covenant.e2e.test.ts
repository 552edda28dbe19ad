/**
 * The covenant as versioned data (issue 12; DESIGN 2.5; art. 9, 10, 12, 16), end to end over HTTP:
 * an accession signed by all takes effect by itself on its date, a change missing a signature never
 * does, an invalid change is refused before anyone signs, a notice of withdrawal can be revoked,
 * notices reach every member, and the publication needs no token and shows no e-mail address.
 */
import { describe, expect, it } from 'vitest';
import {
  addToDate,
  EVERYONE,
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  send,
  useLocalStack,
  VOTING_PARTIES,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

interface ChangeBody {
  readonly id: string;
  readonly status: string;
  readonly signatories: readonly string[];
  readonly missing: readonly string[];
  readonly consents?: readonly string[];
  readonly inForceAs?: number;
}
interface CovenantBody {
  readonly inForce: { readonly version: number; readonly votingParties: number; readonly totalVotes: number };
  readonly term: { readonly renewsOn: string; readonly reminderOn: string };
  readonly history: readonly { readonly version: number }[];
}

const NEW_PARTY = {
  id: 'NIEUW',
  name: 'Nieuwe Branchevereniging',
  kind: 'provider-association',
  votes: 1,
  standards: ['iWmo'],
  representatives: [{ name: 'Vertegenwoordiger Nieuw', email: 'stuurgroep@nieuw.example' }],
};

const covenant = async () => expectStatus(await stack.as('KBSD').get<CovenantBody>('/covenant'), 200);
const propose = (body: unknown) => stack.as('ZIN').post<ChangeBody>('/covenant/changes', body);
const sign = (id: string, party: string) =>
  stack.as(party).post<ChangeBody>(`/covenant/changes/${id}/signature`);

describe('covenant changes signed by every party (art. 9.2–9.4)', () => {
  it('refuses a change that would leave the register invalid with 422, before anyone signs', async () => {
    const effectiveDate = addToDate(await api.today(), { days: 10 });
    const noWeight = await propose({
      kind: 'accession',
      summary: 'Toetreding zonder stem',
      text: 'Tekst',
      registerChanges: { add: [{ ...NEW_PARTY, votes: 0 }] },
      effectiveDate,
    });
    expect(noWeight.status).toBe(422);
    expect((noWeight.body as unknown as ProblemBody).type).toBe(`${PROBLEM_BASE}invalid-register-change`);
    const noChair = await propose({
      kind: 'version',
      summary: 'Geen voorzitter',
      text: 'Tekst',
      registerChanges: { update: [{ id: 'ZIN', roles: ['secretary'] }] },
      effectiveDate,
    });
    expect(noChair.status).toBe(422);
    const unknownStandard = await propose({
      kind: 'accession',
      summary: 'Onbekende standaard',
      text: 'Tekst',
      registerChanges: { add: [{ ...NEW_PARTY, standards: ['iXyz'] }] },
      effectiveDate,
    });
    expect(unknownStandard.status).toBe(400);
    expect(await covenant()).toMatchObject({ inForce: { version: 1, votingParties: 8, totalVotes: 18 } });
  });

  it('adds a ninth voting party on its date once all have signed; the next vote needs it present', async () => {
    const effectiveDate = addToDate(await api.today(), { days: 14 });
    const proposed = expectStatus(
      await propose({
        kind: 'accession',
        summary: 'Toetreding NIEUW',
        text: 'Addendum',
        registerChanges: { add: [NEW_PARTY] },
        effectiveDate,
      }),
      201,
    );
    expect(proposed).toMatchObject({ status: 'awaiting-signatures', consents: ['NIEUW'] });
    expect([...proposed.signatories].sort()).toEqual([...EVERYONE].sort());
    // The acceding party's consent is its accession request: it signs nothing before it is a party.
    const byNewcomer = await sign(proposed.id, 'NIEUW');
    expect(byNewcomer.status).toBe(403);
    for (const party of EVERYONE) expectStatus(await sign(proposed.id, party), 200);
    const signed = expectStatus(
      await stack.as('KBSD').get<ChangeBody>(`/covenant/changes/${proposed.id}`),
      200,
    );
    expect(signed).toMatchObject({ status: 'signed', missing: [] });
    expect((await covenant()).inForce.version).toBe(1);

    await stack.advanceTo(`${effectiveDate}T09:00:00.000Z`);
    expect(await covenant()).toMatchObject({ inForce: { version: 2, votingParties: 9, totalVotes: 19 } });
    const inForce = expectStatus(
      await stack.as('KBSD').get<ChangeBody>(`/covenant/changes/${proposed.id}`),
      200,
    );
    expect(inForce).toMatchObject({ status: 'in-force', inForceAs: 2 });

    const { meetingId } = await api.scheduled({ title: 'Release iWmo 5.0' });
    const withoutNewcomer = await api.attendance(meetingId, EVERYONE);
    expect(withoutNewcomer.quorum).toMatchObject({ met: false, absent: ['NIEUW'] });
    const withNewcomer = await api.attendance(meetingId, [...EVERYONE, 'NIEUW']);
    expect(withNewcomer.quorum).toMatchObject({ met: true, absent: [] });
    const steps = (await stack.outbox())
      .filter((m) => m.proposalId === `covenant-${proposed.id}`)
      .map((m) => m.step);
    expect(steps).toEqual(['covenant-change-proposed', 'covenant-change-in-force']);
  });

  it('never puts a change in force while one signature is missing', async () => {
    const effectiveDate = addToDate(await api.today(), { days: 7 });
    const proposed = expectStatus(
      await propose({
        kind: 'addendum',
        summary: 'Onthouding telt mee',
        text: 'Addendum',
        policyChanges: { abstentionsCountAsCast: true },
        effectiveDate,
      }),
      201,
    );
    const unsigned = 'CAK';
    for (const party of proposed.signatories.filter((p) => p !== unsigned))
      expectStatus(await sign(proposed.id, party), 200);
    await stack.advanceDays(30);
    const after = expectStatus(
      await stack.as('KBSD').get<ChangeBody>(`/covenant/changes/${proposed.id}`),
      200,
    );
    expect(after).toMatchObject({ status: 'awaiting-signatures', missing: [unsigned] });
    expect((await covenant()).inForce.version).toBe(2);
  });
});

describe('withdrawal revoked before it takes effect (art. 10)', () => {
  it('keeps the party a member when it revokes its notice in time', async () => {
    expectStatus(await stack.as('GGZ').post('/parties/GGZ/withdrawal'), 201);
    const byOther = await stack.as('VNG').post('/parties/GGZ/withdrawal/revocation');
    expect(byOther.status).toBe(403);
    expectStatus(await stack.as('GGZ').post('/parties/GGZ/withdrawal/revocation'), 200);
    await stack.advanceDays(100);
    const body = await covenant();
    expect(body.inForce).toMatchObject({ votingParties: 9, totalVotes: 19 });
    expect((await stack.outbox()).map((m) => m.step)).not.toContain('withdrawal-effective');
  });
});

describe('notices (art. 12) and the term (art. 9.1)', () => {
  it('e-mails a notice at once to every member and lists it', async () => {
    const posted = expectStatus(
      await stack.as('VNG').post<{ id: string }>('/notices', {
        subject: 'Dreigende overmacht',
        body: 'Storing bij het berichtenverkeer.',
      }),
      201,
    );
    const listed = expectStatus(
      await stack.as('KBSD').get<{ notices: { id: string; by: string }[] }>('/notices'),
      200,
    );
    expect(listed.notices).toContainEqual(expect.objectContaining({ id: posted.id, by: 'VNG' }));
    const mail = (await stack.outbox()).find((m) => m.step === 'notice-posted');
    expect(mail?.to).toContain('stuurgroep@nieuw.example');
    expect(mail?.to.length).toBeGreaterThanOrEqual(VOTING_PARTIES.length);
  });

  it('shows the next renewal and reminds every member a month before it', async () => {
    const { term } = await covenant();
    expect(term.reminderOn).toBe(addToDate(term.renewsOn, { months: -1 }));
    await stack.advanceTo(`${term.reminderOn}T09:00:00.000Z`);
    expect((await stack.outbox()).map((m) => m.step)).toContain('covenant-renewal');
  });
});

describe('publication (art. 16)', () => {
  it('answers without a token, cacheably, and without any e-mail address', async () => {
    for (const path of ['/public/covenant', '/public/decisions']) {
      const reply = await send<unknown>(stack.baseUrl, 'GET', path);
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).not.toMatch(/@/);
      expect(reply.headers.get('cache-control')).toMatch(/public/);
      const etag = reply.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await send<unknown>(stack.baseUrl, 'GET', path, {
        headers: { 'if-none-match': etag ?? '' },
      });
      expect(again.status).toBe(304);
    }
    const published = await send<CovenantBody>(stack.baseUrl, 'GET', '/public/covenant');
    expect(published.body.history.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe('a notice given again the same day, after a revocation (art. 10)', () => {
  it('e-mails the second notice too, and the withdrawal takes effect three months later', async () => {
    const noticed = async () =>
      (await stack.outbox()).filter((m) => m.step === 'withdrawal-noticed' && m.subject.startsWith('JZN'));
    const before = (await covenant()).inForce;
    expectStatus(await stack.as('JZN').post('/parties/JZN/withdrawal'), 201);
    expectStatus(await stack.as('JZN').post('/parties/JZN/withdrawal/revocation'), 200);
    expectStatus(await stack.as('JZN').post('/parties/JZN/withdrawal'), 201);
    // Each notice is a message of its own (its own Message-ID): the members hear of the second one too.
    expect(await noticed()).toHaveLength(2);
    await stack.advanceDays(100);
    // The revoked notice's dated effect is pending again for the second notice: the party leaves.
    expect((await covenant()).inForce).toMatchObject({
      votingParties: before.votingParties - 1,
      totalVotes: before.totalVotes - 1,
    });
  });
});
