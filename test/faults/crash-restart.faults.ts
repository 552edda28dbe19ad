/**
 * Crash and restart (DESIGN 3.2, 3.3): 30 proposal lifecycles driven over HTTP while the local
 * stack — API, handlers, engine, relay — is killed with SIGKILL at random points and started again
 * on the same data and the same DynamoDB. Each lifecycle must end exactly as the same script ends
 * on a stack that is never killed (the reference, on a table of its own), with DynamoDB and the
 * workflow execution in agreement, no signal left undelivered and no e-mail lost or doubled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '#shared/mail/outbox-mailer.ts';
import { FaultEnvironment, progress, type Side } from './support/environment.ts';
import { type Lifecycle, TEMPLATES } from './support/lifecycles.ts';
import {
  disagreement,
  leftoverSignals,
  type MailEntry,
  outboxOf,
  type ProposalSnapshot,
  snapshotOf,
  strayTokens,
} from './support/observe.ts';
import { runSeed } from './support/rng.ts';
import { type Chaos, type LifecycleRun, runLifecycle } from './support/runner.ts';

/** 30; `FAULTS_LIFECYCLES` runs fewer while investigating. */
const LIFECYCLES = Number(process.env.FAULTS_LIFECYCLES ?? 30);
/** Past this, no new lifecycle starts (each one's own loops are bounded too). */
const BUDGET_MS = 12 * 60_000;
const { base: seed, rng } = runSeed('crash-restart');
const chaos: Chaos = {
  rng,
  pDuring: 0.15,
  duringMaxMs: 150,
  pAfter: 0.12,
  afterMaxMs: 300,
  pWhileStarting: 0.2,
};

interface Outcome {
  readonly run: LifecycleRun;
  readonly snapshot?: ProposalSnapshot;
  readonly snapshotError?: string;
}

interface SideResult {
  readonly side: Side;
  readonly outcomes: Map<string, Outcome>;
  outbox: (MailEntry & { proposalId: string })[];
  orphanEmlFiles: string[];
}

const env = new FaultEnvironment();
const plan: { name: string; lifecycle: Lifecycle }[] = rng
  .shuffle(Array.from({ length: LIFECYCLES }, (_, i) => TEMPLATES[i % TEMPLATES.length] as Lifecycle))
  .map((lifecycle, i) => ({ name: `L${String(i + 1).padStart(2, '0')}`, lifecycle }));
let reference: SideResult;
let crashed: SideResult;
const began = Date.now();

async function runSide(side: Side, withChaos: Chaos | undefined): Promise<SideResult> {
  const outcomes = new Map<string, Outcome>();
  const stop = began + BUDGET_MS;
  for (const { name, lifecycle } of plan) {
    if (Date.now() > stop) {
      const run = {
        name,
        template: lifecycle.template,
        stepsDone: 0,
        kills: [],
        incidents: [],
        durationMs: 0,
      };
      outcomes.set(name, { run: { ...run, error: 'not run: the time budget was spent' } });
      continue;
    }
    const run = await runLifecycle(side, lifecycle, name, withChaos);
    let outcome: Outcome = { run };
    if (run.proposalId !== undefined) {
      try {
        outcome = { run, snapshot: await snapshotOf(side, run.proposalId) };
      } catch (error) {
        outcome = { run, snapshotError: (error as Error).message };
      }
    }
    outcomes.set(name, outcome);
    const end = outcome.snapshot
      ? `${outcome.snapshot.stateKey}${outcome.snapshot.decision?.objection ? ` (objection ${outcome.snapshot.decision.objection})` : ''}`
      : 'no snapshot';
    progress(
      `[${side.name} ${name} ${lifecycle.template}] ${run.stepsDone}/${lifecycle.steps.length} steps, ` +
        `${run.kills.length} kills, ${run.incidents.length} incidents, ${end}, ${(run.durationMs / 1000).toFixed(1)} s` +
        `${run.error ? ` — ERROR ${run.error}` : ''}`,
    );
  }
  const outbox = await outboxOf(side.client);
  // A crash between writing a message and its listing entry leaves a file that nobody lists.
  const outboxDir = join(side.stack.options.dataDir, 'outbox');
  const listed = new Set((await listOutbox(outboxDir)).map((entry) => entry.file));
  const orphanEmlFiles = readdirSync(outboxDir).filter((file) => file.endsWith('.eml') && !listed.has(file));
  return { side, outcomes, outbox, orphanEmlFiles };
}

/** Lines of the stacks' logs that speak of errors: evidence for the report. */
function notableLogLines(side: Side): string[] {
  const text = readFileSync(side.stack.options.logFile, 'utf8');
  return text.split('\n').filter((line) => /error|exception|unhandled/i.test(line));
}

