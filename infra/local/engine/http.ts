// The Step Functions JSON protocol (awsJson1_0) on a loopback port, so @aws-sdk/client-sfn and
// `npm run executions` work against the local engine unchanged: POST `/` with
// `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON in and out, timestamps as epoch seconds,
// errors as status 400 with `{"__type": "<ErrorName>", "message": …}`.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StepFunctionsApi } from './api.ts';
import { StepFunctionsApiError } from './errors.ts';

type Operation = (api: StepFunctionsApi, input: never) => Promise<unknown>;

/** The operations served, by their `X-Amz-Target` name. */
const OPERATIONS: Readonly<Record<string, Operation>> = {
  StartExecution: (api, input) => api.startExecution(input),
  DescribeExecution: (api, input) => api.describeExecution(input),
  ListExecutions: (api, input) => api.listExecutions(input),
  GetExecutionHistory: (api, input) => api.getExecutionHistory(input),
  StopExecution: (api, input) => api.stopExecution(input),
  SendTaskSuccess: (api, input) => api.sendTaskSuccess(input),
  SendTaskFailure: (api, input) => api.sendTaskFailure(input),
};

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** JSON with every Date as epoch seconds (with milliseconds), as the protocol wants. */
function toWire(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, converted: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : converted;
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = toWire(body);
  response.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** An error as the protocol carries it; unexpected errors are 500s, which the SDK retries. */
function errorBody(error: unknown): { status: number; body: { __type: string; message: string } } {
  if (error instanceof StepFunctionsApiError)
    return { status: 400, body: { __type: error.code, message: error.message } };
  return {
    status: 500,
    body: { __type: 'InternalFailure', message: (error as Error).message ?? String(error) },
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new StepFunctionsApiError('ValidationException', 'The request body is not JSON');
  }
}

async function handle(
  api: StepFunctionsApi,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = OPERATIONS[target.replace(/^AWSStepFunctions\./, '')];
    if (request.method !== 'POST' || operation === undefined) {
      send(response, 400, { __type: 'UnknownOperationException', message: `Unknown operation '${target}'` });
      return;
    }
    send(response, 200, await operation(api, (await readBody(request)) as never));
  } catch (error) {
    const { status, body } = errorBody(error);
    send(response, status, body);
  }
}

/** A listening endpoint. */
export interface HttpEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops accepting requests and drops idle keep-alive connections. */
  stopAccepting(): void;
  /** Closes every connection; resolves when the server is closed. */
  close(): Promise<void>;
}

/** Serves `api` on `host:port` (port 0: a free one). */
export async function listen(api: StepFunctionsApi, host: string, port: number): Promise<HttpEndpoint> {
  const server = createServer((request, response) => void handle(api, request, response));
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    url: `http://${host}:${address.port}`,
    stopAccepting: () => {
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      if (server.listening) server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
