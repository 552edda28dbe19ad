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
 * Recipients by role: `members` are the representatives of every member party except the ministry's
 * (VWS and its DGLZ hear of a proposal only on the escalation steps, art. 7.5–7.6); `ketenpartijen`
 * the voting members (art. 6.8), who may object to a decision; `objector` every objecting party;
 * `chair`/`secretary`/`ministry`/`dglz` the representatives who serve that register role.
 */
export type RecipientRole =
  | 'members'
  | 'ketenpartijen'
  | 'chair'
  | 'secretary'
  | 'objector'
  | 'ministry'
  | 'dglz';

/** Who receives a step's e-mail: `to` must act (or, where no one must, is whom it concerns); `informed` in Cc. */
export interface StepRecipients {
  readonly to: readonly RecipientRole[];
  readonly informed: readonly RecipientRole[];
}

/**
 * DESIGN 2.3, last paragraph: every step e-mails the people who must act (`To:`) and informs all
 * members (`Cc:`, visible to every party: a covenant party may see who else was told); the ministry
 * and its DGLZ only on the escalation steps, and the ministry's e-mails go to every objector.
 */
export const STEP_RECIPIENTS = {
  // art. 7.1, 7.2: a Ketenpartij may object until the chair closes the meeting.
  'decision-taken': { to: ['ketenpartijen', 'chair'], informed: ['members'] },
  // art. 7.3: the objector sends its arguments within six weeks.
  'objection-lodged': { to: ['objector'], informed: ['members'] },
  'objection-lapsed': { to: ['objector'], informed: ['members'] },
  'objection-withdrawn': { to: ['objector'], informed: ['members'] },
  // art. 7.4: the group reconsiders within one week; the chair schedules it.
  'arguments-received': { to: ['chair'], informed: ['members'] },
  'reconsideration-overdue': { to: ['chair'], informed: ['members'] },
  // art. 7.5: every standing objector approves the note; ZIN revises a returned one.
  'escalation-note-for-approval': { to: ['objector'], informed: ['members'] },
  'escalation-note-returned': { to: ['secretary'], informed: ['members'] },
  // art. 7.6: VWS meets the parties involved, chaired by ZIN, which records the outcome.
  'escalated-to-ministry': { to: ['ministry', 'secretary', 'objector'], informed: ['members'] },
  'ministry-overdue': { to: ['secretary', 'ministry'], informed: ['objector', 'members'] },
  'escalated-to-dglz': { to: ['dglz'], informed: ['secretary', 'ministry', 'objector', 'members'] },
  // In force at once (art. 7.4, 7.6); the ministry and the DGLZ hear of it only when it was escalated to them.
  'final-decision': { to: ['objector', 'members'], informed: ['ministry', 'dglz'] },
  // footnote 11: the chair grants or refuses the pause the provider associations ask for.
  'pause-requested': { to: ['chair'], informed: ['members'] },
  'pause-decided': { to: ['ketenpartijen'], informed: ['members'] },
} as const satisfies Record<DecisionStep, StepRecipients>;

/** The params of the model's `notify` entry action: the step and its recipients by role. */
export interface NotifyParams extends StepRecipients {
  readonly step: DecisionStep;
}

/** An entry action that sends a step's e-mail to the recipients of {@link STEP_RECIPIENTS}; the notify task performs it. */
export const notify = (step: DecisionStep) => {
  const { to, informed }: StepRecipients = STEP_RECIPIENTS[step];
  // Plain arrays: the params travel as JSON in the compiled workflow's notify payload.
  const params: { step: DecisionStep; to: RecipientRole[]; informed: RecipientRole[] } = {
    step,
    to: [...to],
    informed: [...informed],
  };
  return { type: 'notify' as const, params };
};
