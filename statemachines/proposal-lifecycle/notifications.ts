/**
 * The e-mails of the procedure: each escalation step's id (the `X-Decision-Step` header) and who
 * receives it, by role. `objector` means every party that objected to the proposal (art. 7.6
 * "partij(en)"). The notify task resolves roles to addresses with the register.
 */

/** Step ids, stable: parties filter their mail on them. */
export const decisionSteps = [
  'decision-taken',
  'objection-lodged',
  'objection-lapsed',
  'objection-withdrawn',
  'arguments-received',
  'reconsideration-overdue',
  'escalation-note-for-approval',
  'escalation-note-returned',
  'escalated-to-ministry',
  'ministry-overdue',
  'escalated-to-dglz',
  'final-decision',
  'pause-requested',
  'pause-decided',
] as const;

export type DecisionStep = (typeof decisionSteps)[number];

/**
 * Recipients by role: `members` are the representatives of every party in the register; `objector`
 * the objecting party; `chair`/`secretary`/`ministry`/`dglz` the parties holding that register role.
 */
export type RecipientRole = 'members' | 'chair' | 'secretary' | 'objector' | 'ministry' | 'dglz';

/** The params of the model's `notify` entry action. */
export interface NotifyParams {
  readonly step: DecisionStep;
  readonly to: readonly RecipientRole[];
}

/** An entry action that sends a step's e-mail; the workflow's notify task performs it. */
export const notify = (step: DecisionStep, ...to: RecipientRole[]) => ({
  type: 'notify' as const,
  params: { step, to },
});
