/**
 * `npm run openapi`: writes the OpenAPI document generated from the route table to `openapi.json`,
 * and the same document packed for the openapi function (`functions/http/openapi-packed.ts`).
 */
import { writeFileSync } from 'node:fs';
import {
  OPENAPI_PACKED_PATH,
  OPENAPI_PATH,
  openApiJson,
  openApiPackedModule,
} from '#functions/http/openapi-document.ts';

const json = openApiJson();
writeFileSync(OPENAPI_PATH, json);
writeFileSync(OPENAPI_PACKED_PATH, openApiPackedModule(json));
process.stdout.write(`wrote ${OPENAPI_PATH.pathname} and ${OPENAPI_PACKED_PATH.pathname}\n`);
