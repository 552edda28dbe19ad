/**
 * Every list a page at a time (issue 17, row 5): `limit` and an opaque `cursor` in, `next` in the
 * body and a `Link: <…>; rel="next"` header out, so that no list request reads or returns more than
 * one page, however many proposals, meetings and decisions the table holds.
 */
import { describe, expect, it } from 'vitest';
import {
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  type Reply,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

interface Paged {
  readonly next?: string;
}

/** Follows `next` (checking it against the Link header) until the last page; every page's items. */
async function allPages<T extends Paged>(path: string, items: (page: T) => readonly unknown[]) {
  const pages: unknown[][] = [];
  let url: string | undefined = path;
  while (url !== undefined) {
    const reply: Reply<T> = await stack.as('KBSD').get<T>(url);
    const page = expectStatus(reply, 200);
    pages.push([...items(page)]);
    const link = reply.headers.get('link');
    if (page.next === undefined) {
      expect(link).toBeNull();
      url = undefined;
    } else {
      const target = /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1] ?? '';
      const next = new URL(target);
      expect(next.searchParams.get('cursor')).toBe(page.next);
      url = `${next.pathname}${next.search}`;
    }
  }
  return pages;
}

describe('pagination (issue 17, row 5)', () => {
  it('pages the meetings: limit items per page, next and Link until the last page, nothing lost or repeated', async () => {
    const today = await api.today();
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await api.createMeeting(`Vergadering ${i}`, today)).id);
    const pages = await allPages<Paged & { meetings: { id: string }[] }>('/meetings?limit=3', (p) =>
      p.meetings.map((m) => m.id),
    );
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().sort()).toEqual([...created].sort());
  });

  it('pages the proposals with their filters kept in the next page’s URL', async () => {
    const iJw = [];
    for (let i = 0; i < 5; i++)
      iJw.push((await api.table({ title: `iJw-voorstel ${i}`, standards: ['iJw'] })).id);
    await api.table({ title: 'iWmo-voorstel', standards: ['iWmo'] });
    const pages = await allPages<Paged & { proposals: { id: string; standards: string[] }[] }>(
      '/proposals?standard=iJw&phase=submitted&limit=2',
      (p) => p.proposals,
    );
    const found = pages.flat() as { id: string; standards: string[] }[];
    expect(found.map((p) => p.id).sort()).toEqual([...iJw].sort());
    expect(found.every((p) => p.standards.includes('iJw'))).toBe(true);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
  });

  it('pages the decision register and the deadlines', async () => {
    for (const title of ['Besluit A', 'Besluit B']) {
      const { id } = await api.scheduled({ title });
      await api.consensus(id, 'adopted');
    }
    const decisions = await allPages<Paged & { decisions: unknown[] }>(
      '/decisions?limit=1',
      (p) => p.decisions,
    );
    expect(decisions.flat().length).toBeGreaterThanOrEqual(2);
    expect(decisions.every((p) => p.length <= 1)).toBe(true);
    const deadlines = expectStatus(
      await stack.as('KBSD').get<Paged & { deadlines: unknown[] }>('/deadlines?limit=5'),
      200,
    );
    expect(deadlines.deadlines.length).toBeLessThanOrEqual(5);
  });

  it('pages a proposal’s audit trail, in order, and refuses another proposal’s cursor', async () => {
    const { id } = await api.scheduled({ title: 'Historie' });
    await api.consensus(id, 'adopted');
    const pages = await allPages<Paged & { events: { version: number }[] }>(
      `/proposals/${id}/history?limit=2`,
      (p) => p.events.map((e) => e.version),
    );
    const versions = pages.flat() as number[];
    expect(versions.length).toBeGreaterThanOrEqual(4);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    const other = await api.table({ title: 'Ander voorstel' });
    const first = expectStatus(await stack.as('KBSD').get<Paged>(`/proposals/${id}/history?limit=1`), 200);
    const foreign = await stack
      .as('KBSD')
      .get<ProblemBody>(`/proposals/${other.id}/history?cursor=${first.next}`);
    expect(foreign.status).toBe(400);
  });

  it('answers 50 items when no limit is given, and refuses a limit outside 1–200', async () => {
    for (const limit of ['0', '201', '-1', 'abc', '1.5']) {
      const reply = await stack.as('KBSD').get<ProblemBody>(`/meetings?limit=${limit}`);
      expect(reply.status, limit).toBe(400);
      expect(reply.body.type).toBe(`${PROBLEM_BASE}invalid-request`);
    }
  });

  it('refuses a cursor it did not hand out, or one handed out by another list', async () => {
    const meetings = expectStatus(await stack.as('KBSD').get<Paged>('/meetings?limit=1'), 200);
    expect(meetings.next).toBeDefined();
    const forged = Buffer.from(
      JSON.stringify({ pk: 'PROPOSAL#x', sk: 'PROPOSAL', gsi1pk: 'SIGNALS', gsi1sk: 'a' }),
    ).toString('base64url');
    for (const [path, cursor] of [
      ['/decisions', meetings.next],
      ['/proposals', meetings.next],
      ['/meetings', forged],
      ['/meetings', 'bm90LWpzb24'],
    ] as const) {
      const reply = await stack.as('KBSD').get<ProblemBody>(`${path}?cursor=${cursor}`);
      expect(reply.status, `${path} ${cursor}`).toBe(400);
      expect(reply.body.type).toBe(`${PROBLEM_BASE}invalid-request`);
    }
  });
});
