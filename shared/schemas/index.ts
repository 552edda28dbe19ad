/** The API's zod schemas: runtime validation at the edge and the source of the OpenAPI document. */
export * from './actions.ts';
export * from './common.ts';
export * from './covenant.ts';
export * from './documents.ts';
export * from './executions.ts';
export * from './integrations.ts';
export * from './meetings.ts';
export * from './problem.ts';
export * from './proposal-requests.ts';
export * from './proposal-views.ts';
export * from './register.ts';
export * from './release-calendar.ts';
