/**
 * The cloud environment, parsed with zod once at cold start. A missing or malformed variable
 * stops the function with a message naming each one and what it should hold.
 */
import * as z from 'zod';

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/;

/** The variables the cloud functions read (the CDK stack sets them). */
export const cloudEnvSchema = z.object({
  /** The single DynamoDB table (shared/store/table.ts). */
  TABLE_NAME: z.string().min(1, 'the name of the DynamoDB table'),
  /** The compiled proposal lifecycle (statemachines/proposal-lifecycle/proposal-lifecycle.asl.json). */
  STATE_MACHINE_ARN: z.string().regex(STATE_MACHINE_ARN, 'the ARN of the proposal lifecycle state machine'),
  /** The covenant's dated effects (statemachines/dated-effects); without it nothing is scheduled. */
  DATED_EFFECTS_STATE_MACHINE_ARN: z
    .string()
    .regex(STATE_MACHINE_ARN, 'the ARN of the dated-effects state machine')
    .optional(),
  /** The API's public base URL, for links (Location, iCalendar) and the OpenAPI `servers`. */
  API_BASE_URL: z.url({ protocol: /^https?$/ }),
  /** The seed of covenant version 1 as JSON (written once; DESIGN 2.5); register.json when absent. */
  REGISTER_JSON: z.string().min(2).optional(),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('besluitvorming'),
  /** The From address of the procedure's e-mails (the notify task). */
  MAIL_FROM: z.email().optional(),
  /** The display name of the e-mails' sender (`"Secretariaat Stuurgroep iStandaarden" <MAIL_FROM>`). */
  MAIL_FROM_NAME: z.string().min(1).max(100).default('Secretariaat Stuurgroep iStandaarden'),
  /**
   * The web app's base URL (CloudFront's), for the links in the e-mails to a proposal's page;
   * API_BASE_URL when absent (the app and the API share one origin there).
   */
  WEB_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The SES configuration set the notify task sends through. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
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
