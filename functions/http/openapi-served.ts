/**
 * The OpenAPI document as `GET /openapi.json` serves it: the committed `openapi.json`, packed into
 * the bundle at build time (`openapi-packed.ts`, written by `npm run openapi` beside it), with this
 * deployment's server. Issue 16: generating it with zod-openapi on the first request built every
 * route's schemas and the generator in the openapi function (2.7× the baseline's cold request);
 * unpacking it costs a few milliseconds and the function carries neither zod-openapi nor the
 * route table.
 */
import { brotliDecompressSync } from 'node:zlib';
import { OPENAPI_JSON_BROTLI_BASE64 } from './openapi-packed.ts';
import { serversFor } from './openapi-servers.ts';

/** The committed document (`openapi.json`), as packed in this build. */
export const committedDocument = (): Record<string, unknown> =>
  JSON.parse(brotliDecompressSync(Buffer.from(OPENAPI_JSON_BROTLI_BASE64, 'base64')).toString('utf8'));

/** The document served at `serverUrl`: the committed one, naming that server (its key stays in place). */
export const servedDocument = (serverUrl?: string): Record<string, unknown> => ({
  ...committedDocument(),
  servers: serversFor(serverUrl),
});
