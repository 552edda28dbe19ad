/**
 * The local stack as an attacker on this machine or a web page in its browser meets it (issue 17,
 * rows 2, 7, 8, 11, 13): bad Host headers, the local-only routes, tokens, headers and file modes.
 * Raw sockets where fetch would fix the request up (it always sends a valid Host).
 */
import { readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadLocalKey, signLocalToken } from '#infra/local/auth.ts';
import {
  everyone,
  expectStatus,
  PROBLEM_BASE,
  type ProblemBody,
  procedure,
  send,
  useLocalStack,
} from './support/index.ts';

const stack = useLocalStack();

interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends `head` (request line and headers, without the blank line) as it is, and reads the answer. */
function raw(head: string, body = ''): Promise<RawReply> {
  const { port, hostname } = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = top.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      const body = rest.join('\r\n\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body,
      });
    });
    const length = body === '' ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    socket.write(`${head}\r\n${length}Connection: close\r\n\r\n${body}`);
  });
}

/** A chunked body's content. */
function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

const problemType = (reply: RawReply) => {
  expect(reply.headers['content-type']).toBe('application/problem+json');
  return (JSON.parse(reply.body) as ProblemBody).type;
};

const zinToken = async () => signLocalToken(await loadLocalKey(stack.dataDir), { party: 'ZIN' });

describe('the local server and the Host header (issue 17, rows 2 and 7)', () => {
  it('answers 400 to an empty or invalid Host, and keeps serving', async () => {
    for (const host of ['', 'a b', '[', 'localhost:notaport', 'exa mple:3000']) {
      const reply = await raw(`GET /parties HTTP/1.1\r\nHost: ${host}`);
      expect(reply.status, `Host: '${host}'`).toBe(400);
      expect(problemType(reply)).toBe(`${PROBLEM_BASE}invalid-host`);
    }
    expectStatus(await stack.as('ZIN').get('/parties'), 200);
  });

  it('answers only to localhost and 127.0.0.1, so a rebound DNS name reads nothing', async () => {
    const token = await zinToken();
    const { port } = new URL(stack.baseUrl);
    for (const path of ['/_local/outbox', '/parties']) {
      const reply = await raw(
        `GET ${path} HTTP/1.1\r\nHost: attacker.example:${port}\r\nAuthorization: Bearer ${token}`,
      );
      expect(reply.status, path).toBe(403);
      expect(problemType(reply)).toBe(`${PROBLEM_BASE}forbidden-host`);
    }
    const byAddress = await raw(
      `GET /_local/clock HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}`,
    );
    expect(byAddress.status).toBe(200);
  });
});

describe('the local-only routes (issue 17, rows 7 and 8)', () => {
  it('need a token: without one the clock does not move and the outbox stays closed', async () => {
    const before = await stack.now();
    const moved = await send<ProblemBody>(stack.baseUrl, 'POST', '/_local/clock', {
      body: { advanceDays: 5 },
    });
    expect(moved.status).toBe(401);
    expect(moved.body.type).toBe(`${PROBLEM_BASE}unauthenticated`);
    expect((await send(stack.baseUrl, 'GET', '/_local/outbox')).status).toBe(401);
    expect(Date.parse(await stack.now()) - Date.parse(before)).toBeLessThan(86_400_000);
  });

  it('need ZIN: another party may not move the clock or read every e-mail', async () => {
    const token = await signLocalToken(await loadLocalKey(stack.dataDir), { party: 'VNG' });
    const moved = await send<ProblemBody>(stack.baseUrl, 'POST', '/_local/clock', {
      token,
      body: { advanceDays: 5 },
    });
    expect(moved.status).toBe(403);
    expect((await send(stack.baseUrl, 'GET', '/_local/outbox', { token })).status).toBe(403);
  });

  it('take JSON only, so a cross-site form post cannot move the clock', async () => {
    const token = await zinToken();
    const before = await stack.now();
    const form = await raw(
      `POST /_local/clock HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/plain`,
      '{"advanceDays":5}',
    );
    expect(form.status).toBe(415);
    expect(problemType(form)).toBe(`${PROBLEM_BASE}unsupported-media-type`);
    expect(Date.parse(await stack.now()) - Date.parse(before)).toBeLessThan(86_400_000);
  });

  it('are only the routes it names: members of Object.prototype are no routes', async () => {
    const token = await zinToken();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const reply = await send<ProblemBody>(stack.baseUrl, 'GET', `/_local/${name}`, { token });
      expect(reply.status, name).toBe(404);
      expect(reply.body.type).toBe(`${PROBLEM_BASE}not-found`);
    }
  });
});

describe('local tokens (issue 17, row 11)', () => {
  it('refuses a token without an expiry', async () => {
    const key = await loadLocalKey(stack.dataDir);
    const forever = await new SignJWT({ party: 'ZIN' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject('ZIN')
      .setIssuedAt()
      .sign(key.privateKey);
    const reply = await send<ProblemBody>(stack.baseUrl, 'GET', '/parties', { token: forever });
    expect(reply.status).toBe(401);
    expect(reply.body.type).toBe(`${PROBLEM_BASE}unauthenticated`);
  });

  it('answers a bad token with 401 that does not repeat the verifier’s own message', async () => {
    const token = await zinToken();
    const [header, payload] = token.split('.');
    const bad = `${header}.${payload}.AAAA`;
    // DESIGN 5: Dutch by default, from the catalogue; English on Accept-Language: en.
    const reply = await send<ProblemBody>(stack.baseUrl, 'GET', '/parties', { token: bad });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-language')).toBe('nl');
    expect(reply.body.title).toBe('Een geldig bearer-token is vereist');
    const english = await send<ProblemBody>(stack.baseUrl, 'GET', '/parties', {
      token: bad,
      headers: { 'accept-language': 'en' },
    });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body.detail).toBe('the bearer token is not valid (signature, issuer, audience or expiry)');
    for (const answer of [reply, english]) {
      expect(JSON.stringify(answer.body)).not.toMatch(/JWS|JWT|signature verification failed|ERR_/);
    }
  });
});

describe('headers and files (issue 17, row 13)', () => {
  it('sends X-Content-Type-Options: nosniff on every answer, Markdown, iCalendar and problems included', async () => {
    const zin = stack.as('ZIN');
    const deadlines = await zin.get('/deadlines.ics');
    expect(deadlines.headers.get('content-type')).toMatch(/^text\/calendar/);
    const replies = [
      deadlines,
      await zin.get('/parties'),
      await zin.get('/meetings/nope/minutes.md'),
      await send(stack.baseUrl, 'GET', '/nowhere'),
      await send(stack.baseUrl, 'GET', '/_local/clock'),
    ];
    for (const reply of replies) expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps its data folder, its clock and the e-mails private to the user', async () => {
    const api = procedure(stack);
    await api.decidedByVote({ title: 'Files' }, everyone('for'));
    await stack.advanceDays(1);
    const mails = await stack.outbox();
    expect(mails.length).toBeGreaterThan(0);
    const outboxDir = join(stack.dataDir, 'outbox');
    const emls = readdirSync(outboxDir).filter((name) => name.endsWith('.eml'));
    expect(emls.length).toBe(mails.length);
    expect(statSync(stack.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(outboxDir).mode & 0o777).toBe(0o700);
    for (const name of emls) expect(statSync(join(outboxDir, name)).mode & 0o777, name).toBe(0o600);
    expect(statSync(join(stack.dataDir, 'clock.json')).mode & 0o777).toBe(0o600);
  });
});
