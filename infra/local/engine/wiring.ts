// Builds the engine's parts and connects them: store → registry → runner (steps) ← timer loop,
// calls and cleanup; the API on top. Nothing starts here.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdvanceableClock } from '#infra/local/clock.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { CleanupQueue } from './cleanup-queue.ts';
import { type EngineParts, StepFunctionsApi } from './engine.ts';
import { createInvoker, type LambdaHandler } from './invoke.ts';
import type { Location } from './names.ts';
import { Registry } from './registry.ts';
import { Runner } from './runner.ts';
import { EngineStore } from './store.ts';
import { TimerLoop } from './timers.ts';
import { WorkTracker } from './work.ts';

/** What the parts need from the composition root. */
export interface WiringOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock & Partial<Pick<AdvanceableClock, 'onAdvance'>>;
  readonly handlers: Readonly<Record<string, LambdaHandler>>;
  readonly location: Location;
  readonly onError: (error: unknown) => void;
}

/** The connected parts. */
export interface Wiring extends EngineParts {
  readonly timers: TimerLoop;
  readonly work: WorkTracker;
}

/** Creates and connects the parts; `api` is the Step Functions API over them. */
export function wire(options: WiringOptions): { wiring: Wiring; api: StepFunctionsApi } {
  const { clock, onError, location } = options;
  const store = new EngineStore(options.documentClient, options.tableName);
  const registry = new Registry(store);
  const work = new WorkTracker();
  const track = <T>(promise: Promise<T>) => work.track(promise);
  const invoke = createInvoker({
    handlers: options.handlers,
    startExecution: async (request) => {
      const started = await api.startExecution(request);
      return { executionArn: String(started.executionArn), startDate: started.startDate ?? clock.now() };
    },
  });
  const timers = new TimerLoop({
    clock,
    loadDue: (now) => store.dueTimers(now),
    fire: async (timer) => {
      const result = await runner.trigger(timer.executionArn, { kind: 'timer', timer: timer.id });
      if (result !== 'applied') await store.deleteStaleTimer(timer);
    },
    track,
    onError,
  });
  const cleanup = new CleanupQueue({ send: (writes) => store.cleanup(writes), track, onError });
  const region = location.region;
  const runner = new Runner({ cleanup, store, registry, clock, region, invoke, timers, work, onError });
  const wiring: Wiring = { store, registry, runner, clock, location, timers, work };
  const api = new StepFunctionsApi(wiring);
  return { wiring, api };
}
