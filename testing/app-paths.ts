import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The path of every page under `dir` of the app (and of every route handler, with `routes`): route
 * groups, private `_` folders and optional catch-alls left out, each other param filled in by `param`.
 */
export function appPaths(dir: string, options: { routes?: boolean; param: (name: string) => string }, path = ''): string[] {
  const file = options.routes ? /^(page\.tsx|route\.ts)$/ : /^page\.tsx$/;
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return file.test(entry.name) ? [path || '/'] : [];
    if (!entry.isDirectory() || entry.name.startsWith('_')) return [];
    const param = /^\[(?:\.\.\.)?(\w+)\]$/.exec(entry.name)?.[1];
    const segment = /^\(.+\)$/.test(entry.name) || entry.name.startsWith('[[') ? '' : param ? options.param(param) : entry.name;
    return appPaths(join(dir, entry.name), options, segment ? `${path}/${segment}` : path);
  });
}
