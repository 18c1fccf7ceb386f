import { fencedLines } from './fences';

// MkDocs Material / pymdownx block syntax, which is indentation-based and has no Markdown parser
// extension: admonitions (`!!! note "Title"`), collapsible details (`??? warning`, `???+` open),
// content tabs (`=== "Tab"`) and definition lists (`term` then `:   definition`). Before parsing,
// each block becomes a pair of marker paragraphs around its dedented body; after parsing,
// `remarkBlocks` (render.ts) turns the markers back into containers. The markers are plain text in
// both Markdown and MDX, so one path serves both.

export type BlockKind = 'admonition' | 'details' | 'tab' | 'deflist' | 'term' | 'definition';
const KINDS: ReadonlySet<string> = new Set<BlockKind>(['admonition', 'details', 'tab', 'deflist', 'term', 'definition']);
export type BlockOpen = { kind: BlockKind; type: string; title: string; open: boolean };

const OPEN = 'WFBLOCK:open:';
const CLOSE = 'WFBLOCK:close';
// A block's first line: marker, optional type (with extra words such as `inline end`), optional
// "title". Each run of blanks belongs to the part that follows it, so a line that is not a header
// fails in linear time: with adjacent optional runs (`[ \t]*(type)?[ \t]*("title")?[ \t]*$`) a
// line of `!!!`, n blanks and one other character took O(n³) steps (3,000 blanks: seconds).
const HEAD = /^( *)(!!!|\?\?\?\+?|===\+?)(?:[ \t]*([A-Za-z][\w-]*)(?:[ \t]+[\w-]+)*)?(?:[ \t]*"([^"]*)")?[ \t]*$/;
// md_in_html (Python-Markdown): an HTML block whose opening tag, alone on its line, has a `markdown`
// attribute holds Markdown. CommonMark ends an HTML block only at a blank line, so one goes after the
// opening tag and before the matching closing tag (alone on its line); the sanitiser drops the attribute.
// The tag and its attribute are matched apart: one pattern for both backtracked over every
// ` markdown` of a long line without `>`, in time that grew with the square of the line.
const HTML_OPEN = /^ *<([a-z][a-z0-9]*)\b([^>]*)>\s*$/i;
const MARKDOWN_ATTR = /(?:^|\s)markdown(?=[\s=]|$)/i;
// def_list (Python-Markdown): a paragraph of terms, one a line (a blank line may follow it), then
// `:` and one to three blanks opening each definition, whose further lines are indented by four.
const DEFINITION = /^( {0,3}):[ \t]+(\S.*)$/;
// GitHub alerts, which TechDocs turns into admonitions (techdocs-core's gh-admonitions plugin,
// https://github.com/PGijsbers/admonitions): `> [!NOTE]` at the start of a line, then the lines
// starting `> ` and more; caution is shown as danger and important as warning, titled by the alert.
const ALERT = /^> {0,3}\[!(note|tip|important|caution|warning)\] *$/i;
const ALERT_BODY = /^> +/;
const ALERT_TYPES: Record<string, string> = { caution: 'danger', important: 'warning' };

/**
 * Terms are a line each, and a list has a few per definition; a longer paragraph is not read back
 * (each `:` line would read the whole paragraph before it: a page of them took time in their square).
 */
