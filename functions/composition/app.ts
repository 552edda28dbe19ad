/**
 * The cloud composition root of the HTTP handlers and the deadline task: every one gets the same
 * AppDeps, built once per container. Nothing else in functions/ or shared/ knows it runs in the
 * cloud (DESIGN 3.3). The register comes from the table (the covenant version in force), never from
 * the bundle: the functions carry no representative's name or address (issue 14, item 6).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SFNClient } from '@aws-sdk/client-sfn';
import { systemClock } from '#shared/ports/clock.ts';
import { type AppDeps, appDepsFromTable } from '#shared/usecases/deps.ts';
import { SfnDatedEffects } from '#shared/workflow/sfn-dated-effects.ts';
import { cloudBasics, type Env } from './clients.ts';

let deps: Promise<AppDeps> | undefined;

function build(env: Env): Promise<AppDeps> {
  const { config, store, workflow } = cloudBasics(env);
  const arn = config.DATED_EFFECTS_STATE_MACHINE_ARN;
  return appDepsFromTable({
    store,
    workflow,
    ...(arn ? { effects: new SfnDatedEffects(new SFNClient({}), arn) } : {}),
    clock: systemClock,
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    apiBaseUrl: config.API_BASE_URL,
  });
}

/**
 * The cloud's AppDeps, built on first use (one Query: the covenant version in force) and kept for
 * the container's life. A failed build (the table unreachable) is not kept: the next call tries again.
 */
export function cloudDeps(env: Env = process.env): Promise<AppDeps> {
  deps ??= build(env).catch((error: unknown) => {
    deps = undefined;
    throw error;
  });
  return deps;
}
