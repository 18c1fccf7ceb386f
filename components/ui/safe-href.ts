/**
 * A link target from catalog or template data, or null when it is not an absolute http(s) or mailto
 * URL: a `javascript:` or `data:` URL written into a descriptor or a template's output must not
 * become a link (shown as text instead).
 */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.toString() : null;
  } catch {
    // Not an absolute URL: shown as text, not as a link.
    return null;
  }
}
