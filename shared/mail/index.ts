/**
 * E-mail of the procedure (DESIGN 2.3, 5.1): who receives each step's message, its bilingual text and
 * HTML, the composed message with a stable Message-ID, and the cloud's adapter of the mailer port (SES
 * v2). The local outbox (`outbox-mailer.ts`, which writes MIME with nodemailer) is imported by its own
 * path, so that no cloud bundle carries the MIME writer.
 */
export * from './compose.ts';
export * from './delivery.ts';
export * from './recipients.ts';
export * from './sender.ts';
export * from './ses-mailer.ts';
export type { StepAction, StepText } from './step-text.ts';
export * from './suppression.ts';
export * from './templates.ts';
export type { Bilingual, Lang } from './wording.ts';
