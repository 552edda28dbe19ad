/**
 * The HTTP API (API Gateway v2) built from the route table: one route per entry, each with a
 * Lambda integration of its handler module's function and, unless the route is public, the JWT
 * authorizer. A new route in the table needs no change here; a new handler module needs its
 * function (and grants) in the API stack.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** One route as the API needs it (adapted from functions/http/routes.ts). */
export interface ApiRoute {
  readonly method: `${HttpMethod}`;
  /** The path with `{name}` parameters, e.g. `/proposals/{id}/vote`. */
  readonly path: string;
  /** The handler module that serves it, e.g. `proposals` (functions/http/proposals.ts). */
  readonly module: string;
  /** Whether the route needs a bearer JWT (only `GET /openapi.json` does not). */
  readonly authenticated: boolean;
}

export interface PartyApiProps {
  /** The route table. */
  readonly routes: readonly ApiRoute[];
  /** The function of each handler module that a route names. */
  readonly handlers: ReadonlyMap<string, IFunction>;
  /** Checks the bearer token of every authenticated route. */
  readonly authorizer: IHttpRouteAuthorizer;
  /**
   * Answers every request no route serves (`$default`, no token): 405 with Allow, or 404.
   * @default - API Gateway's own 404 `{"message":"Not Found"}`
   */
  readonly fallback?: IFunction;
  /**
   * Steady-state requests per second across the API.
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Burst of requests across the API.
   * @default 100
   */
  readonly burstLimit?: number;
  /**
   * How long the access logs are kept.
   * @default RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: RetentionDays;
}

/** The `$default` stage's access log: no source IP, user agent or subject (personal data, DESIGN 6). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    party: '$context.authorizer.claims.party',
    responseLatency: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export class PartyApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The routes by route key (`POST /proposals`). */
  readonly routes: ReadonlyMap<string, HttpRoute>;
  /** 5xx answers of the API. */
  readonly serverErrorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: PartyApiProps) {
    super(scope, id);
    validate(props, this.node.path);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Decision procedure of the Stuurgroep iStandaarden sociaal domein',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_YEAR,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const routes = new Map<string, HttpRoute>();
    for (const route of props.routes) {
      const key = `${route.method} ${route.path}`;
      const handler = props.handlers.get(route.module);
      if (!handler) throw new Error(`unreachable: ${key} validated`);
      // Per route: the integration's invoke permission is scoped to this route's path.
      const httpRoute = new HttpRoute(this, key, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${key} integration`, handler),
        ...(route.authenticated ? { authorizer: props.authorizer } : {}),
      });
      if (!route.authenticated) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: key.startsWith('GET /public/')
            ? `${key} is public on purpose: art. 16 of the covenant publishes it; it holds no personal data and the stage throttles it (DESIGN 5)`
            : `${key} is public on purpose: the OpenAPI description tells clients how to authenticate (DESIGN 5)`,
        });
      }
      routes.set(key, httpRoute);
    }
    this.routes = routes;
    if (props.fallback) {
      const fallback = new HttpRoute(this, '$default', {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.DEFAULT,
        integration: new HttpLambdaIntegration('$default integration', props.fallback),
      });
      Validations.of(fallback).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          '$default answers only 404/405 problem details for paths and methods no route serves; it reads nothing',
      });
    }

    this.serverErrorAlarm = new Alarm(this, 'ServerErrors', {
      alarmDescription:
        'The API answered with 5xx: a handler failed or timed out. See the access and handler logs.',
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** The base URL of the API (`$default` stage), without a trailing slash. */
  get baseUrl(): string {
    return this.httpApi.apiEndpoint;
  }
}

function validate(props: PartyApiProps, where: string): void {
  const seen = new Set<string>();
  for (const route of props.routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`PartyApi ${where}: route ${key} appears twice in the route table`);
    seen.add(key);
    if (!(route.method in HttpMethod)) {
      throw new Error(
        `PartyApi ${where}: route ${key} has method '${route.method}', not one of ${Object.keys(HttpMethod).join(', ')}`,
      );
    }
    if (!route.path.startsWith('/')) {
      throw new Error(
        `PartyApi ${where}: route ${key} has a path without a leading '/'; write it as /${route.path}`,
      );
    }
    if (!props.handlers.has(route.module)) {
      throw new Error(
        `PartyApi ${where}: route ${key} names handler module '${route.module}', which has no function; known: ${[...props.handlers.keys()].join(', ')}. Add functions/http/${route.module}.ts to HTTP_HANDLERS in infra/stacks/api-stack.ts`,
      );
    }
  }
  if (props.routes.length === 0) throw new Error(`PartyApi ${where}: the route table is empty`);
}
