import { createProcessor } from '@mdx-js/mdx';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString as hastText } from 'hast-util-to-string';
import { raw } from 'hast-util-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { VFile } from 'vfile';
import { applyAbbreviations, takeAbbreviations } from './abbreviations';
import { applyAttrLists } from './attr-lists';
import { applyInlineMarks } from './inline-marks';
import { markPageDates } from './page-date';
import { expandBlocks } from './blocks';
import { applyEmoji } from './emoji';
import { fencedLines } from './fences';
import { DocsCompileError } from './compile-error';
import { splitFrontMatter } from './front-matter';
import { highlightCode } from './highlight';
import { listItem } from './list-item';
import { rewriteLink, type LinkBases } from './paths';
import { remarkBlocks, remarkSafeMdx, type PageContext, type Slot } from './remark-plugins';
import { docsSanitizeSchema } from './sanitize-schema';

// One docs page: Markdown (CommonMark + GFM) or MDX, compiled with @mdx-js/mdx's processor on the
// server. Nothing the author wrote runs: MDX's ESM and expressions are refused (remarkSafeMdx), raw
// HTML passes the sanitiser, and the result is kept as an HTML string; the JavaScript that MDX
// would generate is never produced (the tree is taken out before the recma stage) nor evaluated.

export type TocEntry = { depth: number; id: string; text: string };
export type PageSection = { id: string | null; heading: string; text: string };
export type RenderedPage = { title: string | null; html: string; toc: TocEntry[]; sections: PageSection[] };

export { DocsCompileError };

export type RenderInput = { source: string; file: string; bases: LinkBases };

const MAX_SECTION_TEXT = 20_000;

type Format = 'md' | 'mdx';
type Captured = { tree?: HastRoot };

// One processor per format, reused: creating one costs more than compiling a typical page. What
// differs per page travels in `file.data` (remark-plugins.ts PageContext, the captured tree).
const processors = new Map<Format, ReturnType<typeof createProcessor>>();

function processorFor(format: Format) {
  let p = processors.get(format);
  if (!p) {
    p = createProcessor({
      format,
      // A single `~` is pymdownx.tilde's subscript in TechDocs, not a strikethrough (inline-marks.ts).
      remarkPlugins: [[remarkGfm, { singleTilde: false }], remarkSafeMdx, remarkBlocks],
      // Footnote ids get their prefix from the sanitiser's clobbering (see rewriteLinks).
      remarkRehypeOptions: { clobberPrefix: '', handlers: { listItem } },
      rehypePlugins: [
        // Raw HTML (Markdown pages) is parsed into elements for the sanitiser; parse5 costs a few
        // milliseconds per page, so pages without raw HTML skip it.
        () => (tree: HastRoot, vfile: VFile) => (hasRaw(tree) ? (raw(tree, { file: vfile }) as HastRoot) : tree),
        [rehypeSanitize, docsSanitizeSchema],
        () => (tree: HastRoot, vfile: VFile) => {
          (vfile.data as { captured: Captured }).captured.tree = { type: 'root', children: tree.children };
          // Nothing for MDX's JavaScript stage to generate from.
          tree.children = [];
        },
      ],
    });
    processors.set(format, p);
  }
  return p;
}

function hasRaw(node: HastRoot | ElementContent): boolean {
  return node.type === 'raw' || ('children' in node && node.children.some((c) => hasRaw(c as ElementContent)));
}

/**
 * micromark matches the emphasis and strikethrough markers (and footnote references) of one piece
 * of inline text (a paragraph, a list item's, a heading, a table cell) against each other, in time
 * that grows with the square of their number: 25 KB of `*a` in one paragraph took 2 s, a page may
 * hold 1 MB, and it is compiled on the server's thread. Each such block weighs the square of its
 * markers; a page past this (~0.6 s at worst) is refused. Ordinary pages weigh a few thousand.
 */
