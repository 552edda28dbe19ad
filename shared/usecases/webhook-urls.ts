/**
 * Which webhook URLs the system calls (against SSRF): in the cloud only `https` to public addresses;
 * the local stack also `http://127.0.0.1` (a receiver on the same machine). A URL is checked when
 * it is subscribed (its form) and again at every delivery, on the addresses its host resolves to
 * then (a name can point elsewhere by the time we call it).
 */
import ipaddr from 'ipaddr.js';

/** `public`: https to public addresses only (the cloud). `public-or-loopback`: also http(s)://127.0.0.1 (local). */
export type WebhookUrlPolicy = 'public' | 'public-or-loopback';

const LOOPBACK_HOST = '127.0.0.1';

const isLoopbackUrl = (url: URL) => url.hostname === LOOPBACK_HOST;

/** Why this URL may not be subscribed, or undefined when its form is acceptable. */
export function urlRefusal(text: string, policy: WebhookUrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (policy === 'public-or-loopback' && isLoopbackUrl(url)) {
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be http or https';
  }
  if (url.protocol !== 'https:') {
    return policy === 'public' ? 'must be https' : 'must be https (or http://127.0.0.1 on the local stack)';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return addressRefusal(host, url, policy);
  return undefined;
}

/** Why the system may not connect to `address` for `url`, or undefined when it may. */
export function addressRefusal(address: string, url: URL, policy: WebhookUrlPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return undefined;
  if (policy === 'public-or-loopback' && range === 'loopback' && isLoopbackUrl(url)) return undefined;
  return `resolves to ${address}, a ${range} address: only public addresses are called`;
}
