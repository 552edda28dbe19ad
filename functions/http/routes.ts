/**
 * The route table: every route of the HTTP API (DESIGN 5) as data — method, path, the handler
 * module that serves it, who may call it, and its request and response schemas. The handlers, the
 * local server, the CDK stack and the OpenAPI document all read this table.
 *
 * Each handler module's routes live in `routes/<module>.ts`, and a Lambda entry imports only its own
 * (issue 16): a cold request then builds the zod schemas of that module's routes, not of all 63.
 * This table joins them, in the order the OpenAPI document lists them; the fallback (405's
 * `Allow`), the local server, the CDK stack and the document read it whole.
 */
import type { RouteDef, RouteImpl } from '#shared/http/route.ts';
import { calendarsRoutes } from './routes/calendars.ts';
import { covenantRoutes } from './routes/covenant.ts';
import { deadlinesRoutes } from './routes/deadlines.ts';
import { decisionsRoutes } from './routes/decisions.ts';
import { documentsRoutes } from './routes/documents.ts';
import { eventsRoutes } from './routes/events.ts';
import { executionsRoutes } from './routes/executions.ts';
import { meetingsRoutes } from './routes/meetings.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { partiesRoutes } from './routes/parties.ts';
import { proposalsRoutes } from './routes/proposals.ts';
import { releaseCalendarRoutes } from './routes/release-calendar.ts';
import { subscriptionsRoutes } from './routes/subscriptions.ts';

/** The handler modules under functions/http/, one per resource (one Lambda function each). */
export const handlerModules = [
  'parties',
  'meetings',
  'proposals',
  'decisions',
  'deadlines',
  'release-calendar',
  'executions',
  'covenant',
  'openapi',
  'events',
  'subscriptions',
  'calendars',
  'documents',
] as const;

/** Every route of the API by its routeKey (`METHOD /path`), as API Gateway names it. */
export const routes = {
  ...partiesRoutes,
  ...covenantRoutes,
  ...meetingsRoutes,
  ...proposalsRoutes,
  ...decisionsRoutes,
  ...documentsRoutes,
  ...deadlinesRoutes,
  ...releaseCalendarRoutes,
  ...eventsRoutes,
  ...subscriptionsRoutes,
  ...calendarsRoutes,
  ...executionsRoutes,
  ...openapiRoutes,
} as const satisfies Record<string, RouteDef>;

/** The table's type: each route with its literal schemas, so implementations are typed by them. */
export type Routes = typeof routes;
/** A routeKey of the table, e.g. `POST /proposals/{id}/vote`. */
export type RouteKey = keyof Routes;
/** A module under functions/http/ (one Lambda function each). */
export type HandlerModule = (typeof handlerModules)[number];

/** The implementations a handler module must provide: one per route of the table it serves. */
export type ImplsOf<H extends HandlerModule> = {
  readonly [K in RouteKey as Routes[K]['handler'] extends H ? K : never]: RouteImpl<Routes[K]>;
};
