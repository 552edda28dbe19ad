/**
 * `npm run openapi`: writes the OpenAPI document generated from the route table to `openapi.json`,
 * the same document packed for the openapi function (`functions/http/openapi-packed.ts`), and the
 * table's routeKeys for the fallback (`functions/http/route-keys.ts`).
 */
import { writeFileSync } from 'node:fs';
import {
  OPENAPI_PACKED_PATH,
  OPENAPI_PATH,
  openApiJson,
  openApiPackedModule,
  ROUTE_KEYS_PATH,
  routeKeysModule,
} from '#functions/http/openapi-document.ts';

const json = openApiJson();
writeFileSync(OPENAPI_PATH, json);
writeFileSync(OPENAPI_PACKED_PATH, openApiPackedModule(json));
writeFileSync(ROUTE_KEYS_PATH, routeKeysModule());
process.stdout.write(
  `wrote ${OPENAPI_PATH.pathname}, ${OPENAPI_PACKED_PATH.pathname} and ${ROUTE_KEYS_PATH.pathname}\n`,
);
