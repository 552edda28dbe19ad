/**
 * Runs a lifecycle script against a stack, optionally with chaos: SIGKILLs of the stack at random
 * points — while a request is in flight, a moment after an answer (while the engine sends e-mail
 * and parks), and again while the stack is starting up. Requests that failed because of a kill are
 * sent again with the same Idempotency-Key. What happened on the way is recorded, not hidden.
 */
import type { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { type ApiClient, type ApiResponse, problemType } from './api-client.ts';
import type { AdvanceStep, Lifecycle, RequestStep, ScriptContext } from './lifecycles.ts';
import type { Rng } from './rng.ts';
import type { StackProcess } from './stack-process.ts';

export interface Chaos {
  readonly rng: Rng;
  /** Chance to kill while a request is in flight (0–`duringMaxMs` after it is sent). */
  readonly pDuring: number;
  readonly duringMaxMs: number;
  /** Chance to kill shortly (0–`afterMaxMs`) after an answer. */
  readonly pAfter: number;
  readonly afterMaxMs: number;
  /** Chance, per restart, to kill the new incarnation again while it starts (once). */
  readonly pWhileStarting: number;
}

/** A misbehaviour seen on the way, with its evidence. */
export interface Incident {
  readonly kind: 'idempotency-key-stuck' | 'server-error' | 'clock-moved-back';
  readonly detail: string;
}

export interface LifecycleRun {
  readonly name: string;
  readonly template: string;
  proposalId?: string;
  stepsDone: number;
  readonly kills: string[];
  readonly incidents: Incident[];
  error?: string;
  durationMs: number;
}

export interface RunnerDeps {
  readonly stack: StackProcess;
  readonly client: ApiClient;
  readonly store: DynamoDbStore;
}

const DAY_MS = 86_400_000;
/**
 * A client honouring Retry-After: a key claimed by a request that died with the stack answers
 * 409 idempotency-key-in-use until the claim lapses (12 s, longer than a request may run), and
 * says so in Retry-After.
 */
const IN_USE_RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Driver {
  readonly ctx: ScriptContext;
  readonly pendingKills = new Set<Promise<void>>();
  #lastClock = 0;
  #startsSeen: number;

  constructor(
    readonly deps: RunnerDeps,
    readonly run: LifecycleRun,
    readonly chaos: Chaos | undefined,
  ) {
    this.ctx = { name: run.name };
    this.#startsSeen = deps.stack.starts;
  }

  /** SIGKILL now, restart in the background; the next request waits for it. */
  kill(where: string): void {
    const { chaos, deps } = this;
    if (chaos === undefined) return;
    let againOnce = chaos.rng.chance(chaos.pWhileStarting);
    const againAfter = chaos.rng.int(100, 1500);
    const killed = deps.stack.crashAndRestart(() => {
      if (!againOnce) return undefined;
      againOnce = false;
      this.run.kills.push(`while restarting after '${where}' (${againAfter} ms in)`);
      return againAfter;
    });
    if (killed) this.run.kills.push(where);
  }

  /** Schedules a kill `delayMs` from now; the lifecycle waits for it before it ends. */
  killLater(delayMs: number, where: string): void {
    const pending = sleep(delayMs).then(() => this.kill(where));
    this.pendingKills.add(pending);
    void pending.finally(() => this.pendingKills.delete(pending));
  }

  /** After a restart: the clock must not have moved back (it never does, DESIGN 3.3). */
  async checkClockAfterRestart(): Promise<void> {
    await this.deps.stack.whenReady();
    if (this.deps.stack.starts === this.#startsSeen) return;
    this.#startsSeen = this.deps.stack.starts;
    const now = await this.clockNow();
    if (now < this.#lastClock) {
      this.run.incidents.push({
        kind: 'clock-moved-back',
        detail: `after a restart the clock reads ${new Date(now).toISOString()}, before ${new Date(this.#lastClock).toISOString()} read earlier`,
      });
    }
  }

  async clockNow(): Promise<number> {
    const response = await this.deps.client.call({ method: 'GET', path: '/_local/clock', as: 'ZIN' });
    const now = Date.parse(String(response.body?.now));
    this.#lastClock = Math.max(this.#lastClock, now);
    return now;
  }

  /** Moves the clock to a fixed target, so a crash mid-advance is not advanced twice. */
  async advance(step: AdvanceStep): Promise<void> {
    const target = (await this.clockNow()) + step.days * DAY_MS;
    for (let attempt = 1; attempt <= 20; attempt++) {
      await this.checkClockAfterRestart();
      const now = await this.clockNow();
      if (now >= target) return;
      try {
        const response = await this.deps.client.call(
          {
            method: 'POST',
            path: '/_local/clock',
            as: 'ZIN',
            body: { advanceDays: (target - now) / DAY_MS },
          },
          { retryNetworkErrors: false, onSent: () => this.maybeKillDuring(step.label) },
        );
        if (response.status !== 200) throw new Error(`advancing the clock answered ${response.status}`);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error; // fetch's network failure: read the clock again
      }
    }
    throw new Error(`${step.label}: the clock did not reach its target after 20 attempts`);
  }

  maybeKillDuring(label: string): void {
    const { chaos } = this;
    if (chaos === undefined || !chaos.rng.chance(chaos.pDuring)) return;
    const delay = chaos.rng.int(0, chaos.duringMaxMs);
    this.killLater(delay, `during '${label}' (${delay} ms after sending)`);
  }

  async maybeKillAfter(label: string): Promise<void> {
    const { chaos } = this;
    if (chaos === undefined || !chaos.rng.chance(chaos.pAfter)) return;
    const delay = chaos.rng.int(0, chaos.afterMaxMs);
    await sleep(delay);
    this.kill(`${delay} ms after the answer to '${label}'`);
  }

  async versionNow(): Promise<number> {
    const response = await this.deps.client.call({
      method: 'GET',
      path: `/proposals/${this.ctx.proposalId}`,
      as: 'ZIN',
    });
    return Number(response.body?.version);
  }

  async request(step: RequestStep, key: string): Promise<void> {
    await this.checkClockAfterRestart();
    const request = step.request(this.ctx);
    const before = step.effect.kind === 'proposal-event' ? await this.versionNow() : undefined;
    let response = await this.deps.client.call(
      { ...request, idempotencyKey: key },
      { onSent: () => this.maybeKillDuring(step.label), inUseRetries: IN_USE_RETRIES },
    );
    if (response.status === 409 && problemType(response.body) === 'idempotency-key-in-use') {
      const phase = this.ctx.proposalId ? await this.phaseNow() : 'none yet';
      this.run.incidents.push({
        kind: 'idempotency-key-stuck',
        detail: `${request.method} ${request.path} with Idempotency-Key ${key}: after a crash the same request answers 409 idempotency-key-in-use ${IN_USE_RETRIES + 1} times, honouring Retry-After; the proposal's phase is now ${phase}`,
      });
      response = await this.reconcile(step, key, before);
    }
    if (response.status !== step.expect) {
      throw new Error(
        `${step.label}: expected ${step.expect}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    if (step.effect.kind === 'creates-proposal') this.ctx.proposalId = String(response.body.id);
    if (step.effect.kind === 'creates-meeting') this.ctx.meetingId = String(response.body.id);
    await this.maybeKillAfter(step.label);
  }

  async phaseNow(): Promise<string> {
    const response = await this.deps.client.call({
      method: 'GET',
      path: `/proposals/${this.ctx.proposalId}`,
      as: 'ZIN',
    });
    return `${response.body?.phase} (v${response.body?.version})`;
  }

  /**
   * The key is stuck: find out, as a client would by reading, whether the request took effect; if
   * not, send it with a new key. Keeps the lifecycle going so every other property is still checked.
   */
  async reconcile(step: RequestStep, key: string, before: number | undefined): Promise<ApiResponse> {
    const { client, store } = this.deps;
    const request = step.request(this.ctx);
    const again = () => client.call({ ...request, idempotencyKey: `${key}.again` });
    const found = (body: unknown): ApiResponse => ({ status: step.expect, body, replayed: false });
    switch (step.effect.kind) {
      case 'repeatable':
        return again();
      case 'proposal-event': {
        const id = String(this.ctx.proposalId);
        const version = await this.versionNow();
        const last = (await store.listEvents(id)).at(-1);
        if (version === before) return again();
        if (version === (before ?? 0) + 1 && last?.type === step.effect.event) {
          return found((await client.call({ method: 'GET', path: `/proposals/${id}`, as: 'ZIN' })).body);
        }
        throw new Error(`${step.label}: the proposal went from v${before} to v${version} (${last?.type})`);
      }
      case 'creates-proposal': {
        const title = (request.body as { title: string }).title;
        // The list comes a page at a time: follow `next` to the last page.
        let cursor: string | undefined;
        do {
          const query = `?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
          const list = await client.call({ method: 'GET', path: `/proposals${query}`, as: 'ZIN' });
          const existing = list.body.proposals.find((p: { title: string }) => p.title === title);
          if (existing) return found(existing);
          cursor = list.body.next;
        } while (cursor !== undefined);
        return again();
      }
      case 'creates-meeting': {
        const list = await client.call({ method: 'GET', path: '/meetings?limit=200', as: 'ZIN' });
        const title = (request.body as { title: string }).title;
        const existing = (list.body.meetings ?? list.body).find((m: { title?: string }) => m.title === title);
        return existing ? found(existing) : again();
      }
      case 'closes-meeting': {
        const response = await again();
        return response.status === 409 && problemType(response.body) === 'meeting-closed'
          ? found(response.body)
          : response;
      }
    }
  }

  /** Waits for the kills under way, then until the stack has played out everything so far. */
  async settle(): Promise<void> {
    while (this.pendingKills.size > 0) await Promise.all([...this.pendingKills]);
    await this.settleNow();
    await this.deps.stack.whenReady();
  }

  async settleNow(): Promise<void> {
    await this.checkClockAfterRestart();
    const response = await this.deps.client.call({
      method: 'POST',
      path: '/_local/settle',
      as: 'ZIN',
      body: {},
    });
    if (response.status !== 200) throw new Error(`settle answered ${response.status}`);
  }
}

/** Runs `lifecycle` to its end (or its first unexpected answer) and records what happened. */
export async function runLifecycle(
  deps: RunnerDeps,
  lifecycle: Lifecycle,
  name: string,
  chaos?: Chaos,
): Promise<LifecycleRun> {
  const began = Date.now();
  const run: LifecycleRun = {
    name,
    template: lifecycle.template,
    stepsDone: 0,
    kills: [],
    incidents: [],
    durationMs: 0,
  };
  const driver = new Driver(deps, run, chaos);
  try {
    await driver.clockNow();
    for (const [index, step] of lifecycle.steps.entries()) {
      const key = `faults-${name}-${String(index).padStart(2, '0')}-${step.label}`;
      if (step.kind === 'advance') await driver.advance(step);
      else await driver.request(step, key);
      if (driver.ctx.proposalId !== undefined) run.proposalId = driver.ctx.proposalId;
      run.stepsDone++;
    }
  } catch (error) {
    run.error = (error as Error).message;
  }
  try {
    await driver.settle();
  } catch (error) {
    run.error ??= `settling: ${(error as Error).message}`;
  }
  run.durationMs = Date.now() - began;
  return run;
}
