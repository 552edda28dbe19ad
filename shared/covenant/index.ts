/**
 * The covenant of the Stuurgroep iStandaarden sociaal domein as pure functions: the party
 * register, the attendance quorum, the tally and the deadlines (DESIGN section 2). Nothing here
 * reads a clock, the network or the environment; every time is an argument.
 */
export * from './count.ts';
export * from './dates.ts';
export * from './deadlines.ts';
export * from './errors.ts';
export * from './explanation.ts';
export * from './policy.ts';
export * from './quorum.ts';
export * from './register.ts';
export * from './registerRules.ts';
export * from './registerSchema.ts';
export * from './tally.ts';
export * from './version.ts';
export * from './workingDays.ts';
