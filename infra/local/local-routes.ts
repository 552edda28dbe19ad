/**
 * Local-only routes (`/_local/…`): they exist on the local stack and nowhere in the cloud.
 * `GET outbox` lists the sent e-mails, `GET|POST clock` reads or advances the one clock of the
 * engine and the handlers (due deadlines fire as they would), `POST settle` waits until every
 * consequence of what happened so far has played out (for scripts and tests).
 */
import * as z from 'zod';
import { listOutbox } from '#shared/mail/outbox-mailer.ts';
import type { AdjustableClock } from './clock.ts';
import type { LocalRoute } from './server.ts';

const AdvanceBody = z.object({ advanceDays: z.number().positive().max(3660) }).strict();

const invalid = (detail: string) => ({
  status: 400,
  body: {
    type: 'https://besluitvorming.istandaarden.example/problems/invalid-request',
    title: 'Invalid request',
    status: 400,
    detail,
  },
});

const methodNotAllowed = {
  status: 405,
  body: {
    type: 'https://besluitvorming.istandaarden.example/problems/method-not-allowed',
    title: 'Method not allowed',
    status: 405,
  },
};

export function localRoutes(deps: {
  clock: AdjustableClock;
  outboxDir: string;
  settle: () => Promise<void>;
}): ReadonlyMap<string, LocalRoute> {
  const routes: Record<'outbox' | 'clock' | 'settle', LocalRoute> = {
    outbox: async ({ method }) => {
      if (method !== 'GET') return methodNotAllowed;
      await deps.settle();
      const sent = await listOutbox(deps.outboxDir);
      return {
        status: 200,
        body: sent.map(({ to, cc, subject, proposalId, step, at, messageId }) => ({
          to,
          cc,
          subject,
          proposalId,
          step,
          at,
          messageId,
        })),
      };
    },
    clock: async ({ method, body }) => {
      if (method === 'GET') return { status: 200, body: { now: deps.clock.now().toISOString() } };
      if (method !== 'POST') return methodNotAllowed;
      let json: unknown;
      try {
        json = JSON.parse(body || '{}');
      } catch {
        return invalid('the body is not JSON');
      }
      const parsed = AdvanceBody.safeParse(json);
      if (!parsed.success) return invalid('send {"advanceDays": <a positive number of days>}');
      // Let what is under way park first, so its deadlines are armed before the clock jumps.
      await deps.settle();
      deps.clock.advance(parsed.data.advanceDays * 86_400_000);
      await deps.settle();
      return { status: 200, body: { now: deps.clock.now().toISOString() } };
    },
    settle: async ({ method }) => {
      if (method !== 'POST') return methodNotAllowed;
      await deps.settle();
      return { status: 200, body: { settled: true } };
    },
  };
  // A Map, so that only these names are routes (an object would also answer `constructor`).
  return new Map(Object.entries(routes));
}
