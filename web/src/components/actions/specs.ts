/**
 * Every action the API may offer on a proposal (`actions` of DESIGN 5.1), as a form: its fields
 * and the request it sends. The API decides which actions the caller has; the app only renders
 * them. A new action is one more entry here (and its texts in the message catalogue).
 */
import type { Session } from '../../session/token';

/** `decisionText`: the original text or an objector's alternative, offered only when there is one. */
export type FieldKind = 'textarea' | 'text' | 'radio' | 'meeting' | 'decisionText';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** For `radio`: the values, labelled `field.<name>.<value>` in the catalogue. */
  readonly options?: readonly string[];
}

export interface ActionContext {
  readonly proposal: {
    readonly id: string;
    readonly meetingId?: string;
    readonly objections?: readonly { readonly by: string; readonly alternativeProposal?: string }[];
  };
  readonly session: Session;
}

export interface ActionRequest {
  readonly method: 'post' | 'put';
  readonly path: string;
  readonly params: Record<string, string>;
  readonly body: Record<string, unknown>;
}

export interface ActionSpec {
  readonly fields: readonly FieldSpec[];
  /** The request, from the form's values; `undefined` values are left out of the body. */
  readonly request: (values: Readonly<Record<string, string>>, context: ActionContext) => ActionRequest;
}

const onProposal = (
  path: string,
  body: (values: Readonly<Record<string, string>>) => Record<string, unknown> = () => ({}),
) => ({
  request: (values: Readonly<Record<string, string>>, { proposal }: ActionContext): ActionRequest => ({
    method: 'post',
    path: `/proposals/{id}${path}`,
    params: { id: proposal.id },
    body: body(values),
  }),
});

/** `''` (an empty optional field) is not sent. */
const optional = (value: string | undefined) => (value ? value : undefined);

export const actionSpecs: Readonly<Record<string, ActionSpec>> = {
  draft: {
    fields: [{ name: 'text', kind: 'textarea', required: true }],
    ...onProposal('/draft', (v) => ({ text: v.text })),
  },
  schedule: {
    fields: [{ name: 'meetingId', kind: 'meeting', required: true }],
    ...onProposal('/schedule', (v) => ({ meetingId: v.meetingId })),
  },
  withdraw: {
    fields: [{ name: 'reason', kind: 'textarea' }],
    ...onProposal('/withdrawal', (v) => ({ reason: optional(v.reason) })),
  },
  pause: {
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    ...onProposal('/pause', (v) => ({ reason: v.reason })),
  },
  'decide-pause': {
    fields: [
      { name: 'granted', kind: 'radio', required: true, options: ['true', 'false'] },
      { name: 'reason', kind: 'textarea' },
    ],
    ...onProposal('/pause/decision', (v) => ({ granted: v.granted === 'true', reason: optional(v.reason) })),
  },
  'record-consensus': {
    fields: [
      { name: 'outcome', kind: 'radio', required: true, options: ['adopted', 'rejected', 'dropped'] },
      { name: 'decisionText', kind: 'decisionText' },
    ],
    ...onProposal('/consensus', (v) => ({ outcome: v.outcome, text: optional(v.decisionText) })),
  },
  'open-vote': { fields: [], ...onProposal('/vote') },
  vote: {
    fields: [
      { name: 'choice', kind: 'radio', required: true, options: ['for', 'against', 'abstain'] },
      { name: 'justification', kind: 'textarea' },
    ],
    request: (values, { proposal, session }) => ({
      method: 'put',
      path: '/proposals/{id}/votes/{party}',
      params: { id: proposal.id, party: session.party },
      body: { choice: values.choice, justification: optional(values.justification) },
    }),
  },
  // The chair records a ballot given in the room (DESIGN 2.2.5), and asks an abstaining party to
  // account for it; that party answers (footnote 13).
  'record-ballot': {
    fields: [
      { name: 'party', kind: 'text', required: true },
      { name: 'choice', kind: 'radio', required: true, options: ['for', 'against', 'abstain'] },
      { name: 'justification', kind: 'textarea' },
    ],
    request: (values, { proposal }) => ({
      method: 'put',
      path: '/proposals/{id}/votes/{party}',
      params: { id: proposal.id, party: values.party ?? '' },
      body: { choice: values.choice, justification: optional(values.justification) },
    }),
  },
  'request-accountability': {
    fields: [
      { name: 'party', kind: 'text', required: true },
      { name: 'question', kind: 'textarea', required: true },
    ],
    request: (values, { proposal }) => ({
      method: 'post',
      path: '/proposals/{id}/votes/{party}/accountability',
      params: { id: proposal.id, party: values.party ?? '' },
      body: { question: values.question },
    }),
  },
  'answer-accountability': {
    fields: [{ name: 'answer', kind: 'textarea', required: true }],
    request: (values, { proposal, session }) => ({
      method: 'post',
      path: '/proposals/{id}/votes/{party}/accountability',
      params: { id: proposal.id, party: session.party },
      body: { answer: values.answer },
    }),
  },
  object: {
    fields: [
      { name: 'reason', kind: 'textarea', required: true },
      // Lodged in writing before the meeting: which outcome it objects to (the API's default: adopted).
      { name: 'against', kind: 'radio', options: ['adopted', 'rejected'] },
    ],
    ...onProposal('/objection', (v) => ({ reason: v.reason, against: optional(v.against) })),
  },
  'submit-arguments': {
    fields: [
      { name: 'arguments', kind: 'textarea', required: true },
      { name: 'alternativeProposal', kind: 'textarea', required: true },
    ],
    ...onProposal('/objection/argumentation', (v) => ({
      arguments: v.arguments,
      alternativeProposal: v.alternativeProposal,
    })),
  },
  'withdraw-objection': {
    fields: [{ name: 'reason', kind: 'textarea' }],
    ...onProposal('/objection/withdrawal', (v) => ({ reason: optional(v.reason) })),
  },
  'record-no-decision': { fields: [], ...onProposal('/reconsideration/no-decision') },
  escalate: {
    fields: [{ name: 'reason', kind: 'textarea', required: true }],
    ...onProposal('/escalation', (v) => ({ reason: v.reason })),
  },
  'submit-note': {
    fields: [
      { name: 'motive', kind: 'textarea', required: true },
      { name: 'requestedDecision', kind: 'textarea', required: true },
    ],
    ...onProposal('/escalation/note', (v) => ({ motive: v.motive, requestedDecision: v.requestedDecision })),
  },
  'review-note': {
    fields: [
      { name: 'approved', kind: 'radio', required: true, options: ['true', 'false'] },
      { name: 'comments', kind: 'textarea' },
    ],
    ...onProposal('/escalation/note/approval', (v) => ({
      approved: v.approved === 'true',
      comments: optional(v.comments),
    })),
  },
  'record-ministry-outcome': {
    fields: [
      { name: 'outcome', kind: 'radio', required: true, options: ['adopted', 'rejected', 'no-decision'] },
    ],
    ...onProposal('/escalation/ministry-outcome', (v) => ({ outcome: v.outcome })),
  },
  'final-decision': {
    fields: [
      { name: 'outcome', kind: 'radio', required: true, options: ['adopted', 'rejected'] },
      { name: 'rationale', kind: 'textarea', required: true },
    ],
    ...onProposal('/escalation/final-decision', (v) => ({ outcome: v.outcome, rationale: v.rationale })),
  },
  'close-meeting': {
    fields: [],
    request: (_values, { proposal }) => ({
      method: 'post',
      path: '/meetings/{id}/close',
      params: { id: proposal.meetingId ?? '' },
      body: {},
    }),
  },
};
