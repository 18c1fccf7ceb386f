// MkDocs Material / pymdownx block syntax, which is indentation-based and has no Markdown parser
// extension: admonitions (`!!! note "Title"`), collapsible details (`??? warning`, `???+` open)
// and content tabs (`=== "Tab"`). Before parsing, each block becomes a pair of marker paragraphs
// around its dedented body; after parsing, `remarkBlocks` (render.ts) turns the markers back into
// containers. The markers are plain text in both Markdown and MDX, so one path serves both.

export type BlockKind = 'admonition' | 'details' | 'tab';
export type BlockOpen = { kind: BlockKind; type: string; title: string; open: boolean };

const OPEN = 'WFBLOCK:open:';
const CLOSE = 'WFBLOCK:close';
// A block's first line: marker, optional type (with extra words such as `inline end`), optional
// "title". Each run of blanks belongs to the part that follows it, so a line that is not a header
// fails in linear time: with adjacent optional runs (`[ \t]*(type)?[ \t]*("title")?[ \t]*$`) a
// line of `!!!`, n blanks and one other character took O(n³) steps (3,000 blanks: seconds).
const HEAD = /^( *)(!!!|\?\?\?\+?|===\+?)(?:[ \t]*([A-Za-z][\w-]*)(?:[ \t]+[\w-]+)*)?(?:[ \t]*"([^"]*)")?[ \t]*$/;
const FENCE = /^ *(`{3,}|~{3,})/;
// md_in_html (Python-Markdown): an HTML block whose opening tag, alone on its line, has a `markdown`
// attribute holds Markdown. CommonMark ends an HTML block only at a blank line, so one goes after the
// opening tag and before the matching closing tag (alone on its line); the sanitiser drops the attribute.
// The tag and its attribute are matched apart: one pattern for both backtracked over every
// ` markdown` of a long line without `>`, in time that grew with the square of the line.
const HTML_OPEN = /^ *<([a-z][a-z0-9]*)\b([^>]*)>\s*$/i;
const MARKDOWN_ATTR = /(?:^|\s)markdown(?=[\s=]|$)/i;

/** Encodes a title so that no Markdown or MDX syntax in it is interpreted inside the marker. */
function encode(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) =>
    /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
  ).join('');
}

export function parseMarker(text: string): BlockOpen | 'close' | null {
  if (text === CLOSE) return 'close';
  if (!text.startsWith(OPEN)) return null;
  const [kind, type, open, title] = text.slice(OPEN.length).split(':');
  if (kind !== 'admonition' && kind !== 'details' && kind !== 'tab') return null;
  let decoded = '';
  try {
    decoded = decodeURIComponent(title ?? '');
  } catch {
    decoded = '';
  }
  return { kind, type: type || 'note', open: open === '1', title: decoded };
}

function titleCase(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/**
 * Rewrites MkDocs blocks into marker paragraphs. Lines inside fenced code are left alone; a block's
 * body is every following line indented by four more spaces (or blank), as in Python-Markdown.
 */
export function expandBlocks(source: string): { text: string; lineMap: number[] } {
  const lines = source.split(/\r?\n/).map((text, i) => ({ text, src: i + 1 }));
  const out = expandLines(lines);
  // lineMap[n - 1] is the source line of output line n, for error positions.
  return { text: out.map((l) => l.text).join('\n'), lineMap: out.map((l) => l.src) };
}

type Line = { text: string; src: number };

function expandLines(lines: Line[]): Line[] {
  const out: Line[] = [];
  let fence: string | null = null;
  // Open md_in_html elements, innermost last, with how many of the same tag are open inside each.
  const html: { open: RegExp; close: RegExp; depth: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
      out.push(lines[i]);
      continue;
    }
    if (f) {
      fence = f[1];
      out.push(lines[i]);
      continue;
    }
    const inner = html[html.length - 1];
    if (inner) {
      const opens = line.match(inner.open)?.length ?? 0;
      const closes = line.match(inner.close)?.length ?? 0;
      if (!opens && closes === 1 && inner.depth === 0 && line.trim().toLowerCase().startsWith('</')) {
        html.pop();
        out.push({ text: '', src: lines[i].src }, lines[i]);
        continue;
      }
      inner.depth = Math.max(0, inner.depth + opens - closes);
    }
    const tag = HTML_OPEN.exec(line);
    if (tag && MARKDOWN_ATTR.test(tag[2])) {
      html.push({ open: new RegExp(`<${tag[1]}[\\s>]`, 'gi'), close: new RegExp(`</${tag[1]}\\s*>`, 'gi'), depth: 0 });
      out.push(lines[i], { text: '', src: lines[i].src });
      continue;
    }
    const m = HEAD.exec(line);
    if (!m) {
      out.push(lines[i]);
      continue;
    }
    const [, indent, marker, typeWord, title] = m;
    const kind: BlockKind = marker.startsWith('!') ? 'admonition' : marker.startsWith('?') ? 'details' : 'tab';
    if (kind === 'tab' && title === undefined) {
      out.push(lines[i]);
      continue;
    }
    const type = kind === 'tab' ? 'tab' : (typeWord ?? 'note').toLowerCase();
    const shownTitle = title ?? (kind === 'tab' ? '' : titleCase(type));
    const bodyIndent = `${indent}    `;
    const body: Line[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j].text;
      if (l.trim() === '' || l.startsWith(bodyIndent))
        body.push({ text: l.startsWith(bodyIndent) ? indent + l.slice(bodyIndent.length) : '', src: lines[j].src });
      else break;
    }
    while (body.length && body[body.length - 1].text.trim() === '') body.pop();
    const open = marker.endsWith('+') ? '1' : '0';
    const at = (text: string) => ({ text, src: lines[i].src });
    const end = body.length ? body[body.length - 1].src : lines[i].src;
    out.push(at(''), at(`${indent}${OPEN}${kind}:${encode(type)}:${open}:${encode(shownTitle)}`), at(''));
    // One by one: spread into push, 150,000 lines overflow the stack.
    for (const line of expandLines(body)) out.push(line);
    out.push({ text: '', src: end }, { text: `${indent}${CLOSE}`, src: end }, { text: '', src: end });
    i = j - 1;
  }
  return out;
}
