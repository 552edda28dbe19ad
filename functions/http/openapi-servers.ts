/** Where the OpenAPI document says the API is: shared by its generator and the function that serves it. */
import { VERSION_PREFIX } from '#shared/http/version.ts';

/** The document's `servers`: this deployment's base URL with the version prefix, or relative to its host. */
export const serversFor = (serverUrl?: string) => [
  serverUrl
    ? { url: `${serverUrl}${VERSION_PREFIX}`, description: 'This deployment.' }
    : { url: VERSION_PREFIX, description: 'Relative to the host that serves this document.' },
];
