/** dispatch and the transition protocol: the only code that changes a proposal's state. */
export * from './create.ts';
export * from './deadline.ts';
export * from './decide.ts';
export * from './dispatch.ts';
export * from './errors.ts';
export * from './relay.ts';
export * from './snapshot.ts';
export * from './votes.ts';
