// Where local sign-in (anyone picks any catalog user, no password) is taken from. The shipped
// configuration forces it on under NODE_ENV=production so that the quick start has a way in, and
// the server listens on every address: without this, anyone who could reach the port could sign
// in as an admin. So in production it is taken only from the machine the portal runs on, unless
// auth.local.fromAnyAddress says otherwise. The production server (scripts/server.ts) writes the
// connection's address into PEER_HEADER over whatever a client sent; a proxy in front of it on the
// same machine names the client it forwards for in X-Forwarded-For, X-Real-IP or Forwarded, and
// each of those must be this machine too.

export const PEER_HEADER = 'x-wayfinder-peer-address';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/i;

/** The addresses a request names for its client: the connection's and every proxy's. */
function addressesOf(headers: Headers): (string | null)[] {
  const forwarded = [
    ...(headers.get('x-forwarded-for') ?? '').split(','),
    headers.get('x-real-ip') ?? '',
    // RFC 7239: for=192.0.2.60, for="[2001:db8::1]:4711"
    ...[...(headers.get('forwarded') ?? '').matchAll(/for=("?)([^";,]*)\1/gi)].map((m) => m[2]),
  ];
  const named = forwarded
    .map((a) =>
      a
        .trim()
        .replace(/^\[([^\]]*)\](:\d+)?$/, '$1')
        .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1'),
    )
    .filter(Boolean);
  return [headers.get(PEER_HEADER), ...named];
}

/** Why local sign-in is refused for this request, or null when it is taken. */
export function localSignInRefusal(headers: Headers, local: { enabled: boolean; fromAnyAddress: boolean }, nodeEnv: string): string | null {
  if (!local.enabled) return 'local sign-in is turned off (auth.local.enabled)';
  if (nodeEnv !== 'production' || local.fromAnyAddress) return null;
  if (addressesOf(headers).every((a) => a !== null && LOOPBACK.test(a))) return null;
  return 'local sign-in is taken only on the machine the portal runs on (open it there, at localhost), since it needs no password. Sign in with GitHub (auth.github), or, for a demo on a network you trust, set auth.local.fromAnyAddress: true';
}
