/**
 * The API's version (NL API Design Rules API-20 and API-57): the major version is the path prefix
 * `/v1`; the full version goes out in the `API-Version` header of every answer and in the OpenAPI
 * document. The unversioned paths stay as aliases of v1 (DESIGN 5).
 */

/** The full version (semantic versioning): `API-Version` and the OpenAPI document's `info.version`. */
export const API_VERSION = '1.0.0';

/** The path prefix of this major version. */
export const VERSION_PREFIX = '/v1';

/** The path without the `/v1` prefix (`/v1/proposals` → `/proposals`); other paths as they are. */
export function unversionedPath(path: string): string {
  if (path === VERSION_PREFIX) return '/';
  return path.startsWith(`${VERSION_PREFIX}/`) ? path.slice(VERSION_PREFIX.length) : path;
}
