/** Parties: the register, and a party's notice of withdrawal (art. 10). */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { ok } from '#shared/http/route.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { giveWithdrawalNotice, revokeWithdrawalNotice } from '#shared/usecases/parties.ts';
import { listParties } from '#shared/usecases/queries.ts';
import { noticeView } from '#shared/views/registers.ts';
import { cloudDepsWithMail } from '../composition/mail.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { partiesRoutes } from './routes/parties.ts';
import type { ImplsOf } from './routes.ts';

/** What happens next, in words: the register changes by itself (DESIGN 2.5); nobody edits it. */
const instruction = (party: string, memberUntil: string) =>
  `Nothing to do: on the day after ${memberUntil} a new covenant version without ${party} as a member takes ` +
  `effect by itself. ${party} may revoke its notice until then (POST /parties/${party}/withdrawal/revocation).`;

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'parties'> = {
  'GET /parties': async ({ deps }) => ok(await listParties(deps)),
  'POST /parties/{party}/withdrawal': async ({ deps, params }) => {
    const given = await giveWithdrawalNotice(deps, params.party);
    const { notice, memberUntil, registerUpToDate } = given;
    const register = {
      memberUntil,
      withdrawalNoticeOn: notice.noticeOn,
      upToDate: registerUpToDate,
      instruction: instruction(notice.party, memberUntil),
    };
    return ok({ ...noticeView(notice), register }, 201);
  },
  'POST /parties/{party}/withdrawal/revocation': async ({ deps, params }) => {
    const notice = await revokeWithdrawalNotice(deps, params.party);
    return ok({ party: notice.party, noticeOn: notice.noticeOn, revoked: true });
  },
};

/** The parties resource's handler over `deps`. */
export function createPartiesHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, partiesRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () => createPartiesHandler(await cloudDepsWithMail()));
