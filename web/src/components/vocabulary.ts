/** The API's enumerations, for filters and forms (labels in the message catalogue). */
import type { Schemas } from '../api';

export const PHASES: readonly Schemas['Phase'][] = [
  'submitted',
  'ready',
  'scheduled',
  'voting',
  'decided',
  'no-valid-decision',
  'awaiting-arguments',
  'reconsideration',
  'reconsideration-voting',
  'note-drafting',
  'note-approval',
  'ministry',
  'dglz',
  'closed',
  'withdrawn',
  'dropped',
];

export const STANDARDS: readonly Schemas['Standard'][] = ['iWmo', 'iJw', 'iEb'];

export const KINDS: readonly Schemas['ProposalKind'][] = [
  'release',
  'plan-of-approach',
  'implementation',
  'other',
];

/** The phases of the escalation to the ministry (DESIGN 2.3, steps 5–7). */
export const ESCALATION_PHASES: readonly Schemas['Phase'][] = [
  'note-drafting',
  'note-approval',
  'ministry',
  'dglz',
];
