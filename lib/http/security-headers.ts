// Response headers every answer carries (set in proxy.ts, before routing). Pages get a
// Content-Security-Policy with a per-request nonce: Next reads the nonce from the request's CSP
// header and puts it on its own scripts, so no script without it runs ('strict-dynamic' lets those
// scripts load their chunks). https://nextjs.org/docs/app/guides/content-security-policy

/** A fresh, unguessable nonce per request (128 random bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy of an HTML page. Styles allow 'unsafe-inline' because React, Shiki and the graph write
 * `style` attributes, which nonces cannot cover; scripts never do. `frame-ancestors 'none'` stops
 * clickjacking of the action pages. Development needs 'unsafe-eval' for React's debugging tools.
 */
export function pagePolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never documents: nothing in them may load or run anything. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers besides the CSP; Strict-Transport-Security only when the request came over https. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Whether the client reached us over https (directly, or through a proxy that says so). */
export function isHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === 'https:' || forwardedProto?.split(',')[0]?.trim() === 'https';
}
