/**
 * The HTTP API's handlers, one per resource module, and the route table they serve. The local
 * server builds them over its own AppDeps and routes each request by the table (`matchRoute`).
 */
import type { HttpHandler } from '#shared/http/handler.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { createCalendarsHandler } from './calendars.ts';
import { createCovenantHandler } from './covenant.ts';
import { createDeadlinesHandler } from './deadlines.ts';
import { createDecisionsHandler } from './decisions.ts';
import { createDocumentsHandler } from './documents.ts';
import { createEventsHandler } from './events.ts';
import { createExecutionsHandler } from './executions.ts';
import { createMeetingsHandler } from './meetings.ts';
import { createOpenapiHandler } from './openapi.ts';
import { createPartiesHandler } from './parties.ts';
import { createProposalsHandler } from './proposals.ts';
import { createReleaseCalendarHandler } from './release-calendar.ts';
import type { HandlerModule } from './routes.ts';
import { createSubscriptionsHandler } from './subscriptions.ts';

export { handlerModules, type RouteKey, routes } from './routes.ts';

/** Every handler module's handler over one AppDeps, by module name (the route table's `handler`). */
export function createHttpHandlers(deps: AppDeps): Record<HandlerModule, HttpHandler> {
  return {
    parties: createPartiesHandler(deps),
    meetings: createMeetingsHandler(deps),
    proposals: createProposalsHandler(deps),
    decisions: createDecisionsHandler(deps),
    deadlines: createDeadlinesHandler(deps),
    'release-calendar': createReleaseCalendarHandler(deps),
    executions: createExecutionsHandler(deps),
    covenant: createCovenantHandler(deps),
    openapi: createOpenapiHandler(deps),
    events: createEventsHandler(deps),
    subscriptions: createSubscriptionsHandler(deps),
    calendars: createCalendarsHandler(deps),
    documents: createDocumentsHandler(deps),
  };
}
