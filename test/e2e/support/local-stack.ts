/**
 * One local stack per end-to-end test file: the whole system in process (engine, handlers, relay
 * loop) on a fresh table of the DynamoDB Local the integration project shares, with a temporary
 * data directory (token key, outbox, clock). The scenarios talk to it over HTTP only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type LocalKey, loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '#infra/local/stack.ts';
import type { Register } from '#shared/covenant/index.ts';
import { DYNAMODB_ENDPOINT_KEY } from '#test/support/dynamodb-endpoint.ts';
import type { OutboxEntry } from './api.ts';
import { type PartyClient, partyClient, send } from './client.ts';
import { DAY_MS } from './dates.ts';

/** What a test file gets from {@link useLocalStack} (usable from its tests on). */
export interface E2eStack {
  /** `http://localhost:<port>` */
  readonly baseUrl: string;
  /** The stack's data directory (token key, outbox, clock). */
  readonly dataDir: string;
  /** A client that calls the API as `party`, with a token carrying `roles` (e.g. `dglz`). */
  as(party: string, roles?: readonly string[]): PartyClient;
  /** The local stack's clock (`GET /_local/clock`). */
  now(): Promise<string>;
  /**
   * Moves the clock forward (`POST /_local/clock`), which waits until the deadlines that fell due
   * have fired. It settles first, as real time would: a jump of weeks must not overtake the workflow
   * still parking after the last request (a deadline armed after the jump is late by the whole
   * jump). Pass `settleFirst: false` to jump at once, as a script calling the route would.
   */
  advanceDays(days: number, options?: { readonly settleFirst?: boolean }): Promise<string>;
  /** Moves the clock to `instant` (it must lie ahead), as {@link advanceDays} does. */
  advanceTo(instant: string): Promise<string>;
  /** Waits until every consequence of what happened so far has played out (`POST /_local/settle`). */
  settle(): Promise<void>;
  /** Every e-mail sent so far, oldest first (`GET /_local/outbox`). */
  outbox(): Promise<OutboxEntry[]>;
  /** The local engine's Step Functions endpoint, as an operator's `@aws-sdk/client-sfn` reaches it. */
  readonly sfnEndpoint: string;
  /** The lifecycle state machine's ARN in the local engine. */
  readonly stateMachineArn: string;
}

/**
 * Registers the beforeAll/afterAll hooks that start one local stack for this file and stop it (and
 * remove its data directory) afterwards. Call it at the top level of the file.
 */
export function useLocalStack(
  options: {
    readonly register?: Register;
    /** Other limits than the local stack's defaults (issue 17, row 4). */
    readonly limits?: Pick<LocalStackOptions, 'rateLimit' | 'openProposalsPerParty'>;
  } = {},
): E2eStack {
  let started: { stack: LocalStack; key: LocalKey; dataDir: string } | undefined;
  const tokens = new Map<string, Promise<string>>();

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
    const endpoint = inject(DYNAMODB_ENDPOINT_KEY);
    try {
      const stack = await startLocalStack({
        port: 0,
        dataDir,
        tableName: `e2e-${randomUUID()}`,
        ...(options.register ? { register: options.register } : {}),
        ...options.limits,
        // Without the integration project's globalSetup the stack starts its own, in memory.
        ...(endpoint === undefined ? { inMemory: true } : { dynamoDbEndpoint: endpoint }),
      });
      started = { stack, key: await loadLocalKey(dataDir), dataDir };
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  });

  afterAll(async () => {
    if (!started) return;
    try {
      await started.stack.stop();
    } finally {
      rmSync(started.dataDir, { recursive: true, force: true });
      started = undefined;
    }
  });

  const running = () => {
    if (!started) throw new Error('useLocalStack: use the stack in a test (after beforeAll)');
    return started;
  };
  const token = (party: string, roles: readonly string[]) => {
    const id = `${party} ${[...roles].sort().join(' ')}`;
    let signed = tokens.get(id);
    if (!signed) {
      signed = signLocalToken(running().key, { party, roles });
      tokens.set(id, signed);
    }
    return signed;
  };
  // The local routes are ZIN's, and take JSON (issue 17, row 7).
  const local = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const reply = await send<T>(running().stack.baseUrl, method, `/_local/${path}`, {
      body: method === 'POST' ? (body ?? {}) : body,
      token: await token('ZIN', []),
    });
    if (reply.status !== 200) throw new Error(`${method} /_local/${path}: ${reply.status}`);
    return reply.body;
  };
  const stack: E2eStack = {
    get baseUrl() {
      return running().stack.baseUrl;
    },
    get dataDir() {
      return running().dataDir;
    },
    as: (party, roles = []) =>
      partyClient(
        () => running().stack.baseUrl,
        () => token(party, roles),
      ),
    now: async () => (await local<{ now: string }>('GET', 'clock')).now,
    advanceDays: async (days, { settleFirst = true } = {}) => {
      if (settleFirst) await stack.settle();
      return (await local<{ now: string }>('POST', 'clock', { advanceDays: days })).now;
    },
    advanceTo: async (instant) => {
      await stack.settle();
      const ms = Date.parse(instant) - Date.parse(await stack.now());
      if (!(ms > 0)) throw new Error(`advanceTo: ${instant} is not ahead of the clock`);
      return stack.advanceDays(ms / DAY_MS);
    },
    settle: async () => {
      await local('POST', 'settle');
    },
    outbox: () => local<OutboxEntry[]>('GET', 'outbox'),
    get sfnEndpoint() {
      return running().stack.sfnEndpoint;
    },
    get stateMachineArn() {
      return running().stack.stateMachineArn;
    },
  };
  return stack;
}
