/**
 * Membership-ended task (issue 17, item 2, the cloud half): when a party's withdrawal takes effect
 * (art. 10), the workflow step that ends its membership invokes this with `{party, effectiveOn}`;
 * the party's machine client stops getting tokens and its people are disabled. A refusal (bad
 * input, a date still ahead) fails the invocation with the reason, for the step's retry or alarm.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import type { AccessDirectory } from '#shared/ports/access-directory.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { type CloudAccessEnded, endCloudAccess } from '#shared/usecases/end-cloud-access.ts';
import { cloudAccessDirectory } from '../composition/access.ts';
import { onFirstCall } from '../composition/on-first-call.ts';

/** The task's input: a register party id and the first day it is no longer a member. */
export const MembershipEndedInput = z.object({
  party: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/)),
  effectiveOn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
});

/** The input is not `{party, effectiveOn}`. */
export class MembershipEndedInputError extends Error {
  override readonly name = 'MembershipEndedInputError';
}

export interface MembershipEndedDeps {
  readonly directory: AccessDirectory;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'info'>;
}

export const createMembershipEndedHandler =
  (deps: MembershipEndedDeps) =>
  async (event: unknown): Promise<CloudAccessEnded> => {
    const input = MembershipEndedInput.safeParse(event);
    if (!input.success) {
      throw new MembershipEndedInputError(
        `expected {party: a register party id, effectiveOn: YYYY-MM-DD}, got ${JSON.stringify(event)}`,
      );
    }
    const ended = await endCloudAccess(deps, input.data);
    // Counts and ids only: no person's name or address in the logs (DESIGN 6).
    deps.logger.info('cloud access ended', {
      party: ended.party,
      effectiveOn: ended.effectiveOn,
      clientClosed: ended.machineClient.clientId !== undefined,
      secretMarked: ended.machineClient.secretMarked,
      peopleDisabled: ended.peopleDisabled,
    });
    return ended;
  };

/** The Lambda entry point, wired on first use. */
export const handler = onFirstCall(
  (): ReturnType<typeof createMembershipEndedHandler> =>
    createMembershipEndedHandler({
      directory: cloudAccessDirectory(),
      clock: systemClock,
      logger: new Logger({ serviceName: 'besluitvorming-access' }),
    }),
);
