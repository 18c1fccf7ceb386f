// Paths a repository or a person writes (a docs link, a template's targetPath), normalised.

/**
 * `path.posix.normalize` without a trailing slash, in time linear in the path: Node's appends each
 * `..` to a string it reads back, so a page's link of 66,000 `../` took 5 s to render (and
 * `path.posix.join` normalises too).
 */
export function normalisePath(p: string): string {
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (!absolute) parts.push('..');
  }
  return (absolute ? '/' : '') + parts.join('/') || '.';
}
