/**
 * The cloud composition root of the membership-ended task: the Cognito and Secrets Manager
 * clients behind the access-directory port, from the two variables the API stack sets for it.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { CognitoAccessDirectory } from '#shared/access/cognito-directory.ts';
import { ConfigError } from '#shared/config/env.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { endCloudAccess } from '#shared/usecases/end-cloud-access.ts';
import type { Env } from './clients.ts';
import { traced } from './tracing.ts';

const AccessEnv = z.object({
  /** The user pool of the parties' clients and people. */
  USER_POOL_ID: z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/)),
  /** The name prefix of the parties' client secrets, e.g. `BesluitvormingAuth/party-client/`. */
  PARTY_CLIENT_SECRET_PREFIX: z.string().check(z.minLength(1)),
});

/** The access directory, from the environment. @throws ConfigError naming what is missing */
export function cloudAccessDirectory(env: Env = process.env): CognitoAccessDirectory {
  const parsed = AccessEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return new CognitoAccessDirectory({
    cognito: traced(new CognitoIdentityProviderClient({})),
    secrets: traced(new SecretsManagerClient({})),
    userPoolId: parsed.data.USER_POOL_ID,
    secretPrefix: parsed.data.PARTY_CLIENT_SECRET_PREFIX,
  });
}

/**
 * "Membership ended for PARTY on DAY" in the cloud: closes the party's access in-process. Meant
 * for the composition of the function that applies a withdrawal (the covenant's dated effect), as
 * its membership seam; that function then needs `closesPartyAccess` in the API stack.
 */
export function cloudMembershipEnded(env: Env = process.env): {
  membershipEnded(party: string, day: string): Promise<void>;
} {
  const directory = cloudAccessDirectory(env);
  return {
    membershipEnded: async (party, day) => {
      await endCloudAccess({ directory, clock: systemClock }, { party, effectiveOn: day });
    },
  };
}
