// Carries an edit made on a re-rendered document back onto the document as written. The yaml
// library re-renders a few things its own way (spaces before a comment, flow-list padding); when
// the rendering of the unedited document has the same lines as the original, the line diff
// rendered → edited is applied to the original, so every line the edit did not touch stays as
// written, byte for byte.

type Op = { type: 'same'; a: number } | { type: 'del'; a: number } | { type: 'add'; b: number };

const MAX_CELLS = 4_000_000;

/** Line diff of a → b: common prefix and suffix, then an LCS over the middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ type: 'same', a: i });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) ops.push({ type: 'del', a: i });
    for (let j = start; j < endB; j++) ops.push({ type: 'add', b: j });
  } else {
    // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        ops.push({ type: 'same', a: start + i });
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.push({ type: 'add', b: start + j });
        j++;
      } else {
        ops.push({ type: 'del', a: start + i });
        i++;
      }
    }
  }
  for (let i = endA; i < a.length; i++) ops.push({ type: 'same', a: i });
  return ops;
}

/**
 * `edited` as a change of `original`: `rendered` is how `original` re-renders before the edit.
 * Null when the rendering does not line up with the original (then the caller uses `edited`).
 */
export function carryEdit(original: string, rendered: string, edited: string): string | null {
  if (original === rendered) return edited;
  const o = original.split('\n');
  const r = rendered.split('\n');
  if (o.length !== r.length) return null;
  const e = edited.split('\n');
  const out: string[] = [];
  for (const op of diffLines(r, e)) {
    if (op.type === 'same') out.push(o[op.a]);
    else if (op.type === 'add') out.push(e[op.b]);
  }
  return out.join('\n');
}
