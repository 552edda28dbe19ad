/** The end-to-end suite's support: one local stack per file, a client per party, scenario builders. */
export * from './api.ts';
export * from './client.ts';
export * from './dates.ts';
export * from './local-stack.ts';
export * from './mail.ts';
export * from './scenarios.ts';
