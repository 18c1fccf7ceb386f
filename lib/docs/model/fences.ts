// Fenced code (``` or ~~~, closed by a run of the same character at least as long, alone on its
// line) in a page's lines: what lies inside is code, not Markdown. The line-based passes over a page
// (blocks, abbreviations, the render-cost check) skip it alike.

const FENCE = /^ *(`{3,}|~{3,})/;

/** Told a page's lines in order, says whether each belongs to fenced code (its fence lines included). */
export function fencedLines(): (line: string) => boolean {
  let fence: string | null = null;
  return (line) => {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
      return true;
    }
    if (f) fence = f[1];
    return f !== null;
  };
}
