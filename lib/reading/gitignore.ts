// .gitignore patterns (https://git-scm.com/docs/gitignore), one a line, over paths relative to the
// folder that holds them: MkDocs' exclude_docs (docs/model/exclude-docs.ts) and the .gitignore files
// of a scaffolder workspace (what publish:github and publish:github:pull-request leave out) read them.

// A glob's pieces: a character, `?`, `*` (within a name), `**` (across names) and `**` then `/` (any folders, or none).
type Token = { kind: 'char'; char: string } | { kind: 'one' | 'name' | 'any' | 'folders' };
type Rule = { tokens: Token[]; negated: boolean; directoryOnly: boolean };

/** A .gitignore pattern as tokens over a path relative to its folder. */
function ruleOf(line: string): Rule | null {
  let text = line.trim();
  if (!text || text.startsWith('#')) return null;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  const directoryOnly = text.endsWith('/');
  text = text.replace(/\/+$/, '');
  // A pattern with a slash (other than a trailing one) is anchored at its folder; else it matches a name at any depth.
  const tokens: Token[] = text.includes('/') ? [] : [{ kind: 'folders' }];
  text = text.replace(/^\//, '');
  if (!text) return null;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('**/', i)) {
      tokens.push({ kind: 'folders' });
      i += 2;
    } else if (text.startsWith('**', i)) {
      tokens.push({ kind: 'any' });
      i += 1;
    } else if (text[i] === '*') tokens.push({ kind: 'name' });
    else if (text[i] === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', char: text[i] });
  }
  return { tokens, negated, directoryOnly };
}

/**
 * For each length j of `path`, whether the tokens match path.slice(0, j): one pass answers for the
 * file and every folder it lies in. Time proportional to the tokens times the path (a pattern is the
 * author's: as a regular expression, a few `**` could take exponential time).
 */
function matchedPrefixes(tokens: Token[], path: string): Uint8Array {
  // can[j]: the tokens so far match path.slice(0, j).
  let can = new Uint8Array(path.length + 1);
  let next = new Uint8Array(path.length + 1);
  can[0] = 1;
  for (const t of tokens) {
    next.fill(0);
    let before = 0; // can[i] for some i < j
    let some = 0;
    for (let j = 0; j <= path.length; j++) {
      if (t.kind === 'char' || t.kind === 'one') {
        if (j > 0 && can[j - 1] && (t.kind === 'char' ? path[j - 1] === t.char : path[j - 1] !== '/')) next[j] = 1;
      } else if (t.kind === 'folders') {
        // Nothing, or anything ending at a slash.
        next[j] = can[j] || (path[j - 1] === '/' && before) ? 1 : 0;
      } else {
        next[j] = can[j] || (j > 0 && next[j - 1] && (t.kind === 'any' || path[j - 1] !== '/')) ? 1 : 0;
      }
      before |= can[j];
      some |= next[j];
    }
    [can, next] = [next, can];
    // Nothing matched so far: nothing will.
    if (!some) break;
  }
  return can;
}

/**
 * Whether the patterns ignore `file` (true), re-include it (false: a `!` pattern matched last), or
 * say nothing of it (null). A pattern matches the file itself (unless it names folders only) or any
 * folder it lies in.
 */
export function gitignoreMatcher(patterns: string): (file: string) => boolean | null {
  const rules = patterns
    .split('\n')
    .map(ruleOf)
    .filter((r): r is Rule => r !== null);
  return (file) => {
    const parts = file.split('/');
    // Where the file's folders and the file itself end in its path.
    const ends = parts.map((_, i) => parts.slice(0, i + 1).join('/').length);
    let ignored: boolean | null = null;
    for (const rule of rules) {
      const can = matchedPrefixes(rule.tokens, file);
      const hit = ends.some((end, i) => !(i === parts.length - 1 && rule.directoryOnly) && can[end]);
      if (hit) ignored = !rule.negated;
    }
    return ignored;
  };
}
