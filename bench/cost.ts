/**
 * The estimated AWS cost of one lifecycle, from the price table kept in bench/prices.json (its
 * date, sources and which figures still need checking are recorded there).
 */
import { readFileSync } from 'node:fs';
import { round } from './stats.ts';

export interface Prices {
  readonly region: string;
  readonly currency: string;
  readonly takenOn: string;
  readonly status: string;
  readonly sources: readonly string[];
  readonly stepFunctions: { readonly standardPer1000StateTransitions: number };
  readonly lambda: {
    readonly memoryMb: number;
    readonly perMillionRequests: number;
    readonly perGbSecond: number;
  };
  readonly dynamoDbOnDemand: {
    readonly perMillionWriteRequestUnits: number;
    readonly perMillionReadRequestUnits: number;
  };
  readonly apiGatewayHttpApi: { readonly perMillionRequests: number };
  readonly ses: { readonly per1000Emails: number };
}

export function loadPrices(): Prices {
  return JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')) as Prices;
}

/** What one lifecycle used. */
export interface CostInput {
  readonly stateTransitions: number;
  /** HTTP handler, task and relay invocations. */
  readonly lambdaInvocations: number;
  /** The invocations' durations, each rounded up to the millisecond, added up. */
  readonly lambdaMs: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly apiRequests: number;
  /** Recipients: SES bills one e-mail per recipient. */
  readonly emails: number;
}

/** The cost of one lifecycle by service, in the table's currency. */
export interface ScenarioCost {
  readonly lambdaGbSeconds: number;
  readonly stepFunctions: number;
  readonly lambdaRequests: number;
  readonly lambdaDuration: number;
  readonly dynamoDb: number;
  readonly apiGateway: number;
  readonly ses: number;
  readonly total: number;
}

export function costOf(input: CostInput, prices: Prices): ScenarioCost {
  const gbSeconds = (input.lambdaMs / 1000) * (prices.lambda.memoryMb / 1024);
  const parts = {
    stepFunctions: (input.stateTransitions * prices.stepFunctions.standardPer1000StateTransitions) / 1000,
    lambdaRequests: (input.lambdaInvocations * prices.lambda.perMillionRequests) / 1e6,
    lambdaDuration: gbSeconds * prices.lambda.perGbSecond,
    dynamoDb:
      (input.readUnits * prices.dynamoDbOnDemand.perMillionReadRequestUnits +
        input.writeUnits * prices.dynamoDbOnDemand.perMillionWriteRequestUnits) /
      1e6,
    apiGateway: (input.apiRequests * prices.apiGatewayHttpApi.perMillionRequests) / 1e6,
    ses: (input.emails * prices.ses.per1000Emails) / 1000,
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const exact = (value: number) => round(value, 9);
  return {
    lambdaGbSeconds: round(gbSeconds, 4),
    stepFunctions: exact(parts.stepFunctions),
    lambdaRequests: exact(parts.lambdaRequests),
    lambdaDuration: exact(parts.lambdaDuration),
    dynamoDb: exact(parts.dynamoDb),
    apiGateway: exact(parts.apiGateway),
    ses: exact(parts.ses),
    total: exact(total),
  };
}