const pairs = () =>
  plan.map(({ name, lifecycle }) => ({
    name,
    lifecycle,
    ref: reference.outcomes.get(name),
    got: crashed.outcomes.get(name),
  }));

const describeEnd = (snapshot: ProposalSnapshot | undefined) => {
  if (snapshot === undefined) return undefined;
  const { phase, stateKey, decision } = snapshot;
  const objection = decision?.objection ? { objection: decision.objection } : {};
  return {
    phase,
    stateKey,
    ...(decision ? { decision: { outcome: decision.outcome, via: decision.via, ...objection } } : {}),
  };
};

/**
 * A message with its proposal's id replaced by `P`: both runs use the same Idempotency-Keys and so
 * the same ids, except where a stuck key made the client table the proposal again under a new key.
 */
function anonymous(mail: MailEntry, proposalId: string | undefined): MailEntry {
  const hide = (text: string) => (proposalId ? text.split(proposalId).join('P') : text);
  return { ...mail, messageId: hide(mail.messageId), subject: hide(mail.subject) };
}

describe('crash and restart: 30 lifecycles with SIGKILLs of the local stack', () => {
  beforeAll(
    async () => {
      progress(`\n[crash-restart] seed ${seed} (repeat with FAULTS_SEED=${seed}); ${LIFECYCLES} lifecycles`);
      await env.open();
      const [referenceSide, crashSide] = [await env.side('reference'), await env.side('crash')];
      await Promise.all([referenceSide.stack.start(), crashSide.stack.start()]);
      // The reference runs on its own stack and table at the same time; nothing kills it.
      [reference, crashed] = await Promise.all([
        runSide(referenceSide, undefined),
        runSide(crashSide, chaos),
      ]);
      const kills = crashSide.stack.kills;
      const starts = crashSide.stack.startDurations;
      progress(
        `[crash-restart] done in ${((Date.now() - began) / 1000).toFixed(0)} s: ${kills} SIGKILLs, ` +
          `${crashSide.stack.starts} starts (${(starts.reduce((a, b) => a + b, 0) / Math.max(1, starts.length) / 1000).toFixed(1)} s on average)`,
      );
      for (const line of notableLogLines(crashSide).slice(0, 40))
        progress(`[crash log] ${line.slice(0, 400)}`);
    },
    BUDGET_MS + 5 * 60_000,
  );

  afterAll(async () => {
    const survivors = await env.close();
    if (survivors.length > 0) throw new Error(`still running after the suite: ${survivors.join(', ')}`);
  }, 60_000);

  it('runs every script to its end, with and without crashes', () => {
    const failed = pairs().flatMap(({ name, ref, got }) => [
      ...(ref?.run.error || ref?.snapshotError
        ? [`${name} reference: ${ref.run.error ?? ref.snapshotError}`]
        : []),
      ...(got?.run.error || got?.snapshotError
        ? [`${name} crash run: ${got.run.error ?? got.snapshotError}`]
        : []),
    ]);
    expect(failed).toEqual([]);
    expect(crashed.side.stack.kills).toBeGreaterThanOrEqual(LIFECYCLES / 2);
  });

  it('brings every lifecycle to the end its uninterrupted run reaches, with the same audit trail', () => {
    const mismatches = pairs().flatMap(({ name, lifecycle, ref, got }) => {
      const { mail: _mail, ...expectedEnd } = lifecycle.expected;
      const refEnd = describeEnd(ref?.snapshot);
      const gotEnd = describeEnd(got?.snapshot);
      return [
        ...(isDeepStrictEqual(refEnd, expectedEnd)
          ? []
          : [`${name} reference (${lifecycle.template}) ended ${JSON.stringify(refEnd)}`]),
        ...(isDeepStrictEqual(gotEnd, refEnd)
          ? []
          : [`${name} crash run (${lifecycle.template}) ended ${JSON.stringify(gotEnd)}`]),
        ...(isDeepStrictEqual(got?.snapshot?.eventTypes, ref?.snapshot?.eventTypes)
          ? []
          : [
              `${name} audit trail ${got?.snapshot?.eventTypes.join(',')} ≠ ${ref?.snapshot?.eventTypes.join(',')}`,
            ]),
      ];
    });
    expect(mismatches).toEqual([]);
  });

  it('keeps each proposal in DynamoDB and its workflow execution in agreement', () => {
    const problems = pairs().flatMap(({ name, ref, got }) => {
      const refProblem = ref?.snapshot && disagreement(ref.snapshot);
      const gotProblem = got?.snapshot && disagreement(got.snapshot);
      const refPath = ref?.snapshot?.execution.entered ?? [];
      const gotPath = got?.snapshot?.execution.entered ?? [];
      const length = Math.max(gotPath.length, refPath.length);
      const fork = Array.from({ length }, (_, i) => i).find((i) => gotPath[i] !== refPath[i]);
      return [
        ...(refProblem ? [`${name} reference: ${refProblem}`] : []),
        ...(gotProblem ? [`${name} crash run: ${gotProblem}`] : []),
        // The execution takes the same path through the compiled workflow as without crashes.
        ...(fork === undefined
          ? []
          : [
              `${name} states entered differ from #${fork}: '${gotPath[fork]}' instead of '${refPath[fork]}'`,
            ]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('leaves no signal waiting for a relay once settled, delivered or not', () => {
    // One delivered but not settled (a crash between the two) the relay loop settles once the
    // execution has parked past it (issue 16: no outbox row; the local list of events carrying one).
    const left = pairs().flatMap(({ name, got }) =>
      (got?.snapshot ? leftoverSignals(got.snapshot) : []).map(
        (s) =>
          `${name}: ${s.explained ? 'delivered, not deleted' : 'undelivered'} ${JSON.stringify(s.record)}`,
      ),
    );
    expect(left).toEqual([]);
  });

  it('leaves no task token of a state the execution has left, without crashes', () => {
    const stray = pairs().flatMap(({ name, ref }) =>
      (ref?.snapshot ? strayTokens(ref.snapshot) : []).map((t) => `${name}: token v${t.version} ${t.state}`),
    );
    expect(stray).toEqual([]);
  });

  it('loses no e-mail and lists each Message-ID once, with the reference run’s recipients and subject', () => {
    const problems = pairs().flatMap(({ name, lifecycle, ref, got }) => {
      const refMail = (ref?.snapshot?.mail ?? []).map((m) => anonymous(m, ref?.snapshot?.proposalId));
      const gotMail = (got?.snapshot?.mail ?? []).map((m) => anonymous(m, got?.snapshot?.proposalId));
      const refSteps = refMail.map((m) => m.step);
      const lost = refMail.filter((m) => !gotMail.some((g) => g.messageId === m.messageId));
      const extra = gotMail.filter((g) => !refMail.some((m) => m.messageId === g.messageId));
      const changed = gotMail.filter((g) => {
        const m = refMail.find((r) => r.messageId === g.messageId);
        return m !== undefined && !isDeepStrictEqual(m, g);
      });
      return [
        ...(isDeepStrictEqual(refSteps, lifecycle.expected.mail)
          ? []
          : [`${name} reference sent ${refSteps.join(', ')}`]),
        ...lost.map((m) => `${name} lost ${m.messageId}`),
        ...extra.map((m) => `${name} sent ${m.messageId}, which the reference did not`),
        ...changed.map((m) => `${name} ${m.messageId} differs: ${JSON.stringify(m)}`),
      ];
    });
    const ids = crashed.outbox.map((entry) => entry.messageId);
    const doubled = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `listed twice: ${id}`);
    expect([...problems, ...doubled]).toEqual([]);
  });

  it('answers a request retried with its Idempotency-Key after a crash', () => {
    const stuck = pairs().flatMap(({ name, got }) =>
      (got?.run.incidents ?? [])
        .filter((i) => i.kind === 'idempotency-key-stuck')
        .map((i) => `${name}: ${i.detail}`),
    );
    expect(stuck).toEqual([]);
  });

  it('recovers from every crash without a server error and without turning its clock back', () => {
    const serverErrors = crashed.side.client.eventful
      .filter((log) => log.attempts.some((a) => /^5(?!03)\d\d/.test(a)))
      .map((log) => `${log.request}: ${log.attempts.join(' | ')}`);
    const clock = pairs().flatMap(({ name, got }) =>
      (got?.run.incidents ?? [])
        .filter((i) => i.kind === 'clock-moved-back')
        .map((i) => `${name}: ${i.detail}`),
    );
    expect([...serverErrors, ...clock]).toEqual([]);
  });

  it('reports what crash recovery left behind', () => {
    // Observations, not failures: garbage that recovery may leave but that changes nothing a party
    // sees (a crash between answering a token and deleting it, on the lifecycle's last transition).
    const tokens = pairs().flatMap(({ name, got }) =>
      (got?.snapshot ? strayTokens(got.snapshot) : []).map(
        (t) => `${name} crash run: task token v${t.version} ${t.state} left in the table`,
      ),
    );
    const orphans = crashed.orphanEmlFiles.map((file) => `outbox file without listing entry: ${file}`);
    for (const line of [...tokens, ...orphans]) progress(`[crash-restart observation] ${line}`);
    for (const log of crashed.side.client.eventful.slice(0, 200)) {
      progress(`[crash-restart retry] ${log.request}: ${log.attempts.join(' | ')}`);
    }
    expect(reference.orphanEmlFiles).toEqual([]);
  });
});
