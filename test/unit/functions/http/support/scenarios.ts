// Proposals brought to a phase through the API itself, the way parties would, and checks that
// every answer has the shape the route table (and so openapi.json) documents.
import { expect } from 'vitest';
import { routes } from '#functions/http/routes.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { PROBLEM_CONTENT_TYPE, Problem } from '#shared/schemas/problem.ts';
import { type As, type CallOptions, type Response, type TestApp, VOTING_PARTIES } from './app.ts';

/** Asserts the status (showing the body when it differs) and the documented shape of the body. */
export function expectAnswer(routeKey: string, response: Response, status: number): void {
  expect(response.status, `${routeKey}: ${response.text}`).toBe(status);
  const route = (routes as Record<string, RouteDef>)[routeKey];
  if (status >= 400) {
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(Problem.safeParse(response.body).error).toBeUndefined();
  } else if (route && typeof response.body === 'object') {
    expect(route.success.schema.safeParse(response.body).error).toBeUndefined();
  }
}

/** Calls a route and expects `status`; returns the response. */
export async function expectCall(
  app: TestApp,
  routeKey: string,
  status: number,
  options: CallOptions = {},
): Promise<Response> {
  const response = await app.call(routeKey, options);
  expectAnswer(routeKey, response, status);
  return response;
}

export const proposalBody = {
  title: 'Release iWmo 3.3',
  description: 'The release contents of iWmo 3.3.',
  standards: ['iWmo'],
  kind: 'release',
};

export async function submit(
  app: TestApp,
  as: As = 'VNG',
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await expectCall(app, 'POST /proposals', 201, { as, body: { ...proposalBody, ...body } });
  return response.body.id;
}

export async function createMeeting(app: TestApp, date = '2027-02-17'): Promise<string> {
  const response = await expectCall(app, 'POST /meetings', 201, {
    as: 'ZIN',
    body: { date, title: 'Stuurgroep' },
  });
  return response.body.id;
}

export async function attend(
  app: TestApp,
  meetingId: string,
  present: readonly string[] = [...VOTING_PARTIES, 'ZIN'],
) {
  await expectCall(app, 'PUT /meetings/{id}/attendance', 200, {
    as: 'ZIN',
    params: { id: meetingId },
    body: { present },
  });
}

const on = (id: string) => ({ as: 'ZIN' as As, params: { id } });

/** A proposal worked out and put on a new meeting's agenda. */
export async function scheduled(app: TestApp, body: Record<string, unknown> = {}) {
  const proposalId = await submit(app, 'VNG', body);
  await expectCall(app, 'POST /proposals/{id}/draft', 200, {
    ...on(proposalId),
    body: { text: 'The proposal.' },
  });
  const meetingId = await createMeeting(app);
  await expectCall(app, 'POST /proposals/{id}/schedule', 200, { ...on(proposalId), body: { meetingId } });
  return { proposalId, meetingId };
}

/** Adopted (or rejected) by consensus, the meeting still open. */
export async function decided(
  app: TestApp,
  outcome: 'adopted' | 'rejected' = 'adopted',
  body: Record<string, unknown> = {},
) {
  const ids = await scheduled(app, body);
  await expectCall(app, 'POST /proposals/{id}/consensus', 200, { ...on(ids.proposalId), body: { outcome } });
  return ids;
}

/** Everyone present, the vote opened. */
export async function voting(app: TestApp) {
  const ids = await scheduled(app);
  await attend(app, ids.meetingId);
  await expectCall(app, 'POST /proposals/{id}/vote', 200, on(ids.proposalId));
  return ids;
}

/** Each voting party casts its ballot. */
export async function castAll(
  app: TestApp,
  proposalId: string,
  choices: Record<string, 'for' | 'against' | 'abstain'>,
) {
  for (const [party, choice] of Object.entries(choices)) {
    await expectCall(app, 'PUT /proposals/{id}/votes/{party}', 200, {
      as: party,
      params: { id: proposalId, party },
      body: { choice },
    });
  }
}

/** CAK objected to a decision by consensus: six weeks for its arguments run. */
export async function objected(app: TestApp) {
  const ids = await decided(app);
  await expectCall(app, 'POST /proposals/{id}/objection', 200, {
    as: 'CAK',
    params: { id: ids.proposalId },
    body: { reason: 'The CAK cannot implement this in time.' },
  });
  return ids;
}

/** The objection argued: the group reconsiders. */
export async function reconsidering(app: TestApp) {
  const ids = await objected(app);
  await expectCall(app, 'POST /proposals/{id}/objection/argumentation', 200, {
    as: 'CAK',
    params: { id: ids.proposalId },
    body: { arguments: 'Our systems need a year.', alternativeProposal: 'Implement in 2028.' },
  });
  return ids;
}

/** No decision after reconsideration: ZIN drafts the note. */
export async function noteDrafting(app: TestApp) {
  const ids = await reconsidering(app);
  await expectCall(app, 'POST /proposals/{id}/reconsideration/no-decision', 200, on(ids.proposalId));
  return ids;
}

/** The note approved: at the ministry. */
export async function atMinistry(app: TestApp) {
  const ids = await noteDrafting(app);
  const note = { motive: 'No decision after reconsideration.', requestedDecision: 'Decide on the date.' };
  await expectCall(app, 'POST /proposals/{id}/escalation/note', 200, { ...on(ids.proposalId), body: note });
  await expectCall(app, 'POST /proposals/{id}/escalation/note/approval', 200, {
    as: 'CAK',
    params: { id: ids.proposalId },
    body: { approved: true },
  });
  return ids;
}