const MAX_MARKER_WEIGHT = 40_000_000;
/**
 * micromark (with GFM) also joins the pieces of text of each line of a block once per line, over
 * the whole block: its lines times its pieces (words and punctuation marks). A paragraph of 50,000
 * lines `a b` (200 KB) took 8.5 s, a quote of 20,000 lines `> [!NOTE]` 4 s; past this ~0.6 s at
 * worst. A paragraph of 1,000 lines of 10 words weighs about 12 million.
 */
const MAX_LINE_WEIGHT = 350_000_000;
const MARKERS = /[*_~]+|\[\^/g;
const PIECES = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
/** Lines that start inline text of their own: a bullet item, a heading (which ends there too). */
const BULLET = /^ {0,3}[-*+][ \t]/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

type Heavy = { line: number; markers: number } | { line: number; lines: number; pieces: number };

/** The heaviest block, when the page's blocks weigh more than one of the limits above together. */
function overweightBlock(text: string): Heavy | null {
  const weight = { markers: 0, lines: 0 };
  const block = { markers: 0, lines: 0, pieces: 0, start: 1 };
  const worst = { markers: { markers: 0, line: 1 }, lines: { lines: 0, pieces: 0, line: 1 } };
  let inTable = false;
  const fenced = fencedLines();
  const close = (next: number) => {
    weight.markers += block.markers * block.markers;
    weight.lines += block.lines * block.pieces;
    if (block.markers > worst.markers.markers) worst.markers = { markers: block.markers, line: block.start };
    if (block.lines * block.pieces > worst.lines.lines * worst.lines.pieces)
      worst.lines = { lines: block.lines, pieces: block.pieces, line: block.start };
    Object.assign(block, { markers: 0, lines: 0, pieces: 0, start: next });
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    // A fenced code block is no inline text.
    if (fenced(line)) return close(i + 2);
    if (!/\S/.test(line)) {
      inTable = false;
      return close(i + 2);
    }
    // A table's rows (after its delimiter row) are cells of their own, to its end.
    if (!inTable && i > 0 && TABLE_DELIMITER.test(line) && /\|/.test(line + lines[i - 1])) inTable = true;
    // A row or heading is a block of its own; a bullet item starts one.
    const alone = inTable || HEADING.test(line);
    if (alone || BULLET.test(line)) close(i + 1);
    block.markers += line.match(MARKERS)?.length ?? 0;
    block.lines++;
    block.pieces += line.match(PIECES)?.length ?? 0;
    if (alone) close(i + 2);
  });
  close(lines.length + 1);
  if (weight.markers > MAX_MARKER_WEIGHT) return worst.markers;
  return weight.lines > MAX_LINE_WEIGHT ? worst.lines : null;
}

function overweightMessage(heavy: Heavy): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return 'markers' in heavy
    ? `a paragraph holds ${n(heavy.markers)} emphasis or strikethrough markers (*, _, ~), more than the page can be rendered with in time; split it with blank lines, or escape the markers (\\*)`
    : `a paragraph of ${n(heavy.lines)} lines and ${n(heavy.pieces)} words and punctuation marks is more than the page can be rendered with in time; split it with blank lines, or put it in a code block`;
}

