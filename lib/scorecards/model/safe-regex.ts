// A scorecard's `matches` patterns come from anyone who may write a scorecard file, and each is run
// against every entity. JavaScript's regex engine backtracks, so a pattern such as `(a+)+$` can take
// exponential time on a crafted value. Patterns are therefore held to an RE2-like subset: bounded
// length, no backreferences or lookaround, and no quantified group that itself contains a
// quantifier (the shape of every catastrophic pattern); values are capped in length too.

export const MAX_PATTERN_LENGTH = 200;
export const MAX_VALUE_LENGTH = 1_000;

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
  return null;
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
    else if (c === '(') stack.push({ quantified: false });
    else if (c === ')') {
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
