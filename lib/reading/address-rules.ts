import net from 'node:net';

// Addresses the server must not connect to on a user's behalf (server-side request forgery): the
// machine itself, its networks and the cloud metadata service (169.254.169.254). IANA's special-
// purpose registries are the source: https://www.iana.org/assignments/iana-ipv4-special-registry
// and https://www.iana.org/assignments/iana-ipv6-special-registry.

type Rule = { name: string; v4: string[]; v6: string[] };

const RULES: Rule[] = [
  { name: 'an unspecified ("this host") address', v4: ['0.0.0.0/8'], v6: ['::/128'] },
  { name: 'a loopback address', v4: ['127.0.0.0/8'], v6: ['::1/128'] },
  { name: 'a private (RFC 1918) address', v4: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], v6: [] },
  { name: 'a carrier-grade NAT (RFC 6598) address', v4: ['100.64.0.0/10'], v6: [] },
  { name: 'a link-local address', v4: ['169.254.0.0/16'], v6: ['fe80::/10'] },
  { name: 'a unique-local (private) IPv6 address', v4: [], v6: ['fc00::/7'] },
  { name: 'a multicast address', v4: ['224.0.0.0/4'], v6: ['ff00::/8'] },
  {
    name: 'a reserved address',
    v4: ['192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4'],
    v6: ['100::/64', '2001:db8::/32', 'fec0::/10'],
  },
];

const LISTS = RULES.map((rule) => {
  const list = new net.BlockList();
  for (const cidr of rule.v4) list.addSubnet(cidr.split('/')[0], Number(cidr.split('/')[1]), 'ipv4');
  for (const cidr of rule.v6) list.addSubnet(cidr.split('/')[0], Number(cidr.split('/')[1]), 'ipv6');
  return { name: rule.name, list };
});

/**
 * Why the server must not connect to `address` (an IPv4 or IPv6 literal, brackets allowed), e.g.
 * "a loopback address"; null for a public unicast address. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
 * the IPv4 address they reach. Anything that is not an IP literal is refused: callers resolve names
 * first.
 */
export function refusedAddressReason(address: string): string | null {
  const ip = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = net.isIP(ip);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const embedded = embeddedIpv4(ip);
    if (embedded) {
      const reason = refusedAddressReason(embedded.ipv4);
      return reason && `${embedded.form} of ${embedded.ipv4}, ${reason}`;
    }
  }
  return LISTS.find(({ list }) => list.check(ip, family === 4 ? 'ipv4' : 'ipv6'))?.name ?? null;
}

/** The eight 16-bit groups of an IPv6 literal (which net.isIP has accepted). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === null ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function embeddedIpv4(ip: string): { form: string; ipv4: string } | null {
  const g = ipv6Groups(ip);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return { form: 'an IPv4-mapped IPv6 address', ipv4: v4(g[6], g[7]) };
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return { form: 'an IPv4-translated IPv6 address', ipv4: v4(g[6], g[7]) };
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return { form: 'a NAT64 IPv6 address', ipv4: v4(g[6], g[7]) };
  if (g[0] === 0x2002) return { form: 'a 6to4 IPv6 address', ipv4: v4(g[1], g[2]) };
  if (zeros(0, 6) && (g[6] !== 0 || g[7] > 1)) return { form: 'an IPv4-compatible IPv6 address', ipv4: v4(g[6], g[7]) };
  return null;
}
