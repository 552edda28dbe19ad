/**
 * The deployment's settings, from CDK context (cdk.json's `context`, overridden with
 * `cdk deploy -c key=value`), validated once with messages that say what to set.
 */
import type { Node } from 'constructs';

export interface DeploymentContext {
  /** Prefix of the stack names (`<prefix>Data`, `<prefix>Auth`, `<prefix>Api`). */
  readonly stackPrefix: string;
  /** The From address of the procedure's e-mails. */
  readonly mailFrom: string;
  /** Verify the whole domain of mailFrom (`domain`, DKIM) or only the address (`email`). */
  readonly mailIdentity: 'domain' | 'email';
  /** Prefix of the Cognito domain, globally unique. */
  readonly authDomainPrefix: string;
  /** Callback URLs for people signing in with the authorization-code flow (none: SRP only). */
  readonly callbackUrls: readonly string[];
  /** Who receives the alarms by e-mail. */
  readonly alarmEmail?: string;
  /** The operators' own SNS topic for every alarm (instead of the API stack's topic). */
  readonly alarmTopicArn?: string;
  /** The API's public base URL when a custom domain fronts it. */
  readonly apiBaseUrl?: string;
  /** Encrypt the table with a customer-managed KMS key. */
  readonly customerManagedKey: boolean;
}

function optionalString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}; set it with -c ${key}=…`);
  }
  return value;
}

function requiredString(node: Node, key: string, example: string): string {
  const value = optionalString(node, key);
  if (value === undefined) {
    throw new Error(`context ${key} is missing; set it in cdk.json or with -c ${key}=${example}`);
  }
  return value;
}

/** A list given as a JSON array (cdk.json) or as a comma-separated string (`-c`). */
function stringList(node: Node, key: string): string[] {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  throw new Error(
    `context ${key} must be a list of strings or a comma-separated string, got ${JSON.stringify(value)}`,
  );
}

function flag(node: Node, key: string): boolean {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new Error(`context ${key} must be true or false, got ${JSON.stringify(value)}`);
}

/** Reads and checks the deployment's context values. */
export function readDeploymentContext(node: Node): DeploymentContext {
  const mailIdentity = optionalString(node, 'mailIdentity') ?? 'domain';
  if (mailIdentity !== 'domain' && mailIdentity !== 'email') {
    throw new Error(`context mailIdentity must be 'domain' or 'email', got '${mailIdentity}'`);
  }
  const alarmEmail = optionalString(node, 'alarmEmail');
  const alarmTopicArn = optionalString(node, 'alarmTopicArn');
  if (
    alarmTopicArn !== undefined &&
    !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(alarmTopicArn)
  ) {
    throw new Error(
      `context alarmTopicArn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), got '${alarmTopicArn}'`,
    );
  }
  const apiBaseUrl = optionalString(node, 'apiBaseUrl');
  return {
    stackPrefix: optionalString(node, 'stackPrefix') ?? 'Besluitvorming',
    mailFrom: requiredString(node, 'mailFrom', 'besluitvorming@example.org'),
    mailIdentity,
    authDomainPrefix: requiredString(node, 'authDomainPrefix', 'istandaarden-besluitvorming'),
    callbackUrls: stringList(node, 'callbackUrls'),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(alarmTopicArn ? { alarmTopicArn } : {}),
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    customerManagedKey: flag(node, 'customerManagedKey'),
  };
}
