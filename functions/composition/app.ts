/**
 * The cloud composition root of the HTTP handlers and the deadline task: every one gets the same
 * AppDeps, built once per container. Nothing else in functions/ or shared/ knows it runs in the
 * cloud (DESIGN 3.3).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SFNClient } from '@aws-sdk/client-sfn';
import { loadDefaultRegister, parseRegister, type Register } from '#shared/covenant/index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { type AppDeps, createAppDeps } from '#shared/usecases/deps.ts';
import { SfnDatedEffects } from '#shared/workflow/sfn-dated-effects.ts';
import { cloudBasics, type Env } from './clients.ts';

let deps: AppDeps | undefined;

function registerFrom(json: string | undefined): Register {
  return json === undefined ? loadDefaultRegister() : parseRegister(JSON.parse(json));
}

/** The cloud's AppDeps, built on first use and kept for the container's life. */
export function cloudDeps(env: Env = process.env): AppDeps {
  if (deps) return deps;
  const { config, store, workflow } = cloudBasics(env);
  const arn = config.DATED_EFFECTS_STATE_MACHINE_ARN;
  deps = createAppDeps({
    store,
    workflow,
    ...(arn ? { effects: new SfnDatedEffects(new SFNClient({}), arn) } : {}),
    clock: systemClock,
    register: registerFrom(config.REGISTER_JSON),
    logger: new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
    apiBaseUrl: config.API_BASE_URL,
  });
  return deps;
}