export async function renderPage({ source, file, bases }: RenderInput): Promise<RenderedPage> {
  const front = splitFrontMatter(source);
  const { body, abbreviations } = takeAbbreviations(front.body);
  const { text, lineMap } = expandBlocks(body);
  const srcLine = (line: number | undefined) => (line ? (lineMap[line - 1] ?? line) : 1);
  const heavy = overweightBlock(text);
  if (heavy) throw new DocsCompileError(file, srcLine(heavy.line), 1, overweightMessage(heavy));
  const slots: Slot[] = [];
  const captured: Captured = {};
  const processor = processorFor(/\.mdx$/i.test(file) ? 'mdx' : 'md');
  const vfile = new VFile({ path: file, value: text, data: { wf: { file, srcLine, slots } satisfies PageContext, captured } });
  try {
    await processor.run(processor.parse(vfile) as never, vfile);
  } catch (err) {
    if (err instanceof DocsCompileError) throw err;
    const e = err as {
      line?: number;
      column?: number;
      reason?: string;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    // micromark's MDX errors carry the position only in the message: "… (3:1-3:22)".
    const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(e.reason ?? '');
    const line = e.line ?? e.place?.line ?? e.place?.start?.line ?? (inText ? Number(inText[1]) : undefined);
    const column = e.column ?? e.place?.column ?? e.place?.start?.column ?? (inText ? Number(inText[2]) : 1);
    throw new DocsCompileError(file, srcLine(line), column, `could not parse the page: ${e.reason ?? (err as Error).message}`);
  }
  const tree = captured.tree!;
  applyAttrLists(tree);
  await fillSlots(tree, slots);
  buildBlocks(tree);
  applyInlineMarks(tree);
  applyEmoji(tree);
  markPageDates(tree);
  applyAbbreviations(tree, abbreviations);
  rewriteLinks(tree, file, bases);
  labelTaskItems(tree);
  // Material shows the page's title as its h1 when the page has none.
  if (front.title && !hasH1(tree)) tree.children.unshift(el('h1', {}, [txt(front.title)]));
  const { title, toc } = addHeadingAnchors(tree);
  return { title: front.title ?? title, html: toHtml(tree), toc, sections: sectionsOf(tree) };
}

function hasH1(tree: HastRoot): boolean {
  let found = false;
  walk(tree, (node) => {
    found ||= node.tagName === 'h1';
  });
  return found;
}

function walk(node: HastRoot | Element, visit: (el: Element, parent: HastRoot | Element, index: number) => void): void {
  node.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    visit(child, node, i);
    walk(child, visit);
  });
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const txt = (value: string): ElementContent => ({ type: 'text', value });

/** Code and Mermaid blocks were held out of the sanitiser as numbered slots; put them back. */
async function fillSlots(tree: HastRoot, slots: Slot[]): Promise<void> {
  const targets: { parent: HastRoot | Element; index: number; slot: Slot }[] = [];
  walk(tree, (node, parent, index) => {
    const id = node.tagName === 'div' ? Number(node.properties.dataWfSlot) : NaN;
    if (Number.isInteger(id) && slots[id]) targets.push({ parent, index, slot: slots[id] });
  });
  for (const { parent, index, slot } of targets) {
    parent.children[index] =
      slot.kind === 'mermaid'
        ? el('div', { className: ['wf-mermaid'] }, [el('pre', { className: ['mermaid'] }, [txt(slot.code)])])
        : await highlightCode(slot.code, slot.lang, slot.meta);
  }
}

const CALLOUT_TYPES = new Set([
  'note',
  'abstract',
  'summary',
  'tldr',
  'info',
  'todo',
  'tip',
  'hint',
  'important',
  'success',
  'check',
  'done',
  'question',
  'help',
  'faq',
  'warning',
  'caution',
  'attention',
  'failure',
  'fail',
  'missing',
  'danger',
  'error',
  'bug',
  'example',
  'quote',
  'cite',
]);

