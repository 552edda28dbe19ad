/** The proposal lifecycle model: the machine, its events, context, phases and e-mail steps. */
export * from './checks.ts';
export * from './context.ts';
export * from './events.ts';
export * from './explain.ts';
export * from './guards.ts';
export * from './machine.ts';
export * from './migrate.ts';
export * from './notifications.ts';
export * from './objections.ts';
export * from './phase.ts';
export * from './refusals.ts';
