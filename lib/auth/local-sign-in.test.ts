import { describe, expect, it } from 'vitest';
import { localSignInRefusal, PEER_HEADER } from './local-sign-in';

const on = { enabled: true, fromAnyAddress: false };
const request = (peer: string | null, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer === null ? {} : { [PEER_HEADER]: peer }), ...extra });

describe('localSignInRefusal', () => {
  it.each([
    ['IPv4 loopback', request('127.0.0.1')],
    ['IPv6 loopback', request('::1')],
    ['IPv4-mapped loopback', request('::ffff:127.0.0.1')],
    [
      'a proxy on this machine forwarding for this machine',
      request('127.0.0.1', { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1;proto=http' }),
    ],
    ['a proxy naming [::1] with a port', request('::1', { forwarded: 'for="[::1]:4711"' })],
  ])('takes it in production from this machine: %s', (_what, headers) => {
    expect(localSignInRefusal(headers, on, 'production')).toBeNull();
  });

  it.each([
    ['another machine', request('192.168.1.20')],
    ['no address (not the production server)', request(null)],
    ['an empty address', request('')],
    ['a proxy on this machine forwarding for another', request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })],
    ['one hop of several elsewhere', request('127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 10.0.0.2' })],
    ['X-Real-IP elsewhere', request('127.0.0.1', { 'x-real-ip': '198.51.100.1' })],
    ['Forwarded for an IPv6 client', request('::1', { forwarded: 'for="[2001:db8::1]:4711"' })],
    ['a name a proxy cannot vouch for', request('127.0.0.1', { 'x-forwarded-for': 'unknown' })],
  ])('refuses it in production from %s, saying how to sign in', (_what, headers) => {
    expect(localSignInRefusal(headers, on, 'production')).toMatch(
      /^local sign-in is taken only on the machine the portal runs on .* Sign in with GitHub \(auth\.github\), or, for a demo on a network you trust, set auth\.local\.fromAnyAddress: true$/,
    );
  });

  it('takes it from anywhere in development, or with fromAnyAddress; never when it is off', () => {
    expect(localSignInRefusal(request('192.168.1.20'), on, 'development')).toBeNull();
    expect(localSignInRefusal(request('192.168.1.20'), { enabled: true, fromAnyAddress: true }, 'production')).toBeNull();
    expect(localSignInRefusal(request('127.0.0.1'), { enabled: false, fromAnyAddress: true }, 'development')).toBe(
      'local sign-in is turned off (auth.local.enabled)',
    );
  });
});
