import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTokenVerifier,
  INVALID_TOKEN,
  LOCAL_KEY_FILE,
  LocalAuthError,
  loadLocalKey,
  NoLocalKeyError,
  readLocalKey,
  signLocalToken,
  verifyLocalToken,
} from '#infra/local/auth.ts';
import { localDataDir, removeRunningStack, writeRunningStack } from '#infra/local/stack-info.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { tokenRequest } from '../../../../scripts/token.ts';
import { testApp } from './support/app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'besluitvorming-auth-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('infra/local/auth', () => {
  it('generates the local key on first use, private to the user, and loads the same key after', async () => {
    const key = await loadLocalKey(dataDir);
    const file = join(dataDir, LOCAL_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect((await loadLocalKey(dataDir)).kid).toBe(key.kid);
  });

  it('verifies a token it signed and gives its claims as API Gateway would; the handler accepts them', async () => {
    const key = await loadLocalKey(dataDir);
    const token = await signLocalToken(key, { party: 'VWS', roles: ['dglz'] });
    const claims = await verifyLocalToken(key, `Bearer ${token}`);
    expect(claims).toMatchObject({ party: 'VWS', roles: 'dglz', sub: 'VWS' });
    const response = await testApp().call('GET /parties', {
      as: { claims: claims as Record<string, string> },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a missing, malformed, foreign or expired token', async () => {
    const key = await loadLocalKey(dataDir);
    const other = await loadLocalKey(mkdtempSync(join(tmpdir(), 'besluitvorming-other-')));
    const foreign = await signLocalToken(other, { party: 'ZIN' });
    const shortLived = await signLocalToken(key, { party: 'ZIN' }, { expiresIn: '1h' });
    await expect(verifyLocalToken(key, undefined)).rejects.toThrow(LocalAuthError);
    await expect(verifyLocalToken(key, 'Basic abc')).rejects.toThrow(/no bearer token/);
    await expect(verifyLocalToken(key, `Bearer ${foreign}`)).rejects.toThrow(INVALID_TOKEN);
    const later = new Date(Date.now() + 2 * 3600_000);
    const expired = await verifyLocalToken(key, `Bearer ${shortLived}`, { now: later }).catch((e) => e);
    expect(expired).toBeInstanceOf(LocalAuthError);
    // The answer says only that the token is not valid; the reason stays on the error's cause.
    expect(expired.message).toBe(INVALID_TOKEN);
    expect(String(expired.cause)).toMatch(/exp/);
  });
});

describe('infra/local/auth createTokenVerifier (the local server verifies every request)', () => {
  it('accepts a token it verified before with the same claims, and refuses it once it has expired', async () => {
    const key = await loadLocalKey(dataDir);
    const token = await signLocalToken(key, { party: 'GGZ' }, { expiresIn: '1h' });
    let now = new Date();
    const verify = createTokenVerifier(key, { now: () => now });
    const first = await verify(`Bearer ${token}`);
    expect(await verify(`Bearer ${token}`)).toEqual(first);
    expect(first).toMatchObject({ party: 'GGZ', sub: 'GGZ' });
    // An hour and a second later the kept token is past its exp: refused as a token never seen.
    now = new Date(now.getTime() + 3601_000);
    const expired = await verify(`Bearer ${token}`).catch((e) => e);
    expect(expired).toBeInstanceOf(LocalAuthError);
    expect(expired.message).toBe(INVALID_TOKEN);
    expect(verify.size).toBe(0);
  });

  it('keeps no refused token and at most its bound of verified ones, so a long-running stack does not grow', async () => {
    const key = await loadLocalKey(dataDir);
    const other = await loadLocalKey(mkdtempSync(join(tmpdir(), 'besluitvorming-other-')));
    const verify = createTokenVerifier(key, { max: 2 });
    await expect(verify(`Bearer ${await signLocalToken(other, { party: 'ZIN' })}`)).rejects.toThrow(
      INVALID_TOKEN,
    );
    await expect(verify(undefined)).rejects.toThrow(/no bearer token/);
    expect(verify.size).toBe(0);
    const tokens = await Promise.all(['ZIN', 'VNG', 'CAK'].map((party) => signLocalToken(key, { party })));
    for (const token of tokens) await verify(`Bearer ${token}`);
    expect(verify.size).toBe(2);
    // The oldest was dropped, not refused: verified in full again.
    expect(await verify(`Bearer ${tokens[0]}`)).toMatchObject({ party: 'ZIN' });
  });

  it('does not hand out its kept claims: a caller changing its copy changes nothing for the next request', async () => {
    const key = await loadLocalKey(dataDir);
    const token = await signLocalToken(key, { party: 'VNG' });
    const verify = createTokenVerifier(key);
    const claims = await verify(`Bearer ${token}`);
    claims.party = 'ZIN';
    expect((await verify(`Bearer ${token}`)).party).toBe('VNG');
  });
});

describe('scripts/token', () => {
  const register = loadDefaultRegister();

  it('accepts a party of the register and a role the register gives it', () => {
    expect(tokenRequest(register, ['vws', '--role', 'dglz'])).toEqual({
      party: 'VWS',
      roles: ['dglz'],
      expiresIn: '12h',
    });
  });

  it('refuses an unknown party, a role the party lacks, and a missing party, clearly', () => {
    expect(tokenRequest(register, ['NOPE'])).toEqual({
      error: expect.stringContaining('unknown party "NOPE": the register has ACTIZ'),
    });
    expect(tokenRequest(register, ['VNG', '--role', 'dglz'])).toEqual({
      error: expect.stringContaining('VNG holds no role dglz'),
    });
    expect(tokenRequest(register, [])).toEqual({ error: expect.stringContaining('usage: npm run token') });
  });

  it('explains itself on --help, and refuses an unknown option or a malformed --expires', () => {
    expect(tokenRequest(register, ['--help'])).toEqual({ error: expect.stringContaining('--expires SPAN') });
    expect(tokenRequest(register, ['ZIN', '--colour', 'red'])).toEqual({
      error: expect.stringContaining('unknown option --colour'),
    });
    expect(tokenRequest(register, ['ZIN', '--expires', 'soon'])).toEqual({
      error: expect.stringContaining('--expires soon: give a number and s, m, h or d'),
    });
  });
});

describe('the data folder of the local stack (npm run token, npm run executions)', () => {
  it('refuses to sign with a folder no stack has used, instead of making a key the stack does not know', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-stack-'));
    await expect(readLocalKey(empty)).rejects.toBeInstanceOf(NoLocalKeyError);
    await expect(readLocalKey(empty)).rejects.toThrow(/start one with npm start, or set DATA_DIR/);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('reads the key a stack made in its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-'));
    const made = await loadLocalKey(dir);
    expect((await readLocalKey(dir)).kid).toBe(made.kid);
  });

  it('takes DATA_DIR first, then the folder of the running npm start, else .data/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'running-'));
    const file = join(dir, 'running-stack.json');
    expect(localDataDir({ DATA_DIR: dir }, file)).toBe(dir);
    expect(localDataDir({}, file)).toBe(resolve('.data'));
    writeRunningStack(dir, process.pid, file);
    expect(localDataDir({}, file)).toBe(dir);
    // A stack that no longer runs is not the one to sign for.
    writeRunningStack(dir, 2 ** 22 + 1, file);
    expect(localDataDir({}, file)).toBe(resolve('.data'));
    removeRunningStack(2 ** 22 + 1, file);
    expect(existsSync(file)).toBe(false);
  });
});
