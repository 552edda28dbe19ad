/**
 * Whether a proposal in DynamoDB and its workflow execution agree (DESIGN 3.2), in words for an
 * administrator investigating a proposal that seems stuck. Pure: the caller reads both sides.
 *
 * They agree when a proposal in a final state has a SUCCEEDED execution that ended in
 * `Final <state>` (or in `Ended after a failed e-mail`: the state is the same, only its last e-mail
 * did not go out, which the lines say), and any other proposal has a RUNNING execution parked in `Park <state>` with its
 * task token stored at the proposal's version (so the next event reaches it). Signal rows still in
 * the table are transitions on their way to the execution: normal for a moment, a fault when old.
 */
import { FINAL_MAIL_FAILED } from '#statemachines/compiler/names.ts';
import { finalPhases, isStateKey, phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';

/** The proposal's side, as the store reads it. */
export interface ProposalSide {
  readonly id: string;
  readonly stateKey: string;
  readonly version: number;
  readonly tokens: readonly { readonly version: number; readonly state: string }[];
  readonly signals: readonly {
    readonly fromVersion: number;
    readonly createdAt: string;
    readonly signal: { readonly type: string; readonly target: string };
  }[];
}

/** The execution's side, as Step Functions describes it (undefined: there is none). */
export interface ExecutionSide {
  readonly status: string;
  /** The name of the last state the execution entered. */
  readonly lastState?: string;
  /** Error and cause of a failed execution. */
  readonly failure?: string;
}

export type Verdict = 'in agreement' | 'catching up' | 'stuck' | 'in disagreement';

export interface Agreement {
  readonly verdict: Verdict;
  /** What each side says and what it means, one line each. */
  readonly lines: readonly string[];
}

/** A signal older than this has waited longer than any relay takes: something is wrong. */
export const STUCK_AFTER_SECONDS = 60;

const isFinal = (stateKey: string) => isStateKey(stateKey) && finalPhases.has(phaseOf(stateKey));

/** Compares the two sides at `now`. */
export function agreementOf(
  proposal: ProposalSide,
  execution: ExecutionSide | undefined,
  now: Date,
): Agreement {
  const final = isFinal(proposal.stateKey);
  const expected = final
    ? { status: 'SUCCEEDED', state: `Final ${proposal.stateKey}` }
    : { status: 'RUNNING', state: `Park ${proposal.stateKey}` };
  const lines = [`proposal   ${proposal.id} is in ${proposal.stateKey} at version ${proposal.version}`];
  lines.push(
    execution
      ? `execution  ${execution.status}, last in '${execution.lastState ?? '—'}'${execution.failure ? `: ${execution.failure}` : ''}`
      : 'execution  none',
  );
  const tokens = proposal.tokens.map((t) => `v${t.version} (${t.state})`);
  lines.push(`tokens     ${tokens.length > 0 ? tokens.join(', ') : 'none parked'}`);
  const pending = proposal.signals.map((s) => {
    const age = Math.round((now.getTime() - Date.parse(s.createdAt)) / 1000);
    return { ...s, age, text: `v${s.fromVersion} → ${s.signal.target} (${s.signal.type}, ${age} s old)` };
  });

  const mailFailed = final && execution?.status === 'SUCCEEDED' && execution.lastState === FINAL_MAIL_FAILED;
  if (mailFailed) {
    lines.push(
      `mail       the final state's e-mail failed after its retries: the notify task's errors say why; the parties were not told by e-mail`,
    );
  }
  const agrees =
    execution?.status === expected.status &&
    (execution.lastState === expected.state || mailFailed) &&
    (final || proposal.tokens.some((t) => t.version === proposal.version));
  // The execution is where the proposal is: whatever signal is shown as on its way was taken.
  if (agrees) return { verdict: 'in agreement', lines };
  if (pending.length > 0) lines.push(`signals    ${pending.map((s) => s.text).join('; ')}`);
  const oldest = Math.max(0, ...pending.map((s) => s.age));
  const running = execution === undefined || execution.status === 'RUNNING';
  if (pending.length > 0 && running && oldest <= STUCK_AFTER_SECONDS) {
    lines.push('meaning    transitions on their way to the execution; look again in a moment');
    return { verdict: 'catching up', lines };
  }
  if (pending.length > 0 && running) {
    lines.push(
      `meaning    a signal has waited over ${STUCK_AFTER_SECONDS} s: check the relay (its dead-letter queue in the cloud) and the park task's errors`,
    );
    return { verdict: 'stuck', lines };
  }
  lines.push(
    `meaning    expected a ${expected.status} execution in '${expected.state}'${final ? '' : ` with a token at v${proposal.version}`}`,
  );
  return { verdict: 'in disagreement', lines };
}
