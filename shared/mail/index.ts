/**
 * E-mail of the procedure (DESIGN 2.3, 5.1): who receives each step's message, its bilingual text,
 * the composed message with a stable Message-ID, and the two adapters of the mailer port: an outbox
 * of `.eml` files locally and SES v2 in the cloud.
 */
export * from './compose.ts';
export * from './delivery.ts';
export * from './outbox-mailer.ts';
export * from './recipients.ts';
export * from './ses-mailer.ts';
export type { StepAction, StepText } from './step-text.ts';
export * from './suppression.ts';
export * from './templates.ts';
export type { Bilingual, Endpoint, Lang } from './wording.ts';
