/**
 * The parties' side of the API for the benchmark: HTTP calls to the local stack on 127.0.0.1 with
 * the local tokens (`infra/local/auth.ts`), each answer checked for the status the call expects.
 */
import { type LocalKey, signLocalToken } from '#infra/local/auth.ts';

export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;
export type Json = Record<string, unknown>;

/** Who calls: a party, optionally with roles (`dglz`). */
export type As = string | { readonly party: string; readonly roles: readonly string[] };

export class Api {
  readonly #tokens = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly key: LocalKey,
  ) {}

  /** The bearer token of `as` (signed once, 12 hours valid). */
  async token(as: As): Promise<string> {
    const subject = typeof as === 'string' ? { party: as, roles: [] } : as;
    const id = `${subject.party}/${subject.roles.join(' ')}`;
    let token = this.#tokens.get(id);
    if (!token) {
      token = await signLocalToken(this.key, subject);
      this.#tokens.set(id, token);
    }
    return token;
  }

  /** Sends the request and returns the JSON answer; throws unless the status is `expect`. */
  async call(
    as: As,
    method: string,
    path: string,
    body?: Json,
    expect = method === 'POST' ? [200, 201] : [200],
  ) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(as)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${expect.join('|')}: ${text}`);
    }
    return (text ? JSON.parse(text) : {}) as Json;
  }
}

/** The date part of the clock's time (a meeting's date). */
export const dateOf = (now: Date): string => now.toISOString().slice(0, 10);

const proposalBody = (title: string): Json => ({
  title,
  description: 'Benchmark proposal.',
  standards: ['iWmo'],
  kind: 'release',
});

/** A meeting on `date` and a proposal worked out and scheduled on it. */
export async function scheduledProposal(api: Api, date: string, title: string, after?: () => Promise<void>) {
  const step = after ?? (async () => undefined);
  const meeting = await api.call('ZIN', 'POST', '/meetings', { date, title: 'Stuurgroep' });
  await step();
  const proposal = await api.call('VNG', 'POST', '/proposals', proposalBody(title));
  await step();
  const id = String(proposal.id);
  const meetingId = String(meeting.id);
  await api.call('ZIN', 'POST', `/proposals/${id}/draft`, { text: 'The proposal worked out.' });
  await step();
  await api.call('ZIN', 'POST', `/proposals/${id}/schedule`, { meetingId });
  await step();
  return { id, meetingId };
}

/** Every voting party (and the chair) present, and the vote opened. */
export async function openVote(api: Api, id: string, meetingId: string, after?: () => Promise<void>) {
  const step = after ?? (async () => undefined);
  await api.call('ZIN', 'PUT', `/meetings/${meetingId}/attendance`, { present: [...VOTING_PARTIES, 'ZIN'] });
  await step();
  await api.call('ZIN', 'POST', `/proposals/${id}/vote`, {});
  await step();
}
