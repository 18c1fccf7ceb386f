// The browser session cookie, shared by next-auth (GitHub sign-in) and local sign-in, and read by
// currentActor() and proxy.ts. No server-only imports: proxy.ts checks only that it is present.

/** `__Secure-` prefix over https, as next-auth names it; plain name on http (local, e2e). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)];

/** Reads one cookie from a Cookie header; a value that is not valid percent-encoding is none (no token of ours is). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        // A URIError here answered every page and API request carrying it with a 500.
        return undefined;
      }
    }
  }
  return undefined;
}
