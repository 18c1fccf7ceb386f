import { describe, expect, it } from 'vitest';
import { refusedAddressReason } from './address-rules';

// Each form a user can write in a URL reaches the classifier as WHATWG URL normalises it (decimal,
// hex and octal IPv4 become dotted; IPv6 is compressed), so the table goes through `new URL` too.
const hostOf = (url: string) => new URL(url).hostname;

describe('refusedAddressReason', () => {
  it.each<[string, string, string | null]>([
    ['IPv4 loopback', 'http://127.0.0.1:8080/x', 'a loopback address'],
    ['anywhere in 127/8', 'http://127.255.3.4/', 'a loopback address'],
    ['decimal IPv4', 'http://2130706433/', 'a loopback address'],
    ['hex IPv4', 'http://0x7f000001/', 'a loopback address'],
    ['octal IPv4', 'http://0177.0.0.1/', 'a loopback address'],
    ['short IPv4', 'http://127.1/', 'a loopback address'],
    ['0.0.0.0', 'http://0.0.0.0/', 'an unspecified ("this host") address'],
    ['0', 'http://0/', 'an unspecified ("this host") address'],
    ['10/8', 'http://10.1.2.3/', 'a private (RFC 1918) address'],
    ['172.16/12', 'http://172.31.255.1/', 'a private (RFC 1918) address'],
    ['192.168/16', 'http://192.168.0.10/', 'a private (RFC 1918) address'],
    ['CGNAT', 'http://100.100.1.1/', 'a carrier-grade NAT (RFC 6598) address'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', 'a link-local address'],
    ['multicast', 'http://224.0.0.1/', 'a multicast address'],
    ['broadcast', 'http://255.255.255.255/', 'a reserved address'],
    ['IPv6 loopback', 'http://[::1]/', 'a loopback address'],
    ['IPv6 unspecified', 'http://[::]/', 'an unspecified ("this host") address'],
    ['IPv6 link-local', 'http://[fe80::1]/', 'a link-local address'],
    ['IPv6 unique-local fc00::/7', 'http://[fd12:3456::1]/', 'a unique-local (private) IPv6 address'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/', 'an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
    ['IPv4-mapped IPv6 in hex', 'http://[::ffff:7f00:1]/', 'an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
    ['IPv4-mapped private', 'http://[0:0:0:0:0:ffff:10.0.0.1]/', 'an IPv4-mapped IPv6 address of 10.0.0.1, a private (RFC 1918) address'],
    ['IPv4-compatible IPv6', 'http://[::127.0.0.1]/', 'an IPv4-compatible IPv6 address of 127.0.0.1, a loopback address'],
    ['NAT64', 'http://[64:ff9b::a9fe:a9fe]/', 'a NAT64 IPv6 address of 169.254.169.254, a link-local address'],
    ['6to4', 'http://[2002:c0a8:0101::1]/', 'a 6to4 IPv6 address of 192.168.1.1, a private (RFC 1918) address'],
    ['public IPv4', 'http://93.184.215.14/', null],
    ['172.32 is public', 'http://172.32.0.1/', null],
    ['100.128 is outside CGNAT', 'http://100.128.0.1/', null],
    ['public IPv6', 'http://[2606:4700:4700::1111]/', null],
    ['IPv4-mapped public', 'http://[::ffff:8.8.8.8]/', null],
  ])('%s (%s): %s', (_name, url, reason) => {
    expect(refusedAddressReason(hostOf(url))).toBe(reason);
  });

  it.each([
    ['a resolved IPv6 with a zone', 'fe80::1%eth0', 'a link-local address'],
    ['a name', 'localhost', 'not an IP address'],
  ])('judges %s', (_name, address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });
});
