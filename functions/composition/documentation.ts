/**
 * The cloud composition root of the openapi function: the API's own documentation (the OpenAPI
 * document, the problem types' pages) reads nothing from the table and calls no AWS service, so it
 * gets no client, no covenant version and no model. The stack grants it no table access
 * (`openapi: { table: 'none' }` in infra/stacks/api-stack.ts): built from `cloudDeps`, its first
 * request read the covenant version in force, which the cloud refuses it. Issue 16: its cold
 * request now costs about what an empty function's does.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { parseCloudEnv } from '#shared/config/env.ts';
import { systemClock } from '#shared/ports/clock.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import type { Env } from './clients.ts';

/**
 * What a route that applies no covenant rule may not touch (its RouteDef says `readsCovenant:
 * false`, and it is public): any use is a mistake in the route table, named at once.
 */
function unavailable(part: string): never {
  return new Proxy(
    {},
    {
      get(_, property) {
        throw new Error(`the documentation’s function has no ${part} (asked for ${String(property)})`);
      },
    },
  ) as never;
}

/** AppDeps for routes that serve the API's documentation: a clock, a logger and the base URL. */
export function documentationDeps(env: Env = process.env): AppDeps {
  const config = parseCloudEnv(env);
  return {
    store: unavailable('store'),
    workflow: unavailable('workflow'),
    covenant: unavailable('covenant'),
    register: unavailable('register'),
    policy: unavailable('policy'),
    machine: unavailable('model'),
    covenantVersion: 0,
    clock: systemClock,
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    apiBaseUrl: config.API_BASE_URL.replace(/\/+$/, ''),
  };
}
