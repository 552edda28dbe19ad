import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '#shared/webhooks/http-sender.ts';

const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`;
let server: Server;
let port = 0;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(request.url === '/gone' ? 410 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const delivery = (url: string) => ({ url, secret, messageId: 'p-1.3', body: '{"id":"p-1.3"}' });

describe('shared/webhooks/http-sender', () => {
  it('signs each attempt as Standard Webhooks, verifiable with the library', async () => {
    const sender = new HttpWebhookSender({ policy: 'public-or-loopback' });
    expect(await sender.send(delivery(`http://127.0.0.1:${port}/hook`))).toEqual({ delivered: true });
    const last = received.at(-1);
    expect(last?.headers['webhook-id']).toBe('p-1.3');
    expect(last?.headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(String(last?.body), last?.headers as Record<string, string>)).toEqual({
      id: 'p-1.3',
    });
  });

  it('reports a receiver’s non-2xx answer as a failed attempt', async () => {
    const sender = new HttpWebhookSender({ policy: 'public-or-loopback' });
    expect(await sender.send(delivery(`http://127.0.0.1:${port}/gone`))).toEqual({
      delivered: false,
      error: 'HTTP 410',
    });
  });

  it('refuses at connection time a host name that resolves to a loopback address (SSRF)', async () => {
    const before = received.length;
    const sender = new HttpWebhookSender({ policy: 'public' });
    const outcome = await sender.send(delivery(`https://localhost:${port}/hook`));
    expect(outcome).toMatchObject({ delivered: false });
    expect(outcome.delivered ? '' : outcome.error).toMatch(/loopback/);
    expect(received.length).toBe(before);
  });

  it('refuses the local stack’s loopback receiver in the cloud', async () => {
    const sender = new HttpWebhookSender({ policy: 'public' });
    expect(await sender.send(delivery(`http://127.0.0.1:${port}/hook`))).toEqual({
      delivered: false,
      error: 'url must be https',
    });
  });
});
