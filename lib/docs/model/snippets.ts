import path from 'node:path';

// pymdownx.snippets, which TechDocs' techdocs-core turns on with its defaults: before a page is
// parsed, a line `--8<-- "file.md"` (or a block of file names between two `--8<--` lines) is
// replaced by that file's lines, each indented as the marker was. `file.md:3:7` takes lines 3 to 7
// (`:3:` from line 3, `::7` to line 7), `file.md:name` the lines between `--8<-- [start:name]` and
// `--8<-- [end:name]`. A leading `;` shows the marker itself (one `;` comes off), and a block line
// starting with `;` is left out. Included files are expanded too, except a file already being
// included (no loop). As pymdownx's defaults: paths are relative to the site's root (the folder
// of mkdocs.yml, base_path "."), may not leave it (restrict_base_path), a file that is not there
// is left out without a word (check_paths false), and URLs are not fetched (url_download false).

const ALL = /^([ \t]*)(;*)(?:(-+8<-+[ \t]+)("(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')(?![ \t])|(-+8<-+)(?![ \t]))\r?$/;
const SECTION = /^(.*?)(;*)(-+8<-+[ \t]+)(\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\])(.*?)$/i;
const FILE = /^(.*?)(?:(:[0-9]*)?(:[0-9]*)?|(:[a-z][-_0-9a-z]*)?)$/i;

export type SnippetReader = (file: string) => Promise<string | null>;

/** A page with its snippets expanded, and every file it asked for (found or not), for the page's cache key. */
export type ExpandedPage = { text: string; asked: string[] };

/** Expands at most `maxChars` characters of text; past that, throws a RangeError with the files asked for so far (`asked`). */
export async function expandSnippets(source: string, read: SnippetReader, maxChars: number): Promise<ExpandedPage> {
  const asked = new Set<string>();
  const seen = new Set<string>();
  let chars = 0;
  const emit = (out: string[], line: string) => {
    chars += line.length + 1;
    if (chars > maxChars)
      throw Object.assign(new RangeError(`with its snippets the page is more than ${maxChars} characters`), { asked: [...asked] });
    out.push(line);
  };

  async function expand(lines: string[], file: string | null): Promise<string[]> {
    if (file) seen.add(file);
    const out: string[] = [];
    let block = false;
    for (const line of lines) {
      const m = ALL.exec(line);
      let space: string;
      let wanted: string;
      if (m) {
        if (m[2]) {
          emit(out, line.replace(';', ''));
          continue;
        }
        if (!m[3]) {
          block = !block;
          continue;
        }
        // An inline marker directly in a block is not followed.
        if (block) continue;
        space = m[1]!;
        wanted = m[4]!.slice(1, -1).trim();
      } else if (block) {
        space = /^[ \t]*/.exec(line)![0];
        wanted = line.trim();
        if (!wanted) {
          emit(out, '');
          continue;
        }
      } else {
        emit(out, line);
        continue;
      }
      if (wanted.startsWith(';')) continue;
      const [, name, from, to, section] = FILE.exec(wanted)!;
      const target = rootPath(name!.trim());
      if (!target || seen.has(target)) continue;
      asked.add(target);
      const text = await read(target);
      if (text === null) continue;
      let included = text === '' ? [] : text.split(/\r?\n/);
      if (text.endsWith('\n')) included.pop();
      if ((from && from.length > 1) || (to && to.length > 1))
        included = included.slice(
          from && from.length > 1 ? Math.max(0, Number(from.slice(1)) - 1) : 0,
          to && to.length > 1 ? Number(to.slice(1)) : undefined,
        );
      else if (section) included = sectionOf(section.slice(1), included);
      const indent = expandTabs(space);
      for (const l of await expand(included, target)) emit(out, indent + l);
    }
    if (file) seen.delete(file);
    return out;
  }

  const text = (await expand(source.split(/\r?\n/), null)).join('\n');
  return { text, asked: [...asked] };
}

/**
 * A page's cache key: its own (content hash and renderer version) and, a line each, every file its
 * snippets asked for with that file's hash ('-' when it was not there), so a change to one (or its
 * arrival) rebuilds the page.
 */
export const pageKey = (own: string, asked: [file: string, hash: string][]): string => [own, ...asked.map((a) => a.join('\t'))].join('\n');

/** The files a page's snippets asked for, read from its key (pageKey). */
export const snippetFilesOf = (key: string): string[] =>
  key
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0]!);

/** Leading whitespace with each tab taken to the next multiple of 4 columns (Python's expandtabs, Markdown's tab length). */
function expandTabs(space: string): string {
  let out = '';
  for (const c of space) out += c === '\t' ? ' '.repeat(4 - (out.length % 4)) : c;
  return out;
}

/** A snippet path as a path from the site's root, or null when it is empty, absolute or leaves the root. */
function rootPath(name: string): string | null {
  if (!name || name.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(name)) return null;
  const normal = path.posix.normalize(name.replace(/\\/g, '/'));
  return normal === '..' || normal.startsWith('../') || normal === '.' ? null : normal;
}

/** The lines between `--8<-- [start:name]` and `--8<-- [end:name]`, other sections' markers left out. */
function sectionOf(name: string, lines: string[]): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    const m = SECTION.exec(line);
    if (m && inside && m[2]) {
      out.push(m[1]! + m[2].replace(';', '') + m[3]! + m[4]! + m[7]!);
      continue;
    }
    if (m && m[6] === name) {
      const start = m[5]!.toLowerCase() === 'start';
      if (!inside && start) {
        inside = true;
        continue;
      }
      if (inside && start) continue;
      break;
    }
    if (m && inside) continue;
    if (inside) out.push(line);
  }
  return out;
}