/** Callouts, details and tab sets from the blocks remarkBlocks marked (attributes are text only). */
function buildBlocks(tree: HastRoot): void {
  walk(tree, (node) => {
    const block = node.properties.dataWfBlock;
    if (node.tagName !== 'div' || typeof block !== 'string') return;
    const type = String(node.properties.dataWfType ?? 'note').toLowerCase();
    const cls = CALLOUT_TYPES.has(type) ? type : 'note';
    const title = String(node.properties.dataWfTitle ?? '');
    const body = node.children;
    if (block === 'admonition') {
      Object.assign(
        node,
        el('aside', { className: ['wf-callout', `wf-callout-${cls}`], role: 'note' }, [
          // `!!! note ""` has no title (Material draws no title bar).
          ...(title ? [el('p', { className: ['wf-callout-title'] }, [txt(title)])] : []),
          el('div', { className: ['wf-callout-body'] }, body),
        ]),
      );
    } else if (block === 'details') {
      Object.assign(
        node,
        el('details', { className: ['wf-callout', `wf-callout-${cls}`], open: node.properties.dataWfOpen === '1' }, [
          el('summary', { className: ['wf-callout-title'] }, [txt(title)]),
          el('div', { className: ['wf-callout-body'] }, body),
        ]),
      );
    } else if (block === 'tabs') {
      const tabs = body.filter((c): c is Element => c.type === 'element' && c.properties.dataWfBlock === 'tab');
      const list = el(
        'div',
        { className: ['wf-tab-list'], role: 'tablist' },
        tabs.map((t, i) =>
          el(
            'button',
            { type: 'button', role: 'tab', className: ['wf-tab'], ariaSelected: i === 0 ? 'true' : 'false', dataWfTab: String(i) },
            [txt(String(t.properties.dataWfTitle ?? `Tab ${i + 1}`))],
          ),
        ),
      );
      const panels = tabs.map((t, i) =>
        el('div', { className: ['wf-tab-panel'], role: 'tabpanel', dataWfPanel: String(i) }, [
          el('p', { className: ['wf-tab-panel-title'] }, [txt(String(t.properties.dataWfTitle ?? ''))]),
          ...t.children,
        ]),
      );
      Object.assign(node, el('div', { className: ['wf-tabs'] }, [list, ...panels]));
    } else if (block === 'deflist') {
      Object.assign(
        node,
        el(
          'dl',
          {},
          body.filter((c) => c.type === 'element'),
        ),
      );
    } else if (block === 'term') {
      // The term was written as a paragraph of its own.
      const only = body.filter((c) => c.type === 'element');
      Object.assign(node, el('dt', {}, only.length === 1 && only[0].tagName === 'p' ? only[0].children : body));
    } else if (block === 'definition') {
      Object.assign(node, el('dd', {}, body));
    } else {
      // A stray tab outside a set, or a block name an author typed: keep its content only.
      Object.assign(node, el('div', {}, body));
    }
  });
}

function rewriteLinks(tree: HastRoot, file: string, bases: LinkBases): void {
  const ids = new Set<string>();
  walk(tree, (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  // Images inside a link (a README's badges: `[![build](https://ci/badge.svg)](https://ci/)`).
  const linkedImages = new WeakSet<Element>();
  const markLinked = (node: HastRoot | Element, inLink: boolean): void =>
    node.children.forEach((c) => {
      if (c.type !== 'element') return;
      if (inLink && c.tagName === 'img') linkedImages.add(c);
      markLinked(c, inLink || c.tagName === 'a');
    });
  markLinked(tree, false);
  walk(tree, (node) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      const href = node.properties.href;
      // In-page anchors to sanitised ids (footnotes, author anchors) follow the prefix.
      if (href.startsWith('#') && ids.has(`user-content-${href.slice(1)}`)) {
        node.properties.href = `#user-content-${href.slice(1)}`;
        return;
      }
      const link = rewriteLink(href, file, bases);
      node.properties.href = link.href;
      if (link.external) {
        node.properties.rel = ['noopener', 'noreferrer'];
        node.properties.target = '_blank';
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'wf-external'];
      }
      if (link.broken) node.properties.className = ['wf-broken-link'];
    }
    if (node.tagName === 'img' && typeof node.properties.src === 'string') {
      const link = rewriteLink(node.properties.src, file, bases);
      if (link.external) {
        // Images from other origins are not loaded: they would tell a third party who reads which
        // docs. The reader gets a link to the image instead, or, inside a link (a link in a link
        // is no HTML: the browser would split them), the image's text, which keeps that link's target.
        const alt = txt(String(node.properties.alt || 'image'));
        Object.assign(
          node,
          linkedImages.has(node)
            ? el('span', { className: ['wf-remote-image'] }, [alt])
            : el(
                'a',
                { href: link.href, rel: ['noopener', 'noreferrer'], target: '_blank', className: ['wf-external', 'wf-remote-image'] },
                [alt],
              ),
        );
        return;
      }
      node.properties.src = link.href;
      node.properties.loading = 'lazy';
      node.properties.referrerPolicy = 'no-referrer';
    }
  });
}

