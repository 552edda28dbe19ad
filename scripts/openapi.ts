/** `npm run openapi`: writes the OpenAPI document generated from the route table to `openapi.json`. */
import { writeFileSync } from 'node:fs';
import { OPENAPI_PATH, openApiJson } from '#functions/http/openapi-document.ts';

writeFileSync(OPENAPI_PATH, openApiJson());
process.stdout.write(`wrote ${OPENAPI_PATH.pathname}\n`);
