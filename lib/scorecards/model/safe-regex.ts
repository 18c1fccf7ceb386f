// A scorecard's `matches` patterns come from anyone who may write a scorecard file, and each is run
// against every entity. JavaScript's regex engine backtracks, so a pattern such as `(a+)+$` can take
// exponential time on a crafted value. Patterns are therefore held to an RE2-like subset: bounded
// length, no backreferences or lookaround, no quantified group that itself contains a quantifier,
// and a bound on how many ways its repeats and alternatives can combine (repeats side by side,
// `\d*\d*\d*x` or `a?a?…a?aa…a`, take minutes or hours without any group); values are capped in
// length, and a list in number, too.

export const MAX_PATTERN_LENGTH = 200;
export const MAX_VALUE_LENGTH = 1_000;
/** A list is matched on its first values only: each may cost up to MAX_PATHS steps. */
export const MAX_VALUES = 100;
/**
 * The most ways one attempt may combine the pattern's repeats and alternatives on a value of
 * MAX_VALUE_LENGTH characters: the worst value then takes some tens of milliseconds.
 */
export const MAX_PATHS = 10_000_000;

/** Why a pattern is refused (a message saying what to change), or null when it is safe. */
export function unsafePatternReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`;
  try {
    new RegExp(pattern, 'u');
  } catch (err) {
    return `the pattern is not a valid regular expression: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences (\\1, \\k<name>) are not allowed; rewrite the pattern without them';
  if (/\(\?<?[=!]/.test(pattern))
    return 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not allowed; rewrite the pattern without them';
  if (hasNestedQuantifier(pattern))
    return 'a group with a quantifier inside may not be repeated itself (like (a+)+ or (a|b*)*; an optional group such as (-[a-z]+)? is fine), which can take exponential time; remove the inner or the outer quantifier';
  if (backtrackingPaths(pattern) > MAX_PATHS)
    return `its repeats (*, +, ?, {n,m}) and alternatives (|) can combine in more than ${MAX_PATHS.toLocaleString('en')} ways on a value of ${MAX_VALUE_LENGTH.toLocaleString('en')} characters (like \\d*\\d*\\d* or a?a?a?…), which can take minutes; use fewer of them side by side (\\d+ for \\d*\\d*), and start the pattern with ^ where it should match from the start`;
  return null;
}

/**
 * An upper bound on the ways a backtracking engine can try the pattern against a value of
 * MAX_VALUE_LENGTH characters (nested repeats are refused before, so the pattern's repeats are
 * side by side): k unbounded repeats (*, +, {n,}) split the value in at most C(n + k, k) ways, a
 * bounded one multiplies by the counts it may take (`?`: 2), an alternation by its branches, and a
 * pattern not anchored with ^ is tried from every position (one more unbounded repeat).
 */
function backtrackingPaths(pattern: string): number {
  let unbounded = 0;
  let bounded = 1;
  const branches = [1];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      // \u{…} and \p{…} are one character, not a repeat.
      if ('upP'.includes(pattern[i] ?? '') && pattern[i + 1] === '{') i = Math.max(i, pattern.indexOf('}', i));
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      branches.push(1);
      // (?:…) and (?<name>…) are groups, not a repeat of "(".
      if (pattern[i + 1] === '?') i = pattern[i + 2] === '<' ? Math.max(i, pattern.indexOf('>', i)) : i + 2;
    } else if (c === ')') bounded *= branches.pop() ?? 1;
    else if (c === '|') branches[branches.length - 1]++;
    else {
      const q = QUANTIFIER.exec(pattern.slice(i))?.[0];
      if (!q) continue;
      const [, min, comma, max] = /^\{(\d+)(,?)(\d*)\}$/.exec(q) ?? [];
      if (q === '*' || q === '+' || (comma && max === '')) unbounded++;
      else if (q === '?') bounded *= 2;
      else if (comma) bounded *= Math.max(1, Math.min(Number(max), MAX_VALUE_LENGTH) - Number(min) + 1);
      i += q.length - 1;
      if (pattern[i + 1] === '?') i++; // lazy: the same choices, tried in another order
    }
  }
  bounded *= branches[0];
  if (!pattern.startsWith('^') || branches[0] > 1) unbounded++;
  let splits = 1;
  for (let k = 1; k <= unbounded; k++) splits = (splits * (MAX_VALUE_LENGTH + k)) / k;
  return splits * bounded;
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/** Does the text start with a quantifier that repeats (`?`, `{0,1}` and `{1}` do not)? */
function startsWithRepeat(text: string): boolean {
  const q = QUANTIFIER.exec(text)?.[0];
  if (!q || q === '?') return false;
  if (q === '*' || q === '+') return true;
  const [, min, comma, max] = /\{(\d+)(,?)(\d*)\}/.exec(q)!;
  return comma ? max === '' || Number(max) > 1 : Number(min) > 1;
}

/** Walks the pattern: does a group containing a quantifier (or alternation) get quantified itself? */
function hasNestedQuantifier(pattern: string): boolean {
  const stack: { quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push({ quantified: false });
      // The ? of (?:…) and (?<name>…) is not a quantifier.
      if (pattern[i + 1] === '?') i = pattern[i + 2] === '<' ? Math.max(i, pattern.indexOf('>', i)) : i + 2;
    } else if (c === ')') {
      const group = stack.pop();
      const after = pattern.slice(i + 1);
      if (group?.quantified && startsWithRepeat(after)) return true;
      // A group containing a quantifier makes its enclosing group "quantified" as well.
      if (group?.quantified && stack.length) stack[stack.length - 1].quantified = true;
      if (QUANTIFIER.test(after) && stack.length) stack[stack.length - 1].quantified = true;
    } else if ((c === '|' || QUANTIFIER.test(pattern.slice(i))) && stack.length) {
      stack[stack.length - 1].quantified = true;
    }
  }
  return false;
}
