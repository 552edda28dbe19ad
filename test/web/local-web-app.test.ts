import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalKey, verifyLocalToken } from '#infra/local/auth.ts';
import { createWebAppServer, isLoopbackHost, signInChoices } from '#infra/local/web-app.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';

const request = (method: string, host = 'localhost:3000') =>
  ({ method, headers: { host } }) as unknown as IncomingMessage;
const url = (path: string) => new URL(path, 'http://localhost:3000');

describe('infra/local/web-app', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-app-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<div id="root"></div>');
    writeFileSync(join(dir, 'dist', 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const server = async (distDir = join(dir, 'dist')) =>
    createWebAppServer({ key: await loadLocalKey(dir), register: loadDefaultRegister(), distDir });

  it('accepts only loopback host names for the local sign-in', () => {
    expect(['localhost:3000', '127.0.0.1', '[::1]:8080', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['rebound.example', 'localhost.rebound.example', '127.0.0.1.nip.io', undefined].map(isLoopbackHost),
    ).toEqual([false, false, false, false]);
  });

  it('offers every party of the register, and VWS also as DGLZ', () => {
    const choices = signInChoices(loadDefaultRegister());
    expect(choices.filter((c) => c.party === 'VWS').map((c) => c.roles)).toEqual([[], ['dglz']]);
    expect(choices.filter((c) => c.roles.length > 0)).toHaveLength(1);
  });

  it('serves the app with its security headers, and its hashed assets', async () => {
    const serve = await server();
    const index = await serve(request('GET'), url('/'), '');
    expect(index?.statusCode).toBe(200);
    expect(index?.headers?.['content-security-policy']).toContain("default-src 'self'");
    const asset = await serve(request('GET'), url('/assets/app-1.js'), '');
    expect(Buffer.from(String(asset?.body), 'base64').toString()).toBe('console.log(1)');
    expect(asset?.headers?.['cache-control']).toContain('immutable');
  });

  it('leaves every other path to the API, and never serves a file outside the build', async () => {
    const serve = await server();
    expect(await serve(request('GET'), url('/proposals'), '')).toBeUndefined();
    expect(await serve(request('POST'), url('/'), '')).toBeUndefined();
    expect(await serve(request('GET'), url('/assets/%2e%2e/%2e%2e/secret.txt'), '')).toBeUndefined();
    expect(await serve(request('GET'), url('/assets/missing.js'), '')).toBeUndefined();
  });

  it('says how to build the app when it is not built', async () => {
    const serve = await server(join(dir, 'nowhere'));
    const answer = await serve(request('GET'), url('/'), '');
    expect(answer?.statusCode).toBe(503);
    expect(String(answer?.body)).toContain('npm run build:web');
  });

  it('signs a token for a choice of the register, on loopback only', async () => {
    const serve = await server();
    const signed = await serve(request('POST'), url('/_local/sign-in'), '{"party":"CAK"}');
    expect(signed?.statusCode).toBe(200);
    const { token } = JSON.parse(String(signed?.body)) as { token: string };
    expect(await verifyLocalToken(await loadLocalKey(dir), `Bearer ${token}`)).toMatchObject({
      party: 'CAK',
    });
    const foreign = await serve(
      request('POST', 'rebound.example:3000'),
      url('/_local/sign-in'),
      '{"party":"CAK"}',
    );
    expect(foreign?.statusCode).toBe(403);
    const invalid = await serve(request('POST'), url('/_local/sign-in'), '{"party":"CAK","roles":["chair"]}');
    expect(invalid?.statusCode).toBe(400);
  });
});
