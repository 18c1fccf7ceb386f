// A check's `seen` text is Markdown, and the values in it come from repositories and entities. A
// value goes in a code span that it cannot end (CommonMark 0.31 §6.1): the fence is one backtick
// longer than the longest run of backticks in it, and a space pads a value that starts or ends
// with a backtick (or starts and ends with a space, which a code span would strip).

export function codeSpan(value: string): string {
  const longest = (value.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  // Not /^ .*[^ ].* $/s, whose two `.*` share the value's characters: its square in time.
  const pad = /^`|`$/.test(value) || (value.startsWith(' ') && value.endsWith(' ') && /[^ ]/.test(value)) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * Repository text shown as written, not read as Markdown (a pull request's title, an error that
 * quotes a file): the characters that start inline Markdown are backslash-escaped (CommonMark §2.4).
 */
export function plainText(value: string): string {
  return value.replace(/[\\`*_[\]()<>!&~|#]/g, '\\$&');
}