/** A task list's checkbox is named by its item's text (GFM renders it unlabelled). */
function labelTaskItems(tree: HastRoot): void {
  walk(tree, (node) => {
    if (node.tagName !== 'li') return;
    const first = node.children.find((c): c is Element => c.type === 'element');
    const holder = first?.tagName === 'p' ? first : node;
    const box = holder.children.find((c): c is Element => c.type === 'element');
    if (box?.tagName !== 'input' || box.properties.type !== 'checkbox') return;
    const text = node.children
      .filter((c) => !(c.type === 'element' && /^(ul|ol)$/.test(c.tagName)))
      .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? hastText(c) : ''))
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) box.properties.ariaLabel = text.slice(0, 200);
  });
}

/**
 * Ids of the portal's page around the docs (app/(portal)/layout.tsx's main, the page feedback of
 * components/insights/page-activity.tsx): a heading named the same gets the next free id, as a
 * second heading of a name does ("## Content" → `content-1`), so its anchor and the skip link, the
 * feedback form's label, each still reach their own element.
 */
const PORTAL_IDS = ['content', 'feedback-question', 'feedback-comment'];

function addHeadingAnchors(tree: HastRoot): { title: string | null; toc: TocEntry[] } {
  const slugger = new GithubSlugger();
  for (const id of PORTAL_IDS) slugger.slug(id);
  const toc: TocEntry[] = [];
  let title: string | null = null;
  walk(tree, (node) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (!m) return;
    const depth = Number(m[1]);
    const last = node.children[node.children.length - 1];
    const attr = last?.type === 'text' ? headingAttr(last.value) : null;
    if (attr && last.type === 'text') last.value = last.value.slice(0, attr.index);
    const text = hastText(node).trim();
    const id = attr ? slugger.slug(attr.id) : slugger.slug(text || 'section');
    node.properties.id = id;
    node.children.push(el('a', { href: `#${id}`, className: ['wf-anchor'], ariaLabel: `Link to ${text}` }, [txt('#')]));
    if (depth === 1 && title === null) title = text;
    else if (depth <= 3 && !(node.properties.className as string[] | undefined)?.includes('sr-only')) toc.push({ depth, id, text });
  });
  return { title, toc };
}

/**
 * Python-Markdown's attr_list at the end of a heading: `## Title {#custom-id}` sets the anchor; the
 * text is cut at `index`. The same result as /\s*\{\s*#([\w-]+)[^}]*\}\s*$/ (the first `{#id`
 * after the next-to-last `}`, and the blanks before it), found in linear time: that regex,
 * unanchored, was retried from every blank of the heading, O(n²) (80,000 blanks: seconds).
 */
function headingAttr(value: string): { id: string; index: number } | null {
  const body = value.trimEnd();
  if (!body.endsWith('}')) return null;
  const open = /\{\s*#([\w-]+)/g;
  open.lastIndex = body.lastIndexOf('}', body.length - 2) + 1;
  const m = open.exec(body);
  if (!m) return null;
  let index = m.index;
  while (index > 0 && /\s/.test(body[index - 1])) index--;
  return { id: m[1], index };
}

/** Text of the page split at its headings, for search (a hit links to its heading). */
function sectionsOf(tree: HastRoot): PageSection[] {
  const sections: PageSection[] = [{ id: null, heading: '', text: '' }];
  const collect = (nodes: RootContent[] | ElementContent[]) => {
    for (const n of nodes) {
      if (n.type === 'text') sections[sections.length - 1].text += n.value;
      if (n.type !== 'element') continue;
      if (/^h[1-6]$/.test(n.tagName)) {
        sections.push({ id: String(n.properties.id), heading: hastText(n).replace(/#$/, '').trim(), text: '' });
        continue;
      }
      if (n.tagName === 'button') continue;
      collect(n.children);
      if (/^(p|li|pre|div|tr|h\d|figure|aside)$/.test(n.tagName)) sections[sections.length - 1].text += ' ';
    }
  };
  collect(tree.children);
  return sections
    .map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim().slice(0, MAX_SECTION_TEXT) }))
    .filter((s) => s.heading || s.text);
}
