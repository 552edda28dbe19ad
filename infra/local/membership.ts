/**
 * The local stack's side of "membership ended for PARTY on DAY" (art. 10): there are no Cognito
 * clients to disable here, so it records the event, one JSON line per call, in the data folder
 * (`membership-ended.jsonl`) and logs it. The cloud's adapter disables the party's clients and users.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MembershipEndedPort } from '#shared/ports/dated-effects.ts';

/** The file the local stack records ended memberships in, under its data folder. */
export const MEMBERSHIP_LOG = 'membership-ended.jsonl';

export class LocalMembershipLog implements MembershipEndedPort {
  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {}

  async membershipEnded(party: string, day: string): Promise<void> {
    this.logger.info('membership ended', { party, day });
    await appendFile(join(this.dataDir, MEMBERSHIP_LOG), `${JSON.stringify({ party, day })}\n`, {
      mode: 0o600,
    });
  }
}
