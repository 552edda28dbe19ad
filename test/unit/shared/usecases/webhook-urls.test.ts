import { describe, expect, it } from 'vitest';
import { addressRefusal, urlRefusal } from '#shared/usecases/webhook-urls.ts';

describe('shared/usecases/webhook-urls', () => {
  it('accepts https to a host name or a public address', () => {
    expect(urlRefusal('https://hooks.example.org/x', 'public')).toBeUndefined();
    expect(urlRefusal('https://93.184.215.14/x', 'public')).toBeUndefined();
    expect(urlRefusal('https://[2606:4700::6810:84e5]/x', 'public')).toBeUndefined();
  });

  it.each([
    ['http://hooks.example.org/x', 'must be https'],
    ['https://10.1.2.3/x', 'private'],
    ['https://192.168.0.1/x', 'private'],
    ['https://127.0.0.1/x', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://[fd12::1]/x', 'uniqueLocal'],
    ['https://[::1]/x', 'loopback'],
    ['https://[::ffff:10.0.0.1]/x', 'private'],
    ['https://user:pw@hooks.example.org/x', 'user name'],
    ['not a url', 'absolute URL'],
  ])('refuses %s in the cloud (%s)', (url, why) => {
    expect(urlRefusal(url, 'public')).toContain(why);
  });

  it('lets the local stack call a receiver on 127.0.0.1, and nothing else on loopback', () => {
    expect(urlRefusal('http://127.0.0.1:8080/hook', 'public-or-loopback')).toBeUndefined();
    expect(urlRefusal('http://localhost:8080/hook', 'public-or-loopback')).toContain('https');
    const local = new URL('http://127.0.0.1:8080/hook');
    expect(addressRefusal('127.0.0.1', local, 'public-or-loopback')).toBeUndefined();
    expect(addressRefusal('127.0.0.1', local, 'public')).toContain('loopback');
  });

  it('refuses at delivery a host name that resolves to a private address', () => {
    const url = new URL('https://rebinding.example/hook');
    expect(addressRefusal('10.0.0.5', url, 'public')).toContain('private');
    expect(addressRefusal('93.184.215.14', url, 'public')).toBeUndefined();
  });
});