const MAX_TERMS = 20;
/** Lines that start a block of their own, so they cannot be a term. */
const NOT_TERM = /^ *(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d+[.)][ \t]|\||<|`{3}|~{3}|!!!|\?\?\?|===|WFBLOCK:)/;

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
  if (!KINDS.has(kind)) return null;
  let decoded = '';
  try {
    decoded = decodeURIComponent(title ?? '');
  } catch {
    decoded = '';
  }
  return { kind: kind as BlockKind, type: type || 'note', open: open === '1', title: decoded };
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
  const fenced = fencedLines();
  // Open md_in_html elements, innermost last, with how many of the same tag are open inside each.
  const html: { open: RegExp; close: RegExp; depth: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    if (fenced(line)) {
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
    const alert = ALERT.exec(line);
    if (alert && ALERT_BODY.test(lines[i + 1]?.text ?? '')) {
      let j = i + 1;
      while (j < lines.length && ALERT_BODY.test(lines[j].text)) j++;
      const body = lines.slice(i + 1, j).map((l) => ({ text: l.text.slice(2), src: l.src }));
      while (body.length && body[body.length - 1].text.trim() === '') body.pop();
      const name = alert[1].toLowerCase();
      pushBlock(out, lines[i], `${OPEN}admonition:${ALERT_TYPES[name] ?? name}:0:${encode(titleCase(name))}`, body);
      i = j - 1;
      continue;
    }
    const def = DEFINITION.exec(line);
    const terms = def && takeTerms(out, def[1]);
    if (def && terms) {
      i = expandDefinitions(lines, i, out, terms, def[1]) - 1;
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
    const { body, next } = bodyOf(lines, i + 1, indent);
    const open = marker.endsWith('+') ? '1' : '0';
    pushBlock(out, lines[i], `${indent}${OPEN}${kind}:${encode(type)}:${open}:${encode(shownTitle)}`, body);
    i = next - 1;
  }
  return out;
}

/** The lines from `start` indented by four more than `indent` (or blank), dedented, without trailing blanks. */
function bodyOf(lines: Line[], start: number, indent: string): { body: Line[]; next: number } {
  const bodyIndent = `${indent}    `;
  const body: Line[] = [];
  let j = start;
  for (; j < lines.length; j++) {
    const l = lines[j].text;
    if (l.trim() === '' || l.startsWith(bodyIndent))
      body.push({ text: l.startsWith(bodyIndent) ? indent + l.slice(bodyIndent.length) : '', src: lines[j].src });
    else break;
  }
  while (body.length && body[body.length - 1].text.trim() === '') body.pop();
  return { body, next: j };
}

/** An opening marker (at the source line of `head`), the expanded body and a closing marker. */
function pushBlock(out: Line[], head: Line, marker: string, body: Line[]): void {
  const indent = /^ */.exec(marker)![0];
  const at = (text: string) => ({ text, src: head.src });
  const end = body.length ? body[body.length - 1].src : head.src;
  out.push(at(''), at(marker), at(''));
  // One by one: spread into push, 150,000 lines overflow the stack.
  for (const line of expandLines(body)) out.push(line);
  out.push({ text: '', src: end }, { text: `${indent}${CLOSE}`, src: end }, { text: '', src: end });
}

/**
 * The terms of a definition list whose first definition is at `lines[i]`: the paragraph just
 * written to `out` (a blank line may part it from the definition), taken off `out`. Null when the
 * lines before are no paragraph of terms.
 */
function takeTerms(out: Line[], indent: string): Line[] | null {
  let end = out.length;
  if (end && out[end - 1].text.trim() === '') end--;
  let start = end;
  while (start > 0 && end - start <= MAX_TERMS && out[start - 1].text.trim() !== '') start--;
  if (end - start > MAX_TERMS) return null;
  const terms = out.slice(start, end);
  if (!terms.length || !terms.every((t) => t.text.startsWith(indent) && t.text[indent.length] !== ' ' && !NOT_TERM.test(t.text)))
    return null;
  out.length = start;
  return terms;
}

/** A definition list from its first definition at `lines[i]`: its terms, then each definition. Returns the next line. */
function expandDefinitions(lines: Line[], i: number, out: Line[], terms: Line[], indent: string): number {
  const head = lines[i];
  out.push({ text: '', src: head.src }, { text: `${indent}${OPEN}deflist:::`, src: head.src });
  for (const term of terms) pushBlock(out, term, `${indent}${OPEN}term:::`, [term]);
  let next = i;
  for (let def = DEFINITION.exec(lines[i].text); def && def[1] === indent; def = DEFINITION.exec(lines[next]?.text ?? '')) {
    const { body, next: after } = bodyOf(lines, next + 1, indent);
    pushBlock(out, lines[next], `${indent}${OPEN}definition:::`, [{ text: indent + def[2], src: lines[next].src }, ...body]);
    next = after;
    // A term may have several definitions, blank lines apart.
    let k = next;
    while (k < lines.length && lines[k].text.trim() === '') k++;
    if (!DEFINITION.test(lines[k]?.text ?? '')) break;
    next = k;
  }
  const end = lines[next - 1]?.src ?? head.src;
  out.push({ text: `${indent}${CLOSE}`, src: end }, { text: '', src: end });
  return next;
}
