/**
 * Bearer tokens for the local stack: what Cognito and API Gateway's JWT authorizer do in the cloud.
 * An ES256 key pair is generated on first use and kept under the data directory
 * (`.data/local-jwt-key.json`, git-ignored); `npm run token` signs with it, and the local server
 * verifies each request's token with it and passes the claims to the handlers as API Gateway would.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/** The repository's `.data/` directory, where the local stack keeps its state. */
export const DEFAULT_DATA_DIR = resolve(fileURLToPath(new URL('../../.data/', import.meta.url)));
/** The key's file name under the data directory. */
export const LOCAL_KEY_FILE = 'local-jwt-key.json';
/** `iss` of local tokens; verification requires it, so no other token passes by accident. */
export const LOCAL_ISSUER = 'urn:besluitvorming:local';
/** `aud` of local tokens: this API. */
export const LOCAL_AUDIENCE = 'besluitvorming-api';
const ALG = 'ES256';

/** The local signing key: the private half signs tokens, the public half verifies them. */
export interface LocalKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** Claims as API Gateway passes them to a handler (`requestContext.authorizer.jwt.claims`). */
export type GatewayClaims = Record<string, string | number | boolean | string[]>;

/** A request without a valid local token: the local server answers it as API Gateway would (401). */
export class LocalAuthError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'LocalAuthError';
  }
}

async function importKey(jwk: JWK): Promise<LocalKey> {
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? 'local',
    privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}

async function generate(file: string): Promise<void> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now().toString(36)}` };
  try {
    // `wx`: when two processes generate at once, the first file wins and both read it.
    await writeFile(file, `${JSON.stringify(jwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** A data folder in which no local stack has made its key: a token signed elsewhere would answer 401. */
export class NoLocalKeyError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `no local stack has run with the data folder ${dataDir} (its key is missing): start one with npm start, or set DATA_DIR to the data folder of the stack you started`,
    );
    this.name = 'NoLocalKeyError';
  }
}

/**
 * The key of the stack that runs (or ran) with `dataDir`; never makes one, so that a token is only
 * signed with a key some stack knows. @throws NoLocalKeyError when the folder holds none
 */
export async function readLocalKey(dataDir: string): Promise<LocalKey> {
  try {
    return await importKey(JSON.parse(await readFile(join(dataDir, LOCAL_KEY_FILE), 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NoLocalKeyError(dataDir);
    throw error;
  }
}

/** The local key from `<dataDir>/local-jwt-key.json`, generated there on first use. */
export async function loadLocalKey(dataDir: string = DEFAULT_DATA_DIR): Promise<LocalKey> {
  const file = join(dataDir, LOCAL_KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    return await importKey(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await generate(file);
  return importKey(JSON.parse(await readFile(file, 'utf8')) as JWK);
}

/** Who a token is for: a party of the register and the roles it carries (e.g. `dglz`). */
export interface TokenSubject {
  readonly party: string;
  readonly roles?: readonly string[];
}

/**
 * Signs a token like the cloud's access token: `party`, (space-separated) `roles` and
 * `token_use: access` claims, 12 hours by default.
 */
export async function signLocalToken(
  key: LocalKey,
  subject: TokenSubject,
  options: { readonly expiresIn?: string } = {},
): Promise<string> {
  const roles = subject.roles ?? [];
  const claims: JWTPayload = {
    party: subject.party,
    token_use: 'access',
    ...(roles.length > 0 ? { roles: roles.join(' ') } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject.party)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(key.privateKey);
}

/** Keeps the claim values API Gateway can pass on (strings, numbers, booleans, string lists). */
function gatewayClaims(payload: JWTPayload): GatewayClaims {
  const claims: GatewayClaims = {};
  for (const [name, value] of Object.entries(payload)) {
    if (['string', 'number', 'boolean'].includes(typeof value))
      claims[name] = value as string | number | boolean;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) claims[name] = value;
  }
  return claims;
}

/** What a 401 says about a token that fails verification: never the verifier's own message. */
export const INVALID_TOKEN = 'the bearer token is not valid (signature, issuer, audience or expiry)';

/**
 * Verifies the `Authorization: Bearer <token>` header with the local key and returns its claims.
 * A token must expire (`exp`), as Cognito's do: one without would be valid forever.
 * @throws LocalAuthError when the header is missing or malformed, or the token is not valid
 */
export async function verifyLocalToken(
  key: LocalKey,
  authorization: string | undefined,
  options: { readonly now?: Date } = {},
): Promise<GatewayClaims> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1])
    throw new LocalAuthError('no bearer token: send Authorization: Bearer <token> (npm run token)');
  try {
    const { payload } = await jwtVerify(match[1], key.publicKey, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: [ALG],
      requiredClaims: ['exp'],
      ...(options.now ? { currentDate: options.now } : {}),
    });
    return gatewayClaims(payload);
  } catch (error) {
    // The verifier's message (which check failed, and how) helps a prober more than a user; the
    // reason stays on the error for a test or a debugger, not in the answer.
    throw new LocalAuthError(INVALID_TOKEN, { cause: error });
  }
}

/** Verifies an `Authorization` header and returns the token's claims (see {@link verifyLocalToken}). */
export type LocalTokenVerifier = ((authorization: string | undefined) => Promise<GatewayClaims>) & {
  /** Tokens held as verified. */
  readonly size: number;
};

/** How many verified tokens a verifier keeps: far more than the parties' clients, bounded for a long run. */
export const VERIFIED_TOKENS_KEPT = 1_000;

/**
 * {@link verifyLocalToken} for the local server, which verifies every request's token: a token
 * whose signature, issuer and audience were verified once is the same string every time its client
 * sends it, so its claims are kept and only its times are checked again (`exp`, `nbf`, as `jwtVerify`
 * checks them). A token past its time is verified in full again, and refused as before. Verifying
 * the ES256 signature each time was 15% of the server's busy time under a load of GETs (bench/README
 * section 2); API Gateway's JWT authorizer is a service of its own in the cloud. Failed tokens are
 * never kept; at most `max` tokens are, the oldest dropped first.
 */
export function createTokenVerifier(
  key: LocalKey,
  options: { readonly max?: number; readonly now?: () => Date } = {},
): LocalTokenVerifier {
  const max = options.max ?? VERIFIED_TOKENS_KEPT;
  const now = options.now ?? (() => new Date());
  const verified = new Map<string, GatewayClaims>();
  const inTime = (claims: GatewayClaims, at: Date) => {
    // As jose's jwtVerify judges them (no clock tolerance): seconds since the epoch.
    const seconds = Math.floor(at.getTime() / 1000);
    return (
      typeof claims.exp === 'number' &&
      claims.exp > seconds &&
      (claims.nbf === undefined || (typeof claims.nbf === 'number' && claims.nbf <= seconds))
    );
  };
  const verify = async (authorization: string | undefined): Promise<GatewayClaims> => {
    const at = now();
    const known = authorization === undefined ? undefined : verified.get(authorization);
    if (known && inTime(known, at)) return { ...known };
    if (known) verified.delete(authorization as string);
    const claims = await verifyLocalToken(key, authorization, { now: at });
    if (verified.size >= max) verified.delete(verified.keys().next().value as string);
    verified.set(authorization as string, claims);
    return { ...claims };
  };
  return Object.defineProperty(verify, 'size', { get: () => verified.size }) as LocalTokenVerifier;
}
