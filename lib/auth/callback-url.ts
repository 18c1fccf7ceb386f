// Where sign-in may send a person afterwards: only somewhere on this portal. A callback is kept
// only when `new URL(callback, origin).origin === origin`, checked after the normalisation browsers
// apply themselves (the WHATWG URL parser drops tabs and newlines anywhere, trims leading and
// trailing spaces and control characters, and reads `\` as `/` in http(s) URLs), so `/\evil.example`
// or `/<tab>/evil.example` cannot leave the origin. Anything else falls back to `/`.

/** Stand-in origin for callers that only need a path (the sign-in page and action). */
const PATH_ORIGIN = 'http://wayfinder.invalid';

/**
 * The callback as a same-origin path (`/catalog?x=1#y`), or `/`. `origin` is the portal's own
 * origin when the callback may be an absolute URL (next-auth's redirect callback).
 */
export function safeCallbackPath(callback: unknown, origin: string = PATH_ORIGIN): string {
  if (typeof callback !== 'string' || callback.length > 2000) return '/';
  const normalised = callback
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[\t\n\r]/g, '')
    .replace(/\\/g, '/');
  if (!normalised) return '/';
  let url: URL;
  try {
    // With a scheme it must stand alone: `https:evil.example` is relative to an https base but is
    // another host to anyone reading it.
    url = /^[a-z][a-z0-9+.-]*:/i.test(normalised) ? new URL(normalised) : new URL(normalised, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  // `/.//evil.example` parses to the path `//evil.example`, which a browser reads as another host.
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
}
