/**
 * An HTTP client of the local stack that behaves like a careful party's system: every POST and
 * PUT carries an Idempotency-Key, and a request that failed because the server went away is sent
 * again with the same key once the server is back. What it had to do on the way (retries, the
 * answers it got) is kept per request, as evidence for the report.
 */
import { loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import type { StackProcess } from './stack-process.ts';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  /** The calling party; `roles` for VWS as DGLZ. */
  readonly as: string;
  readonly roles?: readonly string[];
  readonly body?: unknown;
  readonly idempotencyKey?: string;
}

export interface ApiResponse {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes; the tests read what they assert
  readonly body: any;
  readonly replayed: boolean;
}

/** Each attempt of one request, for the evidence of a finding. */
export interface AttemptLog {
  readonly request: string;
  readonly attempts: string[];
}

export interface CallOptions {
  /** Called right after the first attempt is sent (the crash test schedules a kill there). */
  readonly onSent?: () => void;
  /**
   * How many 409 idempotency-key-in-use answers to wait out (honouring Retry-After) before giving
   * up and returning that answer. @default 5
   */
  readonly inUseRetries?: number;
  /**
   * Send again after a network error. Off for requests that are not idempotent and carry no key
   * (advancing the clock): the caller decides again from what it reads. @default true
   */
  readonly retryNetworkErrors?: boolean;
}

const MAX_ATTEMPTS = 40;
const ATTEMPT_TIMEOUT_MS = 60_000;
const IN_USE = 'idempotency-key-in-use';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The problem type's last path segment (`…/problems/not-possible` → `not-possible`). */
export function problemType(body: unknown): string | undefined {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type.slice(type.lastIndexOf('/') + 1) : undefined;
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export class ApiClient {
  readonly #stack: StackProcess;
  readonly #tokens = new Map<string, Promise<string>>();
  readonly #key: ReturnType<typeof loadLocalKey>;
  /** Requests that needed more than one attempt, or ended in a 5xx. */
  readonly eventful: AttemptLog[] = [];

  constructor(stack: StackProcess) {
    this.#stack = stack;
    // The stack generates the key on its first start; the test signs with the same file.
    this.#key = loadLocalKey(stack.options.dataDir);
  }

  async call(request: ApiRequest, options: CallOptions = {}): Promise<ApiResponse> {
    const log: AttemptLog = {
      request: `${request.method} ${request.path}${request.idempotencyKey ? ` [key ${request.idempotencyKey}]` : ''} as ${request.as}`,
      attempts: [],
    };
    let inUse = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await this.#stack.whenReady();
      const sent = this.#send(request);
      if (attempt === 1) options.onSent?.();
      let response: Response;
      try {
        response = await sent;
      } catch (error) {
        log.attempts.push(`network error ${networkCode(error)}`);
        if (options.retryNetworkErrors === false) {
          this.eventful.push(log);
          throw error;
        }
        await sleep(50);
        continue;
      }
      const text = await response.text().catch((error: unknown) => {
        log.attempts.push(`body cut off: ${networkCode(error)}`);
        return undefined;
      });
      if (text === undefined) continue;
      const body = text === '' ? undefined : (JSON.parse(text) as unknown);
      const retryAfterMs = 1000 * Number(response.headers.get('retry-after') ?? 0.2);
      const type = problemType(body);
      log.attempts.push(`${response.status}${type ? ` ${type}` : ''}`);
      if (response.status === 503 || (response.status === 409 && type === IN_USE)) {
        if (response.status === 409 && ++inUse > (options.inUseRetries ?? 5)) {
          this.eventful.push(log);
          return { status: response.status, body, replayed: false };
        }
        await sleep(Math.min(retryAfterMs, 15_000));
        continue;
      }
      if (response.status >= 500) {
        log.attempts.push(`  ${text}`);
        this.eventful.push(log);
        await sleep(200);
        continue;
      }
      if (log.attempts.length > 1) this.eventful.push(log);
      return {
        status: response.status,
        body,
        replayed: response.headers.get('idempotent-replayed') === 'true',
      };
    }
    throw new Error(`${log.request}: no answer after ${MAX_ATTEMPTS} attempts: ${log.attempts.join('; ')}`);
  }

  /** The attempts of the last request that had several: for messages. */
  lastLogOf(requestPrefix: string): AttemptLog | undefined {
    return this.eventful.findLast((log) => log.request.startsWith(requestPrefix));
  }

  async #send(request: ApiRequest): Promise<Response> {
    const token = await this.#token(request.as, request.roles ?? []);
    return fetch(`${this.#stack.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
  }

  #token(party: string, roles: readonly string[]): Promise<string> {
    const id = `${party} ${roles.join(' ')}`;
    let token = this.#tokens.get(id);
    if (token === undefined) {
      token = this.#key.then((key) => signLocalToken(key, { party, roles }));
      this.#tokens.set(id, token);
    }
    return token;
  }
}
