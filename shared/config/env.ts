/**
 * The cloud environment, parsed with zod (its mini build) once at cold start. A missing or malformed variable
 * stops the function with a message naming each one and what it should hold.
 */
import * as z from 'zod/mini';

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/;

/** A string variable; a missing or malformed one is reported with what it should hold. */
const text = (holds: string, ...checks: z.core.$ZodCheck<string>[]) =>
  z.string({ error: holds }).check(...(checks.length > 0 ? checks : [z.minLength(1, holds)]));

/**
 * The variables the cloud functions read (the CDK stack sets them). zod's mini build: the tasks
 * that need no other schema (park, relay, sweeper) then carry ~10 KiB of zod instead of ~85.
 */
export const cloudEnvSchema = z.object({
  /** The single DynamoDB table (shared/store/table.ts). */
  TABLE_NAME: text('the name of the DynamoDB table'),
  /** The compiled proposal lifecycle (statemachines/proposal-lifecycle/proposal-lifecycle.asl.json). */
  STATE_MACHINE_ARN: text(
    'the ARN of the proposal lifecycle state machine',
    z.regex(STATE_MACHINE_ARN, 'the ARN of the proposal lifecycle state machine'),
  ),
  /** The covenant's dated effects (statemachines/dated-effects); without it nothing is scheduled. */
  DATED_EFFECTS_STATE_MACHINE_ARN: z.optional(
    text(
      'the ARN of the dated-effects state machine',
      z.regex(STATE_MACHINE_ARN, 'the ARN of the dated-effects state machine'),
    ),
  ),
  /** The API's public base URL, for links (Location, iCalendar) and the OpenAPI `servers`. */
  API_BASE_URL: z.url({ protocol: /^https?$/, error: "the API's public base URL, http(s)://…" }),
  POWERTOOLS_SERVICE_NAME: z._default(text('the service name in the logs'), 'besluitvorming'),
  /** The From address of the procedure's e-mails (the notify task). */
  MAIL_FROM: z.optional(z.email({ error: 'the From address of the e-mails' })),
  /** The display name of the e-mails' sender (`"Secretariaat Stuurgroep iStandaarden" <MAIL_FROM>`). */
  MAIL_FROM_NAME: z._default(
    z
      .string({ error: 'the display name of the sender' })
      .check(
        z.minLength(1, 'the display name of the sender'),
        z.maxLength(100, 'the display name of the sender, at most 100 characters'),
      ),
    'Secretariaat Stuurgroep iStandaarden',
  ),
  /**
   * The web app's base URL (CloudFront's), for the links in the e-mails to a proposal's page;
   * API_BASE_URL when absent (the app and the API share one origin there).
   */
  WEB_BASE_URL: z.optional(z.url({ protocol: /^https?$/, error: "the web app's base URL, http(s)://…" })),
  /** The SES configuration set the notify task sends through. */
  SES_CONFIGURATION_SET: z.optional(text('the SES configuration set')),
});

/** The parsed cloud environment. */
export type CloudEnv = z.infer<typeof cloudEnvSchema>;

/** The environment is not what the functions need. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. @throws ConfigError naming every variable that is missing or wrong */
export function parseCloudEnv(env: Readonly<Record<string, string | undefined>>): CloudEnv {
  const parsed = cloudEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}
