/**
 * The webhook sender on HTTP (the adapter of shared/ports/webhook-sender.ts): signs each attempt as
 * Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<HMAC-SHA256>`) with
 * the maintained `standardwebhooks` library, and connects only to addresses the URL policy admits.
 * The check runs inside the connection's own DNS lookup, so the address checked is the address
 * called (no window for a name to be re-pointed in between). Redirects are not followed.
 */
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DeliveryOutcome, WebhookDelivery, WebhookSender } from '#shared/ports/webhook-sender.ts';
import { addressRefusal, urlRefusal, type WebhookUrlPolicy } from '#shared/usecases/webhook-urls.ts';

export interface HttpWebhookSenderOptions {
  readonly policy: WebhookUrlPolicy;
  /** An attempt that has no answer by then has failed. @default 10000 */
  readonly timeoutMs?: number;
  /** The wall clock of `webhook-timestamp` (receivers compare it with theirs). @default () => new Date() */
  readonly now?: () => Date;
}

/** A DNS lookup that refuses every address the policy refuses for `url`. */
function guardedLookup(url: URL, policy: WebhookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => addressRefusal(a.address, url, policy)).find(Boolean);
      if (refusal)
        return callback(Object.assign(new Error(`${url.hostname} ${refusal}`), { code: 'EREFUSED' }), '', 0);
      if (options.all)
        return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/** Sends signed webhooks over HTTP(S). */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly options: HttpWebhookSenderOptions) {}

  send(delivery: WebhookDelivery): Promise<DeliveryOutcome> {
    const refusal = urlRefusal(delivery.url, this.options.policy);
    if (refusal) return Promise.resolve({ delivered: false, error: `url ${refusal}` });
    const url = new URL(delivery.url);
    const timestamp = (this.options.now ?? (() => new Date()))();
    const signature = new Webhook(delivery.secret).sign(delivery.messageId, timestamp, delivery.body);
    const headers = {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(delivery.body)),
      'user-agent': 'besluitvorming-istandaarden-webhooks/1',
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers,
          lookup: guardedLookup(url, this.options.policy),
          timeout: this.options.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume(); // the body is not read: drain it so the socket is freed
          const status = res.statusCode ?? 0;
          resolve(
            status >= 200 && status < 300
              ? { delivered: true }
              : { delivered: false, error: `HTTP ${status}` },
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer in time')));
      req.on('error', (error) => resolve({ delivered: false, error: error.message }));
      req.end(delivery.body);
    });
  }
}
