/**
 * Per-party limits (issue 17, row 4): one party cannot starve the others, neither with a burst of
 * requests (a token bucket per party: 429 with Retry-After) nor by tabling item after item (a cap
 * on its open proposals).
 */
import { describe, expect, it } from 'vitest';
import {
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  type ProposalBody,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack({ limits: { rateLimit: { burst: 20, perSecond: 2 }, openProposalsPerParty: 3 } });

const item = (title: string) => ({ title, description: 'Inhoud', standards: ['iWmo'], kind: 'release' });

describe('per-party limits (issue 17, row 4)', () => {
  it('caps a party’s open proposals; withdrawing one makes room; other parties are not affected', async () => {
    const vng = stack.as('VNG');
    const tabled = [];
    for (let i = 0; i < 3; i++)
      tabled.push(expectStatus(await vng.post<ProposalBody>('/proposals', item(`VNG ${i}`)), 201));
    const fourth = await vng.post<ProblemBody & { open: number; limit: number }>('/proposals', item('VNG 3'));
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('content-type')).toBe('application/problem+json');
    expect(fourth.body).toMatchObject({ type: `${PROBLEM_BASE}too-many-open-proposals`, open: 3, limit: 3 });

    expectStatus(await stack.as('CAK').post('/proposals', item('CAK 0')), 201);

    expectStatus(await vng.post(`/proposals/${tabled[0]?.id}/withdrawal`, {}), 200);
    expectStatus(await vng.post('/proposals', item('VNG 3')), 201);
  });

  it('answers a burst beyond the bucket with 429 and Retry-After, while another party is served', async () => {
    const kbsd = stack.as('KBSD');
    const replies = await Promise.all(Array.from({ length: 30 }, () => kbsd.get<ProblemBody>('/parties')));
    const refused = replies.filter((r) => r.status === 429);
    expect(replies.filter((r) => r.status === 200).length).toBeLessThanOrEqual(21);
    expect(refused.length).toBeGreaterThanOrEqual(9);
    for (const reply of refused) {
      expect(reply.body.type).toBe(`${PROBLEM_BASE}too-many-requests`);
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expectStatus(await stack.as('GGZ').get('/parties'), 200);
  });
});
